/* Scheduler snapshots in the format of GODEBUG=schedtrace=1,scheddetail=1
 * (go1.21: SCHED, P, M and G lines, absent ids printed as nil), for the
 * trace's sched records. */
#ifndef RUNTIME_MODEL_SCHEDTRACE_H
#define RUNTIME_MODEL_SCHEDTRACE_H
#include "runtime_model/machine.h"

/* A block's values (machine.last_sched keeps the last one written). */
typedef struct sched_snap sched_snap;
sched_snap *sched_snap_dup(const sched_snap *s);   /* NULL stays NULL */
void sched_snap_free(sched_snap *s);

/* After a model call, or at a real program's trace.sched_at point: record
 * the detailed schedtrace block as the config's trace.sched says
 * (on-change: only when it differs from the last one), printed as the
 * layout's Go version prints it.  The SCHED line's <ms> is virtual time
 * since the first. */
void schedtrace_after_call(machine *mc);

/* The wait reasons' names to print (a real binary's own
 * runtime.waitReasonStrings, go_view_wait_names); NULL: go1.21's. */
void schedtrace_use_wait_names(char **names, int n);

#endif
