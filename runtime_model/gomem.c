/* Reading and writing Go fields in emulated memory through the layout
 * table; writes that change a value are traced (names.c). */
#include "runtime_model/machine.h"
#include "runtime_model/names.h"
#include <string.h>

uint64_t rd(machine *mc, uint64_t base, go_field_id f)
{
    const go_field *fd = &go_fields[f];
    return go_field_value(fd, emu_read_u(mc->cpu, base + fd->off, (int)fd->size));
}

uint64_t rd2(machine *mc, uint64_t base, go_field_id outer, go_field_id inner)
{
    return rd(mc, base + go_fields[outer].off, inner);
}

/* Writes V to the field at ADDR and, only if that changed it, traces
 * "lhs: old → new". */
static void write_traced(machine *mc, uint64_t addr, const go_field *fd, uint64_t v,
                         const lhs_spec *l)
{
    uint64_t mask = fd->size >= 8 ? ~0ULL : (1ULL << (8 * fd->size)) - 1;
    uint64_t old = 0;
    uint8_t *host = fd->size <= 8 ? emu_host_rw(mc->cpu, addr, fd->size) : NULL;
    if (host) {   /* one lookup for the read and the write */
        memcpy(&old, host, fd->size);
        uint64_t nv = v & mask;
        memcpy(host, &nv, fd->size);
    } else {
        old = emu_read_u(mc->cpu, addr, (int)fd->size);
        emu_write_u(mc->cpu, addr, (int)fd->size, v & mask);
    }
    if (!mc->tr || old == (v & mask))
        return;
    trace_state(mc, l, fd->kind, go_field_value(fd, old), go_field_value(fd, v & mask));
}

void wr(machine *mc, uint64_t base, go_field_id f, uint64_t v)
{
    lhs_spec l = {base, go_fields[f].owner, go_fields[f].name, NULL, -1, NULL};
    write_traced(mc, base + go_fields[f].off, &go_fields[f], v, &l);
}

void wr2(machine *mc, uint64_t base, go_field_id outer, go_field_id inner, uint64_t v)
{
    lhs_spec l = {base, go_fields[outer].owner, go_fields[outer].name, go_fields[inner].name, -1,
                  NULL};
    write_traced(mc, base + go_fields[outer].off + go_fields[inner].off, &go_fields[inner], v,
                 &l);
}

void wr_elem(machine *mc, uint64_t base, go_field_id array, uint32_t index, uint64_t v)
{
    /* Arrays sim writes hold g pointers (p.runq) or words (m.tls). */
    go_field elem = {"", "", 0, 8, array == F_p_runq ? KIND_GPTR : KIND_UPTR, "", T__COUNT};
    lhs_spec l = {base, go_fields[array].owner, go_fields[array].name, NULL, index, NULL};
    write_traced(mc, base + go_fields[array].off + 8ULL * index, &elem, v, &l);
}

void wr_word(machine *mc, uint64_t addr, uint64_t v, const char *what)
{
    go_field word = {"", "", 0, 8, KIND_UPTR, "", T__COUNT};
    lhs_spec l = {addr, T__COUNT, NULL, NULL, -1, what};
    write_traced(mc, addr, &word, v, &l);
}

void wr_slice_nil(machine *mc, uint64_t base, go_field_id f)
{
    static const char *const part[] = {"ptr", "len", "cap"};
    go_field word = {"", "", 0, 8, KIND_UPTR, "", T__COUNT};
    for (int i = 0; i < 3; i++) {
        word.kind = i ? KIND_U64 : KIND_UPTR;
        lhs_spec l = {base, go_fields[f].owner, go_fields[f].name, part[i], -1, NULL};
        write_traced(mc, base + go_fields[f].off + 8ULL * (uint64_t)i, &word, 0, &l);
    }
}
