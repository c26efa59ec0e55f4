/* The tracer: observes the CPU and the models and writes one record per
 * executed instruction, model call, state change, note and scheduler
 * snapshot, in the text or JSONL format (docs/trace-format.md). */
#ifndef TRACES_TRACE_H
#define TRACES_TRACE_H
#include "cpu/emu.h"
#include "cpu/link.h"
#include "traces/trace_format.h"
#include "traces/record.h"
#include <stdio.h>

#define TRACE_FORMAT_VERSION 1

typedef struct tracer tracer;

/* Text of line LINE (1-based) of FILE, NULL if unknown. */
typedef const char *(*source_line_fn)(void *ctx, const char *file, int line);
/* What the stack slot at ADDR holding VALUE is, into BUF ("" if nothing
 * known): "argc", "return → runtime·rt0_go+45", "&g1.sched" ... */
typedef void (*annotate_fn)(void *ctx, uint64_t addr, uint64_t value, char *buf, size_t len);
/* The Go field a store of SIZE bytes at ADDR hits, into BUF ("" if none
 * known): "g1.sched.sp" (runtime_model/addr_name.h). */
typedef void (*mem_name_fn)(void *ctx, uint64_t addr, int size, char *buf, size_t len);

typedef struct {
    FILE *out;
    trace_format format;
    emu *cpu;
    const image *img;
    source_line_fn source;
    void *source_ctx;
    annotate_fn annotate;
    void *annotate_ctx;
    mem_name_fn mem_name;   /* NULL: stores are not named */
    void *mem_name_ctx;
} tracer_setup;

tracer *tracer_new(const tracer_setup *setup);
/* Flushes and frees; does not close the output.  0, or the errno of a
 * write to a trace file that failed on the writer's side (the output
 * FILE's own errors are its own: see ferror/fclose). */
int tracer_free(tracer *t);

void tracer_header(tracer *t, const char *config_name, const char *sim_version);
/* Start observing the CPU: from now on every instruction is recorded.
 * 0, or -1 (with a message on stderr) if the CPU would not report memory
 * writes: the trace then lacks them. */
int tracer_attach(tracer *t);
/* Write out the instruction in progress (its effects are complete). */
void tracer_flush_insn(tracer *t);
/* Take the registers as they are now as the base for the next diff (after
 * a model changed them). */
void tracer_resync(tracer *t);

void tracer_call(tracer *t, int depth, const char *fn, const char *args);
void tracer_state(tracer *t, int depth, const char *lhs, const char *old_v, const char *new_v);
void tracer_note(tracer *t, int depth, const char *text);
/* A state or sched record whose text EXPAND makes from PAYLOAD when the
 * record is written, off the emulating thread (see rec_pack.h). */
void tracer_deferred(tracer *t, rec_kind kind, int depth, rec_expand_fn expand,
                     const void *payload, size_t len);
/* Real programs: a syscall's strace-style text, a thread switch (the
 * instructions after it are thread TO's), a signal delivered. */
void tracer_syscall(tracer *t, int tid, const char *text);
void tracer_switch(tracer *t, int from, int to, const char *why);
void tracer_signal(tracer *t, int tid, const char *text);
/* The thread the next instructions belong to, without a switch record. */
void tracer_set_thread(tracer *t, int tid);
void tracer_fault(tracer *t, uint64_t pc, const char *why);
void tracer_end(tracer *t, const char *how, int status, const char *why);

/* One instruction's source, squeezed ("MOVQ 0(SP), DI // argc"), its
 * file base name and line; shared with fault reports and the debugger. */
void trace_source_text(const image *img, source_line_fn src, void *ctx, uint64_t pc,
                       char *buf, size_t len, const char **file, int *line);

#endif
