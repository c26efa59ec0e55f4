/* `sim run [CONFIG] [options]`: config -> program image -> machine -> trace. */
#include "runtime_model/addr_name.h"
#include "runtime_model/dump.h"
#include "runtime_model/machine.h"
#include "cpu/disasm.h"
#include "sim/cli.h"
#include "sim/commands.h"
#include "sim/embedded.h"
#include "sim/fault_where.h"
#include "sim/scenarios.h"
#include "sim/program.h"
#include "sim/run_real.h"
#include "sim/stop_spec.h"
#include "sim/version.h"
#include "traces/trace.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_CONFIG "configs/boot.yaml"

typedef struct {
    const char *config, *out, *format, *stop_at, *dump;
    const char *max, *ncpu, *seed, *quantum, *sched_at, *models;
    const char *allow[64];   /* --allow PATH: host files the program may read */
    int nallow;
    bool quiet, strace, list;
    char **args;       /* after "--": the program's arguments */
    int nargs;
} run_opts;

static void run_usage(FILE *f)
{
    fprintf(f,
        "usage: sim run [CONFIG | NAME] [options]\n"
        "       sim run PROG [options] [-- ARGS...]\n"
        "       sim run --list\n"
        "CONFIG is a YAML file (docs/config.md); NAME a built-in scenario (--list names\n"
        "them), run from any directory; neither runs the built-in boot (" DEFAULT_CONFIG ").\n"
        "PROG is a static linux/amd64 executable (a Go program built with CGO_ENABLED=0):\n"
        "it runs with ARGS and sim's environment, and sim exits with its status (125 when\n"
        "sim has to stop it).\n"
        "options:\n"
        "  -o TRACE               write the trace to TRACE (- for standard output; the\n"
        "                         summary then goes to stderr); default: trace.path\n"
        "  --format text|jsonl    the trace's format: text (one record a line, as\n"
        "                         docs/trace-format.md shows) or jsonl (one JSON object a line)\n"
        "  --max-instructions N   stop after N instructions (limits.max_instructions)\n"
        "  --stop-at WHERE        stop before WHERE: a function (main.main, runtime·main),\n"
        "                         FILE:LINE or an instruction number; FUNCTION@N or\n"
        "                         FILE:LINE@N stops at the Nth hit\n"
        "  --dump-state FILE.json at the end, write the Go state (gs, ms, ps, sched) as JSON\n"
        "  -q, --quiet            no summary when the run ends normally\n"
        "  --list                 name the built-in scenarios, with what each shows\n"
        "  -h, --help             this help\n"
        "options for PROG:\n"
        "  --ncpu N               CPUs the program sees (default 2)\n"
        "  --schedule-seed N      how its threads are interleaved: 0 round robin, else seeded\n"
        "                         random picks\n"
        "  --quantum N            instructions a thread runs before another may (default 20000)\n"
        "  --strace               print its syscalls, thread switches and signals on stderr\n"
        "  --allow PATH           let it read a host file (a PATH ending in / a folder), as\n"
        "                         process.files; may be repeated\n"
        "  --model NAME,...       run sim's C models in place of those runtime functions\n"
        "                         (sim verify --list names them; the summary says how many\n"
        "                         calls each model took)\n"
        "  --sched-at F,F... | every-change\n"
        "                         where its trace takes schedtrace blocks (default\n"
        "                         runtime.schedule, execute, newproc1, goexit0, park_m,\n"
        "                         ready, startm)\n"
        "Exit status: 0 the program ran to its end, 1 it did not (a fault, a throw, the\n"
        "instruction limit), 2 bad input; a PROG's own status, or 125.\n");
}

static const char *const run_flags[] = {
    "-o", "--format", "--stop-at", "--dump-state", "--max-instructions", "--ncpu",
    "--schedule-seed", "--quantum", "--sched-at", "--allow", "--model", "--strace", "-q", "--quiet",
    "--list", "--help", NULL,
};

