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
TEXT ·chunk11(SB),NOSPLIT,$0
	RCLB	CX, DX
	RCLB	$5, 8(SP)
	RCLW	$1, AX
	RCLW	$3, R9
	RCLW	CX, DX
	RCLW	$5, 8(SP)
	RCLL	$1, AX
	RCLL	$3, R9
	RCLL	CX, DX
	RCLL	$5, 8(SP)
	RCLQ	$1, AX
	RCLQ	$3, R9
	RCLQ	CX, DX
	RCLQ	$5, 8(SP)
	RCLQ	CL, (AX)
	RCRB	$1, AX
	RCRB	$3, R9
	RCRB	CX, DX
	RCRB	$5, 8(SP)
	RCRW	$1, AX
	RCRW	$3, R9
	RCRW	CX, DX
	RCRW	$5, 8(SP)
	RCRL	$1, AX
	RCRL	$3, R9
	RCRL	CX, DX
	RCRL	$5, 8(SP)
	RCRQ	$1, AX
	RCRQ	$3, R9
	RCRQ	CX, DX
	RCRQ	$5, 8(SP)
	RCRQ	CL, (AX)
	SHLQ	$4, AX, BX
	SHLQ	CX, R8, R9
	SHRQ	$4, AX, BX
	SHRQ	CX, R8, R9
	SHLL	$4, AX, BX
	SHLL	CX, R8, R9
	SHRL	$4, AX, BX
	SHRL	CX, R8, R9
	IMULW	AX, BX
	IMULW	(SI), R10
	IMULW	$10, AX
	IMULW	$1000, R12
	IMUL3W	$10, AX, BX
	IMUL3W	$1000, (CX), R13
	IMULL	AX, BX
	IMULL	(SI), R10
	IMULL	$10, AX
	IMULL	$1000, R12
	IMUL3L	$10, AX, BX
	IMUL3L	$1000, (CX), R13
	IMULQ	AX, BX
	IMULQ	(SI), R10
	IMULQ	$10, AX
	IMULQ	$1000, R12
	IMUL3Q	$10, AX, BX
	IMUL3Q	$1000, (CX), R13
	IMULQ	CX
	IMULL	(R8)
	IMULB	DL
	BSFW	AX, BX
	BSFW	(R9), R15
	BSFL	AX, BX
	BSFL	(R9), R15
	BSFQ	AX, BX
	BSFQ	(R9), R15
	BSRW	AX, BX
	BSRW	(R9), R15
	BSRL	AX, BX
	BSRL	(R9), R15
	BSRQ	AX, BX
	BSRQ	(R9), R15
	POPCNTW	AX, BX
	POPCNTW	(R9), R15
	POPCNTL	AX, BX
	POPCNTL	(R9), R15
	POPCNTQ	AX, BX
	POPCNTQ	(R9), R15
	LZCNTW	AX, BX
