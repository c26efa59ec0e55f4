/* See fault_where.h. */
#include "sim/fault_where.h"
#include <stdio.h>
#include <string.h>

const char *fault_where(const image *img, emu *cpu, uint64_t pc, char *buf, size_t len)
{
    if (image_sym_at(img, pc))
        return image_symbolize(img, pc, buf, len);
    uint64_t pcs[EMU_RECENT];
    int n = emu_recent(cpu, pcs, EMU_RECENT);
    for (int i = n - 1; i >= 0; i--) {
        const image_sym *s = image_sym_at(img, pcs[i]);
        if (!s)
            continue;
        char at[128];
        snprintf(buf, len, "%s %s (the last instruction in a symbol: 0x%llx %s)",
                 pc > s->addr ? "past the end of" : "outside", s->name,
                 (unsigned long long)pcs[i], image_symbolize(img, pcs[i], at, sizeof at));
        return buf;
    }
    snprintf(buf, len, "0x%llx", (unsigned long long)pc);
    return buf;
}

const char *fault_why(const image *img, emu *cpu, uint64_t pc, const char *why, char *buf,
                      size_t len)
{
    char where[400];
    if (image_sym_at(img, pc) || !strncmp(fault_where(img, cpu, pc, where, sizeof where), "0x", 2))
        snprintf(buf, len, "%s", why);
    else
        snprintf(buf, len, "%s, %s", why, where);
    return buf;
}
