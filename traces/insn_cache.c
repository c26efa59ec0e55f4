/* Per-address instruction text: see insn_cache.h.  Open addressing on the
 * pc, grown at half full. */
#include "traces/insn_cache.h"
#include <stdlib.h>
#include <string.h>

struct insn_cache {
    insn_info *slots;   /* sym == NULL: empty */
    size_t cap, used;
};

insn_cache *insn_cache_new(void)
{
    insn_cache *c = calloc(1, sizeof *c);
    if (c && !(c->slots = calloc(c->cap = 1024, sizeof *c->slots))) {
        free(c);
        return NULL;
    }
    return c;
}

static void free_info(insn_info *i)
{
    free((char *)i->sym);
    free((char *)i->bytes);
    free((char *)i->file);
    free((char *)i->src);
}

void insn_cache_free(insn_cache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->cap; i++)
        if (c->slots[i].sym)
            free_info(&c->slots[i]);
    free(c->slots);
    free(c);
}

static size_t slot_of(const insn_cache *c, uint64_t pc)
{
    size_t h = (size_t)((pc * 0x9e3779b97f4a7c15ULL) >> 24) & (c->cap - 1);
    while (c->slots[h].sym && c->slots[h].pc != pc)
        h = (h + 1) & (c->cap - 1);
    return h;
}

const insn_info *insn_cache_get(insn_cache *c, uint64_t pc)
{
    const insn_info *i = &c->slots[slot_of(c, pc)];
    return i->sym ? i : NULL;
}

static int grow(insn_cache *c)
{
    insn_cache bigger = {calloc(c->cap * 2, sizeof *c->slots), c->cap * 2, c->used};
    if (!bigger.slots)
        return -1;
    for (size_t i = 0; i < c->cap; i++)
        if (c->slots[i].sym)
            bigger.slots[slot_of(&bigger, c->slots[i].pc)] = c->slots[i];
    free(c->slots);
    *c = bigger;
    return 0;
}

const insn_info *insn_cache_put(insn_cache *c, const insn_info *info)
{
    if (2 * (c->used + 1) > c->cap && grow(c) < 0)
        return NULL;
    insn_info *i = &c->slots[slot_of(c, info->pc)];
    if (i->sym)
        free_info(i);
    else
        c->used++;
    *i = (insn_info){info->pc, strdup(info->sym), strdup(info->bytes), strdup(info->file),
                     strdup(info->src), info->disasm, info->line};
    if (!i->sym || !i->bytes || !i->file || !i->src) {
        free_info(i);
        *i = (insn_info){0};
        c->used--;
        return NULL;
    }
    return i;
}
