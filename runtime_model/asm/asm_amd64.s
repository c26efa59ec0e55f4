// The runtime's amd64 bootstrap and context-switch assembly, as sim runs it.
// Written for sim in Go's Plan 9 syntax after go1.21's runtime/asm_amd64.s;
// the offsets come from go_asm.h, which sim generates from its layout table.

#include "go_asm.h"
#include "go_tls.h"
#include "textflag.h"

// Process entry (the kernel jumps here): 0(SP) is argc, 8(SP) argv[0].
TEXT _rt0_amd64(SB),NOSPLIT,$-8
	MOVQ	0(SP), DI	// argc
	LEAQ	8(SP), SI	// argv
	JMP	runtime·rt0_go(SB)

TEXT runtime·rt0_go(SB),NOSPLIT|NOFRAME|TOPFRAME,$0
	// RESTORED (the seed elides these lines): make room for the calls'
	// arguments on a 16-byte-aligned stack and keep argc/argv at 24(SP)/32(SP),
	// where the argument copy below expects them.
	MOVQ	DI, AX		// argc
	MOVQ	SI, BX		// argv
	SUBQ	$(5*8), SP		// 3 args, 2 autos
	ANDQ	$~15, SP
	MOVQ	AX, 24(SP)
	MOVQ	BX, 32(SP)

	// RESTORED: g0 runs on the OS stack; give it 64 KiB below SP.
	MOVQ	$runtime·g0(SB), DI
	LEAQ	(-64*1024)(SP), BX
	MOVQ	BX, g_stackguard0(DI)
	MOVQ	BX, g_stackguard1(DI)
	MOVQ	BX, (g_stack+stack_lo)(DI)
	MOVQ	SP, (g_stack+stack_hi)(DI)

	// RESTORED: who made this CPU? (isIntel, processorVersionInfo)
	MOVL	$0, AX
	CPUID
	CMPL	AX, $0
	JE	nocpuinfo
	CMPL	BX, $0x756E6547	// "Genu"
	JNE	notintel
	CMPL	DX, $0x49656E69	// "ineI"
	JNE	notintel
	CMPL	CX, $0x6C65746E	// "ntel"
	JNE	notintel
	MOVB	$1, runtime·isIntel(SB)
notintel:
	MOVL	$1, AX
	CPUID
	MOVL	AX, runtime·processorVersionInfo(SB)

nocpuinfo:
	// RESTORED: thread-local storage, so that g(CX) is m0.tls[0] ...
	LEAQ	runtime·m0+m_tls(SB), DI
	CALL	runtime·settls(SB)

	// ... and check that it works.
	get_tls(BX)
	MOVQ	$0x123, g(BX)
	MOVQ	runtime·m0+m_tls(SB), AX
	CMPQ	AX, $0x123
	JEQ	2(PC)
	CALL	runtime·abort(SB)

	// RESTORED: g0 is the current g; link m0 and g0 both ways.
	get_tls(BX)
	LEAQ	runtime·g0(SB), CX
	MOVQ	CX, g(BX)
	LEAQ	runtime·m0(SB), AX
	MOVQ	CX, m_g0(AX)
	MOVQ	AX, g_m(CX)
	CLD

	// From here on, the seed's rt0_go line for line.
	CALL	runtime·check(SB)

	MOVL	24(SP), AX		// copy argc
	MOVL	AX, 0(SP)
	MOVQ	32(SP), AX		// copy argv
	MOVQ	AX, 8(SP)
	CALL	runtime·args(SB)
	CALL	runtime·osinit(SB)
	CALL	runtime·schedinit(SB)

	// create a new goroutine to start program
	MOVQ	$runtime·mainPC(SB), AX		// entry
	PUSHQ	AX
	CALL	runtime·newproc(SB)
	POPQ	AX

	// start this M
	CALL	runtime·mstart(SB)

	CALL	runtime·abort(SB)	// mstart should never return
	RET

// A funcval for runtime·main: newproc needs the function itself, not an
// ABI wrapper, hence the ABIInternal reference.
DATA	runtime·mainPC+0(SB)/8,$runtime·main<ABIInternal>(SB)
GLOBL	runtime·mainPC(SB),RODATA,$8

// Every M starts here, on its g0 stack.
TEXT runtime·mstart(SB),NOSPLIT|TOPFRAME|NOFRAME,$0
	CALL	runtime·mstart0(SB)
	RET // not reached

// gogo(buf *gobuf): restore the goroutine state saved in buf and jump into it.
TEXT runtime·gogo(SB), NOSPLIT, $0-8
	MOVQ	buf+0(FP), BX		// gobuf
	MOVQ	gobuf_g(BX), DX
	MOVQ	0(DX), CX		// make sure g != nil
	JMP	gogo<>(SB)

TEXT gogo<>(SB), NOSPLIT, $0
	get_tls(CX)
	MOVQ	DX, g(CX)
	MOVQ	DX, R14		// set the g register
	MOVQ	gobuf_sp(BX), SP	// restore SP
	MOVQ	gobuf_ret(BX), AX
	MOVQ	gobuf_ctxt(BX), DX
	MOVQ	gobuf_bp(BX), BP
	MOVQ	$0, gobuf_sp(BX)	// clear to help garbage collector
	MOVQ	$0, gobuf_ret(BX)
	MOVQ	$0, gobuf_ctxt(BX)
	MOVQ	$0, gobuf_bp(BX)
	MOVQ	gobuf_pc(BX), BX
	JMP	BX

// mcall(fn func(*g)): save the caller's state in g.sched, switch to g0's
// stack and call fn(g) there. fn must not return. ABIInternal: fn in AX,
// the current g in R14.
TEXT runtime·mcall<ABIInternal>(SB), NOSPLIT, $0-8
	MOVQ	AX, DX	// DX = fn

	// save state in g->sched
	MOVQ	0(SP), BX	// caller's PC
	MOVQ	BX, (g_sched+gobuf_pc)(R14)
	LEAQ	fn+0(FP), BX	// caller's SP
	MOVQ	BX, (g_sched+gobuf_sp)(R14)
	MOVQ	BP, (g_sched+gobuf_bp)(R14)

	// switch to m->g0 & its stack, call fn
	MOVQ	g_m(R14), BX
	MOVQ	m_g0(BX), SI	// SI = g.m.g0
	CMPQ	SI, R14	// if g == m->g0 call badmcall
	JNE	goodm
	JMP	runtime·badmcall(SB)
goodm:
	MOVQ	R14, AX	// AX (and arg 0) = g
	MOVQ	SI, R14	// g = g.m.g0
	get_tls(CX)	// Set G in TLS
	MOVQ	R14, g(CX)
	MOVQ	(g_sched+gobuf_sp)(R14), SP	// sp = g0.sched.sp
	PUSHQ	AX	// open up space for fn's arg spill slot
	MOVQ	0(DX), R12
	CALL	R12	// fn(g)
	POPQ	AX
	JMP	runtime·badmcall2(SB)
	RET

// The return address of every goroutine's top frame is goexit+1 (the CALL):
// returning from the goroutine's function lands on CALL goexit1.
TEXT runtime·goexit(SB),NOSPLIT|TOPFRAME|NOFRAME,$0-0
	BYTE	$0x90	// NOP
	CALL	runtime·goexit1(SB)	// does not return
	// traceback from goexit1 must hit code range of goexit
	BYTE	$0x90	// NOP

TEXT runtime·abort(SB),NOSPLIT|NOFRAME,$0-0
	INT	$3
loop:
	JMP	loop
