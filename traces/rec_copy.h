/* A trace record that owns its strings, for keeping records after the
 * reader has moved on (sim diff's lookahead and context). */
#ifndef TRACES_REC_COPY_H
#define TRACES_REC_COPY_H
#include "traces/record.h"
#include <stddef.h>

typedef struct {
    trace_rec r;
    long line;         /* where it began in its file */
    char *buf;         /* the strings of r */
    size_t cap;
} rec_copy;

/* Copies SRC (and its strings) into C, reusing C's buffer; -1 when out of
 * memory.  C must start zeroed. */
int rec_copy_set(rec_copy *c, const trace_rec *src, long line);
void rec_copy_free(rec_copy *c);

#endif
