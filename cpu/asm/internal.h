/* Private types shared by the assembler's stages.
 *
 * Pipeline: lex.c turns text into tokens, pp.c runs the preprocessor over
 * them, parse.c splits statements and builds progs (one per instruction)
 * grouped by TEXT symbol, frame.c inserts Go's prologue/epilogue and
 * resolves pseudo registers, layout.c sizes branches and encodes through
 * encode.c/optab.c, and object.c turns the result into an asm_object. */
#ifndef CPU_ASM_INTERNAL_H
#define CPU_ASM_INTERNAL_H
#include "cpu/asm.h"
#include <stdarg.h>

/* ---- positions and diagnostics (diag.c) ---- */
typedef struct {
    const char *file; /* interned */
    int line, col;
} apos;

typedef struct actx actx;

void asm_error(actx *c, apos p, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
const char *asm_intern(actx *c, const char *name);
/* Print the held diagnostics sorted by file, line and column. */
void asm_flush_errors(actx *c);
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t sz);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Grow *arr (of element size sz) so index n fits; cap doubles. */
void *grow(void *arr, size_t *cap, size_t n, size_t sz);

/* ---- tokens (lex.c) ---- */
typedef enum { TK_EOF, TK_EOL, TK_IDENT, TK_NUM, TK_STR, TK_PUNCT } tkind;

typedef struct {
    tkind k;
    char *s;        /* identifier / punct text / string bytes */
    size_t slen;    /* string length (strings may hold NUL) */
    uint64_t v;     /* numeric value (TK_NUM; char literals too) */
    bool space;     /* whitespace precedes the token */
    apos pos;
} tok;

typedef struct {
    tok *t;
    size_t n, cap;
} tokvec;

void tokvec_push(tokvec *v, tok t);
void tokvec_free(tokvec *v);
/* Tokenise TEXT; errors (bad characters, unterminated strings/comments)
 * are reported.  Ends with TK_EOF. */
void lex_text(actx *c, const char *file, const char *text, tokvec *out);
bool tok_is(const tok *t, const char *punct);

/* ---- preprocessor (pp.c) ---- */
/* Expand #include/#define/#ifdef...; result ends with TK_EOF. */
void pp_run(actx *c, const char *file, const char *text, tokvec *out);
void pp_free(actx *c);

/* ---- registers and operands ---- */
enum {
    REG_NONE = -1,
    /* 0..15: AX CX DX BX SP BP SI DI R8..R15 (any width) */
    REG_BYTE = 16, /* 16..31: AL CL DL BL SPB BPB SIB DIB R8B..R15B */
    REG_HIGH = 32, /* 32..35: AH CH DH BH */
    REG_X = 48,    /* 48..63: X0..X15 */
    REG_SB = 64, REG_FP, REG_PC, REG_TLS,
    REG_CR = 72,   /* 72..87: CR0..CR15 (Go's names; only some encode) */
    REG_DR = 88,   /* 88..95: DR0..DR7 */
    REG_SEG = 96,  /* 96..101: ES CS SS DS FS GS, in their encoding order */
    /* The system registers Go's assembler names for the descriptor-table,
     * machine-status-word and task-register moves. */
    REG_GDTR = 102, REG_IDTR, REG_LDTR, REG_MSW, REG_TASK,
    REG_TR = 107,  /* 107..114: TR0..TR7 (test registers; only TR6 and TR7 encode) */
};
int reg_lookup(const char *name);   /* REG_NONE if not a register name */
const char *reg_name(int reg);

typedef enum {
    A_NONE, A_REG, A_IMM, A_ADDR, A_MEM, A_BRANCH, A_TLS, A_STR,
} akind;

typedef enum { N_NONE, N_EXTERN, N_STATIC, N_PARAM, N_AUTO } aname;

typedef struct {
    akind k;
    int reg;          /* A_REG */
    int64_t off;      /* A_IMM value, memory displacement, n of n(PC) */
    int base, index;  /* memory registers (0..15) or REG_NONE */
    int scale;
    aname name;       /* memory name class */
    char *sym;        /* symbol (SB) / argument name (FP, SP) / label */
    bool tls;         /* FS-relative g slot */
    bool pcrel;       /* A_BRANCH: n(PC) */
    bool abiinternal; /* written with the <ABIInternal> selector */
    char *str;        /* A_STR */
    size_t strlen;
    apos pos;
} aop;

void aop_free(aop *o);
aop aop_copy(const aop *o);

/* ---- programs ---- */
typedef struct {
    int op;           /* index into the instruction table (optab.c) */
    aop a[3];
    int nops;
    apos pos;
    bool inserted;
    int target;       /* branch target prog index, -1 if none */
    bool longbr;      /* branch uses the rel32 form */
    uint32_t pc;
    uint32_t len;
} prog;

