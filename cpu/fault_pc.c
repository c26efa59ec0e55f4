/* Finds the faulting instruction of a block: see fault_pc.h. */
#include "cpu/fault_pc.h"
#include <stdlib.h>

/* A 64-bit general register's value, or false for any other register. */
static bool reg_value(emu *e, x86_reg r, uint64_t next_pc, uint64_t *v)
{
    static const struct { x86_reg cs; emu_reg emu; } map[] = {
        {X86_REG_RAX, R_RAX}, {X86_REG_RBX, R_RBX}, {X86_REG_RCX, R_RCX}, {X86_REG_RDX, R_RDX},
        {X86_REG_RSI, R_RSI}, {X86_REG_RDI, R_RDI}, {X86_REG_RBP, R_RBP}, {X86_REG_RSP, R_RSP},
        {X86_REG_R8, R_R8},   {X86_REG_R9, R_R9},   {X86_REG_R10, R_R10}, {X86_REG_R11, R_R11},
        {X86_REG_R12, R_R12}, {X86_REG_R13, R_R13}, {X86_REG_R14, R_R14}, {X86_REG_R15, R_R15},
    };
    if (r == X86_REG_INVALID) {
        *v = 0;
        return true;
    }
    if (r == X86_REG_RIP) {
        *v = next_pc;
        return true;
    }
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (map[i].cs == r) {
            *v = emu_reg_get(e, map[i].emu);
            return true;
        }
    return false;
}

static bool covers(uint64_t lo, uint64_t size, uint64_t addr)
{
    return addr - lo < (size ? size : 1);
}

/* Whether instruction I, run with the registers as they are, accesses ADDR. */
static bool touches(emu *e, const cs_insn *in, uint64_t addr, bool write)
{
    const cs_x86 *x = &in->detail->x86;
    uint64_t sp = emu_reg_get(e, R_RSP);
    switch (in->id) {   /* the stack accesses Capstone leaves implicit */
    case X86_INS_PUSH: case X86_INS_CALL: case X86_INS_PUSHFQ:
        if (write && covers(sp - 8, 8, addr))
            return true;
        break;
    case X86_INS_POP: case X86_INS_RET: case X86_INS_POPFQ:
        if (!write && covers(sp, 8, addr))
            return true;
        break;
    default:
        break;
    }
    for (int k = 0; k < x->op_count; k++) {
        const cs_x86_op *op = &x->operands[k];
        if (op->type != X86_OP_MEM)
            continue;
        /* A read of the address does not take a write fault there (Go's
         * nil check `TESTB AL, (DX)` comes just before the store it
         * guards), nor a write a read fault.  Where Capstone leaves the
         * access unknown (0), the operand counts either way. */
        if (op->access && !(op->access & (write ? CS_AC_WRITE : CS_AC_READ)))
            continue;
        uint64_t base, index, seg = 0;
        if (!reg_value(e, op->mem.base, in->address + in->size, &base) ||
            !reg_value(e, op->mem.index, in->address + in->size, &index))
            continue;
        if (op->mem.segment == X86_REG_FS)
            seg = emu_reg_get(e, R_FS_BASE);
        uint64_t ea = seg + base + index * (uint64_t)op->mem.scale + (uint64_t)op->mem.disp;
        if (in->id == X86_INS_LEA || in->id == X86_INS_NOP)
            continue;   /* no access */
        if (covers(ea, op->size, addr))
            return true;
    }
    return false;
}

uint64_t fault_pc_find(csh cs, emu *e, uint64_t block, uint32_t size, uint64_t addr, bool write,
                       int *index, bool *exact)
{
    uint8_t buf[4096];
    uint32_t n = size < sizeof buf ? size : (uint32_t)sizeof buf;
    *index = 0;
    *exact = false;
    if (n == 0 || emu_read(e, block, buf, n) != 0)
        return block;
    cs_option(cs, CS_OPT_DETAIL, CS_OPT_ON);
    cs_insn *in;
    size_t k = cs_disasm(cs, buf, n, block, 0, &in);
    cs_option(cs, CS_OPT_DETAIL, CS_OPT_OFF);
    uint64_t pc = block;
    int found = 0;
    for (size_t i = 0; i < k; i++)
        if (touches(e, &in[i], addr, write)) {
            if (found++ == 0) {
                pc = in[i].address;
                *index = (int)i;
            }
        }
    *exact = found == 1;
    if (k)
        cs_free(in, k);
    return pc;
}
