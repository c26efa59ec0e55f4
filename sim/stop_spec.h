/* Where a run should stop (--stop-at): a function, a source line or an
 * instruction number, with the hit it stops at.  Accepted spellings:
 *   runtime.main, runtime·main  a symbol; Go's and Plan 9's spellings of
 *                               one name are the same name
 *   proc.go:4490, /usr/.../proc.go:4490   the first instruction of that
 *                               line (its lowest address; a line the
 *                               compiler spread over several places stops
 *                               at the first of them)
 *   150000                      before instruction 150,000 runs
 *   any of the first two with @N   the Nth time it is reached (default 1)
 * In the model mode, a Go function the models implement in C
 * (runtime·schedule, runtime·execute) stops at the model's entry, inside
 * the model call that enters it (runtime_model/machine_inside.c). */
#ifndef SIM_STOP_SPEC_H
#define SIM_STOP_SPEC_H
#include "cpu/link.h"
#include <stdbool.h>
#include <stdint.h>

typedef struct {
    uint64_t addr;     /* the instruction to stop before (0 for an instruction number) */
    uint64_t hit;      /* stop at its Nth execution (1: the first) */
    uint64_t icount;   /* an instruction number: stop when this many have run */
    const char *model; /* a model function (models_function's name), else NULL */
    char what[200];    /* the spec as the user wrote it, for messages */
} stop_spec;

/* 0, or -1 with a one-line reason in WHY. */
int stop_spec_parse(const char *text, const image *img, stop_spec *out, char *why, size_t len);

#endif
