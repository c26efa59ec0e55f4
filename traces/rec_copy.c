/* Owned copies of records: see rec_copy.h.  Only the used parts of the
 * register, write and slot arrays are copied: a whole trace_rec is over a
 * kilobyte, most of it empty. */
#include "traces/rec_copy.h"
#include <stdlib.h>
#include <string.h>

/* Every string of R, for measuring and relocating. */
static int strings_of(trace_rec *r, const char ***out)
{
    int n = 0;
    const char **fixed[] = {&r->config, &r->sim, &r->program, &r->sym, &r->bytes, &r->file,
                            &r->src, &r->disasm, &r->fn, &r->args, &r->lhs, &r->old_v,
                            &r->new_v, &r->text, &r->how, &r->why};
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        out[n++] = fixed[i];
    for (int i = 0; i < r->nregs; i++)
        out[n++] = &r->regs[i].name;
    for (int i = 0; i < r->nstack; i++)
        out[n++] = &r->stack[i].note;
    for (int i = 0; i < r->nmem; i++)
        out[n++] = &r->mem[i].name;
    return n;
}

static void copy_head(trace_rec *d, const trace_rec *s)
{
    memcpy(d, s, offsetof(trace_rec, regs));
    memcpy(d->regs, s->regs, sizeof s->regs[0] * (size_t)s->nregs);
    memcpy(d->mem, s->mem, sizeof s->mem[0] * (size_t)s->nmem);
    memcpy(d->stack, s->stack, sizeof s->stack[0] * (size_t)s->nstack);
    d->nregs = s->nregs;
    d->nmem = s->nmem;
    d->mem_dropped = s->mem_dropped;
    d->nstack = s->nstack;
    d->depth = s->depth;
    d->fn = s->fn;
    d->args = s->args;
    d->lhs = s->lhs;
    d->old_v = s->old_v;
    d->new_v = s->new_v;
    d->text = s->text;
    d->how = s->how;
    d->why = s->why;
    d->instructions = s->instructions;
    d->status = s->status;
}

int rec_copy_set(rec_copy *c, const trace_rec *src, long line)
{
    const char **strs[16 + REC_MAX_REGS + REC_MAX_STACK + REC_MAX_MEM];
    copy_head(&c->r, src);
    c->line = line;
    int n = strings_of(&c->r, strs);
    size_t need = 0;
    for (int i = 0; i < n; i++)
        need += *strs[i] ? strlen(*strs[i]) + 1 : 0;
    if (need > c->cap) {
        char *nb = realloc(c->buf, need * 2);
        if (!nb)
            return -1;
        c->buf = nb;
        c->cap = need * 2;
    }
    char *w = c->buf;
    for (int i = 0; i < n; i++) {
        if (!*strs[i])
            continue;
        size_t len = strlen(*strs[i]) + 1;
        memcpy(w, *strs[i], len);
        *strs[i] = w;
        w += len;
    }
    return 0;
}

void rec_copy_free(rec_copy *c)
{
    free(c->buf);
    c->buf = NULL;
    c->cap = 0;
}
