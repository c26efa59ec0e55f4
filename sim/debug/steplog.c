/* The step log: see steplog.h.  The stream is a fopencookie stream whose
 * writes land in PEND; the timeline flushes it after every step. */
#include "sim/debug/steplog.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static void grow(char **buf, size_t *cap, size_t need)
{
    if (need <= *cap)
        return;
    size_t c = *cap ? *cap : 4096;
    while (c < need)
        c *= 2;
    *buf = realloc(*buf, c);
    *cap = c;
}

static ssize_t cookie_write(void *cookie, const char *buf, size_t size)
{
    steplog *l = cookie;
    grow(&l->pend, &l->pcap, l->plen + size + 1);
    memcpy(l->pend + l->plen, buf, size);
    l->plen += size;
    return (ssize_t)size;
}

int steplog_init(steplog *l, bool keep_insn)
{
    memset(l, 0, sizeof *l);
    l->keep_insn = keep_insn;
    cookie_io_functions_t io = {.write = cookie_write};
    l->stream = fopencookie(l, "w", io);
    return l->stream ? 0 : -1;
}

void steplog_free(steplog *l)
{
    if (l->stream)
        fclose(l->stream);
    free(l->text);
    free(l->ents);
    free(l->pend);
    memset(l, 0, sizeof *l);
}

static void store(steplog *l, uint64_t step, const char *line, size_t len)
{
    if (l->n == l->ncap) {
        l->ncap = l->ncap ? 2 * l->ncap : 1024;
        l->ents = realloc(l->ents, l->ncap * sizeof *l->ents);
    }
    grow(&l->text, &l->cap, l->len + len + 1);
    l->ents[l->n++] = (steplog_ent){step, l->len};
    memcpy(l->text + l->len, line, len);
    l->text[l->len + len] = 0;
    l->len += len + 1;
}

size_t steplog_first_at(const steplog *l, uint64_t step)
{
    size_t lo = 0, hi = l->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (l->ents[mid].step < step)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Text-format instruction records start with their sequence number. */
static bool is_insn(const char *line) { return isdigit((unsigned char)line[0]); }

void steplog_commit(steplog *l, uint64_t step, bool fresh)
{
    fflush(l->stream);
    size_t next = fresh ? l->n : steplog_first_at(l, step);
    char *p = l->pend, *end = l->pend + l->plen;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        p[len] = 0;
        if (l->keep_insn || !is_insn(p)) {
            if (fresh)
                store(l, step, p, len);
            else {
                l->compared++;
                bool same = next < l->n && l->ents[next].step == step &&
                            strcmp(steplog_line(l, next), p) == 0;
                l->mismatched += !same;
                next += next < l->n && l->ents[next].step == step;
            }
        }
        p += len + 1;
    }
    /* Stored lines the replay did not write again. */
    for (; !fresh && next < l->n && l->ents[next].step == step; next++)
        l->mismatched++, l->compared++;
    l->plen = 0;
}

void steplog_discard(steplog *l)
{
    fflush(l->stream);
    l->plen = 0;
}
