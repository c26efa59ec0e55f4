/* Which instruction of a block took a memory fault, when Unicorn cannot
 * say (no per-instruction hook: its rip is then the last one it synced).
 * The registers are as they were just before the faulting instruction, so
 * the faulting instruction is one whose memory operand, computed from the
 * registers as they are now, covers the fault address.  Of several such
 * instructions the first is taken: had a later one faulted, the first
 * would have read or written the same address before it, unless a
 * register in its address changed in between (then the choice is a
 * guess, and EXACT says so). */
#ifndef CPU_FAULT_PC_H
#define CPU_FAULT_PC_H
#include "cpu/emu.h"
#include <capstone/capstone.h>
#include <stdbool.h>
#include <stdint.h>

/* The faulting pc in the block [block, block+size); *INDEX is its position
 * in the block (0 for the first instruction).  Falls back to BLOCK. */
uint64_t fault_pc_find(csh cs, emu *e, uint64_t block, uint32_t size, uint64_t addr, bool write,
                       int *index, bool *exact);

#endif