typedef struct {
    char *label;
    int prog;         /* index of the prog it names */
    apos pos;
} alabel;

typedef struct {
    char *name;
    bool local;
    bool abiinternal;
    int flags;
    int64_t frame, args;
    apos pos;
    apos sympos;      /* the symbol's name in the TEXT line, for duplicates */
    prog *p;
    size_t np, pcap;
    alabel *labels;
    size_t nlabels, lcap;
    /* filled by frame.c */
    int64_t autoffset;
    bool split;       /* stack-split check inserted */
} atext;

typedef struct {
    char *name;
    bool local;
    apos pos;       /* first DATA or GLOBL */
    apos sympos;    /* the symbol's name there, for duplicates */
    bool has_globl;
    int flags;
    int64_t size;
    uint8_t *init;  /* grows with DATA */
    size_t initlen;
    asm_reloc *relocs;
    size_t nrelocs, rcap;
} adata;

typedef struct {
    apos pos;
    char *msg;
} adiag;

struct actx {
    FILE *diag;
    int nerrors;
    adiag *diags;     /* held back and printed in source order */
    size_t ndiags, diagcap;
    const asm_options *opt;
    char **files;
    size_t nfiles, fcap;
    void *pp;         /* preprocessor state */
    atext *texts;
    size_t ntexts, tcap;
    adata *datas;
    size_t ndatas, dcap;
};

/* ---- expressions (expr.c) ---- */
typedef struct {
    actx *c;
    const tok *t;
    size_t n, i;
    int depth;   /* of the expression parser's recursion (expr.c) */
} tcur;

const tok *cur_peek(tcur *k);
const tok *cur_next(tcur *k);
bool cur_eat(tcur *k, const char *punct);
bool cur_end(tcur *k);
apos cur_pos(tcur *k);
/* Parse a constant expression; false (error reported) if malformed. */
bool expr_parse(tcur *k, int64_t *out);
/* Does the token sequence at the cursor start an expression? */
bool expr_starts(tcur *k);

/* ---- operands (operand.c) ---- */
/* false (error reported) if malformed; then OUT owns nothing (aop_free is
 * not needed, and harmless). */
bool operand_parse(tcur *k, aop *out);

/* ---- parser (parse.c) ---- */
void parse_tokens(actx *c, const tokvec *toks);

/* ---- instruction table (optab.c) ---- */
enum { OPF_BRANCH = 1, OPF_JCC = 2, OPF_CALL = 4, OPF_JMP = 8, OPF_RET = 16,
       OPF_PSEUDO = 32, OPF_PUSH = 64, OPF_POP = 128, OPF_DATA = 256,
       OPF_ADJSP = 512 };
typedef struct {
    const char *name;    /* canonical Go spelling */
    int width;           /* operand size in bytes (0: none/implicit) */
    int flags;           /* OPF_* */
    int cc;              /* condition code for Jcc */
    int nforms;
    const struct aform *forms;
} aopdef;

int op_lookup(const char *name);   /* -1 if unknown */
const aopdef *op_def(int op);
extern int OP_NOP, OP_RET, OP_CALL, OP_JMP, OP_JLS, OP_JNE, OP_JCS,
    OP_MOVQ, OP_LEAQ, OP_LEAL, OP_MOVL, OP_SUBQ, OP_ADDQ, OP_CMPQ,
    OP_TESTQ, OP_TEXT, OP_DATA, OP_GLOBL, OP_PCDATA, OP_FUNCDATA,
    OP_BYTE, OP_WORD, OP_LONG, OP_QUAD;

/* ---- encoder (encode.c) ---- */
typedef struct {
    uint8_t b[16];
    int len;
    /* relocation (at most one per instruction) */
    bool has_reloc;
    int roff, rsize;
    asm_reloc_type rtype;
    const char *rsym;
    int64_t raddend;
    /* offset of an FS-relative TLS displacement, -1 if none */
    int tlsoff;
} aenc;

/* Encode P at pc (branch target pcs must already be set in TARGET_PC).
 * Returns false after reporting an error. */
bool encode_prog(actx *c, const prog *p, int64_t target_pc, aenc *e);

/* ---- frame insertion (frame.c) ---- */
void frame_apply(actx *c, atext *t);

/* ---- layout (layout.c) ---- */
/* Size branches, assign pcs and produce code; returns code buffer. */
bool layout_text(actx *c, atext *t, asm_symbol *out);

/* ---- printing (print.c) ---- */
/* Go-style symbol name: runtime·x -> runtime.x, ·x -> "".x, drop <>. */
void go_symname(const char *name, char *buf, size_t n);
/* Go-style text of an instruction for listings. */
void prog_print(const atext *t, const prog *p, char *buf, size_t n);

#endif
