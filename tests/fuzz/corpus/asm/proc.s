// Stand-ins for two Go functions of proc.go. runtime.main is Go code that,
// among much else, sets mainStarted, starts sysmon, runs the init tasks, then
// calls main.main and exit(0): this one keeps the three steps the bootstrap
// depends on. mstart0 (below) does all that the Go function does.

#include "textflag.h"

TEXT runtime·main(SB),NOSPLIT,$8-0
	MOVB	$1, runtime·mainStarted(SB)	// from now on, newproc calls wakep
	CALL	main·main(SB)
	MOVL	$0, 0(SP)	// exit(0)
	CALL	runtime·exit(SB)
	RET	// not reached

#include "go_asm.h"
#include "go_tls.h"

// mstart0 (proc.go:1533), on g0, called by mstart. It does what the Go
// function does: for a thread whose stack Go did not allocate (osStack:
// g0.stack.lo == 0), take the stack below here (stack.hi or 16 KiB, the
// top at the local size, as Go's &size); set both stack guards to lo +
// stackGuard; mstart1(), which never returns; and mexit(osStack) when
// gogo(&g0.sched) comes back to the instruction after that CALL. Its
// frame is the 32 bytes of locals go1.21's compiler gives mstart0, so
// mstart1 records g0.sched.sp = stack.hi - 56 as in a real binary.
TEXT runtime·mstart0(SB),NOSPLIT,$32-0
	get_tls(CX)
	MOVQ	g(CX), DX	// gp = getg()
	MOVB	$0, osStack-1(SP)
	MOVQ	(g_stack+stack_lo)(DX), AX
	TESTQ	AX, AX
	JNE	guards
	MOVB	$1, osStack-1(SP)
	MOVQ	(g_stack+stack_hi)(DX), AX	// size = gp.stack.hi
	TESTQ	AX, AX
	JNE	2(PC)
	MOVQ	$16384, AX	// or 16 KiB
	MOVQ	AX, size-16(SP)
	LEAQ	size-16(SP), BX
	MOVQ	BX, (g_stack+stack_hi)(DX)	// gp.stack.hi = &size
	SUBQ	AX, BX
	ADDQ	$1024, BX
	MOVQ	BX, (g_stack+stack_lo)(DX)	// gp.stack.lo = hi - size + 1024
	MOVQ	BX, AX
guards:
	ADDQ	$const_stackGuard, AX
	MOVQ	AX, g_stackguard0(DX)
	MOVQ	AX, g_stackguard1(DX)
	CALL	runtime·mstart1(SB)
	// Reached only through gogo(&g0.sched): this thread exits.
	MOVBLZX	osStack-1(SP), AX
	MOVL	AX, 0(SP)
	CALL	runtime·mexit(SB)
	RET
