/* The instruction table: every mnemonic the assembler knows with its forms
 * (see optab.h).  Built once on first use from small generators, because
 * most instructions come in B/W/L/Q flavours that differ only by size. */
#include "cpu/asm/optab.h"
#include <string.h>

#define MAXOPS 1200
#define MAXFORMS 4000

static aopdef defs[MAXOPS];
static int ndefs;
static aform forms[MAXFORMS];
static int nforms;
static char namepool[MAXOPS * 12];
static size_t nameused;
static bool built;

int OP_NOP, OP_RET, OP_CALL, OP_JMP, OP_JLS, OP_JNE, OP_JCS, OP_MOVQ, OP_LEAQ, OP_LEAL,
    OP_MOVL, OP_SUBQ, OP_ADDQ, OP_CMPQ, OP_TESTQ, OP_TEXT, OP_DATA, OP_GLOBL, OP_PCDATA,
    OP_FUNCDATA, OP_BYTE, OP_WORD, OP_LONG, OP_QUAD;

static const char sfx[] = "BWLQ";
static const int widths[] = {1, 2, 4, 8};

static int newop(const char *a, const char *b, int width, int flags, int cc)
{
    char *n = namepool + nameused;
    size_t la = strlen(a), lb = b ? strlen(b) : 0;
    memcpy(n, a, la);
    if (lb)
        memcpy(n + la, b, lb);
    n[la + lb] = 0;
    nameused += la + lb + 1;
    defs[ndefs] = (aopdef){n, width, flags, cc, 0, &forms[nforms]};
    return ndefs++;
}

static char ws(int i) { return sfx[i]; }

static int newopw(const char *a, int wi, int flags)
{
    char s[2] = {ws(wi), 0};
    return newop(a, s, widths[wi], flags, 0);
}

static void add(int c0, int c1, int c2, int enc, int regop, int rmop, int digit, int immsz,
                int immop, int pfx, int fl, int nopc, int o0, int o1, int o2)
{
    forms[nforms++] = (aform){{(uint8_t)c0, (uint8_t)c1, (uint8_t)c2}, (uint8_t)enc,
                              (int8_t)regop, (int8_t)rmop, (uint8_t)digit, (uint8_t)immsz,
                              (int8_t)immop, (uint8_t)pfx, (uint8_t)fl, (uint8_t)nopc,
                              {(uint8_t)o0, (uint8_t)o1, (uint8_t)o2}};
    defs[ndefs - 1].nforms++;
}

/* Shorthands for the common shapes. */
static void f_zo(int n, int o0, int o1, int o2) { add(0, 0, 0, E_ZO, -1, -1, 0, 0, -1, 0, 0, n, o0, o1, o2); }
static void f_rm(int c0, int c1, int reg, int rm, int pfx, int fl, int n, int o0, int o1, int o2)
{
    add(c0, c1, 0, E_RM, reg, rm, 0, 0, -1, pfx, fl, n, o0, o1, o2);
}
static void f_dig(int c0, int c1, int rm, int dig, int immsz, int immop, int fl, int n, int o0, int o1)
{
    add(c0, c1, 0, E_DIG, -1, rm, dig, immsz, immop, 0, fl, n, o0, o1, 0);
}

static void zo(const char *name, int n, int o0, int o1, int o2)
{
    newop(name, NULL, 0, 0, 0);
    f_zo(n, o0, o1, o2);
}

/* ADD OR ADC SBB AND SUB XOR: op k, operands "src, dst". */
static void alu(const char *name, int k)
{
    for (int wi = 0; wi < 4; wi++) {
        newopw(name, wi, 0);
        int b = wi == 0 ? 0 : 1;
        if (wi)
            f_dig(K_I8, K_RM, 1, k, 1, 0, 0, 1, 0x83, 0);
        add(K_IZ, K_ACC, 0, E_I, -1, -1, 0, IMM_Z, 0, 0, 0, 1, 8 * k + 4 + b, 0, 0);
        f_dig(K_IZ, K_RM, 1, k, IMM_Z, 0, 0, 1, 0x80 + b, 0);
        f_rm(K_R, K_RM, 0, 1, 0, 0, 1, 8 * k + b, 0, 0);
        f_rm(K_M, K_R, 1, 0, 0, 0, 1, 8 * k + 2 + b, 0, 0);
    }
}

/* CMP: operands "a, b" compare a with b, so the operand roles swap. */
static void cmp(void)
{
    for (int wi = 0; wi < 4; wi++) {
        int op = newopw("CMP", wi, 0);
        if (wi == 3)
            OP_CMPQ = op;
        int b = wi == 0 ? 0 : 1;
        if (wi)
            f_dig(K_RM, K_I8, 0, 7, 1, 1, 0, 1, 0x83, 0);
        add(K_ACC, K_IZ, 0, E_I, -1, -1, 0, IMM_Z, 1, 0, 0, 1, 0x3c + b, 0, 0);
        f_dig(K_RM, K_IZ, 0, 7, IMM_Z, 1, 0, 1, 0x80 + b, 0);
        f_rm(K_RM, K_R, 1, 0, 0, 0, 1, 0x38 + b, 0, 0);
        f_rm(K_R, K_M, 0, 1, 0, 0, 1, 0x3a + b, 0, 0);
    }
}

