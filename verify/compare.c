/* One call's comparison: see compare.h. */
#include "verify/compare.h"
#include <stdio.h>
#include <stdlib.h>

static vobject *alloc_of(const vcompare *c, uint64_t v)
{
    for (int i = 0; i < c->nallocs; i++)
        if (v >= c->allocs[i].s && v < c->allocs[i].s + c->allocs[i].size)
            return &c->allocs[i];
    return NULL;
}

/* For translating values: one past an object's end (a stack's hi) is its
 * too (sim verify leaves a gap after each). */
static vobject *alloc_at_or_end(const vcompare *c, uint64_t v)
{
    for (int i = 0; i < c->nallocs; i++)
        if (v >= c->allocs[i].s && v <= c->allocs[i].s + c->allocs[i].size)
            return &c->allocs[i];
    return NULL;
}

/* A real address inside a matched object: that object. */
static vobject *real_alloc_of(const vcompare *c, uint64_t a)
{
    for (int i = 0; i < c->nallocs; i++)
        if (c->allocs[i].r && a >= c->allocs[i].r && a < c->allocs[i].r + c->allocs[i].size)
            return &c->allocs[i];
    return NULL;
}

uint64_t vcompare_translate(const vcompare *c, uint64_t v)
{
    vobject *o = alloc_at_or_end(c, v);
    return o && o->r ? o->r + (v - o->s) : v;
}

void vcompare_match(vcompare *c, uint64_t v, uint64_t real_v)
{
    vobject *o = alloc_of(c, v);
    if (o && !o->r && real_v >= v - o->s)
        o->r = real_v - (v - o->s);
}

static uint8_t byte_of(const effects *e, const effects *other, uint64_t a, emu *cpu)
{
    const effect_byte *b = effects_get(e, a);
    if (b)
        return b->after;
    if ((b = effects_get(other, a)))
        return b->before;
    uint8_t now = 0;
    emu_read(cpu, a, &now, 1);
    return now;
}

/* The real side's bytes at A: memory as the real call left it. */
static uint64_t real_value(const vcompare *c, uint64_t a, uint64_t size)
{
    uint64_t v = 0;
    for (uint64_t i = 0; i < size && i < 8; i++)
        v |= (uint64_t)byte_of(c->real, c->model, a + i, c->cpu) << (8 * i);
    return v;
}

/* The model's bytes at real address A (through a matched object's scratch
 * counterpart when A is in one). */
static uint64_t model_value(const vcompare *c, uint64_t a, uint64_t size)
{
    vobject *o = real_alloc_of(c, a);
    uint64_t v = 0;
    for (uint64_t i = 0; i < size && i < 8; i++) {
        uint8_t b;
        if (o) {
            const effect_byte *e = effects_get(c->model, o->s + (a + i - o->r));
            b = e ? e->after : 0;   /* scratch memory starts zeroed */
        } else {
            b = byte_of(c->model, c->real, a + i, c->cpu);
        }
        v |= (uint64_t)b << (8 * i);
    }
    return v;
}

/* Matching by the pointers in the fields either side changed, and in the
 * matched objects, until nothing new matches. */
static void match_objects(vcompare *c, const effect_byte *mb, size_t nm)
{
    for (size_t i = 0; i < nm; i++) {   /* fields of known objects holding scratch pointers */
        uint64_t a = mb[i].addr & ~7ULL;
        if (alloc_of(c, a) || (i && (mb[i - 1].addr & ~7ULL) == a))
            continue;
        vname n;
        vnamer_name(c->nm, a, &n);
        if (n.size == 8)
            vcompare_match(c, model_value(c, n.start, 8), real_value(c, n.start, 8));
    }
    for (bool more = true; more;) {
        more = false;
        for (int j = 0; j < c->nallocs; j++) {
            const vobject *o = &c->allocs[j];
            if (!o->r)
                continue;
            for (uint64_t off = 0; off + 8 <= o->size; off += 8) {
                uint64_t mv = model_value(c, o->r + off, 8);
                vobject *t = alloc_of(c, mv);
                if (t && !t->r) {
                    vcompare_match(c, mv, real_value(c, o->r + off, 8));
                    more = more || t->r;
                }
            }
        }
    }
}

