/* Setting the machine up and running it: see machine.h. */
#include "runtime_model/machine.h"
#include "runtime_model/machine_real.h"
#include "runtime_model/schedtrace.h"
#include "traces/trace.h"
#include <stdlib.h>
#include <string.h>

static int map_image(machine *mc, FILE *diag)
{
    for (int i = 0; i < mc->img.nsegs; i++) {
        image_segment *s = &mc->img.segs[i];
        int rc = strcmp(s->name, "stubs") == 0 ? emu_map_stubs(mc->cpu, s->addr, s->size)
                                               : emu_map(mc->cpu, s->addr, s->size, s->write, s->exec);
        if (rc != 0 || emu_write(mc->cpu, s->addr, s->bytes, s->size) != 0) {
            fprintf(diag, "sim: cannot map %s at 0x%llx\n", s->name, (unsigned long long)s->addr);
            return -1;
        }
    }
    return 0;
}

/* The model mode's auxiliary vector: what rt0_go and the models read. */
static const uint64_t model_auxv[][2] = {
    {AT_PAGESZ, 4096}, {AT_CLKTCK, 100}, {AT_PLATFORM, 0}, {AT_RANDOM, 0}, {AT_EXECFN, 0},
};

procstack_args machine_stack_args(const sim_config *c)
{
    return (procstack_args){c->argv, c->argc, c->env, c->nenv, c->at_random, model_auxv,
                            (int)(sizeof model_auxv / sizeof model_auxv[0])};
}

static int map_stack(machine *mc, FILE *diag)
{
    const sim_config *c = mc->cfg;
    uint64_t lo = c->stack_top - c->stack_size;
    if (emu_map(mc->cpu, lo, c->stack_size, true, false) != 0 ||
        emu_map(mc->cpu, c->heap_base, c->heap_size, true, false) != 0) {
        fprintf(diag, "%s: cannot map the stack or heap arena (memory: overlaps the program?)\n",
                c->path);
        return -1;
    }
    size_t len = c->stack_size < 65536 ? c->stack_size : 65536;
    uint8_t *buf = malloc(len);
    procstack_args args = machine_stack_args(c);
    int rc = procstack_layout(&args, c->stack_top, buf, len, &mc->ps);
    bool fits = rc == 0;
    if (rc == 0)
        rc = emu_write(mc->cpu, c->stack_top - len, buf, len);
    if (!fits) {   /* the line to point at: env's if argv alone fits */
        procstack ps;
        args.nenv = 0;
        bool argv_fits = procstack_layout(&args, c->stack_top, buf, len, &ps) == 0;
        config_fprint_at(diag, c, argv_fits ? c->env_pos : c->argv_pos);
        fprintf(diag, "process.argv and process.env do not fit in the top 64 KiB of the stack\n");
    } else if (rc != 0) {
        fprintf(diag, "%s: cannot write argv and env to the stack\n", c->path);
    }
    free(buf);
    return rc;
}

int machine_open(machine *mc, const sim_config *cfg, image *img, FILE *diag)
{
    memset(mc, 0, sizeof *mc);
    mc->cfg = cfg;
    mc->img = *img;
    memset(img, 0, sizeof *img);
    mc->cpu = emu_new();
    if (!mc->cpu) {
        fprintf(diag, "sim: cannot start the Unicorn x86-64 emulator\n");
        return -1;
    }
    if (map_image(mc, diag) != 0 || map_stack(mc, diag) != 0 || models_bind(mc) != 0)
        return -1;
    emu_reg_set(mc->cpu, R_RSP, mc->ps.sp);
    emu_reg_set(mc->cpu, R_RIP, image_addr_any(&mc->img, cfg->entry));
    mc->state = RUN_RUNNING;
    return 0;
}

void machine_close(machine *mc)
{
    if (mc->real) {
        machine_real_close(mc);
        return;
    }
    sched_snap_free(mc->last_sched);
    machine_snapshot_free(mc->inside_undo);
    emu_free(mc->cpu);
    image_free(&mc->img);
    memset(mc, 0, sizeof *mc);
}

const char *run_state_name(run_state s)
{
    static const char *names[] = {"running", "exited", "throw", "fault", "limit", "stopped"};
    return names[s];
}

