/* A small in-place JSON scanner for the JSONL reader: strings are
 * unescaped where they lie (an unescaped string is never longer), so
 * values cost no allocation. */
#ifndef TRACES_READ_JSON_H
#define TRACES_READ_JSON_H
#include "traces/read_internal.h"

typedef struct {
    char *p;              /* next character */
    char *line;           /* for error columns */
    trace_reader *rd;
} jscan;

/* Each returns 0, or -1 with the reader's error set ("JSON: ... at column N"). */
int js_fail(jscan *s, const char *what);
void js_ws(jscan *s);
/* Consumes C (after blanks); -1 if something else is there. */
int js_expect(jscan *s, char c);
/* Consumes C if it is next (after blanks); true if it was. */
bool js_accept(jscan *s, char c);
int js_string(jscan *s, char **out);
int js_int(jscan *s, long long *v);
int js_uint(jscan *s, uint64_t *v);
/* true or false. */
int js_bool(jscan *s, bool *v);
/* A "0x..." string. */
int js_addr(jscan *s, uint64_t *v);
/* Any value, skipped. */
int js_skip(jscan *s, int depth);

#endif
