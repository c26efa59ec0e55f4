/* sim diff: compare two traces record by record (docs/trace-format.md,
 * "sim diff").  Streaming: memory is bounded by the lookahead window, not
 * by the traces' length. */
#ifndef TRACES_DIFF_H
#define TRACES_DIFF_H
#include "traces/rec_compare.h"
#include <stdio.h>

typedef struct {
    int context;        /* records of A shown before the first divergence */
    long max;           /* stop after this many divergences (0: never) */
    int window;         /* how far ahead to look for where the traces line up again */
    int confirm;        /* records that must line up to call it resynchronised */
    int list;           /* divergences after the first listed (with their values) */
    bool quiet;         /* no report: stop at the first difference, status only */
    bool stat;          /* a count per differing field instead of the listing */
    rec_ignore ignore;
} diff_opts;

void diff_opts_default(diff_opts *o);

/* Compares the traces at PATH_A and PATH_B (text or JSONL, mixed), writing
 * the report to OUT and errors to ERR.  Returns 0 when they agree, 1 when
 * they differ, 2 when one cannot be read or is malformed (ERR names
 * file:line). */
int trace_diff(const char *path_a, const char *path_b, const diff_opts *o, FILE *out, FILE *err);

#endif
