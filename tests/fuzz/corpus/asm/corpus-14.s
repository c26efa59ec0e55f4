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
TEXT ·chunk14(SB),NOSPLIT,$0
	MOVLQSX	R13, DI
	MOVLQZX	AX, BX
	MOVLQZX	8(SP), R9
	MOVLQZX	R13, DI
	LEAW	8(SP), AX
	LEAW	(AX)(BX*8), R10
	LEAW	-1(R13)(R12*4), SI
	LEAL	8(SP), AX
	LEAL	(AX)(BX*8), R10
	LEAL	-1(R13)(R12*4), SI
	LEAQ	8(SP), AX
	LEAQ	(AX)(BX*8), R10
	LEAQ	-1(R13)(R12*4), SI
	LEAQ	runtime·g0(SB), AX
	LEAQ	runtime·m0+m_tls(SB), DI
	LEAQ	local<>+8(SB), R15
	LEAQ	(-64*1024)(SP), BX
	LEAQ	0x12345(BP), CX
	LEAQ	0x10, AX
	RET
TEXT ·atomics(SB),NOSPLIT,$0
	XCHGB	AX, BX
	XCHGB	BX, AX
	XCHGB	CX, DX
	XCHGB	R8, (SI)
	XCHGB	(SI), R8
	CMPXCHGB	CX, (BX)
	XADDB	AX, 8(DI)
	LOCK
	CMPXCHGB	R9, (R10)
	LOCK
	XADDB	DX, runtime·g0(SB)
	LOCK
	ADDB	$1, (AX)
	LOCK
	ORB	AX, (R11)
	XCHGW	AX, BX
	XCHGW	BX, AX
	XCHGW	CX, DX
	XCHGW	R8, (SI)
	XCHGW	(SI), R8
	CMPXCHGW	CX, (BX)
	XADDW	AX, 8(DI)
	LOCK
	CMPXCHGW	R9, (R10)
	LOCK
	XADDW	DX, runtime·g0(SB)
	LOCK
	ADDW	$1, (AX)
	LOCK
	ORW	AX, (R11)
	XCHGL	AX, BX
	XCHGL	BX, AX
	XCHGL	CX, DX
	XCHGL	R8, (SI)
	XCHGL	(SI), R8
	CMPXCHGL	CX, (BX)
	XADDL	AX, 8(DI)
	LOCK
	CMPXCHGL	R9, (R10)
	LOCK
	XADDL	DX, runtime·g0(SB)
	LOCK
	ADDL	$1, (AX)
	LOCK
	ORL	AX, (R11)
	XCHGQ	AX, BX
	XCHGQ	BX, AX
	XCHGQ	CX, DX
	XCHGQ	R8, (SI)
	XCHGQ	(SI), R8
	CMPXCHGQ	CX, (BX)
	XADDQ	AX, 8(DI)
	LOCK
	CMPXCHGQ	R9, (R10)
	LOCK
	XADDQ	DX, runtime·g0(SB)
	LOCK
	ADDQ	$1, (AX)
	LOCK
