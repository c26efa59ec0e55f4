#include "textflag.h"

// Calls a runtime function that neither the sources nor the models provide.
TEXT main·main(SB),NOSPLIT,$0-0
	CALL	runtime·nosuchfunc(SB)
	RET
