// The seed's _rt0_amd64 and rt0_go exactly as the seed writes them: no stack
// setup, no g0 stack bounds, no TLS, no m0<->g0 links. configs/seed-verbatim.yaml
// runs it to show why the real rt0_go needs the lines the seed leaves out
// (docs/walkthrough.md explains the failure). One word differs: rt0_go's
// TEXT line has go1.21's NOFRAME (the seed's is go1.19's, which had none);
// without it go1.21's assembler, whose frames sim inserts, would give
// rt0_go a PUSHQ BP that no real rt0_go has.

#include "textflag.h"

TEXT _rt0_amd64(SB),NOSPLIT,$-8
	MOVQ	0(SP), DI	// argc
	LEAQ	8(SP), SI	// argv
	JMP	runtime·rt0_go(SB)

TEXT runtime·rt0_go(SB),NOSPLIT|NOFRAME|TOPFRAME,$0
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

DATA	runtime·mainPC+0(SB)/8,$runtime·main<ABIInternal>(SB)
GLOBL	runtime·mainPC(SB),RODATA,$8
