/* sim: the command line.  Each subcommand lives in its own file. */
#include "sim/cli.h"
#include "sim/commands.h"
#include "sim/version.h"
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static int cmd_version(int argc, char **argv);
static int cmd_help(int argc, char **argv);

static const struct subcommand {
    const char *name;
    int (*fn)(int argc, char **argv);
} commands[] = {
    {"run", cmd_run},           {"debug", cmd_debug},   {"diff", cmd_diff},
    {"asm", cmd_asm},           {"config", cmd_config}, {"layout", cmd_layout},
    {"syscalls", cmd_syscalls}, {"verify", cmd_verify},   {"version", cmd_version},
    {"help", cmd_help},
};
#define NCOMMANDS (int)(sizeof commands / sizeof commands[0])

static void usage(FILE *f)
{
    fprintf(f,
            "usage: sim <command> [arguments]\n"
            "       sim -V | --version\n"
            "\n"
            "commands:\n"
            "  run [CONFIG | NAME] [options]  run a config, or a built-in scenario by NAME\n"
            "                           (default: the built-in boot; sim run --list names them)\n"
            "  run PROG [options] [-- ARGS]  run a static linux/amd64 Go executable\n"
            "  debug [CONFIG] [options] step through a run forward and backward (TUI or --batch)\n"
            "  diff A B [options]       compare two traces; exit 0 same, 1 different, 2 bad input\n"
            "  asm FILE.s [-S] [-o OUT] [--go 1.19|1.21]\n"
            "                           assemble a Plan 9 file (go1.19's or go1.21's frames),\n"
            "                           optionally printing a listing\n"
            "  asm --go-asm-h           print the go_asm.h generated from the layout table\n"
            "  config list | show NAME  the built-in scenarios; print one to start a config from\n"
            "  layout PROG              a Go binary's version and its runtime structs' layout\n"
            "  syscalls                 list the syscalls emulated for real programs\n"
            "  verify PROG [-- ARGS]    check each C model against the real function, call by call\n"
            "  version                  print the version (also -V, --version)\n"
            "  help [COMMAND]           this list, or a command's options (= sim COMMAND --help)\n"
            "\n"
            "'man sim' has the whole manual; docs/ in the source tree the details.\n");
}

static int cmd_version(int argc, char **argv)
{
    if (argc > 0 && (!strcmp(argv[0], "-h") || !strcmp(argv[0], "--help"))) {
        printf("usage: sim version\n"
               "prints sim's version, as these do:\n"
               "  -V, --version  (sim -V, sim --version)\n");
        return 0;
    }
    if (argc > 0) {
        fprintf(stderr, "sim version: unexpected argument \"%s\"\n", argv[0]);
        return 2;
    }
    printf("sim %s\n", SIM_VERSION);
    return 0;
}

static const struct subcommand *find_command(const char *name)
{
    for (int i = 0; i < NCOMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

static int unknown_command(const char *name)
{
    const char *names[NCOMMANDS + 1];
    for (int i = 0; i < NCOMMANDS; i++)
        names[i] = commands[i].name;
    names[NCOMMANDS] = NULL;
    cli_unknown(stderr, "sim", "command", name, names);
    fprintf(stderr, "run 'sim help' for the list of commands\n");
    return 2;
}

/* `sim help CMD` is `sim CMD --help`. */
static int cmd_help(int argc, char **argv)
{
    if (argc == 0 || !strcmp(argv[0], "-h") || !strcmp(argv[0], "--help")) {
        usage(stdout);
        return 0;
    }
    if (argc > 1) {
        fprintf(stderr, "sim help: one command at a time, not \"%s\"\n", argv[1]);
        return 2;
    }
    const struct subcommand *c = find_command(argv[0]);
    if (!c)
        return unknown_command(argv[0]);
    if (c->fn == cmd_help) {
        usage(stdout);
        return 0;
    }
    char help[] = "--help";
    char *args[] = {help, NULL};
    return c->fn(1, args);
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
    if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version"))
        return cmd_version(argc - 2, argv + 2);
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h"))
        return cmd_help(argc - 2, argv + 2);
    const struct subcommand *c = find_command(cmd);
    if (!c)
        return cmd[0] == '-' ? cli_unknown(stderr, "sim", "option", cmd,
                                           (const char *const[]){"--version", "--help", NULL})
                             : unknown_command(cmd);
    return c->fn(argc - 2, argv + 2);
}

int main(int argc, char **argv)
{
    return close_stdout(dispatch(argc, argv));
}
