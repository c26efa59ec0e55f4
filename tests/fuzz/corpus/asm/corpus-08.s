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
TEXT ·chunk8(SB),NOSPLIT,$0
	CMPL	AX, $1
	CMPL	BX, $1
	CMPL	R10, $0x7f
	CMPL	AX, $0x1234
	CMPL	DI, $0x1234
	CMPL	(AX), $-2
	CMPL	CX, DX
	CMPL	(R8), SI
	CMPL	SI, 24(R8)
	CMPL	runtime·g0(SB), $0
	CMPL	AX, runtime·g0(SB)
	TESTL	$1, AX
	TESTL	$1, BX
	TESTL	$0x40, R12
	TESTL	CX, DX
	TESTL	R9, (SP)
	TESTL	$2, 8(AX)
	CMPQ	AX, $1
	CMPQ	BX, $1
	CMPQ	R10, $0x7f
	CMPQ	AX, $0x1234
	CMPQ	DI, $0x1234
	CMPQ	(AX), $-2
	CMPQ	CX, DX
	CMPQ	(R8), SI
	CMPQ	SI, 24(R8)
	CMPQ	runtime·g0(SB), $0
	CMPQ	AX, runtime·g0(SB)
	TESTQ	$1, AX
	TESTQ	$1, BX
	TESTQ	$0x40, R12
	TESTQ	CX, DX
	TESTQ	R9, (SP)
	TESTQ	$2, 8(AX)
	CMPQ	AX, $0xfffffffffffff001
	CMPL	BX, $0x756E6547
	CMPQ	SP, 16(R14)
	SUBQ	$128, SP
	ADDQ	$128, SP
	SUBQ	$-128, AX
	ADDQ	$-128, AX
	ANDQ	$~15, SP
	ANDQ	$-16, SP
	INCB	AX
	INCB	R11
	INCB	(BX)
	INCW	AX
	INCW	R11
	INCW	(BX)
	INCL	AX
	INCL	R11
	INCL	(BX)
	INCQ	AX
	INCQ	R11
	INCQ	(BX)
	INCQ	runtime·g0(SB)
	DECB	AX
	DECB	R11
	DECB	(BX)
	DECW	AX
	DECW	R11
	DECW	(BX)
	DECL	AX
	DECL	R11
	DECL	(BX)
	DECQ	AX
	DECQ	R11
	DECQ	(BX)
	DECQ	runtime·g0(SB)
	NEGB	AX
	NEGB	R11
	NEGB	(BX)
	NEGW	AX
	NEGW	R11
	NEGW	(BX)
	NEGL	AX
	NEGL	R11
	NEGL	(BX)
	NEGQ	AX
	NEGQ	R11
