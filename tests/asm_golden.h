/* Helpers shared by the assembler tests: reading Go's `-S` listings (the
 * committed *.golden vectors) and comparing them with an asm_object. */
#ifndef TESTS_ASM_GOLDEN_H
#define TESTS_ASM_GOLDEN_H
#include "cpu/asm.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t pc;
    int line;
    char text[160];
} golden_insn;

typedef struct {
    uint32_t off;
    int size, type;
    char target[128];
    long long addend;
} golden_rel;

typedef struct {
    char name[128];
    size_t size;
    uint8_t *bytes;
    golden_insn *insns;
    size_t ninsns;
    golden_rel *rels;
    size_t nrels;
    bool text;
} golden_sym;

typedef struct {
    golden_sym *syms;
    size_t nsyms;
} golden;

bool golden_parse(const char *listing, golden *g);
void golden_free(golden *g);
char *golden_slurp(const char *path);

/* Include callback reading from the directory given as ctx. */
char *golden_include(void *ctx, const char *name, char **resolved);

/* Compares OBJ with G byte for byte; reports mismatches on stderr.
 * Returns the number of mismatching instructions/relocations (0 = same)
 * and adds the number of instructions checked to *checked. */
int golden_compare(const golden *g, const asm_object *obj, size_t *checked);

/* Round-trips every instruction of OBJ through Capstone: each must decode
 * as exactly one instruction of the same length.  Data directives and
 * lone prefixes (named in G's text) are skipped.  Returns failures. */
int golden_capstone(const golden *g, const asm_object *obj, size_t *checked);

#endif
