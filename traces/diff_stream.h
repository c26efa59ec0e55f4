/* One side of sim diff: a trace reader with a bounded lookahead.  The
 * record just read is used where the reader left it; only records kept
 * while looking further ahead are copied, so an equal stretch of two
 * traces costs no copying. */
#ifndef TRACES_DIFF_STREAM_H
#define TRACES_DIFF_STREAM_H
#include "traces/rec_compare.h"
#include "traces/rec_copy.h"
#include "traces/reader.h"

typedef struct {
    trace_reader *rd;
    const rec_ignore *ig;   /* kinds skipped */
    rec_copy *q;            /* ring of copied lookahead records */
    int qcap, qhead, qn;
    trace_rec live;         /* the last record read, in the reader's storage */
    long live_line;
    bool have_live, eof, failed;
    uint64_t index;         /* records consumed so far */
    uint64_t seq;           /* seq of the last instruction consumed */
    rec_kind last_kind;     /* of the last record consumed */
} dstream;

/* LOOKAHEAD: how many records peek can see beyond the first.  -1 on
 * failure (message in ERR). */
int dstream_open(dstream *s, const char *path, const rec_ignore *ig, int lookahead, char *err,
                 size_t errlen);
void dstream_close(dstream *s);

/* The I-th record not yet consumed (0: the next one) and its line, or
 * NULL at the end (or on error: s->failed, reader_error(s->rd)). */
const trace_rec *dstream_peek(dstream *s, int i, long *line);
/* Consume the next record. */
void dstream_pop(dstream *s);

#endif
