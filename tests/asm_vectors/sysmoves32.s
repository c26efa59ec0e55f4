// Segment pushes and pops and test-register moves that a 64-bit CPU does
// not decode but go1.19 still encodes (as 32-bit code): sim encodes them
// as Go does.  Not checked with Capstone (tests/test_asm_vectors.c).
#include "textflag.h"

TEXT ·sysmoves32(SB),NOSPLIT,$0
	PUSHL ES
	POPL ES
	PUSHW ES
	POPW ES
	PUSHL SS
	POPL SS
	PUSHW SS
	POPW SS
	PUSHL DS
	POPL DS
	PUSHW DS
	POPW DS
	PUSHL CS
	POPL DS
	PUSHW CS
	POPW DS
	PUSHL FS
	POPL FS
	PUSHL GS
	POPL GS
	MOVL TR6, AX
	MOVL AX, TR6
	MOVL TR6, R9
	MOVL R9, TR6
	MOVL TR6, (BX)
	MOVL (BX), TR6
	MOVL TR7, AX
	MOVL AX, TR7
	MOVL TR7, R9
	MOVL R9, TR7
	MOVL TR7, (BX)
	MOVL (BX), TR7
	RET
