/* Fuzz target: the DWARF reader — libdw over the file (a memfd, opened by
 * path as `sim run` opens a binary) for the line table
 * (linux/elf_image.c, linux/dwarf_file.c) and the struct layouts
 * (linux/dwarf_types.c, runtime_model/layout_dwarf.c) that
 * go_binary_inspect checks sim's tables against. */
#include "linux/dwarf_types.h"
#include "linux/elf_image.h"
#include "runtime_model/go_binary.h"
#include "tests/fuzz/fuzz.h"
#include <unistd.h>

/* Struct and member names a C seed has (tests/fuzz/seeds/dwarf.c). */
static void lookups(const char *path, const elf_file *f)
{
    char why[256];
    dwarf_types *t = dwarf_types_open(path, f, why, sizeof why);
    if (!t)
        return;
    static const char *const names[][2] = {
        {"fuzz_inner", "b"}, {"fuzz_outer", "x"}, {"fuzz_outer", "b"}, {"runtime.g", "goid"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        uint64_t size, off, msize, mtype;
        uint64_t ty = dwarf_struct_named(t, names[i][0], &size);
        if (ty)
            dwarf_struct_member(t, ty, names[i][1], &off, &msize, &mtype);
    }
    dwarf_types_close(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    elf_file f;
    char why[256], path[64];
    if (elf_parse(data, size, &f, why, sizeof why) != 0 || fuzz_elf_too_big(&f))
        return 0;
    int fd = fuzz_memfd("fuzz.elf", data, size, path, sizeof path);
    if (fd < 0)
        return 0;
    image img = {0};
    if (elf_image_build(path, &f, &img, why, sizeof why) == 0) {
        go_binary gb;
        go_binary_inspect(path, &f, &img, &gb);
        lookups(path, &f);
        image_free(&img);
    }
    close(fd);
    return 0;
}
