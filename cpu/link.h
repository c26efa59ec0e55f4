/* The linker: lays assembled objects and the models' symbols out in the
 * emulated address space and resolves relocations, giving the program image
 * that is mapped into the CPU.  Layout (addresses as in a Go static binary):
 *
 *   0x300000  model stubs: 16 bytes of INT3 per modelled Go function, never run
 *             (the emulator stops at a stub's address: cpu/emu.c)
 *   0x401000  text: TEXT symbols, 32-byte aligned, padded with INT3 as Go pads
 *   next page rodata (RODATA), then data (DATA), then bss (GLOBL without DATA
 *             and the models' globals such as runtime·g0, runtime·sched) */
#ifndef CPU_LINK_H
#define CPU_LINK_H
#include "cpu/asm.h"
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define LINK_STUB_BASE 0x300000ULL
#define LINK_STUB_SIZE 16
#define LINK_TEXT_BASE 0x401000ULL

typedef enum { SYM_TEXT, SYM_RODATA, SYM_DATA, SYM_BSS, SYM_MODEL } sym_kind;

typedef struct {
    char *name;
    uint64_t addr, size;
    sym_kind kind;
} image_sym;

/* One instruction of the text, for the trace's source column (from an
 * executable's DWARF: a run of instructions of one source line). */
typedef struct {
    uint64_t addr;
    uint32_t len;
    const char *file;
    int line;
    bool inserted;
} image_line;

typedef struct {
    uint64_t addr, size;
    uint8_t *bytes;      /* size bytes */
    bool write, exec;
    const char *name;    /* "text", "rodata", "data", "bss", "stubs" */
} image_segment;

/* What the models contribute: functions get a stub each, data a zeroed
 * slot (with an optional pointer to a model function, for funcvals). */
typedef struct {
    const char *name;
    bool is_func;
    uint64_t size;         /* data only */
    const char *points_to; /* data only: first word = address of this symbol */
    /* functions only: the ABI0 wrapper (as Go's linker puts in front of a
     * Go function called from assembly) that the sources' references go
     * through instead, when a source defines it; NULL: none.  The
     * wrapper's own reference reaches the function. */
    const char *abi0;
} link_model_sym;

typedef struct {
    image_segment segs[5];
    int nsegs;
    image_sym *syms;       /* sorted by address */
    size_t nsyms;
    size_t *by_name;       /* indices into syms, sorted by name (lookups by name) */
    image_line *lines;     /* sorted by address */
    size_t nlines;
    uint64_t hash;         /* FNV-1a of the text, rodata and data bytes (an executable's: of its
                              loads' file bytes, linux/elf_image.h) */
    char **files;          /* owned copies of the file names lines point at */
    size_t nfiles;
} image;

/* Link OBJS with the model symbols.  A symbol the sources define wins over a
 * model of the same name.  Errors (undefined or duplicate symbols) are
 * reported as "file:line: message" to DIAG; returns their count. */
int link_image(asm_object *objs, size_t nobjs, const link_model_sym *models,
               size_t nmodels, image *out, FILE *diag);

void image_free(image *img);

/* Symbol whose range holds ADDR (or the nearest one below within 64 KiB), NULL if none. */
const image_sym *image_sym_at(const image *img, uint64_t addr);
const image_sym *image_sym_named(const image *img, const char *name);
uint64_t image_addr(const image *img, const char *name);   /* 0 if undefined */
/* The same, also spelled the other way: runtime.main for runtime·main and
 * back (Go's and Plan 9's spellings of one name). */
uint64_t image_addr_any(const image *img, const char *name);
/* The line starting at ADDR (a real instruction before a zero-length
 * pseudo-op), else the one whose [addr, addr+len) covers it; NULL if none. */
const image_line *image_line_at(const image *img, uint64_t addr);

/* "runtime·main+12" (or "runtime·main") into BUF; "0x..." when no symbol. */
const char *image_symbolize(const image *img, uint64_t addr, char *buf, size_t len);

#endif
