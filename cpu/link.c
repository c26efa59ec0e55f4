/* The linker: see link.h. */
#include "cpu/link.h"
#include <stdlib.h>
#include <string.h>

#define FUNC_ALIGN 32
#define PAGE 4096ULL

typedef struct {
    const char *name;
    int obj;             /* defining object, or -1 for a model symbol */
    asm_symbol *src;
    const link_model_sym *model;
    uint64_t addr;
    sym_kind kind;
} defn;

typedef struct {
    defn *v;
    size_t n, cap;
    FILE *diag;
    int errors;
} defs;

static uint64_t align_up(uint64_t v, uint64_t a) { return (v + a - 1) / a * a; }

/* File-local symbols (name<>) are visible only inside their own object. */
static defn *find_def(defs *d, const char *name, int obj)
{
    bool local = strstr(name, "<>") != NULL;
    for (size_t i = 0; i < d->n; i++)
        if (strcmp(d->v[i].name, name) == 0 && (!local || d->v[i].obj == obj))
            return &d->v[i];
    return NULL;
}

static defn *add_def(defs *d)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? 2 * d->cap : 64;
        d->v = realloc(d->v, d->cap * sizeof *d->v);
    }
    memset(&d->v[d->n], 0, sizeof d->v[0]);
    return &d->v[d->n++];
}

static sym_kind data_kind(const asm_symbol *s)
{
    if (s->kind == ASM_SYM_TEXT)
        return SYM_TEXT;
    if (s->flags & ASM_RODATA)
        return SYM_RODATA;
    return s->data ? SYM_DATA : SYM_BSS;
}

static void collect_asm(defs *d, asm_object *objs, size_t nobjs)
{
    for (size_t o = 0; o < nobjs; o++) {
        for (size_t i = 0; i < objs[o].nsyms; i++) {
            asm_symbol *s = &objs[o].syms[i];
            defn *old = find_def(d, s->name, (int)o);
            if (old && old->src && (old->src->flags & s->flags & ASM_DUPOK))
                continue;
            if (old) {
                fprintf(d->diag, "%s:%d:%d: duplicate symbol %s (first defined at %s:%d:%d)\n",
                        s->file, s->line, s->col, s->name, old->src->file, old->src->line,
                        old->src->col);
                d->errors++;
                continue;
            }
            defn *n = add_def(d);
            *n = (defn){.name = s->name, .obj = (int)o, .src = s, .kind = data_kind(s)};
        }
    }
}

static void collect_models(defs *d, const link_model_sym *models, size_t nmodels)
{
    for (size_t i = 0; i < nmodels; i++) {
        if (find_def(d, models[i].name, -1))
            continue;   /* the sources define it: the real code runs */
        defn *n = add_def(d);
        *n = (defn){.name = models[i].name, .obj = -1, .model = &models[i],
                    .kind = models[i].is_func ? SYM_MODEL : SYM_BSS};
    }
}

static uint64_t def_size(const defn *d)
{
    if (d->src)
        return d->src->size;
    return d->model->is_func ? LINK_STUB_SIZE : d->model->size;
}

/* Place every definition of KIND from ADDR on; returns the end address. */
static uint64_t place(defs *d, sym_kind kind, uint64_t addr)
{
    uint64_t align = kind == SYM_TEXT ? FUNC_ALIGN : kind == SYM_MODEL ? LINK_STUB_SIZE : 8;
    for (size_t i = 0; i < d->n; i++) {
        if (d->v[i].kind != kind)
            continue;
        addr = align_up(addr, align);
        d->v[i].addr = addr;
        addr += def_size(&d->v[i]);
    }
    return addr;
}

static void make_segment(image *img, const char *name, uint64_t lo, uint64_t hi, bool w, bool x,
                         uint8_t fill)
{
    image_segment *s = &img->segs[img->nsegs++];
    s->name = name;
    s->addr = lo;
    s->size = align_up(hi > lo ? hi - lo : 1, PAGE);
    s->bytes = malloc(s->size);
    memset(s->bytes, fill, s->size);
    s->write = w;
    s->exec = x;
}

static image_segment *segment_of(image *img, uint64_t addr)
{
    for (int i = 0; i < img->nsegs; i++)
        if (addr >= img->segs[i].addr && addr < img->segs[i].addr + img->segs[i].size)
            return &img->segs[i];
    return NULL;
}

static void put_bytes(image *img, uint64_t addr, const void *src, size_t len)
{
    image_segment *s = segment_of(img, addr);
    if (s && len)
        memcpy(s->bytes + (addr - s->addr), src, len);
}

static void put_word(image *img, uint64_t addr, int size, uint64_t v)
{
    uint8_t b[8];
    for (int i = 0; i < 8; i++)
        b[i] = (uint8_t)(v >> (8 * i));
    put_bytes(img, addr, b, (size_t)size);
}

