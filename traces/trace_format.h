/* The two formats a trace is written in and read from
 * (docs/trace-format.md): the config's trace.format, sim run --format. */
#ifndef TRACES_TRACE_FORMAT_H
#define TRACES_TRACE_FORMAT_H

typedef enum { TRACE_TEXT, TRACE_JSONL } trace_format;

#endif
