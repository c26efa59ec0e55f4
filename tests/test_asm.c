/* Unit tests of the assembler's API: names, relocations, TLS, frames,
 * instruction records, the preprocessor, expressions and diagnostics. */
#include "tests/testlib.h"
#include "cpu/asm.h"
#include "cpu/link.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Include callback serving two in-memory headers, like the integrator's. */
static char *inc(void *ctx, const char *name, char **resolved)
{
    (void)ctx;
    const char *t = NULL;
    if (strcmp(name, "go_asm.h") == 0)
        t = "#define g_m 48\n#define g_sched 56\n#define gobuf_sp 0\n#define gobuf_pc 8\n"
            "#define m_tls 136\n#define g_stackguard0 16\n";
    else if (strcmp(name, "go_tls.h") == 0)
        t = "#define get_tls(r) MOVQ TLS, r\n#define g(r) 0(r)(TLS*1)\n";
    else if (strcmp(name, "loop.h") == 0)
        t = "#include \"loop.h\"\n";
    if (!t)
        return NULL;
    *resolved = malloc(strlen(name) + 8);
    sprintf(*resolved, "inc/%s", name);
    return strdup(t);
}

typedef struct {
    asm_object obj;
    char *diag;
    int nerr;
} result;

static result run(const char *src)
{
    result r = {0};
    size_t len = 0;
    FILE *d = open_memstream(&r.diag, &len);
    asm_options opt = {inc, NULL, d, 19};
    r.nerr = asm_assemble("t.s", src, &opt, &r.obj);
    fclose(d);
    return r;
}

static void done(result *r)
{
    if (r->nerr == 0)
        asm_object_free(&r->obj);
    free(r->diag);
}

static const asm_symbol *sym(const result *r, const char *name)
{
    for (size_t i = 0; i < r->obj.nsyms; i++)
        if (strcmp(r->obj.syms[i].name, name) == 0)
            return &r->obj.syms[i];
    return NULL;
}

static bool bytes_are(const asm_symbol *s, size_t off, const char *hex)
{
    size_t n = 0;
    unsigned v;
    int k;
    while (sscanf(hex, "%2x%n", &v, &k) == 1) {
        if (off + n >= s->size || s->data[off + n] != v)
            return false;
        n++;
        hex += k;
        while (*hex == ' ')
            hex++;
    }
    return n > 0;
}

static const char *prelude = "#include \"textflag.h\"\n#include \"go_asm.h\"\n#include \"go_tls.h\"\n";

static result runp(const char *body)
{
    char *s = malloc(strlen(prelude) + strlen(body) + 1);
    strcpy(s, prelude);
    strcat(s, body);
    result r = run(s);
    free(s);
    return r;
}

static void test_names(void)
{
    result r = runp("TEXT runtime·mcall<ABIInternal>(SB),NOSPLIT,$0-8\n\tJMP gogo<>(SB)\n"
                    "TEXT gogo<>(SB),NOSPLIT,$0\n\tRET\n"
                    "DATA runtime·mainPC+0(SB)/8,$runtime·main<ABIInternal>(SB)\n"
                    "GLOBL runtime·mainPC(SB),RODATA,$8\n");
    CU_ASSERT_EQUAL_FATAL(r.nerr, 0);
    const asm_symbol *m = sym(&r, "runtime·mcall");
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_EQUAL(m->kind, ASM_SYM_TEXT);
    CU_ASSERT_EQUAL(m->flags, ASM_NOSPLIT);
    CU_ASSERT_EQUAL(m->args, 8);
    CU_ASSERT_FALSE(m->local);
    CU_ASSERT_EQUAL_FATAL(m->nrelocs, 1);
    CU_ASSERT_STRING_EQUAL(m->relocs[0].target, "gogo<>");
    CU_ASSERT_EQUAL(m->relocs[0].type, ASM_RELOC_CALL32);
    CU_ASSERT_EQUAL(m->relocs[0].off, 1);
    const asm_symbol *g = sym(&r, "gogo<>");
    CU_ASSERT_PTR_NOT_NULL_FATAL(g);
    CU_ASSERT_TRUE(g->local);
    CU_ASSERT_EQUAL(g->args, -1);
    const asm_symbol *pc = sym(&r, "runtime·mainPC");
    CU_ASSERT_PTR_NOT_NULL_FATAL(pc);
    CU_ASSERT_EQUAL(pc->kind, ASM_SYM_DATA);
    CU_ASSERT_EQUAL(pc->size, 8);
    CU_ASSERT_EQUAL(pc->flags, ASM_RODATA);
    CU_ASSERT_EQUAL_FATAL(pc->nrelocs, 1);
    CU_ASSERT_EQUAL(pc->relocs[0].type, ASM_RELOC_ADDR64);
    CU_ASSERT_STRING_EQUAL(pc->relocs[0].target, "runtime·main");
    done(&r);
}