static int parse_opts(int argc, char **argv, run_opts *o)
{
    memset(o, 0, sizeof *o);
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = strcmp(a, "-o") == 0 ? &o->out
                            : strcmp(a, "--format") == 0 ? &o->format
                            : strcmp(a, "--stop-at") == 0 ? &o->stop_at
                            : strcmp(a, "--dump-state") == 0 ? &o->dump
                            : strcmp(a, "--max-instructions") == 0 ? &o->max
                            : strcmp(a, "--ncpu") == 0 ? &o->ncpu
                            : strcmp(a, "--schedule-seed") == 0 ? &o->seed
                            : strcmp(a, "--quantum") == 0 ? &o->quantum
                            : strcmp(a, "--sched-at") == 0 ? &o->sched_at
                            : strcmp(a, "--model") == 0 ? &o->models : NULL;
        if (slot) {
            if (i + 1 >= argc) {
                fprintf(stderr, "sim run: %s needs a value\n", a);
                return 2;
            }
            *slot = argv[++i];
        } else if (strcmp(a, "--allow") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "sim run: --allow needs a path\n");
                return 2;
            }
            if (o->nallow == (int)(sizeof o->allow / sizeof o->allow[0])) {
                fprintf(stderr, "sim run: more than %d --allow\n", o->nallow);
                return 2;
            }
            o->allow[o->nallow++] = argv[++i];
        } else if (strcmp(a, "--") == 0) {
            o->args = argv + i + 1;
            o->nargs = argc - i - 1;
            break;
        } else if (strcmp(a, "--strace") == 0) {
            o->strace = true;
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            o->quiet = true;
        } else if (strcmp(a, "--list") == 0) {
            o->list = true;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            run_usage(stdout);
            exit(0);
        } else if (a[0] == '-' && a[1]) {
            cli_unknown(stderr, "sim run", "option", a, run_flags);
            fprintf(stderr, "run 'sim run --help' for the options\n");
            return 2;
        } else if (o->config) {
            fprintf(stderr, "sim run: unexpected argument \"%s\"\n", a);
            run_usage(stderr);
            return 2;
        } else {
            o->config = a;
        }
    }
    return 0;
}

/* An unsigned number option in [MIN, MAX], or -1 with a message. */
static int num_opt(const char *name, const char *v, uint64_t min, uint64_t max, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long n = strtoull(v, &end, 0);
    if (*end || errno || v[0] == '-' || !v[0] || n < min || n > max) {
        fprintf(stderr, "sim run: %s needs an integer from %llu to %llu, not \"%s\"\n", name,
                (unsigned long long)min, (unsigned long long)max, v);
        return -1;
    }
    *out = n;
    return 0;
}

/* Command-line values override the config's. */
static int apply_opts(const run_opts *o, sim_config *cfg)
{
    uint64_t v;
    if (o->ncpu) {
        if (num_opt("--ncpu", o->ncpu, 1, 1024, &v))
            return 2;
        cfg->ncpu = (int)v;
    }
    if (o->seed) {
        if (num_opt("--schedule-seed", o->seed, 0, UINT64_MAX, &v))
            return 2;
        cfg->schedule_seed = v;
    }
    if (o->quantum) {
        if (num_opt("--quantum", o->quantum, 1, 1000000000, &v))
            return 2;
        cfg->quantum = v;
    }
    for (int i = 0; i < o->nallow; i++) {
        char **files = realloc(cfg->files, (size_t)(cfg->nfiles + 1) * sizeof *files);
        if (!files)
            return 2;
        cfg->files = files;
        cfg->files[cfg->nfiles++] = strdup(o->allow[i]);
    }
    if (o->sched_at) {
        free(cfg->sched_at);
        cfg->sched_at = strdup(o->sched_at);
        cfg->sched_at_pos = (config_pos){0, 0};
    }
    if (o->out) {
        free(cfg->trace_path);
        cfg->trace_path = strdup(o->out);
    }
    if (o->format && strcmp(o->format, "text") == 0)
        cfg->format = TRACE_TEXT;
    else if (o->format && strcmp(o->format, "jsonl") == 0)
        cfg->format = TRACE_JSONL;
    else if (o->format) {
        fprintf(stderr, "sim run: --format must be text or jsonl, not \"%s\"\n", o->format);
        return 2;
    }
    if (o->max) {
        char *end;
        errno = 0;
        unsigned long long n = strtoull(o->max, &end, 0);
        if (*end || errno || n == 0 || o->max[0] == '-') {
            fprintf(stderr, "sim run: --max-instructions needs a positive integer\n");
            return 2;
        }
        cfg->max_instructions = n;
        cfg->max_instructions_given = true;
    }
    return 0;
}

