// main·main of the debug-bench scenario (the debugger's latency benchmark,
// `make bench-debug`): about a million instructions with the scheduler busy
// throughout. Each round starts a worker with `go worker()`, spins a while
// (plain instructions, as most of a run is) and yields with Gosched, so the
// worker runs, exits, and its g is reused by the next round's newproc.

#include "textflag.h"

#define ROUNDS 240
#define SPIN 1380

DATA	main·worker·f+0(SB)/8, $main·worker(SB)	// the funcval of worker
GLOBL	main·worker·f(SB), RODATA, $8
GLOBL	main·rounds(SB), NOPTR, $8	// rounds done
GLOBL	main·done(SB), NOPTR, $8	// workers finished

TEXT main·main(SB),NOSPLIT,$0-0
round:
	MOVQ	$main·worker·f(SB), AX
	PUSHQ	AX	// newproc's argument: the funcval
	CALL	runtime·newproc(SB)	// the worker -> runnext
	POPQ	AX
	MOVQ	$SPIN, CX
spin:
	ADDQ	CX, BX
	DECQ	CX
	JNZ	spin
	CALL	runtime·Gosched(SB)	// the worker runs and exits; g1 comes back
	ADDQ	$1, main·rounds(SB)
	CMPQ	main·rounds(SB), $ROUNDS
	JLT	round
	RET

// worker returns to goexit+1, which calls goexit1; its g goes to the P's
// free list and the next newproc takes it again.
TEXT main·worker(SB),NOSPLIT,$0-0
	ADDQ	$1, main·done(SB)
	RET