/* The PC-relative field of MOVB $1, sym(SB) is followed by the immediate,
 * so the addend has to subtract it. */
static void test_pcrel_addend(void)
{
    result r = runp("TEXT f(SB),NOSPLIT,$0\n"
                    "\tMOVB $1, runtime·isIntel(SB)\n"
                    "\tMOVQ $7, runtime·x+8(SB)\n"
                    "\tMOVQ $runtime·g0(SB), DI\n"
                    "\tCMPW runtime·y(SB), $0x1234\n");
    CU_ASSERT_EQUAL_FATAL(r.nerr, 0);
    const asm_symbol *f = sym(&r, "f");
    CU_ASSERT_EQUAL_FATAL(f->nrelocs, 4);
    CU_ASSERT_EQUAL(f->relocs[0].type, ASM_RELOC_PCREL32);
    CU_ASSERT_EQUAL(f->relocs[0].off, 2);
    CU_ASSERT_EQUAL(f->relocs[0].addend, -1);
    CU_ASSERT_STRING_EQUAL(f->relocs[1].target, "runtime·x");
    CU_ASSERT_EQUAL(f->relocs[1].addend, 8 - 4);
    CU_ASSERT_TRUE(bytes_are(f, 18, "48 8d 3d 00 00 00 00"));
    CU_ASSERT_EQUAL(f->relocs[2].addend, 0);
    CU_ASSERT_EQUAL(f->relocs[3].addend, -2);
    CU_ASSERT_EQUAL(f->relocs[3].line, 8);
    done(&r);
}

static void test_tls(void)
{
    result r = runp("TEXT f(SB),NOSPLIT,$0\n\tget_tls(BX)\n\tMOVQ g(BX), AX\n\tMOVQ $0x123, g(BX)\n");
    CU_ASSERT_EQUAL_FATAL(r.nerr, 0);
    const asm_symbol *f = sym(&r, "f");
    CU_ASSERT_EQUAL(f->nrelocs, 0);
    CU_ASSERT_EQUAL_FATAL(f->ninsns, 3);
    CU_ASSERT_EQUAL(f->insns[0].len, 0); /* MOVQ TLS, BX is a NOP */
    CU_ASSERT_TRUE(bytes_are(f, 0, "64 48 8b 04 25 f8 ff ff ff"));
    CU_ASSERT_TRUE(bytes_are(f, 9, "64 48 c7 04 25 f8 ff ff ff 23 01 00 00"));
    done(&r);
}

static void test_frame_insns(void)
{
    result r = runp("TEXT f(SB),NOSPLIT,$32-16\n\tMOVQ x+8(FP), AX\n\tMOVQ y-8(SP), BX\n"
                    "\tMOVQ 8(SP), CX\n\tRET\n");
    CU_ASSERT_EQUAL_FATAL(r.nerr, 0);
    const asm_symbol *f = sym(&r, "f");
    CU_ASSERT_EQUAL(f->frame, 32);
    CU_ASSERT_EQUAL(f->args, 16);
    CU_ASSERT_EQUAL_FATAL(f->ninsns, 9);
    bool ins[] = {true, true, true, false, false, false, true, true, false};
    int lines[] = {4, 4, 4, 5, 6, 7, 8, 8, 8};
    for (int i = 0; i < 9; i++) {
        CU_ASSERT_EQUAL(f->insns[i].inserted, ins[i]);
        CU_ASSERT_EQUAL(f->insns[i].line, lines[i]);
        CU_ASSERT_STRING_EQUAL(f->insns[i].file, "t.s");
    }
    CU_ASSERT_TRUE(bytes_are(f, 0, "48 83 ec 28 48 89 6c 24 20 48 8d 6c 24 20"));
    CU_ASSERT_TRUE(bytes_are(f, f->insns[3].off, "48 8b 44 24 38")); /* 8+40+8 */
    CU_ASSERT_TRUE(bytes_are(f, f->insns[4].off, "48 8b 5c 24 18")); /* -8+40-8 */
    CU_ASSERT_TRUE(bytes_are(f, f->insns[5].off, "48 8b 4c 24 08"));
    CU_ASSERT_TRUE(bytes_are(f, f->insns[6].off, "48 8b 6c 24 20 48 83 c4 28 c3"));
    done(&r);
}