/* The last instructions before a failure, rendered from the pcs the CPU
 * keeps (so the report works with or without a trace). */
static void report_recent(machine *mc, source_set *src)
{
    uint64_t pcs[EMU_RECENT];
    int n = emu_recent(mc->cpu, pcs, EMU_RECENT);
    if (n)
        fprintf(stderr, "  last instructions:\n");
    disasm *dis = disasm_new();
    for (int i = 0; i < n; i++) {
        char sym[128], text[192];
        const char *file;
        int line;
        uint8_t bytes[16] = {0};
        emu_read(mc->cpu, pcs[i], bytes, sizeof bytes);
        trace_source_text(&mc->img, sources_line, src, pcs[i], text, sizeof text, &file, &line);
        fprintf(stderr, "    0x%llx %s | %s:%d %s | %s\n", (unsigned long long)pcs[i],
                image_symbolize(&mc->img, pcs[i], sym, sizeof sym), file, line, text,
                disasm_at(dis, pcs[i], bytes, sizeof bytes));
    }
    disasm_free(dis);
}

static void report_failure(machine *mc, source_set *src)
{
    char where[400];
    uint64_t rip = emu_reg_get(mc->cpu, R_RIP);
    fprintf(stderr, "sim: %s: %s\n", mc->state == RUN_THROW ? "fatal error" : "fault", mc->why);
    fprintf(stderr, "  at pc 0x%llx %s, rsp 0x%llx, after %llu instructions\n",
            (unsigned long long)rip, fault_where(&mc->img, mc->cpu, rip, where, sizeof where),
            (unsigned long long)emu_reg_get(mc->cpu, R_RSP),
            (unsigned long long)emu_icount(mc->cpu));
    report_recent(mc, src);
}

/* The trace goes to standard output: `-o -` (or /dev/stdout, which opened
 * anew would start at offset 0 and be overwritten by the summary). */
static bool trace_to_stdout(const machine *mc)
{
    const char *p = mc->cfg->trace_path;
    return p && (strcmp(p, "-") == 0 || strcmp(p, "/dev/stdout") == 0);
}

/* The goroutines and Ps of the run, and where its trace went. */
static void report_counts(machine *mc, FILE *out)
{
    fprintf(out, "  goroutines created: %llu, gomaxprocs: %u\n",
            (unsigned long long)goroutines_created(mc),
            (unsigned)emu_read_u(mc->cpu, mc->gomaxprocs, 4));
    if (mc->cfg->trace_path)
        fprintf(out, "  trace: %s\n", trace_to_stdout(mc) ? "standard output" : mc->cfg->trace_path);
}

/* Print how the run ended; returns the exit status. */
static int summarize(machine *mc, const run_opts *o, source_set *src)
{
    bool failed = mc->state == RUN_THROW || mc->state == RUN_FAULT || mc->state == RUN_LIMIT;
    char where[128];
    uint64_t rip = emu_reg_get(mc->cpu, R_RIP);
    if (mc->tr && failed) {
        char why[800];
        tracer_fault(mc->tr, rip, fault_why(&mc->img, mc->cpu, rip, mc->why, why, sizeof why));
    }
    if (mc->tr)
        tracer_end(mc->tr, run_state_name(mc->state),
                   mc->state == RUN_EXITED ? mc->exit_code : -1, failed ? mc->why : NULL);
    if (mc->state == RUN_LIMIT) {   /* no fault: the run was cut where the config said */
        fprintf(stderr, "sim: %s: reached the instruction limit (%llu, limits.max_instructions) at %s\n",
                mc->cfg->name, (unsigned long long)mc->cfg->max_instructions,
                image_symbolize(&mc->img, rip, where, sizeof where));
        report_counts(mc, stderr);
        fprintf(stderr, "  (--max-instructions N runs further)\n");
        return 1;
    }
    if (failed) {
        report_failure(mc, src);
        return 1;
    }
    if (!o->quiet) {
        FILE *out = trace_to_stdout(mc) ? stderr : stdout;
        if (mc->state == RUN_EXITED)
            fprintf(out, "sim: %s: the program exited with status %d after %llu instructions\n",
                    mc->cfg->name, mc->exit_code, (unsigned long long)emu_icount(mc->cpu));
        else if (mc->inside)
            fprintf(out, "sim: %s: stopped at %s's entry (a model), inside the model call of %s, "
                    "after %llu instructions\n", mc->cfg->name, mc->inside, mc->inside_call,
                    (unsigned long long)emu_icount(mc->cpu));
        else
            fprintf(out, "sim: %s: stopped at %s after %llu instructions\n", mc->cfg->name,
                    image_symbolize(&mc->img, rip, where, sizeof where),
                    (unsigned long long)emu_icount(mc->cpu));
        report_counts(mc, out);
    }
    return 0;
}