static void test(void)
{
    for (int wi = 0; wi < 4; wi++) {
        int op = newopw("TEST", wi, 0);
        if (wi == 3)
            OP_TESTQ = op;
        int b = wi == 0 ? 0 : 1;
        add(K_IZ, K_ACC, 0, E_I, -1, -1, 0, IMM_Z, 0, 0, 0, 1, 0xa8 + b, 0, 0);
        f_dig(K_IZ, K_RM, 1, 0, IMM_Z, 0, 0, 1, 0xf6 + b, 0);
        f_rm(K_R, K_RM, 0, 1, 0, 0, 1, 0x84 + b, 0, 0);
        f_rm(K_M, K_R, 1, 0, 0, 0, 1, 0x84 + b, 0, 0);
    }
}

static void mov(void)
{
    for (int wi = 0; wi < 4; wi++) {
        int op = newopw("MOV", wi, 0);
        int b = wi == 0 ? 0 : 1;
        if (wi == 3) {
            OP_MOVQ = op;
            add(K_I32, K_R, 0, E_DIG, -1, 1, 0, 4, 0, 0, 0, 1, 0xc7, 0, 0);
            add(K_IU32, K_R, 0, E_OR, 1, -1, 0, 4, 0, 0, F_NOW, 1, 0xb8, 0, 0);
            add(K_I64, K_R, 0, E_OR, 1, -1, 0, 8, 0, 0, 0, 1, 0xb8, 0, 0);
        } else {
            if (wi == 2)
                OP_MOVL = op;
            add(K_IZ, K_R, 0, E_OR, 1, -1, 0, IMM_Z, 0, 0, 0, 1, b ? 0xb8 : 0xb0, 0, 0);
        }
        f_dig(K_IZ, K_M, 1, 0, IMM_Z, 0, 0, 1, 0xc6 + b, 0);
        f_rm(K_R, K_RM, 0, 1, 0, 0, 1, 0x88 + b, 0, 0);
        f_rm(K_M, K_R, 1, 0, 0, 0, 1, 0x8a + b, 0, 0);
        if (wi >= 2) { /* control and debug registers: 0f 20-23 /r, no REX.W (as go1.19) */
            int dr = wi == 2 ? K_DRL : K_DRQ;
            f_rm(K_CR, K_R, 0, 1, 0, F_NOW, 2, 0x0f, 0x20, 0);
            f_rm(K_R, K_CR, 1, 0, 0, F_NOW, 2, 0x0f, 0x22, 0);
            f_rm(dr, K_R, 0, 1, 0, F_NOW, 2, 0x0f, 0x21, 0);
            f_rm(K_R, dr, 1, 0, 0, F_NOW, 2, 0x0f, 0x23, 0);
        }
        if (wi == 1) { /* segment registers: 8c and 8e /r, with no 0x66 (as go1.19) */
            f_rm(K_SEG, K_RM, 0, 1, 0, F_NO66, 1, 0x8c, 0, 0);
            f_rm(K_RM, K_SEG, 1, 0, 0, F_NO66, 1, 0x8e, 0, 0);
            /* SLDT/LLDT, SMSW/LMSW, STR/LTR as moves of LDTR, MSW, TASK */
            f_dig(K_LDTR, K_RM, 1, 0, 0, -1, F_NO66, 2, 0x0f, 0x00);
            f_dig(K_RM, K_LDTR, 0, 2, 0, -1, F_NO66, 2, 0x0f, 0x00);
            f_dig(K_MSW, K_RM, 1, 4, 0, -1, F_NO66, 2, 0x0f, 0x01);
            f_dig(K_RM, K_MSW, 0, 6, 0, -1, F_NO66, 2, 0x0f, 0x01);
            f_dig(K_TASK, K_RM, 1, 1, 0, -1, F_NO66, 2, 0x0f, 0x00);
            f_dig(K_RM, K_TASK, 0, 3, 0, -1, F_NO66, 2, 0x0f, 0x00);
        }
        if (wi >= 2) { /* SGDT/LGDT, SIDT/LIDT as moves of GDTR and IDTR (memory only) */
            f_dig(K_GDTR, K_M, 1, 0, 0, -1, F_NOW, 2, 0x0f, 0x01);
            f_dig(K_M, K_GDTR, 0, 2, 0, -1, F_NOW, 2, 0x0f, 0x01);
            f_dig(K_IDTR, K_M, 1, 1, 0, -1, F_NOW, 2, 0x0f, 0x01);
            f_dig(K_M, K_IDTR, 0, 3, 0, -1, F_NOW, 2, 0x0f, 0x01);
        }
        if (wi == 2) { /* the test registers: 0f 24 and 0f 26 /r (32-bit code only) */
            f_rm(K_TR, K_RM, 0, 1, 0, 0, 2, 0x0f, 0x24, 0);
            f_rm(K_RM, K_TR, 1, 0, 0, 0, 2, 0x0f, 0x26, 0);
        }
        if (wi == 3) { /* MOVQ between general and XMM registers */
            f_rm(K_R, K_X, 1, 0, 0x66, 0, 2, 0x0f, 0x6e, 0);
            f_rm(K_X, K_R, 0, 1, 0x66, 0, 2, 0x0f, 0x7e, 0);
            f_rm(K_XM, K_X, 1, 0, 0xf3, F_NOW, 2, 0x0f, 0x7e, 0);
            f_rm(K_X, K_M, 0, 1, 0x66, F_NOW, 2, 0x0f, 0xd6, 0);
        }
        if (wi == 2) {
            f_rm(K_RM, K_X, 1, 0, 0x66, 0, 2, 0x0f, 0x6e, 0);
            f_rm(K_X, K_RM, 0, 1, 0x66, 0, 2, 0x0f, 0x7e, 0);
        }
    }
}

