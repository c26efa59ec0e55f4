/* The state records of traced writes (gomem.c's wr* functions): what they
 * need is resolved on the emulating thread into a payload, and the text
 * ("g1.sched.pc: 0 → runtime·goexit+1") is made when the record is
 * written, on the trace's writer thread.  Formatting was most of the cost
 * of a model call. */
#ifndef RUNTIME_MODEL_NAMES_H
#define RUNTIME_MODEL_NAMES_H
#include "runtime_model/machine.h"

/* How a traced write names its left-hand side: the object at BASE, then
 * one or two field names and an optional index ("g1.sched.pc",
 * "allp[0].runq[3]"), or, with RAW, a plain word "[0x…] (raw)".  The
 * strings must have static storage (they are read on the writer thread):
 * field names from the layout table, RAW a string literal. */
typedef struct {
    uint64_t base;
    go_type_id type;   /* what BASE points at (T_g, T_p ...), to name it */
    const char *f1, *f2;
    int64_t index;   /* -1: none */
    const char *raw;
} lhs_spec;

/* Records "lhs: old → new" for a write of a KIND value (both sign-extended
 * as the field's kind says). */
void trace_state(machine *mc, const lhs_spec *l, go_kind kind, uint64_t old_v, uint64_t new_v);

#endif
