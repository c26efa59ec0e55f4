/* Layouts and Go binaries: the Go version a binary was built with, the
 * layout of its runtime structures as its own DWARF has them, and how that
 * differs from sim's table for the version. */
#ifndef RUNTIME_MODEL_LAYOUT_DWARF_H
#define RUNTIME_MODEL_LAYOUT_DWARF_H
#include "linux/dwarf_types.h"
#include "runtime_model/layout.h"

/* Every field of the table that the binary's DWARF has, placed as it has
 * it (a field it lacks gets size 0), and the types' sizes.  VERSION is
 * written into OUT.  0, or -1 with a reason in WHY when the DWARF lacks
 * runtime.g, runtime.m, runtime.p or runtime.schedt. */
int go_layout_from_dwarf(dwarf_types *dt, const char *version, go_layout *out, char *why,
                         size_t len);

/* The fields and types where TABLE and DW disagree, one line each
 * ("g.goid: go1.19 152+8, DWARF 160+8") into OUT; the count. */
int go_layout_diff(const go_layout *table, const go_layout *dw, char *out, size_t len);

#endif
