/* Address -> Go object and field: see addr_name.h. */
#include "runtime_model/addr_name.h"
#include "runtime_model/sched_view.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How an object's name is made at lookup time. */
typedef enum { N_OBJ, N_M, N_M_G0, N_M_GSIGNAL, N_ALLGS, N_ALLP } name_how;

typedef struct {
    uint64_t base;
    uint32_t size;
    go_type_id type;
    name_how how;
    uint64_t m;          /* N_M_G0, N_M_GSIGNAL: the M owning it */
} obj_entry;

struct go_namer {
    machine *mc;
    obj_entry *objs;
    size_t n, cap;
    uint64_t key[6];     /* what the index was built from */
    obj_entry arr;       /* in_array's answer */
    bool built;
};

go_namer *go_namer_new(machine *mc)
{
    go_namer *n = calloc(1, sizeof *n);
    if (n)
        n->mc = mc;
    return n;
}

void go_namer_free(go_namer *n)
{
    if (n)
        free(n->objs);
    free(n);
}

static uint64_t word(machine *mc, uint64_t addr)
{
    return addr ? rd_var(mc, addr, 8) : 0;
}

/* The roots the index depends on: when none changed, neither did it. */
static void read_key(go_namer *n, uint64_t key[6])
{
    machine *mc = n->mc;
    key[0] = word(mc, mc->allgs);
    key[1] = mc->allgs ? word(mc, mc->allgs + 8) : 0;
    key[2] = word(mc, mc->allp);
    key[3] = mc->allp ? word(mc, mc->allp + 8) : 0;
    key[4] = word(mc, mc->allm);
    key[5] = mc->m0 && go_has(F_m_gsignal) ? rd(mc, mc->m0, F_m_gsignal) : 0;
}

static void add_sized(go_namer *n, uint64_t base, uint32_t size, go_type_id type, name_how how,
                      uint64_t m)
{
    if (!base || !size)
        return;
    if (n->n == n->cap) {
        size_t cap = n->cap ? 2 * n->cap : 64;
        obj_entry *o = realloc(n->objs, cap * sizeof *o);
        if (!o)
            return;
        n->objs = o, n->cap = cap;
    }
    n->objs[n->n++] = (obj_entry){base, size, type, how, m};
}

static void add(go_namer *n, uint64_t base, go_type_id type, name_how how, uint64_t m)
{
    add_sized(n, base, go_size(type), type, how, m);
}

static int by_base(const void *a, const void *b)
{
    const obj_entry *x = a, *y = b;
    if (x->base != y->base)
        return x->base < y->base ? -1 : 1;
    return (int)x->how - (int)y->how;   /* the plainer name first: g0 before m0.g0 */
}

static void build(go_namer *n)
{
    machine *mc = n->mc;
    n->n = 0;
    add(n, mc->g0, T_g, N_OBJ, 0);
    add(n, mc->m0, T_m, N_M, 0);
    add(n, mc->sched, T_schedt, N_OBJ, 0);
    add(n, n->key[5], T_g, N_OBJ, 0);   /* m0.gsignal */
    for (int i = 0; mc->allgs && i < view_nallg(mc); i++)
        add(n, view_allg(mc, i), T_g, N_OBJ, 0);
    for (int i = 0; mc->allp && i < view_nallp(mc); i++)
        add(n, view_allp(mc, i), T_p, N_OBJ, 0);
    uint64_t ms[64];
    int nm = mc->allm && go_has(F_m_alllink) ? view_allm(mc, ms, 64) : 0;
    for (int i = 0; i < nm; i++) {
        if (ms[i] == mc->m0)
            continue;
        add(n, ms[i], T_m, N_M, 0);
        add(n, rd(mc, ms[i], F_m_g0), T_g, N_M_G0, ms[i]);
        if (go_has(F_m_gsignal))
            add(n, rd(mc, ms[i], F_m_gsignal), T_g, N_M_GSIGNAL, ms[i]);
    }
    if (n->n)   /* qsort wants a buffer even for none */
        qsort(n->objs, n->n, sizeof *n->objs, by_base);
    size_t w = 0;   /* one entry per address */
    for (size_t i = 0; i < n->n; i++)
        if (!w || n->objs[w - 1].base != n->objs[i].base)
            n->objs[w++] = n->objs[i];
    n->n = w;
    n->built = true;
}

/* allgs grew and nothing else changed: its new g's, allocated above the
 * others as they mostly are, are appended in order (a run that makes
 * 100000 goroutines does not sort the index 100000 times).  False when
 * the index must be built again. */
static bool grow(go_namer *n, const uint64_t key[6])
{
    if (!n->built || memcmp(key + 2, n->key + 2, 4 * sizeof key[0]) != 0 || key[1] < n->key[1])
        return false;
    machine *mc = n->mc;
    uint64_t was = n->key[1];
    memcpy(n->key, key, 6 * sizeof key[0]);
    for (uint64_t i = was; i < key[1]; i++) {
        uint64_t g = view_allg(mc, (int)i);
        if (n->n && g <= n->objs[n->n - 1].base)
            return false;
        add(n, g, T_g, N_OBJ, 0);
    }
    return true;
}

/* The slices' backing arrays (in the model mode the words past g1's
 * stack are allgs[0] ...), found from the key at each lookup. */
static const obj_entry *in_array(go_namer *n, uint64_t addr)
{
    for (int k = 0; k < 2; k++) {
        uint64_t base = n->key[2 * k], len = n->key[2 * k + 1];
        if (base && len < (1u << 20) && addr >= base && addr < base + 8 * len) {
            n->arr = (obj_entry){base, (uint32_t)(8 * len), T__COUNT, k ? N_ALLP : N_ALLGS, 0};
            return &n->arr;
        }
    }
    return NULL;
}

