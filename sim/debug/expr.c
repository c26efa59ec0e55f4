/* Debugger expressions: see debug_expr.h. */
#include "sim/debug/expr.h"
#include "runtime_model/sched_view.h"
#include "sim/debug/sym.h"
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int reg_lookup(const char *name)
{
    static const struct { const char *alias, *reg; } aliases[] = {
        {"pc", "rip"}, {"sp", "rsp"}, {"fp", "rbp"}, {"eflags", "rflags"}, {"fs", "fs_base"}};
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (strcmp(name, aliases[i].alias) == 0)
            name = aliases[i].reg;
    for (int r = 0; r < EMU_NREGS; r++)
        if (strcmp(name, emu_reg_names[r]) == 0)
            return r;
    return -1;
}

uint64_t dbg_find_g(machine *mc, uint64_t goid)
{
    int n = view_nallg(mc);
    for (int i = 0; i < n; i++) {
        uint64_t g = view_allg(mc, i);
        if (g && rd(mc, g, F_g_goid) == goid)
            return g;
    }
    return 0;
}

/* The root object: "sched", "m0", "g0", "gN", "allp[i]"; returns the
 * length of TEXT it took, 0 if TEXT does not start with one.  *RANGE is
 * set when N or i does not fit in an int64 (strtol would clamp it). */
static size_t parse_root(const char *text, dexpr *e, bool *range)
{
    static const struct { const char *name, *type; } fixed[] = {
        {"sched", "schedt"}, {"m0", "m"}, {"g0", "g"}};
    size_t n = strcspn(text, ".[");
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        if (strlen(fixed[i].name) == n && strncmp(text, fixed[i].name, n) == 0) {
            snprintf(e->root, sizeof e->root, "%s", fixed[i].name);
            e->type = fixed[i].type;
            return n;
        }
    char *end;
    if (text[0] == 'g' && isdigit((unsigned char)text[1])) {
        errno = 0;
        e->index = strtol(text + 1, &end, 10);
        *range = errno == ERANGE;
        if ((size_t)(end - text) != n)
            return 0;
        snprintf(e->root, sizeof e->root, "g");
        e->type = "g";
        return n;
    }
    if (strncmp(text, "allp[", 5) == 0 && isdigit((unsigned char)text[5])) {
        errno = 0;
        e->index = strtol(text + 5, &end, 10);
        *range = errno == ERANGE;
        if (*end != ']')
            return 0;
        snprintf(e->root, sizeof e->root, "allp");
        e->type = "p";
        return (size_t)(end + 1 - text);
    }
    return 0;
}

/* The field path after the root ("" for the whole object). */
static int parse_path(const char *path, dexpr *e, char *err, size_t errlen)
{
    e->field = -1;
    e->off = 0;
    e->size = go_type_size(e->type);
    e->vkind = KIND_STRUCT;
    if (!*path)
        return 0;
    int f = go_path_resolve(e->type, path, &e->off);
    if (f < 0) {
        snprintf(err, errlen, "%s has no field %s (see the layout table, runtime_model/layout.h)",
                 e->root[0] == 'g' && e->root[1] == 0 ? "g" : e->root, path);
        return -1;
    }
    e->field = f;
    e->size = go_fields[f].size;
    e->vkind = go_fields[f].kind;
    if (e->vkind == KIND_ARRAY && path[strlen(path) - 1] == ']') {   /* one element */
        e->size = go_type_size(go_fields[f].subtype);
        e->vkind = strcmp(go_fields[f].subtype, "guintptr") == 0 ? KIND_GPTR : KIND_UPTR;
    }
    return 0;
}

static int parse_reg(const char *text, dexpr *e, char *err, size_t errlen)
{
    e->what = DX_REG;
    e->vkind = KIND_UPTR;
    e->size = 8;
    e->field = -1;
    if ((e->reg = reg_lookup(text + 1)) >= 0)
        return 0;
    snprintf(err, errlen, "no register %s (try $rip, $rsp, $rax … $r15, $rflags, $fs_base)", text);
    return -1;
}

static int parse_global(machine *mc, const char *text, dexpr *e, char *err, size_t errlen)
{
    const image_sym *s = dbg_sym_named(&mc->img, text);
    if (!s || s->kind == SYM_TEXT || s->kind == SYM_MODEL) {
        snprintf(err, errlen, "cannot evaluate \"%s\": not a register ($rip), a Go field "
                 "(sched.goidgen, g1.atomicstatus, allp[0].runnext, m0.curg) or a global", text);
        return -1;
    }
    e->what = DX_GLOBAL;
    e->field = -1;
    e->addr = s->addr;
    e->size = s->size >= 8 || s->size == 0 ? 8 : (uint32_t)s->size;
    e->vkind = e->size == 8 ? KIND_UPTR : KIND_U64;
    return 0;
}

