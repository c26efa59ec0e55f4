/* `sim run PROG [-- ARGS]`: a real static linux/amd64 executable, from its
 * ELF entry point to its exit, on the Linux layer (linux/), traced when
 * asked.  The program's standard streams are sim's; sim exits with its
 * status, or 125 when sim itself had to stop it. */
#include "runtime_model/addr_name.h"
#include "sim/run_real.h"
#include "linux/program.h"
#include "runtime_model/dump.h"
#include "runtime_model/go_view.h"
#include "runtime_model/machine_real.h"
#include "runtime_model/schedtrace.h"
#include "sim/fault_where.h"
#include "sim/interrupt.h"
#include "sim/real_sched.h"
#include "sim/stop_spec.h"
#include "sim/version.h"
#include "traces/trace.h"
#include "verify/intercept.h"
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

#define EXIT_SIM_STOPPED 125
#define DEFAULT_REAL_LIMIT 100000000000ULL   /* 10^11 instructions, about 20 minutes */

void real_config(sim_config *cfg, const char *prog, char *const *args, int nargs)
{
    config_defaults(cfg);
    const char *base = strrchr(prog, '/');
    free(cfg->name);
    cfg->name = strdup(base ? base + 1 : prog);
    const char *argv[1 + nargs];
    argv[0] = prog;
    for (int i = 0; i < nargs; i++)
        argv[1 + i] = args[i];
    int nenv = 0;
    while (environ[nenv])
        nenv++;
    config_set_process(cfg, argv, 1 + nargs, (const char *const *)environ, nenv);
}

bool real_is_elf(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t m[4] = {0};
    size_t n = f ? fread(m, 1, 4, f) : 0;
    if (f)
        fclose(f);
    return n == 4 && elf_is_elf(m, 4);
}

typedef struct {
    lx_process pr;
    lx_program prog;     /* the file, its ELF and its image */
    tracer *tr;
    FILE *trace;
    const char *trace_path;
    bool strace;
    bool stopping;       /* --stop-at was given */
    stop_spec stop;
    go_binary gb;        /* the binary's Go version and layout (the Go view's) */
    machine view;        /* with --dump-state or schedtrace records: the Go view */
    go_namer *namer;     /* the view's names for the trace's stores (NULL without a view) */
    bool have_view;
    real_sched sched;    /* trace.sched_at */
    intercept *models;   /* --model */
} real_run;

/* --strace: each record also on stderr, as qemu-user's -strace prints
 * them, with the instruction count. */
static void strace_line(real_run *r, int tid, const char *kind, const char *text)
{
    if (r->strace)
        fprintf(stderr, "[%d %llu] %s%s\n", tid, (unsigned long long)emu_icount(r->pr.cpu), kind,
                text);
}

static void obs_syscall(void *ctx, int tid, const char *text)
{
    real_run *r = ctx;
    strace_line(r, tid, "", text);
    if (r->tr)
        tracer_syscall(r->tr, tid, text);
}

static void obs_switch(void *ctx, int from, int to, const char *why)
{
    real_run *r = ctx;
    char text[96];
    snprintf(text, sizeof text, "%d -> %d (%s)", from, to, why);
    strace_line(r, to, "--- switch ", text);
    if (r->tr)
        tracer_switch(r->tr, from, to, why);
}

static void obs_signal(void *ctx, int tid, int sig, const char *text)
{
    (void)sig;
    real_run *r = ctx;
    strace_line(r, tid, "--- ", text);
    if (r->tr)
        tracer_signal(r->tr, tid, text);
}

static void obs_resync(void *ctx)
{
    real_run *r = ctx;
    if (r->tr)
        tracer_resync(r->tr);
}

static int open_trace(real_run *r, const sim_config *cfg)
{
    bool to_stdout = strcmp(cfg->trace_path, "-") == 0 || strcmp(cfg->trace_path, "/dev/stdout") == 0;
    r->trace = to_stdout ? stdout : fopen(cfg->trace_path, "w");
    if (!r->trace) {
        fprintf(stderr, "sim run: cannot write trace %s: %s\n", cfg->trace_path, strerror(errno));
        return -1;
    }
    r->trace_path = cfg->trace_path;
    /* With the Go view (schedtrace records on, the default), stores are
     * named by their Go field as in the model mode. */
    if (r->have_view)
        r->namer = go_namer_new(&r->view);
    tracer_setup setup = {r->trace,   cfg->format, r->pr.cpu, &r->prog.img, NULL,
                          NULL,       NULL,        NULL,      r->namer ? go_namer_mem : NULL,
                          r->namer};
    r->tr = tracer_new(&setup);
    tracer_header(r->tr, cfg->name, SIM_VERSION);
    tracer_set_thread(r->tr, r->pr.cur->tid);
    tracer_attach(r->tr);
    return 0;
}

