// main·main of the goexit-reuse scenario: `go worker()`, yield until it has
// finished (its g is then _Gdead on P0's free list), then `go worker()`
// again: gfget hands back the same g and stack with a new goid.

#include "textflag.h"

DATA	main·worker·f+0(SB)/8, $main·worker(SB)
GLOBL	main·worker·f(SB), RODATA, $8
GLOBL	main·done(SB), NOPTR, $8

TEXT main·main(SB),NOSPLIT,$0-0
	MOVQ	$main·worker·f(SB), AX
	PUSHQ	AX
	CALL	runtime·newproc(SB)	// g2: a fresh g from malg
	POPQ	AX
first:
	CALL	runtime·Gosched(SB)
	CMPQ	main·done(SB), $1
	JLT	first
	MOVQ	$main·worker·f(SB), AX
	PUSHQ	AX
	CALL	runtime·newproc(SB)	// g3: the g that ran g2, from gfget
	POPQ	AX
second:
	CALL	runtime·Gosched(SB)
	CMPQ	main·done(SB), $2
	JLT	second
	RET

TEXT main·worker(SB),NOSPLIT,$0-0
	ADDQ	$1, main·done(SB)
	RET
