/* Statement parser: labels, TEXT/DATA/GLOBL directives and instructions.
 * Statements end at a newline or ';'.  Instructions are collected as progs
 * of the current TEXT symbol; branch targets (labels, n(PC)) are resolved
 * when the symbol ends so that forward references work. */
#include "cpu/asm/internal.h"
#include <stdlib.h>
#include <string.h>

typedef struct {
    actx *c;
    atext *cur;
} pstate;

/* Splits [s, e) at top-level commas into operand cursors. */
static int split_operands(actx *c, const tok *t, size_t s, size_t e, tcur *ops, int max)
{
    int n = 0, depth = 0;
    size_t start = s;
    if (s == e)
        return 0;
    for (size_t i = s; i <= e; i++) {
        if (i < e && tok_is(&t[i], "("))
            depth++;
        else if (i < e && tok_is(&t[i], ")"))
            depth--;
        if (i == e || (tok_is(&t[i], ",") && depth == 0)) {
            if (n < max)
                ops[n] = (tcur){c, t + start, i - start, 0, 0};
            n++;
            start = i + 1;
        }
    }
    return n;
}

static atext *text_of(actx *c, const char *name)
{
    for (size_t i = 0; i < c->ntexts; i++)
        if (strcmp(c->texts[i].name, name) == 0)
            return &c->texts[i];
    return NULL;
}

/* "d.s:3:6": where a symbol was first defined, for a duplicate's message. */
static const char *where(apos p, char *buf, size_t len)
{
    snprintf(buf, len, "%s:%d:%d", p.file, p.line, p.col);
    return buf;
}

/* A second definition of NAME at AT: the first is at FIRST. */
static void duplicate(actx *c, apos at, const char *name, apos first)
{
    char w[600];
    asm_error(c, at, "duplicate symbol %s (first defined at %s)", name, where(first, w, sizeof w));
}

/* DATA and GLOBL name the symbol with their first operand: SYMPOS. */
static adata *data_of(actx *c, const char *name, apos pos, apos sympos, bool create)
{
    for (size_t i = 0; i < c->ndatas; i++)
        if (strcmp(c->datas[i].name, name) == 0)
            return &c->datas[i];
    if (!create)
        return NULL;
    c->datas = grow(c->datas, &c->dcap, c->ndatas + 1, sizeof *c->datas);
    adata *d = &c->datas[c->ndatas++];
    memset(d, 0, sizeof *d);
    d->name = xstrdup(name);
    d->local = strstr(name, "<>") != NULL;
    d->pos = pos;
    d->sympos = sympos;
    return d;
}

/* Like Go, a branch to an unconditional JMP goes straight to that JMP's
 * destination (following chains); a cycle of JMPs is left alone. */
static void follow_jumps(atext *t)
{
    for (size_t i = 0; i < t->np; i++) {
        prog *p = &t->p[i];
        int tg = p->target, n = 0;
        while (tg >= 0 && (size_t)tg < t->np && t->p[tg].op == OP_JMP && t->p[tg].target >= 0) {
            tg = t->p[tg].target;
            if (++n >= 5000) {
                tg = p->target;
                break;
            }
        }
        p->target = tg;
    }
}

/* Resolve labels and n(PC) targets of the TEXT symbol that just ended. */
static void finish_text(actx *c, atext *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->np; i++) {
        prog *p = &t->p[i];
        for (int j = 0; j < p->nops; j++) {
            aop *o = &p->a[j];
            if (o->k != A_BRANCH)
                continue;
            if (o->pcrel) {
                int64_t tg = (int64_t)i + o->off;
                if (tg < 0 || tg > (int64_t)t->np)
                    asm_error(c, o->pos, "branch target %lld(PC) out of range", (long long)o->off);
                else
                    p->target = (int)tg;
                continue;
            }
            size_t k = 0;
            while (k < t->nlabels && strcmp(t->labels[k].label, o->sym) != 0)
                k++;
            if (k == t->nlabels)
                asm_error(c, o->pos, "undefined label %s", o->sym);
            else
                p->target = t->labels[k].prog;
        }
    }
    follow_jumps(t);
}

