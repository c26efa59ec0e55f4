/* sim verify PROG: each C model checked against the real runtime function
 * it models, at every call of that function in a real run.  At the call's
 * first instruction the model runs on the state as it is (its writes
 * journalled, then undone); the real function then runs to its return,
 * its thread's stores noted; the two sets of changes and the results are
 * compared field by field, in Go's names. */
#ifndef VERIFY_VERIFY_H
#define VERIFY_VERIFY_H
#include "runtime_model/machine.h"
#include <stdbool.h>

typedef struct {
    const char *json;     /* --json FILE: the report as JSON too */
    const char *only;     /* --only NAME,...: these models alone (NULL: all) */
    int max_lines;        /* divergence lines printed (the rest counted); 0: all */
    bool program_output;  /* --show-output: the program's stdout and stderr are sim's */
    bool all_fields;      /* --no-left-out: the fields models leave out on purpose count too */
} verify_opts;

/* The exit status: 0 when every call agreed, 1 when some differ, 2 on bad
 * input, 125 when the program could not be run to its end. */
int verify_run(const char *path, const sim_config *cfg, const verify_opts *o);

#endif