/* go1.21's frames (asm_options.go_minor 21): PUSHQ BP; MOVQ SP, BP first,
 * the same pseudo FP/SP offsets, ADDQ; POPQ BP before RET; a NOSPLIT $0
 * function that calls gets a frame too (mcall's case); a leaf does not and
 * is marked NOFRAME. */
static void test_frame_insns_go121(void)
{
    result r = {0};
    size_t len = 0;
    FILE *d = open_memstream(&r.diag, &len);
    asm_options opt = {inc, NULL, d, 21};
    r.nerr = asm_assemble("t.s", "#include \"textflag.h\"\n"
                          "TEXT f(SB),NOSPLIT,$32-16\n\tMOVQ x+8(FP), AX\n\tMOVQ y-8(SP), BX\n\tRET\n"
                          "TEXT c(SB),NOSPLIT,$0-8\n\tCALL f(SB)\n\tRET\n"
                          "TEXT l(SB),NOSPLIT,$0\n\tRET\n", &opt, &r.obj);
    fclose(d);
    CU_ASSERT_EQUAL_FATAL(r.nerr, 0);
    const asm_symbol *f = sym(&r, "f"), *c = sym(&r, "c"), *l = sym(&r, "l");
    CU_ASSERT_TRUE(bytes_are(f, 0, "55 48 89 e5 48 83 ec 20"));
    CU_ASSERT_TRUE(bytes_are(f, 8, "48 8b 44 24 38"));   /* x+8(FP): 8 + 40 + 8 */
    CU_ASSERT_TRUE(bytes_are(f, 13, "48 8b 5c 24 18"));  /* y-8(SP): -8 + 40 - 8 */
    CU_ASSERT_TRUE(bytes_are(f, 18, "48 83 c4 20 5d c3"));
    CU_ASSERT_TRUE(bytes_are(c, 0, "55 48 89 e5 e8"));
    CU_ASSERT_TRUE(bytes_are(c, 9, "5d c3"));
    CU_ASSERT_EQUAL(l->size, 1);
    CU_ASSERT_TRUE(l->flags & ASM_NOFRAME);
    done(&r);
}

static void test_split_prologue(void)
{
    result r = runp("TEXT f(SB),$16\n\tCALL h(SB)\n\tRET\n");
    CU_ASSERT_EQUAL_FATAL(r.nerr, 0);
    const asm_symbol *f = sym(&r, "f");
    CU_ASSERT_TRUE(bytes_are(f, 0, "64 4c 8b 34 25 f8 ff ff ff 49 3b 66 10 76 1d"));
    CU_ASSERT_EQUAL_FATAL(f->nrelocs, 2);
    CU_ASSERT_STRING_EQUAL(f->relocs[1].target, "runtime·morestack_noctxt");
    CU_ASSERT_TRUE(bytes_are(f, f->size - 2, "eb cd"));
    done(&r);
}

static void test_preprocessor(void)
{
    result r = run("#include \"textflag.h\"\n"
                   "#define A 3\n#define ADD2(x, y) ADDQ $x, y; \\\n\tADDQ $(x+A), y\n"
                   "#ifdef A\n#define B 1\n#else\n#define B 2\n#endif\n"
                   "#ifndef A\n#define C 1\n#else\n#define C 2\n#endif\n"
                   "#define D\n#undef D\n#ifdef D\nTEXT nope(SB),$0\n#endif\n"
                   "TEXT f(SB),NOSPLIT,$0 /* multi\nline */\n\tADD2(1, AX)\n\tMOVQ $B, BX // c\n"
                   "\tMOVQ $C, CX\n");
    CU_ASSERT_EQUAL_FATAL(r.nerr, 0);
    CU_ASSERT_PTR_NULL(sym(&r, "nope"));
    const asm_symbol *f = sym(&r, "f");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_TRUE(bytes_are(f, 0, "48 83 c0 01 48 83 c0 04 48 c7 c3 01 00 00 00 48 c7 c1 02 00 00 00"));
    CU_ASSERT_EQUAL_FATAL(f->ninsns, 4);
    CU_ASSERT_EQUAL(f->insns[0].line, 22); /* macro output belongs to its use */
    CU_ASSERT_EQUAL(f->insns[1].line, 22);
    done(&r);
}

