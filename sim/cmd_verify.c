/* `sim verify PROG [options] [-- ARGS]`: the C models checked against the
 * real runtime functions, call by call (verify/verify.h). */
#include "sim/commands.h"
#include "sim/run_real.h"
#include "verify/verify.h"
#include "verify/vmodels.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void verify_usage(FILE *f)
{
    fprintf(f,
            "usage: sim verify PROG [--only MODEL,...] [--json FILE] [--max-lines N] [--show-output]\n"
            "                  [--no-left-out] [--max-instructions N] [-- ARGS...]\n"
            "       sim verify --list\n"
            "Runs the static Go executable PROG and, at every call of a runtime function that a\n"
            "C model of sim claims to model, runs the model on a copy of the state at the call,\n"
            "lets the real function run to its return, and compares what each changed, field\n"
            "by field in Go's names, and their results.  One line per divergence (model, call\n"
            "number, instruction number, field, real value, model value), then a table per\n"
            "model; the last line is \"verify: N calls of M models compared, K differ\".\n"
            "Exit status 0 when K is 0, 1 otherwise, 2 on bad input, 125 when the program\n"
            "could not be run to its end.\n"
            "  --only MODEL,...   check these models alone (runqput or runtime.runqput)\n"
            "  --json FILE        the report as JSON too\n"
            "  --max-lines N      print at most N divergence lines (default 0: all)\n"
            "  --show-output      the program's stdout and stderr are sim's (default: discarded)\n"
            "  --no-left-out      count the fields a model leaves out on purpose too (docs/models.md)\n"
            "  --max-instructions N  stop the program after N instructions\n"
            "  --list             the models that can be checked\n");
}

static int list_models(void)
{
    for (int i = 0; i < nvmodels; i++)
        printf("%s\n", vmodels[i].func);
    return 0;
}

static int num(const char *opt, const char *v, unsigned long long *out)
{
    char *end;
    errno = 0;
    *out = strtoull(v, &end, 10);
    if (!v[0] || *end || errno || v[0] == '-') {
        fprintf(stderr, "sim verify: %s needs a non-negative integer, not \"%s\"\n", opt, v);
        return -1;
    }
    return 0;
}

int cmd_verify(int argc, char **argv)
{
    verify_opts o = {NULL, NULL, 0, false, false};
    const char *prog = NULL, *max = NULL;
    char **args = NULL;
    int nargs = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = strcmp(a, "--json") == 0 ? &o.json
                            : strcmp(a, "--only") == 0 ? &o.only
                            : strcmp(a, "--max-instructions") == 0 ? &max : NULL;
        unsigned long long n;
        if (slot || strcmp(a, "--max-lines") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "sim verify: %s needs a value\n", a);
                return 2;
            }
            if (slot)
                *slot = argv[++i];
            else if (num(a, argv[++i], &n) != 0 || n > 1000000000)
                return 2;
            else
                o.max_lines = (int)n;
        } else if (strcmp(a, "--show-output") == 0) {
            o.program_output = true;
        } else if (strcmp(a, "--no-left-out") == 0) {
            o.all_fields = true;
        } else if (strcmp(a, "--list") == 0) {
            return list_models();
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            verify_usage(stdout);
            return 0;
        } else if (strcmp(a, "--") == 0) {
            args = argv + i + 1;
            nargs = argc - i - 1;
            break;
        } else if (a[0] == '-' || prog) {
            fprintf(stderr, "sim verify: unexpected argument \"%s\"\n", a);
            verify_usage(stderr);
            return 2;
        } else {
            prog = a;
        }
    }
    if (!prog) {
        fprintf(stderr, "sim verify: which program? (sim verify PROG)\n");
        return 2;
    }
    if (!real_is_elf(prog)) {
        fprintf(stderr, "sim verify: %s: not an ELF executable\n", prog);
        return 2;
    }
    static sim_config cfg;
    real_config(&cfg, prog, args, nargs);
    unsigned long long n;
    if (max) {
        if (num("--max-instructions", max, &n) != 0 || n == 0)
            return 2;
        cfg.max_instructions = n;
        cfg.max_instructions_given = true;
    }
    int rc = verify_run(prog, &cfg, &o);
    config_free(&cfg);
    return rc;
}