static int field(vcompare *c, uint64_t a, uint64_t *end, vdiff_fn fn, void *ctx)
{
    vname n;
    vnamer_name(c->nm, a, &n);
    *end = n.start + n.size;
    if (!c->all_fields && vmodel_left_out(c->m, n.tpath))
        return 0;
    uint64_t rv = real_value(c, n.start, n.size);
    uint64_t mv = vcompare_translate(c, model_value(c, n.start, n.size));
    if (n.size < 8)
        mv &= (1ULL << (8 * n.size)) - 1;
    if (rv == mv)
        return 0;
    char r[32], m[32];
    snprintf(r, sizeof r, "%#llx", (unsigned long long)rv);
    snprintf(m, sizeof m, "%#llx", (unsigned long long)mv);
    fn(ctx, n.name, r, m);
    return 1;
}

static int by_addr(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return a < b ? -1 : a > b;
}

int vcompare_run(vcompare *c, vdiff_fn fn, void *ctx)
{
    size_t nm = 0, nr = 0;
    effect_byte *mb = effects_sorted(c->model, &nm), *rb = effects_sorted(c->real, &nr);
    size_t cap = nm + nr + 1;
    for (int k = 0; k < c->nallocs; k++)
        cap += c->allocs[k].whole ? c->allocs[k].size : 0;
    uint64_t *addrs = malloc(cap * sizeof *addrs);
    int bad = 0;
    if (!mb || !rb || !addrs) {
        fn(ctx, "(sim verify)", "-", "out of memory");
        free(mb);
        free(rb);
        free(addrs);
        return 1;
    }
    match_objects(c, mb, nm);
    for (int k = 0; k < c->nallocs; k++)   /* a new P is named as one */
        if (c->allocs[k].r && c->allocs[k].size == go_size(T_p))
            vnamer_add_new(c->nm, c->allocs[k].r, T_p, "newp");
    size_t na = 0;
    for (size_t i = 0; i < nm; i++) {   /* the model's bytes, at their real addresses */
        vobject *o = alloc_of(c, mb[i].addr);
        if (!o || o->r)
            addrs[na++] = o ? o->r + (mb[i].addr - o->s) : mb[i].addr;
    }
    for (size_t j = 0; j < nr; j++)
        addrs[na++] = rb[j].addr;
    for (int k = 0; k < c->nallocs; k++)   /* a matched g: all of it */
        for (uint64_t off = 0; c->allocs[k].whole && c->allocs[k].r && off < c->allocs[k].size; off++)
            addrs[na++] = c->allocs[k].r + off;
    qsort(addrs, na, sizeof *addrs, by_addr);
    uint64_t end = 0;
    for (size_t i = 0; i < na; i++) {
        if (addrs[i] < end || (i && addrs[i] == addrs[i - 1]))
            continue;
        /* Bytes alike need no name: a field that differs has a byte that does
         * (a model pointer into its scratch differs from the real one). */
        if (real_value(c, addrs[i], 1) == (model_value(c, addrs[i], 1) & 0xff))
            continue;
        bad += field(c, addrs[i], &end, fn, ctx);
    }
    for (int k = 0; k < c->nallocs; k++)
        if (!c->allocs[k].r) {
            char what[80], size[32];
            snprintf(what, sizeof what, "(an object of %llu bytes the model allocated)",
                     (unsigned long long)c->allocs[k].size);
            snprintf(size, sizeof size, "allocated");
            fn(ctx, what, "none matched", size);
            bad++;
        }
    free(mb);
    free(rb);
    free(addrs);
    return bad;
}