static void apply_reloc(defs *d, image *img, const defn *sym, const asm_reloc *r)
{
    const defn *t = find_def(d, r->target, sym->obj);
    if (t && t->model && t->model->abi0 && strcmp(sym->name, t->model->abi0) != 0) {
        const defn *w = find_def(d, t->model->abi0, sym->obj);   /* an ABI0 reference */
        t = w ? w : t;
    }
    if (!t) {
        fprintf(d->diag, "%s:%d: undefined: %s (referenced at %s+%u, pc 0x%llx): no source "
                "defines it and no model implements it\n", r->file ? r->file : sym->src->file,
                r->line, r->target, sym->name, r->off,
                (unsigned long long)(sym->addr + r->off));
        d->errors++;
        return;
    }
    uint64_t field = sym->addr + r->off;
    uint64_t target = t->addr + (uint64_t)r->addend;
    uint64_t v = target;
    if (r->type == ASM_RELOC_PCREL32 || r->type == ASM_RELOC_CALL32) {
        int64_t rel = (int64_t)(target - (field + 4));
        if (rel != (int32_t)rel) {
            fprintf(d->diag, "%s:%d: %s out of 32-bit PC-relative range\n",
                    r->file ? r->file : sym->src->file, r->line, r->target);
            d->errors++;
            return;
        }
        v = (uint64_t)rel;
    }
    put_word(img, field, r->size, v);
}

static void emit_contents(defs *d, image *img)
{
    for (size_t i = 0; i < d->n; i++) {
        defn *s = &d->v[i];
        if (s->src && s->src->data)
            put_bytes(img, s->addr, s->src->data, s->src->size);
        if (s->model && !s->model->is_func && s->model->points_to) {
            defn *t = find_def(d, s->model->points_to, -1);
            if (t)
                put_word(img, s->addr, 8, t->addr);
        }
        if (s->model && s->model->is_func) {
            uint8_t stub[LINK_STUB_SIZE];
            memset(stub, 0xcc, sizeof stub);   /* never executed: the code hook stops at a stub */
            put_bytes(img, s->addr, stub, sizeof stub);
        }
    }
    for (size_t i = 0; i < d->n; i++)
        for (size_t r = 0; d->v[i].src && r < d->v[i].src->nrelocs; r++)
            apply_reloc(d, img, &d->v[i], &d->v[i].src->relocs[r]);
}

