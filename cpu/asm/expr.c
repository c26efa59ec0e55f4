/* Token cursor and constant expressions, with Go's precedence:
 *   expr  = term  { ("+" | "-" | "|" | "^") term }
 *   term  = unary { ("*" | "/" | "%" | "<<" | ">>" | "&") unary }
 *   unary = ("-" | "+" | "~") unary | number | "(" expr ")"
 * Arithmetic is 64-bit two's complement, as in Go's assembler. */
#include "cpu/asm/internal.h"
#include <string.h>

static const tok eof_tok = {.k = TK_EOF};

const tok *cur_peek(tcur *k) { return k->i < k->n ? &k->t[k->i] : &eof_tok; }

const tok *cur_next(tcur *k)
{
    const tok *t = cur_peek(k);
    if (k->i < k->n)
        k->i++;
    return t;
}

bool cur_eat(tcur *k, const char *punct)
{
    if (!tok_is(cur_peek(k), punct))
        return false;
    k->i++;
    return true;
}

bool cur_end(tcur *k) { return k->i >= k->n; }

apos cur_pos(tcur *k)
{
    if (k->i < k->n)
        return k->t[k->i].pos;
    return k->n ? k->t[k->n - 1].pos : (apos){0};
}

bool expr_starts(tcur *k)
{
    const tok *t = cur_peek(k);
    if (t->k == TK_NUM)
        return true;
    return tok_is(t, "(") || tok_is(t, "-") || tok_is(t, "+") || tok_is(t, "~");
}

static bool expr_or(tcur *k, int64_t *v);
static bool unary_at(tcur *k, int64_t *v);
static bool term(tcur *k, int64_t *v);

/* Parentheses, unary operators and >> counts nest by recursion; past this
 * depth an expression is refused rather than allowed to overflow the stack
 * (100,000 "(" did).  Real sources nest a few levels. */
#define EXPR_MAX_DEPTH 1000

static bool nested(tcur *k, bool (*parse)(tcur *, int64_t *), int64_t *v)
{
    if (k->depth >= EXPR_MAX_DEPTH) {
        asm_error(k->c, cur_pos(k), "expression nested too deeply (more than %d levels)",
                  EXPR_MAX_DEPTH);
        k->i = k->n;   /* one message, not one per level */
        return false;
    }
    k->depth++;
    bool ok = parse(k, v);
    k->depth--;
    return ok;
}

static bool unary(tcur *k, int64_t *v) { return nested(k, unary_at, v); }

static bool unary_at(tcur *k, int64_t *v)
{
    const tok *t = cur_peek(k);
    if (tok_is(t, "-") || tok_is(t, "+") || tok_is(t, "~")) {   /* Go has no unary ^ or ! */
        char op = t->s[0];
        k->i++;
        if (!unary(k, v))
            return false;
        uint64_t u = (uint64_t)*v;
        *v = op == '-' ? (int64_t)(0 - u) : op == '+' ? *v : (int64_t)~u;
        return true;
    }
    if (t->k == TK_NUM) {
        k->i++;
        *v = (int64_t)t->v;
        return true;
    }
    if (tok_is(t, "(")) {
        k->i++;
        if (!expr_or(k, v))
            return false;
        if (!cur_eat(k, ")")) {
            asm_error(k->c, cur_pos(k), "missing ')' in expression");
            return false;
        }
        return true;
    }
    if (t->k == TK_IDENT)
        asm_error(k->c, t->pos, "undefined name %s in expression", t->s);
    else if (t->k == TK_PUNCT)
        asm_error(k->c, t->pos, "unexpected %s in expression", t->s);
    else
        asm_error(k->c, cur_pos(k), "expected expression");
    return false;
}

/* As in Go's assembler (cmd/asm/internal/asm/parse.go, term), values are
 * unsigned: / and % of a value with the high bit set, a negative shift
 * count and >> of a value with the high bit set are errors, and a shift by
 * 64 or more gives 0.  The grammar's two odd corners are Go's too: a << ends
 * the term (1<<2*3 is an error), and the count of a >> is a whole term
 * (64>>1*2 is 64>>2). */
static bool term(tcur *k, int64_t *v)
{
    if (!unary(k, v))
        return false;
    uint64_t a = (uint64_t)*v;
    for (;;) {
        const tok *t = cur_peek(k);
        if (t->k != TK_PUNCT)
            break;
        const char *s = t->s;
        if (strcmp(s, "*") && strcmp(s, "/") && strcmp(s, "%") && strcmp(s, "<<") &&
            strcmp(s, ">>") && strcmp(s, "&"))
            break;
        apos p = t->pos;
        k->i++;
        int64_t r;
        if (!(s[0] == '>' ? nested(k, term, &r) : unary(k, &r)))
            return false;
        uint64_t b = (uint64_t)r;
        const char *bad = NULL;
        switch (s[0]) {
        case '*': a *= b; break;
        case '&': a &= b; break;
        case '/':
            bad = (int64_t)a < 0 ? "divide of value with high bit set"
                  : b == 0       ? "division by zero" : NULL;
            a = b ? a / b : 0;
            break;
        case '%':
            bad = (int64_t)a < 0 ? "modulo of value with high bit set"
                  : b == 0       ? "modulo by zero" : NULL;
            a = b ? a % b : 0;
            break;
        case '<':
            if (r < 0)
                bad = "negative left shift count";
            a = b >= 64 ? 0 : a << b;
            break;
        default:   /* >> */
            bad = r < 0            ? "negative right shift count"
                  : (int64_t)a < 0 ? "right shift of value with high bit set" : NULL;
            a = b >= 64 ? 0 : a >> b;
            break;
        }
        if (bad) {
            asm_error(k->c, p, "%s", bad);
            return false;
        }
        if (s[0] == '<')
            break;
    }
    *v = (int64_t)a;
    return true;
}

static bool expr_or(tcur *k, int64_t *v)
{
    if (!term(k, v))
        return false;
    for (;;) {
        const tok *t = cur_peek(k);
        if (!(tok_is(t, "+") || tok_is(t, "-") || tok_is(t, "|") || tok_is(t, "^")))
            return true;
        char op = t->s[0];
        k->i++;
        int64_t r;
        if (!term(k, &r))
            return false;
        uint64_t a = (uint64_t)*v, b = (uint64_t)r;
        *v = (int64_t)(op == '+' ? a + b : op == '-' ? a - b : op == '|' ? (a | b) : (a ^ b));
    }
}

bool expr_parse(tcur *k, int64_t *out) { return expr_or(k, out); }
