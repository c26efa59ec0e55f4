/* `sim layout PROG`: the Go version of a real binary and the layout sim
 * uses for its runtime structures, field by field, beside the binary's own
 * DWARF (as gdb's `ptype /o` shows one struct). */
#include "linux/program.h"
#include "runtime_model/go_binary.h"
#include "sim/commands.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_layout(const go_binary *b)
{
    const go_layout *l = b->layout;
    printf("%-28s %6s %6s", "field", "offset", "size");
    if (b->has_dwarf)
        printf("   %s", "DWARF");
    printf("\n");
    for (int t = 0; t < T__COUNT; t++) {
        printf("%-28s %6s %6u", go_type_name((go_type_id)t), "", l->sizes[t]);
        if (b->has_dwarf && b->dwarf.sizes[t] != l->sizes[t])
            printf("   size %u", b->dwarf.sizes[t]);
        printf("\n");
        for (int i = 0; i < F__COUNT; i++) {
            const go_field *fd = &l->fields[i], *d = &b->dwarf.fields[i];
            if (fd->owner != (go_type_id)t)
                continue;
            char name[64];
            snprintf(name, sizeof name, "  %s.%s", fd->type, fd->name);
            if (fd->size)
                printf("%-28s %6u %6u", name, fd->off, fd->size);
            else
                printf("%-28s %6s %6s", name, "-", "-");
            if (b->has_dwarf && (d->off != fd->off || d->size != fd->size))
                printf("   %u+%u", d->off, d->size);
            printf("\n");
        }
    }
}

int cmd_layout(int argc, char **argv)
{
    if (argc == 1 && (strcmp(argv[0], "-h") == 0 || strcmp(argv[0], "--help") == 0)) {
        printf("usage: sim layout PROG\nprints PROG's Go version and the layout sim uses for its "
               "runtime structures (- : not in this version)\n");
        return 0;
    }
    if (argc != 1) {
        fprintf(stderr, "usage: sim layout PROG\n");
        return 2;
    }
    char why[256];
    lx_program prog;
    if (lx_program_read(&prog, argv[0], why, sizeof why) != 0) {
        fprintf(stderr, "sim layout: %s: %s\n", argv[0], why);
        return 2;
    }
    static go_binary b;
    go_binary_inspect(argv[0], &prog.elf, &prog.img, &b);
    printf("%s\n%s", b.note, b.diff);
    if (b.layout)
        print_layout(&b);
    lx_program_free(&prog);
    return b.layout ? 0 : 1;
}
