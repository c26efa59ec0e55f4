#include "textflag.h"

// Stores through a nil pointer: the CPU faults inside main·main.
TEXT main·main(SB),NOSPLIT,$0-0
	MOVQ	$0, AX
	MOVQ	$1, 0(AX)
	RET
