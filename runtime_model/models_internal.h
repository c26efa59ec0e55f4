/* Shared between the model files: the Go functions modelled in C call each
 * other directly, as the Go code does.  Each carries the name of the Go
 * function it follows; docs/models.md says what each leaves out. */
#ifndef RUNTIME_MODEL_MODELS_INTERNAL_H
#define RUNTIME_MODEL_MODELS_INTERNAL_H
#include "runtime_model/machine.h"
#include <stdbool.h>

/* Trace a model call ("name(args)") and nest the records that follow.
 * enter and note are macros so that their arguments (g names, symbols)
 * are worked out only when a trace is written: without one they cost a
 * model call more than the model itself. */
#define enter(mc, name, ...)                      \
    do {                                          \
        machine *enter_mc_ = (mc);                \
        if (enter_mc_->tr)                        \
            enter_traced(enter_mc_, name, __VA_ARGS__); \
        enter_mc_->depth++;                       \
        if (enter_mc_->entry_stop)                \
            model_entered(enter_mc_, name);       \
    } while (0)
#define note(mc, ...)                             \
    do {                                          \
        machine *note_mc_ = (mc);                 \
        if (note_mc_->tr)                         \
            note_traced(note_mc_, __VA_ARGS__);   \
    } while (0)
void enter_traced(machine *mc, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void note_traced(machine *mc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void leave(machine *mc);
/* A model function's entry while entry stops are armed: stops the run
 * here (longjmp out of the model call) when mc->entry_stop says so. */
void model_entered(machine *mc, const char *name);
/* The running state allows the model to go on (no throw/fault yet). */
static inline bool ok(machine *mc) { return mc->state == RUN_RUNNING; }

/* Text helpers for trace arguments (each returns BUF). */
const char *gname(machine *mc, uint64_t g, char *buf);     /* 32-byte BUF */
const char *symname(machine *mc, uint64_t pc, char *buf);  /* 96-byte BUF */

/* Machine-level helpers. */
uint64_t getg(machine *mc);                 /* *(fs_base-8), faulting as the CPU would */
uint64_t arg_abi0(machine *mc, int i);      /* i-th 8-byte stack argument at entry */
void model_return(machine *mc);             /* RET: pop the return address into rip */
uint64_t stub_addr(machine *mc, const char *name, int resume);
/* Hand control to assembly at TARGET as a CALL from a model would:
 * SP = current SP - FRAME, ARGS stored from 0(SP) up, RET_TO pushed. */
void call_asm(machine *mc, uint64_t target, uint64_t frame, const uint64_t *args, int nargs,
              uint64_t ret_to);
void wr_var(machine *mc, uint64_t addr, int size, go_kind kind, const char *name, uint64_t v);
uint32_t fastrand(machine *mc);

/* proc.go models. */
void mcommoninit(machine *mc, uint64_t mp, int64_t id);
uint64_t procresize(machine *mc, int32_t nprocs);
int64_t pidleput(machine *mc, uint64_t pp, int64_t now);
uint64_t pidleget(machine *mc, int64_t *now);
uint64_t newproc1(machine *mc, uint64_t fn, uint64_t callergp, uint64_t callerpc);
/* newproc1 in two parts, around the making of a new g (sim run --model
 * newproc1 has the program's own malg and allgadd make it). */
uint64_t newproc1_start(machine *mc, uint64_t fn, uint64_t callergp, uint64_t callerpc);
uint64_t newproc1_finish(machine *mc, uint64_t newg, uint64_t fn, uint64_t callergp,
                         uint64_t callerpc);
uint64_t malg(machine *mc, int32_t stacksize);
/* gostartcallfn on NEWG's sched (Go passes &newg.sched). */
void gostartcallfn(machine *mc, uint64_t newg, uint64_t fv);
void casgstatus(machine *mc, uint64_t gp, uint32_t oldval, uint32_t newval);
void allgadd(machine *mc, uint64_t gp);
/* gcController.addScannableStack: P's maxStackScanDelta, flushed as Go does. */
void add_scannable_stack(machine *mc, uint64_t pp, int64_t amount);
void gfput(machine *mc, uint64_t pp, uint64_t gp);
uint64_t gfget(machine *mc, uint64_t pp);
void runqput(machine *mc, uint64_t pp, uint64_t gp, bool next);
bool runqputslow(machine *mc, uint64_t pp, uint64_t gp, uint32_t h, uint32_t t);
uint64_t runqget(machine *mc, uint64_t pp, bool *inherit);
bool runqempty(machine *mc, uint64_t pp);
void globrunqput(machine *mc, uint64_t gp);
uint64_t globrunqget(machine *mc, uint64_t pp, int32_t max);
void wakep(machine *mc);
void schedule(machine *mc);
void execute(machine *mc, uint64_t gp, bool inherit);
void goexit0(machine *mc, uint64_t gp);
void gosched_m(machine *mc, uint64_t gp);
void dropg(machine *mc);
bool is_system_goroutine(machine *mc, uint64_t startpc);

#endif
