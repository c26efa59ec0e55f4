// System calls the bootstrap makes, after go1.21's runtime/sys_linux_amd64.s.
// sim models the kernel side: arch_prctl(ARCH_SET_FS) sets the FS base,
// exit_group ends the run with its status.

#include "textflag.h"

#define SYS_arch_prctl		158
#define SYS_exit_group		231

// exit(code int32): the whole process ends.
TEXT runtime·exit(SB),NOSPLIT,$0-4
	MOVL	code+0(FP), DI
	MOVL	$SYS_exit_group, AX
	SYSCALL
	RET

// settls(DI = &m.tls[0]): make %fs point just past m.tls[0], because ELF
// TLS puts the g slot at -8(FS).
TEXT runtime·settls(SB),NOSPLIT,$32
	ADDQ	$8, DI	// ELF wants to use -8(FS)
	MOVQ	DI, SI
	MOVQ	$0x1002, DI	// ARCH_SET_FS
	MOVQ	$SYS_arch_prctl, AX
	SYSCALL
	CMPQ	AX, $0xfffffffffffff001
	JLS	2(PC)
	MOVL	$0xf1, 0xf1  // crash
	RET