/* The bytes are go1.19's for the same source (0x100>>4&0xf0 is
 * 0x100>>(4&0xf0) there: a >> takes a whole term as its count). */
static void test_expressions(void)
{
    result r = run("TEXT f(SB),4,$0\n\tMOVQ $(5*8), AX\n\tANDQ $~15, SP\n\tMOVQ $(1<<4|3), BX\n"
                   "\tMOVQ $(0x100>>4&0xf0), CX\n\tMOVQ $(-(7/2))+2, DX\n\tMOVQ $'A', SI\n"
                   "\tMOVQ $(-64*1024)+8, DI\n");
    CU_ASSERT_EQUAL_FATAL(r.nerr, 0);
    const asm_symbol *f = sym(&r, "f");
    CU_ASSERT_TRUE(bytes_are(f, 0, "48 c7 c0 28 00 00 00 48 83 e4 f0 48 c7 c3 13 00 00 00"
                                   " 48 c7 c1 00 01 00 00 48 c7 c2 ff ff ff ff"
                                   " 48 c7 c6 41 00 00 00 48 c7 c7 08 00 ff ff"));
    done(&r);
}

/* Expressions as go1.19's go tool asm evaluates or refuses them (each case
 * run through it: issue 14 found numbers past 2^64 read as -1 and right
 * shifts of negative values accepted).  WANT is the value, or the message
 * after "t.s:2:COL: ". */
