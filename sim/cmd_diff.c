/* `sim diff A B [-q] [--stat] [-C N] [--ignore FIELD,...] [--max N]`: compare two traces
 * (traces/diff.h); exit 0 same, 1 different, 2 bad input. */
#include "sim/cli.h"
#include "sim/commands.h"
#include "traces/diff.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static void diff_usage(FILE *f)
{
    fprintf(f, "usage: sim diff A B [-q] [--stat] [-C N] [--ignore FIELD,...] [--max N]\n"
               "Compares two traces (text or JSONL) record by record: the headers' differences\n"
               "(config, program) on a line of their own, then the first divergence in full,\n"
               "later ones with both values of each differing field, then a summary.\n"
               "  -q, --quiet   print nothing; the exit status alone tells (stops at the first\n"
               "                difference)\n"
               "  --stat        instead of the divergences, how many changed records differ in\n"
               "                each field (regs.rsp, pc, mem, ...), then the summary\n"
               "  -C N, --context N  records shown before the first divergence (default 3)\n"
               "  --ignore F,.. fields not compared: a field name (pc, regs, regs.rflags, mem,\n"
               "                stack, src, seq, program, config, ...) or a record kind (sched,\n"
               "                note, ...); docs/trace-format.md lists them\n"
               "  --max N       stop after N divergences\n"
               "  -h, --help    this help\n"
               "Exit status: 0 identical, 1 different (records or headers), 2 unreadable or\n"
               "malformed input, or a bad command line.\n");
}

static int number(const char *opt, const char *s, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (*end || errno || v < 0 || s[0] == 0) {
        fprintf(stderr, "sim diff: %s needs a number, not \"%s\"\n", opt, s);
        return 2;
    }
    *out = v;
    return 0;
}

static int ignore_list(diff_opts *o, const char *list)
{
    char *copy = strdup(list), *save = NULL;
    int rc = 0;
    for (char *f = strtok_r(copy, ",", &save); f && !rc; f = strtok_r(NULL, ",", &save))
        if (rec_ignore_add(&o->ignore, f) < 0) {
            const char *names[F__COUNT + REC__COUNT + 1];
            int k = 0;
            for (int i = 0; i < F__COUNT; i++)
                names[k++] = rec_field_names[i];
            for (int i = 0; i < REC__COUNT; i++)
                names[k++] = rec_kind_names[i];
            names[k] = NULL;
            const char *near = cli_closest(f, names);
            fprintf(stderr, "sim diff: --ignore: unknown field \"%s\"", f);
            if (near)
                fprintf(stderr, "; did you mean \"%s\"?", near);
            fprintf(stderr, " (see docs/trace-format.md, sim diff)\n");
            rc = 2;
        }
    free(copy);
    return rc;
}

static int parse(int argc, char **argv, diff_opts *o, const char **paths)
{
    int n = 0;
    long v;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        bool has_value = !strcmp(a, "-C") || !strcmp(a, "--context") || !strcmp(a, "--ignore") ||
                         !strcmp(a, "--max");
        if (has_value && i + 1 >= argc) {
            fprintf(stderr, "sim diff: %s needs a value\n", a);
            return 2;
        }
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            diff_usage(stdout);
            exit(0);
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            o->quiet = true;
        } else if (!strcmp(a, "--stat")) {
            o->stat = true;
        } else if (!strcmp(a, "--ignore")) {
            if (ignore_list(o, argv[++i]))
                return 2;
        } else if (has_value) {
            if (number(a, argv[++i], &v))
                return 2;
            if (!strcmp(a, "--max"))
                o->max = v;
            else
                o->context = v > 1000 ? 1000 : (int)v;
        } else if (a[0] == '-' && a[1]) {
            static const char *const flags[] = {"-q", "--quiet", "--stat", "-C", "--context",
                                                "--ignore", "--max", "--help", NULL};
            cli_unknown(stderr, "sim diff", "option", a, flags);
            fprintf(stderr, "run 'sim diff --help' for the options\n");
            return 2;
        } else if (n == 2) {
            fprintf(stderr, "sim diff: unexpected argument \"%s\"\n", a);
            diff_usage(stderr);
            return 2;
        } else {
            paths[n++] = a;
        }
    }
    if (n != 2) {
        diff_usage(stderr);
        return 2;
    }
    return 0;
}

int cmd_diff(int argc, char **argv)
{
    diff_opts o;
    const char *paths[2];
    diff_opts_default(&o);
    int rc = parse(argc, argv, &o, paths);
    if (rc)
        return rc;
    rc = trace_diff(paths[0], paths[1], &o, stdout, stderr);
    fflush(stdout);
    return rc;
}
