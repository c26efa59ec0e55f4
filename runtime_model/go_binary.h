/* What sim knows of a real Go binary's runtime before it runs: the Go
 * version it was built with, and the layout of its runtime structures
 * (sim's table for that version, checked against the binary's own DWARF;
 * or the DWARF's, for a version sim has no table for). */
#ifndef RUNTIME_MODEL_GO_BINARY_H
#define RUNTIME_MODEL_GO_BINARY_H
#include "cpu/link.h"
#include "linux/elf.h"
#include "runtime_model/layout.h"
#include <stdbool.h>

typedef struct {
    char version[32];        /* "go1.19.8"; "" when the binary does not say */
    bool has_dwarf;          /* DWARF with the runtime's structs was read */
    go_layout dwarf;         /* that layout (when has_dwarf) */
    int differences;         /* fields where sim's table and the DWARF disagree */
    const go_layout *layout; /* what the Go view uses; NULL: no Go view */
    char note[256];          /* one line on how the layout was chosen */
    char diff[2048];         /* the differences, one per line */
} go_binary;

/* Inspect the binary F (read from PATH, its image IMG).  The version comes
 * from runtime.buildVersion, else from the build info (.go.buildinfo).
 * The layout is the table for the version when the DWARF agrees with it
 * (or there is no DWARF), else the DWARF's own. */
void go_binary_inspect(const char *path, const elf_file *f, const image *img, go_binary *out);

/* The Go version string in the binary: "go1.19.8" into BUF, or "". */
void go_binary_version(const elf_file *f, const image *img, char *buf, size_t len);

#endif
