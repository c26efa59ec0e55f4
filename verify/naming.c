/* Naming addresses for sim verify: see naming.h. */
#include "verify/naming.h"
#include "runtime_model/sched_view.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void vnamer_open(vnamer *nm, machine *mc, dwarf_types *dt)
{
    memset(nm, 0, sizeof *nm);
    nm->mc = mc;
    nm->dt = dt;
    static const struct { go_type_id t; const char *dw; } types[] = {
        {T_g, "runtime.g"}, {T_m, "runtime.m"}, {T_p, "runtime.p"}, {T_schedt, "runtime.schedt"}};
    for (size_t i = 0; dt && i < sizeof types / sizeof types[0]; i++) {
        uint64_t size;
        nm->dwtype[types[i].t] = dwarf_struct_named(dt, types[i].dw, &size);
    }
    if (dt)
        nm->dw_mcache = dwarf_struct_named(dt, "runtime.mcache", &nm->mcache_size);
}

void vnamer_close(vnamer *nm)
{
    free(nm->objs);
    memset(nm, 0, sizeof *nm);
}

static vobj *add_obj(vnamer *nm, uint64_t base, uint64_t size, go_type_id type, uint64_t dwtype,
                     const char *tname, const char *fmt, long long n)
{
    if (!base || !size)
        return NULL;
    for (int i = 0; i < nm->n; i++)
        if (nm->objs[i].base == base)
            return NULL;
    if (nm->n == nm->cap) {
        int cap = nm->cap ? 2 * nm->cap : 64;
        vobj *o = realloc(nm->objs, (size_t)cap * sizeof *o);
        if (!o)
            return NULL;
        nm->objs = o;
        nm->cap = cap;
    }
    vobj *o = &nm->objs[nm->n++];
    o->base = base;
    o->size = size;
    o->type = type;
    o->dwtype = dwtype;
    o->tname = tname;
    snprintf(o->name, sizeof o->name, fmt, n);
    return o;
}

static void add(vnamer *nm, uint64_t base, go_type_id type, const char *fmt, long long n)
{
    add_obj(nm, base, go_size(type), type, nm->dwtype[type], go_type_name(type), fmt, n);
}

/* A g, and its stack's memory ("g17's stack") after all the objects. */
static void add_g(vnamer *nm, uint64_t g)
{
    uint64_t goid = g ? rd(nm->mc, g, F_g_goid) : 0;
    if (goid)
        add(nm, g, T_g, "g%lld", (long long)goid);
    else
        add(nm, g, T_g, "newg", 0);
}

static void add_stacks(vnamer *nm)
{
    int n = nm->n;
    for (int i = 0; i < n; i++) {
        if (nm->objs[i].type != T_g)
            continue;
        uint64_t lo = rd2(nm->mc, nm->objs[i].base, F_g_stack, F_stack_lo);
        uint64_t hi = rd2(nm->mc, nm->objs[i].base, F_g_stack, F_stack_hi);
        char f[48];
        snprintf(f, sizeof f, "%s's stack", nm->objs[i].name);
        if (lo && hi > lo && hi - lo <= (1ULL << 30))
            add_obj(nm, lo, hi - lo, T__COUNT, 0, "stack memory", f, 0);
    }
}

void vnamer_scan(vnamer *nm, uint64_t extra_g)
{
    machine *mc = nm->mc;
    nm->n = 0;
    add(nm, mc->sched, T_schedt, "sched", 0);
    /* Up to allp's capacity: a shrink keeps its Ps there, which a regrowth
     * takes again. */
    uint64_t arr = rd_var(mc, mc->allp, 8), cap = rd_var(mc, mc->allp + 16, 8);
    for (int i = 0; i < (int)(cap < 4096 ? cap : 4096); i++) {
        uint64_t pp = rd_var(mc, arr + 8 * (uint64_t)i, 8);
        char f[40];
        add(nm, pp, T_p, "allp[%lld]", i);
        snprintf(f, sizeof f, "allp[%d].mcache", i);
        if (pp && nm->dw_mcache)
            add_obj(nm, rd(mc, pp, F_p_mcache), nm->mcache_size, T__COUNT, nm->dw_mcache,
                    "mcache", f, 0);
    }
    uint64_t ms[256];
    int nms = view_allm(mc, ms, 256);
    for (int i = 0; i < nms; i++) {
        long long id = (long long)view_mid(mc, ms[i]);
        char f[32];
        add(nm, ms[i], T_m, "m%lld", id);
        snprintf(f, sizeof f, "m%lld.g0", id);
        add(nm, rd(mc, ms[i], F_m_g0), T_g, f, 0);
        snprintf(f, sizeof f, "m%lld.gsignal", id);
        add(nm, rd(mc, ms[i], F_m_gsignal), T_g, f, 0);
    }
    for (int i = 0; i < view_nallg(mc); i++)
        add_g(nm, view_allg(mc, i));
    add_g(nm, extra_g);
    add_stacks(nm);
}

void vnamer_add_m(vnamer *nm, uint64_t addr)
{
    add(nm, addr, T_m, "newm", 0);
}

