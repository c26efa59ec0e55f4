/* Instruction forms: the operand classes an instruction accepts and how each
 * combination is encoded.  The first form whose classes match wins, which is
 * how Go's assembler picks between encodings (e.g. imm8 before imm32, and
 * the accumulator short forms before the generic ones). */
#ifndef CPU_ASM_OPTAB_H
#define CPU_ASM_OPTAB_H
#include "cpu/asm/internal.h"

enum {
    K_NONE, K_R, K_ACC, K_CL, K_M, K_RM, K_X, K_XM, K_R8, K_RM8,
    K_I1, K_I8, K_IZ, K_I32, K_IU32, K_I64, K_IU8, K_IU16,
    K_BR, K_SYM,
    K_CR, K_DRL, K_DRQ,   /* control and debug registers (MOVL/MOVQ) */
    K_SEG,                /* a segment register (MOVW) */
    K_ES, K_CS, K_SS, K_DS, K_FS, K_GS,   /* one segment register (PUSH, POP) */
    K_GDTR, K_IDTR, K_LDTR, K_MSW, K_TASK,
    K_TR,                 /* TR6 and TR7, the test registers go1.19 moves (MOVL) */
};

enum {
    E_ZO,      /* opcode only */
    E_RM,      /* ModRM: reg = a[regop], r/m = a[rmop] */
    E_DIG,     /* ModRM: reg = digit, r/m = a[rmop] */
    E_OR,      /* opcode + register number of a[regop] */
    E_I,       /* opcode + immediate */
    E_BR,      /* relative branch to a label: short or near */
    E_SYM,     /* opcode + rel32 to a symbol (CALL/JMP) */
    E_RAW,     /* BYTE/WORD/LONG/QUAD data */
};

enum { IMM_Z = 16 }; /* immediate as wide as the operand size (at most 4) */

enum {
    F_NOW = 1,     /* no REX.W even for 8-byte operand size */
    F_W = 2,       /* REX.W regardless of the operand size */
    F_BYTERM = 4,  /* the r/m operand is a byte register (MOVBLZX ...) */
    F_NO66 = 8,    /* no 0x66 prefix for 2-byte operand size */
};

typedef struct aform {
    uint8_t c[3];
    uint8_t enc;
    int8_t regop, rmop;
    uint8_t digit;
    uint8_t immsz;
    int8_t immop;
    uint8_t pfx;
    uint8_t flags;
    uint8_t nopc;
    uint8_t opc[3];
} aform;

/* Does operand O fit class K for operand size W? */
bool class_match(int k, const aop *o, int w);

#endif
