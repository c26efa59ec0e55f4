/* A real binary's Go version and layout: see go_binary.h. */
#include "runtime_model/go_binary.h"
#include "linux/dwarf_types.h"
#include "runtime_model/layout_dwarf.h"
#include <stdio.h>
#include <string.h>

/* LEN bytes of the image at ADDR (all inside one segment), else false. */
static bool image_bytes(const image *img, uint64_t addr, void *buf, size_t len)
{
    for (int i = 0; i < img->nsegs; i++) {
        const image_segment *s = &img->segs[i];
        if (addr >= s->addr && addr - s->addr <= s->size && len <= s->size - (addr - s->addr)) {
            memcpy(buf, s->bytes + (addr - s->addr), len);
            return true;
        }
    }
    return false;
}

/* runtime.buildVersion: a Go string (pointer, length) set by the linker. */
static bool from_build_version(const image *img, char *buf, size_t len)
{
    uint64_t hdr[2], at = image_addr(img, "runtime.buildVersion");
    if (!at || !image_bytes(img, at, hdr, sizeof hdr) || hdr[1] == 0 || hdr[1] >= len)
        return false;
    if (!image_bytes(img, hdr[0], buf, hdr[1]))
        return false;
    buf[hdr[1]] = 0;
    return strncmp(buf, "go", 2) == 0;
}

/* The build info section: a 32-byte header ("\xff Go buildinf:", pointer
 * size, flags), then, when flag 2 says the strings are inline (go1.18
 * on), the version as a uvarint length and its bytes. */
static bool from_build_info(const elf_file *f, char *buf, size_t len)
{
    elf_section s;
    for (uint32_t i = 1; i < f->shnum && elf_section_get(f, i, &s); i++) {
        if (strcmp(s.name, ".go.buildinfo") != 0 || s.size < 33 || s.offset > f->size ||
            s.size > f->size - s.offset)
            continue;
        const uint8_t *p = f->data + s.offset;
        if (memcmp(p, "\xff Go buildinf:", 14) != 0 || !(p[15] & 2))
            return false;
        uint64_t n = 0;
        size_t at = 32;
        for (int shift = 0; at < s.size && shift < 64; shift += 7) {
            uint8_t b = p[at++];
            n |= (uint64_t)(b & 0x7f) << shift;
            if (!(b & 0x80))
                break;
        }
        if (n == 0 || n >= len || n > s.size - at)
            return false;
        memcpy(buf, p + at, n);
        buf[n] = 0;
        return strncmp(buf, "go", 2) == 0;
    }
    return false;
}

void go_binary_version(const elf_file *f, const image *img, char *buf, size_t len)
{
    if (!from_build_version(img, buf, len) && !from_build_info(f, buf, len))
        buf[0] = 0;
}

void go_binary_inspect(const char *path, const elf_file *f, const image *img, go_binary *out)
{
    memset(out, 0, sizeof *out);
    go_binary_version(f, img, out->version, sizeof out->version);
    const go_layout *table = out->version[0] ? go_layout_for_version(out->version) : NULL;
    char why[256] = "it has no DWARF";
    dwarf_types *dt = f->has_dwarf ? dwarf_types_open(path, f, why, sizeof why) : NULL;
    if (dt && go_layout_from_dwarf(dt, out->version[0] ? out->version : "unknown", &out->dwarf, why,
                                   sizeof why) == 0)
        out->has_dwarf = true;
    dwarf_types_close(dt);
    const char *ver = out->version[0] ? out->version : "an unknown Go version";
    if (table && out->has_dwarf) {
        out->differences = go_layout_diff(table, &out->dwarf, out->diff, sizeof out->diff);
        out->layout = out->differences ? &out->dwarf : table;
        if (out->differences)
            snprintf(out->note, sizeof out->note,
                     "%s: sim's %s table differs from the binary's DWARF in %d places; using the DWARF",
                     ver, table->version, out->differences);
        else
            snprintf(out->note, sizeof out->note, "%s: sim's %s table, which the binary's DWARF confirms",
                     ver, table->version);
    } else if (table) {
        out->layout = table;
        snprintf(out->note, sizeof out->note, "%s: sim's %s table (not checked: %s)", ver,
                 table->version, why);
    } else if (out->has_dwarf) {
        out->layout = &out->dwarf;
        snprintf(out->note, sizeof out->note, "%s: no table in sim; the layout comes from the binary's DWARF",
                 ver);
    } else {
        snprintf(out->note, sizeof out->note,
                 "%s: no layout (sim has no table for it and %s); it runs without a Go view", ver, why);
    }
}