static FILE *open_trace(machine *mc, source_set *src, go_namer *namer)
{
    FILE *f = trace_to_stdout(mc) ? stdout : fopen(mc->cfg->trace_path, "w");
    if (!f) {
        fprintf(stderr, "sim run: cannot write trace %s: %s\n", mc->cfg->trace_path,
                strerror(errno));
        return NULL;
    }
    tracer_setup setup = {f, mc->cfg->format, mc->cpu, &mc->img, sources_line, src,
                          annotate_slot, mc, go_namer_mem, namer};
    mc->tr = tracer_new(&setup);
    tracer_header(mc->tr, mc->cfg->name, SIM_VERSION);
    tracer_attach(mc->tr);
    return f;
}

static int write_dump(machine *mc, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "sim run: cannot write %s: %s\n", path, strerror(errno));
        return -1;
    }
    errno = 0;
    dump_state_json(mc, f);
    /* ENOSPC often shows only in fclose's flush: check both, say why. */
    int err = ferror(f) ? (errno ? errno : EIO) : 0;
    if (fclose(f) != 0 && !err)
        err = errno;
    if (err) {
        fprintf(stderr, "sim run: writing %s failed: %s\n", path, strerror(err));
        return -1;
    }
    return 0;
}

/* Run to the stop (--stop-at's Nth hit, or its instruction number), else
 * to the end.  A hit after the first steps past each earlier one, so a stop
 * at a model's stub counts its calls as the breakpoint counts instructions. */
/* machine.entry_stop for --stop-at on a model function: its Nth entry. */
typedef struct { const char *model; uint64_t hit, seen; } entry_count;

static bool entry_reached(void *ctx, const char *model)
{
    entry_count *c = ctx;
    return strcmp(model, c->model) == 0 && ++c->seen == c->hit;
}

static void run_to_stop(machine *mc, const stop_spec *st)
{
    if (st && st->model) {
        entry_count c = {st->model, st->hit, 0};
        mc->entry_stop = entry_reached;
        mc->entry_ctx = &c;
        machine_run(mc, 0);
        mc->entry_stop = NULL;
        mc->entry_ctx = NULL;
        return;
    }
    if (st && !st->addr) {
        while (emu_icount(mc->cpu) < st->icount && machine_step(mc) == RUN_RUNNING)
            ;
        if (mc->state == RUN_RUNNING)
            mc->state = RUN_STOPPED;
        return;
    }
    for (uint64_t hit = 1;; hit++) {
        machine_run(mc, st ? st->addr : 0);
        if (!st || mc->state != RUN_STOPPED || hit == st->hit)
            return;
        machine_step(mc);
    }
}

