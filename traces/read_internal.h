/* Shared by the reader's parts: read.c (input, lines, format dispatch),
 * read_text.c and read_jsonl.c (one record from one line). */
#ifndef TRACES_READ_INTERNAL_H
#define TRACES_READ_INTERNAL_H
#include "traces/reader.h"
#include <stdbool.h>
#include <stddef.h>

struct trace_reader {
    FILE *f;
    bool own_f;
    char *name;
    trace_format fmt;
    char *buf;              /* input: bytes [start, end) not yet split into lines */
    size_t cap, start, end;
    bool at_eof;
    char *line;             /* the current line, NUL-terminated, inside buf */
    size_t len;
    bool pending;           /* the current line is still to be returned */
    long lineno;            /* number of the current line */
    long rec_line;          /* line where the last record began */
    char *block;            /* a text-format scheduler block, '\n'-joined */
    uint64_t last_seq;      /* text: the last insn's seq, the seq of the model records after it */
    size_t block_cap;
    char err[512];
};

/* Sets the error "name:line: message" (LINE 0: no line) and returns -1. */
int read_fail(trace_reader *rd, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The next line (NUL-terminated, without its '\n'), NULL at the end of the
 * file or on error (then rd->err is set). */
char *read_line(trace_reader *rd);
/* Make the current line the next one read_line returns again. */
void read_unread(trace_reader *rd);

/* An empty record (status -1, no strings). */
void read_clear(trace_rec *r);

/* Parse one record; 1 on success, -1 on error (rd->err set). */
int read_text_record(trace_reader *rd, char *line, trace_rec *r);
int read_jsonl_record(trace_reader *rd, char *line, trace_rec *r);

/* "0x1f" -> 31; the text after the number in *END.  false if no hex. */
bool read_hex(const char *s, const char **end, uint64_t *v);
/* Decimal unsigned / signed. */
bool read_dec(const char *s, const char **end, uint64_t *v);
bool read_int(const char *s, const char **end, long long *v);
/* An instruction's bytes as the writers give them: up to 16 hex pairs
 * separated by one space ("48 8b 3c 24"), or none. */
bool read_bytes_ok(const char *s);
/* The longest line a reader takes: a trace's lines are far shorter, and
 * an endless one (/dev/zero) must end with an error, not eat memory. */
#define READ_LINE_MAX (16u << 20)

#endif
