/* Trace readers: parse a trace file (text or JSONL, docs/trace-format.md)
 * back into trace_rec records, one at a time.  Memory use depends on the
 * longest line (or scheduler block), never on the length of the trace. */
#ifndef TRACES_READER_H
#define TRACES_READER_H
#include "traces/trace_format.h"
#include "traces/record.h"
#include <stdio.h>

typedef struct trace_reader trace_reader;

/* Opens PATH and reads its first line to tell the format: "#sim-trace" is
 * text, "{" is JSONL.  On failure returns NULL with "file[:line]: message"
 * in ERR. */
trace_reader *reader_open(const char *path, char *err, size_t errlen);

/* The same over an open stream (tests use fmemopen); NAME is used in
 * messages.  The reader does not close F. */
trace_reader *reader_open_stream(FILE *f, const char *name, char *err, size_t errlen);

void reader_close(trace_reader *rd);

/* The next record into *R: 1 when there is one, 0 at the end of the file,
 * -1 for malformed input (see reader_error).  R's strings point into the
 * reader and stay valid until the next call. */
int reader_next(trace_reader *rd, trace_rec *r);

/* "file:line: message" after reader_next returned -1. */
const char *reader_error(const trace_reader *rd);

/* The line (from 1) on which the last record returned began. */
long reader_line(const trace_reader *rd);

trace_format reader_format(const trace_reader *rd);
const char *reader_name(const trace_reader *rd);

#endif
