/* A byte map keyed by guest address: see effects.h. */
#include "verify/effects.h"
#include <stdlib.h>
#include <string.h>

void effects_init(effects *e) { memset(e, 0, sizeof *e); }

void effects_free(effects *e)
{
    free(e->slot);
    memset(e, 0, sizeof *e);
}

static size_t slot_of(size_t cap, uint64_t addr)
{
    return (size_t)((addr * 0x9e3779b97f4a7c15ULL) >> 20) & (cap - 1);
}

static bool rehash(effects *e)
{
    size_t ncap = e->cap ? 2 * e->cap : 1024;
    effect_byte *ns = calloc(ncap, sizeof *ns);
    if (!ns)
        return false;
    for (size_t i = 0; i < e->cap; i++) {
        if (!e->slot[i].used)
            continue;
        size_t j = slot_of(ncap, e->slot[i].addr);
        while (ns[j].used)
            j = (j + 1) & (ncap - 1);
        ns[j] = e->slot[i];
    }
    free(e->slot);
    e->slot = ns;
    e->cap = ncap;
    return true;
}

effect_byte *effects_note(effects *e, uint64_t addr, uint8_t before)
{
    if ((e->n + 1) * 2 > e->cap && !rehash(e))
        return NULL;
    size_t j = slot_of(e->cap, addr);
    while (e->slot[j].used && e->slot[j].addr != addr)
        j = (j + 1) & (e->cap - 1);
    if (!e->slot[j].used) {
        e->slot[j] = (effect_byte){addr, before, before, true};
        e->n++;
    }
    return &e->slot[j];
}

const effect_byte *effects_get(const effects *e, uint64_t addr)
{
    if (!e->cap)
        return NULL;
    size_t j = slot_of(e->cap, addr);
    while (e->slot[j].used) {
        if (e->slot[j].addr == addr)
            return &e->slot[j];
        j = (j + 1) & (e->cap - 1);
    }
    return NULL;
}

static int by_addr(const void *a, const void *b)
{
    uint64_t x = ((const effect_byte *)a)->addr, y = ((const effect_byte *)b)->addr;
    return x < y ? -1 : x > y;
}

effect_byte *effects_sorted(const effects *e, size_t *n)
{
    effect_byte *out = malloc((e->n ? e->n : 1) * sizeof *out);
    *n = 0;
    if (!out)
        return NULL;
    for (size_t i = 0; i < e->cap; i++)
        if (e->slot[i].used)
            out[(*n)++] = e->slot[i];
    qsort(out, *n, sizeof *out, by_addr);
    return out;
}
