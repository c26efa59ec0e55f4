/* Reading Go listings and comparing them with our objects (asm_golden.h). */
#include "tests/asm_golden.h"
#include "cpu/asm/internal.h"
#include <capstone/capstone.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *golden_slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    if (fread(b, 1, (size_t)n, f) != (size_t)n)
        n = 0;
    b[n] = 0;
    fclose(f);
    return b;
}

char *golden_include(void *ctx, const char *name, char **resolved)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", (const char *)ctx, name);
    char *t = golden_slurp(path);
    if (t)
        *resolved = strdup(name);
    return t;
}

static golden_sym *new_sym(golden *g, const char *line)
{
    g->syms = realloc(g->syms, (g->nsyms + 1) * sizeof *g->syms);
    golden_sym *s = &g->syms[g->nsyms++];
    memset(s, 0, sizeof *s);
    sscanf(line, "%127s", s->name);
    s->text = strstr(line, " STEXT") != NULL;
    const char *z = strstr(line, "size=");
    s->size = z ? strtoul(z + 5, NULL, 10) : 0;
    s->bytes = calloc(s->size + 1, 1);
    return s;
}

static void parse_tab_line(golden_sym *s, const char *l)
{
    if (strncmp(l, "rel ", 4) == 0) {
        golden_rel r = {0};
        char tgt[160] = "";
        if (sscanf(l, "rel %u+%d t=%d %159s", &r.off, &r.size, &r.type, tgt) < 3)
            return;
        char *plus = strrchr(tgt, '+');
        if (plus) {
            r.addend = strtoll(plus + 1, NULL, 10);
            *plus = 0;
        }
        snprintf(r.target, sizeof r.target, "%s", tgt);
        s->rels = realloc(s->rels, (s->nrels + 1) * sizeof *s->rels);
        s->rels[s->nrels++] = r;
        return;
    }
    unsigned pc;
    char second[16];
    if (sscanf(l, "0x%x %15s", &pc, second) != 2)
        return;
    if (strlen(second) == 5) { /* instruction line: 0x0004 00004 (f.s:3)\tTEXT */
        const char *paren = strchr(l, '(');
        const char *colon = paren ? strchr(paren, ':') : NULL;
        const char *tab = strchr(l, '\t');
        if (!colon || !tab || strncmp(tab + 1, "TEXT", 4) == 0)
            return;
        golden_insn in = {pc, atoi(colon + 1), ""};
        snprintf(in.text, sizeof in.text, "%s", tab + 1);
        s->insns = realloc(s->insns, (s->ninsns + 1) * sizeof *s->insns);
        s->insns[s->ninsns++] = in;
        return;
    }
    /* hex row: 0x0010 48 8b ... */
    const char *p = l + 6;
    for (unsigned k = 0; k < 16 && pc + k < s->size; k++) {
        unsigned v;
        if (sscanf(p, " %2x", &v) != 1)
            break;
        s->bytes[pc + k] = (uint8_t)v;
        p += 3;
    }
}

bool golden_parse(const char *listing, golden *g)
{
    memset(g, 0, sizeof *g);
    golden_sym *cur = NULL;
    const char *l = listing;
    while (*l) {
        const char *e = strchr(l, '\n');
        size_t n = e ? (size_t)(e - l) : strlen(l);
        char line[1024];
        snprintf(line, sizeof line, "%.*s", (int)n, l);
        if (line[0] == '\t' && cur)
            parse_tab_line(cur, line + 1);
        else if (line[0] && line[0] != '\t' && strstr(line, " size="))
            cur = new_sym(g, line);
        l += n + (e ? 1 : 0);
    }
    return g->nsyms > 0;
}

void golden_free(golden *g)
{
    for (size_t i = 0; i < g->nsyms; i++) {
        free(g->syms[i].bytes);
        free(g->syms[i].insns);
        free(g->syms[i].rels);
    }
    free(g->syms);
    memset(g, 0, sizeof *g);
}

static const asm_symbol *find_sym(const asm_object *o, const char *goname)
{
    for (size_t i = 0; i < o->nsyms; i++) {
        char n[256];
        go_symname(o->syms[i].name, n, sizeof n);
        if (strcmp(n, goname) == 0)
            return &o->syms[i];
    }
    return NULL;
}

static const golden_insn *insn_at(const golden_sym *s, uint32_t off)
{
    const golden_insn *best = NULL;
    for (size_t i = 0; i < s->ninsns; i++)
        if (s->insns[i].pc <= off)
            best = &s->insns[i];
    return best;
}

static int go_type(asm_reloc_type t)
{
    return t == ASM_RELOC_CALL32 ? 7 : t == ASM_RELOC_PCREL32 ? 14 : 1;
}