/* The pcs of the last instructions (or, untraced, of the last blocks
 * entered), for a report. */
static void report_recent(real_run *r)
{
    uint64_t pcs[EMU_RECENT];
    int n = emu_recent(r->pr.cpu, pcs, EMU_RECENT);
    if (n)
        fprintf(stderr, "  last %s:\n", r->tr ? "instructions" : "blocks entered");
    for (int i = 0; i < n; i++) {
        char sym[160];
        const image_line *ln = image_line_at(&r->prog.img, pcs[i]);
        const char *file = ln ? strrchr(ln->file, '/') : NULL;
        fprintf(stderr, "    %#llx %s", (unsigned long long)pcs[i],
                image_symbolize(&r->prog.img, pcs[i], sym, sizeof sym));
        if (ln)
            fprintf(stderr, " (%s:%d)", file ? file + 1 : ln->file, ln->line);
        fprintf(stderr, "\n");
    }
}

/* Every live thread: where it is and what it waits for. */
static void report_threads(real_run *r)
{
    lx_process *pr = &r->pr;
    for (int i = 0; i < pr->nthreads; i++) {
        lx_thread *t = pr->threads[i];
        if (t->wait == WAIT_EXITED)
            continue;
        emu_regs regs;
        char sym[160];
        lx_thread_regs(pr, t, &regs);
        fprintf(stderr, "  thread %d%s: %s", t->tid, t == pr->cur ? " (on the CPU)" : "",
                lx_wait_name(t->wait));
        if (t->call[0])
            fprintf(stderr, " in %s", t->call);
        fprintf(stderr, ", pc %#llx %s\n", (unsigned long long)regs.r[R_RIP],
                image_symbolize(&r->prog.img, regs.r[R_RIP], sym, sizeof sym));
    }
}

/* SIGINT or SIGTERM stopped the run: the trace ends with a `cut` record
 * (docs/trace-format.md) and sim exits as the signal would have it, 128 +
 * its number. */
static int cut_short(real_run *r, const sim_config *cfg)
{
    const char *sig = interrupt_signal == SIGINT ? "SIGINT" : "SIGTERM";
    uint64_t n = emu_icount(r->pr.cpu);
    if (r->tr)
        tracer_end(r->tr, "cut", -1, sig);
    fprintf(stderr, "sim: %s: cut short by %s after %llu instructions%s\n", cfg->name, sig,
            (unsigned long long)n, r->tr ? "; the trace ends there" : "");
    return 128 + interrupt_signal;
}

