/* Reading a Go binary's pclntab: see pclntab.h.
 *
 * The pcHeader: magic (u32), two pad bytes, the pc quantum (1 on amd64)
 * and the pointer size, then words: nfunc, nfiles, textStart and the
 * offsets of the name, CU, file, pc-value and function tables.  The
 * function table is nfunc+1 pairs of u32 (entry offset from textStart,
 * offset of the _func record); a _func starts with u32 fields: entryOff,
 * nameOff, args, deferreturn, pcsp, pcfile, pcln, …
 *
 * A pc-value table is a run of pairs of unsigned varints: a value delta
 * (zig-zag: bit 0 set means negative) and a pc delta (times the quantum).
 * The value starts at -1 at the function's entry; each pair says the value
 * holds up to the pc reached; a zero value delta after the first pair ends
 * the table. */
#include "runtime_model/pclntab.h"
#include <stdio.h>
#include <string.h>

#define MAGIC_GO118 0xfffffff0u   /* go1.18, go1.19 */
#define MAGIC_GO120 0xfffffff1u   /* go1.20 and later */

static uint64_t rd(const go_pcln *t, uint64_t addr, int size)
{
    return emu_mapped(t->cpu, addr, (size_t)size) ? emu_read_u(t->cpu, addr, size) : 0;
}

uint64_t go_pcln_section(const elf_file *elf)
{
    elf_section s;
    for (uint32_t i = 1; i < elf->shnum && elf_section_get(elf, i, &s); i++)
        if (strcmp(s.name, ".gopclntab") == 0)
            return s.addr;
    return 0;
}

int go_pcln_open(emu *cpu, const image *img, uint64_t section, go_pcln *out)
{
    uint64_t hdr = image_addr(img, "runtime.pclntab");
    uint64_t md = image_addr(img, "runtime.firstmoduledata");
    if (!hdr && md && emu_mapped(cpu, md, 8))
        hdr = emu_read_u(cpu, md, 8);   /* moduledata starts with its pcHeader pointer */
    if (!hdr)
        hdr = section;
    if (!hdr || !emu_mapped(cpu, hdr, 72))
        return -1;
    uint32_t magic = (uint32_t)emu_read_u(cpu, hdr, 4);
    if ((magic != MAGIC_GO118 && magic != MAGIC_GO120) || emu_read_u(cpu, hdr + 6, 1) != 1 ||
        emu_read_u(cpu, hdr + 7, 1) != 8)
        return -1;
    *out = (go_pcln){cpu, hdr, emu_read_u(cpu, hdr + 8, 8), emu_read_u(cpu, hdr + 24, 8),
                     hdr + emu_read_u(cpu, hdr + 64, 8), hdr + emu_read_u(cpu, hdr + 56, 8),
                     hdr + emu_read_u(cpu, hdr + 32, 8)};
    return out->nfunc && emu_mapped(cpu, out->functab, 8 * (out->nfunc + 1)) ? 0 : -1;
}

/* The _func record of the function holding PC, 0 if none; *ENTRY its entry. */
static uint64_t func_at(const go_pcln *t, uint64_t pc, uint64_t *entry)
{
    if (pc < t->text)
        return 0;
    uint64_t off = pc - t->text, lo = 0, hi = t->nfunc;   /* the last entry <= off */
    if (off >= rd(t, t->functab + 8 * t->nfunc, 4))      /* past the end of the text */
        return 0;
    while (hi - lo > 1) {
        uint64_t mid = (lo + hi) / 2;
        if (rd(t, t->functab + 8 * mid, 4) <= off)
            lo = mid;
        else
            hi = mid;
    }
    if (rd(t, t->functab + 8 * lo, 4) > off)
        return 0;
    *entry = t->text + rd(t, t->functab + 8 * lo, 4);
    return t->functab + rd(t, t->functab + 8 * lo + 4, 4);
}

static bool varint(const go_pcln *t, uint64_t *at, uint64_t *v)
{
    *v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
        uint64_t b = rd(t, (*at)++, 1);
        *v |= (b & 0x7f) << shift;
        if (!(b & 0x80))
            return true;
    }
    return false;
}

/* The value of the pc-value table at offset OFF for PC, in a function at ENTRY. */
static bool pcvalue(const go_pcln *t, uint32_t off, uint64_t entry, uint64_t pc, int64_t *out)
{
    if (!off)
        return false;
    uint64_t at = t->pctab + off, cur = entry;
    int64_t val = -1;
    for (int n = 0; n < 100000; n++) {
        uint64_t uv, dpc;
        if (!varint(t, &at, &uv) || (uv == 0 && n > 0) || !varint(t, &at, &dpc))
            return false;
        val += (uv & 1) ? -(int64_t)((uv + 1) >> 1) : (int64_t)(uv >> 1);
        cur += dpc;
        if (pc < cur) {
            *out = val;
            return true;
        }
    }
    return false;
}

bool go_pcln_spdelta(const go_pcln *t, uint64_t pc, uint64_t *entry, int64_t *delta)
{
    uint64_t f = func_at(t, pc, entry);
    return f && pcvalue(t, (uint32_t)rd(t, f + 16, 4), *entry, pc, delta) && *delta >= 0;
}

bool go_pcln_name(const go_pcln *t, uint64_t pc, char *buf, size_t len)
{
    uint64_t entry, f = func_at(t, pc, &entry);
    if (!f || !len)
        return false;
    uint64_t at = t->funcname + (uint32_t)rd(t, f + 4, 4);
    size_t n = 0;
    for (; n + 1 < len; n++)
        if (!(buf[n] = (char)rd(t, at + n, 1)))
            break;
    buf[n] = 0;
    return n > 0;
}