static int compare_relocs(const golden_sym *gs, const asm_symbol *s)
{
    int bad = 0;
    size_t want = 0;
    for (size_t i = 0; i < gs->nrels; i++) {
        const golden_rel *r = &gs->rels[i];
        if (r->type == 15 || r->type == 10)
            continue;
        want++;
        bool found = false;
        for (size_t j = 0; j < s->nrelocs && !found; j++) {
            char n[256];
            go_symname(s->relocs[j].target, n, sizeof n);
            found = s->relocs[j].off == r->off && s->relocs[j].size == r->size &&
                    go_type(s->relocs[j].type) == r->type && strcmp(n, r->target) == 0 &&
                    s->relocs[j].addend == r->addend;
        }
        if (!found) {
            fprintf(stderr, "%s: missing reloc %u+%d t=%d %s%+lld\n", gs->name, r->off, r->size,
                    r->type, r->target, r->addend);
            bad++;
        }
    }
    if (s->nrelocs != want) {
        fprintf(stderr, "%s: %zu relocs, want %zu\n", gs->name, s->nrelocs, want);
        bad++;
    }
    return bad;
}

int golden_compare(const golden *g, const asm_object *obj, size_t *checked)
{
    int bad = 0;
    if (obj->nsyms != g->nsyms) {
        fprintf(stderr, "%zu symbols, want %zu\n", obj->nsyms, g->nsyms);
        bad++;
    }
    for (size_t i = 0; i < g->nsyms; i++) {
        const golden_sym *gs = &g->syms[i];
        const asm_symbol *s = find_sym(obj, gs->name);
        if (!s || s->size != gs->size) {
            fprintf(stderr, "%s: %s (size %zu, want %zu)\n", gs->name,
                    s ? "size differs" : "missing", s ? s->size : 0, gs->size);
            bad++;
            continue;
        }
        uint8_t *mine = malloc(s->size + 1);
        memcpy(mine, s->data, s->size);
        for (size_t r = 0; r < gs->nrels; r++) {
            const golden_rel *gr = &gs->rels[r];
            if (gr->type != 15)
                continue;
            static const uint8_t m8[4] = {0xf8, 0xff, 0xff, 0xff};
            if (gr->off + 4 > s->size || memcmp(mine + gr->off, m8, 4) != 0) {
                fprintf(stderr, "%s+%u: TLS field is not -8\n", gs->name, gr->off);
                bad++;
            } else {
                memset(mine + gr->off, 0, 4);
            }
        }
        /* One vector per instruction: compare its byte range. */
        for (size_t k = 0; k < gs->ninsns; k++) {
            uint32_t a = gs->insns[k].pc;
            uint32_t b = k + 1 < gs->ninsns ? gs->insns[k + 1].pc : (uint32_t)gs->size;
            if (b <= a)
                continue;
            (*checked)++;
            if (memcmp(mine + a, gs->bytes + a, b - a) != 0) {
                const golden_insn *gi = insn_at(gs, a);
                fprintf(stderr, "%s+%u (line %d) %s: bytes differ:", gs->name, a, gi->line,
                        gi->text);
                for (uint32_t x = a; x < b; x++)
                    fprintf(stderr, " %02x/%02x", mine[x], gs->bytes[x]);
                fputc('\n', stderr);
                bad++;
            }
        }
        if (!gs->text && memcmp(mine, gs->bytes, s->size) != 0) {
            fprintf(stderr, "%s: data differs\n", gs->name);
            bad++;
        }
        free(mine);
        bad += compare_relocs(gs, s);
    }
    return bad;
}

static bool skip_text(const char *t)
{
    static const char *const skip[] = {"BYTE", "WORD", "LONG", "QUAD", "LOCK", "REP\t", "REPN"};
    for (size_t i = 0; i < sizeof skip / sizeof skip[0]; i++)
        if (strncmp(t, skip[i], strlen(skip[i])) == 0)
            return true;
    return strcmp(t, "REP") == 0;
}

int golden_capstone(const golden *g, const asm_object *obj, size_t *checked)
{
    csh h;
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &h) != CS_ERR_OK)
        return 1;
    int bad = 0;
    for (size_t i = 0; i < g->nsyms; i++) {
        const golden_sym *gs = &g->syms[i];
        const asm_symbol *s = find_sym(obj, gs->name);
        if (!s || !gs->text)
            continue;
        for (size_t k = 0; k < s->ninsns; k++) {
            const asm_insn *in = &s->insns[k];
            const golden_insn *gi = insn_at(gs, in->off);
            if (in->len == 0 || (gi && gi->pc == in->off && skip_text(gi->text)))
                continue;
            cs_insn *ci;
            size_t n = cs_disasm(h, s->data + in->off, in->len, in->off, 1, &ci);
            (*checked)++;
            if (n != 1 || ci[0].size != in->len) {
                fprintf(stderr, "%s+%u (line %d): capstone decodes %zu insn(s) of %u bytes, want %u\n",
                        gs->name, in->off, in->line, n, n ? ci[0].size : 0, in->len);
                bad++;
            }
            if (n)
                cs_free(ci, n);
        }
    }
    cs_close(&h);
    return bad;
}
