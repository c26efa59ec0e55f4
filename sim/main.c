/* sim: the command line.  Each subcommand lives in its own file. */
#include "sim/commands.h"
#include "sim/version.h"
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static void usage(FILE *f)
{
    fprintf(f,
            "usage: sim <command> [arguments]\n"
            "\n"
            "commands:\n"
            "  run [CONFIG] [options]   run a config (default: the built-in boot config)\n"
            "  run PROG [options] [-- ARGS]  run a static linux/amd64 Go executable\n"
            "  debug [CONFIG] [options] step through a run forward and backward (TUI or --batch)\n"
            "  asm FILE.s [-S] [-o OUT] [--go 1.19|1.21]\n"
            "                           assemble a Plan 9 file (go1.19's or go1.21's frames),\n"
            "                           optionally printing a listing\n"
            "  asm --go-asm-h           print the go_asm.h generated from the layout table\n"
            "  diff A B [options]       compare two traces; exit 0 same, 1 different, 2 bad input\n"
            "  syscalls                 list the syscalls emulated for real programs\n"
            "  layout PROG              a Go binary's version and its runtime structs' layout\n"
            "  verify PROG [-- ARGS]    check each C model against the real function, call by call\n"
            "  version                  print the version\n"
            "\n"
            "run 'sim run --help', 'sim debug --help' or 'sim diff --help' for their options.\n");
}

/* Output to a full disk or a broken file fails only when stdout is flushed,
 * after the command has returned: checked here once for every command, so
 * that the failure is said and the status is 2, not 0. */
static int close_stdout(int rc)
{
    bool earlier = ferror(stdout);   /* then errno no longer tells why */
    if (fflush(stdout) == 0 && !earlier)
        return rc;
    if (earlier)
        fprintf(stderr, "sim: writing standard output failed (a write to it was refused)\n");
    else
        fprintf(stderr, "sim: writing standard output failed: %s\n", strerror(errno));
    return 2;
}

static int dispatch(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "run") == 0)
        return cmd_run(argc - 2, argv + 2);
    if (strcmp(cmd, "debug") == 0)
        return cmd_debug(argc - 2, argv + 2);
    if (strcmp(cmd, "asm") == 0)
        return cmd_asm(argc - 2, argv + 2);
    if (strcmp(cmd, "diff") == 0)
        return cmd_diff(argc - 2, argv + 2);
    if (strcmp(cmd, "layout") == 0)
        return cmd_layout(argc - 2, argv + 2);
    if (strcmp(cmd, "verify") == 0)
        return cmd_verify(argc - 2, argv + 2);
    if (strcmp(cmd, "syscalls") == 0)
        return cmd_syscalls(argc - 2, argv + 2);
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
        printf("sim %s\n", SIM_VERSION);
        return 0;
    }
    if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        usage(stdout);
        return 0;
    }
    fprintf(stderr, "sim: unknown command \"%s\"\n", cmd);
    usage(stderr);
    return 2;
}

int main(int argc, char **argv)
{
    return close_stdout(dispatch(argc, argv));
}
