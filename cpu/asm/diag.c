/* Diagnostics and small allocation helpers used by every stage. */
#include "cpu/asm/internal.h"
#include <stdlib.h>
#include <string.h>

void asm_error(actx *c, apos p, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    c->diags = grow(c->diags, &c->diagcap, c->ndiags + 1, sizeof *c->diags);
    c->diags[c->ndiags++] = (adiag){p, xstrdup(buf)};
    c->nerrors++;
}

static size_t file_rank(const actx *c, const char *f)
{
    for (size_t i = 0; i < c->nfiles; i++)
        if (c->files[i] == f)
            return i;
    return c->nfiles;
}

/* Stages find errors in different orders; users want them by line. */
void asm_flush_errors(actx *c)
{
    FILE *f = c->diag ? c->diag : stderr;
    for (size_t i = 1; i < c->ndiags; i++) /* stable insertion sort */
        for (size_t j = i; j > 0; j--) {
            adiag *a = &c->diags[j - 1], *b = &c->diags[j];
            size_t ra = file_rank(c, a->pos.file), rb = file_rank(c, b->pos.file);
            if (ra < rb || (ra == rb && (a->pos.line < b->pos.line ||
                                         (a->pos.line == b->pos.line && a->pos.col <= b->pos.col))))
                break;
            adiag t = *a;
            *a = *b;
            *b = t;
        }
    for (size_t i = 0; i < c->ndiags; i++) {
        const adiag *d = &c->diags[i];
        fprintf(f, "%s:%d:%d: %s\n", d->pos.file ? d->pos.file : "?", d->pos.line, d->pos.col,
                d->msg);
        free(d->msg);
    }
    free(c->diags);
    c->diags = NULL;
    c->ndiags = c->diagcap = 0;
}

/* File names live as long as the object: every apos/asm_insn points here. */
const char *asm_intern(actx *c, const char *name)
{
    for (size_t i = 0; i < c->nfiles; i++)
        if (strcmp(c->files[i], name) == 0)
            return c->files[i];
    c->files = grow(c->files, &c->fcap, c->nfiles + 1, sizeof *c->files);
    c->files[c->nfiles] = xstrdup(name);
    return c->files[c->nfiles++];
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("asm: out of memory\n", stderr);
        abort();
    }
    return p;
}

void *xcalloc(size_t n, size_t sz)
{
    void *p = calloc(n ? n : 1, sz ? sz : 1);
    if (!p) {
        fputs("asm: out of memory\n", stderr);
        abort();
    }
    return p;
}

void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        fputs("asm: out of memory\n", stderr);
        abort();
    }
    return p;
}

char *xstrndup(const char *s, size_t n)
{
    char *d = xmalloc(n + 1);
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

void *grow(void *arr, size_t *cap, size_t n, size_t sz)
{
    if (n <= *cap)
        return arr;
    size_t nc = *cap ? *cap : 8;
    while (nc < n)
        nc *= 2;
    arr = xrealloc(arr, nc * sz);
    memset((char *)arr + *cap * sz, 0, (nc - *cap) * sz);
    *cap = nc;
    return arr;
}
