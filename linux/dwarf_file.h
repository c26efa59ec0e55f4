/* An executable's DWARF opened through libdw (elfutils), for the line
 * table (elf_image.c) and the struct layouts (dwarf_types.c). */
#ifndef LINUX_DWARF_FILE_H
#define LINUX_DWARF_FILE_H
#include "linux/elf.h"
#include <elfutils/libdw.h>
#include <libelf.h>

typedef struct {
    int fd;
    Elf *elf;
    char *copy;
    Dwarf *dw;
} dwarf_file;

/* libdw reads the file by PATH, or, when PATH is NULL, an Elf over a copy
 * of F's bytes (elf_memory takes a writable buffer, and F's may be
 * read-only).  0, or -1 with a one-line reason in WHY; close D either way. */
int dwarf_file_open(const char *path, const elf_file *f, dwarf_file *d, char *why, size_t len);
void dwarf_file_close(dwarf_file *d);

#endif
