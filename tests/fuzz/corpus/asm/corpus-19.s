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
TEXT ·semis(SB),NOSPLIT,$0
	MOVQ AX, BX; MOVQ BX, CX; ADDQ $1, CX // three on a line
	NOP; NOP /* block */ ; INCQ AX
lab1: lab2: MOVQ	$1, AX
	JMP	lab1
	JMP	lab2
	RET
#ifdef SIX
TEXT ·ifdef1(SB),NOSPLIT,$0
	RET
#else
TEXT ·ifdef1(SB),NOSPLIT,$0
	INCQ AX
	RET
#endif
#ifndef SIX
TEXT ·ifndef1(SB),NOSPLIT,$0
	RET
#endif
#undef SIX
#ifdef SIX
TEXT ·undef1(SB),NOSPLIT,$0
	RET
#endif

TEXT local<>(SB),NOSPLIT,$0
	RET
TEXT gogo<>(SB),NOSPLIT|NOFRAME,$0
	RET
DATA	·dint+0(SB)/8, $0x0102030405060708
DATA	·dint+8(SB)/4, $-1
DATA	·dint+12(SB)/2, $0x1234
DATA	·dint+14(SB)/1, $0x7f
DATA	·dint+15(SB)/1, $'z'
GLOBL	·dint(SB), RODATA, $16
DATA	·dstr+0(SB)/8, $"hello, w"
DATA	·dstr+8(SB)/5, $"orld\n"
GLOBL	·dstr(SB), NOPTR, $16
DATA	·daddr+0(SB)/8, $runtime·main<ABIInternal>(SB)
DATA	·daddr+8(SB)/8, $local<>+8(SB)
DATA	·daddr+16(SB)/8, $·dint(SB)
GLOBL	·daddr(SB), RODATA, $24
GLOBL	·dbss(SB), $64
GLOBL	·dnoptrbss(SB), NOPTR, $32
DATA	sdata<>+0(SB)/4, $(1<<20)
GLOBL	sdata<>(SB), RODATA|NOPTR, $8

