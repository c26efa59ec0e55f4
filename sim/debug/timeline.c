/* The timeline: see timeline.h. */
#include "sim/debug/timeline.h"
#include "sim/debug/interrupt.h"
#include "runtime_model/addr_name.h"
#include "sim/sources.h"
#include <stdlib.h>
#include <string.h>

static bool finished(const machine *mc)
{
    return mc->state != RUN_RUNNING && mc->state != RUN_STOPPED;
}

static void add_snapshot(timeline *tl)
{
    if (tl->nsnaps == tl->cap) {
        tl->cap = tl->cap ? 2 * tl->cap : 64;
        tl->snaps = realloc(tl->snaps, tl->cap * sizeof *tl->snaps);
    }
    tl->snaps[tl->nsnaps++] = (tl_snap){tl->pos, emu_icount(tl->mc->cpu), machine_save(tl->mc),
                                        tl->prev};
}

int timeline_open(timeline *tl, machine *mc, void *src, bool full_trace, uint64_t interval)
{
    memset(tl, 0, sizeof *tl);
    tl->mc = mc;
    tl->interval = interval ? interval : TIMELINE_INTERVAL;
    tl->namer = go_namer_new(mc);
    if (steplog_init(&tl->log, full_trace) != 0)
        return -1;
    tracer_setup setup = {tl->log.stream, TRACE_TEXT, mc->cpu, &mc->img, sources_line, src,
                          annotate_slot, mc, go_namer_mem, tl->namer};
    tl->tr = tracer_new(&setup);
    if (full_trace)
        tracer_attach(tl->tr);   /* else only model calls write records: cheap to replay */
    mc->tr = tl->tr;
    emu_regs_get(mc->cpu, &tl->prev);
    add_snapshot(tl);
    return 0;
}

void timeline_close(timeline *tl)
{
    for (size_t i = 0; i < tl->nsnaps; i++)
        machine_snapshot_free(tl->snaps[i].snap);
    free(tl->snaps);
    if (tl->mc)
        tl->mc->tr = NULL;
    tracer_free(tl->tr);
    go_namer_free(tl->namer);
    steplog_free(&tl->log);
    memset(tl, 0, sizeof *tl);
}

run_state timeline_step(timeline *tl)
{
    machine *mc = tl->mc;
    if (finished(mc))
        return mc->state;
    timeline_leave_inside(tl, true);
    emu_regs before;
    emu_regs_get(mc->cpu, &before);
    machine_step(mc);
    tracer_flush_insn(tl->tr);   /* the step's instruction record, now, not at the next one */
    if (mc->inside)   /* stopped at a model's entry: still at pos, half way to pos + 1 */
        return mc->state;
    bool fresh = tl->pos == tl->frontier;
    steplog_commit(&tl->log, tl->pos, fresh);
    tl->prev = before;
    tl->pos++;
    if (fresh) {
        tl->frontier = tl->pos;
        if (tl->pos % tl->interval == 0 && !finished(mc))
            add_snapshot(tl);
    } else {
        tl->replayed++;
    }
    if (tl->progress && ++tl->ticks % TIMELINE_PROGRESS == 0)
        tl->progress(tl->progress_ctx, tl);
    if (finished(mc)) {
        tl->ended = true;
        tl->end_pos = tl->pos;
    }
    return mc->state;
}

/* Back to pos from inside the model call after it: the nearest snapshot
 * and a replay, with nothing stopping it (the machine keeps no state from
 * before each call: that would cost a snapshot per call). */
void timeline_leave_inside(timeline *tl, bool resume)
{
    machine *mc = tl->mc;
    if (!mc->inside)
        return;
    int passed = mc->entries;
    uint64_t pos = tl->pos;
    steplog_discard(&tl->log);   /* the records of the half-run call: it runs again */
    size_t i = (size_t)(pos / tl->interval);
    const tl_snap *s = &tl->snaps[i < tl->nsnaps ? i : tl->nsnaps - 1];
    machine_restore(mc, s->snap);   /* also leaves the stop inside */
    tl->pos = s->pos;
    tl->prev = s->prev;
    bool (*armed)(void *, const char *) = mc->entry_stop;
    mc->entry_stop = NULL;
    while (tl->pos < pos && !finished(mc))
        timeline_step(tl);
    mc->entry_stop = armed;
    mc->entry_pass = resume ? passed : 0;
}

