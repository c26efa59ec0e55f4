/* Fuzz target: the debugger's expression and address parsers
 * (sim/debug/expr.c) and its arithmetic (sim/debug/calc.c), as `p`, `w`,
 * `x` and `b` use them.  Each line of the input is parsed as an expression
 * (then evaluated and shown), as an address and as arithmetic both ways,
 * on a machine that ran the built-in boot config to its end, so
 * that sched, allp, g1 … and the symbols are there to be found. */
#include "sim/debug/calc.h"
#include "sim/debug/expr.h"
#include "sim/embedded.h"
#include "sim/program.h"
#include "tests/fuzz/fuzz.h"
#include <stdlib.h>
#include <string.h>

static sim_config cfg;
static source_set src;
static machine mc;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const struct embedded_file *f = embedded_find("configs/boot.yaml");
    image img = {0};
    if (!f || config_parse("configs/boot.yaml", f->data, &cfg, stderr) != 0)
        abort();
    free(cfg.trace_path);
    cfg.trace_path = NULL;
    sources_init(&src, cfg.path, true);
    if (program_build(&cfg, &src, &img, stderr) != 0 || machine_open(&mc, &cfg, &img, stderr) != 0)
        abort();
    machine_run(&mc, 0);
    return 0;
}

static void one_line(const char *line)
{
    char err[256], shown[256];
    dexpr e;
    if (dexpr_parse(&mc, line, &e, err, sizeof err) == 0) {
        dval v = dexpr_eval(&mc, &e);
        dexpr_show(&mc, &e, v, shown, sizeof shown);
        dexpr_print_struct(&mc, &e, fuzz_sink());
    }
    uint64_t addr;
    bool pointer;
    daddr_parse(&mc, line, &addr, err, sizeof err);
    dcalc(&mc, NULL, line, false, &addr, &pointer, err, sizeof err);
    dcalc(&mc, NULL, line, true, &addr, NULL, err, sizeof err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    for (char *line = text, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = 0;
        one_line(line);
    }
    free(text);
    return 0;
}
