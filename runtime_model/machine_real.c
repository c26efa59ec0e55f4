/* The machine over a real program, for the debugger: machine_step runs one
 * instruction of the Linux process (a syscall's with the kernel's answer),
 * and the way back is a replay.  A real program's snapshot is only its
 * instruction count: restoring one starts the process again from its
 * entry and runs it to that count.  The process is deterministic (the
 * Linux layer answers every syscall the same way each time, and the
 * threads interleave by the same rule), so the replay arrives in exactly
 * the state the first run had.  Every instruction is observed (a no-op
 * per-instruction hook), so a count is reached exactly and stepping
 * switches threads where `sim run` does (cpu/emu_real.c). */
#include "runtime_model/machine_real.h"
#include "linux/program.h"
#include "runtime_model/go_view.h"
#include "runtime_model/pclntab.h"
#include "runtime_model/schedtrace.h"
#include "traces/trace.h"
#include <limits.h>
#include <stdlib.h>
#include <string.h>

struct machine_real {
    lx_program prog;
    lx_process pr;
    lx_params params;
    char exe[PATH_MAX];
    go_binary gb;
    bool replaying;   /* restoring: the trace sees nothing */
    FILE *diag;
};

static tracer *live_tracer(machine *mc)
{
    return mc->real->replaying ? NULL : mc->tr;
}

static void obs_syscall(void *ctx, int tid, const char *text)
{
    tracer *t = live_tracer(ctx);
    if (t)
        tracer_syscall(t, tid, text);
}

static void obs_switch(void *ctx, int from, int to, const char *why)
{
    tracer *t = live_tracer(ctx);
    if (t)
        tracer_switch(t, from, to, why);
}

static void obs_signal(void *ctx, int tid, int sig, const char *text)
{
    (void)sig;
    tracer *t = live_tracer(ctx);
    if (t)
        tracer_signal(t, tid, text);
}

static void obs_resync(void *ctx)
{
    tracer *t = live_tracer(ctx);
    if (t)
        tracer_resync(t);
}

static void observe_each(void *ctx, uint64_t pc, uint32_t size)
{
    (void)ctx;
    (void)pc;
    (void)size;
}

/* A new process at the entry point, watched by MC. */
static int start(machine *mc)
{
    struct machine_real *r = mc->real;
    if (lx_start(&r->pr, mc->cpu, &r->prog, &r->params, r->diag) != 0)
        return -1;
    r->pr.obs = (lx_observer){mc, obs_syscall, obs_switch, obs_signal, obs_resync};
    mc->state = RUN_RUNNING;
    mc->exit_code = 0;
    mc->why[0] = 0;
    return 0;
}

lx_params machine_real_params(const sim_config *cfg, const char *exe)
{
    lx_params p = {cfg->argv, cfg->argc, cfg->env, cfg->nenv, {0}, cfg->ncpu, cfg->quantum,
                   cfg->schedule_seed, (uint64_t)cfg->max_threads, cfg->max_memory, cfg->files,
                   cfg->nfiles, cfg->stdin_path, exe, false};
    memcpy(p.at_random, cfg->at_random, 16);
    return p;
}

