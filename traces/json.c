/* Streaming JSON writer: see json.h. */
#include "traces/json.h"

void jw_init(jw *w, FILE *out)
{
    w->out = out;
    w->depth = 0;
    w->first[0] = true;
}

void json_quote(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", out);
        else if (*p == '\t')
            fputs("\\t", out);
        else if (*p < 0x20)
            fprintf(out, "\\u%04x", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

/* Comma and key before a value. */
static void prefix(jw *w, const char *key)
{
    if (!w->first[w->depth])
        fputc(',', w->out);
    w->first[w->depth] = false;
    if (key) {
        json_quote(w->out, key);
        fputc(':', w->out);
    }
}

static void open_(jw *w, const char *key, char c)
{
    prefix(w, key);
    fputc(c, w->out);
    if (w->depth < 31)
        w->depth++;
    w->first[w->depth] = true;
}

static void close_(jw *w, char c)
{
    fputc(c, w->out);
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
    fprintf(w->out, "%lld", (long long)v);
}

void jw_uint(jw *w, const char *key, uint64_t v)
{
    prefix(w, key);
    fprintf(w->out, "%llu", (unsigned long long)v);
}

void jw_addr(jw *w, const char *key, uint64_t v)
{
    prefix(w, key);
    fprintf(w->out, "\"0x%llx\"", (unsigned long long)v);
}

void jw_bool(jw *w, const char *key, bool v)
{
    prefix(w, key);
    fputs(v ? "true" : "false", w->out);
}

void jw_null(jw *w, const char *key)
{
    prefix(w, key);
    fputs("null", w->out);
}
