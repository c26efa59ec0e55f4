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
TEXT ·chunk18(SB),NOSPLIT,$0
	ORPS	(AX), X9
	ORPS	16(SP), X3
	MOVUPS	(SI), X0
	MOVUPS	X0, (DI)
	MOVUPS	X1, X2
	MOVUPS	X12, 16(R9)
	MOVUPS	-32(SI)(BX*1), X14
	MOVAPS	(SI), X0
	MOVAPS	X0, (DI)
	MOVAPS	X1, X2
	MOVAPS	X12, 16(R9)
	MOVAPS	-32(SI)(BX*1), X14
	MOVOU	(SI), X0
	MOVOU	X0, (DI)
	MOVOU	X1, X2
	MOVOU	X12, 16(R9)
	MOVOU	-32(SI)(BX*1), X14
	MOVO	(SI), X0
	MOVO	X0, (DI)
	MOVO	X1, X2
	MOVO	X12, 16(R9)
	MOVO	-32(SI)(BX*1), X14
	MOVQ	AX, X0
	MOVQ	X0, AX
	MOVQ	X1, X2
	MOVQ	(AX), X3
	MOVQ	X4, (BX)
	MOVQ	R9, X10
	MOVQ	X11, R12
	MOVL	AX, X0
	MOVL	X1, BX
	MOVL	(CX), X2
	AESENC	X1, X2
	AESENC	(AX)(CX*8), X9
	AESENC	X15, X0
	AESENCLAST	X1, X2
	AESENCLAST	(AX)(CX*8), X9
	AESENCLAST	X15, X0
	AESDEC	X1, X2
	AESDEC	(AX)(CX*8), X9
	AESDEC	X15, X0
	PSHUFB	X1, X2
	PSHUFB	(AX)(CX*8), X9
	PSHUFB	X15, X0
	PCMPEQL	X1, X2
	PCMPEQL	(AX)(CX*8), X9
	PCMPEQL	X15, X0
	PADDQ	X1, X2
	PADDQ	(AX)(CX*8), X9
	PADDQ	X15, X0
	PSHUFHW	$0, X0, X0
	PSHUFL	$0x1b, X3, X12
	PINSRW	$4, CX, X0
	PINSRD	$2, (AX), X0
	PINSRQ	$1, (AX), X0
	PINSRQ	$1, R9, X10
	PMOVMSKB	X1, AX
	PMOVMSKB	X9, R10
	RET
TEXT ·tls(SB),NOSPLIT,$0
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	AX, g(CX)
	MOVQ	$0, g(CX)
	MOVQ	$0x123, g(BX)
	MOVQ	TLS, R9
	MOVQ	g(R9), R14
	MOVQ	R14, g(R9)
	CMPQ	g(CX), $0
	MOVQ	(TLS), DX
	MOVL	g(CX), AX
	RET
