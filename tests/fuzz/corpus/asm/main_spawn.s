// main·main of the spawn scenario: `go worker()` three times, then yield
// (runtime·Gosched) until all three workers have run. Each newproc puts its
// g in runnext and kicks the previous one to the local run queue.

#include "textflag.h"

DATA	main·worker·f+0(SB)/8, $main·worker(SB)	// the funcval of worker
GLOBL	main·worker·f(SB), RODATA, $8
GLOBL	main·done(SB), NOPTR, $8	// workers finished

TEXT main·main(SB),NOSPLIT,$0-0
	MOVQ	$main·worker·f(SB), AX
	PUSHQ	AX	// newproc's argument: the funcval
	CALL	runtime·newproc(SB)	// g2 -> runnext
	CALL	runtime·newproc(SB)	// g3 -> runnext, g2 kicked to the run queue
	CALL	runtime·newproc(SB)	// g4 -> runnext, g3 kicked to the run queue
	POPQ	AX
wait:
	CALL	runtime·Gosched(SB)
	CMPQ	main·done(SB), $3
	JLT	wait
	RET

// worker returns to goexit+1, which calls goexit1.
TEXT main·worker(SB),NOSPLIT,$0-0
	ADDQ	$1, main·done(SB)
	RET