static void test_expressions_as_go(void)
{
    struct { const char *expr; long long v; const char *err; } cases[] = {
        {"18446744073709551615", -1, NULL},
        {"18446744073709551616", 0, "value out of range: 18446744073709551616 does not fit in 64 bits"},
        {"0x10000000000000000", 0, "value out of range: 0x10000000000000000 does not fit in 64 bits"},
        {"077777777777777777777777", 0, "value out of range"},
        {"1<<63", INT64_MIN, NULL},
        {"1<<64", 0, NULL},           /* Go's uint64 shift: 0, not an error */
        {"1<<100", 0, NULL},
        {"8>>64", 0, NULL},
        {"1<<-1", 0, "negative left shift count"},
        {"1>>-1", 0, "negative right shift count"},
        {"-1>>1", 0, "right shift of value with high bit set"},
        {"-1>>0", 0, "right shift of value with high bit set"},
        {"~0>>1", 0, "right shift of value with high bit set"},
        {"0x8000000000000000>>1", 0, "right shift of value with high bit set"},
        {"64>>1*2", 16, NULL},
        {"64>>2>>1", 32, NULL},
        {"1<<2*3", 0, "missing ')' in expression"},
        {"2*1<<3", 16, NULL},
        {"7&3<<1", 6, NULL},
        {"-8/2", 0, "divide of value with high bit set"},
        {"8/-1", 0, NULL},
        {"-8%3", 0, "modulo of value with high bit set"},
        {"8%-3", 8, NULL},
        {"3/0", 0, "division by zero"},
        {"3%0", 0, "modulo by zero"},
        {"^0", 0, "unexpected ^ in expression"},
        {"1+^0", 0, "unexpected ^ in expression"},
        {"!0", 0, "unexpected ! in expression"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char src[200];
        snprintf(src, sizeof src, "TEXT f(SB),4,$0\n\tMOVQ $(%s), AX\n", cases[i].expr);
        result r = run(src);
        if (cases[i].err) {
            CU_ASSERT_EQUAL(r.nerr, 1);
            bool ok = strncmp(r.diag, "t.s:2:", 6) == 0 && strstr(r.diag, cases[i].err);
            if (!ok)
                fprintf(stderr, "\n  %s: got \"%s\", want \"%s\"\n", cases[i].expr, r.diag,
                        cases[i].err);
            CU_ASSERT_TRUE(ok);
        } else {
            CU_ASSERT_EQUAL(r.nerr, 0);
            char want[64];
            int64_t v = cases[i].v;
            /* MOVQ $imm32 (sign-extended) or MOVQ $imm64, as Go picks. */
            if (v >= INT32_MIN && v <= INT32_MAX)
                snprintf(want, sizeof want, "48 c7 c0 %02x %02x %02x %02x", (unsigned)(v & 0xff),
                         (unsigned)(v >> 8 & 0xff), (unsigned)(v >> 16 & 0xff),
                         (unsigned)(v >> 24 & 0xff));
            else
                snprintf(want, sizeof want, "48 b8 00 00 00 00 00 00 00 80");
            bool ok = r.nerr == 0 && bytes_are(sym(&r, "f"), 0, want);
            if (!ok)
                fprintf(stderr, "\n  %s: got \"%s\", want %s\n", cases[i].expr, r.diag, want);
            CU_ASSERT_TRUE(ok);
        }
        done(&r);
    }
}

static int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static void test_five_errors(void)
{
    result r = run("#include \"textflag.h\"\n"
                   "TEXT f(SB),NOSPLIT,$0\n"
                   "\tFROB AX\n"                 /* 3: unknown instruction */
                   "\tMOVQ (AX)(BX*3), CX\n"     /* 4: bad scale */
                   "\tJMP nowhere\n"             /* 5: undefined label */
                   "\tLEAQ AX, BX\n"             /* 6: bad operand */
                   "TEXT f(SB),NOSPLIT,$0\n"     /* 7: duplicate symbol */
                   "\tRET\n");
    CU_ASSERT_EQUAL(r.nerr, 5);
    CU_ASSERT_EQUAL(count_lines(r.diag), 5);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.diag, "t.s:3:2: unrecognized instruction"));
    CU_ASSERT_PTR_NOT_NULL(strstr(r.diag, "t.s:4:"));
    CU_ASSERT_PTR_NOT_NULL(strstr(r.diag, "bad scale"));
    CU_ASSERT_PTR_NOT_NULL(strstr(r.diag, "t.s:5:6: undefined label nowhere"));
    CU_ASSERT_PTR_NOT_NULL(strstr(r.diag, "t.s:6:2: invalid operand"));
    CU_ASSERT_PTR_NOT_NULL(strstr(r.diag, "t.s:7:"));
    CU_ASSERT_PTR_NOT_NULL(strstr(r.diag, "duplicate symbol f"));
    done(&r);
}

/* A duplicate names its column and where the first definition is (issue
 * 14: only the second's position was given). */
