/* Preprocessor: #include, #define (object-like and function-like, with
 * backslash continuations handled by the lexer), #undef, #ifdef, #ifndef,
 * #else, #endif.  Works on tokens: each source line is expanded and
 * appended to the output followed by a TK_EOL.  Tokens that come out of a
 * macro carry the position of the macro's use, so errors point at the line
 * the user wrote. */
#include "cpu/asm/internal.h"
#include "cpu/readfile.h"
#include "cpu/asm/builtin_headers.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *name;
    bool fn;
    char **params;
    int nparams;
    tok *body;
    size_t nbody;
} macro;

/* The macros, and an open-addressing index of them by name (slot: index
 * into m plus one, 0 empty): go_asm.h defines over a thousand, and every
 * identifier of a source is looked up. */
typedef struct {
    macro *m;
    size_t n, cap;
    uint32_t *slots;
    size_t nslots;   /* a power of two, more than twice n */
    const char *incstack[64];
    int ninc;
} ppstate;

typedef struct {
    bool outer;     /* enclosing region active */
    bool taking;    /* this branch active */
    bool seen_else;
    apos pos;
} cond;

static ppstate *pp_state(actx *c)
{
    if (!c->pp)
        c->pp = xcalloc(1, sizeof(ppstate));
    return c->pp;
}

static tok tok_dup(const tok *t, const apos *at)
{
    tok d = *t;
    if (t->s)
        d.s = t->k == TK_STR ? xstrndup(t->s, t->slen) : xstrdup(t->s);
    if (at)
        d.pos = *at;
    return d;
}

