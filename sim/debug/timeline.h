/* The debugger's timeline: a run as a sequence of positions, and moving to
 * any of them, forward or back.
 *
 * A position is a step index: position 0 is the state before the first
 * step, position p the state after p calls of machine_step() (one
 * instruction, or one whole model call).  Going back is exact by
 * construction: machine snapshots are taken every `interval` steps the
 * first time the run passes there, and any earlier position is reached by
 * restoring the snapshot at or before it and replaying the steps after it,
 * which runs are deterministic enough to repeat byte for byte.  Each step's
 * trace records go to the step log, which checks that replays repeat them. */
#ifndef SIM_TIMELINE_H
#define SIM_TIMELINE_H
#include "runtime_model/machine.h"
#include "sim/debug/steplog.h"
#include "traces/trace.h"

#define TIMELINE_INTERVAL 16384   /* steps between snapshots: a replay stays a few ms */
/* A real program's snapshot is a replay from its start to a count, fast;
 * the steps after it are single steps, slower: so they are kept short. */
#define TIMELINE_INTERVAL_REAL 1024

typedef struct {
    uint64_t pos, icount;
    machine_snapshot *snap;
    emu_regs prev;       /* registers one step before pos (equal to the snapshot's at 0) */
} tl_snap;

typedef struct timeline {
    machine *mc;
    tracer *tr;
    steplog log;
    uint64_t interval;
    uint64_t pos;          /* the current position */
    uint64_t frontier;     /* the furthest position reached so far */
    bool ended;            /* the run stopped (exit, fault, throw, limit) at end_pos */
    uint64_t end_pos;
    emu_regs prev;         /* registers at pos - 1 (at pos when pos is 0) */
    tl_snap *snaps;        /* snaps[i].pos == i * interval */
    size_t nsnaps, cap;
    uint64_t replayed;     /* steps executed again to reach earlier positions */
    /* Called every TIMELINE_PROGRESS steps, forward or replayed (the TUI
     * shows a long run's progress with it); NULL: none. */
    void (*progress)(void *ctx, const struct timeline *tl);
    void *progress_ctx;
    uint64_t ticks;
    struct go_namer *namer;   /* addresses -> Go fields (runtime_model/addr_name.h) */
} timeline;

#define TIMELINE_PROGRESS 16384

/* Attach to MC, which must be at its entry point.  FULL_TRACE: record the
 * instruction records too (tests use it to check replays repeat them).
 * INTERVAL 0 means TIMELINE_INTERVAL.  SRC is the source_set for the
 * trace's source column. */
int timeline_open(timeline *tl, machine *mc, void *src, bool full_trace, uint64_t interval);
void timeline_close(timeline *tl);

/* One step forward; returns the run state after it.  At the end of the
 * run nothing happens (the position stays). */
run_state timeline_step(timeline *tl);
/* Moves and scans stop early, where they are, when a Ctrl-C is pending
 * (interrupt.h); the caller takes it and says so. */
/* Move to position TARGET (clamped to the end of the run). */
void timeline_goto(timeline *tl, uint64_t target);
/* Move to the first position at which N instructions have executed (model
 * calls execute none).  -1, at the end of the run, if it has fewer. */
int timeline_goto_icount(timeline *tl, uint64_t n);

/* Stopped at a model's entry inside the model call from pos (machine.h's
 * inside): back to pos; RESUME: the next step goes on from the entry. */
void timeline_leave_inside(timeline *tl, bool resume);

/* Visit every position from LO to HI (in order, ending at HI); VISIT is
 * called at each, with the machine in that state. */
typedef void (*tl_visit_fn)(void *ctx, timeline *tl, uint64_t pos);
void timeline_scan(timeline *tl, uint64_t lo, uint64_t hi, tl_visit_fn visit, void *ctx);
/* Start of the snapshot interval holding position POS - 1 (0 for 0). */
uint64_t timeline_interval_start(const timeline *tl, uint64_t pos);

/* A digest of everything a snapshot holds (registers, instruction count,
 * writable memory, run state), for checking that positions come back. */
uint64_t timeline_digest(timeline *tl);

#endif
