/* The trace writer.  A trace is a header, then one record per executed
 * instruction, per model call, per state change a model makes, and a final
 * record saying how the run ended.  docs/trace-format.md specifies it. */
#ifndef TRACES_TRACE_H
#define TRACES_TRACE_H
#include "cpu/emu.h"
#include "cpu/link.h"
#include "sim/config.h"
#include <stdio.h>

#define TRACE_FORMAT_VERSION 1

typedef struct tracer tracer;

/* Text of line LINE (1-based) of FILE, NULL if unknown. */
typedef const char *(*source_line_fn)(void *ctx, const char *file, int line);

tracer *tracer_new(FILE *out, trace_format fmt, emu *cpu, const image *img,
                   source_line_fn src, void *src_ctx);
/* Flushes and frees; does not close OUT. */
void tracer_free(tracer *t);

void tracer_header(tracer *t, const char *config_name, const char *sim_version);
/* Start observing the CPU: from now on every instruction is recorded. */
void tracer_attach(tracer *t);
/* Write out the instruction in progress (its effects are complete). */
void tracer_flush_insn(tracer *t);
/* Take the registers as they are now as the base for the next diff (after
 * a model changed them). */
void tracer_resync(tracer *t);

void tracer_call(tracer *t, int depth, const char *text);
void tracer_state(tracer *t, int depth, const char *lhs, const char *old_v, const char *new_v);
void tracer_note(tracer *t, int depth, const char *text);
void tracer_end(tracer *t, const char *how, const char *detail);

/* The last N instruction lines written, oldest first, for fault reports:
 * fills LINES (pointers valid until the next record) and returns the count. */
int tracer_recent(tracer *t, const char **lines, int n);

#endif
