/* Operand syntax, as Go's assembler writes it:
 *   AX  AL  X0               registers (any width; the opcode picks it)
 *   $expr  $"str"            immediates
 *   $sym+off(SB)  $8(SP)     addresses (MOVQ $x, R becomes LEAQ x, R)
 *   off(R)  off(R)(I*s)      memory; a bare number is an absolute address
 *   sym<>+off(SB)            static (file-local) symbol, RIP-relative
 *   name+off(FP)             argument slot (pseudo FP)
 *   name-off(SP)             local slot (pseudo SP); bare off(SP) is hardware
 *   0(R)(TLS*1)  (TLS)  TLS  thread-local g slot
 *   label  n(PC)  sym(SB)    branch targets */
#include "cpu/asm/internal.h"
#include <stdlib.h>
#include <string.h>

static const char *const reg_names[] = {
    "AX", "CX", "DX", "BX", "SP", "BP", "SI", "DI",
    "R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15",
    "AL", "CL", "DL", "BL", "SPB", "BPB", "SIB", "DIB",
    "R8B", "R9B", "R10B", "R11B", "R12B", "R13B", "R14B", "R15B",
    "AH", "CH", "DH", "BH",
};

static const char *const seg_names[] = {"ES", "CS", "SS", "DS", "FS", "GS"};
static const char *const sys_names[] = {"GDTR", "IDTR", "LDTR", "MSW", "TASK"};

int reg_lookup(const char *name)
{
    for (int i = 0; i < (int)(sizeof reg_names / sizeof reg_names[0]); i++)
        if (strcmp(reg_names[i], name) == 0)
            return i;
    if (name[0] == 'X') {
        char *end;
        long n = strtol(name + 1, &end, 10);
        if (name[1] >= '0' && name[1] <= '9' && !*end && n >= 0 && n < 16 &&
            !(name[1] == '0' && name[2]))
            return REG_X + (int)n;
    }
    /* Control and debug registers: "CR0".."CR15", "DR0".."DR7". */
    if ((name[0] == 'C' || name[0] == 'D') && name[1] == 'R' && name[2] >= '0' && name[2] <= '9' &&
        !(name[2] == '0' && name[3])) {
        char *end;
        long n = strtol(name + 2, &end, 10);
        if (!*end && n < (name[0] == 'C' ? 16 : 8))
            return (name[0] == 'C' ? REG_CR : REG_DR) + (int)n;
    }
    for (int i = 0; i < 6; i++)
        if (strcmp(name, seg_names[i]) == 0)
            return REG_SEG + i;
    for (int i = 0; i < 5; i++)
        if (strcmp(name, sys_names[i]) == 0)
            return REG_GDTR + i;
    if (name[0] == 'T' && name[1] == 'R' && name[2] >= '0' && name[2] <= '7' && !name[3])
        return REG_TR + (name[2] - '0');
    if (strcmp(name, "SB") == 0) return REG_SB;
    if (strcmp(name, "FP") == 0) return REG_FP;
    if (strcmp(name, "PC") == 0) return REG_PC;
    if (strcmp(name, "TLS") == 0) return REG_TLS;
    return REG_NONE;
}

const char *reg_name(int reg)
{
    static const char *const xn[] = {"X0", "X1", "X2", "X3", "X4", "X5", "X6", "X7",
                                     "X8", "X9", "X10", "X11", "X12", "X13", "X14", "X15"};
    if (reg >= 0 && reg < 36)
        return reg_names[reg];
    if (reg >= REG_X && reg < REG_X + 16)
        return xn[reg - REG_X];
    static const char *const crn[] = {"CR0", "CR1", "CR2", "CR3", "CR4", "CR5", "CR6", "CR7",
                                      "CR8", "CR9", "CR10", "CR11", "CR12", "CR13", "CR14", "CR15"};
    static const char *const drn[] = {"DR0", "DR1", "DR2", "DR3", "DR4", "DR5", "DR6", "DR7"};
    if (reg >= REG_CR && reg < REG_CR + 16)
        return crn[reg - REG_CR];
    if (reg >= REG_DR && reg < REG_DR + 8)
        return drn[reg - REG_DR];
    static const char *const trn[] = {"TR0", "TR1", "TR2", "TR3", "TR4", "TR5", "TR6", "TR7"};
    if (reg >= REG_SEG && reg < REG_SEG + 6)
        return seg_names[reg - REG_SEG];
    if (reg >= REG_GDTR && reg <= REG_TASK)
        return sys_names[reg - REG_GDTR];
    if (reg >= REG_TR && reg < REG_TR + 8)
        return trn[reg - REG_TR];
    switch (reg) {
    case REG_SB: return "SB";
    case REG_FP: return "FP";
    case REG_PC: return "PC";
    case REG_TLS: return "TLS";
    }
    return "?";
}

