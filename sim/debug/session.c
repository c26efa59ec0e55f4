/* Opening a debugger session: config -> sources -> program -> machine ->
 * timeline, as `sim run` sets a run up (sim/cmd_run.c), minus the trace file:
 * the debugger's tracer writes into its step log instead. */
#include "sim/debug/debug.h"
#include "sim/embedded.h"
#include "sim/program.h"
#include "sim/run_real.h"
#include "runtime_model/machine_real.h"
#include <stdlib.h>
#include <string.h>

#define DEFAULT_CONFIG "configs/boot.yaml"

static int load_config(dbg *d, const char *path, FILE *diag)
{
    if (path)
        return config_load(path, &d->cfg, diag);
    const struct embedded_file *f = embedded_find(DEFAULT_CONFIG);
    return config_parse(DEFAULT_CONFIG, f->data, &d->cfg, diag);
}

/* A real program: sim run's process settings (its arguments, sim's
 * environment), the machine over the Linux process, its sources read from
 * where its DWARF says they are. */
static int open_real(dbg *d, const dbg_options *o, FILE *diag)
{
    real_config(&d->cfg, o->prog, o->args, o->nargs);
    /* The terminal is the debugger's, and going back replays the program
     * from its start, which must read the same input again: stdin is
     * /dev/null. */
    d->cfg.stdin_path = strdup("/dev/null");
    sources_init(&d->src, o->prog, false);
    d->src.lazy = true;
    d->mc_open = true;
    if (machine_open_real(&d->mc, &d->cfg, o->prog, diag) != 0)
        return 2;
    uint64_t interval = o->interval ? o->interval : TIMELINE_INTERVAL_REAL;
    if (timeline_open(&d->tl, &d->mc, &d->src, false, interval) != 0) {
        fprintf(diag, "sim debug: cannot open the step log\n");
        return 2;
    }
    return 0;
}

int dbg_open(dbg *d, const dbg_options *o, FILE *diag)
{
    memset(d, 0, sizeof *d);
    d->next_id = 1;
    if (o->prog) {
        int rc = open_real(d, o, diag);
        if (rc != 0) {
            dbg_close(d);
            return rc;
        }
        d->dis = disasm_new();
        return 0;
    }
    int rc = load_config(d, o->config, diag);
    if (rc != 0) {
        config_free(&d->cfg);
        return rc;
    }
    sources_init(&d->src, d->cfg.path, o->config == NULL);
    image img = {0};
    rc = program_build(&d->cfg, &d->src, &img, diag);
    if (rc == 0) {
        d->mc_open = true;
        if (machine_open(&d->mc, &d->cfg, &img, diag) != 0)
            rc = 2;
    }
    image_free(&img);   /* only when the machine did not take it over */
    if (rc == 0 && timeline_open(&d->tl, &d->mc, &d->src, o->full_trace, o->interval) != 0) {
        fprintf(diag, "sim debug: cannot open the step log\n");
        rc = 2;
    }
    if (rc != 0) {
        dbg_close(d);
        return rc;
    }
    d->dis = disasm_new();
    return 0;
}

void dbg_close(dbg *d)
{
    if (d->tl.mc)
        timeline_close(&d->tl);
    if (d->mc_open)
        machine_close(&d->mc);
    disasm_free(d->dis);
    free(d->pts);
    free(d->disp);
    sources_free(&d->src);
    config_free(&d->cfg);
    memset(d, 0, sizeof *d);
}
