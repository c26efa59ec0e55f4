/* `-S` listing in the layout of `go tool asm -S`: a header per symbol,
 * one line per instruction (pc, source line, Go-style text), the bytes as
 * hex rows with relocated fields shown as zeros, and a `rel` line per
 * relocation.  TLS accesses are listed the way Go's object has them (a
 * zero field and a t=15 TLS relocation) although the image holds -8. */
#include "cpu/asm/run.h"
#include <stdlib.h>
#include <string.h>

typedef struct {
    uint32_t off;
    int size, type;
    char name[256];
    int64_t add;
} lrel;

static const struct { const char *name; int id; } funcids[] = {
    {"runtime·abort", 1}, {"runtime·asmcgocall", 2}, {"runtime·asyncPreempt", 3},
    {"runtime·cgocallback", 4}, {"runtime·debugCallV2", 5}, {"runtime·gcBgMarkWorker", 6},
    {"runtime·goexit", 7}, {"runtime·gogo", 8}, {"runtime·gopanic", 9},
    {"runtime·handleAsyncEvent", 10}, {"runtime·mcall", 11}, {"runtime·morestack", 12},
    {"runtime·mstart", 13}, {"runtime·panicwrap", 14}, {"runtime·rt0_go", 15},
    {"runtime·runfinq", 16}, {"runtime·main", 17}, {"runtime·sigpanic", 18},
    {"runtime·systemstack", 19}, {"runtime·systemstack_switch", 20},
};

static int funcid(const atext *t)
{
    if (t->flags & (ASM_WRAPPER | ASM_ABIWRAPPER))
        return 21;
    /* The files are assembled as package runtime, so "·x" is runtime·x. */
    char full[256];
    snprintf(full, sizeof full, "%s%s", strncmp(t->name, "\xc2\xb7", 2) ? "" : "runtime",
             t->name);
    for (size_t i = 0; i < sizeof funcids / sizeof funcids[0]; i++)
        if (strcmp(funcids[i].name, full) == 0)
            return funcids[i].id;
    return 0;
}

static void flagstr(int flags, bool local, bool abiint, char *b, size_t n)
{
    static const struct { int bit; const char *name; } f[] = {
        {ASM_NOPROF, "NOPROF"}, {ASM_DUPOK, "DUPOK"}, {ASM_NOSPLIT, "NOSPLIT"},
        {ASM_RODATA, "RODATA"}, {ASM_NOPTR, "NOPTR"}, {ASM_WRAPPER, "WRAPPER"},
        {ASM_NEEDCTXT, "NEEDCTXT"}, {ASM_TLSBSS, "TLSBSS"}, {ASM_NOFRAME, "NOFRAME"},
        {ASM_REFLECTMETHOD, "REFLECTMETHOD"}, {ASM_TOPFRAME, "TOPFRAME"},
        {ASM_ABIWRAPPER, "ABIWRAPPER"}};
    b[0] = 0;
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        if (flags & f[i].bit)
            snprintf(b + strlen(b), n - strlen(b), "%s%s", b[0] ? "|" : "", f[i].name);
    if (local)
        snprintf(b + strlen(b), n - strlen(b), "%sSTATIC", b[0] ? "|" : "");
    if (abiint)
        snprintf(b + strlen(b), n - strlen(b), "%sABIInternal", b[0] ? "|" : "");
}

static void hexrows(FILE *f, const uint8_t *d, size_t n)
{
    for (size_t r = 0; r < n; r += 16) {
        fprintf(f, "\t0x%04zx", r);
        size_t k;
        for (k = r; k < r + 16; k++) {
            if (k < n)
                fprintf(f, " %02x", d[k]);
            else
                fputs("   ", f);
        }
        fputs("  ", f);
        for (k = r; k < r + 16 && k < n; k++)
            fputc(d[k] >= 0x20 && d[k] < 0x7f ? d[k] : '.', f);
        fputc('\n', f);
    }
}

static int rel_cmp(const void *a, const void *b)
{
    const lrel *x = a, *y = b;
    return x->off < y->off ? -1 : x->off > y->off;
}

static int go_rtype(asm_reloc_type t)
{
    switch (t) {
    case ASM_RELOC_CALL32: return 7;
    case ASM_RELOC_PCREL32: return 14;
    case ASM_RELOC_ADDR64:
    case ASM_RELOC_ADDR32: return 1;
    }
    return 0;
}

static void print_rels(FILE *f, lrel *r, size_t n)
{
    qsort(r, n, sizeof *r, rel_cmp);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "\trel %u+%d t=%d %s+%lld\n", r[i].off, r[i].size, r[i].type, r[i].name,
                (long long)r[i].add);
}

/* Relocations of a TEXT symbol as Go lists them, and its bytes with the
 * TLS fields zeroed. */
