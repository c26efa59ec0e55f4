/* Setting the machine up and running it: see machine.h. */
#include "runtime_model/machine.h"
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
    int rc = procstack_layout(c, c->stack_top, buf, len, &mc->ps);
    if (rc == 0)
        rc = emu_write(mc->cpu, c->stack_top - len, buf, len);
    free(buf);
    if (rc != 0)
        fprintf(diag, "%s: argv and env do not fit in the top 64 KiB of the stack\n", c->path);
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
    emu_reg_set(mc->cpu, R_RIP, image_addr(&mc->img, cfg->entry));
    mc->state = RUN_RUNNING;
    return 0;
}

void machine_close(machine *mc)
{
    free(mc->last_sched);
    emu_free(mc->cpu);
    image_free(&mc->img);
    memset(mc, 0, sizeof *mc);
}

const char *run_state_name(run_state s)
{
    static const char *names[] = {"running", "exited", "throw", "fault", "limit", "stopped"};
    return names[s];
}

/* One emulation stretch and what its stop means for the run. */
static void step_stop(machine *mc, emu_stop stop)
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
        schedtrace_after_call(mc);
        tracer_resync(mc->tr);
        break;
    case STOP_SYSCALL:
        tracer_flush_insn(mc->tr);
        syscall_handle(mc);
        tracer_resync(mc->tr);
        break;
    case STOP_LIMIT:
        snprintf(mc->why, sizeof mc->why, "limits.max_instructions (%llu) reached",
                 (unsigned long long)mc->cfg->max_instructions);
        mc->state = RUN_LIMIT;
        break;
    case STOP_BREAK:
        mc->state = RUN_STOPPED;
        break;
    case STOP_HALT:
        break;
    case STOP_FAULT:
        snprintf(mc->why, sizeof mc->why, "CPU fault: %s", emu_fault_text(mc->cpu));
        mc->state = RUN_FAULT;
        break;
    }
}

run_state machine_run(machine *mc, uint64_t stop_at)
{
    if (mc->state == RUN_STOPPED)
        mc->state = RUN_RUNNING;
    mc->stop_at = stop_at;
    emu_set_break(mc->cpu, stop_at);
    while (mc->state == RUN_RUNNING) {
        uint64_t done = emu_icount(mc->cpu), max = mc->cfg->max_instructions;
        step_stop(mc, emu_run(mc->cpu, done < max ? max - done : 0));
    }
    emu_set_break(mc->cpu, 0);
    return mc->state;
}