static void lea(void)
{
    for (int wi = 1; wi < 4; wi++) {
        int op = newopw("LEA", wi, 0);
        if (wi == 3) OP_LEAQ = op;
        if (wi == 2) OP_LEAL = op;
        f_rm(K_M, K_R, 1, 0, 0, 0, 1, 0x8d, 0, 0);
    }
}

/* ROL ROR RCL RCR SHL SHR SAL SAR: "count, dst"; SHLx/SHRx also take the
 * three-operand double-shift form "count, src, dst". */
static void shifts(void)
{
    static const struct { const char *n; int k; } s[] = {
        {"ROL", 0}, {"ROR", 1}, {"RCL", 2}, {"RCR", 3},
        {"SHL", 4}, {"SHR", 5}, {"SAL", 4}, {"SAR", 7}};
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
        for (int wi = 0; wi < 4; wi++) {
            newopw(s[i].n, wi, 0);
            int b = wi == 0 ? 0 : 1;
            f_dig(K_I1, K_RM, 1, s[i].k, 0, -1, 0, 1, 0xd0 + b, 0);
            f_dig(K_IU8, K_RM, 1, s[i].k, 1, 0, 0, 1, 0xc0 + b, 0);
            f_dig(K_CL, K_RM, 1, s[i].k, 0, -1, 0, 1, 0xd2 + b, 0);
            if (wi && (s[i].k == 4 || s[i].k == 5) && strcmp(s[i].n, "SAL")) {
                int o = s[i].k == 4 ? 0xa4 : 0xac;
                add(K_IU8, K_R, K_RM, E_RM, 1, 2, 0, 1, 0, 0, 0, 2, 0x0f, o, 0);
                add(K_CL, K_R, K_RM, E_RM, 1, 2, 0, 0, -1, 0, 0, 2, 0x0f, o + 1, 0);
            }
        }
}

/* One-operand group-3/4/5 instructions. */
static void unary(void)
{
    static const struct { const char *n; int op8, dig; } u[] = {
        {"INC", 0xfe, 0}, {"DEC", 0xfe, 1}, {"NOT", 0xf6, 2}, {"NEG", 0xf6, 3},
        {"MUL", 0xf6, 4}, {"DIV", 0xf6, 6}, {"IDIV", 0xf6, 7}};
    for (size_t i = 0; i < sizeof u / sizeof u[0]; i++)
        for (int wi = 0; wi < 4; wi++) {
            newopw(u[i].n, wi, 0);
            f_dig(K_RM, 0, 0, u[i].dig, 0, -1, 0, 1, u[i].op8 + (wi ? 1 : 0), 0);
        }
}

static void imul(void)
{
    for (int wi = 0; wi < 4; wi++) {
        newopw("IMUL", wi, 0);
        if (wi) {
            add(K_I8, K_R, 0, E_RM, 1, 1, 0, 1, 0, 0, 0, 1, 0x6b, 0, 0);
            add(K_IZ, K_R, 0, E_RM, 1, 1, 0, IMM_Z, 0, 0, 0, 1, 0x69, 0, 0);
            f_rm(K_RM, K_R, 1, 0, 0, 0, 2, 0x0f, 0xaf, 0);
        }
        f_dig(K_RM, 0, 0, 5, 0, -1, 0, 1, wi ? 0xf7 : 0xf6, 0);
    }
    for (int wi = 1; wi < 4; wi++) {
        newopw("IMUL3", wi, 0);
        add(K_I8, K_RM, K_R, E_RM, 2, 1, 0, 1, 0, 0, 0, 1, 0x6b, 0, 0);
        add(K_IZ, K_RM, K_R, E_RM, 2, 1, 0, IMM_Z, 0, 0, 0, 1, 0x69, 0, 0);
    }
}

/* "src, dst" r/m-to-register instructions of sizes W/L/Q. */
static void rm_wlq(const char *name, int pfx, int n, int o0, int o1)
{
    for (int wi = 1; wi < 4; wi++) {
        newopw(name, wi, 0);
        f_rm(K_RM, K_R, 1, 0, pfx, 0, n, o0, o1, 0);
    }
}