/* A fault of an instruction with an FS override (the 0x64 prefix: Go's
 * g(CX), an ABI0 wrapper's MOVQ (TLS), R14) while %fs:-8 is not mapped is
 * the TLS that settls never set up: said so, in place of Unicorn's words. */
static bool tls_fault(machine *mc)
{
    uint64_t rip = emu_reg_get(mc->cpu, R_RIP), fs = emu_reg_get(mc->cpu, R_FS_BASE);
    uint8_t op = 0;
    if (emu_read(mc->cpu, rip, &op, 1) != 0 || op != 0x64 ||
        (fs >= 8 && emu_mapped(mc->cpu, fs - 8, 8)))
        return false;
    snprintf(mc->why, sizeof mc->why,
             "SIGSEGV: reading g at %%fs:-8 (fs_base=0x%llx): thread-local storage was never "
             "set up (settls)", (unsigned long long)fs);
    return true;
}

/* One emulation stretch and what its stop means for the run.  BUDGET_HIT
 * is what STOP_LIMIT means: the configured limit, or just the end of a step. */
static void step_stop(machine *mc, emu_stop stop, bool budget_is_limit)
{
    switch (stop) {
    case STOP_STUB:
        tracer_flush_insn(mc->tr);
        if (emu_reg_get(mc->cpu, R_RIP) == mc->stop_at) {
            mc->state = RUN_STOPPED;
            break;
        }
        if (models_dispatch(mc) != 0) {
            snprintf(mc->why, sizeof mc->why, "jumped into a model stub with no model");
            mc->state = RUN_FAULT;
        }
        if (mc->inside)   /* stopped at a model's entry, in the middle of the call */
            break;
        schedtrace_after_call(mc);
        tracer_resync(mc->tr);
        break;
    case STOP_SYSCALL:
        tracer_flush_insn(mc->tr);
        syscall_handle(mc);
        tracer_resync(mc->tr);
        break;
    case STOP_LIMIT:
        if (budget_is_limit || emu_icount(mc->cpu) >= mc->cfg->max_instructions) {
            snprintf(mc->why, sizeof mc->why, "limits.max_instructions (%llu) reached",
                     (unsigned long long)mc->cfg->max_instructions);
            mc->state = RUN_LIMIT;
        }
        break;
    case STOP_BREAK:
        mc->state = RUN_STOPPED;
        break;
    case STOP_FAULT:
    case STOP_QUANTUM:   /* neither comes from the model mode's CPU (emu_new) */
    case STOP_TRAP:
        if (!tls_fault(mc))
            snprintf(mc->why, sizeof mc->why, "CPU fault: %s", emu_fault_text(mc->cpu));
        mc->state = RUN_FAULT;
        break;
    }
}

run_state machine_run(machine *mc, uint64_t stop_at)
{
    if (mc->real)
        return machine_real_run(mc, stop_at);
    machine_leave_inside(mc, true);
    if (mc->state == RUN_STOPPED)
        mc->state = RUN_RUNNING;
    mc->stop_at = stop_at;
    emu_set_break(mc->cpu, stop_at);
    while (mc->state == RUN_RUNNING) {
        uint64_t done = emu_icount(mc->cpu), max = mc->cfg->max_instructions;
        step_stop(mc, emu_run(mc->cpu, done < max ? max - done : 0), true);
    }
    emu_set_break(mc->cpu, 0);
    return mc->state;
}

run_state machine_step(machine *mc)
{
    if (mc->real)
        return machine_real_step(mc);
    machine_leave_inside(mc, true);
    if (mc->state == RUN_STOPPED)
        mc->state = RUN_RUNNING;
    if (mc->state != RUN_RUNNING)
        return mc->state;
    uint64_t rip = emu_reg_get(mc->cpu, R_RIP);
    const image_sym *s = image_sym_at(&mc->img, rip);
    mc->stop_at = 0;
    emu_set_break(mc->cpu, 0);
    if (s && s->kind == SYM_MODEL)
        step_stop(mc, STOP_STUB, false);   /* the model call is the step */
    else if (emu_icount(mc->cpu) >= mc->cfg->max_instructions)
        step_stop(mc, STOP_LIMIT, true);
    else {
        uint64_t before = emu_icount(mc->cpu);
        emu_stop stop = emu_run(mc->cpu, 1);
        /* Unicorn reports the stub fetch right after the CALL into it; the
         * model call is the next step. */
        if (stop == STOP_STUB && emu_icount(mc->cpu) > before)
            tracer_flush_insn(mc->tr);
        else
            step_stop(mc, stop, false);
    }
    return mc->state;
}