static size_t text_rels(actx *c, const atext *t, const asm_symbol *s, uint8_t *bytes, lrel *r)
{
    size_t n = 0;
    for (size_t i = 0; i < s->nrelocs; i++) {
        lrel *x = &r[n++];
        x->off = s->relocs[i].off;
        x->size = s->relocs[i].size;
        x->type = go_rtype(s->relocs[i].type);
        go_symname(s->relocs[i].target, x->name, sizeof x->name);
        x->add = s->relocs[i].type == ASM_RELOC_PCREL32 ? s->relocs[i].addend : s->relocs[i].addend;
    }
    for (size_t i = 0; i < t->np; i++) {
        const prog *p = &t->p[i];
        aenc e;
        if (p->len == 0 || !encode_prog(c, p, 0, &e))
            continue;
        if (e.tlsoff >= 0) {
            memset(bytes + p->pc + e.tlsoff, 0, 4);
            r[n++] = (lrel){p->pc + (uint32_t)e.tlsoff, 4, 15, "TLS", 0};
        }
        if (p->op == OP_CALL && p->a[0].k != A_BRANCH && !(p->a[0].k == A_MEM && p->a[0].sym &&
                                                            p->a[0].name != N_PARAM &&
                                                            p->a[0].name != N_AUTO))
        {
            /* Go records indirect calls at the opcode, after any REX. */
            uint32_t at = 0;
            while (at < (uint32_t)e.len && (e.b[at] & 0xf0) == 0x40)
                at++;
            r[n++] = (lrel){p->pc + at, 0, 10, "", 0};
        }
    }
    return n;
}

static void print_text(actx *c, const atext *t, const asm_symbol *s, FILE *f)
{
    char name[256], fl[256], line[512];
    go_symname(t->name, name, sizeof name);
    int64_t locals = t->frame + (t->autoffset - (t->frame < 0 ? 0 : t->frame));
    uint64_t args = t->args < 0 ? 0xffffffff80000000ull : (uint64_t)t->args;
    fprintf(f, "%s STEXT%s%s%s%s asm size=%zu args=0x%llx locals=0x%llx funcid=0x%x align=0x0\n",
            name, t->local ? " static" : "", (t->flags & ASM_DUPOK) ? " dupok" : "",
            t->split ? "" : " nosplit", (t->flags & ASM_TOPFRAME) ? " topframe" : "", s->size,
            (unsigned long long)args, (unsigned long long)locals, (unsigned)funcid(t));
    flagstr(t->flags | (t->split ? 0 : ASM_NOSPLIT), t->local, t->abiinternal, fl, sizeof fl);
    char frame[64];
    snprintf(frame, sizeof frame, "$%lld", (long long)locals);
    if (t->args >= 0)
        snprintf(frame + strlen(frame), sizeof frame - strlen(frame), "-%lld", (long long)t->args);
    char tname[256];
    go_symname(t->name, tname, sizeof tname);
    if (t->local) /* the TEXT line keeps the <> spelling */
        strncat(tname, "<>", sizeof tname - strlen(tname) - 1);
    fprintf(f, "\t0x0000 00000 (%s:%d)\tTEXT\t%s(SB), %s%s%s\n", t->pos.file, t->pos.line, tname,
            fl, fl[0] ? ", " : "", frame);
    for (size_t i = 0; i < t->np; i++) {
        const prog *p = &t->p[i];
        if (op_def(p->op)->flags & OPF_PSEUDO && p->op != OP_NOP)
            continue;
        prog_print(t, p, line, sizeof line);
        fprintf(f, "\t0x%04x %05u (%s:%d)\t%s\n", p->pc, p->pc, p->pos.file, p->pos.line, line);
    }
    uint8_t *bytes = xmalloc(s->size + 1);
    memcpy(bytes, s->data, s->size);
    lrel *r = xcalloc(s->nrelocs + 2 * t->np + 1, sizeof *r);
    size_t n = text_rels(c, t, s, bytes, r);
    hexrows(f, bytes, s->size);
    print_rels(f, r, n);
    free(r);
    free(bytes);
}

static void print_data(const asm_symbol *s, size_t initlen, FILE *f)
{
    char name[256];
    go_symname(s->name, name, sizeof name);
    bool init = initlen > 0 || s->nrelocs > 0; /* any DATA makes it non-BSS */
    const char *type = (s->flags & ASM_RODATA) ? "SRODATA"
                       : (s->flags & ASM_NOPTR) ? (init ? "SNOPTRDATA" : "SNOPTRBSS")
                       : init ? "SDATA" : "SBSS";
    fprintf(f, "%s %s%s%s size=%zu\n", name, type, s->local ? " static" : "",
            (s->flags & ASM_DUPOK) ? " dupok" : "", s->size);
    if (init || (s->flags & ASM_RODATA)) /* Go shows the DATA-initialised part */
        hexrows(f, s->data, initlen < s->size ? initlen : s->size);
    lrel *r = xcalloc(s->nrelocs + 1, sizeof *r);
    for (size_t i = 0; i < s->nrelocs; i++) {
        r[i] = (lrel){s->relocs[i].off, s->relocs[i].size, go_rtype(s->relocs[i].type), "",
                      s->relocs[i].addend};
        go_symname(s->relocs[i].target, r[i].name, sizeof r[i].name);
    }
    print_rels(f, r, s->nrelocs);
    free(r);
}

void listing_print(actx *c, const asm_object *obj, FILE *f)
{
    for (size_t i = 0; i < obj->nsyms; i++) {
        if (i < c->ntexts)
            print_text(c, &c->texts[i], &obj->syms[i], f);
        else
            print_data(&obj->syms[i], c->datas[i - c->ntexts].initlen, f);
    }
}
