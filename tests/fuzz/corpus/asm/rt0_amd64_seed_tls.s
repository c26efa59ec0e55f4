// The seed's rt0_go with only its thread-local storage restored (settls, g0
// in TLS, the m0<->g0 links), but not the stack setup that keeps argc and argv
// at 24(SP)/32(SP). configs/seed-no-stack-setup.yaml runs it to show what the
// argument copy reads without those lines (docs/walkthrough.md). rt0_go's
// TEXT line has go1.21's NOFRAME, as in rt0_amd64_seed.s.

#include "go_asm.h"
#include "go_tls.h"
#include "textflag.h"

TEXT _rt0_amd64(SB),NOSPLIT,$-8
	MOVQ	0(SP), DI	// argc
	LEAQ	8(SP), SI	// argv
	JMP	runtime·rt0_go(SB)

TEXT runtime·rt0_go(SB),NOSPLIT|NOFRAME|TOPFRAME,$0
	// RESTORED: TLS, so that the calls into Go code below find g.
	LEAQ	runtime·m0+m_tls(SB), DI
	CALL	runtime·settls(SB)
	get_tls(BX)
	LEAQ	runtime·g0(SB), CX
	MOVQ	CX, g(BX)
	LEAQ	runtime·m0(SB), AX
	MOVQ	CX, m_g0(AX)
	MOVQ	AX, g_m(CX)

	// From here on, the seed as written: 24(SP) and 32(SP) are not argc and argv.
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
