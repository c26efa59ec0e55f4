/* The trace reader's input side: see reader.h.  Lines are cut out of one
 * buffer that only grows for a line longer than it, so memory stays flat
 * however long the trace is. */
#include "traces/read_internal.h"
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* The buffer starts at 64 KiB (a reader is opened for each side of a diff,
 * and the fuzz target opens four per input: a megabyte each was most of its
 * time under ASan) and doubles while a line fills more than half of it. */
#define READ_START (64u << 10)
#define SCHED_PREFIX "  sched "

int read_fail(trace_reader *rd, long line, const char *fmt, ...)
{
    int n = line > 0 ? snprintf(rd->err, sizeof rd->err, "%s:%ld: ", rd->name, line)
                     : snprintf(rd->err, sizeof rd->err, "%s: ", rd->name);
    if (n < 0 || (size_t)n >= sizeof rd->err)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(rd->err + n, sizeof rd->err - (size_t)n, fmt, ap);
    va_end(ap);
    return -1;
}

/* Move the unread bytes to the front and read more; false at EOF. */
static bool refill(trace_reader *rd)
{
    if (rd->at_eof)
        return false;
    if (rd->start > 0) {
        memmove(rd->buf, rd->buf + rd->start, rd->end - rd->start);
        rd->end -= rd->start;
        rd->start = 0;
    }
    if (rd->cap - rd->end < rd->cap / 2) {   /* a line longer than half the buffer */
        char *nb = realloc(rd->buf, rd->cap * 2 + 1);
        if (!nb)
            return false;
        rd->buf = nb;
        rd->cap *= 2;
    }
    size_t n = fread(rd->buf + rd->end, 1, rd->cap - rd->end, rd->f);
    rd->end += n;
    if (n == 0)
        rd->at_eof = true;
    return n > 0;
}

char *read_line(trace_reader *rd)
{
    if (rd->pending) {
        rd->pending = false;
        return rd->line;
    }
    for (;;) {
        char *s = rd->buf + rd->start;
        char *nl = memchr(s, '\n', rd->end - rd->start);
        if (!nl && rd->end - rd->start > READ_LINE_MAX) {
            read_fail(rd, rd->lineno + 1, "a line longer than %u MiB: not a sim trace",
                      READ_LINE_MAX >> 20);
            return NULL;
        }
        if (nl) {
            *nl = 0;
            rd->line = s;
            rd->len = (size_t)(nl - s);
            rd->start += rd->len + 1;
            rd->lineno++;
            return s;
        }
        if (!refill(rd))
            break;
    }
    if (ferror(rd->f))
        read_fail(rd, rd->lineno + 1, "read error: %s", strerror(errno));
    else if (rd->end > rd->start)   /* a writer always ends its lines */
        read_fail(rd, rd->lineno + 1, "last line has no newline: the trace was cut short");
    return NULL;
}

void read_unread(trace_reader *rd) { rd->pending = true; }

static bool hex_digit(char c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); }

bool read_bytes_ok(const char *s)
{
    for (int n = 0; *s; n++) {
        if (n == 16 || (n && *s++ != ' ') || !hex_digit(s[0]) || !hex_digit(s[1]))
            return false;
        s += 2;
    }
    return true;
}

static trace_reader *open_fail(trace_reader *rd, char *err, size_t errlen)
{
    snprintf(err, errlen, "%s", rd->err);
    reader_close(rd);
    return NULL;
}

trace_reader *reader_open_stream(FILE *f, const char *name, char *err, size_t errlen)
{
    trace_reader *rd = calloc(1, sizeof *rd);
    if (!rd) {
        snprintf(err, errlen, "%s: out of memory", name);
        return NULL;
    }
    rd->f = f;
    rd->name = strdup(name);
    rd->cap = READ_START;
    rd->buf = malloc(rd->cap + 1);
    char *first = rd->name && rd->buf ? read_line(rd) : NULL;
    if (!first) {
        if (!rd->err[0])
            read_fail(rd, 0, rd->buf ? "empty file: not a sim trace" : "out of memory");
        return open_fail(rd, err, errlen);
    }
    if (strncmp(first, "#sim-trace ", 11) == 0)
        rd->fmt = TRACE_TEXT;
    else if (first[0] == '{')
        rd->fmt = TRACE_JSONL;
    else {
        read_fail(rd, 1, "not a sim trace: expected \"#sim-trace\" (text) or \"{\" (JSONL)");
        return open_fail(rd, err, errlen);
    }
    read_unread(rd);
    return rd;
}