/* "$frame[-args]" where frame may be negative ($-8). */
static bool parse_frame(tcur *k, int64_t *frame, int64_t *args)
{
    if (!cur_eat(k, "$")) {
        asm_error(k->c, cur_pos(k), "expected $frame-args");
        return false;
    }
    bool neg = cur_eat(k, "-");
    int64_t v;
    tcur one = *k;
    const tok *t = cur_peek(k);
    if (t->k == TK_NUM) {
        k->i++;
        v = (int64_t)t->v;
    } else if (tok_is(t, "(")) {
        if (!expr_parse(k, &v))
            return false;
    } else {
        asm_error(k->c, cur_pos(&one), "bad frame size");
        return false;
    }
    *frame = neg ? -v : v;
    *args = -1;
    if (cur_eat(k, "-")) {
        t = cur_peek(k);
        if (!expr_parse(k, args))
            return false;
        (void)t;
    }
    if (!cur_end(k)) {
        asm_error(k->c, cur_pos(k), "bad frame size");
        return false;
    }
    return true;
}

static bool parse_flags(tcur *k, int *flags)
{
    int64_t v;
    if (!expr_parse(k, &v))
        return false;
    if (!cur_end(k)) {
        asm_error(k->c, cur_pos(k), "bad flags");
        return false;
    }
    *flags = (int)v;
    return true;
}

static void do_text(pstate *ps, apos pos, tcur *ops, int n)
{
    actx *c = ps->c;
    finish_text(c, ps->cur);
    ps->cur = NULL;
    aop sym;
    if (n < 2 || n > 3) {
        asm_error(c, pos, "TEXT needs sym(SB), [flags,] $frame[-args]");
        return;
    }
    if (!operand_parse(&ops[0], &sym))
        return;
    if (sym.k != A_MEM || (sym.name != N_EXTERN && sym.name != N_STATIC) || sym.off) {
        asm_error(c, sym.pos, "TEXT symbol must be name(SB)");
        aop_free(&sym);
        return;
    }
    int flags = 0;
    int64_t frame, args;
    if ((n == 3 && !parse_flags(&ops[1], &flags)) || !parse_frame(&ops[n - 1], &frame, &args)) {
        aop_free(&sym);
        return;
    }
    const atext *old_t = text_of(c, sym.sym);
    const adata *old_d = old_t ? NULL : data_of(c, sym.sym, pos, sym.pos, false);
    if (old_t || old_d)
        duplicate(c, sym.pos, sym.sym, old_t ? old_t->sympos : old_d->sympos);
    c->texts = grow(c->texts, &c->tcap, c->ntexts + 1, sizeof *c->texts);
    atext *t = &c->texts[c->ntexts++];
    memset(t, 0, sizeof *t);
    t->name = sym.sym;
    t->local = sym.name == N_STATIC;
    t->abiinternal = sym.abiinternal;
    t->flags = flags;
    t->frame = frame;
    t->args = args;
    t->pos = pos;
    t->sympos = sym.pos;
    ps->cur = t;
    if (t->abiinternal && !(flags & ASM_NOSPLIT))
        asm_error(c, pos, "TEXT %s: ABIInternal requires NOSPLIT", t->name);
}

/* Stores VALUE into the data symbol D at [off, off+size). */
static void data_store(actx *c, adata *d, apos pos, int64_t off, int size, const aop *v)
{
    if (off < 0 || off + size > (1 << 30)) {
        asm_error(c, pos, "DATA offset out of range");
        return;
    }
    size_t end = (size_t)(off + size);
    if (end > d->initlen) {
        d->init = xrealloc(d->init, end);
        memset(d->init + d->initlen, 0, end - d->initlen);
        d->initlen = end;
    }
    uint8_t *p = d->init + off;
    if (v->k == A_IMM) {
        for (int i = 0; i < size; i++)
            p[i] = (uint8_t)((uint64_t)v->off >> (8 * i));
    } else if (v->k == A_STR) {
        if (v->strlen > (size_t)size)
            asm_error(c, pos, "DATA string longer than its size %d", size);
        memcpy(p, v->str, v->strlen < (size_t)size ? v->strlen : (size_t)size);
    } else if (v->k == A_ADDR && (v->name == N_EXTERN || v->name == N_STATIC)) {
        if (size != 8) {
            asm_error(c, pos, "DATA address must have size 8");
            return;
        }
        memset(p, 0, 8);
        d->relocs = grow(d->relocs, &d->rcap, d->nrelocs + 1, sizeof *d->relocs);
        d->relocs[d->nrelocs++] = (asm_reloc){(uint32_t)off, 8, ASM_RELOC_ADDR64,
                                             xstrdup(v->sym), v->off, pos.file, pos.line};
    } else {
        asm_error(c, pos, "bad DATA value");
    }
}

