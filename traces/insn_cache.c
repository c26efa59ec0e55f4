/* Per-address instruction text: see insn_cache.h.  Open addressing on the
 * pc, grown at half full.  Each entry is allocated once, with its strings,
 * and never moved or changed: the tracer's writer thread reads entries
 * while the cache grows. */
#include "traces/insn_cache.h"
#include <stdlib.h>
#include <string.h>

/* In front of the table, a direct-mapped array of recent addresses and
 * their entries: a hit reads neither the table nor the entry (the entries'
 * cache misses were most of a lookup's cost). */
#define FRONT 1024
typedef struct { uint64_t pc; const insn_info *info; } front_slot;

struct insn_cache {
    insn_info **slots;   /* NULL: empty */
    size_t cap, used;
    front_slot front[FRONT];
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

void insn_cache_free(insn_cache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->cap; i++)
        free(c->slots[i]);
    free(c->slots);
    free(c);
}

static size_t slot_of(insn_info *const *slots, size_t cap, uint64_t pc)
{
    size_t h = (size_t)((pc * 0x9e3779b97f4a7c15ULL) >> 24) & (cap - 1);
    while (slots[h] && slots[h]->pc != pc)
        h = (h + 1) & (cap - 1);
    return h;
}

const insn_info *insn_cache_get(insn_cache *c, uint64_t pc)
{
    front_slot *f = &c->front[pc % FRONT];
    if (f->info && f->pc == pc)
        return f->info;
    const insn_info *i = c->slots[slot_of(c->slots, c->cap, pc)];
    if (i)
        *f = (front_slot){pc, i};
    return i;
}

static int grow(insn_cache *c)
{
    size_t cap = c->cap * 2;
    insn_info **slots = calloc(cap, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < c->cap; i++)
        if (c->slots[i])
            slots[slot_of(slots, cap, c->slots[i]->pc)] = c->slots[i];
    free(c->slots);
    c->slots = slots;
    c->cap = cap;
    return 0;
}

/* Appends S to the entry's string space at *P; returns the copy. */
static const char *keep(char **p, const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = memcpy(*p, s, n);
    *p += n;
    return d;
}

const insn_info *insn_cache_put(insn_cache *c, const insn_info *info)
{
    const insn_info *had = insn_cache_get(c, info->pc);
    if (had)
        return had;
    if (2 * (c->used + 1) > c->cap && grow(c) < 0)
        return NULL;
    size_t len = strlen(info->sym) + strlen(info->bytes) + strlen(info->file) +
                 strlen(info->src) + 4 + (info->text_head ? info->text_head_len + 1 : 0);
    insn_info *i = malloc(sizeof *i + len);
    if (!i)
        return NULL;
    char *p = (char *)(i + 1);
    *i = *info;
    i->sym = keep(&p, info->sym);
    i->bytes = keep(&p, info->bytes);
    i->file = keep(&p, info->file);
    i->src = keep(&p, info->src);
    if (info->text_head)
        i->text_head = keep(&p, info->text_head);
    c->slots[slot_of(c->slots, c->cap, info->pc)] = i;
    c->used++;
    return i;
}
