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
TEXT ·chunk3(SB),NOSPLIT,$0
	MOVW	$0x1234, runtime·g0(SB)
	MOVB	$0xff, runtime·g0(SB)
	MOVQ	$7, 0x1000
	MOVQ	$-0x1000, 0x1000
	MOVL	$0xdeadbeef, 0x1000
	MOVW	$0x1234, 0x1000
	MOVB	$0xff, 0x1000
	MOVQ	$7, (R12)(AX*8)
	MOVQ	$-0x1000, (R12)(AX*8)
	MOVL	$0xdeadbeef, (R12)(AX*8)
	MOVW	$0x1234, (R12)(AX*8)
	MOVB	$0xff, (R12)(AX*8)
	MOVQ	$runtime·g0(SB), DI
	MOVQ	$runtime·m0+136(SB), R8
	MOVL	$local<>(SB), AX
	MOVQ	$(5*8), AX
	MOVQ	$~15, AX
	MOVQ	$(1<<20), BX
	MOVQ	$(0x100>>4), BX
	MOVQ	$(3|4), CX
	MOVQ	$(7&12), CX
	MOVQ	$(100/7), DX
	MOVQ	$(-5+2*3), DX
	MOVQ	$'a', SI
	MOVQ	$'\n', SI
	MOVQ	$SIX, DI
	MOVQ	$MASK(12), DI
	MOVQ	$TWICE(21), R8
	MOVQ	$(100%7), R8
	MOVQ	$-(3), R9
	MOVQ	$0777, R9
	MOVQ	$(1^3), R10
	MOVQ	(g_sched+gobuf_sp)(R14), SP
	MOVQ	g_m(R14), AX
	MOVQ	m_g0(AX), DX
	MOVQ	(-64*1024)(SP), BX
	TWOINC(R10)
	MOVQ	-64*1024(SP), BX
	RET
TEXT ·alu(SB),NOSPLIT,$0
	ADDB	$1, AL
	ADDB	$1, BX
	ADDB	$0x70, R9
	ADDB	CX, DX
	ADDB	R8, (AX)
	ADDB	8(SP), DI
	ADDB	$3, 16(BX)
	ADDB	$0x7f, runtime·g0(SB)
	ADDW	$1, AX
	ADDW	$1, BX
	ADDW	$0x70, R9
	ADDW	$0x100, AX
	ADDW	$0x100, SI
	ADDW	$-1, CX
	ADDW	$-129, R13
	ADDW	CX, DX
	ADDW	R8, (AX)
	ADDW	8(SP), DI
	ADDW	$3, 16(BX)
	ADDW	$0x7f, runtime·g0(SB)
	ADDL	$1, AX
	ADDL	$1, BX
	ADDL	$0x70, R9
	ADDL	$0x100, AX
	ADDL	$0x100, SI
	ADDL	$-1, CX
	ADDL	$-129, R13
	ADDL	CX, DX
	ADDL	R8, (AX)
	ADDL	8(SP), DI
	ADDL	$3, 16(BX)
	ADDL	$0x7f, runtime·g0(SB)
	ADDQ	$1, AX
	ADDQ	$1, BX
	ADDQ	$0x70, R9
	ADDQ	$0x100, AX
	ADDQ	$0x100, SI
	ADDQ	$-1, CX
	ADDQ	$-129, R13
	ADDQ	CX, DX