int machine_open_real(machine *mc, const sim_config *cfg, const char *path, FILE *diag)
{
    memset(mc, 0, sizeof *mc);
    struct machine_real *r = calloc(1, sizeof *r);
    char why[300];
    if (!r)
        return -1;
    r->diag = diag;
    if (lx_program_read(&r->prog, path, why, sizeof why) != 0) {
        fprintf(diag, "sim: %s: %s\n", path, why);
        free(r);
        return -1;
    }
    if (!realpath(path, r->exe))
        snprintf(r->exe, sizeof r->exe, "%s", path);
    r->params = machine_real_params(cfg, r->exe);
    /* A replay runs the program's writes again: its output would come
     * twice, and into the debugger's screen.  The Log pane shows each
     * write with its bytes. */
    r->params.discard_output = true;
    go_binary_inspect(path, &r->prog.elf, &r->prog.img, &r->gb);
    emu *cpu = emu_new_real();
    if (!cpu) {
        fprintf(diag, "sim: cannot start the emulator\n");
        lx_program_free(&r->prog);
        free(r);
        return -1;
    }
    /* Without a Go view (no layout, no runtime symbols) it still runs:
     * the scheduler's panes are then empty. */
    if (go_view_open(mc, cpu, &r->prog.img, &r->gb, why, sizeof why) != 0)
        fprintf(diag, "sim debug: %s: no Go view: %s\n", path, why);
    mc->cpu = cpu;
    mc->img = r->prog.img;
    mc->pclntab = go_pcln_section(&r->prog.elf);
    mc->cfg = cfg;
    mc->real = r;
    emu_observe(cpu, observe_each, NULL, NULL);
    return start(mc);
}

/* The run state for the machine's users (the debugger, the panes). */
static void settle(machine *mc)
{
    lx_process *pr = &mc->real->pr;
    switch (pr->state) {
    case LX_RUNNING:
    case LX_LIMIT:
        mc->state = RUN_RUNNING;
        break;
    case LX_BREAK:
    case LX_CUT:   /* the debugger sets no interrupt */
        mc->state = RUN_STOPPED;
        break;
    case LX_EXITED:
    case LX_KILLED:
        mc->state = RUN_EXITED;
        mc->exit_code = pr->state == LX_KILLED ? 128 + pr->exit_status : pr->exit_status;
        snprintf(mc->why, sizeof mc->why, "%s", pr->state == LX_KILLED ? pr->why : "");
        break;
    case LX_DEADLOCK:
    case LX_FAULT:
        mc->state = RUN_FAULT;
        snprintf(mc->why, sizeof mc->why, "%s", pr->why);
        break;
    }
}

run_state machine_real_step(machine *mc)
{
    if (mc->state != RUN_RUNNING && mc->state != RUN_STOPPED)
        return mc->state;
    lx_process *pr = &mc->real->pr;
    if (mc->tr && emu_icount(mc->cpu) == 0)
        tracer_set_thread(mc->tr, pr->cur->tid);
    /* limits.max_instructions (default 10^8): a `c` through a program that
     * never ends stops, with a word, in a minute or so. */
    if (emu_icount(mc->cpu) >= mc->cfg->max_instructions) {
        mc->state = RUN_LIMIT;
        snprintf(mc->why, sizeof mc->why, "the instruction limit (%llu) was reached",
                 (unsigned long long)mc->cfg->max_instructions);
        return mc->state;
    }
    lx_run(pr, 1);
    settle(mc);
    return mc->state;
}

run_state machine_real_run(machine *mc, uint64_t stop_at)
{
    emu_set_break(mc->cpu, stop_at);
    lx_run(&mc->real->pr, mc->cfg->max_instructions_given ? mc->cfg->max_instructions : UINT64_MAX);
    emu_set_break(mc->cpu, 0);
    settle(mc);
    return mc->state;
}

int machine_real_restore(machine *mc, uint64_t icount)
{
    struct machine_real *r = mc->real;
    lx_close(&r->pr);
    if (start(mc) != 0) {
        mc->state = RUN_FAULT;
        snprintf(mc->why, sizeof mc->why, "the program could not be started again");
        return -1;
    }
    r->replaying = true;
    if (icount)
        lx_run(&r->pr, icount);
    r->replaying = false;
    settle(mc);
    return emu_icount(mc->cpu) == icount ? 0 : -1;
}

void machine_real_close(machine *mc)
{
    struct machine_real *r = mc->real;
    sched_snap_free(mc->last_sched);
    lx_close(&r->pr);
    emu_free(mc->cpu);
    lx_program_free(&r->prog);
    free(r);
    memset(mc, 0, sizeof *mc);
}

struct lx_process *machine_real_process(machine *mc)
{
    return mc->real ? &mc->real->pr : NULL;
}