static int cmp_sym(const void *a, const void *b)
{
    const image_sym *x = a, *y = b;
    return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* Insertion sort of the name index: a few hundred symbols at most, and
 * qsort's comparator could not reach the names through the indices. */
static void sort_by_name(image *img)
{
    for (size_t i = 1; i < img->nsyms; i++) {
        size_t k = img->by_name[i], j = i;
        for (; j > 0 && strcmp(img->syms[img->by_name[j - 1]].name, img->syms[k].name) > 0; j--)
            img->by_name[j] = img->by_name[j - 1];
        img->by_name[j] = k;
    }
}

static int cmp_line(const void *a, const void *b)
{
    const image_line *x = a, *y = b;
    return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static const char *intern_file(image *img, const char *name)
{
    for (size_t i = 0; i < img->nfiles; i++)
        if (strcmp(img->files[i], name) == 0)
            return img->files[i];
    img->files = realloc(img->files, (img->nfiles + 1) * sizeof *img->files);
    return img->files[img->nfiles++] = strdup(name);
}

static void build_tables(defs *d, image *img)
{
    img->syms = calloc(d->n + 1, sizeof *img->syms);
    for (size_t i = 0; i < d->n; i++) {
        defn *s = &d->v[i];
        img->syms[img->nsyms++] = (image_sym){strdup(s->name), s->addr, def_size(s), s->kind};
        for (size_t k = 0; s->src && k < s->src->ninsns; k++) {
            const asm_insn *in = &s->src->insns[k];
            img->lines = realloc(img->lines, (img->nlines + 1) * sizeof *img->lines);
            img->lines[img->nlines++] = (image_line){s->addr + in->off, in->len,
                                                     intern_file(img, in->file), in->line,
                                                     in->inserted};
        }
    }
    qsort(img->syms, img->nsyms, sizeof *img->syms, cmp_sym);
    img->by_name = malloc((img->nsyms + 1) * sizeof *img->by_name);
    for (size_t i = 0; i < img->nsyms; i++)
        img->by_name[i] = i;
    sort_by_name(img);
    qsort(img->lines, img->nlines, sizeof *img->lines, cmp_line);
}

static uint64_t fnv1a(uint64_t h, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ULL;
    return h;
}

int link_image(asm_object *objs, size_t nobjs, const link_model_sym *models, size_t nmodels,
               image *img, FILE *diag)
{
    memset(img, 0, sizeof *img);
    defs d = {.diag = diag};
    collect_asm(&d, objs, nobjs);
    collect_models(&d, models, nmodels);

    uint64_t stub_end = place(&d, SYM_MODEL, LINK_STUB_BASE);
    uint64_t text_end = place(&d, SYM_TEXT, LINK_TEXT_BASE);
    /* Each segment gets at least one page, even when empty. */
    uint64_t ro_lo = align_up(text_end, PAGE), ro_end = place(&d, SYM_RODATA, ro_lo);
    uint64_t data_lo = align_up(ro_end > ro_lo ? ro_end : ro_lo + 1, PAGE);
    uint64_t data_end = place(&d, SYM_DATA, data_lo);
    uint64_t bss_lo = align_up(data_end > data_lo ? data_end : data_lo + 1, PAGE);
    uint64_t bss_end = place(&d, SYM_BSS, bss_lo);

    make_segment(img, "stubs", LINK_STUB_BASE, stub_end, false, false, 0xcc);
    make_segment(img, "text", LINK_TEXT_BASE, text_end, false, true, 0xcc);
    make_segment(img, "rodata", ro_lo, ro_end, false, false, 0);
    make_segment(img, "data", data_lo, data_end, true, false, 0);
    make_segment(img, "bss", bss_lo, bss_end, true, false, 0);
    emit_contents(&d, img);
    build_tables(&d, img);

    img->hash = 0xcbf29ce484222325ULL;
    for (int i = 1; i < 4; i++)
        img->hash = fnv1a(img->hash, img->segs[i].bytes, img->segs[i].size);
    int errors = d.errors;
    free(d.v);
    return errors;
}

void image_free(image *img)
{
    for (int i = 0; i < img->nsegs; i++)
        free(img->segs[i].bytes);
    for (size_t i = 0; i < img->nsyms; i++)
        free(img->syms[i].name);
    for (size_t i = 0; i < img->nfiles; i++)
        free(img->files[i]);
    free(img->syms);
    free(img->by_name);
    free(img->lines);
    free(img->files);
    memset(img, 0, sizeof *img);
}

const image_sym *image_sym_at(const image *img, uint64_t addr)
{
    size_t lo = 0, hi = img->nsyms;
    while (lo < hi) {   /* first symbol with addr > ADDR */
        size_t mid = (lo + hi) / 2;
        if (img->syms[mid].addr <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i-- > 0;) {
        const image_sym *s = &img->syms[i];
        if (addr < s->addr + (s->size ? s->size : 1))
            return s;
        if (s->size || addr - s->addr > 0x10000)
            break;
    }
    return NULL;
}

const image_sym *image_sym_named(const image *img, const char *name)
{
    size_t lo = 0, hi = img->nsyms;
    while (lo < hi) {   /* binary search of the name index */
        size_t mid = (lo + hi) / 2;
        int c = strcmp(img->syms[img->by_name[mid]].name, name);
        if (c == 0)
            return &img->syms[img->by_name[mid]];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

uint64_t image_addr(const image *img, const char *name)
{
    const image_sym *s = image_sym_named(img, name);
    return s ? s->addr : 0;
}

/* NAME with each '.' written as '·' (U+00B7, Plan 9's package separator),
 * or each '·' as '.'. */
static void respell(const char *name, bool to_middot, char *buf, size_t len)
{
    size_t o = 0;
    for (const char *p = name; *p && o + 3 < len;) {
        if (to_middot && *p == '.') {
            memcpy(buf + o, "\xc2\xb7", 2);
            o += 2;
            p++;
        } else if (!to_middot && strncmp(p, "\xc2\xb7", 2) == 0) {
            buf[o++] = '.';
            p += 2;
        } else {
            buf[o++] = *p++;
        }
    }
    buf[o] = 0;
}

uint64_t image_addr_any(const image *img, const char *name)
{
    uint64_t a = image_addr(img, name);
    if (a)
        return a;
    char other[256];
    respell(name, strchr(name, '.') != NULL, other, sizeof other);
    return strcmp(other, name) != 0 ? image_addr(img, other) : 0;
}

const image_line *image_line_at(const image *img, uint64_t addr)
{
    size_t lo = 0, hi = img->nlines;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (img->lines[mid].addr < addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* Prefer a real instruction over a zero-length pseudo-op at the same address. */
    for (size_t i = lo; i < img->nlines && img->lines[i].addr == addr; i++)
        if (img->lines[i].len)
            return &img->lines[i];
    /* No row starts at ADDR: an executable's DWARF rows span several
     * instructions, so the row below may cover it.  Rows do not overlap,
     * so only those at the nearest address below can. */
    if (lo == 0)
        return NULL;
    uint64_t below = img->lines[lo - 1].addr;
    for (size_t i = lo; i-- > 0 && img->lines[i].addr == below;)
        if (addr - below < img->lines[i].len)
            return &img->lines[i];
    return NULL;
}

const char *image_symbolize(const image *img, uint64_t addr, char *buf, size_t len)
{
    const image_sym *s = image_sym_at(img, addr);
    if (!s)
        snprintf(buf, len, "0x%llx", (unsigned long long)addr);
    else if (addr == s->addr)
        snprintf(buf, len, "%s", s->name);
    else
        snprintf(buf, len, "%s+%llu", s->name, (unsigned long long)(addr - s->addr));
    return buf;
}