void aop_free(aop *o)
{
    free(o->sym);
    free(o->str);
    o->sym = o->str = NULL;
}

aop aop_copy(const aop *o)
{
    aop d = *o;
    d.sym = o->sym ? xstrdup(o->sym) : NULL;
    if (o->str) {
        d.str = xmalloc(o->strlen + 1);
        memcpy(d.str, o->str, o->strlen + 1);
    }
    return d;
}

static bool is_reg_tok(const tok *t)
{
    return t->k == TK_IDENT && reg_lookup(t->s) != REG_NONE;
}

/* "(I*s)" index part; the '(' is already consumed. */
static bool parse_index(tcur *k, aop *o)
{
    apos at = cur_pos(k); /* the end-of-operand token has no position */
    const tok *t = cur_next(k);
    int r = t->k == TK_IDENT ? reg_lookup(t->s) : REG_NONE;
    if (!cur_eat(k, "*")) {
        asm_error(k->c, at, "expected (REG*scale)");
        return false;
    }
    at = cur_pos(k);
    const tok *s = cur_next(k);
    if (!cur_eat(k, ")")) {
        asm_error(k->c, at, "missing ')' after scale");
        return false;
    }
    if (s->k != TK_NUM || (s->v != 1 && s->v != 2 && s->v != 4 && s->v != 8)) {
        asm_error(k->c, at, "bad scale: must be 1, 2, 4 or 8");
        return false;
    }
    if (r == REG_TLS) {
        o->tls = true;
        o->scale = (int)s->v;
        return true;
    }
    if (r < 0 || r >= 16 || r == 4) {
        asm_error(k->c, at, "bad index register %s", t->s ? t->s : "");
        return false;
    }
    o->index = r;
    o->scale = (int)s->v;
    return true;
}

/* "(REG)" then optional "(I*s)"; cursor at the first '('. */
static bool parse_mem_tail(tcur *k, aop *o, bool named)
{
    apos p = cur_pos(k);
    if (!cur_eat(k, "(")) {
        asm_error(k->c, p, "expected '(' in memory operand");
        return false;
    }
    const tok *t = cur_peek(k);
    int r = t->k == TK_IDENT ? reg_lookup(t->s) : REG_NONE;
    if (r != REG_NONE && k->i + 1 < k->n && tok_is(&k->t[k->i + 1], "*")) {
        o->k = A_MEM;
        if (!parse_index(k, o))
            return false;
        return cur_end(k) ? true : (asm_error(k->c, cur_pos(k), "junk after operand"), false);
    }
    k->i++;
    if (!cur_eat(k, ")")) {
        asm_error(k->c, t->pos, "expected register in parentheses");
        return false;
    }
    o->k = A_MEM;
    if (r == REG_PC) {
        o->k = A_BRANCH;
        o->pcrel = true;
    } else if (r == REG_SB) {
        o->name = N_EXTERN;
    } else if (r == REG_FP) {
        o->name = N_PARAM;
    } else if (r == 4 && named) {
        o->name = N_AUTO;
    } else if (r == REG_TLS) {
        o->tls = true;
    } else if (r >= 0 && r < 16) {
        o->base = r;
    } else {
        asm_error(k->c, t->pos, "bad base register %s", t->s ? t->s : "");
        return false;
    }
    if ((o->name == N_EXTERN || o->name == N_PARAM) && !named) {
        asm_error(k->c, t->pos, "%s requires a symbol name", t->s);
        return false;
    }
    if (cur_eat(k, "(") && !parse_index(k, o))
        return false;
    if (!cur_end(k)) {
        asm_error(k->c, cur_pos(k), "junk after operand");
        return false;
    }
    return true;
}

