/* Capstone wrapper with an open-addressing cache keyed by pc. */
#include "cpu/disasm.h"
#include <capstone/capstone.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { uint64_t pc; char *text; } slot;

struct disasm {
    csh cs;
    slot *slots;
    size_t cap, used;
};

disasm *disasm_new(void)
{
    disasm *d = calloc(1, sizeof *d);
    if (!d || cs_open(CS_ARCH_X86, CS_MODE_64, &d->cs) != CS_ERR_OK) {
        free(d);
        return NULL;
    }
    d->cap = 1024;
    d->slots = calloc(d->cap, sizeof *d->slots);
    return d;
}

void disasm_free(disasm *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->cap; i++)
        free(d->slots[i].text);
    free(d->slots);
    cs_close(&d->cs);
    free(d);
}

static size_t hash(uint64_t pc, size_t cap) { return (size_t)((pc * 0x9e3779b97f4a7c15ULL) >> 20) & (cap - 1); }

static void grow(disasm *d)
{
    slot *old = d->slots;
    size_t oldcap = d->cap;
    d->cap *= 2;
    d->slots = calloc(d->cap, sizeof *d->slots);
    for (size_t i = 0; i < oldcap; i++) {
        if (!old[i].text)
            continue;
        size_t h = hash(old[i].pc, d->cap);
        while (d->slots[h].text)
            h = (h + 1) & (d->cap - 1);
        d->slots[h] = old[i];
    }
    free(old);
}

static char *decode(disasm *d, uint64_t pc, const uint8_t *bytes, size_t len)
{
    cs_insn *insn;
    char buf[192];
    size_t n = cs_disasm(d->cs, bytes, len, pc, 1, &insn);
    if (n == 0)
        return strdup("(bad)");
    if (insn[0].op_str[0])
        snprintf(buf, sizeof buf, "%s %s", insn[0].mnemonic, insn[0].op_str);
    else
        snprintf(buf, sizeof buf, "%s", insn[0].mnemonic);
    cs_free(insn, n);
    return strdup(buf);
}

const char *disasm_at(disasm *d, uint64_t pc, const uint8_t *bytes, size_t len)
{
    size_t h = hash(pc, d->cap);
    while (d->slots[h].text) {
        if (d->slots[h].pc == pc)
            return d->slots[h].text;
        h = (h + 1) & (d->cap - 1);
    }
    if (2 * (d->used + 1) > d->cap) {
        grow(d);
        return disasm_at(d, pc, bytes, len);
    }
    d->slots[h].pc = pc;
    d->slots[h].text = decode(d, pc, bytes, len);
    d->used++;
    return d->slots[h].text;
}