static const char *const ccnames[16] = {"OS", "OC", "CS", "CC", "EQ", "NE", "LS", "HI",
                                        "MI", "PL", "PS", "PC", "LT", "GE", "LE", "GT"};

static void condops(void)
{
    for (int cc = 0; cc < 16; cc++) {
        int op = newop("J", ccnames[cc], 0, OPF_BRANCH | OPF_JCC, cc);
        add(K_BR, 0, 0, E_BR, -1, -1, 0, 0, -1, 0, 0, 1, 0x70 + cc, 0, 0);
        if (cc == 6) OP_JLS = op;
        if (cc == 5) OP_JNE = op;
        if (cc == 2) OP_JCS = op;
        newop("SET", ccnames[cc], 1, 0, cc);
        f_dig(K_RM, 0, 0, 0, 0, -1, 0, 2, 0x0f, 0x90 + cc);
        for (int wi = 1; wi < 4; wi++) {
            char n[16];
            snprintf(n, sizeof n, "CMOV%c", ws(wi));
            newop(n, ccnames[cc], widths[wi], 0, cc);
            f_rm(K_RM, K_R, 1, 0, 0, 0, 2, 0x0f, 0x40 + cc, 0);
        }
    }
}

static void extends(void)
{
    static const struct { const char *n; int w, fl, o1; bool byte; } x[] = {
        {"MOVBWZX", 2, 0, 0xb6, true}, {"MOVBLZX", 4, 0, 0xb6, true},
        {"MOVBQZX", 8, 0, 0xb6, true}, {"MOVBWSX", 2, 0, 0xbe, true},
        {"MOVBLSX", 4, 0, 0xbe, true}, {"MOVBQSX", 8, 0, 0xbe, true},
        {"MOVWLZX", 4, 0, 0xb7, false}, {"MOVWQZX", 8, 0, 0xb7, false},
        {"MOVWLSX", 4, 0, 0xbf, false}, {"MOVWQSX", 8, 0, 0xbf, false}};
    for (size_t i = 0; i < sizeof x / sizeof x[0]; i++) {
        newop(x[i].n, NULL, x[i].w, 0, 0);
        add(x[i].byte ? K_RM8 : K_RM, K_R, 0, E_RM, 1, 0, 0, 0, -1, 0,
            x[i].byte ? F_BYTERM : 0, 2, 0x0f, x[i].o1, 0);
    }
    newop("MOVLQSX", NULL, 8, 0, 0);
    f_rm(K_RM, K_R, 1, 0, 0, 0, 1, 0x63, 0, 0);
    newop("MOVLQZX", NULL, 4, 0, 0);
    f_rm(K_RM, K_R, 1, 0, 0, 0, 1, 0x8b, 0, 0);
}

static void xchg_like(void)
{
    for (int wi = 0; wi < 4; wi++) {
        int b = wi ? 1 : 0;
        newopw("XCHG", wi, 0);
        if (wi) {
            add(K_ACC, K_R, 0, E_OR, 1, -1, 0, 0, -1, 0, 0, 1, 0x90, 0, 0);
            add(K_R, K_ACC, 0, E_OR, 0, -1, 0, 0, -1, 0, 0, 1, 0x90, 0, 0);
        }
        f_rm(K_R, K_RM, 0, 1, 0, 0, 1, 0x86 + b, 0, 0);
        f_rm(K_M, K_R, 1, 0, 0, 0, 1, 0x86 + b, 0, 0);
        newopw("CMPXCHG", wi, 0);
        f_rm(K_R, K_RM, 0, 1, 0, 0, 2, 0x0f, 0xb0 + b, 0);
        newopw("XADD", wi, 0);
        f_rm(K_R, K_RM, 0, 1, 0, 0, 2, 0x0f, 0xc0 + b, 0);
    }
    newop("CMPXCHG8B", NULL, 4, 0, 0);
    f_dig(K_M, 0, 0, 1, 0, -1, 0, 2, 0x0f, 0xc7);
    newop("CMPXCHG16B", NULL, 8, 0, 0);
    f_dig(K_M, 0, 0, 1, 0, -1, 0, 2, 0x0f, 0xc7);
}

/* Pushes (PUSH) or pops of segment registers, as go1.19 encodes them: FS
 * and GS (0f a0/a1, 0f a8/a9) at every size; with LEGACY also ES, CS
 * (push only), SS and DS, one-byte opcodes that only 32-bit code has.
 * PFX (0x66 for the W forms) goes before the opcode. */
static void seg_push_pop(bool push, int pfx, bool legacy)
{
    static const struct { int k, push, pop; } one[] = {
        {K_ES, 0x06, 0x07}, {K_CS, 0x0e, -1}, {K_SS, 0x16, 0x17}, {K_DS, 0x1e, 0x1f}};
    for (int i = 0; legacy && i < 4; i++) {
        int o = push ? one[i].push : one[i].pop;
        if (o < 0)
            continue;
        if (pfx)
            add(one[i].k, 0, 0, E_ZO, -1, -1, 0, 0, -1, 0, 0, 2, pfx, o, 0);
        else
            add(one[i].k, 0, 0, E_ZO, -1, -1, 0, 0, -1, 0, 0, 1, o, 0, 0);
    }
    static const struct { int k, push; } two[] = {{K_FS, 0xa0}, {K_GS, 0xa8}};
    for (int i = 0; i < 2; i++) {
        int o = two[i].push + (push ? 0 : 1);
        if (pfx)
            add(two[i].k, 0, 0, E_ZO, -1, -1, 0, 0, -1, 0, 0, 3, pfx, 0x0f, o);
        else
            add(two[i].k, 0, 0, E_ZO, -1, -1, 0, 0, -1, 0, 0, 2, 0x0f, o, 0);
    }
}

