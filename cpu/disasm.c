/* Capstone wrapper with an open-addressing cache keyed by pc. */
#include "cpu/disasm.h"
#include "cpu/emu.h"
#include <capstone/capstone.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { uint64_t pc; char *text; uint32_t writes; uint8_t size; } slot;

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
    cs_option(d->cs, CS_OPT_DETAIL, CS_OPT_ON);   /* for the registers written */
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

/* The emu_reg a Capstone register is part of (eax, ax, al → rax); -1 for
 * rip and registers sim does not track; -2 for those whose change sim
 * cannot follow this way (segment registers: fs would move fs_base). */
static int tracked_reg(unsigned r)
{
    switch (r) {
    case X86_REG_RAX: case X86_REG_EAX: case X86_REG_AX: case X86_REG_AH: case X86_REG_AL: return R_RAX;
    case X86_REG_RBX: case X86_REG_EBX: case X86_REG_BX: case X86_REG_BH: case X86_REG_BL: return R_RBX;
    case X86_REG_RCX: case X86_REG_ECX: case X86_REG_CX: case X86_REG_CH: case X86_REG_CL: return R_RCX;
    case X86_REG_RDX: case X86_REG_EDX: case X86_REG_DX: case X86_REG_DH: case X86_REG_DL: return R_RDX;
    case X86_REG_RSI: case X86_REG_ESI: case X86_REG_SI: case X86_REG_SIL: return R_RSI;
    case X86_REG_RDI: case X86_REG_EDI: case X86_REG_DI: case X86_REG_DIL: return R_RDI;
    case X86_REG_RBP: case X86_REG_EBP: case X86_REG_BP: case X86_REG_BPL: return R_RBP;
    case X86_REG_RSP: case X86_REG_ESP: case X86_REG_SP: case X86_REG_SPL: return R_RSP;
    case X86_REG_EFLAGS: return R_RFLAGS;
    case X86_REG_CS: case X86_REG_DS: case X86_REG_ES: case X86_REG_FS: case X86_REG_GS:
    case X86_REG_SS: return -2;
    }
    static const unsigned r8[] = {X86_REG_R8, X86_REG_R8D, X86_REG_R8W, X86_REG_R8B};
    for (int k = 0; k < 4; k++)   /* each of r8..r15's forms is consecutive in Capstone */
        if (r >= r8[k] && r < r8[k] + 8)
            return R_R8 + (int)(r - r8[k]);
    return -1;
}

/* Instructions whose effects reach past what Capstone's register lists
 * say, or that the host handles (SYSCALL): every register is read. */
static bool read_all(const cs_insn *i)
{
    switch (i->id) {
    case X86_INS_CPUID: case X86_INS_SYSCALL: case X86_INS_SYSENTER: case X86_INS_RDTSC:
    case X86_INS_RDTSCP: case X86_INS_XGETBV: case X86_INS_RDRAND: case X86_INS_RDSEED:
    case X86_INS_WRFSBASE: case X86_INS_WRGSBASE:
        return true;
    }
    const cs_x86 *x = &i->detail->x86;
    if (x->prefix[0] == X86_PREFIX_REP || x->prefix[0] == X86_PREFIX_REPNE)
        return true;
    for (int g = 0; g < i->detail->groups_count; g++) {
        uint8_t grp = i->detail->groups[g];
        if (grp == X86_GRP_INT || grp == X86_GRP_IRET || grp == X86_GRP_PRIVILEGE ||
            grp == X86_GRP_FPU)
            return true;
    }
    return false;
}

/* Flag bits that say an instruction changes rflags (not only tests it). */
#define FLAGS_TESTED (X86_EFLAGS_TEST_OF | X86_EFLAGS_TEST_SF | X86_EFLAGS_TEST_ZF | \
    X86_EFLAGS_TEST_PF | X86_EFLAGS_TEST_CF | X86_EFLAGS_TEST_NT | X86_EFLAGS_TEST_DF | \
    X86_EFLAGS_TEST_RF | X86_EFLAGS_TEST_IF | X86_EFLAGS_TEST_TF | X86_EFLAGS_TEST_AF)
#define FLAGS_PRIOR (X86_EFLAGS_PRIOR_OF | X86_EFLAGS_PRIOR_SF | X86_EFLAGS_PRIOR_ZF | \
    X86_EFLAGS_PRIOR_AF | X86_EFLAGS_PRIOR_PF | X86_EFLAGS_PRIOR_CF | X86_EFLAGS_PRIOR_TF | \
    X86_EFLAGS_PRIOR_IF | X86_EFLAGS_PRIOR_DF | X86_EFLAGS_PRIOR_NT)

/* The emu_reg bits of the registers the instruction writes: explicit and
 * implicit (rsp for PUSH/CALL, rdx:rax for MUL ...), and rflags. */
static uint32_t writes_of(csh cs, const cs_insn *i)
{
    cs_regs rd, wr;
    uint8_t nrd, nwr;
    if (read_all(i) || cs_regs_access(cs, i, rd, &nrd, wr, &nwr) != CS_ERR_OK)
        return EMU_REGS_ALL;
    uint32_t m = 0;
    for (int k = 0; k < nwr; k++) {
        int r = tracked_reg(wr[k]);
        if (r == -2)
            return EMU_REGS_ALL;
        if (r >= 0)
            m |= 1u << r;
    }
    if (i->detail->x86.eflags & ~(uint64_t)(FLAGS_TESTED | FLAGS_PRIOR))
        m |= 1u << R_RFLAGS;
    return m;
}

static void decode(disasm *d, slot *s, const uint8_t *bytes, size_t len)
{
    cs_insn *insn;
    char buf[192];
    size_t n = cs_disasm(d->cs, bytes, len, s->pc, 1, &insn);
    if (n == 0) {
        s->text = strdup("(bad)");
        s->writes = EMU_REGS_ALL;
        s->size = 0;
        return;
    }
    s->size = (uint8_t)insn[0].size;
    if (insn[0].op_str[0])
        snprintf(buf, sizeof buf, "%s %s", insn[0].mnemonic, insn[0].op_str);
    else
        snprintf(buf, sizeof buf, "%s", insn[0].mnemonic);
    s->writes = writes_of(d->cs, &insn[0]);
    cs_free(insn, n);
    s->text = strdup(buf);
}

static const slot *lookup(disasm *d, uint64_t pc, const uint8_t *bytes, size_t len)
{
    size_t h = hash(pc, d->cap);
    while (d->slots[h].text) {
        if (d->slots[h].pc == pc)
            return &d->slots[h];
        h = (h + 1) & (d->cap - 1);
    }
    if (2 * (d->used + 1) > d->cap) {
        grow(d);
        return lookup(d, pc, bytes, len);
    }
    d->slots[h].pc = pc;
    decode(d, &d->slots[h], bytes, len);
    d->used++;
    return &d->slots[h];
}

const char *disasm_at(disasm *d, uint64_t pc, const uint8_t *bytes, size_t len)
{
    return lookup(d, pc, bytes, len)->text;
}

uint32_t disasm_writes(disasm *d, uint64_t pc, const uint8_t *bytes, size_t len)
{
    return lookup(d, pc, bytes, len)->writes;
}

size_t disasm_size(disasm *d, uint64_t pc, const uint8_t *bytes, size_t len)
{
    return lookup(d, pc, bytes, len)->size;
}
