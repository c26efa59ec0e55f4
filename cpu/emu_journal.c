/* The undo journal of sim's own writes to guest memory: see emu.h.  A
 * model run on a copy of a real program's state (sim verify) writes the
 * program's memory in place; the journal keeps the bytes each write
 * replaced, so that the changes can be listed and then taken back.  Only
 * the host's writes (emu_write, emu_write_u, emu_host_rw) are journalled:
 * the guest's own stores go through Unicorn and are none of its business. */
#include "cpu/emu_internal.h"
#include <stdlib.h>
#include <string.h>

typedef struct {
    uint64_t addr;
    size_t len, at;   /* AT: where its old bytes are in the byte store */
} jentry;

struct emu_journal {
    jentry *e;
    size_t n, cap;
    uint8_t *bytes;
    size_t nbytes, capbytes;
    bool failed;   /* out of memory: the journal cannot undo */
};

static bool grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    size_t ncap = *cap ? *cap : 64;
    while (ncap < need)
        ncap *= 2;
    void *np = realloc(*p, ncap * elem);
    if (!np)
        return false;
    *p = np;
    *cap = ncap;
    return true;
}

void emu_journal_note(emu *e, uint64_t addr, size_t len)
{
    struct emu_journal *j = e->journal;
    if (!grow((void **)&j->e, &j->cap, j->n + 1, sizeof *j->e) ||
        !grow((void **)&j->bytes, &j->capbytes, j->nbytes + len, 1)) {
        j->failed = true;
        return;
    }
    struct emu_journal *saved = e->journal;
    e->journal = NULL;   /* the read below is not a write */
    if (emu_read(e, addr, j->bytes + j->nbytes, len) != 0)
        memset(j->bytes + j->nbytes, 0, len);
    e->journal = saved;
    j->e[j->n++] = (jentry){addr, len, j->nbytes};
    j->nbytes += len;
}

int emu_journal_start(emu *e)
{
    if (e->journal)
        return -1;
    e->journal = calloc(1, sizeof *e->journal);
    return e->journal ? 0 : -1;
}

int emu_journal_changes(emu *e, emu_journal_fn fn, void *ctx)
{
    struct emu_journal *j = e->journal;
    if (!j || j->failed)
        return -1;
    struct emu_journal *saved = e->journal;
    e->journal = NULL;
    for (size_t i = 0; i < j->n; i++) {
        uint8_t now[256];
        const jentry *x = &j->e[i];
        for (size_t off = 0; off < x->len; off += sizeof now) {
            size_t n = x->len - off < sizeof now ? x->len - off : sizeof now;
            if (emu_read(e, x->addr + off, now, n) != 0)
                continue;
            fn(ctx, x->addr + off, j->bytes + x->at + off, now, n);
        }
    }
    e->journal = saved;
    return 0;
}

int emu_journal_undo(emu *e)
{
    struct emu_journal *j = e->journal;
    if (!j)
        return -1;
    e->journal = NULL;
    int rc = j->failed ? -1 : 0;
    for (size_t i = j->n; i-- > 0;)   /* newest first: the oldest bytes win */
        if (emu_write(e, j->e[i].addr, j->bytes + j->e[i].at, j->e[i].len) != 0)
            rc = -1;
    free(j->e);
    free(j->bytes);
    free(j);
    return rc;
}

int emu_journal_drop(emu *e)
{
    struct emu_journal *j = e->journal;
    if (!j)
        return -1;
    e->journal = NULL;
    free(j->e);
    free(j->bytes);
    free(j);
    return 0;
}
