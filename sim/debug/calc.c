/* Expression arithmetic: see calc.h.  A recursive descent over the text,
 * one function per precedence level. */
#include "sim/debug/calc.h"
#include "sim/debug/expr.h"
#include "sim/debug/sym.h"
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    machine *mc;
    const dcalc_regs *regs;
    const char *p;
    bool addresses, pointer;
    char *err;
    size_t errlen;
    bool failed;
    int depth;   /* of unary's recursion: parentheses, unary operators */
} calc;

/* Past this depth an expression is refused rather than allowed to overflow
 * the stack (p followed by 100,000 "(" did). */
#define CALC_MAX_DEPTH 1000

static uint64_t fail(calc *c, const char *fmt, const char *what)
{
    if (!c->failed)
        snprintf(c->err, c->errlen, fmt, what);
    c->failed = true;
    return 0;
}

static void skip(calc *c)
{
    while (*c->p == ' ' || *c->p == '\t')
        c->p++;
}

/* A name: Go's and Plan 9's symbol characters, field paths with [i], and a
 * method's (*T) after a dot (runtime.(*mheap).alloc). */
static size_t name_len(const char *s)
{
    size_t n = 0;
    for (;;) {
        unsigned char ch = (unsigned char)s[n];
        if (isalnum(ch) || ch == '_' || ch == '.' || ch == '/' || ch >= 0x80 || ch == '$') {
            n++;
        } else if (ch == '[' || (ch == '(' && n && s[n - 1] == '.')) {
            const char *close = strchr(s + n, ch == '[' ? ']' : ')');
            if (!close)
                return n;
            n = (size_t)(close - s) + 1;
        } else {
            return n;
        }
    }
}

static uint64_t expr(calc *c);

/* NAME's value: a register's, a Go field's or global's; a code symbol's
 * address.  ADDR_OF: &NAME. */
static uint64_t name_value(calc *c, const char *name, bool addr_of)
{
    dexpr e;
    char err[256];
    if (name[0] == '$' || !addr_of) {
        if (dexpr_parse(c->mc, name, &e, err, sizeof err) == 0) {
            if (e.what == DX_GLOBAL && c->addresses) {
                c->pointer = true;
                return e.addr;
            }
            dval v = dexpr_eval(c->mc, &e);
            if (e.what == DX_REG && c->regs && c->regs->set[e.reg])
                v.v = c->regs->v[e.reg];
            if (e.what == DX_REG && addr_of)
                return fail(c, "%s is a register: it has no address", name);
            if (!v.ok)
                return fail(c, "%s does not exist here", name);
            if (e.size > 8)
                return fail(c, "%s is a struct: &%s is its address", name);
            c->pointer |= e.what == DX_REG;
            return v.v;
        }
        /* A Go field's own error (no such field, an index out of range)
         * says more than "not a symbol". */
        if (name[0] == '$' || strncmp(err, "cannot evaluate", 15) != 0)
            return fail(c, "%s", err);
    } else if (dexpr_parse(c->mc, name, &e, err, sizeof err) == 0) {
        dval v = dexpr_eval(c->mc, &e);
        if (!v.ok)
            return fail(c, "%s does not exist here", name);
        c->pointer = true;
        return v.addr;
    }
    const image_sym *s = dbg_sym_named(&c->mc->img, name);
    if (!s && c->addresses)
        return fail(c, "cannot read \"%s\" as an address (0x…, $reg, symbol, &field)", name);
    if (!s)
        return fail(c, "No symbol \"%s\" in current context (a register $rsp, a Go field "
                    "g1.sched.pc, a symbol, a number)", name);
    c->pointer = true;
    return s->addr;
}