static void do_data(pstate *ps, apos pos, tcur *ops, int n)
{
    actx *c = ps->c;
    if (n != 2) {
        asm_error(c, pos, "DATA needs sym+off(SB)/size, $value");
        return;
    }
    /* Split "sym+off(SB)/size" at its last '/'. */
    tcur a = ops[0];
    size_t slash = a.n;
    for (size_t i = 0; i < a.n; i++)
        if (tok_is(&a.t[i], "/"))
            slash = i;
    if (slash + 2 != a.n || a.t[slash + 1].k != TK_NUM) {
        asm_error(c, pos, "DATA needs a /size after the address");
        return;
    }
    int size = (int)a.t[slash + 1].v;
    a.n = slash;
    aop sym, val;
    if (!operand_parse(&a, &sym))
        return;
    if (sym.k != A_MEM || (sym.name != N_EXTERN && sym.name != N_STATIC)) {
        asm_error(c, sym.pos, "DATA address must be sym+off(SB)");
    } else if (size <= 0 || (size != 1 && size != 2 && size != 4 && size != 8 &&
                             !(ops[1].n == 2 && ops[1].t[1].k == TK_STR))) {
        asm_error(c, pos, "bad DATA size %d", size);
    } else if (operand_parse(&ops[1], &val)) {
        const atext *old = text_of(c, sym.sym);
        if (old)
            duplicate(c, sym.pos, sym.sym, old->sympos);
        else
            data_store(c, data_of(c, sym.sym, pos, sym.pos, true), pos, sym.off, size, &val);
        aop_free(&val);
    }
    aop_free(&sym);
}

static void do_globl(pstate *ps, apos pos, tcur *ops, int n)
{
    actx *c = ps->c;
    if (n < 2 || n > 3) {
        asm_error(c, pos, "GLOBL needs sym(SB), [flags,] $size");
        return;
    }
    aop sym;
    if (!operand_parse(&ops[0], &sym))
        return;
    int flags = 0;
    int64_t size;
    tcur *sz = &ops[n - 1];
    bool ok = sym.k == A_MEM && (sym.name == N_EXTERN || sym.name == N_STATIC);
    if (!ok)
        asm_error(c, sym.pos, "GLOBL symbol must be name(SB)");
    else if (n == 3 && !parse_flags(&ops[1], &flags))
        ok = false;
    else if (!cur_eat(sz, "$") || !expr_parse(sz, &size) || !cur_end(sz) || size < 0) {
        asm_error(c, pos, "GLOBL needs $size");
        ok = false;
    }
    if (ok) {
        /* Not created when a TEXT has the name: it would then be reported
         * again, as DATA without GLOBL. */
        const atext *old = text_of(c, sym.sym);
        adata *d = old ? NULL : data_of(c, sym.sym, pos, sym.pos, true);
        if (old || d->has_globl) {
            duplicate(c, sym.pos, sym.sym, old ? old->sympos : d->sympos);
        } else {
            d->has_globl = true;
            d->flags = flags;
            d->size = size;
            d->pos = pos;
            d->sympos = sym.pos;
        }
    }
    aop_free(&sym);
}

static void add_label(pstate *ps, const tok *t)
{
    atext *cur = ps->cur;
    if (!cur) {
        asm_error(ps->c, t->pos, "label %s outside TEXT", t->s);
        return;
    }
    for (size_t i = 0; i < cur->nlabels; i++)
        if (strcmp(cur->labels[i].label, t->s) == 0) {
            char w[600];
            asm_error(ps->c, t->pos, "label %s already defined (at %s)", t->s,
                      where(cur->labels[i].pos, w, sizeof w));
            return;
        }
    cur->labels = grow(cur->labels, &cur->lcap, cur->nlabels + 1, sizeof *cur->labels);
    cur->labels[cur->nlabels++] = (alabel){xstrdup(t->s), (int)cur->np, t->pos};
}

