// main·main of the goid-batch scenario: `go worker()` twenty times, then
// yield until all have run. P0 took goids 1..16 in one batch when g1 was
// created; the goroutine after goid 16 makes it take 17..32 from
// sched.goidgen.

#include "textflag.h"

DATA	main·worker·f+0(SB)/8, $main·worker(SB)
GLOBL	main·worker·f(SB), RODATA, $8
GLOBL	main·started(SB), NOPTR, $8
GLOBL	main·done(SB), NOPTR, $8

TEXT main·main(SB),NOSPLIT,$0-0
spawn:
	MOVQ	$main·worker·f(SB), AX
	PUSHQ	AX
	CALL	runtime·newproc(SB)
	POPQ	AX
	ADDQ	$1, main·started(SB)
	CMPQ	main·started(SB), $20
	JLT	spawn
wait:
	CALL	runtime·Gosched(SB)
	CMPQ	main·done(SB), $20
	JLT	wait
	RET

TEXT main·worker(SB),NOSPLIT,$0-0
	ADDQ	$1, main·done(SB)
	RET
