/* The run configuration: defaults, the YAML schema (docs/config.md) and its
 * checks.  sim/config_yaml.c turns the text into a cnode tree; this file walks
 * the tree, stopping at the first problem, which is reported as one line
 * "path:line:col: message". */
#include "sim/config.h"
#include "cpu/readfile.h"
#include "sim/config_internal.h"
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_SIZE 0x1000ULL
#define USER_TOP 0x800000000000ULL   /* end of the canonical user address space */
#define IMAGE_TOP 0x10000000ULL      /* the program image lives below this */
#define BUILTIN_PATH "<built-in>"

/* ---- small helpers ---------------------------------------------------- */

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("sim: out of memory\n", stderr);
        abort();
    }
    return p;
}

static char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

static char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

static void free_strv(char **v, int n)
{
    for (int i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

static char **strv(const char *const *src, int n)
{
    char **v = xmalloc((size_t)n * sizeof *v);
    for (int i = 0; i < n; i++)
        v[i] = xstrdup(src[i]);
    return v;
}

/* `name:` default: the base name of PATH without .yaml / .yml. */
static char *name_from_path(const char *path)
{
    if (strcmp(path, BUILTIN_PATH) == 0)
        return xstrdup("boot");
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    size_t n = strlen(b);
    if (n > 5 && strcmp(b + n - 5, ".yaml") == 0)
        n -= 5;
    else if (n > 4 && strcmp(b + n - 4, ".yml") == 0)
        n -= 4;
    return xstrndup(b, n);
}

/* ---- public API: defaults and free ------------------------------------ */

void config_defaults(sim_config *cfg)
{
    static const char *const argv[] = {"hello"};
    static const char *const env[] = {"HOME=/home/gopher", "PATH=/usr/bin:/bin"};
    memset(cfg, 0, sizeof *cfg);
    cfg->path = xstrdup(BUILTIN_PATH);
    cfg->name = xstrdup("boot");
    cfg->sources = NULL;
    cfg->source_pos = NULL;
    cfg->nsources = 0;
    cfg->entry = xstrdup("_rt0_amd64");
    cfg->argv = strv(argv, 1);
    cfg->argc = 1;
    cfg->env = strv(env, 2);
    cfg->nenv = 2;
    cfg->ncpu = 2;
    for (int i = 0; i < 16; i++)
        cfg->at_random[i] = (uint8_t)i;
    cfg->stack_top = 0x7ffffffff000ULL;
    cfg->stack_size = 0x40000ULL;
    cfg->heap_base = 0xc000000000ULL;
    cfg->heap_size = 0x4000000ULL;
    cfg->trace_path = NULL;
    cfg->format = TRACE_TEXT;
    cfg->sched = SCHED_ON_CHANGE;
    cfg->max_instructions = 100000000ULL;
    cfg->quantum = 20000;
    cfg->schedule_seed = 0;
    cfg->max_threads = 1000;
    cfg->max_memory = 64ULL << 30;
}

void config_set_process(sim_config *cfg, const char *const *argv, int argc,
                        const char *const *env, int nenv)
{
    free_strv(cfg->argv, cfg->argc);
    free_strv(cfg->env, cfg->nenv);
    cfg->argv = strv(argv, argc);
    cfg->argc = argc;
    cfg->env = strv(env, nenv);
    cfg->nenv = nenv;
    cfg->argv_pos = cfg->env_pos = (config_pos){0, 0};
}

void config_free(sim_config *cfg)
{
    if (!cfg)
        return;
    free(cfg->path);
    free(cfg->name);
    free_strv(cfg->sources, cfg->nsources);
    free(cfg->source_pos);
    free(cfg->entry);
    free_strv(cfg->argv, cfg->argc);
    free_strv(cfg->env, cfg->nenv);
    free(cfg->trace_path);
    free(cfg->elf);
    free(cfg->stdin_path);
    free(cfg->sched_at);
    free_strv(cfg->files, cfg->nfiles);
    memset(cfg, 0, sizeof *cfg);
}

/* ---- schema ------------------------------------------------------------ */

enum { MEM_STACK_TOP, MEM_STACK_SIZE, MEM_HEAP_BASE, MEM_HEAP_SIZE, MEM_NKEYS };

typedef struct {
    cfg_err_ctx ctx;
    sim_config *cfg;
    config_pos mem_key[MEM_NKEYS];   /* where memory keys were written (0: default) */
} pstate;

struct keydef;
typedef int (*key_fn)(pstate *st, const char *path, const struct keydef *def,
                      const cnode *key, const cnode *val);

typedef struct keydef {
    const char *name;
    key_fn fn;                     /* a value key ... */
    const struct keydef *sub;      /* ... or a section (mapping) of keys */
    const void *spec;              /* handler-specific */
} keydef;

typedef struct {
    uint64_t min, max;       /* inclusive range; BELOW: max is an exclusive bound */
    bool below, page, hex;
    int mem;                 /* MEM_* index or -1 */
    size_t off;              /* field in sim_config */
    bool is_int;             /* field is an int (else uint64_t) */
} intspec;

typedef struct {
    const char *const *names;   /* NULL-terminated */
    size_t off;                 /* int-sized enum field in sim_config */
} enumspec;

/* What a node is, for "got ..." in messages. */
static const char *describe(const cnode *n, char *buf, size_t size)
{
    if (n->kind == CN_SEQ)
        return "a list";
    if (n->kind == CN_MAP)
        return "a mapping";
    if (cnode_is_null(n))
        return "null";
    return cfg_quote(buf, size, n->text, n->len);
}

/* Keys and enum values are compared for suggestions ignoring case and
 * treating '-' and '_' alike. */
static int canon(int c)
{
    c = tolower((unsigned char)c);
    return c == '-' ? '_' : c;
}

/* Optimal-string-alignment edit distance (a transposition counts as one). */
static int edit_distance(const char *a, size_t la, const char *b)
{
    size_t lb = strlen(b);
    if (la > 64 || lb > 64)
        return 99;
    int d[65][65];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            int cost = canon(a[i - 1]) != canon(b[j - 1]);
            int v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < v)
                v = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && canon(a[i - 1]) == canon(b[j - 2]) &&
                canon(a[i - 2]) == canon(b[j - 1]) && d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    return d[la][lb];
}

/* The closest candidate within reach of WORD, or NULL. */
static const char *closest(const char *word, size_t len, const char *const *cands, int ncands)
{
    const char *best = NULL;
    int bestd = 99;
    for (int i = 0; i < ncands; i++) {
        int limit = strlen(cands[i]) <= 4 ? 1 : 2;
        int d = edit_distance(word, len, cands[i]);
        if (d <= limit && d < bestd) {
            best = cands[i];
            bestd = d;
        }
    }
    return best;
}

static int handle_string(pstate *, const char *, const keydef *, const cnode *, const cnode *);
static int handle_sources(pstate *, const char *, const keydef *, const cnode *, const cnode *);
static int handle_argv(pstate *, const char *, const keydef *, const cnode *, const cnode *);
static int handle_env(pstate *, const char *, const keydef *, const cnode *, const cnode *);
static int handle_int(pstate *, const char *, const keydef *, const cnode *, const cnode *);
static int handle_at_random(pstate *, const char *, const keydef *, const cnode *, const cnode *);
static int handle_trace_path(pstate *, const char *, const keydef *, const cnode *, const cnode *);
static int handle_enum(pstate *, const char *, const keydef *, const cnode *, const cnode *);
static int handle_files(pstate *, const char *, const keydef *, const cnode *, const cnode *);

static const intspec spec_ncpu = {1, 1024, false, false, false, -1,
                                  offsetof(sim_config, ncpu), true};
static const intspec spec_stack_top = {0, USER_TOP, true, true, true, MEM_STACK_TOP,
                                       offsetof(sim_config, stack_top), false};
static const intspec spec_stack_size = {0x20000, 0x10000000, false, true, true, MEM_STACK_SIZE,
                                        offsetof(sim_config, stack_size), false};
static const intspec spec_heap_base = {0, USER_TOP, true, true, true, MEM_HEAP_BASE,
                                       offsetof(sim_config, heap_base), false};
static const intspec spec_heap_size = {0x10000, 0x100000000ULL, false, true, true, MEM_HEAP_SIZE,
                                       offsetof(sim_config, heap_size), false};
static const intspec spec_max_insns = {1, 1000000000000ULL, false, false, false, -1,
                                       offsetof(sim_config, max_instructions), false};
static const intspec spec_quantum = {1, 1000000000ULL, false, false, false, -1,
                                     offsetof(sim_config, quantum), false};
static const intspec spec_seed = {0, UINT64_MAX, false, false, false, -1,
                                  offsetof(sim_config, schedule_seed), false};
static const intspec spec_max_threads = {1, 100000, false, false, false, -1,
                                         offsetof(sim_config, max_threads), true};
static const intspec spec_max_memory = {1 << 20, 1ULL << 46, false, true, false, -1,
                                        offsetof(sim_config, max_memory), false};

static const char *const format_names[] = {"text", "jsonl", NULL};     /* trace_format order */
static const char *const sched_names[] = {"on-change", "every-call", "never", NULL};
static const enumspec spec_format = {format_names, offsetof(sim_config, format)};
static const enumspec spec_sched = {sched_names, offsetof(sim_config, sched)};

static const keydef program_keys[] = {
    {"sources", handle_sources, NULL, NULL},
    {"entry", handle_string, NULL, NULL},
    {"elf", handle_string, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};
static const keydef process_keys[] = {
    {"argv", handle_argv, NULL, NULL},
    {"env", handle_env, NULL, NULL},
    {"ncpu", handle_int, NULL, &spec_ncpu},
    {"at_random", handle_at_random, NULL, NULL},
    {"quantum", handle_int, NULL, &spec_quantum},
    {"schedule_seed", handle_int, NULL, &spec_seed},
    {"max_threads", handle_int, NULL, &spec_max_threads},
    {"stdin", handle_string, NULL, NULL},
    {"files", handle_files, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};
static const keydef memory_keys[] = {
    {"stack_top", handle_int, NULL, &spec_stack_top},
    {"stack_size", handle_int, NULL, &spec_stack_size},
    {"heap_base", handle_int, NULL, &spec_heap_base},
    {"heap_size", handle_int, NULL, &spec_heap_size},
    {NULL, NULL, NULL, NULL},
};
static const keydef trace_keys[] = {
    {"path", handle_trace_path, NULL, NULL},
    {"format", handle_enum, NULL, &spec_format},
    {"sched", handle_enum, NULL, &spec_sched},
    {"sched_at", handle_string, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};
static const keydef limits_keys[] = {
    {"max_instructions", handle_int, NULL, &spec_max_insns},
    {"max_memory", handle_int, NULL, &spec_max_memory},
    {NULL, NULL, NULL, NULL},
};
static const keydef top_keys[] = {
    {"name", handle_string, NULL, NULL},
    {"program", NULL, program_keys, NULL},
    {"process", NULL, process_keys, NULL},
    {"memory", NULL, memory_keys, NULL},
    {"trace", NULL, trace_keys, NULL},
    {"limits", NULL, limits_keys, NULL},
    {NULL, NULL, NULL, NULL},
};

static int error_at(pstate *st, const cnode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int error_at(pstate *st, const cnode *n, const char *fmt, ...)
{
    char msg[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return cfg_error(&st->ctx, n->line, n->col, "%s", msg);
}

static bool key_is(const cnode *key, const char *name)
{
    return key->len == strlen(name) && memcmp(key->text, name, key->len) == 0;
}

/* A key written at the wrong level, e.g. `ncpu:` at the top: its full path
 * when its name is (nearly exactly) a key somewhere else. */
static bool find_elsewhere(const cnode *key, const keydef *here, char *out, size_t size)
{
    for (const keydef *t = top_keys; t->name; t++) {
        if (here != top_keys && edit_distance(key->text, key->len, t->name) == 0) {
            snprintf(out, size, "%s", t->name);
            return true;
        }
        if (!t->sub || t->sub == here)
            continue;
        for (const keydef *k = t->sub; k->name; k++)
            if (edit_distance(key->text, key->len, k->name) == 0) {
                snprintf(out, size, "%s.%s", t->name, k->name);
                return true;
            }
    }
    return false;
}

static int unknown_key(pstate *st, const char *where, const keydef *defs, const cnode *key)
{
    const char *cands[16];
    int n = 0;
    for (const keydef *d = defs; d->name && n < 16; d++)
        cands[n++] = d->name;
    char q[160], other[64];
    cfg_quote(q, sizeof q, key->text, key->len);
    const char *in = where[0] ? where : "config";
    const char *near = closest(key->text, key->len, cands, n);
    if (near)
        return error_at(st, key, "unknown key %s in %s; did you mean \"%s\"?", q, in, near);
    if (find_elsewhere(key, defs, other, sizeof other))
        return error_at(st, key, "unknown key %s in %s; did you mean \"%s\"?", q, in, other);
    char list[256] = "";
    for (int i = 0; i < n; i++) {
        strncat(list, i ? ", " : "", sizeof list - strlen(list) - 1);
        strncat(list, cands[i], sizeof list - strlen(list) - 1);
    }
    return error_at(st, key, "unknown key %s in %s (known keys: %s)", q, in, list);
}

static int walk_map(pstate *st, const cnode *map, const char *where, const keydef *defs)
{
    for (int i = 0; i + 1 < map->nkids; i += 2) {
        const cnode *key = map->kids[i], *val = map->kids[i + 1];
        const char *in = where[0] ? where : "config";
        char buf[160];
        if (key->kind != CN_SCALAR)
            return error_at(st, key, "expected a string key in %s, got %s", in,
                            describe(key, buf, sizeof buf));
        for (int j = 0; j < i; j += 2) {
            const cnode *prev = map->kids[j];
            if (prev->kind == CN_SCALAR && prev->len == key->len &&
                memcmp(prev->text, key->text, key->len) == 0)
                return error_at(st, key, "duplicate key %s in %s (first given at line %d, column %d)",
                                cfg_quote(buf, sizeof buf, key->text, key->len), in,
                                prev->line, prev->col);
        }
        const keydef *d = defs;
        while (d->name && !key_is(key, d->name))
            d++;
        if (!d->name)
            return unknown_key(st, where, defs, key);
        char path[96];
        snprintf(path, sizeof path, "%s%s%s", where, where[0] ? "." : "", d->name);
        int rc;
        if (d->sub) {
            if (cnode_is_null(val))
                continue;              /* `process:` with nothing under it */
            if (val->kind != CN_MAP)
                return error_at(st, val, "expected a mapping for %s, got %s", path,
                                describe(val, buf, sizeof buf));
            rc = walk_map(st, val, path, d->sub);
        } else {
            rc = d->fn(st, path, d, key, val);
        }
        if (rc < 0)
            return rc;
    }
    return 0;
}

/* ---- value handlers ---------------------------------------------------- */

/* A string value; NULL in *OUT for null when ALLOW_NULL. */
static int get_string(pstate *st, const char *path, const cnode *val, bool allow_null,
                      bool allow_empty, char **out)
{
    char buf[160];
    if (val->kind != CN_SCALAR || (cnode_is_null(val) && !allow_null))
        return error_at(st, val, "expected a string for %s, got %s", path,
                        describe(val, buf, sizeof buf));
    if (cnode_is_null(val)) {
        *out = NULL;
        return 0;
    }
    if (memchr(val->text, 0, val->len))
        return error_at(st, val, "%s must not contain a NUL character", path);
    if (val->len == 0 && !allow_empty)
        return error_at(st, val, "%s must not be empty", path);
    *out = xstrndup(val->text, val->len);
    return 0;
}

static int handle_string(pstate *st, const char *path, const keydef *def, const cnode *key,
                         const cnode *val)
{
    (void)key;
    char *s;
    if (get_string(st, path, val, false, false, &s) < 0)
        return -1;
    char **field = strcmp(def->name, "name") == 0    ? &st->cfg->name
                   : strcmp(def->name, "elf") == 0   ? &st->cfg->elf
                   : strcmp(def->name, "stdin") == 0 ? &st->cfg->stdin_path
                   : strcmp(def->name, "sched_at") == 0 ? &st->cfg->sched_at
                                                     : &st->cfg->entry;
    free(*field);
    *field = s;
    if (field == &st->cfg->elf)
        st->cfg->elf_pos = (config_pos){val->line, val->col};
    if (field == &st->cfg->entry)
        st->cfg->entry_pos = (config_pos){val->line, val->col};
    if (field == &st->cfg->sched_at)
        st->cfg->sched_at_pos = (config_pos){val->line, val->col};
    return 0;
}

static int handle_trace_path(pstate *st, const char *path, const keydef *def, const cnode *key,
                             const cnode *val)
{
    (void)def, (void)key;
    char *s;
    if (val->kind == CN_SCALAR && !cnode_is_null(val) && val->len == 0)
        return error_at(st, val, "%s must not be empty (use null for no trace file)", path);
    if (get_string(st, path, val, true, false, &s) < 0)
        return -1;
    free(st->cfg->trace_path);
    st->cfg->trace_path = s;
    return 0;
}

typedef int (*item_check)(pstate *st, const char *path, const cnode *item, const char *s);

/* A list of strings, each checked by CHECK; at least MIN items. */
static int get_list(pstate *st, const char *path, const cnode *val, int min, bool allow_empty,
                    item_check check, char ***out, int *count, config_pos **pos)
{
    char buf[160];
    if (val->kind != CN_SEQ)
        return error_at(st, val, "expected a list for %s, got %s", path,
                        describe(val, buf, sizeof buf));
    if (val->nkids < min)
        return error_at(st, val, "%s must have at least %d entr%s", path, min,
                        min == 1 ? "y" : "ies");
    int n = val->nkids;
    char **v = xmalloc((size_t)n * sizeof *v);
    for (int i = 0; i < n; i++) {
        char ipath[112];
        snprintf(ipath, sizeof ipath, "%s[%d]", path, i);
        if (get_string(st, ipath, val->kids[i], false, allow_empty, &v[i]) < 0) {
            free_strv(v, i);
            return -1;
        }
        if (check && check(st, ipath, val->kids[i], v[i]) < 0) {
            free_strv(v, i + 1);
            return -1;
        }
    }
    *out = v;
    *count = n;
    if (pos) {
        *pos = xmalloc((size_t)n * sizeof **pos);
        for (int i = 0; i < n; i++)
            (*pos)[i] = (config_pos){val->kids[i]->line, val->kids[i]->col};
    }
    return 0;
}

static int handle_sources(pstate *st, const char *path, const keydef *def, const cnode *key,
                          const cnode *val)
{
    (void)def, (void)key;
    char **v;
    int n;
    config_pos *pos;
    if (cnode_is_null(val))
        n = 0, v = NULL, pos = NULL;     /* `sources:` with nothing: no sources */
    else if (get_list(st, path, val, 0, false, NULL, &v, &n, &pos) < 0)
        return -1;
    sim_config *c = st->cfg;
    free_strv(c->sources, c->nsources);
    free(c->source_pos);
    c->sources = v;
    c->nsources = n;
    c->source_pos = pos;
    return 0;
}

static int handle_files(pstate *st, const char *path, const keydef *def, const cnode *key,
                        const cnode *val)
{
    (void)def, (void)key;
    char **v;
    int n;
    if (get_list(st, path, val, 0, false, NULL, &v, &n, NULL) < 0)
        return -1;
    for (int i = 0; i < n; i++)
        if (v[i][0] != '/') {
            free_strv(v, n);
            return error_at(st, val->kids[i], "%s[%d] must be an absolute path", path, i);
        }
    free_strv(st->cfg->files, st->cfg->nfiles);
    st->cfg->files = v;
    st->cfg->nfiles = n;
    return 0;
}

static int handle_argv(pstate *st, const char *path, const keydef *def, const cnode *key,
                       const cnode *val)
{
    (void)def, (void)key;
    char **v;
    int n;
    if (get_list(st, path, val, 1, true, NULL, &v, &n, NULL) < 0)
        return -1;
    free_strv(st->cfg->argv, st->cfg->argc);
    st->cfg->argv = v;
    st->cfg->argc = n;
    st->cfg->argv_pos = (config_pos){val->line, val->col};
    return 0;
}

static int check_env(pstate *st, const char *path, const cnode *item, const char *s)
{
    const char *eq = strchr(s, '=');
    if (!eq || eq == s) {
        char buf[160];
        error_at(st, item, "%s must have the form NAME=value, got %s", path,
                 cfg_quote(buf, sizeof buf, item->text, item->len));
        return -1;
    }
    return 0;
}

static int handle_env(pstate *st, const char *path, const keydef *def, const cnode *key,
                      const cnode *val)
{
    (void)def, (void)key;
    char **v;
    int n;
    if (get_list(st, path, val, 0, false, check_env, &v, &n, NULL) < 0)
        return -1;
    free_strv(st->cfg->env, st->cfg->nenv);
    st->cfg->env = v;
    st->cfg->nenv = n;
    st->cfg->env_pos = (config_pos){val->line, val->col};
    return 0;
}

enum { INT_OK, INT_BAD, INT_NEGATIVE, INT_TOO_BIG };

/* YAML integer syntax we accept: [+-] then decimal digits or 0x hex digits,
 * with single '_' allowed between digits. */
static int parse_int(const char *s, size_t len, uint64_t *out)
{
    size_t i = 0;
    bool neg = false, big = false, prev_us = false;
    unsigned base = 10, digits = 0;
    uint64_t v = 0;
    if (i < len && (s[i] == '+' || s[i] == '-'))
        neg = s[i++] == '-';
    if (i + 1 < len && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X'))
        base = 16, i += 2;
    for (; i < len; i++) {
        int c = (unsigned char)s[i];
        unsigned d;
        if (c == '_') {
            if (!digits || prev_us)
                return INT_BAD;
            prev_us = true;
            continue;
        }
        if (c >= '0' && c <= '9')
            d = (unsigned)(c - '0');
        else if (base == 16 && isxdigit(c))
            d = (unsigned)(tolower(c) - 'a' + 10);
        else
            return INT_BAD;
        prev_us = false;
        digits++;
        if (v > (UINT64_MAX - d) / base)
            big = true;
        else
            v = v * base + d;
    }
    if (!digits || prev_us)
        return INT_BAD;
    if (neg && (v || big))
        return INT_NEGATIVE;
    if (big)
        return INT_TOO_BIG;
    *out = v;
    return INT_OK;
}

static const char *fmt_num(char *buf, size_t size, uint64_t v, bool hex)
{
    snprintf(buf, size, hex ? "0x%" PRIx64 : "%" PRIu64, v);
    return buf;
}

static int handle_int(pstate *st, const char *path, const keydef *def, const cnode *key,
                      const cnode *val)
{
    const intspec *sp = def->spec;
    char buf[160], lo[32], hi[32];
    uint64_t v = 0;
    if (val->kind != CN_SCALAR || cnode_is_null(val))
        return error_at(st, val, "expected an integer for %s, got %s", path,
                        describe(val, buf, sizeof buf));
    if (!val->plain)
        return error_at(st, val, "expected an integer for %s, got the string %s", path,
                        describe(val, buf, sizeof buf));
    int r = parse_int(val->text, val->len, &v);
    if (r == INT_BAD)
        return error_at(st, val, "expected an integer for %s, got %s", path,
                        describe(val, buf, sizeof buf));
    bool in_range = r == INT_OK && v >= sp->min && (sp->below ? v < sp->max : v <= sp->max);
    if (!in_range) {
        if (sp->below && sp->min == 0)
            return error_at(st, val, "%s must be below %s, got %.*s", path,
                            fmt_num(hi, sizeof hi, sp->max, sp->hex), (int)val->len, val->text);
        return error_at(st, val, "%s must be between %s and %s, got %.*s", path,
                        fmt_num(lo, sizeof lo, sp->min, sp->hex),
                        fmt_num(hi, sizeof hi, sp->max, sp->hex), (int)val->len, val->text);
    }
    if (sp->page && v % PAGE_SIZE)
        return error_at(st, val, "%s must be page-aligned (a multiple of 0x1000), got %.*s", path,
                        (int)val->len, val->text);
    char *field = (char *)st->cfg + sp->off;
    if (sp->is_int) {
        int iv = (int)v;
        memcpy(field, &iv, sizeof iv);
    } else {
        memcpy(field, &v, sizeof v);
    }
    if (sp->mem >= 0)
        st->mem_key[sp->mem] = (config_pos){key->line, key->col};
    if (sp == &spec_max_insns)
        st->cfg->max_instructions_given = true;
    return 0;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = tolower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static int handle_at_random(pstate *st, const char *path, const keydef *def, const cnode *key,
                            const cnode *val)
{
    (void)def, (void)key;
    char buf[160];
    bool ok = val->kind == CN_SCALAR && !cnode_is_null(val) && val->len == 32;
    for (size_t i = 0; ok && i < 32; i++)
        ok = hexval((unsigned char)val->text[i]) >= 0;
    if (!ok)
        return error_at(st, val, "%s must be exactly 32 hex digits (16 bytes), got %s", path,
                        describe(val, buf, sizeof buf));
    for (int i = 0; i < 16; i++)
        st->cfg->at_random[i] = (uint8_t)(hexval((unsigned char)val->text[2 * i]) << 4 |
                                          hexval((unsigned char)val->text[2 * i + 1]));
    return 0;
}

static int handle_enum(pstate *st, const char *path, const keydef *def, const cnode *key,
                       const cnode *val)
{
    (void)key;
    const enumspec *sp = def->spec;
    char buf[160], choices[128] = "";
    int n = 0;
    if (val->kind == CN_SCALAR && !cnode_is_null(val))
        for (; sp->names[n]; n++)
            if (val->len == strlen(sp->names[n]) && memcmp(val->text, sp->names[n], val->len) == 0) {
                memcpy((char *)st->cfg + sp->off, &n, sizeof n);
                return 0;
            }
    n = 0;
    while (sp->names[n])
        n++;
    for (int i = 0; i < n; i++) {
        size_t l = strlen(choices);
        snprintf(choices + l, sizeof choices - l, "%s\"%s\"", i == 0 ? "" : i == n - 1 ? " or " : ", ",
                 sp->names[i]);
    }
    const char *near = val->kind == CN_SCALAR ? closest(val->text, val->len, sp->names, n) : NULL;
    if (near)
        return error_at(st, val, "%s must be %s, got %s; did you mean \"%s\"?", path, choices,
                        describe(val, buf, sizeof buf), near);
    return error_at(st, val, "%s must be %s, got %s", path, choices,
                    describe(val, buf, sizeof buf));
}

/* ---- checks across keys ------------------------------------------------ */

/* The latest-written of the memory keys in MASK (1 << MEM_*), for messages
 * about combinations: the problem shows once that key is read. */
static config_pos later_key(const pstate *st, unsigned mask)
{
    config_pos best = {0, 0};
    for (int i = 0; i < MEM_NKEYS; i++) {
        config_pos p = st->mem_key[i];
        if (!(mask & (1u << i)) || p.line == 0)
            continue;
        if (p.line > best.line || (p.line == best.line && p.col > best.col))
            best = p;
    }
    if (best.line == 0)
        best = (config_pos){1, 1};
    return best;
}

#define BIT(k) (1u << (k))

static int check_memory(pstate *st)
{
    const sim_config *c = st->cfg;
    config_pos p;
    if (c->stack_size > c->stack_top || c->stack_top - c->stack_size < IMAGE_TOP) {
        p = later_key(st, BIT(MEM_STACK_TOP) | BIT(MEM_STACK_SIZE));
        if (c->stack_size > c->stack_top)
            return cfg_error(&st->ctx, p.line, p.col,
                             "memory.stack_size (0x%" PRIx64 ") is larger than memory.stack_top "
                             "(0x%" PRIx64 ")", c->stack_size, c->stack_top);
        return cfg_error(&st->ctx, p.line, p.col,
                         "the stack [0x%" PRIx64 ", 0x%" PRIx64 ") must lie at or above 0x%llx, "
                         "where the program image ends",
                         c->stack_top - c->stack_size, c->stack_top, IMAGE_TOP);
    }
    if (c->heap_base < IMAGE_TOP) {
        p = later_key(st, BIT(MEM_HEAP_BASE));
        return cfg_error(&st->ctx, p.line, p.col,
                         "the heap [0x%" PRIx64 ", 0x%" PRIx64 ") must lie at or above 0x%llx, "
                         "where the program image ends",
                         c->heap_base, c->heap_base + c->heap_size, IMAGE_TOP);
    }
    if (c->heap_base + c->heap_size > USER_TOP) {
        p = later_key(st, BIT(MEM_HEAP_BASE) | BIT(MEM_HEAP_SIZE));
        return cfg_error(&st->ctx, p.line, p.col,
                         "the heap [0x%" PRIx64 ", 0x%" PRIx64 ") must end at or below 0x%llx",
                         c->heap_base, c->heap_base + c->heap_size, USER_TOP);
    }
    uint64_t sb = c->stack_top - c->stack_size, he = c->heap_base + c->heap_size;
    if (sb < he && c->heap_base < c->stack_top) {
        p = later_key(st, BIT(MEM_STACK_TOP) | BIT(MEM_STACK_SIZE) | BIT(MEM_HEAP_BASE) |
                              BIT(MEM_HEAP_SIZE));
        return cfg_error(&st->ctx, p.line, p.col,
                         "the stack [0x%" PRIx64 ", 0x%" PRIx64 ") overlaps the heap [0x%" PRIx64
                         ", 0x%" PRIx64 ")", sb, c->stack_top, c->heap_base, he);
    }
    return 0;
}

/* ---- public API: parse and load --------------------------------------- */

static void reset(sim_config *cfg, const char *path)
{
    config_defaults(cfg);
    free(cfg->path);
    free(cfg->name);
    cfg->path = xstrdup(path);
    cfg->name = name_from_path(path);
}

static int parse_text(const char *path, const char *text, size_t len, sim_config *cfg, FILE *err)
{
    pstate st = {.ctx = {.path = path, .err = err}, .cfg = cfg};
    cnode *root = NULL;
    int rc = cnode_load(&st.ctx, text, len, &root);
    if (rc == 0 && root) {
        char buf[160];
        if (root->kind != CN_MAP)
            rc = error_at(&st, root, "the config must be a mapping of keys to values, got %s",
                          describe(root, buf, sizeof buf));
        else
            rc = walk_map(&st, root, "", top_keys);
    }
    if (rc == 0)
        rc = check_memory(&st);
    cnode_free(root);
    if (rc == 0)
        return 0;
    config_free(cfg);
    reset(cfg, path);
    return 2;
}

int config_parse(const char *path, const char *text, sim_config *cfg, FILE *err)
{
    if (!path)
        path = "<config>";
    reset(cfg, path);
    return parse_text(path, text ? text : "", text ? strlen(text) : 0, cfg, err);
}

int config_load(const char *path, sim_config *cfg, FILE *err)
{
    reset(cfg, path);
    size_t len = 0;
    char *buf = read_whole_file(path, &len);
    if (!buf) {
        if (err)
            fprintf(err, "%s: cannot read: %s\n", path, read_file_error(errno));
        return 2;
    }
    int rc = parse_text(path, buf, len, cfg, err);
    free(buf);
    return rc;
}