static uint64_t primary(calc *c)
{
    skip(c);
    char ch = *c->p;
    if (ch == '(') {
        c->p++;
        uint64_t v = expr(c);
        skip(c);
        if (*c->p != ')')
            return fail(c, "%s", "a ( without its )");
        c->p++;
        return v;
    }
    if (isdigit((unsigned char)ch)) {
        char *end;
        errno = 0;
        uint64_t v = strtoull(c->p, &end, 0);
        if (errno || isalnum((unsigned char)*end) || *end == '_')
            return fail(c, "cannot read \"%s\" as a number", c->p);
        c->p = end;
        return v;
    }
    bool addr_of = ch == '&';
    if (addr_of)
        c->p++;
    size_t n = name_len(c->p);
    if (!n)
        return fail(c, *c->p ? "unexpected \"%s\"" : "the expression ends too soon%s", c->p);
    char *name = strndup(c->p, n);
    c->p += n;
    uint64_t v = name_value(c, name, addr_of);
    free(name);
    return v;
}

static uint64_t unary_at(calc *c);

static uint64_t unary(calc *c)
{
    if (c->depth >= CALC_MAX_DEPTH)
        return fail(c, "the expression nests too deeply (more than %s levels)", "1000");
    c->depth++;
    uint64_t v = unary_at(c);
    c->depth--;
    return v;
}

static uint64_t unary_at(calc *c)
{
    skip(c);
    char ch = *c->p;
    if (ch == '-' || ch == '~' || ch == '*' || ch == '!') {
        c->p++;
        uint64_t v = unary(c);
        if (ch == '-')
            return -v;
        if (ch == '~')
            return ~v;
        if (ch == '!')
            return !v;
        if (!c->failed && !emu_mapped(c->mc->cpu, v, 8)) {
            char a[24];
            snprintf(a, sizeof a, "0x%llx", (unsigned long long)v);
            return fail(c, "Cannot access memory at address %s", a);
        }
        c->pointer = false;
        return c->failed ? 0 : emu_read_u(c->mc->cpu, v, 8);
    }
    return primary(c);
}

/* The binary operators, loosest first; each level's operators. */
static const char *const levels[] = {"|", "^", "&", "<< >>", "+ -", "* / %"};
#define NLEVELS (int)(sizeof levels / sizeof levels[0])

/* The operator of LEVEL at the text, or NULL; || and && are not ours. */
static const char *op_at(calc *c, int level)
{
    skip(c);
    const char *ops = levels[level];
    for (const char *o = ops; *o; o += strcspn(o, " "), o += *o == ' ') {
        size_t n = strcspn(o, " ");
        if (strncmp(c->p, o, n) == 0 && !(n == 1 && (o[0] == '|' || o[0] == '&') && c->p[1] == o[0]))
            return o;
    }
    return NULL;
}

static uint64_t binary(calc *c, int level)
{
    if (level == NLEVELS)
        return unary(c);
    uint64_t v = binary(c, level + 1);
    for (const char *o; !c->failed && (o = op_at(c, level));) {
        size_t n = strcspn(o, " ");
        char op[3] = {o[0], n > 1 ? o[1] : 0, 0};
        c->p += n;
        skip(c);
        if (!*c->p) {
            char msg[64];
            snprintf(msg, sizeof msg, "%s", op);
            return fail(c, "the expression ends with %s", msg);
        }
        uint64_t w = binary(c, level + 1);
        switch (op[0]) {
        case '|': v |= w; break;
        case '^': v ^= w; break;
        case '&': v &= w; break;
        case '<': v = w < 64 ? v << w : 0; break;
        case '>': v = w < 64 ? v >> w : 0; break;
        case '+': v += w; break;
        case '-': v -= w; break;
        case '*': v *= w; break;
        default:
            if (!w)
                return fail(c, "%s", "division by zero");
            v = op[0] == '/' ? v / w : v % w;
        }
    }
    return v;
}

static uint64_t expr(calc *c) { return binary(c, 0); }

int dcalc(machine *mc, const dcalc_regs *regs, const char *text, bool addresses, uint64_t *v,
          bool *pointer, char *err, size_t errlen)
{
    calc c = {mc, regs, text, addresses, false, err, errlen, false, 0};
    *v = expr(&c);
    skip(&c);
    if (!c.failed && *c.p)
        fail(&c, "unexpected \"%s\"", c.p);
    if (pointer)
        *pointer = c.pointer;
    return c.failed ? -1 : 0;
}
