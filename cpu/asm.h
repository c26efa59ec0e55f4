/* The Plan 9 (Go) amd64 assembler: source text in, relocatable object out.
 *
 * Encodings follow `go tool asm` (go1.19) byte for byte.  Symbols keep the
 * source spelling with the middle dot ("runtime·rt0_go"); a file-local symbol
 * keeps its "<>" suffix ("runtime·gogo<>"); ABI selectors such as
 * "<ABIInternal>" are dropped from names.  References to symbols the file
 * does not define are left as relocations for the linker (cpu/link.h).
 *
 * TLS operands (`MOVQ TLS, BX` then `0(BX)(TLS*1)`) are encoded as a static
 * linux/amd64 executable has them after linking: FS-relative with
 * displacement -8 (g lives at %fs:-8), so no relocation is left for them. */
#ifndef CPU_ASM_H
#define CPU_ASM_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* TEXT/GLOBL flags, values as in Go's textflag.h. */
enum {
    ASM_NOPROF = 1, ASM_DUPOK = 2, ASM_NOSPLIT = 4, ASM_RODATA = 8,
    ASM_NOPTR = 16, ASM_WRAPPER = 32, ASM_NEEDCTXT = 64, ASM_TLSBSS = 256,
    ASM_NOFRAME = 512, ASM_REFLECTMETHOD = 1024, ASM_TOPFRAME = 2048,
    ASM_ABIWRAPPER = 4096,
};

typedef enum { ASM_SYM_TEXT, ASM_SYM_DATA } asm_sym_kind;

typedef enum {
    ASM_RELOC_PCREL32,   /* 4-byte field = target + addend - (field address + 4) */
    ASM_RELOC_CALL32,    /* same arithmetic; a CALL/JMP target (Go's R_CALL) */
    ASM_RELOC_ADDR64,    /* 8-byte field = target + addend (DATA $sym(SB)) */
    ASM_RELOC_ADDR32,    /* 4-byte field = target + addend, absolute */
} asm_reloc_type;

typedef struct {
    uint32_t off;        /* offset of the field within the symbol */
    uint8_t size;        /* field size in bytes */
    asm_reloc_type type;
    char *target;        /* symbol name, as in asm_symbol.name */
    int64_t addend;
    const char *file;    /* where the reference was written */
    int line;
} asm_reloc;

/* One machine instruction (or BYTE/WORD/LONG/QUAD datum) of a TEXT symbol. */
typedef struct {
    uint32_t off;        /* offset within the symbol */
    uint32_t len;        /* bytes (0 for NOP and other pseudo-instructions) */
    const char *file;    /* source file that holds the line (may be an #include) */
    int line;            /* 1-based */
    bool inserted;       /* prologue/epilogue the assembler added, as Go does */
} asm_insn;

typedef struct {
    char *name;
    asm_sym_kind kind;
    int flags;           /* ASM_* */
    bool local;          /* file-local: name<> */
    int64_t frame;       /* TEXT: declared frame size ($frame-args), -8 allowed */
    int64_t args;        /* TEXT: argument size, or -1 when not given */
    uint8_t *data;       /* TEXT: code; DATA: initialised bytes (zeros elsewhere) */
    size_t size;         /* TEXT: code size; DATA: GLOBL size */
    asm_reloc *relocs;
    size_t nrelocs;
    asm_insn *insns;     /* TEXT only */
    size_t ninsns;
    const char *file;    /* where TEXT/GLOBL appears */
    int line;
    int col;             /* of the symbol's name on that line */
} asm_symbol;

typedef struct {
    asm_symbol *syms;
    size_t nsyms;
    /* Interned file names referred to by the const char *file fields. */
    char **files;
    size_t nfiles;
} asm_object;

/* How #include "name" finds files: return a malloc'd NUL-terminated copy of
 * the file's text and set *resolved to a malloc'd path for diagnostics, or
 * return NULL if there is no such file.  textflag.h is built in and never
 * reaches the callback.  Where the callback is NULL, includes are looked up
 * relative to the including file's directory. */
typedef char *(*asm_include_fn)(void *ctx, const char *name, char **resolved);

typedef struct {
    asm_include_fn include;
    void *include_ctx;
    FILE *diag;          /* where "file:line:col: message" lines go (stderr if NULL) */
    /* Whose frames to insert: 19 (go1.19's, also when 0) or 21 (go1.21's:
     * PUSHQ BP; MOVQ SP, BP, and frameless only for NOFRAME or leaves
     * without a frame).  Encodings are the same in both. */
    int go_minor;
} asm_options;

/* Assemble TEXT (the contents of FILENAME).  Every error in the file is
 * reported to opt->diag as "file:line:col: message"; returns the number of
 * errors (0 on success, and *out is then filled). */
int asm_assemble(const char *filename, const char *text, const asm_options *opt,
                 asm_object *out);

void asm_object_free(asm_object *obj);

/* `sim asm FILE.s [-S] [-o FILE]`: exit status 0, or 2 on bad input.
 * INCLUDE (may be NULL) resolves #include as in asm_options. */
int asm_cli_main(int argc, char **argv, asm_include_fn include, void *include_ctx);

#endif