static void restore(timeline *tl, const tl_snap *s)
{
    timeline_leave_inside(tl, false);
    machine_restore(tl->mc, s->snap);
    tl->pos = s->pos;
    tl->prev = s->prev;
}

/* Step forward to TARGET or the end of the run. */
static void step_to(timeline *tl, uint64_t target)
{
    while (tl->pos < target && !finished(tl->mc) && !interrupt_pending())
        timeline_step(tl);
}

void timeline_goto(timeline *tl, uint64_t target)
{
    if (tl->ended && target > tl->end_pos)
        target = tl->end_pos;
    uint64_t known = target < tl->frontier ? target : tl->frontier;
    size_t i = (size_t)(known / tl->interval);
    if (i >= tl->nsnaps)
        i = tl->nsnaps - 1;
    const tl_snap *s = &tl->snaps[i];
    if (tl->pos < s->pos || tl->pos > target)   /* else going on from here is shorter */
        restore(tl, s);
    step_to(tl, target);
}

int timeline_goto_icount(timeline *tl, uint64_t n)
{
    if (n == 0) {
        timeline_goto(tl, 0);
        return 0;
    }
    size_t i = tl->nsnaps;   /* the last snapshot with fewer than N instructions */
    while (i > 1 && tl->snaps[i - 1].icount >= n)
        i--;
    const tl_snap *s = &tl->snaps[i - 1];
    if (tl->pos < s->pos || emu_icount(tl->mc->cpu) >= n)
        restore(tl, s);
    while (emu_icount(tl->mc->cpu) < n && !finished(tl->mc) && !interrupt_pending())
        timeline_step(tl);
    return emu_icount(tl->mc->cpu) == n || interrupt_pending() ? 0 : -1;
}

void timeline_scan(timeline *tl, uint64_t lo, uint64_t hi, tl_visit_fn visit, void *ctx)
{
    timeline_goto(tl, lo);
    visit(ctx, tl, tl->pos);
    while (tl->pos < hi && !finished(tl->mc) && !interrupt_pending()) {
        timeline_step(tl);
        visit(ctx, tl, tl->pos);
    }
}

uint64_t timeline_interval_start(const timeline *tl, uint64_t pos)
{
    return pos == 0 ? 0 : (pos - 1) / tl->interval * tl->interval;
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const uint8_t *b = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 0x100000001b3ULL;
    return h;
}

static uint64_t fnv_mem(uint64_t h, machine *mc, uint64_t addr, uint64_t len)
{
    uint8_t buf[4096];
    for (uint64_t off = 0; off < len; off += sizeof buf) {
        size_t n = len - off < sizeof buf ? (size_t)(len - off) : sizeof buf;
        emu_read(mc->cpu, addr + off, buf, n);
        h = fnv(h, buf, n);
    }
    return h;
}

uint64_t timeline_digest(timeline *tl)
{
    machine *mc = tl->mc;
    emu_regs r;
    emu_regs_get(mc->cpu, &r);
    uint64_t h = fnv(0xcbf29ce484222325ULL, &r, sizeof r);
    uint64_t icount = emu_icount(mc->cpu), state = mc->state;
    h = fnv(h, &icount, sizeof icount);
    h = fnv(h, &state, sizeof state);
    for (int i = 0; i < mc->img.nsegs; i++)
        if (mc->img.segs[i].write)
            h = fnv_mem(h, mc, mc->img.segs[i].addr, mc->img.segs[i].size);
    const sim_config *c = mc->cfg;
    h = fnv_mem(h, mc, c->stack_top - c->stack_size, c->stack_size);
    return fnv_mem(h, mc, c->heap_base, rd_var(mc, mc->arena_next, 8) - c->heap_base);
}
