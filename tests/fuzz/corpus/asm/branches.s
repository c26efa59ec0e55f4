// Branch sizing: short when the displacement fits in 8 bits, near
// otherwise, forward and backward, for JMP and every Jcc.
#include "textflag.h"
TEXT ·br(SB),NOSPLIT,$0
top:
	JMP	fwd1
	JEQ	fwd1
	JNE	far
	JLT	far
	NOP
fwd1:
	INCQ	AX
	JMP	top
	JHI	top
	QUAD	$0; QUAD $0; QUAD $0; QUAD $0; QUAD $0; QUAD $0; QUAD $0; QUAD $0
	QUAD	$0; QUAD $0; QUAD $0; QUAD $0; QUAD $0; QUAD $0; QUAD $0; QUAD $0
	LONG	$0; WORD $0; BYTE $0
	JMP	edge
edge:
	QUAD	$0; QUAD $0; QUAD $0; QUAD $0; QUAD $0; QUAD $0; QUAD $0; QUAD $0
	QUAD	$0; QUAD $0; QUAD $0; QUAD $0; QUAD $0; QUAD $0; QUAD $0
	BYTE	$0; BYTE $0; BYTE $0; BYTE $0; BYTE $0
far:
	DECQ	AX
	JMP	top
	JCS	top
	JGE	edge
	JLE	far
	JGT	2(PC)
	JOS	-1(PC)
	JOC	0(PC)
	JMI	fwd2
	JPL	fwd2
	JPS	fwd2
	JPC	fwd2
	JLS	fwd2
	JCC	fwd2
fwd2:
	RET
TEXT ·chain(SB),NOSPLIT,$0
	JEQ	l3
	JEQ	l3
	JEQ	l3
	QUAD	$0; QUAD $0; QUAD $0; QUAD $0; QUAD $0; QUAD $0; QUAD $0; QUAD $0
	QUAD	$0; QUAD $0; QUAD $0; QUAD $0; QUAD $0; QUAD $0; QUAD $0
	LONG	$0; BYTE $0
l3:
	RET
TEXT ·jchain(SB),NOSPLIT,$0
	JEQ	a
	NOP
	JMP	2(PC)
	RET
a:
	JMP	b
	INCQ	AX
b:
	JMP	c
	RET
c:
	RET