static void stack_ops(void)
{
    newop("PUSHQ", NULL, 8, OPF_PUSH, 0);
    add(K_R, 0, 0, E_OR, 0, -1, 0, 0, -1, 0, F_NOW, 1, 0x50, 0, 0);
    add(K_I8, 0, 0, E_I, -1, -1, 0, 1, 0, 0, F_NOW, 1, 0x6a, 0, 0);
    add(K_I32, 0, 0, E_I, -1, -1, 0, 4, 0, 0, F_NOW, 1, 0x68, 0, 0);
    f_dig(K_M, 0, 0, 6, 0, -1, F_NOW, 1, 0xff, 0);
    seg_push_pop(true, 0, 0);
    newop("POPQ", NULL, 8, OPF_POP, 0);
    add(K_R, 0, 0, E_OR, 0, -1, 0, 0, -1, 0, F_NOW, 1, 0x58, 0, 0);
    f_dig(K_M, 0, 0, 0, 0, -1, F_NOW, 1, 0x8f, 0);
    seg_push_pop(false, 0, 0);
    newop("PUSHL", NULL, 4, OPF_PUSH, 0);   /* segment registers only, as in Go */
    seg_push_pop(true, 0, 1);
    newop("POPL", NULL, 4, OPF_POP, 0);
    seg_push_pop(false, 0, 1);
    newop("PUSHW", NULL, 2, OPF_PUSH, 0);
    add(K_R, 0, 0, E_OR, 0, -1, 0, 0, -1, 0, 0, 1, 0x50, 0, 0);
    f_dig(K_M, 0, 0, 6, 0, -1, 0, 1, 0xff, 0);
    seg_push_pop(true, 0x66, 1);
    newop("POPW", NULL, 2, OPF_POP, 0);
    add(K_R, 0, 0, E_OR, 0, -1, 0, 0, -1, 0, 0, 1, 0x58, 0, 0);
    f_dig(K_M, 0, 0, 0, 0, -1, 0, 1, 0x8f, 0);
    seg_push_pop(false, 0x66, 1);
    newop("PUSHFQ", NULL, 8, OPF_PUSH, 0);
    f_zo(1, 0x9c, 0, 0);
    newop("POPFQ", NULL, 8, OPF_POP, 0);
    f_zo(1, 0x9d, 0, 0);
    newop("PUSHFW", NULL, 2, OPF_PUSH, 0);
    f_zo(2, 0x66, 0x9c, 0);
    newop("POPFW", NULL, 2, OPF_POP, 0);
    f_zo(2, 0x66, 0x9d, 0);
}

static void control(void)
{
    OP_CALL = newop("CALL", NULL, 8, OPF_BRANCH | OPF_CALL, 0);
    add(K_SYM, 0, 0, E_SYM, -1, -1, 0, 0, -1, 0, 0, 1, 0xe8, 0, 0);
    add(K_BR, 0, 0, E_BR, -1, -1, 0, 0, -1, 0, 0, 1, 0xe8, 0, 0);
    f_dig(K_R, 0, 0, 2, 0, -1, F_NOW, 1, 0xff, 0);
    f_dig(K_M, 0, 0, 2, 0, -1, F_NOW, 1, 0xff, 0);
    OP_JMP = newop("JMP", NULL, 8, OPF_BRANCH | OPF_JMP, 0);
    add(K_SYM, 0, 0, E_SYM, -1, -1, 0, 0, -1, 0, 0, 1, 0xe9, 0, 0);
    add(K_BR, 0, 0, E_BR, -1, -1, 0, 0, -1, 0, 0, 1, 0xeb, 0, 0);
    f_dig(K_R, 0, 0, 4, 0, -1, F_NOW, 1, 0xff, 0);
    f_dig(K_M, 0, 0, 4, 0, -1, F_NOW, 1, 0xff, 0);
    OP_RET = newop("RET", NULL, 0, OPF_RET, 0);
    f_zo(1, 0xc3, 0, 0);
    add(K_IU16, 0, 0, E_I, -1, -1, 0, 2, 0, 0, 0, 1, 0xc2, 0, 0);
    newop("INT", NULL, 1, 0, 0);
    add(K_IU8, 0, 0, E_I, -1, -1, 0, 1, 0, 0, 0, 1, 0xcd, 0, 0);
}

