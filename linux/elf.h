/* Reading a static linux/amd64 executable held in memory: the ELF header,
 * its loadable segments, and (for the image) its sections and symbols.
 *
 * elf_parse is the gate: whatever it accepts, the other functions here and
 * linux/elf_image.c can read without further bounds checks on the headers,
 * and whatever it refuses gets one line saying why, in terms of how the
 * program was built (sim runs what `CGO_ENABLED=0 go build` makes). */
#ifndef LINUX_ELF_H
#define LINUX_ELF_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ELF_MAX_LOADS 16
#define ELF_USER_TOP 0x800000000000ULL   /* end of the 47-bit user address space */

typedef struct {
    uint64_t vaddr, memsz, filesz, offset;
    uint32_t flags;   /* PF_R|PF_W|PF_X */
} elf_load;

typedef struct {
    const uint8_t *data;   /* the whole file (not owned) */
    size_t size;
    uint64_t entry, phdr_vaddr;   /* phdr_vaddr: where the program headers are mapped (AT_PHDR), 0 if not */
    uint16_t phent, phnum;
    elf_load loads[ELF_MAX_LOADS];   /* PT_LOADs with memsz > 0, in file order */
    int nloads;
    bool has_symtab, has_dwarf;   /* has_dwarf: a .debug_line to read lines from */
    /* The section headers, checked to lie in the file (shnum 0 if there are none). */
    uint64_t shoff;
    uint32_t shnum, shstrndx;
    uint32_t symtab;   /* section index of .symtab, 0 if none */
} elf_file;

typedef struct {
    const char *name;   /* "" when the name table is missing or broken */
    uint32_t type, link;
    uint64_t flags, addr, offset, size, entsize;
} elf_section;

typedef struct {
    const char *name;   /* points into the file */
    uint64_t value, size;
    uint8_t type, bind;   /* STT_*, STB_* */
    uint16_t shndx;
} elf_symbol;

/* Write the reason FMT into WHY (LEN bytes) and return -1: how every
 * refusal of elf_parse and elf_image_build is made. */
int elf_refuse(char *why, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The magic only. */
bool elf_is_elf(const uint8_t *data, size_t size);

/* 0, or -1 with a one-line reason in WHY (no trailing newline). */
int elf_parse(const uint8_t *data, size_t size, elf_file *out, char *why, size_t whylen);

/* Section I of a parsed file; false if there is no such section. */
bool elf_section_get(const elf_file *f, uint32_t i, elf_section *out);

/* The .symtab's entries (entry 0 is the null symbol).  elf_symbol_get is
 * false past the end and for an entry whose name is not a string inside
 * the string table. */
size_t elf_symbol_count(const elf_file *f);
bool elf_symbol_get(const elf_file *f, size_t i, elf_symbol *out);

/* The load holding ADDR in memory (AT_END: or ending exactly at it), or NULL. */
const elf_load *elf_load_at(const elf_file *f, uint64_t addr, bool at_end);

#endif
