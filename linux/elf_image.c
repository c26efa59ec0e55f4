/* The image of a Go executable: see elf_image.h.
 *
 * A go1.19 hello has ~2000 symbols and ~75000 DWARF rows, so everything
 * here is sorting and hashing (link.c's linear interning and insertion
 * sort are sized for model-mode programs of a few hundred symbols). */
#include "linux/elf_image.h"
#include "linux/dwarf_file.h"
#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE 4096ULL
#define MAX_SEGS (sizeof ((image *)0)->segs / sizeof ((image *)0)->segs[0])
/* A load's memory is allocated whole (the bss too): past this, a crafted
 * or odd binary is refused instead of exhausting the host. */
#define MAX_SEG_SIZE (4ULL << 30)


/* ---- segments and hash ---- */

/* Each load from its page below to the page above its end, as the kernel
 * maps it: the file's bytes from that first page on, zeros past filesz. */
static int add_segments(const elf_file *f, image *img, char *why, size_t len)
{
    if ((size_t)f->nloads > MAX_SEGS)
        return elf_refuse(why, len, "%d loadable segments (sim's image holds at most %zu)", f->nloads,
                      MAX_SEGS);
    for (int i = 0; i < f->nloads; i++) {
        const elf_load *l = &f->loads[i];
        uint64_t lo = l->vaddr & ~(PAGE - 1);
        uint64_t hi = (l->vaddr + l->memsz + PAGE - 1) & ~(PAGE - 1);
        uint64_t lead = l->vaddr - lo;   /* offset - lead >= 0: elf_parse checked congruence */
        if (hi - lo > MAX_SEG_SIZE)
            return elf_refuse(why, len, "the segment at 0x%llx is %llu MiB (sim maps at most %llu MiB "
                          "per segment)", (unsigned long long)l->vaddr,
                          (unsigned long long)((hi - lo) >> 20), MAX_SEG_SIZE >> 20);
        image_segment *s = &img->segs[img->nsegs];
        s->bytes = calloc(1, hi - lo);
        if (!s->bytes)
            return elf_refuse(why, len, "out of memory for the segment at 0x%llx",
                          (unsigned long long)l->vaddr);
        img->nsegs++;
        memcpy(s->bytes, f->data + l->offset - lead, lead + l->filesz);
        s->addr = lo;
        s->size = hi - lo;
        s->exec = l->flags & PF_X;
        s->write = l->flags & PF_W;
        s->name = s->exec ? "text" : s->write ? "data" : "rodata";
    }
    return 0;
}

static uint64_t load_hash(const elf_file *f)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (int i = 0; i < f->nloads; i++) {
        const uint8_t *p = f->data + f->loads[i].offset;
        for (uint64_t k = 0; k < f->loads[i].filesz; k++)
            h = (h ^ p[k]) * 0x100000001b3ULL;
    }
    return h;
}

/* ---- symbols ---- */

static sym_kind kind_of(const elf_file *f, const elf_symbol *s, const elf_load *l)
{
    if (s->type != STT_OBJECT && (l->flags & PF_X))
        return SYM_TEXT;
    elf_section sec;
    if (s->shndx != SHN_UNDEF && s->shndx < SHN_LORESERVE && elf_section_get(f, s->shndx, &sec)) {
        if (sec.type == SHT_NOBITS)
            return SYM_BSS;
        return sec.flags & SHF_WRITE ? SYM_DATA : SYM_RODATA;
    }
    /* No section to go by (absolute symbols): the load's own split. */
    if (!(l->flags & PF_W))
        return SYM_RODATA;
    return s->value - l->vaddr < l->filesz ? SYM_DATA : SYM_BSS;
}

/* At one address, sized symbols after the zero-sized markers Go puts
 * beside them (runtime.text, runtime.rodata): image_sym_at looks from the
 * last symbol at or below an address down, so it finds the function first. */
static int cmp_addr(const void *a, const void *b)
{
    const image_sym *x = a, *y = b;
    if (x->addr != y->addr)
        return x->addr < y->addr ? -1 : 1;
    if (x->size != y->size)
        return x->size < y->size ? -1 : 1;
    return strcmp(x->name, y->name);
}