static void simple(void)
{
    zo("CPUID", 2, 0x0f, 0xa2, 0);
    zo("RDTSC", 2, 0x0f, 0x31, 0);
    zo("RDTSCP", 3, 0x0f, 0x01, 0xf9);
    zo("CLD", 1, 0xfc, 0, 0);
    zo("STD", 1, 0xfd, 0, 0);
    zo("CLI", 1, 0xfa, 0, 0);
    zo("STI", 1, 0xfb, 0, 0);
    zo("CLC", 1, 0xf8, 0, 0);
    zo("STC", 1, 0xf9, 0, 0);
    zo("CMC", 1, 0xf5, 0, 0);
    zo("HLT", 1, 0xf4, 0, 0);
    zo("PAUSE", 2, 0xf3, 0x90, 0);
    zo("MFENCE", 3, 0x0f, 0xae, 0xf0);
    zo("LFENCE", 3, 0x0f, 0xae, 0xe8);
    zo("SFENCE", 3, 0x0f, 0xae, 0xf8);
    zo("SYSCALL", 2, 0x0f, 0x05, 0);
    zo("UD2", 2, 0x0f, 0x0b, 0);
    zo("LOCK", 1, 0xf0, 0, 0);
    zo("REP", 1, 0xf3, 0, 0);
    zo("REPN", 1, 0xf2, 0, 0);
    zo("CQO", 2, 0x48, 0x99, 0);
    zo("CDQ", 1, 0x99, 0, 0);
    zo("CWD", 2, 0x66, 0x99, 0);
    zo("CDQE", 2, 0x48, 0x98, 0);
    zo("CWDE", 1, 0x98, 0, 0);
    zo("XGETBV", 3, 0x0f, 0x01, 0xd0);
    zo("LEAVEQ", 1, 0xc9, 0, 0);
    zo("MOVSB", 1, 0xa4, 0, 0);
    zo("MOVSL", 1, 0xa5, 0, 0);
    zo("MOVSQ", 2, 0x48, 0xa5, 0);
    zo("STOSB", 1, 0xaa, 0, 0);
    zo("STOSL", 1, 0xab, 0, 0);
    zo("STOSQ", 2, 0x48, 0xab, 0);
    OP_NOP = newop("NOP", NULL, 0, OPF_PSEUDO, 0);
}

/* The privileged and system instructions go1.19 accepts beyond the moves
 * (mov): the descriptor tables, the task and LDT registers, the machine
 * status word, segment checks, TLB and cache control, MSRs and the fast
 * system calls. */
static void system(void)
{
    static const struct { const char *n; int dig; } tables[] = {
        {"SGDT", 0}, {"SIDT", 1}, {"LGDT", 2}, {"LIDT", 3}};
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        newop(tables[i].n, NULL, 4, 0, 0);
        f_dig(K_M, 0, 0, tables[i].dig, 0, -1, 0, 2, 0x0f, 0x01);
    }
    /* A 16-bit register or memory operand, with no 0x66 prefix. */
    static const struct { const char *n; int o1, dig; } sel[] = {
        {"LLDT", 0x00, 2}, {"LTR", 0x00, 3}, {"VERR", 0x00, 4}, {"VERW", 0x00, 5}, {"LMSW", 0x01, 6}};
    for (size_t i = 0; i < sizeof sel / sizeof sel[0]; i++) {
        newop(sel[i].n, NULL, 2, 0, 0);
        f_dig(K_RM, 0, 0, sel[i].dig, 0, -1, F_NO66, 2, 0x0f, sel[i].o1);
    }
    /* The stores, at each size (0x66 for W, REX.W for Q). */
    static const struct { const char *n; int o1, dig; } st[] = {
        {"SLDT", 0x00, 0}, {"STR", 0x00, 1}, {"SMSW", 0x01, 4}};
    for (size_t i = 0; i < sizeof st / sizeof st[0]; i++)
        for (int wi = 1; wi < 4; wi++) {
            newopw(st[i].n, wi, 0);
            f_dig(K_RM, 0, 0, st[i].dig, 0, -1, 0, 2, 0x0f, st[i].o1);
        }
    rm_wlq("LAR", 0, 2, 0x0f, 0x02);
    rm_wlq("LSL", 0, 2, 0x0f, 0x03);
    newop("INVLPG", NULL, 8, 0, 0);   /* Go takes a register too (mod 3), and so do we */
    f_dig(K_RM, 0, 0, 7, 0, -1, F_NOW, 2, 0x0f, 0x01);
    zo("SWAPGS", 3, 0x0f, 0x01, 0xf8);
    zo("CLTS", 2, 0x0f, 0x06, 0);
    zo("INVD", 2, 0x0f, 0x08, 0);
    zo("WBINVD", 2, 0x0f, 0x09, 0);
    zo("WRMSR", 2, 0x0f, 0x30, 0);
    zo("RDMSR", 2, 0x0f, 0x32, 0);
    zo("RDPMC", 2, 0x0f, 0x33, 0);
    zo("SYSRET", 2, 0x0f, 0x07, 0);
    zo("SYSENTER", 2, 0x0f, 0x34, 0);
    zo("SYSEXIT", 2, 0x0f, 0x35, 0);
}

