/* Where a failed run stopped, for its report: the symbol holding the pc,
 * or, when none does (the program fell off the end of a function into
 * the padding after it, or jumped into the void), the symbol of the last
 * instruction that ran inside one. */
#ifndef SIM_FAULT_WHERE_H
#define SIM_FAULT_WHERE_H
#include "cpu/emu.h"
#include "cpu/link.h"
#include <stddef.h>

/* "main·main+7", or "past the end of main·main (the last instruction in
 * a symbol: 0x401307 main·main+7)", into BUF; "0x..." when no recent
 * instruction had a symbol either.  Callers print the pc before it. */
const char *fault_where(const image *img, emu *cpu, uint64_t pc, char *buf, size_t len);

/* The fault record's why: WHY, and where when no symbol holds PC
 * ("..., past the end of main·main (the last instruction in a symbol:
 * ...)"), into BUF. */
const char *fault_why(const image *img, emu *cpu, uint64_t pc, const char *why, char *buf,
                      size_t len);

#endif