static void test_duplicate_locations(void)
{
    struct { const char *src, *want; } cases[] = {
        {"TEXT a(SB),$0\n\tRET\nTEXT  a(SB),$0\n\tRET\n",
         "t.s:3:7: duplicate symbol a (first defined at t.s:1:6)\n"},
        {"DATA a+0(SB)/8, $1\nGLOBL a(SB), $8\nTEXT a(SB),$0\n\tRET\n",
         "t.s:3:6: duplicate symbol a (first defined at t.s:2:7)\n"},
        {"TEXT a(SB),$0\n\tRET\nGLOBL a(SB), $8\n",
         "t.s:3:7: duplicate symbol a (first defined at t.s:1:6)\n"},
        {"GLOBL a(SB), $8\n  GLOBL a(SB), $8\n",
         "t.s:2:9: duplicate symbol a (first defined at t.s:1:7)\n"},
        {"TEXT a(SB),$0\n\tRET\nDATA a+0(SB)/8, $1\n",
         "t.s:3:6: duplicate symbol a (first defined at t.s:1:6)\n"},
        {"TEXT f(SB),$0\nl:\n\tNOP\n  l:\n\tRET\n", "t.s:4:3: label l already defined (at t.s:2:1)\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        result r = run(cases[i].src);
        CU_ASSERT_EQUAL(r.nerr, 1);
        if (strcmp(r.diag, cases[i].want) != 0)
            fprintf(stderr, "\n  got \"%s\", want \"%s\"\n", r.diag, cases[i].want);
        CU_ASSERT_STRING_EQUAL(r.diag, cases[i].want);
        done(&r);
    }
}

/* Across files, the linker says the same, with columns. */
static void test_duplicate_across_files(void)
{
    result a = run("TEXT a(SB),$0\n\tRET\n"), b = run("// b\nTEXT   a(SB),$0\n\tRET\n");
    CU_ASSERT_EQUAL_FATAL(a.nerr + b.nerr, 0);
    asm_object objs[2] = {a.obj, b.obj};
    char *diag = NULL;
    size_t len = 0;
    FILE *d = open_memstream(&diag, &len);
    image img;
    CU_ASSERT_NOT_EQUAL(link_image(objs, 2, NULL, 0, &img, d), 0);
    fclose(d);
    CU_ASSERT_PTR_NOT_NULL(strstr(diag, "t.s:2:8: duplicate symbol a (first defined at t.s:1:6)\n"));
    if (!strstr(diag, "t.s:2:8: duplicate"))
        fprintf(stderr, "\n  got \"%s\"\n", diag);
    free(diag);
    image_free(&img);
    a.obj = objs[0], b.obj = objs[1];
    done(&a);
    done(&b);
}

static void test_more_errors(void)
{
    result r = run("#include \"loop.h\"\n#ifdef X\n");
    CU_ASSERT_EQUAL(r.nerr, 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.diag, "recursive #include"));
    CU_ASSERT_PTR_NOT_NULL(strstr(r.diag, "t.s:2:1: unterminated #ifdef"));
    done(&r);
    r = run("#include \"textflag.h\"\nTEXT f(SB),NOSPLIT,$12\n\tRET\n#include \"missing.h\"\n");
    CU_ASSERT_EQUAL(r.nerr, 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.diag, "t.s:2:1: bad frame"));
    CU_ASSERT_PTR_NOT_NULL(strstr(r.diag, "t.s:4:1: #include: cannot find"));
    done(&r);
    r = run("TEXT f(SB),$0\n\tMOVQ\n\tJMP 9(PC)\n\tMOVQ AX, BX, CX, DX\n\tMOVL $0x100000000, AX\n");
    CU_ASSERT_EQUAL(r.nerr, 4);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.diag, "t.s:3:6: branch target 9(PC) out of range"));
    CU_ASSERT_PTR_NOT_NULL(strstr(r.diag, "t.s:5:2: invalid operand combination for MOVL"));
    done(&r);
}

/* System moves go1.19 refuses (asked of its go tool asm): so do we. */
static void test_sysmoves_refused(void)
{
    static const char *const bad[] = {
        "MOVL ES, AX", "MOVQ FS, AX", "MOVW ES, CS", "MOVQ GDTR, AX", "MOVW GDTR, (BX)",
        "MOVL LDTR, AX", "MOVL AX, MSW", "MOVQ AX, TASK", "MOVW TR6, AX", "MOVL TR3, AX",
        "MOVQ TR6, AX", "PUSHQ DS", "PUSHQ CS", "POPL CS", "PUSHL AX", "LGDT AX", "LTR $1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char src[128];
        snprintf(src, sizeof src, "TEXT f(SB),$0\n\t%s\n\tRET\n", bad[i]);
        result r = run(src);
        CU_ASSERT_EQUAL(r.nerr, 1);
        if (!strstr(r.diag, "t.s:2:2: invalid operand combination for "))
            fprintf(stderr, "%s: %s\n", bad[i], r.diag);
        CU_ASSERT_PTR_NOT_NULL(strstr(r.diag, "t.s:2:2: invalid operand combination for "));
        done(&r);
    }
}

/* Runs asm_cli_main with stdout/stderr captured into *out / *err. */
static int cli(int argc, char **argv, char **out, char **err)
{
    fflush(stdout);
    fflush(stderr);
    FILE *fo = tmpfile(), *fe = tmpfile();
    int so = dup(1), se = dup(2);
    dup2(fileno(fo), 1);
    dup2(fileno(fe), 2);
    int rc = asm_cli_main(argc, argv, NULL, NULL);
    fflush(stdout);
    fflush(stderr);
    dup2(so, 1);
    dup2(se, 2);
    close(so);
    close(se);
    FILE *fs[2] = {fo, fe};
    char **dst[2] = {out, err};
    for (int i = 0; i < 2; i++) {
        long n = ftell(fs[i]);
        rewind(fs[i]);
        *dst[i] = calloc((size_t)n + 1, 1);
        if (fread(*dst[i], 1, (size_t)n, fs[i]) != (size_t)n)
            (*dst[i])[0] = 0;
        fclose(fs[i]);
    }
    return rc;
}

