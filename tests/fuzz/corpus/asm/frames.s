// Frame layout: BP save, rounding, pseudo FP/SP, PUSH/POP tracking,
// stack-split prologues of every size class, NEEDCTXT and WRAPPER.
#include "textflag.h"
TEXT ·f8(SB),NOSPLIT,$8
	RET
TEXT ·f16args(SB),NOSPLIT,$16-24
	MOVQ	a+0(FP), AX
	MOVQ	b+8(FP), BX
	MOVQ	AX, ret+16(FP)
	MOVQ	x-8(SP), CX
	MOVQ	CX, y-16(SP)
	MOVQ	8(SP), DX
	LEAQ	a+0(FP), SI
	MOVQ	$a+0(FP), DI
	RET
TEXT ·f24(SB),NOSPLIT,$24
	RET
TEXT ·f32(SB),NOSPLIT,$32
	RET
TEXT ·f120(SB),NOSPLIT,$120
	RET
TEXT ·f128(SB),NOSPLIT,$128
	RET
TEXT ·f0call(SB),$0
	CALL	·f8(SB)
	RET
TEXT ·f0nocall(SB),$0
	RET
TEXT ·f0nosplitcall(SB),NOSPLIT,$0-8
	CALL	·f8(SB)
	MOVQ	x+0(FP), AX
	RET
TEXT ·fneg(SB),$-8
	CALL	·f8(SB)
	RET
TEXT ·fnegnosplit(SB),NOSPLIT,$-8
	MOVQ	x+0(FP), AX
	MOVQ	y-8(SP), AX
	RET
TEXT ·fbig(SB),$200
	CALL	·f8(SB)
	RET
TEXT ·fhuge(SB),$5000
	CALL	·f8(SB)
	RET
TEXT ·f4088(SB),$4088
	CALL	·f8(SB)
	RET
TEXT ·f4080(SB),$4080
	CALL	·f8(SB)
	RET
TEXT ·fsmall(SB),$16
	CALL	·f8(SB)
	RET
TEXT ·fsmall2(SB),$128
	CALL	·f8(SB)
	RET
TEXT ·fsmall3(SB),$120
	CALL	·f8(SB)
	RET
TEXT ·fleaf24(SB),$24-8
	MOVQ	x+0(FP), AX
	RET
TEXT ·fleaf112(SB),$112
	RET
TEXT ·fleaf120(SB),$120
	RET
TEXT ·fpanicdiv(SB),$64
	CALL	runtime·panicdivide(SB)
	RET
TEXT ·fpanicdiv2(SB),$112
	CALL	runtime·panicdivide(SB)
	RET
TEXT ·fctx(SB),NEEDCTXT,$16
	CALL	·f8(SB)
	RET
TEXT ·fnf(SB),NOFRAME,$0
	CALL	·f8(SB)
	RET
TEXT ·fnf16(SB),NOSPLIT|NOFRAME,$16
	MOVQ	x+0(FP), AX
	RET
TEXT ·fwrap(SB),WRAPPER,$16
	CALL	·f8(SB)
	RET
TEXT ·fwrapnosplit(SB),WRAPPER|NOSPLIT,$0
	RET
TEXT ·fwrapnosplit16(SB),NOSPLIT|WRAPPER,$16
	RET
TEXT ·f2ret(SB),NOSPLIT,$16
	JMP	2(PC)
	RET
	RET
TEXT ·fpush(SB),NOSPLIT,$16-8
	PUSHQ	AX
	MOVQ	x+0(FP), AX
	MOVQ	y-8(SP), AX
	POPQ	AX
	PUSHFQ
	MOVQ	x+0(FP), AX
	POPFQ
	PUSHW	AX
	MOVQ	x+0(FP), AX
	POPW	AX
	RET
TEXT ·fdup(SB),DUPOK|NOSPLIT,$0
	RET
TEXT ·flabelret(SB),NOSPLIT,$8
	CMPQ	AX, $0
	JEQ	done
	INCQ	AX
done:
	RET
TEXT ·fadjsp(SB),NOSPLIT,$8-8
	ADJSP	$16
	MOVQ	x+0(FP), AX
	MOVQ	y-8(SP), BX
	ADJSP	$-16
	ADJSP	$128
	ADJSP	$-128
	RET
#define MULTI(r) \
	PUSHQ	r \
	MOVQ	x+0(FP), r \
	POPQ	r
TEXT ·fmulti(SB),NOSPLIT,$0-8
	MULTI(AX)
	RET