/* name[<>|<ABI>][+-off](SB|FP|SP) */
static bool parse_symbolic(tcur *k, aop *o)
{
    const tok *t = cur_next(k);
    char name[512];
    snprintf(name, sizeof name, "%s", t->s);
    bool local = false;
    if (tok_is(cur_peek(k), "<")) {
        k->i++;
        if (cur_eat(k, ">")) {
            local = true;
        } else {
            const tok *abi = cur_next(k);
            if (abi->k != TK_IDENT || !cur_eat(k, ">")) {
                asm_error(k->c, abi->pos, "bad ABI selector");
                return false;
            }
            if (strcmp(abi->s, "ABIInternal") == 0)
                o->abiinternal = true;
            else if (strcmp(abi->s, "ABI0") != 0) {
                asm_error(k->c, abi->pos, "unknown ABI selector %s", abi->s);
                return false;
            }
        }
    }
    if (local)
        strncat(name, "<>", sizeof name - strlen(name) - 1);
    o->sym = xstrdup(name);
    if (tok_is(cur_peek(k), "+") || tok_is(cur_peek(k), "-")) {
        bool neg = tok_is(cur_next(k), "-");
        int64_t v;
        if (!expr_parse(k, &v))
            return false;
        o->off = neg ? (int64_t)(0 - (uint64_t)v) : v;
    }
    if (!parse_mem_tail(k, o, true))
        return false;
    if (o->k != A_MEM || (o->name == N_NONE && !(o->base == 4))) {
        asm_error(k->c, t->pos, "symbol %s must be used with SB, FP or SP", t->s);
        return false;
    }
    if (o->name == N_NONE) /* name(SP) handled as pseudo SP by parse_mem_tail */
        o->name = N_AUTO;
    if (o->name == N_EXTERN && local)
        o->name = N_STATIC;
    if (local && o->name != N_STATIC) {
        asm_error(k->c, t->pos, "<> is only valid with SB");
        return false;
    }
    return true;
}

/* Number or parenthesised offset followed by an optional (REG)(I*s). */
static bool parse_offset_mem(tcur *k, aop *o)
{
    const tok *t = cur_peek(k);
    if (tok_is(t, "(") && k->i + 1 < k->n && is_reg_tok(&k->t[k->i + 1]))
        return parse_mem_tail(k, o, false);
    if (!expr_parse(k, &o->off))
        return false;
    if (cur_end(k)) {
        o->k = A_MEM; /* absolute address */
        return true;
    }
    return parse_mem_tail(k, o, false);
}

static bool parse_dollar(tcur *k, aop *o)
{
    const tok *t = cur_peek(k);
    if (t->k == TK_STR) {
        k->i++;
        o->k = A_STR;
        o->str = xmalloc(t->slen + 1);
        memcpy(o->str, t->s, t->slen + 1);
        o->strlen = t->slen;
    } else if (t->k == TK_IDENT && !is_reg_tok(t)) {
        if (!parse_symbolic(k, o))
            return false;
        o->k = A_ADDR;
    } else if (expr_starts(k)) {
        if (tok_is(t, "(") && k->i + 1 < k->n && is_reg_tok(&k->t[k->i + 1])) {
            if (!parse_mem_tail(k, o, false))
                return false;
            o->k = A_ADDR;
            return true;
        }
        if (!expr_parse(k, &o->off))
            return false;
        o->k = A_IMM;
        if (!cur_end(k)) {
            if (!parse_mem_tail(k, o, false))
                return false;
            o->k = A_ADDR;
        }
    } else {
        asm_error(k->c, t->pos, "expected immediate after '$'");
        return false;
    }
    if (!cur_end(k)) {
        asm_error(k->c, cur_pos(k), "junk after operand");
        return false;
    }
    return true;
}

static bool parse_operand(tcur *k, aop *o)
{
    memset(o, 0, sizeof *o);
    o->base = o->index = REG_NONE;
    o->pos = cur_pos(k);
    const tok *t = cur_peek(k);
    if (cur_end(k)) {
        asm_error(k->c, o->pos, "missing operand");
        return false;
    }
    if (cur_eat(k, "$"))
        return parse_dollar(k, o);
    if (t->k == TK_IDENT) {
        int r = reg_lookup(t->s);
        if (r != REG_NONE && k->i + 1 == k->n) {
            k->i++;
            if (r == REG_TLS) {
                o->k = A_TLS;
                return true;
            }
            if (r >= REG_SB && r <= REG_TLS) {
                asm_error(k->c, t->pos, "%s is not usable as an operand here", t->s);
                return false;
            }
            o->k = A_REG;
            o->reg = r;
            return true;
        }
        if (r == REG_NONE && k->i + 1 == k->n) {
            k->i++;
            o->k = A_BRANCH;
            o->sym = xstrdup(t->s);
            return true;
        }
        if (r == REG_NONE)
            return parse_symbolic(k, o);
        const tok *next = &k->t[k->i + 1];   /* a register, then more (Go's words) */
        if (next->k == TK_NUM)
            asm_error(k->c, next->pos, "expected end of operand, found %llu",
                      (unsigned long long)next->v);
        else
            asm_error(k->c, next->pos, "expected end of operand, found %s",
                      next->k == TK_STR ? "a string" : next->s);
        return false;
    }
    if (expr_starts(k))
        return parse_offset_mem(k, o);
    asm_error(k->c, t->pos, "bad operand");
    return false;
}

/* The parsers above may have copied a symbol name or a string before they
 * found the error; freeing here, once, means no caller can leak it. */
bool operand_parse(tcur *k, aop *o)
{
    if (parse_operand(k, o))
        return true;
    aop_free(o);
    return false;
}