/* The entry whose object holds ADDR, NULL if none. */
static const obj_entry *find_obj(go_namer *n, uint64_t addr)
{
    uint64_t key[6];
    read_key(n, key);
    if ((!n->built || memcmp(key, n->key, sizeof key) != 0) && !grow(n, key)) {
        memcpy(n->key, key, sizeof key);
        build(n);
    }
    const obj_entry *a = in_array(n, addr);
    if (a)
        return a;
    size_t lo = 0, hi = n->n;   /* the first entry above ADDR */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (n->objs[mid].base <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (!lo)
        return NULL;
    const obj_entry *o = &n->objs[lo - 1];
    return addr < o->base + o->size ? o : NULL;
}

static void obj_text(go_namer *n, const obj_entry *o, char *buf, size_t len)
{
    machine *mc = n->mc;
    int64_t id = o->how == N_OBJ ? 0 : view_mid(mc, o->how == N_M ? o->base : o->m);
    switch (o->how) {
    case N_OBJ:
        obj_name(mc, o->base, buf, len);
        break;
    case N_M:
        snprintf(buf, len, "m%lld", (long long)id);
        break;
    case N_M_G0:
    case N_M_GSIGNAL:
        snprintf(buf, len, "m%lld.%s", (long long)id, o->how == N_M_G0 ? "g0" : "gsignal");
        break;
    case N_ALLGS:
    case N_ALLP:
        snprintf(buf, len, "%s", o->how == N_ALLGS ? "allgs" : "allp");
        break;
    }
}

/* The field of TYPE holding byte REL, NULL if none. */
static const go_field *field_at(go_type_id type, uint32_t rel)
{
    for (int f = 0; f < F__COUNT; f++) {
        const go_field *fd = &go_fields[f];
        if (fd->owner == type && fd->size && rel >= fd->off && rel < fd->off + fd->size)
            return fd;
    }
    return NULL;
}

static void append(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void append(char *buf, size_t len, const char *fmt, ...)
{
    size_t k = strlen(buf);
    va_list ap;
    va_start(ap, fmt);
    if (k < len)
        vsnprintf(buf + k, len - k, fmt, ap);
    va_end(ap);
}

/* Walk down from the object at BASE of TYPE to the innermost field
 * holding ADDR, naming the path on the way. */
static void walk(go_place *p, uint64_t base, go_type_id type, uint64_t addr)
{
    p->type = go_type_name(type);
    p->start = base;
    p->size = go_size(type);
    snprintf(p->outer, sizeof p->outer, "%s", p->path);
    if (addr == base) {
        snprintf(p->top, sizeof p->top, "%s", p->path);
        p->top_type = p->type;
    }
    for (;;) {
        const go_field *fd = field_at(type, (uint32_t)(addr - base));
        if (!fd) {
            if (addr != base)
                append(p->path, sizeof p->path, "+0x%llx", (unsigned long long)(addr - base));
            return;
        }
        p->field = fd;
        p->start = base + fd->off;
        p->size = fd->size;
        append(p->path, sizeof p->path, ".%s", fd->name);
        go_type_id sub = fd->kind == KIND_STRUCT ? go_type_id_of(fd->subtype) : T__COUNT;
        if (fd->kind == KIND_ARRAY) {
            uint32_t esz = go_type_size(fd->subtype);
            esz = esz ? esz : 8;   /* uintptr, guintptr */
            uint64_t i = (addr - p->start) / esz;
            append(p->path, sizeof p->path, "[%llu]", (unsigned long long)i);
            p->start += i * esz;
            p->size = esz;
            return;
        }
        if (sub == T__COUNT)
            return;
        base = p->start;
        type = sub;
        p->type = go_type_name(sub);
        snprintf(p->outer, sizeof p->outer, "%s", p->path);
        if (addr == base && !p->top_type) {
            snprintf(p->top, sizeof p->top, "%s", p->path);
            p->top_type = p->type;
        }
    }
}

bool go_namer_find(go_namer *n, uint64_t addr, go_place *p)
{
    memset(p, 0, sizeof *p);
    p->type = "";
    const obj_entry *o = n ? find_obj(n, addr) : NULL;
    if (o && (o->how == N_ALLGS || o->how == N_ALLP)) {   /* an element of the array */
        uint64_t i = (addr - o->base) / 8;
        obj_text(n, o, p->outer, 16);
        snprintf(p->path, sizeof p->path, "%.16s[%llu]", p->outer, (unsigned long long)i);
        p->start = o->base + 8 * i;
        p->size = 8;
        return true;
    }
    if (o) {
        obj_text(n, o, p->path, sizeof p->path);
        walk(p, o->base, o->type, addr);
        return true;
    }
    const image_sym *s = n ? image_sym_at(&n->mc->img, addr) : NULL;
    if (!s || s->kind == SYM_TEXT || s->kind == SYM_MODEL || addr >= s->addr + (s->size ? s->size : 1))
        return false;
    snprintf(p->path, sizeof p->path, "%s", s->name);
    if (addr != s->addr)
        append(p->path, sizeof p->path, "+%llu", (unsigned long long)(addr - s->addr));
    snprintf(p->outer, sizeof p->outer, "%s", s->name);
    p->start = s->addr;
    p->size = (uint32_t)s->size;
    return true;
}

void go_namer_mem(void *namer, uint64_t addr, int size, char *buf, size_t len)
{
    go_place p;
    (void)size;
    buf[0] = 0;
    if (!go_namer_find(namer, addr, &p))
        return;
    if (p.field && addr != p.start)
        snprintf(buf, len, "%s+%llu", p.path, (unsigned long long)(addr - p.start));
    else
        snprintf(buf, len, "%s", p.path);
}