/* The exit status, after the summary or the report. */
static int finish(real_run *r, const sim_config *cfg, bool quiet)
{
    lx_process *pr = &r->pr;
    uint64_t pc = emu_reg_get(pr->cpu, R_RIP), n = emu_icount(pr->cpu);
    char sym[160];
    int status = pr->state == LX_EXITED ? pr->exit_status
                 : pr->state == LX_KILLED ? 128 + pr->exit_status
                 : pr->state == LX_CUT    ? 128 + interrupt_signal
                 : pr->state == LX_BREAK  ? 0
                                          : EXIT_SIM_STOPPED;
    bool stopped_by_sim = status == EXIT_SIM_STOPPED && pr->state != LX_EXITED;
    if (pr->state == LX_CUT)
        return cut_short(r, cfg);
    if (r->tr) {
        char why[800];
        if (stopped_by_sim)
            tracer_fault(r->tr, pc, fault_why(&r->prog.img, pr->cpu, pc, pr->why, why, sizeof why));
        tracer_end(r->tr, lx_state_name(pr->state), pr->state == LX_EXITED ? pr->exit_status : -1,
                   stopped_by_sim ? pr->why : NULL);
    }
    if (stopped_by_sim) {
        fprintf(stderr, "sim: %s: %s: %s\n", cfg->name,
                pr->state == LX_DEADLOCK ? "deadlock" : pr->state == LX_LIMIT ? "stopped" : "fault",
                pr->why);
        char where[400];
        fprintf(stderr, "  thread %d at pc %#llx %s, after %llu instructions\n", pr->cur->tid,
                (unsigned long long)pc, fault_where(&r->prog.img, pr->cpu, pc, where, sizeof where),
                (unsigned long long)n);
        report_threads(r);
        if (pr->state != LX_DEADLOCK)
            report_recent(r);
        return status;
    }
    if (quiet)
        return status;
    if (pr->state == LX_BREAK)
        fprintf(stderr, "sim: %s: stopped at %s after %llu instructions\n", cfg->name,
                image_symbolize(&r->prog.img, pc, sym, sizeof sym), (unsigned long long)n);
    else if (pr->state == LX_KILLED)
        fprintf(stderr, "sim: %s: %s after %llu instructions\n", cfg->name, pr->why,
                (unsigned long long)n);
    else
        fprintf(stderr, "sim: %s: the program exited with status %d after %llu instructions\n",
                cfg->name, pr->exit_status, (unsigned long long)n);
    fprintf(stderr, "  threads: %llu, thread switches: %llu, virtual time: %lld ns\n",
            (unsigned long long)pr->created,
            (unsigned long long)pr->switches, (long long)lx_now(pr));
    if (r->trace_path)
        fprintf(stderr, "  trace: %s\n", r->trace == stdout ? "standard output" : r->trace_path);
    return status;
}

static int load(real_run *r, const char *path, const sim_config *cfg, char *exe)
{
    char why[256];
    if (lx_program_read(&r->prog, path, why, sizeof why) != 0) {
        fprintf(stderr, "sim: %s: %s\n", path, why);
        return 2;
    }
    emu *cpu = emu_new_real();
    lx_params p = machine_real_params(cfg, exe);
    if (!cpu) {
        fprintf(stderr, "sim: cannot start the emulator\n");
        return 2;
    }
    /* The process holds the CPU from here on, even when it fails to start:
     * run_real frees both. */
    return lx_start(&r->pr, cpu, &r->prog, &p, stderr) != 0 ? 2 : 0;
}

/* --stop-at: a breakpoint at its Nth hit, or, for an instruction number,
 * a limit, counted per instruction (untraced, counting is per block). */
static int arm_stop(real_run *r, const char *spec)
{
    char why[300];
    if (stop_spec_parse(spec, &r->prog.img, &r->stop, why, sizeof why) != 0) {
        fprintf(stderr, "sim run: %s\n", why);
        return 2;
    }
    r->stopping = true;
    if (r->stop.addr)
        emu_set_break_at_hit(r->pr.cpu, r->stop.addr, r->stop.hit);
    return 0;
}

static void count_each(void *ctx, uint64_t pc, uint32_t size)
{
    (void)ctx;
    (void)pc;
    (void)size;
}

/* --dump-state needs the Go view: the version, a layout and the runtime's
 * globals, found before the run so that a binary without them is refused
 * at once. */
static int64_t view_clock(void *pr)
{
    return lx_now(pr);
}

/* The Go view: the version, a layout and the runtime's globals, found
 * before the run.  --dump-state needs it (a binary without it is refused
 * at once); schedtrace records are left out without it, with a note. */
static int open_view(real_run *r, const char *path, const sim_config *cfg, bool for_dump)
{
    char why[300];
    go_binary_inspect(path, &r->prog.elf, &r->prog.img, &r->gb);
    if (go_view_open(&r->view, r->pr.cpu, &r->prog.img, &r->gb, why, sizeof why) != 0) {
        fprintf(stderr, "sim run: %s: %s: %s\n", for_dump ? "--dump-state or --model" : "no schedtrace records",
                path, why);
        return for_dump ? 2 : 0;
    }
    r->view.cfg = cfg;
    r->view.clock = view_clock;
    r->view.clock_ctx = &r->pr;
    r->have_view = true;
    return 0;
}