/* Go's assembler turns some spellings into others before encoding. */
static void canonicalise(prog *p)
{
    if ((p->op == OP_MOVQ || p->op == OP_MOVL) && p->nops == 2 && p->a[0].k == A_ADDR) {
        p->op = p->op == OP_MOVQ ? OP_LEAQ : OP_LEAL;
        p->a[0].k = A_MEM;
    }
    if (p->op == OP_MOVQ && p->nops == 2 && p->a[0].k == A_TLS && p->a[1].k == A_REG) {
        /* get_tls(r): with g at a fixed FS offset the load is a no-op. */
        p->op = OP_NOP;
        p->nops = 0;
    }
}

static void do_insn(pstate *ps, int op, apos pos, tcur *ops, int n)
{
    actx *c = ps->c;
    if (!ps->cur) {
        asm_error(c, pos, "instruction outside TEXT");
        return;
    }
    if (n > 3) {
        asm_error(c, pos, "too many operands");
        return;
    }
    prog p = {.op = op, .pos = pos, .target = -1, .nops = n};
    bool ok = true;
    for (int i = 0; i < n; i++)
        ok = operand_parse(&ops[i], &p.a[i]) && ok;
    if (!ok) {
        for (int i = 0; i < n; i++)
            aop_free(&p.a[i]);
        return;
    }
    canonicalise(&p);
    atext *t = ps->cur;
    t->p = grow(t->p, &t->pcap, t->np + 1, sizeof *t->p);
    t->p[t->np++] = p;
}

static void statement(pstate *ps, const tok *t, size_t s, size_t e)
{
    actx *c = ps->c;
    while (s + 1 < e && t[s].k == TK_IDENT && tok_is(&t[s + 1], ":")) {
        add_label(ps, &t[s]);
        s += 2;
    }
    if (s == e)
        return;
    if (t[s].k != TK_IDENT) {
        asm_error(c, t[s].pos, "expected instruction");
        return;
    }
    int op = op_lookup(t[s].s);
    if (op < 0) {
        asm_error(c, t[s].pos, "unrecognized instruction \"%s\"", t[s].s);
        return;
    }
    tcur ops[8];
    int n = split_operands(c, t, s + 1, e, ops, 8);
    if (n > 8) {
        asm_error(c, t[s].pos, "too many operands");
        return;
    }
    for (int i = 0; i < n; i++)
        if (ops[i].n == 0) {
            asm_error(c, t[s].pos, "missing operand %d", i + 1);
            return;
        }
    apos pos = t[s].pos;
    if (op == OP_TEXT)
        do_text(ps, pos, ops, n);
    else if (op == OP_DATA)
        do_data(ps, pos, ops, n);
    else if (op == OP_GLOBL)
        do_globl(ps, pos, ops, n);
    else if ((op == OP_PCDATA || op == OP_FUNCDATA) && n != 2)
        asm_error(c, pos, "expect two operands for %s", t[s].s);   /* Go's words */
    else if ((op == OP_PCDATA || op == OP_FUNCDATA) && ps->cur)
        do_insn(ps, op, pos, ops, 0); /* kept as a zero-length prog, like Go */
    else if (op == OP_PCDATA || op == OP_FUNCDATA)
        asm_error(c, pos, "%s outside TEXT", t[s].s);
    else
        do_insn(ps, op, pos, ops, n);
}

void parse_tokens(actx *c, const tokvec *toks)
{
    pstate ps = {c, NULL};
    size_t i = 0;
    while (i < toks->n && toks->t[i].k != TK_EOF) {
        size_t s = i;
        while (toks->t[i].k != TK_EOL && toks->t[i].k != TK_EOF && !tok_is(&toks->t[i], ";"))
            i++;
        statement(&ps, toks->t, s, i);
        if (toks->t[i].k != TK_EOF)
            i++;
    }
    finish_text(c, ps.cur);
    for (size_t k = 0; k < c->ndatas; k++)
        if (!c->datas[k].has_globl)
            asm_error(c, c->datas[k].pos, "DATA for %s without GLOBL", c->datas[k].name);
        else if ((int64_t)c->datas[k].initlen > c->datas[k].size)
            asm_error(c, c->datas[k].pos, "DATA for %s beyond its GLOBL size", c->datas[k].name);
}
