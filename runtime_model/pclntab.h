/* A real Go binary's function table (pclntab), read from emulated memory
 * where the runtime itself reads it: for each function its entry and its
 * SP-delta table (pcsp), which says at every pc how many bytes the
 * function has pushed or subtracted below its return address.  That is
 * what unwinds a frame without a frame pointer (assembly functions, the
 * first instructions of any function), as Go's own traceback does.
 * The format is go1.18's and later (go1.19: magic 0xfffffff0; go1.20 and
 * later: 0xfffffff1, whose _func also holds startLine). */
#ifndef RUNTIME_MODEL_PCLNTAB_H
#define RUNTIME_MODEL_PCLNTAB_H
#include "cpu/emu.h"
#include "cpu/link.h"
#include "linux/elf.h"
#include <stdbool.h>
#include <stdint.h>

typedef struct {
    emu *cpu;
    uint64_t hdr;          /* the pcHeader */
    uint64_t nfunc;
    uint64_t text;         /* textStart: function entries are offsets from it */
    uint64_t functab;      /* hdr + pclnOffset: {entryoff, funcoff} pairs, then _func records */
    uint64_t pctab;        /* hdr + pctabOffset */
    uint64_t funcname;     /* hdr + funcnameOffset */
} go_pcln;

/* Find the table of IMG's program in CPU's memory (runtime.pclntab, else
 * runtime.firstmoduledata's pcHeader, else HDR: the .gopclntab section's
 * address, which a stripped binary keeps; 0 if unknown).  0, or -1 when
 * there is none (the model mode) or its magic is unknown. */
int go_pcln_open(emu *cpu, const image *img, uint64_t hdr, go_pcln *out);

/* The address of ELF's .gopclntab section, 0 if it has none. */
uint64_t go_pcln_section(const elf_file *elf);

/* The function holding PC: its entry, and its SP delta at PC (bytes from
 * SP up to the return address).  False when PC is in no function or the
 * table does not cover it. */
bool go_pcln_spdelta(const go_pcln *t, uint64_t pc, uint64_t *entry, int64_t *delta);

/* The function's name as the table spells it ("runtime.mstart"), into BUF;
 * false when PC is in no function. */
bool go_pcln_name(const go_pcln *t, uint64_t pc, char *buf, size_t len);

#endif