int dexpr_parse(machine *mc, const char *text, dexpr *e, char *err, size_t errlen)
{
    memset(e, 0, sizeof *e);
    snprintf(e->text, sizeof e->text, "%s", text);
    if (text[0] == '$')
        return parse_reg(text, e, err, errlen);
    bool range = false;
    size_t n = parse_root(text, e, &range);
    if (n && range) {
        snprintf(err, errlen, "%.*s: the index is out of range (more than an int64)", (int)n, text);
        return -1;
    }
    if (n && (text[n] == 0 || text[n] == '.')) {
        e->what = DX_FIELD;
        return parse_path(text[n] ? text + n + 1 : "", e, err, errlen);
    }
    memset(e->root, 0, sizeof e->root);
    return parse_global(mc, text, e, err, errlen);
}

static uint64_t root_addr(machine *mc, const dexpr *e)
{
    if (strcmp(e->root, "sched") == 0)
        return mc->sched;
    if (strcmp(e->root, "m0") == 0)
        return mc->m0;
    if (strcmp(e->root, "g0") == 0)
        return mc->g0;
    if (strcmp(e->root, "g") == 0)
        return e->index > 0 ? dbg_find_g(mc, (uint64_t)e->index) : 0;
    /* No P past len(allp), which is an int32 (an int cast would wrap). */
    return e->index <= INT32_MAX ? view_allp(mc, (int)e->index) : 0;
}

static uint64_t sign(uint64_t v, uint32_t size, go_kind k)
{
    return (k == KIND_I32 && size == 4) ? (uint64_t)(int64_t)(int32_t)v : v;
}

dval dexpr_eval(machine *mc, const dexpr *e)
{
    dval v = {false, 0, 0};
    if (e->what == DX_REG)
        return (dval){true, emu_reg_get(mc->cpu, (emu_reg)e->reg), 0};
    if (e->what == DX_GLOBAL)
        return (dval){true, rd_var(mc, e->addr, (int)e->size), e->addr};
    if (e->what == DX_MEM)
        return (dval){emu_mapped(mc->cpu, e->addr, e->size),
                      sign(rd_var(mc, e->addr, (int)e->size), e->size, e->vkind), e->addr};
    uint64_t base = root_addr(mc, e);
    if (!base)
        return v;
    v.ok = true;
    v.addr = base + e->off;
    if (e->size <= 8)
        v.v = sign(rd_var(mc, v.addr, (int)e->size), e->size, e->vkind);
    return v;
}

/* Why V is not there: the object does not exist at this position. */
static const char *absent(const dexpr *e, char *buf, size_t len)
{
    if (e->what == DX_MEM)
        snprintf(buf, len, "(0x%llx is not mapped)", (unsigned long long)e->addr);
    else if (strcmp(e->root, "g") == 0)
        snprintf(buf, len, "(no g%ld yet: no g in allgs has goid %ld)", e->index, e->index);
    else
        snprintf(buf, len, "(no allp[%ld] yet: len(allp) is smaller)", e->index);
    return buf;
}

const char *dexpr_show(machine *mc, const dexpr *e, dval v, char *buf, size_t len)
{
    char t[128];
    if (!v.ok)
        return absent(e, buf, len);
    if (e->what == DX_REG) {
        const image_sym *s = v.v ? image_sym_at(&mc->img, v.v) : NULL;
        if (s)
            snprintf(buf, len, "0x%llx <%s>", (unsigned long long)v.v,
                     image_symbolize(&mc->img, v.v, t, sizeof t));
        else
            snprintf(buf, len, "0x%llx (%lld)", (unsigned long long)v.v, (long long)v.v);
        return buf;
    }
    if (e->size > 8) {
        snprintf(buf, len, "{…} at 0x%llx", (unsigned long long)v.addr);
        return buf;
    }
    val_text(mc, e->vkind, v.v, t, sizeof t);
    bool named = e->vkind == KIND_GSTATUS || e->vkind == KIND_PSTATUS ||
                 ((e->vkind == KIND_GPTR || e->vkind == KIND_MPTR || e->vkind == KIND_PPTR) && v.v);
    if (named)
        snprintf(buf, len, "%s (0x%llx)", t, (unsigned long long)v.v);
    else
        snprintf(buf, len, "%s", t);
    return buf;
}

