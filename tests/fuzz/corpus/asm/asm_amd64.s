// The runtime's context-switch assembly: mstart, gogo, mcall, goexit, abort.
// Written for sim in Go's Plan 9 syntax after go1.21's runtime/asm_amd64.s,
// for go1.21's assembler (its frames: sim assembles the model mode's
// sources so); the offsets come from go_asm.h, which sim generates from its
// layout table.

#include "go_asm.h"
#include "go_tls.h"
#include "textflag.h"

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
// the current g in R14. go1.21's assembler puts PUSHQ BP; MOVQ SP, BP in
// front (a $0 frame that calls): the return address is at 8(SP), and
// g.sched.bp gets the caller's BP, the word the prologue saved.
TEXT runtime·mcall<ABIInternal>(SB), NOSPLIT, $0-8
	MOVQ	AX, DX	// DX = fn

	// save state in g->sched: gogo resumes the caller as if mcall returned
	MOVQ	SP, BX
	MOVQ	8(BX), BX	// caller's PC
	MOVQ	BX, (g_sched+gobuf_pc)(R14)
	LEAQ	fn+0(FP), BX	// caller's SP
	MOVQ	BX, (g_sched+gobuf_sp)(R14)
	MOVQ	(BP), BX	// caller's BP (storing BP itself would make a frame-pointer cycle)
	MOVQ	BX, (g_sched+gobuf_bp)(R14)

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
