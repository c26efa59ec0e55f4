/* Streaming JSON writer: see json.h.  It writes through stdio's unlocked
 * calls and formats numbers by hand: the JSONL trace calls it a few dozen
 * times per instruction, and fputc/fprintf with their locking and format
 * parsing were most of a JSONL trace's time. */
#include "traces/json.h"
#include "traces/strbuf.h"
#include <string.h>

void jw_init(jw *w, FILE *out)
{
    w->out = out;
    w->depth = 0;
    w->first[0] = true;
}

static bool plain(unsigned char c) { return c >= 0x20 && c != '"' && c != '\\'; }

void json_quote(FILE *out, const char *s)
{
    fputc_unlocked('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        const unsigned char *run = p;
        while (plain(*p))   /* a run of characters written as they are */
            p++;
        fwrite_unlocked(run, 1, (size_t)(p - run), out);
        if (!*p)
            break;
        char esc[8] = {'\\', (char)*p, 0};
        if (*p == '\n')
            esc[1] = 'n';
        else if (*p == '\t')
            esc[1] = 't';
        else if (*p < 0x20)
            snprintf(esc, sizeof esc, "\\u%04x", *p);
        fputs_unlocked(esc, out);
        p++;
    }
    fputc_unlocked('"', out);
}

/* The digits from num_*: the end of T and where they start. */
static void put_num(FILE *out, const char *start, const char *end)
{
    fwrite_unlocked(start, 1, (size_t)(end - start), out);
}

/* Comma and key before a value. */
static void prefix(jw *w, const char *key)
{
    if (!w->first[w->depth])
        fputc_unlocked(',', w->out);
    w->first[w->depth] = false;
    if (key) {
        json_quote(w->out, key);
        fputc_unlocked(':', w->out);
    }
}

static void open_(jw *w, const char *key, char c)
{
    prefix(w, key);
    fputc_unlocked(c, w->out);
    if (w->depth < 31)
        w->depth++;
    w->first[w->depth] = true;
}

static void close_(jw *w, char c)
{
    fputc_unlocked(c, w->out);
    if (w->depth > 0)
        w->depth--;
}

void jw_obj(jw *w, const char *key) { open_(w, key, '{'); }
void jw_obj_end(jw *w) { close_(w, '}'); }
void jw_arr(jw *w, const char *key) { open_(w, key, '['); }
void jw_arr_end(jw *w) { close_(w, ']'); }

void jw_str(jw *w, const char *key, const char *s)
{
    prefix(w, key);
    json_quote(w->out, s);
}

void jw_int(jw *w, const char *key, int64_t v)
{
    prefix(w, key);
    char t[NUM_MAX];
    put_num(w->out, num_dec(t + NUM_MAX, v), t + NUM_MAX);
}

void jw_uint(jw *w, const char *key, uint64_t v)
{
    prefix(w, key);
    char t[NUM_MAX];
    put_num(w->out, num_udec(t + NUM_MAX, v), t + NUM_MAX);
}

void jw_addr(jw *w, const char *key, uint64_t v)
{
    prefix(w, key);
    char t[NUM_MAX + 2];
    char *end = t + NUM_MAX + 1, *start = num_hex(end, v);   /* "0x..", as %#llx but 0x0 */
    *--start = '"';
    *end++ = '"';
    put_num(w->out, start, end);
}

void jw_bool(jw *w, const char *key, bool v)
{
    prefix(w, key);
    fputs_unlocked(v ? "true" : "false", w->out);
}

void jw_null(jw *w, const char *key)
{
    prefix(w, key);
    fputs_unlocked("null", w->out);
}
