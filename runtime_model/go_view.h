/* The Go view of a real program: the models' machine, bound to a real
 * process's emulator and image, so that the scheduler views, the state dump
 * and the schedtrace records read a real runtime as they read the model
 * mode's.  Only reading: nothing here runs a model. */
#ifndef RUNTIME_MODEL_GO_VIEW_H
#define RUNTIME_MODEL_GO_VIEW_H
#include "runtime_model/go_binary.h"
#include "runtime_model/machine.h"

/* Bind MC (zeroed first) to CPU and IMG (borrowed: go_view_close does not
 * free them) through the runtime's globals (runtime.sched, runtime.allgs,
 * ...), and make GB's layout the one in use.  0, or -1 with a one-line
 * reason in WHY when the binary has no layout (GB->note says why) or lacks
 * one of those globals. */
int go_view_open(machine *mc, emu *cpu, const image *img, const go_binary *gb, char *why,
                 size_t len);

/* Go's name of wait reason R ("GC sweep wait") from the binary's own
 * runtime.waitReasonStrings into BUF, or "" when it has none for R. */
const char *go_view_waitreason(machine *mc, uint32_t r, char *buf, size_t len);

/* All of the binary's wait reason names, copied (malloc'd, as is each
 * string; *N of them), or NULL when it has no such table. */
char **go_view_wait_names(machine *mc, int *n);

#endif
