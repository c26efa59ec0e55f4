#include "textflag.h"
#include "go_asm.h"        // provided by the include callback (defines like g_m, g_sched, gobuf_sp, m_g0, m_tls ...)
#include "go_tls.h"        // provided by the include callback: #define get_tls(r) MOVQ TLS, r  /  #define g(r) 0(r)(TLS*1)
TEXT _rt0_amd64(SB),NOSPLIT,$-8
	MOVQ	0(SP), DI	// argc
	LEAQ	8(SP), SI	// argv
	JMP	runtime·rt0_go(SB)
TEXT runtime·rt0_go(SB),NOSPLIT|NOFRAME|TOPFRAME,$0
	MOVQ	DI, AX
	SUBQ	$(5*8), SP
	ANDQ	$~15, SP
	MOVQ	AX, 24(SP)
	MOVQ	$runtime·g0(SB), DI          // → LEAQ rip-relative (48 8d 3d rel32)
	LEAQ	(-64*1024)(SP), BX
	MOVQ	BX, g_stackguard0(DI)
	MOVQ	BX, (g_stack+stack_lo)(DI)
	MOVL	$0, AX
	CPUID
	CMPL	AX, $0
	JE	nocpuinfo
	CMPL	BX, $0x756E6547
	JNE	notintel
	MOVB	$1, runtime·isIntel(SB)
notintel:
	MOVL	AX, runtime·processorVersionInfo(SB)
nocpuinfo:
	LEAQ	runtime·m0+m_tls(SB), DI
	CALL	runtime·settls(SB)
	get_tls(BX)
	MOVQ	$0x123, g(BX)
	MOVQ	runtime·m0+m_tls(SB), AX
	CMPQ	AX, $0x123
	JEQ 2(PC)
	CALL	runtime·abort(SB)
	MOVQ	CX, g(BX)
	CLD
	MOVL	24(SP), AX
	MOVL	AX, 0(SP)
	PUSHQ	AX
	POPQ	AX
	RET
DATA	runtime·mainPC+0(SB)/8,$runtime·main<ABIInternal>(SB)
GLOBL	runtime·mainPC(SB),RODATA,$8
TEXT runtime·goexit(SB),NOSPLIT|NOFRAME|TOPFRAME,$0-0
	BYTE	$0x90	// NOP
	CALL	runtime·goexit1(SB)
	BYTE	$0x90
TEXT runtime·gogo(SB), NOSPLIT, $0-8
	MOVQ	buf+0(FP), BX		// pseudo-FP: buf+0(FP) = 8(SP) for a $0 frame
	MOVQ	gobuf_g(BX), DX
	MOVQ	0(DX), CX
	JMP	gogo<>(SB)
TEXT gogo<>(SB), NOSPLIT, $0
	MOVQ	DX, R14
	MOVQ	gobuf_sp(BX), SP
	MOVQ	$0, gobuf_sp(BX)
	MOVQ	gobuf_pc(BX), BX
	JMP	BX
TEXT runtime·mcall<ABIInternal>(SB), NOSPLIT, $0-8
	MOVQ	AX, DX
	MOVQ	0(SP), BX
	MOVQ	BX, (g_sched+gobuf_pc)(R14)
	LEAQ	fn+0(FP), BX
	CMPQ	SI, R14
	JNE	goodm
	JMP	runtime·badmcall(SB)
goodm:
	MOVQ	0(DX), R12
	CALL	R12
TEXT runtime·settls(SB),NOSPLIT,$32
	ADDQ	$8, DI
	MOVQ	$0x1002, DI
	MOVQ	$158, AX
	SYSCALL
	CMPQ	AX, $0xfffffffffffff001
	JLS	2(PC)
	MOVL	$0xf1, 0xf1  // crash
	RET
TEXT runtime·abort(SB),NOSPLIT|NOFRAME,$0-0
	INT	$3
loop:
	JMP	loop
TEXT runtime·main(SB),NOSPLIT,$8-0
	MOVB	$1, runtime·mainStarted(SB)
	CALL	main·main(SB)
	MOVL	$0, 0(SP)
	CALL	runtime·exit(SB)
	RET
