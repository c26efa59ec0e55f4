/* Capstone disassembly (Intel syntax), cached by address: each distinct
 * instruction is decoded once, however often it runs. */
#ifndef CPU_DISASM_H
#define CPU_DISASM_H
#include <stddef.h>
#include <stdint.h>

typedef struct disasm disasm;

disasm *disasm_new(void);
void disasm_free(disasm *d);

/* Text of the instruction at PC ("mov rdi, qword ptr [rsp]"), decoded from
 * BYTES on first use.  The string lives as long as D.  Code is never
 * rewritten while a run lasts, so the cache is never invalidated. */
const char *disasm_at(disasm *d, uint64_t pc, const uint8_t *bytes, size_t len);

/* The length of the instruction at PC in bytes, 0 when it does not decode. */
size_t disasm_size(disasm *d, uint64_t pc, const uint8_t *bytes, size_t len);

/* The registers (bits 1 << emu_reg) the instruction at PC can change, rip
 * aside, from Capstone's explicit and implicit operands and flag effects;
 * all of them (EMU_REGS_ALL) for instructions whose effects go further or
 * that the host handles (CPUID, SYSCALL, REP string ops, segment and FS
 * base writes, x87 ...) and when decoding fails. */
uint32_t disasm_writes(disasm *d, uint64_t pc, const uint8_t *bytes, size_t len);

#endif
