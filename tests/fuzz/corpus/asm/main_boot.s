// main·main of the default program: the main function of package main. It
// returns at once, so runtime·main goes straight on to exit(0).

#include "textflag.h"

TEXT main·main(SB),NOSPLIT,$0-0
	RET
