/* Code layout: assigns pcs, chooses short or near forms for branches to
 * labels and emits the bytes of a TEXT symbol.
 *
 * Branches start short and are widened when their displacement does not
 * fit in 8 bits; widening only lengthens code, so repeating until nothing
 * changes converges, and gives the sizes Go's assembler picks. */
#include "cpu/asm/optab.h"
#include <stdlib.h>
#include <string.h>

static bool is_label_branch(const prog *p)
{
    return p->target >= 0 && p->nops == 1 && p->a[0].k == A_BRANCH;
}

static uint32_t branch_len(const prog *p)
{
    const aopdef *d = op_def(p->op);
    if (d->flags & OPF_CALL)
        return 5;
    if (!p->longbr)
        return 2;
    return (d->flags & OPF_JMP) ? 5 : 6;
}

static int64_t target_pc(const atext *t, const prog *p, uint32_t size)
{
    if (p->target < 0)
        return 0;
    return (size_t)p->target >= t->np ? size : t->p[p->target].pc;
}

/* Lengths of everything but label branches do not depend on the layout. */
static bool fixed_lengths(actx *c, atext *t, bool *bad)
{
    bool ok = true;
    for (size_t i = 0; i < t->np; i++) {
        prog *p = &t->p[i];
        if (is_label_branch(p) || (op_def(p->op)->flags & OPF_PSEUDO)) {
            p->len = 0;
            continue;
        }
        aenc e;
        bad[i] = !encode_prog(c, p, 0, &e);
        ok &= !bad[i];
        p->len = (uint32_t)e.len;
    }
    return ok;
}

static uint32_t assign_pcs(atext *t)
{
    uint32_t pc = 0;
    for (size_t i = 0; i < t->np; i++) {
        prog *p = &t->p[i];
        if (is_label_branch(p))
            p->len = branch_len(p);
        p->pc = pc;
        pc += p->len;
    }
    return pc;
}

static uint32_t relax(atext *t)
{
    for (;;) {
        uint32_t size = assign_pcs(t);
        bool changed = false;
        for (size_t i = 0; i < t->np; i++) {
            prog *p = &t->p[i];
            if (!is_label_branch(p) || p->longbr || (op_def(p->op)->flags & OPF_CALL))
                continue;
            int64_t d = target_pc(t, p, size) - (p->pc + 2);
            if (d < -128 || d > 127) {
                p->longbr = true;
                changed = true;
            }
        }
        if (!changed)
            return size;
    }
}

static void add_insn(asm_symbol *s, const prog *p, size_t *cap)
{
    s->insns = grow(s->insns, cap, s->ninsns + 1, sizeof *s->insns);
    s->insns[s->ninsns++] = (asm_insn){p->pc, p->len, p->pos.file, p->pos.line, p->inserted};
}

bool layout_text(actx *c, atext *t, asm_symbol *s)
{
    bool *bad = xcalloc(t->np + 1, sizeof *bad);
    bool ok = fixed_lengths(c, t, bad);
    uint32_t size = relax(t);
    memset(s, 0, sizeof *s);
    s->name = xstrdup(t->name);
    s->kind = ASM_SYM_TEXT;
    s->flags = t->flags;
    s->local = t->local;
    s->frame = t->frame;
    s->args = t->args;
    s->file = t->pos.file;
    s->line = t->pos.line;
    s->col = t->sympos.col;
    s->data = xcalloc(size + 1, 1);
    s->size = size;
    size_t icap = 0, rcap = 0;
    for (size_t i = 0; i < t->np; i++) {
        prog *p = &t->p[i];
        if (op_def(p->op)->flags & OPF_PSEUDO && p->op != OP_NOP)
            continue;
        add_insn(s, p, &icap);
        if (bad[i] || p->len == 0)
            continue;
        aenc e;
        if (!encode_prog(c, p, target_pc(t, p, size), &e) || (uint32_t)e.len != p->len) {
            ok = false;
            continue;
        }
        memcpy(s->data + p->pc, e.b, (size_t)e.len);
        if (e.has_reloc) {
            s->relocs = grow(s->relocs, &rcap, s->nrelocs + 1, sizeof *s->relocs);
            s->relocs[s->nrelocs++] = (asm_reloc){p->pc + (uint32_t)e.roff, (uint8_t)e.rsize,
                                                  e.rtype, xstrdup(e.rsym), e.raddend,
                                                  p->pos.file, p->pos.line};
        }
    }
    free(bad);
    return ok;
}
