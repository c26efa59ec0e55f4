/* Reading and writing Go fields in emulated memory through the layout
 * table, and naming objects and values the way the trace shows them. */
#include "runtime_model/machine.h"
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

/* Writes V to the field at ADDR and traces "LHS: old → new" if it changed. */
static void write_traced(machine *mc, uint64_t addr, const go_field *fd, uint64_t v,
                         const char *lhs)
{
    uint64_t mask = fd->size >= 8 ? ~0ULL : (1ULL << (8 * fd->size)) - 1;
    uint64_t old = emu_read_u(mc->cpu, addr, (int)fd->size);
    emu_write_u(mc->cpu, addr, (int)fd->size, v & mask);
    if (!mc->tr || old == (v & mask))
        return;
    char a[96], b[96];
    val_text(mc, fd->kind, sign_extend(old, fd->size, fd->kind), a, sizeof a);
    val_text(mc, fd->kind, sign_extend(v & mask, fd->size, fd->kind), b, sizeof b);
    tracer_state(mc->tr, mc->depth, lhs, a, b);
}

void wr(machine *mc, uint64_t base, go_field_id f, uint64_t v)
{
    char obj[64], lhs[160];
    if (mc->tr)
        snprintf(lhs, sizeof lhs, "%s.%s", obj_name(mc, base, obj, sizeof obj), go_fields[f].name);
    write_traced(mc, base + go_fields[f].off, &go_fields[f], v, lhs);
}

void wr2(machine *mc, uint64_t base, go_field_id outer, go_field_id inner, uint64_t v)
{
    char obj[64], lhs[160];
    if (mc->tr)
        snprintf(lhs, sizeof lhs, "%s.%s.%s", obj_name(mc, base, obj, sizeof obj),
                 go_fields[outer].name, go_fields[inner].name);
    write_traced(mc, base + go_fields[outer].off + go_fields[inner].off, &go_fields[inner], v,
                 lhs);
}

void wr_elem(machine *mc, uint64_t base, go_field_id array, uint32_t index, uint64_t v)
{
    char obj[64], lhs[160];
    /* Arrays sim writes hold g pointers (p.runq) or words (m.tls). */
    go_field elem = {"", "", 0, 8, array == F_p_runq ? KIND_GPTR : KIND_UPTR, ""};
    if (mc->tr)
        snprintf(lhs, sizeof lhs, "%s.%s[%u]", obj_name(mc, base, obj, sizeof obj),
                 go_fields[array].name, index);
    write_traced(mc, base + go_fields[array].off + 8ULL * index, &elem, v, lhs);
}

void wr_word(machine *mc, uint64_t addr, uint64_t v, const char *what)
{
    char lhs[96];
    go_field word = {"", "", 0, 8, KIND_UPTR, ""};
    snprintf(lhs, sizeof lhs, "[0x%llx] (%s)", (unsigned long long)addr, what);
    write_traced(mc, addr, &word, v, lhs);
}

static int allp_index(machine *mc, uint64_t addr)
{
    uint64_t arr = emu_read_u(mc->cpu, mc->allp, 8), n = emu_read_u(mc->cpu, mc->allp + 8, 8);
    for (uint64_t i = 0; i < n && i < 1024; i++)
        if (emu_read_u(mc->cpu, arr + 8 * i, 8) == addr)
            return (int)i;
    return -1;
}

const char *obj_name(machine *mc, uint64_t addr, char *buf, size_t len)
{
    int i;
    if (addr == mc->g0)
        snprintf(buf, len, "g0");
    else if (addr == mc->m0)
        snprintf(buf, len, "m0");
    else if (addr == mc->sched)
        snprintf(buf, len, "sched");
    else if (addr == mc->naming_g && addr)
        snprintf(buf, len, "%s", mc->naming_label);
    else if (addr && addr == rd(mc, mc->m0, F_m_gsignal))
        snprintf(buf, len, "m0.gsignal");
    else if ((i = allp_index(mc, addr)) >= 0)
        snprintf(buf, len, "allp[%d]", i);
    else if (addr >= mc->cfg->heap_base && addr < mc->cfg->heap_base + mc->cfg->heap_size &&
             rd(mc, addr, F_g_goid) != 0)
        snprintf(buf, len, "g%llu", (unsigned long long)rd(mc, addr, F_g_goid));
    else
        snprintf(buf, len, "(0x%llx)", (unsigned long long)addr);
    return buf;
}

const char *val_text(machine *mc, go_kind kind, uint64_t v, char *buf, size_t len)
{
    switch (kind) {
    case KIND_GPTR: case KIND_MPTR: case KIND_PPTR:
        return v ? obj_name(mc, v, buf, len) : (snprintf(buf, len, "nil"), buf);
    case KIND_UPTR:
        if (v && image_sym_at(&mc->img, v))
            return image_symbolize(&mc->img, v, buf, len);
        snprintf(buf, len, v ? "0x%llx" : "0", (unsigned long long)v);
        return buf;
    case KIND_GSTATUS:
        snprintf(buf, len, "%s", go_gstatus_name((uint32_t)v));
        return buf;
    case KIND_PSTATUS:
        snprintf(buf, len, "%s", go_pstatus_name((uint32_t)v));
        return buf;
    case KIND_BOOL:
        snprintf(buf, len, "%s", v ? "true" : "false");
        return buf;
    case KIND_I64: case KIND_I32:
        snprintf(buf, len, "%lld", (long long)v);
        return buf;
    default:
        snprintf(buf, len, "%llu", (unsigned long long)v);
        return buf;
    }
}
