/* trace.sched_at for real programs: schedtrace records (SCHED, P, M and G
 * lines, as the binary's Go version prints them) in the trace, taken at
 * the entry of chosen runtime functions or whenever the state changes. */
#ifndef SIM_REAL_SCHED_H
#define SIM_REAL_SCHED_H
#include "runtime_model/machine.h"
#include "traces/trace.h"

typedef struct {
    machine *view;       /* the Go view (go_view_open), its tr and cfg set */
    char **wait_names;   /* the binary's own, for the G lines */
    int nwait_names;
    bool every_change;
} real_sched;

/* The default points: where the scheduler's state changes hands. */
#define REAL_SCHED_AT_DEFAULT \
    "runtime.schedule,runtime.execute,runtime.newproc1,runtime.goexit0,runtime.park_m," \
    "runtime.ready,runtime.startm"

/* Watch CFG's trace.sched_at (NULL: the default) in VIEW's CPU.  Call it
 * before the tracer attaches, so that a block comes before the record of
 * the instruction it was taken at.  0, or -1 with a one-line reason in WHY
 * (a name the binary does not have). */
int real_sched_arm(real_sched *rs, machine *view, const char *sched_at, char *why, size_t len);
void real_sched_free(real_sched *rs);

#endif