trace_reader *reader_open(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    trace_reader *rd = reader_open_stream(f, path, err, errlen);
    if (!rd)
        fclose(f);
    else
        rd->own_f = true;
    return rd;
}

void reader_close(trace_reader *rd)
{
    if (!rd)
        return;
    if (rd->own_f)
        fclose(rd->f);
    free(rd->name);
    free(rd->buf);
    free(rd->block);
    free(rd);
}

static bool block_append(trace_reader *rd, size_t *used, const char *s, size_t n)
{
    if (*used + n + 2 > rd->block_cap) {
        size_t cap = (*used + n + 2) * 2;
        char *nb = realloc(rd->block, cap);
        if (!nb)
            return false;
        rd->block = nb;
        rd->block_cap = cap;
    }
    if (*used)
        rd->block[(*used)++] = '\n';
    memcpy(rd->block + *used, s, n);
    *used += n;
    rd->block[*used] = 0;
    return true;
}

/* Consecutive "  sched " lines are one record: gather them. */
static int read_sched_block(trace_reader *rd, char *line, trace_rec *r)
{
    size_t used = 0;
    const size_t plen = sizeof SCHED_PREFIX - 1;
    do {
        if (!block_append(rd, &used, line + plen, strlen(line + plen)))
            return read_fail(rd, rd->lineno, "out of memory");
    } while ((line = read_line(rd)) && strncmp(line, SCHED_PREFIX, plen) == 0);
    if (line)
        read_unread(rd);
    else if (rd->err[0])
        return -1;
    read_clear(r);
    r->kind = REC_SCHED;
    r->text = rd->block;
    return 1;
}

/* Everything but the register, write and slot arrays, whose counts are
 * zeroed: clearing those would cost more than parsing a line. */
void read_clear(trace_rec *r)
{
    memset(r, 0, offsetof(trace_rec, regs));
    r->nregs = r->nmem = r->mem_dropped = r->nstack = r->depth = 0;
    r->fn = r->args = r->lhs = r->old_v = r->new_v = r->text = r->how = r->why = NULL;
    r->instructions = 0;
    r->status = -1;
}

int reader_next(trace_reader *rd, trace_rec *r)
{
    if (rd->err[0])
        return -1;
    char *line = read_line(rd);
    if (!line)
        return rd->err[0] ? -1 : 0;
    rd->rec_line = rd->lineno;
    if (rd->fmt == TRACE_JSONL) {
        int rc = read_jsonl_record(rd, line, r);
        /* The text format's first line is its header; a JSONL trace must
         * open with its header record too, or any JSON would pass. */
        if (rc == 1 && rd->rec_line == 1 && r->kind != REC_HEADER)
            return read_fail(rd, 1, "not a sim trace: a JSONL trace starts with its header "
                                    "record ({\"kind\":\"header\",…})");
        return rc;
    }
    if (strncmp(line, SCHED_PREFIX, sizeof SCHED_PREFIX - 1) == 0)
        return read_sched_block(rd, line, r);
    return read_text_record(rd, line, r);
}

const char *reader_error(const trace_reader *rd) { return rd->err; }
long reader_line(const trace_reader *rd) { return rd->rec_line; }
trace_format reader_format(const trace_reader *rd) { return rd->fmt; }
const char *reader_name(const trace_reader *rd) { return rd->name; }

bool read_hex(const char *s, const char **end, uint64_t *v)
{
    if (s[0] != '0' || s[1] != 'x')
        return false;
    s += 2;
    uint64_t x = 0;
    const char *p = s;
    for (;; p++) {
        unsigned c = (unsigned char)*p, d;
        if (c - '0' < 10)
            d = c - '0';
        else if ((c | 0x20) - 'a' < 6)
            d = (c | 0x20) - 'a' + 10;
        else
            break;
        if (p - s >= 16)
            return false;
        x = x << 4 | d;
    }
    if (p == s)
        return false;
    *v = x;
    *end = p;
    return true;
}

bool read_dec(const char *s, const char **end, uint64_t *v)
{
    uint64_t x = 0;
    const char *p = s;
    for (; (unsigned)(*p - '0') < 10; p++) {
        if (x > (UINT64_MAX - 9) / 10)
            return false;
        x = x * 10 + (uint64_t)(*p - '0');
    }
    if (p == s)
        return false;
    *v = x;
    *end = p;
    return true;
}

bool read_int(const char *s, const char **end, long long *v)
{
    bool neg = *s == '-';
    uint64_t x;
    if (!read_dec(s + neg, end, &x) || x > (uint64_t)1 << 62)
        return false;
    *v = neg ? -(long long)x : (long long)x;
    return true;
}
