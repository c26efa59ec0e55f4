#include "textflag.h"
#include "go_asm.h"
#include "go_tls.h"
// Instruction corpus: every operand form the assembler supports, with the
// bytes go1.19 produces in corpus.golden (regenerate with gen.sh).
#define	SIX	6
#define	MASK(n)	((1<<(n))-1)
#define TWICE(x) (2*(x))
#define TWOINC(r) \
	INCQ r; \
	INCQ r
TEXT ·chunk17(SB),NOSPLIT,$0
	JLS	2(PC)
	JLS	-1(PC)
	RET
	INT	$3
	INT	$0x80
	CPUID
	RDTSC
	RDTSCP
	CLD
	STD
	CLI
	STI
	CLC
	STC
	CMC
	HLT
	PAUSE
	MFENCE
	LFENCE
	SFENCE
	SYSCALL
	UD2
	CQO
	CDQ
	CWD
	NOP
	MOVSB
	MOVSQ
	STOSB
	STOSQ
	XGETBV
	REP; MOVSQ
	REP; STOSB
	BYTE	$0x90
	BYTE	$-1
	WORD	$0x1234
	LONG	$0x12345678
	LONG	$-2
	QUAD	$0x123456789
	QUAD	$-1
	RET
TEXT ·sse(SB),NOSPLIT,$0
	XORPS	X0, X1
	XORPS	X15, X15
	XORPS	X8, X2
	XORPS	(AX), X9
	XORPS	16(SP), X3
	XORPD	X0, X1
	XORPD	X15, X15
	XORPD	X8, X2
	XORPD	(AX), X9
	XORPD	16(SP), X3
	PXOR	X0, X1
	PXOR	X15, X15
	PXOR	X8, X2
	PXOR	(AX), X9
	PXOR	16(SP), X3
	PAND	X0, X1
	PAND	X15, X15
	PAND	X8, X2
	PAND	(AX), X9
	PAND	16(SP), X3
	POR	X0, X1
	POR	X15, X15
	POR	X8, X2
	POR	(AX), X9
	POR	16(SP), X3
	PCMPEQB	X0, X1
	PCMPEQB	X15, X15
	PCMPEQB	X8, X2
	PCMPEQB	(AX), X9
	PCMPEQB	16(SP), X3
	ANDPS	X0, X1
	ANDPS	X15, X15
	ANDPS	X8, X2
	ANDPS	(AX), X9
	ANDPS	16(SP), X3
	ORPS	X0, X1
	ORPS	X15, X15
	ORPS	X8, X2
