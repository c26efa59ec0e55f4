// A small runtime·main in Plan 9 assembly. Go's runtime.main (proc.go) is Go
// code that, among much else, sets mainStarted, starts sysmon, runs the init
// tasks and then calls main.main and exit(0). This stand-in keeps the three
// steps the bootstrap depends on.

#include "textflag.h"

TEXT runtime·main(SB),NOSPLIT,$8-0
	MOVB	$1, runtime·mainStarted(SB)	// from now on, newproc calls wakep
	CALL	main·main(SB)
	MOVL	$0, 0(SP)	// exit(0)
	CALL	runtime·exit(SB)
	RET	// not reached
