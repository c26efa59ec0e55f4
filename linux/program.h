/* An executable read and parsed once, and processes started from it: what
 * `sim run PROG` does once, and what the debugger does again each time it
 * goes back (it replays a real program from its start). */
#ifndef LINUX_PROGRAM_H
#define LINUX_PROGRAM_H
#include "cpu/link.h"
#include "linux/elf.h"
#include "linux/loader.h"
#include "linux/process.h"

typedef struct {
    uint8_t *data;     /* the file's bytes (elf points into them) */
    elf_file elf;
    image img;         /* segments, symbols, DWARF lines */
    lx_tsc_sites tsc;  /* where its RDTSCs are */
} lx_program;

/* Read, check and build PATH's image.  0, or -1 with a one-line reason in
 * WHY (PROG is then empty). */
int lx_program_read(lx_program *prog, const char *path, char *why, size_t len);
void lx_program_free(lx_program *prog);

/* A new process of PROG on CPU (an emu_new_real whose earlier process, if
 * any, was closed with lx_close), at its entry point.  0, or -1 with a
 * message on DIAG. */
int lx_start(lx_process *pr, emu *cpu, const lx_program *prog, const lx_params *p, FILE *diag);

#endif
