/* Titles and the status bar in narrow terminals: see shorten.h. */
#include "sim/debug/shorten.h"
#include <stdio.h>
#include <string.h>

#define ELLIPSIS "\xe2\x80\xa6"
#define SEP " \xc2\xb7 "   /* " · " */

int text_cols(const char *s)
{
    int c = 0;
    for (; *s; s++)
        c += (*s & 0xc0) != 0x80;
    return c;
}

static void copy(char *out, size_t len, const char *s, size_t n)
{
    snprintf(out, len, "%.*s", (int)n, s);
}

/* The longest prefix of S ending at a word's end that fits COLS - 1
 * columns, with "…" after it; the first word cut if even it does not. */
static void cut_words(const char *s, int cols, char *out, size_t len)
{
    size_t best = 0;
    for (size_t i = 1; s[i]; i++) {
        char tmp[512];
        if (s[i] != ' ' || s[i - 1] == ' ')
            continue;
        copy(tmp, sizeof tmp, s, i);
        if (text_cols(tmp) + 1 > cols)
            break;
        best = i;
    }
    if (!best) {   /* one long word: as much of it as fits */
        int c = 0;
        while (s[best] && c < cols - 1) {
            best++;
            while ((s[best] & 0xc0) == 0x80)
                best++;
            c++;
        }
    }
    while (best && (s[best - 1] == ' ' || s[best - 1] == ':' || s[best - 1] == ','))
        best--;
    snprintf(out, len, "%.*s" ELLIPSIS, (int)best, s);
}

void shorten_title(const char *in, int cols, char *out, size_t len)
{
    char tmp[512];
    snprintf(tmp, sizeof tmp, "%s", in);
    char *open = strrchr(tmp, '(');
    if (text_cols(tmp) > cols && open && open > tmp && open[-1] == ' ' && strchr(open, ')'))
        open[-1] = 0;   /* the note in parentheses goes first */
    if (text_cols(tmp) <= cols)
        snprintf(out, len, "%s", tmp);
    else
        cut_words(tmp, cols, out, len);
}

/* Remove part I (0-based, of N) of the " · "-separated list in S. */
static void drop_part(char *s, int i)
{
    char *p = s;
    for (int k = 0; k < i && p; k++)
        p = strstr(p, SEP) ? strstr(p, SEP) + strlen(SEP) : NULL;
    if (!p)
        return;
    char *end = strstr(p, SEP);
    if (end)
        memmove(p, end + strlen(SEP), strlen(end + strlen(SEP)) + 1);
    else if (p > s + strlen(SEP))
        p[-(int)strlen(SEP)] = 0;
}

static int find_part(const char *s, const char *prefix)
{
    const char *p = s;
    for (int i = 0; p; i++) {
        const char *q = p + strspn(p, " ");
        if (strncmp(q, prefix, strlen(prefix)) == 0)
            return i;
        p = strstr(p, SEP) ? strstr(p, SEP) + strlen(SEP) : NULL;
    }
    return -1;
}

void shorten_status(const char *in, int cols, char *out, size_t len)
{
    char s[512];
    snprintf(s, sizeof s, "%s", in);
    int i;
    char *sd = strstr(s, "sim debug ");
    if (text_cols(s) > cols && sd)
        memmove(sd, sd + 10, strlen(sd + 10) + 1);
    if (text_cols(s) > cols && (i = find_part(s, "running")) > 0)
        drop_part(s, i);
    if (text_cols(s) > cols && find_part(s, "step ") == 1)   /* the config's name */
        drop_part(s, 0);
    if (text_cols(s) > cols && (i = find_part(s, "insn ")) >= 0)
        drop_part(s, i);
    char *own = strstr(s, "'s stack");
    if (text_cols(s) > cols && own)
        memmove(own, own + 8, strlen(own + 8) + 1);
    while (text_cols(s) > cols && strstr(s, SEP)) {   /* whole parts off the end */
        char *last = s, *p;
        while ((p = strstr(last, SEP)))
            last = p + strlen(SEP);
        last[-(int)strlen(SEP)] = 0;
        snprintf(s + strlen(s), sizeof s - strlen(s), " " ELLIPSIS);
        if (text_cols(s) <= cols)
            break;
        s[strlen(s) - strlen(" " ELLIPSIS)] = 0;
    }
    if (text_cols(s) > cols)
        cut_words(s, cols, out, len);
    else
        snprintf(out, len, "%s", s);
}
