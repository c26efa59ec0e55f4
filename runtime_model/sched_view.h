/* Read-only views of the scheduler state in emulated memory, shared by the
 * state dump, the schedtrace snapshots and the debugger's Scheduler pane.
 * Nothing here writes memory or traces. */
#ifndef RUNTIME_MODEL_SCHED_VIEW_H
#define RUNTIME_MODEL_SCHED_VIEW_H
#include "runtime_model/machine.h"

#define VIEW_MAX 4096   /* longest list a view walks (guards against cycles) */

/* allp[i] (0 past the end) and len(allp). */
uint64_t view_allp(machine *mc, int i);
int view_nallp(machine *mc);
/* allgs[i] and len(allgs). */
uint64_t view_allg(machine *mc, int i);
int view_nallg(machine *mc);

/* Lists, as goids or P ids, into OUT (at most MAX); return the count. */
int view_runq(machine *mc, uint64_t pp, uint64_t *out, int max);       /* p.runq, head to tail */
int view_global_runq(machine *mc, uint64_t *out, int max);             /* sched.runq */
int view_gfree(machine *mc, uint64_t pp, uint64_t *out, int max);      /* p.gFree */
int view_pidle(machine *mc, int64_t *out, int max);                    /* sched.pidle as P ids */

/* The Ms from allm along m.alllink (newest first), into OUT (at most
 * MAX); returns the count. */
int view_allm(machine *mc, uint64_t *out, int max);

/* The m id of an m pointer (m0 is 0), -1 for nil. */
int64_t view_mid(machine *mc, uint64_t mp);
/* The P id of a p pointer, -1 for nil. */
int64_t view_pid(machine *mc, uint64_t pp);

#endif
