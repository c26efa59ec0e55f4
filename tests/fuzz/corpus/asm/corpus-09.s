#include "textflag.h"
#include "go_asm.h"
#include "go_tls.h"
// Instruction corpus: every operand form the assembler supports, with the
// bytes go1.19 produces in corpus.golden (regenerate with gen.sh).
#define	SIX	6
#define	MASK(n)	((1<<(n))-1)
#define TWICE(x) (2*(x))
#define TWOINC(r) \
	INCQ r; \
	INCQ r
TEXT ·chunk9(SB),NOSPLIT,$0
	NEGQ	(BX)
	NEGQ	runtime·g0(SB)
	NOTB	AX
	NOTB	R11
	NOTB	(BX)
	NOTW	AX
	NOTW	R11
	NOTW	(BX)
	NOTL	AX
	NOTL	R11
	NOTL	(BX)
	NOTQ	AX
	NOTQ	R11
	NOTQ	(BX)
	NOTQ	runtime·g0(SB)
	MULB	AX
	MULB	R11
	MULB	(BX)
	MULW	AX
	MULW	R11
	MULW	(BX)
	MULL	AX
	MULL	R11
	MULL	(BX)
	MULQ	AX
	MULQ	R11
	MULQ	(BX)
	MULQ	runtime·g0(SB)
	DIVB	AX
	DIVB	R11
	DIVB	(BX)
	DIVW	AX
	DIVW	R11
	DIVW	(BX)
	DIVL	AX
	DIVL	R11
	DIVL	(BX)
	DIVQ	AX
	DIVQ	R11
	DIVQ	(BX)
	DIVQ	runtime·g0(SB)
	IDIVB	AX
	IDIVB	R11
	IDIVB	(BX)
	IDIVW	AX
	IDIVW	R11
	IDIVW	(BX)
	IDIVL	AX
	IDIVL	R11
	IDIVL	(BX)
	IDIVQ	AX
	IDIVQ	R11
	IDIVQ	(BX)
	IDIVQ	runtime·g0(SB)
	RET
TEXT ·shifts(SB),NOSPLIT,$0
	SHLB	$1, AX
	SHLB	$3, R9
	SHLB	CX, DX
	SHLB	$5, 8(SP)
	SHLW	$1, AX
	SHLW	$3, R9
	SHLW	CX, DX
	SHLW	$5, 8(SP)
	SHLL	$1, AX
	SHLL	$3, R9
	SHLL	CX, DX
	SHLL	$5, 8(SP)
	SHLQ	$1, AX
	SHLQ	$3, R9
	SHLQ	CX, DX
	SHLQ	$5, 8(SP)
	SHLQ	CL, (AX)
	SHRB	$1, AX
	SHRB	$3, R9
	SHRB	CX, DX
	SHRB	$5, 8(SP)
	SHRW	$1, AX
	SHRW	$3, R9
	SHRW	CX, DX