/* Before the tracer attaches (real_sched.h). */
static int arm_sched(real_run *r, const sim_config *cfg)
{
    char why[300];
    if (real_sched_arm(&r->sched, &r->view, cfg->sched_at, why, sizeof why) == 0)
        return 0;
    if (cfg->sched_at_pos.line)
        fprintf(stderr, "%s:%d:%d: %s\n", cfg->path, cfg->sched_at_pos.line, cfg->sched_at_pos.col, why);
    else
        fprintf(stderr, "sim run: %s\n", why);
    return 2;
}

static int write_dump(real_run *r, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "sim run: cannot write %s: %s\n", path, strerror(errno));
        return 2;
    }
    dump_state_json(&r->view, f);
    if (fclose(f) != 0) {
        fprintf(stderr, "sim run: writing %s failed: %s\n", path, strerror(errno));
        return 2;
    }
    return 0;
}

static void execute(real_run *r, const sim_config *cfg)
{
    uint64_t limit = cfg->max_instructions_given ? cfg->max_instructions : DEFAULT_REAL_LIMIT;
    bool at_count = r->stopping && !r->stop.addr;
    if (at_count && !r->tr)
        emu_observe(r->pr.cpu, count_each, NULL, NULL);
    if (at_count && r->stop.icount <= limit)
        limit = r->stop.icount;
    lx_run(&r->pr, limit);
    if (at_count && r->pr.state == LX_LIMIT && emu_icount(r->pr.cpu) == r->stop.icount)
        r->pr.state = LX_BREAK;
}

/* A stop that was asked for and never came: said, and not a success. */
static int check_stop_reached(real_run *r, const sim_config *cfg, int status)
{
    if (!r->stopping || r->pr.state == LX_BREAK)
        return status;
    fprintf(stderr, "sim: %s: --stop-at %s was never reached\n", cfg->name, r->stop.what);
    return status ? status : 1;
}

int run_real(const char *path, const sim_config *cfg, const real_opts *o)
{
    real_run r;
    memset(&r, 0, sizeof r);
    char exe[PATH_MAX];
    if (!realpath(path, exe))
        snprintf(exe, sizeof exe, "%s", path);
    int rc = load(&r, path, cfg, exe);
    if (rc == 0 && o->stop_at)
        rc = arm_stop(&r, o->stop_at);
    bool sched = cfg->trace_path && cfg->sched != SCHED_NEVER;
    if (rc == 0 && (o->dump || sched || o->models))
        rc = open_view(&r, path, cfg, o->dump != NULL || o->models);
    if (rc == 0 && o->models) {
        char why[300];
        if (!(r.models = intercept_arm(&r.view, o->models, why, sizeof why))) {
            fprintf(stderr, "sim run: %s\n", why);
            rc = 2;
        }
    }
    if (rc == 0 && sched && r.have_view)
        rc = arm_sched(&r, cfg);
    if (rc == 0 && cfg->trace_path && open_trace(&r, cfg) != 0)
        rc = 2;
    r.view.tr = r.tr;
    r.strace = o->strace;
    if (rc == 0 && (r.tr || r.strace))
        r.pr.obs = (lx_observer){&r, obs_syscall, obs_switch, obs_signal, obs_resync};
    if (rc == 0) {
        interrupt_arm();
        r.pr.interrupt = &interrupt_signal;
        execute(&r, cfg);
        rc = check_stop_reached(&r, cfg, finish(&r, cfg, o->quiet));
        if (!o->quiet)
            intercept_report(r.models, stderr);
        if (o->dump && write_dump(&r, o->dump) != 0)
            rc = 2;
        int werr = tracer_free(r.tr);
        interrupt_disarm();
        int closed = r.trace == stdout ? fflush(stdout) : r.trace ? fclose(r.trace) : 0;
        if (r.trace && (closed != 0 || werr)) {
            fprintf(stderr, "sim run: writing %s failed: %s\n", r.trace_path,
                    strerror(werr ? werr : errno));
            rc = 2;
        }
    }
    emu *cpu = r.pr.cpu;
    if (cpu) {
        lx_close(&r.pr);
        emu_free(cpu);
    }
    real_sched_free(&r.sched);
    intercept_free(r.models);
    go_namer_free(r.namer);
    sched_snap_free(r.view.last_sched);   /* the view is no machine_open's: nothing else frees it */
    lx_program_free(&r.prog);
    return rc;
}
