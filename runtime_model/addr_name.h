/* Address -> Go object and field: what lives at an address of emulated
 * memory, in the trace's names ("g1.sched.sp", "allp[0].runq[3]",
 * "m0.curg", "runtime·gomaxprocs").  The trace names its memory writes
 * with it, the debugger its pointer chains and `whowrote`.
 *
 * The runtime's objects are found from its own roots: g0, m0, sched and
 * m0.gsignal, every g in allgs, every P in allp, every M on allm (with
 * its g0 and gsignal).  A namer keeps them sorted by address, and sorts
 * them again when allgs, allp or allm has changed; a g's goid is read at
 * each lookup (a g is reused with a new goid). */
#ifndef RUNTIME_MODEL_ADDR_NAME_H
#define RUNTIME_MODEL_ADDR_NAME_H
#include "runtime_model/machine.h"

typedef struct go_namer go_namer;

/* What holds an address. */
typedef struct {
    char path[112];         /* "g1.sched.sp", "g1+0x98" (no known field), "runtime·ncpu" */
    char outer[112];        /* the innermost struct holding it: "g1.sched" (the object: "g1") */
    const char *type;       /* that struct's Go type: "gobuf", "g"; "" for a global */
    const go_field *field;  /* the innermost field, NULL when none is known */
    char top[112];          /* the outermost struct that starts at the address: "g1.sched" */
    const char *top_type;   /* its type ("gobuf"), NULL when none starts there */
    uint64_t start;         /* the field's (or the global's) first byte */
    uint32_t size;          /* its size in bytes (0 when unknown) */
} go_place;

go_namer *go_namer_new(machine *mc);
void go_namer_free(go_namer *n);
/* The place of ADDR; false when it is in no runtime object nor a data symbol. */
bool go_namer_find(go_namer *n, uint64_t addr, go_place *out);
/* For the tracer: how a write of SIZE bytes at ADDR names what it hit
 * ("g1.sched.sp", "g1.sched.sp+4" mid-field), "" when nothing known. */
void go_namer_mem(void *namer, uint64_t addr, int size, char *buf, size_t len);

#endif