static void bitops(void)
{
    rm_wlq("BSF", 0, 2, 0x0f, 0xbc);
    rm_wlq("BSR", 0, 2, 0x0f, 0xbd);
    rm_wlq("POPCNT", 0xf3, 2, 0x0f, 0xb8);
    rm_wlq("LZCNT", 0xf3, 2, 0x0f, 0xbd);
    rm_wlq("TZCNT", 0xf3, 2, 0x0f, 0xbc);
    static const struct { const char *n; int dig, o; } bt[] = {
        {"BT", 4, 0xa3}, {"BTS", 5, 0xab}, {"BTR", 6, 0xb3}, {"BTC", 7, 0xbb}};
    for (size_t i = 0; i < 4; i++)
        for (int wi = 1; wi < 4; wi++) {
            newopw(bt[i].n, wi, 0);
            add(K_IU8, K_RM, 0, E_DIG, -1, 1, bt[i].dig, 1, 0, 0, 0, 2, 0x0f, 0xba, 0);
            f_rm(K_R, K_RM, 0, 1, 0, 0, 2, 0x0f, bt[i].o, 0);
        }
    for (int wi = 2; wi < 4; wi++) {
        newopw("BSWAP", wi, 0);
        add(K_R, 0, 0, E_OR, 0, -1, 0, 0, -1, 0, 0, 2, 0x0f, 0xc8, 0);
    }
}

/* SSE instructions the runtime uses around g and memory clearing. */
static void sse(void)
{
    static const struct { const char *n; int pfx, o; } x[] = {
        {"XORPS", 0, 0x57}, {"XORPD", 0x66, 0x57}, {"PXOR", 0x66, 0xef},
        {"PAND", 0x66, 0xdb}, {"POR", 0x66, 0xeb}, {"PCMPEQB", 0x66, 0x74},
        {"ANDPS", 0, 0x54}, {"ORPS", 0, 0x56}};
    for (size_t i = 0; i < sizeof x / sizeof x[0]; i++) {
        newop(x[i].n, NULL, 16, 0, 0);
        f_rm(K_XM, K_X, 1, 0, x[i].pfx, F_NOW, 2, 0x0f, x[i].o, 0);
    }
    static const struct { const char *n; int pfx, ld, st; } m[] = {
        {"MOVUPS", 0, 0x10, 0x11}, {"MOVAPS", 0, 0x28, 0x29},
        {"MOVOU", 0xf3, 0x6f, 0x7f}, {"MOVO", 0x66, 0x6f, 0x7f}};
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++) {
        newop(m[i].n, NULL, 16, 0, 0);
        f_rm(K_XM, K_X, 1, 0, m[i].pfx, F_NOW, 2, 0x0f, m[i].ld, 0);
        f_rm(K_X, K_M, 0, 1, m[i].pfx, F_NOW, 2, 0x0f, m[i].st, 0);
    }
}

static void sse_more(void)
{
    newop("AESENC", NULL, 16, 0, 0);
    f_rm(K_XM, K_X, 1, 0, 0x66, F_NOW, 3, 0x0f, 0x38, 0xdc);
    newop("AESENCLAST", NULL, 16, 0, 0);
    f_rm(K_XM, K_X, 1, 0, 0x66, F_NOW, 3, 0x0f, 0x38, 0xdd);
    newop("AESDEC", NULL, 16, 0, 0);
    f_rm(K_XM, K_X, 1, 0, 0x66, F_NOW, 3, 0x0f, 0x38, 0xde);
    newop("PSHUFB", NULL, 16, 0, 0);
    f_rm(K_XM, K_X, 1, 0, 0x66, F_NOW, 3, 0x0f, 0x38, 0x00);
    /* "imm, src, dst" with the immediate last in the encoding. */
    newop("PSHUFHW", NULL, 16, 0, 0);
    add(K_IU8, K_XM, K_X, E_RM, 2, 1, 0, 1, 0, 0xf3, F_NOW, 2, 0x0f, 0x70, 0);
    newop("PSHUFL", NULL, 16, 0, 0);
    add(K_IU8, K_XM, K_X, E_RM, 2, 1, 0, 1, 0, 0x66, F_NOW, 2, 0x0f, 0x70, 0);
    newop("PINSRW", NULL, 16, 0, 0);
    add(K_IU8, K_RM, K_X, E_RM, 2, 1, 0, 1, 0, 0x66, F_NOW, 2, 0x0f, 0xc4, 0);
    newop("PINSRD", NULL, 16, 0, 0);
    add(K_IU8, K_RM, K_X, E_RM, 2, 1, 0, 1, 0, 0x66, F_NOW, 3, 0x0f, 0x3a, 0x22);
    newop("PINSRQ", NULL, 16, 0, 0);
    add(K_IU8, K_RM, K_X, E_RM, 2, 1, 0, 1, 0, 0x66, F_W, 3, 0x0f, 0x3a, 0x22);
    newop("PMOVMSKB", NULL, 16, 0, 0);
    f_rm(K_X, K_R, 1, 0, 0x66, F_NOW, 2, 0x0f, 0xd7, 0);
    newop("PCMPEQL", NULL, 16, 0, 0);
    f_rm(K_XM, K_X, 1, 0, 0x66, F_NOW, 2, 0x0f, 0x76, 0);
    newop("PADDQ", NULL, 16, 0, 0);
    f_rm(K_XM, K_X, 1, 0, 0x66, F_NOW, 2, 0x0f, 0xd4, 0);
}