/* --- snapshots ------------------------------------------------------- */

typedef struct { uint64_t addr, len; uint8_t *bytes; } saved_range;

struct machine_snapshot {
    emu_regs regs;
    uint64_t icount;
    saved_range ranges[4];
    int nranges;
    uint64_t heap_used_end;       /* the arena's bump pointer when saved */
    run_state state;
    int exit_code;
    char why[256];
    int64_t sched_origin;
    sched_snap *last_sched;
};

static void save_range(machine_snapshot *s, machine *mc, uint64_t addr, uint64_t len)
{
    saved_range *r = &s->ranges[s->nranges++];
    r->addr = addr;
    r->len = len;
    r->bytes = malloc(len ? len : 1);
    emu_read(mc->cpu, addr, r->bytes, len);
}

machine_snapshot *machine_save(machine *mc)
{
    machine_snapshot *s = calloc(1, sizeof *s);
    emu_regs_get(mc->cpu, &s->regs);
    s->icount = emu_icount(mc->cpu);
    if (mc->real)   /* a replay to the count gets the rest back (machine_real.c) */
        return s;
    for (int i = 0; i < mc->img.nsegs; i++)
        if (mc->img.segs[i].write)
            save_range(s, mc, mc->img.segs[i].addr, mc->img.segs[i].size);
    const sim_config *c = mc->cfg;
    save_range(s, mc, c->stack_top - c->stack_size, c->stack_size);
    s->heap_used_end = rd_var(mc, mc->arena_next, 8);
    save_range(s, mc, c->heap_base, s->heap_used_end - c->heap_base);
    s->state = mc->state;
    s->exit_code = mc->exit_code;
    memcpy(s->why, mc->why, sizeof s->why);
    s->sched_origin = mc->sched_origin;
    s->last_sched = sched_snap_dup(mc->last_sched);
    return s;
}

void machine_restore(machine *mc, const machine_snapshot *s)
{
    if (mc->real) {
        machine_real_restore(mc, s->icount);
        tracer_resync(mc->tr);
        return;
    }
    machine_snapshot_free(mc->inside_undo);   /* a stop inside a model call is left for S's state */
    mc->inside_undo = NULL;
    mc->inside = mc->inside_call = NULL;
    mc->entry_pass = 0;
    uint64_t heap_now = rd_var(mc, mc->arena_next, 8);
    static const uint8_t zero[4096];
    for (uint64_t a = s->heap_used_end; a < heap_now; a += sizeof zero)   /* later allocations */
        emu_write(mc->cpu, a, zero, heap_now - a < sizeof zero ? heap_now - a : sizeof zero);
    for (int i = 0; i < s->nranges; i++)
        emu_write(mc->cpu, s->ranges[i].addr, s->ranges[i].bytes, s->ranges[i].len);
    for (int r = 0; r < EMU_NREGS; r++)
        emu_reg_set(mc->cpu, (emu_reg)r, s->regs.r[r]);
    emu_set_icount(mc->cpu, s->icount);
    mc->state = s->state;
    mc->exit_code = s->exit_code;
    memcpy(mc->why, s->why, sizeof mc->why);
    mc->sched_origin = s->sched_origin;
    sched_snap_free(mc->last_sched);
    mc->last_sched = sched_snap_dup(s->last_sched);
    mc->depth = 0;
    mc->naming_g = 0;
    mc->naming.how = REF_NONE;
    tracer_resync(mc->tr);
}

void machine_snapshot_free(machine_snapshot *s)
{
    if (!s)
        return;
    for (int i = 0; i < s->nranges; i++)
        free(s->ranges[i].bytes);
    sched_snap_free(s->last_sched);
    free(s);
}
