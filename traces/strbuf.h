/* A string builder over a caller's fixed buffer (always NUL-terminated,
 * truncating), and the number conversions the trace's writers share: the
 * hot paths of tracing format by hand, since printf's format parsing was
 * most of a trace's cost. */
#ifndef TRACES_STRBUF_H
#define TRACES_STRBUF_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Digits of V written backwards ending just before END; returns the first. */
static inline char *num_hex(char *end, uint64_t v)   /* "0x..", as %#llx but "0x0" for 0 */
{
    do {
        *--end = "0123456789abcdef"[v & 15];
        v >>= 4;
    } while (v);
    *--end = 'x';
    *--end = '0';
    return end;
}

static inline char *num_udec(char *end, uint64_t v)
{
    do {
        *--end = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return end;
}

static inline char *num_dec(char *end, long long v)
{
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    end = num_udec(end, u);
    if (v < 0)
        *--end = '-';
    return end;
}

#define NUM_MAX 24   /* room for any of the above */

typedef struct {
    char *p;
    size_t cap, n;
} strbuf;

static inline strbuf sb_on(char *buf, size_t cap)
{
    buf[0] = 0;
    return (strbuf){buf, cap, 0};
}

static inline void sb_put(strbuf *b, const char *s, size_t len)
{
    if (b->n + len + 1 > b->cap)
        len = b->cap - 1 - b->n;
    memcpy(b->p + b->n, s, len);
    b->n += len;
    b->p[b->n] = 0;
}

static inline void sb_str(strbuf *b, const char *s) { sb_put(b, s, strlen(s)); }

static inline void sb_hex(strbuf *b, uint64_t v)
{
    char t[NUM_MAX], *s = num_hex(t + NUM_MAX, v);
    sb_put(b, s, (size_t)(t + NUM_MAX - s));
}

static inline void sb_hexdigits(strbuf *b, uint64_t v)   /* as %llx: no "0x" */
{
    char t[NUM_MAX], *s = num_hex(t + NUM_MAX, v) + 2;
    sb_put(b, s, (size_t)(t + NUM_MAX - s));
}

static inline void sb_dec(strbuf *b, long long v)
{
    char t[NUM_MAX], *s = num_dec(t + NUM_MAX, v);
    sb_put(b, s, (size_t)(t + NUM_MAX - s));
}

static inline void sb_udec(strbuf *b, uint64_t v)
{
    char t[NUM_MAX], *s = num_udec(t + NUM_MAX, v);
    sb_put(b, s, (size_t)(t + NUM_MAX - s));
}

#endif