void vnamer_add_new(vnamer *nm, uint64_t addr, go_type_id type, const char *name)
{
    add(nm, addr, type, name, 0);
}

/* The layout table's field of TYPE holding OFF (no DWARF). */
static void table_path(go_type_id type, uint64_t off, vname *out, uint64_t base)
{
    for (int f = 0; f < F__COUNT; f++) {
        const go_field *fd = &go_fields[f];
        if (fd->owner != type || !fd->size || off < fd->off || off >= fd->off + fd->size)
            continue;
        snprintf(out->tpath + strlen(out->tpath), sizeof out->tpath - strlen(out->tpath), ".%s",
                 fd->name);
        out->start = base + fd->off;
        out->size = fd->size <= 8 ? fd->size : 8;
        if (fd->size > 8)
            out->start = base + (off & ~7ULL);
        return;
    }
    snprintf(out->tpath + strlen(out->tpath), sizeof out->tpath - strlen(out->tpath), "+%llu",
             (unsigned long long)(off & ~7ULL));
    out->start = base + (off & ~7ULL);
    out->size = 8;
}

static void name_in(vnamer *nm, const vobj *o, uint64_t addr, vname *out)
{
    uint64_t off = addr - o->base, foff, fsize;
    snprintf(out->tpath, sizeof out->tpath, "%s", o->tname);
    size_t used = strlen(out->tpath);
    if (!o->dwtype && o->type == T__COUNT) {   /* stack memory: by words from its top */
        uint64_t w = (addr - o->base) & ~7ULL;
        out->start = o->base + w;
        out->size = 8;
        snprintf(out->name, sizeof out->name, "%s[hi-%llu]", o->name,
                 (unsigned long long)(o->size - w));
        return;
    }
    if (nm->dt && o->dwtype &&
        dwarf_struct_path_at(nm->dt, o->dwtype, off, out->tpath + used,
                             sizeof out->tpath - used, &foff, &fsize) == 0) {
        out->start = o->base + foff;
        out->size = fsize;
        if (fsize > 8) {   /* an array of bytes, a struct without members: by words */
            out->start = o->base + foff + ((off - foff) & ~7ULL);
            out->size = 8;
        }
    } else if (o->type != T__COUNT) {
        out->tpath[used] = 0;
        table_path(o->type, off, out, o->base);
    } else {
        out->start = o->base + (off & ~7ULL);
        out->size = 8;
        snprintf(out->tpath + used, sizeof out->tpath - used, "+%llu", (unsigned long long)(off & ~7ULL));
    }
    snprintf(out->name, sizeof out->name, "%s%s", o->name, out->tpath + used);
}

/* The backing arrays of the runtime's global slices that the scheduler
 * writes: their elements are named "runtime.idlepMask[1]". */
static bool slice_elem(vnamer *nm, uint64_t addr, vname *out)
{
    static const struct { const char *name, *field; uint64_t off, elem; } slices[] = {
        {"runtime.idlepMask", "", 0, 4},  {"runtime.timerpMask", "", 0, 4},
        {"runtime.allgs", "", 0, 8},      {"runtime.allp", "", 0, 8},
        {"runtime.stealOrder", ".coprimes", 8, 4}};
    for (size_t i = 0; i < sizeof slices / sizeof slices[0]; i++) {
        uint64_t at = image_addr(&nm->mc->img, slices[i].name);
        if (!at)
            continue;
        at += slices[i].off;
        uint64_t arr = emu_read_u(nm->mc->cpu, at, 8), cap = emu_read_u(nm->mc->cpu, at + 16, 8);
        if (!arr || addr < arr || addr >= arr + cap * slices[i].elem)
            continue;
        uint64_t k = (addr - arr) / slices[i].elem;
        snprintf(out->name, sizeof out->name, "%s%s[%llu]", slices[i].name, slices[i].field,
                 (unsigned long long)k);
        snprintf(out->tpath, sizeof out->tpath, "%s", slices[i].name);
        out->start = arr + k * slices[i].elem;
        out->size = slices[i].elem;
        return true;
    }
    return false;
}

void vnamer_name(vnamer *nm, uint64_t addr, vname *out)
{
    memset(out, 0, sizeof *out);
    for (int i = 0; i < nm->n; i++) {
        const vobj *o = &nm->objs[i];
        if (addr >= o->base && addr < o->base + o->size) {
            name_in(nm, o, addr, out);
            return;
        }
    }
    if (slice_elem(nm, addr, out))
        return;
    const image_sym *s = image_sym_at(&nm->mc->img, addr);
    if (s && s->size && addr >= s->addr && addr < s->addr + s->size) {
        uint64_t w = (addr - s->addr) & ~7ULL;
        snprintf(out->name, sizeof out->name, "%s+%llu", s->name, (unsigned long long)w);
        snprintf(out->tpath, sizeof out->tpath, "%s", s->name);
        out->start = s->addr + w;
        out->size = s->size - w < 8 ? s->size - w : 8;
        return;
    }
    out->start = addr & ~7ULL;
    out->size = 8;
    snprintf(out->name, sizeof out->name, "[%#llx]", (unsigned long long)out->start);
    snprintf(out->tpath, sizeof out->tpath, "[heap]");
}
