/* `sim syscalls`: the Linux layer's syscall table as a Markdown table, the
 * one docs/real-programs.md shows (tests/e2e/t_syscall_table.sh keeps the
 * two the same). */
#include "linux/syscalls.h"
#include "sim/commands.h"
#include <stdio.h>
#include <string.h>

int cmd_syscalls(int argc, char **argv)
{
    if (argc > 0 && (strcmp(argv[0], "-h") == 0 || strcmp(argv[0], "--help") == 0)) {
        printf("usage: sim syscalls\nprints the syscalls sim emulates for real programs, as a Markdown table\n");
        return 0;
    }
    if (argc > 0) {
        fprintf(stderr, "sim syscalls: unexpected argument \"%s\"\n", argv[0]);
        return 2;
    }
    int n;
    const lx_syscall_def *t = lx_syscall_table(&n);
    printf("| nr | syscall | support | notes |\n|---|---|---|---|\n");
    for (int i = 0; i < n; i++) {
        const char *sup = t[i].support == SUP_FULL ? "yes" : t[i].support == SUP_PARTIAL ? "partly" : "refused";
        printf("| %d | %s | %s | ", t[i].nr, t[i].name, sup);
        if (t[i].support == SUP_ERROR)
            printf("returns %s: ", lx_errname(t[i].err));
        printf("%s |\n", t[i].note);
    }
    printf("\nAny other number returns ENOSYS, and the trace records the call.\n");
    return 0;
}
