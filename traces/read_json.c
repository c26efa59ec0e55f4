/* In-place JSON scanning: see read_json.h. */
#include "traces/read_json.h"
#include <string.h>

int js_fail(jscan *s, const char *what)
{
    return read_fail(s->rd, s->rd->lineno, "JSON: %s at column %ld", what,
                     (long)(s->p - s->line) + 1);
}

void js_ws(jscan *s)
{
    while (*s->p == ' ' || *s->p == '\t' || *s->p == '\r')
        s->p++;
}

int js_expect(jscan *s, char c)
{
    js_ws(s);
    if (*s->p != c) {
        char what[32];
        snprintf(what, sizeof what, "expected '%c'", c);
        return js_fail(s, what);
    }
    s->p++;
    return 0;
}

bool js_accept(jscan *s, char c)
{
    js_ws(s);
    if (*s->p != c)
        return false;
    s->p++;
    return true;
}

static int hex4(const char *p)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        unsigned c = (unsigned char)p[i];
        int d = c - '0' < 10 ? (int)(c - '0') : (c | 0x20) - 'a' < 6 ? (int)((c | 0x20) - 'a' + 10) : -1;
        if (d < 0)
            return -1;
        v = v << 4 | d;
    }
    return v;
}

static char *put_utf8(char *w, unsigned cp)
{
    if (cp < 0x80) {
        *w++ = (char)cp;
    } else if (cp < 0x800) {
        *w++ = (char)(0xc0 | cp >> 6);
        *w++ = (char)(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        *w++ = (char)(0xe0 | cp >> 12);
        *w++ = (char)(0x80 | (cp >> 6 & 0x3f));
        *w++ = (char)(0x80 | (cp & 0x3f));
    } else {
        *w++ = (char)(0xf0 | cp >> 18);
        *w++ = (char)(0x80 | (cp >> 12 & 0x3f));
        *w++ = (char)(0x80 | (cp >> 6 & 0x3f));
        *w++ = (char)(0x80 | (cp & 0x3f));
    }
    return w;
}

/* \uXXXX (and a surrogate pair) at S->p, just after the "\u". */
static int unicode_escape(jscan *s, char **w)
{
    int hi = hex4(s->p);
    if (hi < 0)
        return js_fail(s, "bad \\u escape");
    s->p += 4;
    unsigned cp = (unsigned)hi;
    if (hi >= 0xd800 && hi < 0xdc00) {
        int lo = s->p[0] == '\\' && s->p[1] == 'u' ? hex4(s->p + 2) : -1;
        if (lo < 0xdc00 || lo >= 0xe000)
            return js_fail(s, "unpaired surrogate in \\u escape");
        s->p += 6;
        cp = 0x10000 + (((unsigned)hi - 0xd800) << 10) + ((unsigned)lo - 0xdc00);
    }
    if (cp == 0)
        return js_fail(s, "\\u0000 in a string");
    *w = put_utf8(*w, cp);
    return 0;
}

int js_string(jscan *s, char **out)
{
    if (js_expect(s, '"') < 0)
        return -1;
    char *w = s->p;
    *out = w;
    for (;;) {
        char *run = s->p;   /* copy plain runs in one go */
        while (*s->p != '"' && *s->p != '\\' && *s->p)
            s->p++;
        if (w != run)
            memmove(w, run, (size_t)(s->p - run));
        w += s->p - run;
        char c = *s->p;
        if (c == '"')
            break;
        if (!c)
            return js_fail(s, "unterminated string");
        static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
        const char *k = s->p[1] ? strchr(from, s->p[1]) : NULL;
        s->p += 2;
        if (k)
            *w++ = to[k - from];
        else if (s->p[-1] == 'u') {
            if (unicode_escape(s, &w) < 0)
                return -1;
        } else
            return js_fail(s, "bad escape in string");
    }
    s->p++;
    *w = 0;
    return 0;
}

int js_int(jscan *s, long long *v)
{
    js_ws(s);
    const char *e;
    if (!read_int(s->p, &e, v) || *e == '.' || *e == 'e' || *e == 'E')
        return js_fail(s, "expected an integer");
    s->p = (char *)e;
    return 0;
}

int js_uint(jscan *s, uint64_t *v)
{
    js_ws(s);
    const char *e;
    if (!read_dec(s->p, &e, v) || *e == '.' || *e == 'e' || *e == 'E')
        return js_fail(s, "expected an unsigned integer");
    s->p = (char *)e;
    return 0;
}

int js_bool(jscan *s, bool *v)
{
    js_ws(s);
    *v = strncmp(s->p, "true", 4) == 0;
    if (!*v && strncmp(s->p, "false", 5) != 0)
        return js_fail(s, "expected true or false");
    s->p += *v ? 4 : 5;
    return 0;
}

int js_addr(jscan *s, uint64_t *v)
{
    char *start = s->p, *str;
    const char *e;
    if (js_string(s, &str) < 0)
        return -1;
    if (!read_hex(str, &e, v) || *e) {
        s->p = start;
        return js_fail(s, "expected a \"0x...\" string");
    }
    return 0;
}

static int skip_items(jscan *s, char close, int depth)
{
    if (js_accept(s, close))
        return 0;
    do {
        char *key;
        if (close == '}' && (js_string(s, &key) < 0 || js_expect(s, ':') < 0))
            return -1;
        if (js_skip(s, depth + 1) < 0)
            return -1;
    } while (js_accept(s, ','));
    return js_expect(s, close);
}

int js_skip(jscan *s, int depth)
{
    js_ws(s);
    char *str;
    long long n;
    if (depth > 32)
        return js_fail(s, "nested too deeply");
    switch (*s->p) {
    case '"': return js_string(s, &str);
    case '{': s->p++; return skip_items(s, '}', depth);
    case '[': s->p++; return skip_items(s, ']', depth);
    case 't': case 'f': case 'n': {
        const char *word = *s->p == 't' ? "true" : *s->p == 'f' ? "false" : "null";
        if (strncmp(s->p, word, strlen(word)) != 0)
            return js_fail(s, "bad literal");
        s->p += strlen(word);
        return 0;
    }
    default:
        if (js_int(s, &n) < 0)
            return -1;
        return 0;
    }
}
