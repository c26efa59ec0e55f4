/* Diagnostics and small allocation helpers used by every stage. */
#include "cpu/asm/internal.h"
#include <stdlib.h>
#include <string.h>

void asm_error(actx *c, apos p, const char *fmt, ...)
{
    FILE *f = c->diag ? c->diag : stderr;
    va_list ap;
    va_start(ap, fmt);
    fprintf(f, "%s:%d:%d: ", p.file ? p.file : "?", p.line, p.col);
    vfprintf(f, fmt, ap);
    fputc('\n', f);
    va_end(ap);
    c->nerrors++;
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
