// main·main of the bench-spawn scenario (make bench): start and finish
// 100,000 goroutines, one at a time. Each `go worker()` is followed by
// runtime·Gosched until the worker has run; the worker returns through
// goexit, so its g goes to P0's free list and the next newproc reuses it
// (gfget): the run stays small in memory however many goroutines it makes.

#include "textflag.h"

#define NWORKERS $100000

DATA	main·worker·f+0(SB)/8, $main·worker(SB)	// the funcval of worker
GLOBL	main·worker·f(SB), RODATA, $8
GLOBL	main·started(SB), NOPTR, $8	// workers started
GLOBL	main·done(SB), NOPTR, $8	// workers finished

TEXT main·main(SB),NOSPLIT,$0-0
spawn:
	MOVQ	$main·worker·f(SB), AX
	PUSHQ	AX	// newproc's argument: the funcval
	CALL	runtime·newproc(SB)	// the new g goes to runnext
	POPQ	AX
	ADDQ	$1, main·started(SB)
wait:
	CALL	runtime·Gosched(SB)	// main to the global queue; the worker runs
	MOVQ	main·started(SB), AX
	CMPQ	main·done(SB), AX
	JLT	wait
	CMPQ	main·done(SB), NWORKERS
	JLT	spawn
	RET

// worker returns to goexit+1, which calls goexit1: its g is freed for reuse.
TEXT main·worker(SB),NOSPLIT,$0-0
	ADDQ	$1, main·done(SB)
	RET
