// The process entry and the runtime's bootstrap, as sim runs it: rt0_go
// from the seed, with the lines the seed elides restored (marked RESTORED).
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
	// RESTORED: a cgo binary has a C _cgo_init, which sets up the thread
	// (and its TLS) itself. In a pure-Go binary, as every program sim
	// builds is, _cgo_init is nil: these three instructions run and jump to
	// needtls.
	MOVQ	_cgo_init(SB), AX
	TESTQ	AX, AX
	JZ	needtls
	// _cgo_init(g0 (still in DI), setg_gcc, 0, 0), then g0's guards from its
	// new stack bounds.
	MOVQ	$setg_gcc<>(SB), SI
	MOVQ	$0, DX
	MOVQ	$0, CX
	CALL	AX
	MOVQ	$runtime·g0(SB), CX
	MOVQ	(g_stack+stack_lo)(CX), AX
	ADDQ	$const_stackGuard, AX
	MOVQ	AX, g_stackguard0(CX)
	MOVQ	AX, g_stackguard1(CX)
	JMP	ok

needtls:
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

ok:
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

// setg_gcc(DI = g): how C code (_cgo_init) makes g current.
TEXT setg_gcc<>(SB),NOSPLIT,$0
	get_tls(AX)
	MOVQ	DI, g(AX)
	MOVQ	DI, R14
	RET

// A funcval for runtime·main: newproc needs the function itself, not an
// ABI wrapper, hence the ABIInternal reference.
DATA	runtime·mainPC+0(SB)/8,$runtime·main<ABIInternal>(SB)
GLOBL	runtime·mainPC(SB),RODATA,$8