static size_t name_hash(const char *s)
{
    size_t h = 2166136261u;   /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* The slot that holds NAME, or the empty one where it would go. */
static size_t macro_slot(const ppstate *pp, const char *name)
{
    size_t mask = pp->nslots - 1, i = name_hash(name) & mask;
    while (pp->slots[i] && strcmp(pp->m[pp->slots[i] - 1].name, name) != 0)
        i = (i + 1) & mask;
    return i;
}

/* Index every macro again in a table of NSLOTS (after growth or #undef). */
static void macro_reindex(ppstate *pp, size_t nslots)
{
    free(pp->slots);
    pp->slots = xcalloc(nslots, sizeof *pp->slots);
    pp->nslots = nslots;
    for (size_t k = 0; k < pp->n; k++)
        pp->slots[macro_slot(pp, pp->m[k].name)] = (uint32_t)k + 1;
}

static macro *find_macro(ppstate *pp, const char *name)
{
    if (!pp->nslots)
        return NULL;
    uint32_t k = pp->slots[macro_slot(pp, name)];
    return k ? &pp->m[k - 1] : NULL;
}

static void macro_clear(macro *m)
{
    free(m->name);
    for (int i = 0; i < m->nparams; i++)
        free(m->params[i]);
    free(m->params);
    for (size_t i = 0; i < m->nbody; i++)
        free(m->body[i].s);
    free(m->body);
}

void pp_free(actx *c)
{
    ppstate *pp = c->pp;
    if (!pp)
        return;
    for (size_t i = 0; i < pp->n; i++)
        macro_clear(&pp->m[i]);
    free(pp->m);
    free(pp->slots);
    free(pp);
    c->pp = NULL;
}

/* ---- macro expansion ---- */

typedef struct hide {
    const char *name;
    const struct hide *up;
} hide;

static bool hidden(const hide *h, const char *name)
{
    for (; h; h = h->up)
        if (strcmp(h->name, name) == 0)
            return true;
    return false;
}

static void expand(actx *c, const tok *in, size_t n, tokvec *out, const hide *h,
                   const apos *at);

/* Collect the arguments of a function-like macro starting at in[*i] == '('.
 * Returns the argument count, or -1 if the ')' is missing. */
static int collect_args(const tok *in, size_t n, size_t *i, size_t *starts, size_t *ends,
                        int max)
{
    int depth = 0, nargs = 0;
    size_t j = *i + 1;
    starts[0] = j;
    for (; j < n; j++) {
        if (tok_is(&in[j], "(")) {
            depth++;
        } else if (tok_is(&in[j], ")")) {
            if (depth-- == 0) {
                if (nargs < max)
                    ends[nargs] = j;
                nargs++;
                *i = j;
                return nargs;
            }
        } else if (tok_is(&in[j], ",") && depth == 0) {
            if (nargs < max)
                ends[nargs] = j;
            nargs++;
            if (nargs < max)
                starts[nargs] = j + 1;
        }
    }
    return -1;
}

static void expand_call(actx *c, macro *m, const tok *in, size_t n, size_t *i,
                        tokvec *out, const hide *h, apos use)
{
    enum { MAXA = 32 };
    size_t starts[MAXA], ends[MAXA];
    size_t j = *i + 1;
    int nargs = collect_args(in, n, &j, starts, ends, MAXA);
    if (nargs < 0) {
        asm_error(c, use, "missing ')' in call of macro %s", m->name);
        *i = n;
        return;
    }
    *i = j;
    if (nargs == 1 && m->nparams == 0 && starts[0] == ends[0])
        nargs = 0;
    if (nargs != m->nparams) {
        asm_error(c, use, "macro %s takes %d arguments, got %d", m->name, m->nparams, nargs);
        return;
    }
    tokvec sub = {0};
    for (size_t b = 0; b < m->nbody; b++) {
        const tok *bt = &m->body[b];
        int p = -1;
        for (int k = 0; bt->k == TK_IDENT && k < m->nparams; k++)
            if (strcmp(bt->s, m->params[k]) == 0)
                p = k;
        if (p < 0) {
            tokvec_push(&sub, tok_dup(bt, &use));
            continue;
        }
        for (size_t a = starts[p]; a < ends[p]; a++)
            tokvec_push(&sub, tok_dup(&in[a], &use));
    }
    hide nh = {m->name, h};
    expand(c, sub.t, sub.n, out, &nh, &use);
    tokvec_free(&sub);
}

static void expand(actx *c, const tok *in, size_t n, tokvec *out, const hide *h,
                   const apos *at)
{
    ppstate *pp = pp_state(c);
    for (size_t i = 0; i < n; i++) {
        const tok *t = &in[i];
        apos use = at ? *at : t->pos;
        if (t->k == TK_IDENT && hidden(h, t->s)) {
            /* A macro that names itself, directly or through others: Go
             * refuses it (a C preprocessor would leave the name). */
            asm_error(c, use, "recursive macro invocation");
            tokvec_push(out, tok_dup(t, at));
            continue;
        }
        macro *m = t->k == TK_IDENT ? find_macro(pp, t->s) : NULL;
        if (!m) {
            tokvec_push(out, tok_dup(t, at));
        } else if (!m->fn) {
            hide nh = {m->name, h};
            expand(c, m->body, m->nbody, out, &nh, &use);
        } else if (i + 1 < n && tok_is(&in[i + 1], "(")) {
            expand_call(c, m, in, n, &i, out, h, use);
        } else {
            tokvec_push(out, tok_dup(t, at));
        }
    }
}

/* ---- directives ---- */

static void do_define(actx *c, const tok *l, size_t n)
{
    ppstate *pp = pp_state(c);
    if (n < 3 || l[2].k != TK_IDENT) {
        asm_error(c, l[0].pos, "#define: missing macro name");
        return;
    }
    macro nm = {xstrdup(l[2].s), false, NULL, 0, NULL, 0};
    size_t i = 3;
    if (i < n && tok_is(&l[i], "(") && !l[i].space) {
        nm.fn = true;
        i++;
        while (i < n && !tok_is(&l[i], ")")) {
            if (l[i].k != TK_IDENT) {
                asm_error(c, l[i].pos, "#define: bad macro parameter");
                macro_clear(&nm);
                return;
            }
            nm.params = xrealloc(nm.params, sizeof(char *) * (size_t)(nm.nparams + 1));
            nm.params[nm.nparams++] = xstrdup(l[i].s);
            i++;
            if (i < n && tok_is(&l[i], ","))
                i++;
        }
        if (i >= n) {
            asm_error(c, l[0].pos, "#define: missing ')' in parameter list");
            macro_clear(&nm);
            return;
        }
        i++;
    }
    nm.nbody = n - i;
    nm.body = xcalloc(nm.nbody, sizeof(tok));
    for (size_t k = 0; k < nm.nbody; k++)
        nm.body[k] = tok_dup(&l[i + k], NULL);
    macro *old = find_macro(pp, nm.name);
    if (old) {
        macro_clear(old);
        *old = nm;
        return;
    }
    pp->m = grow(pp->m, &pp->cap, pp->n + 1, sizeof *pp->m);
    pp->m[pp->n++] = nm;
    if (2 * pp->n >= pp->nslots)
        macro_reindex(pp, pp->nslots ? 2 * pp->nslots : 64);
    else
        pp->slots[macro_slot(pp, nm.name)] = (uint32_t)pp->n;
}

static void do_undef(actx *c, const tok *l, size_t n)
{
    ppstate *pp = pp_state(c);
    if (n < 3 || l[2].k != TK_IDENT) {
        asm_error(c, l[0].pos, "#undef: missing macro name");
        return;
    }
    macro *m = find_macro(pp, l[2].s);
    if (!m)
        return;
    macro_clear(m);
    *m = pp->m[--pp->n];
    macro_reindex(pp, pp->nslots);
}


/* Finds the text of an #include; *path gets a malloc'd name for positions. */
static char *find_include(actx *c, const char *from, const char *name, char **path)
{
    const char *b = builtin_header(name, true);
    if (b) {
        *path = xstrdup(name);
        return xstrdup(b);
    }
    char *text = NULL;
    *path = NULL;
    if (c->opt && c->opt->include) {
        text = c->opt->include(c->opt->include_ctx, name, path);
    } else {
        const char *slash = strrchr(from, '/');
        size_t dl = slash ? (size_t)(slash - from) + 1 : 0;
        char *p = xmalloc(dl + strlen(name) + 1);
        memcpy(p, from, dl);
        strcpy(p + dl, name);
        text = read_source_file(name[0] == '/' ? name : p, NULL);
        if (text)
            *path = name[0] == '/' ? xstrdup(name) : p;
        else
            free(p);
    }
    if (!text && (b = builtin_header(name, false)) != NULL)
        text = xstrdup(b);
    if (text && !*path)
        *path = xstrdup(name);
    return text;
}

static void process(actx *c, const char *file, const char *text, tokvec *out);

static void do_include(actx *c, const tok *l, size_t n, tokvec *out)
{
    ppstate *pp = pp_state(c);
    const char *from = l[0].pos.file;
    char name[512];
    if (n >= 3 && l[2].k == TK_STR) {
        snprintf(name, sizeof name, "%s", l[2].s);
    } else if (n >= 4 && tok_is(&l[2], "<")) {
        name[0] = 0;
        for (size_t i = 3; i < n && !tok_is(&l[i], ">"); i++)
            strncat(name, l[i].s ? l[i].s : "", sizeof name - strlen(name) - 1);
    } else {
        asm_error(c, l[0].pos, "#include: expected \"file\"");
        return;
    }
    char *path;
    errno = 0;
    char *text = find_include(c, from, name, &path);
    if (!text && errno == EFBIG) {   /* found, but over the input limit */
        asm_error(c, l[0].pos, "#include: \"%s\" is %s", name, read_file_error(EFBIG));
        return;
    }
    if (!text) {
        asm_error(c, l[0].pos, "#include: cannot find \"%s\"", name);
        return;
    }
    const char *ipath = asm_intern(c, path);
    free(path);
    bool loop = false;
    for (int i = 0; i < pp->ninc; i++)
        loop |= strcmp(pp->incstack[i], ipath) == 0;
    if (loop || pp->ninc >= (int)(sizeof pp->incstack / sizeof pp->incstack[0])) {
        asm_error(c, l[0].pos, "recursive #include of \"%s\"", name);
    } else {
        process(c, ipath, text, out);
    }
    free(text);
}

/* Returns true if the directive was a conditional (handled here). */
static bool do_cond(actx *c, const tok *l, size_t n, cond **cs, size_t *ncs, size_t *ccap)
{
    const char *d = l[1].s;
    bool active = *ncs == 0 || ((*cs)[*ncs - 1].outer && (*cs)[*ncs - 1].taking);
    if (strcmp(d, "ifdef") == 0 || strcmp(d, "ifndef") == 0) {
        bool def = false;
        if (n < 3 || l[2].k != TK_IDENT)
            asm_error(c, l[0].pos, "#%s: missing macro name", d);
        else
            def = find_macro(pp_state(c), l[2].s) != NULL;
        *cs = grow(*cs, ccap, *ncs + 1, sizeof **cs);
        (*cs)[(*ncs)++] = (cond){active, d[2] == 'd' ? def : !def, false, l[0].pos};
    } else if (strcmp(d, "else") == 0) {
        if (*ncs == 0 || (*cs)[*ncs - 1].seen_else) {
            asm_error(c, l[0].pos, "#else without #ifdef");
        } else {
            (*cs)[*ncs - 1].taking = !(*cs)[*ncs - 1].taking;
            (*cs)[*ncs - 1].seen_else = true;
        }
    } else if (strcmp(d, "endif") == 0) {
        if (*ncs == 0)
            asm_error(c, l[0].pos, "#endif without #ifdef");
        else
            (*ncs)--;
    } else {
        return false;
    }
    return true;
}

static void directive(actx *c, const tok *l, size_t n, bool active, tokvec *out)
{
    if (n < 2 || l[1].k != TK_IDENT) {
        if (active)
            asm_error(c, l[0].pos, "malformed preprocessor directive");
        return;
    }
    if (!active)
        return;
    const char *d = l[1].s;
    if (strcmp(d, "define") == 0)
        do_define(c, l, n);
    else if (strcmp(d, "undef") == 0)
        do_undef(c, l, n);
    else if (strcmp(d, "include") == 0)
        do_include(c, l, n, out);
    else if (strcmp(d, "if") == 0 || strcmp(d, "elif") == 0)
        asm_error(c, l[0].pos, "#%s is not supported (use #ifdef)", d);
    else
        asm_error(c, l[0].pos, "unknown directive #%s", d);
}

static void process(actx *c, const char *file, const char *text, tokvec *out)
{
    ppstate *pp = pp_state(c);
    tokvec toks = {0};
    lex_text(c, file, text, &toks);
    pp->incstack[pp->ninc++] = file;
    cond *cs = NULL;
    size_t ncs = 0, ccap = 0;
    size_t i = 0;
    while (i < toks.n && toks.t[i].k != TK_EOF) {
        size_t s = i;
        while (toks.t[i].k != TK_EOL && toks.t[i].k != TK_EOF)
            i++;
        const tok *l = &toks.t[s];
        size_t n = i - s;
        bool active = ncs == 0 || (cs[ncs - 1].outer && cs[ncs - 1].taking);
        if (n > 0 && tok_is(&l[0], "#")) {
            if (!(n >= 2 && l[1].k == TK_IDENT && do_cond(c, l, n, &cs, &ncs, &ccap)))
                directive(c, l, n, active, out);
        } else if (active && n > 0) {
            expand(c, l, n, out, NULL, NULL);
        }
        if (active || n == 0) {
            tok eol = {.k = TK_EOL, .pos = toks.t[i].pos};
            tokvec_push(out, eol);
        }
        if (toks.t[i].k == TK_EOL)
            i++;
    }
    for (size_t k = 0; k < ncs; k++)
        asm_error(c, cs[k].pos, "unterminated #ifdef/#ifndef (missing #endif)");
    free(cs);
    pp->ninc--;
    tokvec_free(&toks);
}

void pp_run(actx *c, const char *file, const char *text, tokvec *out)
{
    /* What the go command passes to the assembler for linux/amd64. */
    tokvec pre = {0};
    process(c, asm_intern(c, "<predefined>"),
            "#define GOOS_linux 1\n#define GOARCH_amd64 1\n#define GOAMD64_v1 1\n", &pre);
    tokvec_free(&pre);
    process(c, asm_intern(c, file), text, out);
    tok eof = {.k = TK_EOF};
    if (out->n)
        eof.pos = out->t[out->n - 1].pos;
    tokvec_push(out, eof);
}
