/* sim's program image (cpu/link.h) from a parsed Go executable: its loads
 * as segments, its .symtab as symbols and its DWARF line table as the
 * source lines, so the trace, the debugger and the models read a real
 * binary as they read a linked model-mode program. */
#ifndef LINUX_ELF_IMAGE_H
#define LINUX_ELF_IMAGE_H
#include "cpu/link.h"
#include "linux/elf.h"

/* Build IMG from F (which elf_parse accepted):
 *  - one segment per load, from its page below to the page above its end:
 *    the file's bytes and zeros past them (the bss), "text" if executable,
 *    else "data" if writable, else "rodata";
 *  - symbols from .symtab (functions, objects, and untyped symbols with a
 *    value) inside the loads, with their .symtab names ("runtime.main");
 *  - one line per run of DWARF rows with the same file and line;
 *  - hash: FNV-1a 64 of the loads' file bytes in order.
 * PATH is the file F was read from: libdw reads the DWARF from it (NULL:
 * from a copy of F's bytes).  A binary without .symtab or DWARF still gives
 * an image, without symbols or lines.  0, or -1 with a one-line reason in
 * WHY (and IMG empty). */
int elf_image_build(const char *path, const elf_file *f, image *img, char *why, size_t whylen);

#endif