static char *write_tmp(const char *text)
{
    char *path = strdup("/tmp/sim-asm-cli-XXXXXX.s");
    int fd = mkstemps(path, 2);
    if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
        return path;
    close(fd);
    return path;
}

static void test_cli_five_errors(void)
{
    char *path = write_tmp("#include \"textflag.h\"\n"
                           "TEXT f(SB),NOSPLIT,$12\n"      /* 2: bad frame */
                           "\tJMP missing\n"               /* 3: undefined label */
                           "\tMOVQ 8(AX)(BX*5), CX\n"      /* 4: bad scale */
                           "\tBOGUS\n"                     /* 5: unknown instruction */
                           "\tRET\n"
                           "TEXT f(SB),NOSPLIT,$0\n"       /* 7: duplicate symbol */
                           "\tRET\n");
    char *args[] = {path, "-S"};
    char *out, *err;
    CU_ASSERT_EQUAL(cli(2, args, &out, &err), 2);
    CU_ASSERT_EQUAL(count_lines(err), 5);
    CU_ASSERT_STRING_EQUAL(out, "");
    int lines[] = {2, 3, 4, 5, 7}, k = 0;
    for (char *l = err; *l && k < 5; k++) {
        char want[600];
        snprintf(want, sizeof want, "%s:%d:", path, lines[k]);
        CU_ASSERT_EQUAL(strncmp(l, want, strlen(want)), 0);
        l = strchr(l, '\n');
        l = l ? l + 1 : l;
        if (!l)
            break;
    }
    free(out);
    free(err);
    unlink(path);
    free(path);
}

static void test_cli_listing(void)
{
    char *path = write_tmp("TEXT runtime·f(SB),4,$0\n\tMOVB $1, runtime·x(SB)\n\tRET\n");
    char obj[] = "/tmp/sim-asm-obj-XXXXXX";
    close(mkstemp(obj));
    char *args[] = {path, "-S", "-o", obj};
    char *out, *err;
    CU_ASSERT_EQUAL(cli(4, args, &out, &err), 0);
    CU_ASSERT_STRING_EQUAL(err, "");
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "runtime.f STEXT nosplit asm size=8 "));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "MOVB\t$1, runtime.x(SB)\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "\t0x0000 c6 05 00 00 00 00 01 c3 "));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "\trel 2+4 t=14 runtime.x+-1\n"));
    FILE *f = fopen(obj, "rb");
    unsigned char b[16];
    CU_ASSERT_EQUAL(f ? fread(b, 1, sizeof b, f) : 0, 8);
    if (f)
        fclose(f);
    CU_ASSERT_EQUAL(b[0], 0xc6);
    free(out);
    free(err);
    char *bad[] = {"/nonexistent.s"};
    CU_ASSERT_EQUAL(cli(1, bad, &out, &err), 2);
    free(out);
    free(err);
    CU_ASSERT_EQUAL(cli(0, bad, &out, &err), 2);
    free(out);
    free(err);
    unlink(obj);
    unlink(path);
    free(path);
}

TEST_SUITE(asm)
{
    TEST_CASE(test_names);
    TEST_CASE(test_pcrel_addend);
    TEST_CASE(test_tls);
    TEST_CASE(test_frame_insns);
    TEST_CASE(test_frame_insns_go121);
    TEST_CASE(test_split_prologue);
    TEST_CASE(test_preprocessor);
    TEST_CASE(test_expressions);
    TEST_CASE(test_expressions_as_go);
    TEST_CASE(test_five_errors);
    TEST_CASE(test_more_errors);
    TEST_CASE(test_sysmoves_refused);
    TEST_CASE(test_duplicate_locations);
    TEST_CASE(test_duplicate_across_files);
    TEST_CASE(test_cli_five_errors);
    TEST_CASE(test_cli_listing);
}
