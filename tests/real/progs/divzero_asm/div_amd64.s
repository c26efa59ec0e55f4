#include "textflag.h"

TEXT ·div(SB),NOSPLIT,$0-24
	MOVQ a+0(FP), AX
	MOVQ b+8(FP), CX
	CQO
	IDIVQ CX
	MOVQ AX, ret+16(FP)
	RET