typedef struct {
    const char *name;
    size_t idx;
} name_ref;

static int cmp_name(const void *a, const void *b)
{
    const name_ref *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

static int add_symbols(const elf_file *f, image *img, char *why, size_t len)
{
    size_t n = elf_symbol_count(f);
    img->syms = calloc(n + 1, sizeof *img->syms);
    img->by_name = calloc(n + 1, sizeof *img->by_name);
    name_ref *refs = calloc(n + 1, sizeof *refs);
    if (!img->syms || !img->by_name || !refs) {
        free(refs);
        return elf_refuse(why, len, "out of memory for %zu symbols", n);
    }
    elf_symbol s;
    for (size_t i = 1; i < n; i++) {
        if (!elf_symbol_get(f, i, &s) || !s.name[0] || s.shndx == SHN_UNDEF)
            continue;
        if (s.type != STT_FUNC && s.type != STT_OBJECT && !(s.type == STT_NOTYPE && s.value))
            continue;
        /* Symbols outside the program (absolute constants) would only
         * name addresses that are not in it. */
        const elf_load *l = elf_load_at(f, s.value, true);
        if (!l)
            continue;
        char *name = strdup(s.name);
        if (!name) {
            free(refs);
            return elf_refuse(why, len, "out of memory for %zu symbols", n);
        }
        img->syms[img->nsyms++] = (image_sym){name, s.value, s.size, kind_of(f, &s, l)};
    }
    qsort(img->syms, img->nsyms, sizeof *img->syms, cmp_addr);
    for (size_t i = 0; i < img->nsyms; i++)
        refs[i] = (name_ref){img->syms[i].name, i};
    qsort(refs, img->nsyms, sizeof *refs, cmp_name);
    for (size_t i = 0; i < img->nsyms; i++)
        img->by_name[i] = refs[i].idx;
    free(refs);
    return 0;
}

/* ---- DWARF lines ---- */

typedef struct {
    image *img;
    const elf_file *f;
    size_t lines_cap, files_cap;
    uint32_t *slots;   /* open addressing: index + 1 into img->files, 0 = empty */
    size_t nslots;
    const char *last_src, *last_file;   /* rows come in runs of one file */
    bool oom;
} lines_ctx;

static uint64_t str_hash(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (; *s; s++)
        h = (h ^ (uint8_t)*s) * 0x100000001b3ULL;
    return h;
}

static bool grow_slots(lines_ctx *c)
{
    size_t n = c->nslots ? 2 * c->nslots : 256;
    uint32_t *s = calloc(n, sizeof *s);
    if (!s)
        return false;
    for (size_t i = 0; i < c->img->nfiles; i++) {
        size_t k = str_hash(c->img->files[i]) & (n - 1);
        while (s[k])
            k = (k + 1) & (n - 1);
        s[k] = (uint32_t)i + 1;
    }
    free(c->slots);
    c->slots = s;
    c->nslots = n;
    return true;
}

/* SRC's one copy in img->files (freed by image_free); NULL when out of memory. */
static const char *intern(lines_ctx *c, const char *src)
{
    if (src == c->last_src)
        return c->last_file;
    image *img = c->img;
    if (2 * (img->nfiles + 1) > c->nslots && !grow_slots(c))
        return NULL;
    size_t k = str_hash(src) & (c->nslots - 1);
    for (; c->slots[k]; k = (k + 1) & (c->nslots - 1))
        if (strcmp(img->files[c->slots[k] - 1], src) == 0)
            break;
    if (!c->slots[k]) {
        if (img->nfiles == c->files_cap) {
            size_t n = c->files_cap ? 2 * c->files_cap : 64;
            char **v = realloc(img->files, n * sizeof *v);
            if (!v)
                return NULL;
            img->files = v;
            c->files_cap = n;
        }
        char *copy = strdup(src);
        if (!copy)
            return NULL;
        img->files[img->nfiles++] = copy;
        c->slots[k] = (uint32_t)img->nfiles;
    }
    c->last_src = src;
    return c->last_file = img->files[c->slots[k] - 1];
}

/* CUR covers [cur.addr, END); rows that cover nothing are dropped. */
static void emit(lines_ctx *c, const image_line *cur, uint64_t end)
{
    if (end <= cur->addr)
        return;
    image *img = c->img;
    if (img->nlines == c->lines_cap) {
        size_t n = c->lines_cap ? 2 * c->lines_cap : 4096;
        image_line *v = realloc(img->lines, n * sizeof *v);
        if (!v) {
            c->oom = true;
            return;
        }
        img->lines = v;
        c->lines_cap = n;
    }
    image_line *ln = &img->lines[img->nlines++];
    *ln = *cur;
    ln->len = end - cur->addr > UINT32_MAX ? UINT32_MAX : (uint32_t)(end - cur->addr);
}

static bool in_text(const elf_file *f, uint64_t addr)
{
    const elf_load *l = elf_load_at(f, addr, false);
    return l && (l->flags & PF_X);
}

/* One line table: each row runs to the next row's address, a run of rows
 * with the same file and line becomes one line, and an end_sequence row
 * only ends the row before it.  Rows outside the executable segment
 * (sequences of code the linker dropped, at address 0) are left out. */
static int read_table(lines_ctx *c, Dwarf_Lines *rows, size_t n)
{
    image_line cur = {0};
    bool open = false;
    for (size_t i = 0; i < n && !c->oom; i++) {
        Dwarf_Line *row = dwarf_onesrcline(rows, i);
        Dwarf_Addr addr;
        int line;
        bool end;
        if (!row || dwarf_lineaddr(row, &addr) != 0 || dwarf_lineno(row, &line) != 0 ||
            dwarf_lineendsequence(row, &end) != 0)
            return -1;
        const char *src = end ? NULL : dwarf_linesrc(row, NULL, NULL);
        const char *file = src ? intern(c, src) : NULL;
        if (src && !file)
            c->oom = true;
        if (open && !end && file == cur.file && line == cur.line && addr >= cur.addr)
            continue;   /* the same line goes on */
        if (open)
            emit(c, &cur, addr);
        open = !end && file && in_text(c->f, addr);
        if (open)
            cur = (image_line){.addr = addr, .file = file, .line = line, .inserted = false};
    }
    return 0;
}

static int cmp_line(const void *a, const void *b)
{
    const image_line *x = a, *y = b;
    return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static int add_lines(const char *path, const elf_file *f, image *img, char *why, size_t len)
{
    dwarf_file d;
    lines_ctx c = {.img = img, .f = f};
    int rc = dwarf_file_open(path, f, &d, why, len);
    Dwarf_Off off = 0, next;
    Dwarf_CU *cu = NULL;
    Dwarf_Lines *rows;
    size_t n;
    while (rc == 0 && !c.oom) {
        int more = dwarf_next_lines(d.dw, off, &next, &cu, NULL, NULL, &rows, &n);
        if (more == 1)
            break;
        if (more != 0 || read_table(&c, rows, n) != 0) {
            rc = elf_refuse(why, len, "cannot read its DWARF line table (%s; -ldflags=-w leaves DWARF "
                        "out)", dwarf_errmsg(-1));
            break;
        }
        if (next <= off)
            break;   /* no progress: a broken table */
        off = next;
    }
    if (rc == 0 && c.oom)
        rc = elf_refuse(why, len, "out of memory for the DWARF lines");
    dwarf_file_close(&d);
    free(c.slots);
    if (img->nlines)
        qsort(img->lines, img->nlines, sizeof *img->lines, cmp_line);
    return rc;
}

int elf_image_build(const char *path, const elf_file *f, image *img, char *why, size_t whylen)
{
    memset(img, 0, sizeof *img);
    if (why && whylen)
        why[0] = 0;
    if (add_segments(f, img, why, whylen) != 0 ||
        (f->has_symtab && add_symbols(f, img, why, whylen) != 0) ||
        (f->has_dwarf && add_lines(path, f, img, why, whylen) != 0)) {
        image_free(img);
        return -1;
    }
    img->hash = load_hash(f);
    return 0;
}