/* The fields of TYPE at BASE, one line each; nested structs by their own
 * fields with a dotted prefix. */
static void print_fields(machine *mc, const char *type, uint64_t base, const char *prefix,
                         FILE *out)
{
    for (int f = 0; f < F__COUNT; f++) {
        const go_field *fd = &go_fields[f];
        if (strcmp(fd->type, type) != 0)
            continue;
        char name[96], t[128];
        snprintf(name, sizeof name, "%s%s", prefix, fd->name);
        if (fd->kind == KIND_STRUCT) {
            char sub[100];
            snprintf(sub, sizeof sub, "%s.", name);
            print_fields(mc, fd->subtype, base + fd->off, sub, out);
        } else if (fd->kind == KIND_ARRAY || fd->kind == KIND_OPAQUE) {
            fprintf(out, "  %-22s [%u bytes at 0x%llx]\n", name, fd->size,
                    (unsigned long long)(base + fd->off));
        } else {
            uint64_t v = sign(rd_var(mc, base + fd->off, (int)fd->size), fd->size, fd->kind);
            fprintf(out, "  %-22s %s\n", name, val_text(mc, fd->kind, v, t, sizeof t));
        }
    }
}

bool dexpr_print_struct(machine *mc, const dexpr *e, FILE *out)
{
    if (e->what != DX_FIELD || e->vkind != KIND_STRUCT)
        return false;
    dval v = dexpr_eval(mc, e);
    char buf[160];
    if (!v.ok) {
        fprintf(out, "%s = %s\n", e->text, absent(e, buf, sizeof buf));
        return true;
    }
    const char *type = e->field < 0 ? e->type : go_fields[e->field].subtype;
    fprintf(out, "%s = (%s) at 0x%llx\n", e->text, type, (unsigned long long)v.addr);
    print_fields(mc, type, v.addr, "", out);
    return true;
}

/* One term of an address: number, $reg, &EXPR or a symbol. */
static int addr_term(machine *mc, const char *t, uint64_t *v, char *err, size_t errlen)
{
    char *end;
    if (isdigit((unsigned char)t[0])) {
        *v = strtoull(t, &end, 0);
        if (*end == 0)
            return 0;
    } else if (t[0] == '$' || t[0] == '&') {
        dexpr e;
        if (dexpr_parse(mc, t + (t[0] == '&'), &e, err, errlen) != 0)
            return -1;
        dval d = dexpr_eval(mc, &e);
        if (!d.ok || (t[0] == '&' && e.what == DX_REG)) {
            snprintf(err, errlen, "%s has no address here", t);
            return -1;
        }
        *v = t[0] == '&' ? d.addr : d.v;
        return 0;
    } else {
        const image_sym *s = dbg_sym_named(&mc->img, t);
        if (s) {
            *v = s->addr;
            return 0;
        }
    }
    snprintf(err, errlen, "cannot read \"%s\" as an address (0x…, $reg, symbol, &field)", t);
    return -1;
}

/* The terms are measured after their leading spaces are skipped, so that
 * "$rsp + 8" reads as gdb reads it; the text is copied whole (no fixed
 * buffer), so a long address is never cut short. */
int daddr_parse(machine *mc, const char *text, uint64_t *addr, char *err, size_t errlen)
{
    char *buf = strdup(text);
    if (!buf) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    *addr = 0;
    int sgn = 1, rc = 0;
    for (char *p = buf;;) {
        while (*p == ' ')
            p++;
        /* A term never starts with + or -: "8+-1" is a bad term "-1". */
        size_t n = *p ? strcspn(p + 1, "+-") + 1 : 0;
        char op = p[n];
        p[n] = 0;
        for (char *q = p + n; q > p && q[-1] == ' ';)
            *--q = 0;
        uint64_t v;
        if ((rc = addr_term(mc, p, &v, err, errlen)) != 0)
            break;
        *addr += sgn > 0 ? v : -v;
        if (!op)
            break;
        sgn = op == '-' ? -1 : 1;
        p += n + 1;
        if (!p[strspn(p, " ")]) {
            snprintf(err, errlen, "address ends with %c", op);
            rc = -1;
            break;
        }
    }
    free(buf);
    return rc;
}