static void pseudo(void)
{
    /* ADJSP $n: SP -= n, tracked by the frame pass like PUSH/POP. */
    newop("ADJSP", NULL, 8, OPF_PSEUDO | OPF_ADJSP, 0);
    static const char *const d[] = {"BYTE", "WORD", "LONG", "QUAD"};
    int *ids[] = {&OP_BYTE, &OP_WORD, &OP_LONG, &OP_QUAD};
    for (int i = 0; i < 4; i++) {
        *ids[i] = newop(d[i], NULL, widths[i], OPF_DATA, 0);
        add(i == 3 ? K_I64 : K_IZ, 0, 0, E_RAW, -1, -1, 0, (uint8_t)widths[i], 0, 0, 0, 0, 0, 0, 0);
    }
    OP_TEXT = newop("TEXT", NULL, 0, OPF_PSEUDO, 0);
    OP_DATA = newop("DATA", NULL, 0, OPF_PSEUDO, 0);
    OP_GLOBL = newop("GLOBL", NULL, 0, OPF_PSEUDO, 0);
    OP_PCDATA = newop("PCDATA", NULL, 0, OPF_PSEUDO, 0);
    OP_FUNCDATA = newop("FUNCDATA", NULL, 0, OPF_PSEUDO, 0);
}

static void build(void)
{
    static const struct { const char *n; int k; } a[] = {
        {"ADD", 0}, {"OR", 1}, {"ADC", 2}, {"SBB", 3}, {"AND", 4}, {"SUB", 5}, {"XOR", 6}};
    for (size_t i = 0; i < sizeof a / sizeof a[0]; i++)
        alu(a[i].n, a[i].k);
    OP_ADDQ = op_lookup("ADDQ");
    OP_SUBQ = op_lookup("SUBQ");
    cmp();
    test();
    mov();
    lea();
    shifts();
    unary();
    imul();
    condops();
    extends();
    xchg_like();
    stack_ops();
    control();
    simple();
    system();
    bitops();
    sse();
    sse_more();
    pseudo();
}

/* Other spellings Go accepts for the conditional jumps. */
static const char *const aliases[][2] = {
    {"JA", "JHI"}, {"JAE", "JCC"}, {"JB", "JCS"}, {"JBE", "JLS"}, {"JC", "JCS"},
    {"JE", "JEQ"}, {"JG", "JGT"}, {"JHS", "JCC"}, {"JL", "JLT"}, {"JLO", "JCS"},
    {"JNA", "JLS"}, {"JNAE", "JCS"}, {"JNB", "JCC"}, {"JNBE", "JHI"}, {"JNC", "JCC"},
    {"JNG", "JLE"}, {"JNGE", "JLT"}, {"JNL", "JGE"}, {"JNLE", "JGT"}, {"JNO", "JOC"},
    {"JNP", "JPC"}, {"JNS", "JPL"}, {"JNZ", "JNE"}, {"JO", "JOS"}, {"JP", "JPS"},
    {"JPE", "JPS"}, {"JPO", "JPC"}, {"JS", "JMI"}, {"JZ", "JEQ"},
};

/* The opcodes by name: open addressing, slot = index + 1 (0 empty).  Every
 * statement looks its opcode up; a scan of the table was the assembler's
 * hot spot. */
#define OP_SLOTS 4096
static uint16_t op_slots[OP_SLOTS];
static bool indexed;

static size_t op_slot(const char *name)
{
    uint32_t h = 2166136261u;   /* FNV-1a */
    for (const char *p = name; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    size_t i = h & (OP_SLOTS - 1);
    while (op_slots[i] && strcmp(defs[op_slots[i] - 1].name, name) != 0)
        i = (i + 1) & (OP_SLOTS - 1);
    return i;
}

/* The first definition of a name is the one found, as a scan finds it. */
static void build_index(void)
{
    _Static_assert(2 * MAXOPS <= OP_SLOTS, "the opcode index needs room");
    for (int i = 0; i < ndefs; i++) {
        size_t k = op_slot(defs[i].name);
        if (!op_slots[k])
            op_slots[k] = (uint16_t)(i + 1);
    }
    indexed = true;
}

int op_lookup(const char *name)
{
    if (!built) {
        built = true;
        build();
        build_index();
    }
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (name[0] == 'J' && strcmp(aliases[i][0], name) == 0)
            name = aliases[i][1];
    if (indexed) {
        int k = op_slots[op_slot(name)];
        return k ? k - 1 : -1;
    }
    for (int i = 0; i < ndefs; i++)   /* while build() runs */
        if (strcmp(defs[i].name, name) == 0)
            return i;
    return -1;
}

const aopdef *op_def(int op)
{
    if (!built)
        op_lookup("NOP");
    return &defs[op];
}
