/* `sim debug [CONFIG] [--batch FILE | -x 'cmd; cmd'] [--no-color] …`:
 * the TUI on a terminal, or the batch mode that prints, after each command,
 * the command, its answer and (when it moved) the panes. */
#include "sim/cli.h"
#include "sim/commands.h"
#include "cpu/readfile.h"
#include "sim/run_real.h"
#include "sim/debug/debug.h"
#include "sim/debug/ui.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    dbg_options dbg;
    const char *batch;     /* file of commands, "-" for stdin */
    char *script;          /* -x texts joined with ';' */
    const char *panes;     /* batch: which panes to print */
    bool no_color, bench;
} debug_opts;

static void debug_usage(FILE *f)
{
    fprintf(f,
            "usage: sim debug [CONFIG | PROG [-- ARGS]] [--no-color] [--snapshot-every N]\n"
            "       sim debug [CONFIG] --batch FILE | -x 'CMD; CMD; …' [--panes LIST]\n"
            "       sim debug [CONFIG] --bench-latency\n"
            "Without CONFIG, debugs the built-in default (configs/boot.yaml).  PROG is a static\n"
            "linux/amd64 executable (a Go program built with CGO_ENABLED=0), run as sim run runs it.\n"
            "options:\n"
            "  --batch FILE        no TUI: run FILE's commands (one a line; - for stdin), printing\n"
            "                      after each the command, its answer and, when it moved, the panes\n"
            "  -x 'CMD; CMD'       the same with commands given here (may be repeated)\n"
            "  --panes LIST        batch: the panes printed, comma-separated of\n"
            "                      source,disasm,regs,stack,sched,log (default: all)\n"
            "  --no-color          a TUI without colours (also when NO_COLOR is set)\n"
            "  --snapshot-every N  steps between the snapshots going back restores from\n"
            "                      (default %d; fewer: faster back, more memory)\n"
            "  --bench-latency     time step, reverse step and g N on the run (make bench-debug)\n"
            "  -h, --help          this help\n"
            "Commands: run with '-x ?', or type ? and Enter in the TUI (docs/debugger.md).\n",
            TIMELINE_INTERVAL);
}

static void add_script(debug_opts *o, const char *text)
{
    size_t old = o->script ? strlen(o->script) : 0;
    o->script = realloc(o->script, old + strlen(text) + 2);
    sprintf(o->script + old, "%s%s", old ? ";" : "", text);
}

static int parse_value(const char *name, const char *v, uint64_t *out)
{
    char *end;
    errno = 0;
    *out = strtoull(v, &end, 0);
    if (*end || errno || *out == 0 || v[0] == '-') {
        fprintf(stderr, "sim debug: %s needs a positive integer\n", name);
        return 2;
    }
    return 0;
}

static int parse_opts(int argc, char **argv, debug_opts *o)
{
    memset(o, 0, sizeof *o);
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        bool has_value = i + 1 < argc;
        if ((!strcmp(a, "--batch") || !strcmp(a, "-x") || !strcmp(a, "--panes") ||
             !strcmp(a, "--snapshot-every")) && !has_value) {
            fprintf(stderr, "sim debug: %s needs a value\n", a);
            return 2;
        }
        if (!strcmp(a, "--batch"))
            o->batch = argv[++i];
        else if (!strcmp(a, "-x"))
            add_script(o, argv[++i]);
        else if (!strcmp(a, "--panes"))
            o->panes = argv[++i];
        else if (!strcmp(a, "--snapshot-every")) {
            if (parse_value(a, argv[++i], &o->dbg.interval))
                return 2;
        } else if (!strcmp(a, "--no-color"))
            o->no_color = true;
        else if (!strcmp(a, "--bench-latency"))
            o->bench = true;
        else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            debug_usage(stdout);
            exit(0);
        } else if (a[0] == '-' && a[1] && strcmp(a, "--")) {
            static const char *const flags[] = {"--batch", "-x", "--panes", "--snapshot-every",
                                                "--no-color", "--bench-latency", "--help", NULL};
            cli_unknown(stderr, "sim debug", "option", a, flags);
            return 2;
        } else if (a[0] == '-' || o->dbg.config) {
            fprintf(stderr, "sim debug: unexpected argument \"%s\"\n", a);
            debug_usage(stderr);
            return 2;
        } else
            o->dbg.config = a;
    }
    return 0;
}

/* The batch file, or stdin for "-"; NULL with errno set (EFBIG past the
 * input limit, so that --batch /dev/zero stops). */
static char *read_all(const char *path)
{
    if (strcmp(path, "-") != 0)
        return read_whole_file(path, NULL);
    char *buf = NULL;
    size_t len = 0, n = 0;   /* len is updated only when the stream is flushed */
    FILE *m = open_memstream(&buf, &len);
    int c;
    while (n <= INPUT_MAX_BYTES && (c = getchar()) != EOF)
        fputc(c, m), n++;
    fclose(m);
    if (n > INPUT_MAX_BYTES) {
        free(buf);
        errno = EFBIG;
        return NULL;
    }
    return buf;
}

int cmd_debug(int argc, char **argv)
{
    debug_opts o;
    int rc = parse_opts(argc, argv, &o);
    if (rc) {
        free(o.script);   /* -x before the bad argument */
        return rc;
    }
    if (o.dbg.config && real_is_elf(o.dbg.config)) {   /* PROG [-- ARGS] */
        o.dbg.prog = o.dbg.config;
        o.dbg.config = NULL;
    } else if (o.dbg.nargs) {
        fprintf(stderr, "sim debug: arguments after -- are for a program (an ELF file)\n");
        free(o.script);
        return 2;
    }
    if (o.batch && o.script) {
        fprintf(stderr, "sim debug: give commands with --batch or with -x, not both\n");
        free(o.script);
        return 2;
    }
    char *text = o.script ? strdup(o.script) : NULL;
    if (o.batch && !(text = read_all(o.batch))) {
        fprintf(stderr, "sim debug: cannot read %s: %s\n", o.batch, read_file_error(errno));
        free(o.script);
        return 2;
    }
    unsigned panes = 0;
    if (o.panes && (panes = debug_pane_mask(o.panes)) == 0) {
        fprintf(stderr, "sim debug: --panes: expected some of source,disasm,regs,stack,sched,log\n");
        free(text), free(o.script);
        return 2;
    }
    if (!text && !o.bench && (rc = tui_check_terminal(stderr)) != 0) {
        free(o.script);
        return rc;
    }
    dbg d;
    if ((rc = dbg_open(&d, &o.dbg, stderr)) == 0) {
        if (o.bench)
            rc = debug_bench_latency(&d, stdout);
        else if (text)
            rc = debug_batch(&d, text, panes, stdout);
        else
            rc = tui_run(&d, !o.no_color && !(getenv("NO_COLOR") && *getenv("NO_COLOR")));
        dbg_close(&d);
    }
    free(text);
    free(o.script);
    return rc;
}