static int run_machine(machine *mc, const run_opts *o, source_set *src)
{
    stop_spec st;
    char why[300];
    if (o->stop_at && stop_spec_parse(o->stop_at, &mc->img, &st, why, sizeof why) != 0) {
        fprintf(stderr, "sim run: %s\n", why);
        return 2;
    }
    FILE *trace = NULL;
    go_namer *namer = go_namer_new(mc);   /* names the trace's stores */
    if (mc->cfg->trace_path && !(trace = open_trace(mc, src, namer))) {
        go_namer_free(namer);
        return 2;
    }
    run_to_stop(mc, o->stop_at ? &st : NULL);
    int rc = summarize(mc, o, src);
    if (o->stop_at && mc->state != RUN_STOPPED) {
        fprintf(stderr, "sim: %s: --stop-at %s was never reached\n", mc->cfg->name, o->stop_at);
        rc = rc ? rc : 1;
    }
    if (o->dump && write_dump(mc, o->dump) != 0)
        rc = 2;
    int werr = tracer_free(mc->tr);   /* the trace's writes, on its I/O thread */
    mc->tr = NULL;
    go_namer_free(namer);
    int closed = trace == stdout ? fflush(trace) : trace ? fclose(trace) : 0;
    if (trace && (closed != 0 || werr)) {
        fprintf(stderr, "sim run: writing %s failed: %s\n", mc->cfg->trace_path,
                strerror(werr ? werr : errno));
        rc = 2;
    }
    return rc;
}

/* A config's program.elf, relative to the config's folder. */
static char *elf_path(const sim_config *cfg)
{
    const char *slash = strrchr(cfg->path, '/');
    if (cfg->elf[0] == '/' || !slash)
        return strdup(cfg->elf);
    size_t n = (size_t)(slash - cfg->path) + 1 + strlen(cfg->elf) + 1;
    char *p = malloc(n);
    snprintf(p, n, "%.*s%s", (int)(slash - cfg->path + 1), cfg->path, cfg->elf);
    return p;
}

static int cmd_run_real(const run_opts *o, sim_config *cfg, const char *prog)
{
    real_opts ro = {o->quiet, o->stop_at, o->dump, o->strace, o->models};
    return run_real(prog, cfg, &ro);
}

int cmd_run(int argc, char **argv)
{
    run_opts o;
    sim_config cfg;
    int rc = parse_opts(argc, argv, &o);
    if (rc)
        return rc;
    if (o.list) {
        scenario_list(stdout);
        return 0;
    }
    if (o.config && real_is_elf(o.config)) {
        real_config(&cfg, o.config, o.args, o.nargs);
        rc = apply_opts(&o, &cfg);
        if (rc == 0)
            rc = cmd_run_real(&o, &cfg, o.config);
        config_free(&cfg);
        return rc;
    }
    if (o.nargs) {
        fprintf(stderr, "sim run: arguments after -- are for a program (an ELF file), and %s is not one\n",
                o.config ? o.config : "the built-in config");
        return 2;
    }
    bool builtin;
    if ((rc = scenario_load(o.config, &cfg, &builtin, stderr)) != 0 ||
        (rc = apply_opts(&o, &cfg)) != 0) {
        config_free(&cfg);
        return rc;
    }
    if (cfg.elf) {
        char *prog = elf_path(&cfg);
        if (!real_is_elf(prog)) {
            /* A file that cannot be opened is not "not an ELF file". */
            FILE *f = fopen(prog, "rb");
            int err = errno;
            fprintf(stderr, "%s:%d:%d: program.elf: ", cfg.path, cfg.elf_pos.line, cfg.elf_pos.col);
            if (f)
                fprintf(stderr, "%s is not an ELF file\n", prog);
            else
                fprintf(stderr, "cannot read %s: %s\n", prog, strerror(err));
            if (f)
                fclose(f);
            rc = 2;
        } else {
            rc = cmd_run_real(&o, &cfg, prog);
        }
        free(prog);
        config_free(&cfg);
        return rc;
    }
    source_set src;
    image img = {0};
    machine mc;
    sources_init(&src, cfg.path, builtin);
    rc = program_build(&cfg, &src, &img, stderr);
    if (rc == 0) {
        rc = machine_open(&mc, &cfg, &img, stderr) != 0 ? 2 : run_machine(&mc, &o, &src);
        machine_close(&mc);
    }
    image_free(&img);   /* only when the machine did not take it over */
    sources_free(&src);
    config_free(&cfg);
    return rc;
}
