/* Struct layouts from an executable's DWARF (libdw): the sizes and member
 * offsets the compiler actually used, so that the runtime layer can check
 * its tables against a binary, or take a layout from a binary whose Go
 * version it has no table for.  Nothing here knows Go's types. */
#ifndef LINUX_DWARF_TYPES_H
#define LINUX_DWARF_TYPES_H
#include "linux/elf.h"
#include <stdint.h>

typedef struct dwarf_types dwarf_types;

/* Index the named struct types of PATH's DWARF (or of F's bytes when PATH
 * is NULL).  NULL, with a one-line reason in WHY, when there is none. */
dwarf_types *dwarf_types_open(const char *path, const elf_file *f, char *why, size_t len);
void dwarf_types_close(dwarf_types *t);

/* The struct type called NAME ("runtime.g"): a handle, nonzero, and its
 * byte size in *SIZE; 0 when there is no such struct. */
uint64_t dwarf_struct_named(dwarf_types *t, const char *name, uint64_t *size);

/* Member NAME of struct TYPE.  A name that is not a direct member is looked
 * for in the embedded (anonymous) members, as Go's promoted fields are.
 * 0 with its byte offset, its byte size and, when its type is a struct,
 * that struct's handle in *MTYPE (else 0); -1 when there is no such member. */
int dwarf_struct_member(dwarf_types *t, uint64_t type, const char *name, uint64_t *off,
                        uint64_t *size, uint64_t *mtype);

/* The innermost member holding byte OFF of struct TYPE, as a path
 * (".sched.sp", ".runq[3]", ".limiterEvent.stamp") in PATH, with that
 * member's offset and size from the struct's start.  0, or -1 when OFF
 * falls in no member (padding). */
int dwarf_struct_path_at(dwarf_types *t, uint64_t type, uint64_t off, char *path, size_t len,
                         uint64_t *foff, uint64_t *fsize);

#endif
