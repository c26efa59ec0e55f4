/* Reading and writing Go fields in emulated memory through the layout
 * table, and naming objects and values the way the trace shows them. */
#include "runtime_model/machine.h"
#include "traces/strbuf.h"
#include "traces/trace.h"
#include <stdio.h>
#include <string.h>

static uint64_t sign_extend(uint64_t v, uint32_t size, go_kind kind)
{
    if ((kind == KIND_I32 && size == 4) || (kind == KIND_I64 && size == 8))
        return size == 4 ? (uint64_t)(int64_t)(int32_t)v : v;
    return v;
}

uint64_t rd(machine *mc, uint64_t base, go_field_id f)
{
    const go_field *fd = &go_fields[f];
    return sign_extend(emu_read_u(mc->cpu, base + fd->off, (int)fd->size), fd->size, fd->kind);
}

uint64_t rd2(machine *mc, uint64_t base, go_field_id outer, go_field_id inner)
{
    return rd(mc, base + go_fields[outer].off, inner);
}

/* How a traced write names what it writes: the object at BASE, then one
 * or two field names and an optional index ("g1.sched.pc", "allp[0].runq[3]"). */
typedef struct {
    uint64_t base;
    const char *f1, *f2;
    int64_t index;   /* -1: none */
    const char *raw; /* a plain stack slot's description instead */
} lhs_spec;

static void lhs_text(machine *mc, const lhs_spec *l, char *buf, size_t len)
{
    strbuf b = sb_on(buf, len);
    if (l->raw) {
        sb_str(&b, "[");
        sb_hex(&b, l->base);
        sb_str(&b, "] (");
        sb_str(&b, l->raw);
        sb_str(&b, ")");
        return;
    }
    obj_name(mc, l->base, buf, len);
    b.n = strlen(buf);
    sb_str(&b, ".");
    sb_str(&b, l->f1);
    if (l->f2) {
        sb_str(&b, ".");
        sb_str(&b, l->f2);
    }
    if (l->index >= 0) {
        sb_str(&b, "[");
        sb_dec(&b, l->index);
        sb_str(&b, "]");
    }
}

/* Writes V to the field at ADDR and, only if that changed it, traces
 * "lhs: old → new" (the text is built only then: most of a trace's time
 * went into formatting). */
static void write_traced(machine *mc, uint64_t addr, const go_field *fd, uint64_t v,
                         const lhs_spec *l)
{
    uint64_t mask = fd->size >= 8 ? ~0ULL : (1ULL << (8 * fd->size)) - 1;
    uint64_t old = emu_read_u(mc->cpu, addr, (int)fd->size);
    emu_write_u(mc->cpu, addr, (int)fd->size, v & mask);
    if (!mc->tr || old == (v & mask))
        return;
    char lhs[160], a[96], b[96];
    lhs_text(mc, l, lhs, sizeof lhs);
    val_text(mc, fd->kind, sign_extend(old, fd->size, fd->kind), a, sizeof a);
    val_text(mc, fd->kind, sign_extend(v & mask, fd->size, fd->kind), b, sizeof b);
    tracer_state(mc->tr, mc->depth, lhs, a, b);
}

void wr(machine *mc, uint64_t base, go_field_id f, uint64_t v)
{
    lhs_spec l = {base, go_fields[f].name, NULL, -1, NULL};
    write_traced(mc, base + go_fields[f].off, &go_fields[f], v, &l);
}

void wr2(machine *mc, uint64_t base, go_field_id outer, go_field_id inner, uint64_t v)
{
    lhs_spec l = {base, go_fields[outer].name, go_fields[inner].name, -1, NULL};
    write_traced(mc, base + go_fields[outer].off + go_fields[inner].off, &go_fields[inner], v,
                 &l);
}

void wr_elem(machine *mc, uint64_t base, go_field_id array, uint32_t index, uint64_t v)
{
    /* Arrays sim writes hold g pointers (p.runq) or words (m.tls). */
    go_field elem = {"", "", 0, 8, array == F_p_runq ? KIND_GPTR : KIND_UPTR, ""};
    lhs_spec l = {base, go_fields[array].name, NULL, index, NULL};
    write_traced(mc, base + go_fields[array].off + 8ULL * index, &elem, v, &l);
}

void wr_word(machine *mc, uint64_t addr, uint64_t v, const char *what)
{
    go_field word = {"", "", 0, 8, KIND_UPTR, ""};
    lhs_spec l = {addr, NULL, NULL, -1, what};
    write_traced(mc, addr, &word, v, &l);
}

static int allp_index(machine *mc, uint64_t addr)
{
    uint64_t arr = emu_read_u(mc->cpu, mc->allp, 8), n = emu_read_u(mc->cpu, mc->allp + 8, 8);
    for (uint64_t i = 0; i < n && i < 1024; i++)
        if (emu_read_u(mc->cpu, arr + 8 * i, 8) == addr)
            return (int)i;
    return -1;
}

/* NAME followed by a number, e.g. "g" 12 → "g12". */
static const char *name_num(char *buf, size_t len, const char *name, uint64_t n, const char *tail)
{
    strbuf b = sb_on(buf, len);
    sb_str(&b, name);
    sb_udec(&b, n);
    sb_str(&b, tail);
    return buf;
}

const char *obj_name(machine *mc, uint64_t addr, char *buf, size_t len)
{
    int i;
    strbuf b = sb_on(buf, len);
    if (addr == mc->g0)
        sb_str(&b, "g0");
    else if (addr == mc->m0)
        sb_str(&b, "m0");
    else if (addr == mc->sched)
        sb_str(&b, "sched");
    else if (addr == mc->naming_g && addr)
        sb_str(&b, mc->naming_label);
    else if (addr && addr == rd(mc, mc->m0, F_m_gsignal))
        sb_str(&b, "m0.gsignal");
    else if ((i = allp_index(mc, addr)) >= 0)
        return name_num(buf, len, "allp[", (uint64_t)i, "]");
    else if (addr >= mc->cfg->heap_base && addr < mc->cfg->heap_base + mc->cfg->heap_size &&
             rd(mc, addr, F_g_goid) != 0)
        return name_num(buf, len, "g", rd(mc, addr, F_g_goid), "");
    else {
        sb_str(&b, "(");
        sb_hex(&b, addr);
        sb_str(&b, ")");
    }
    return buf;
}

const char *val_text(machine *mc, go_kind kind, uint64_t v, char *buf, size_t len)
{
    strbuf b = sb_on(buf, len);
    const image_sym *s;
    switch (kind) {
    case KIND_GPTR: case KIND_MPTR: case KIND_PPTR:
        if (v)
            return obj_name(mc, v, buf, len);
        sb_str(&b, "nil");
        break;
    case KIND_UPTR:
        if ((s = v ? image_sym_at(&mc->img, v) : NULL)) {   /* as image_symbolize */
            sb_str(&b, s->name);
            if (v != s->addr) {
                sb_str(&b, "+");
                sb_udec(&b, v - s->addr);
            }
        } else if (v)
            sb_hex(&b, v);
        else
            sb_str(&b, "0");
        break;
    case KIND_GSTATUS:
        sb_str(&b, go_gstatus_name((uint32_t)v));
        break;
    case KIND_PSTATUS:
        sb_str(&b, go_pstatus_name((uint32_t)v));
        break;
    case KIND_BOOL:
        sb_str(&b, v ? "true" : "false");
        break;
    case KIND_I64: case KIND_I32:
        sb_dec(&b, (long long)v);
        break;
    default:
        sb_udec(&b, v);
        break;
    }
    return buf;
}
