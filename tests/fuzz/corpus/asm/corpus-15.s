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
TEXT ·chunk15(SB),NOSPLIT,$0
	ORQ	AX, (R11)
	XCHGL	AX, AX
	XCHGQ	R8, AX
	CMPXCHG8B	(AX)
	CMPXCHG16B	(R9)
	RET
TEXT ·stack(SB),NOSPLIT,$0
	PUSHQ	AX
	POPQ	AX
	PUSHQ	CX
	POPQ	CX
	PUSHQ	DX
	POPQ	DX
	PUSHQ	BX
	POPQ	BX
	PUSHQ	SP
	POPQ	SP
	PUSHQ	BP
	POPQ	BP
	PUSHQ	SI
	POPQ	SI
	PUSHQ	DI
	POPQ	DI
	PUSHQ	R8
	POPQ	R8
	PUSHQ	R9
	POPQ	R9
	PUSHQ	R12
	POPQ	R12
	PUSHQ	R13
	POPQ	R13
	PUSHQ	R14
	POPQ	R14
	PUSHQ	R15
	POPQ	R15
	PUSHQ	$0
	POPQ	AX
	PUSHQ	$127
	POPQ	AX
	PUSHQ	$128
	POPQ	AX
	PUSHQ	$-1
	POPQ	AX
	PUSHQ	$0x12345678
	POPQ	AX
	PUSHQ	8(SP)
	POPQ	16(SP)
	PUSHQ	runtime·g0(SB)
	POPQ	runtime·g0(SB)
	PUSHQ	(R12)(AX*8)
	POPQ	AX
	PUSHW	AX
	POPW	AX
	PUSHFQ
	POPFQ
	PUSHFW
	POPFW
	RET
TEXT ·control(SB),NOSPLIT,$0
	CALL	AX
	JMP	AX
	CALL	CX
	JMP	CX
	CALL	DX
	JMP	DX
	CALL	BX
	JMP	BX
	CALL	SP
	JMP	SP
	CALL	BP
	JMP	BP
	CALL	SI
	JMP	SI
	CALL	DI
	JMP	DI
	CALL	R8
	JMP	R8
	CALL	R9
	JMP	R9
	CALL	R12
