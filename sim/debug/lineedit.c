/* The command line's editing and history: see lineedit.h. */
#include "sim/debug/lineedit.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool cont_byte(char c) { return ((unsigned char)c & 0xc0) == 0x80; }

void le_init(lineedit *le) { memset(le, 0, sizeof *le); }

void le_free(lineedit *le)
{
    for (int i = 0; i < le->nhist; i++)
        free(le->hist[i]);
    le_init(le);
}

static void set_line(lineedit *le, const char *s)
{
    snprintf(le->buf, sizeof le->buf, "%s", s);
    le->len = le->cur = (int)strlen(le->buf);
}

void le_clear(lineedit *le)
{
    set_line(le, "");
    le->at = le->nhist;
}

void le_insert(lineedit *le, char ch)
{
    if (le->len + 1 >= LE_MAX)
        return;
    memmove(le->buf + le->cur + 1, le->buf + le->cur, (size_t)(le->len - le->cur + 1));
    le->buf[le->cur++] = ch;
    le->len++;
}

/* Remove bytes [from, to). */
static void cut(lineedit *le, int from, int to)
{
    memmove(le->buf + from, le->buf + to, (size_t)(le->len - to + 1));
    le->len -= to - from;
    le->cur = from;
}

static int char_left(const lineedit *le, int i)
{
    while (i > 0 && cont_byte(le->buf[--i]))
        ;
    return i;
}

static int char_right(const lineedit *le, int i)
{
    if (i < le->len)
        i++;
    while (i < le->len && cont_byte(le->buf[i]))
        i++;
    return i;
}

static int word_left(const lineedit *le, int i)
{
    while (i > 0 && le->buf[i - 1] == ' ')
        i--;
    while (i > 0 && le->buf[i - 1] != ' ')
        i--;
    return i;
}

static int word_right(const lineedit *le, int i)
{
    while (i < le->len && le->buf[i] == ' ')
        i++;
    while (i < le->len && le->buf[i] != ' ')
        i++;
    return i;
}

/* Show history line AT (nhist: the line that was being typed). */
static void walk(lineedit *le, int at)
{
    if (at < 0 || at > le->nhist || at == le->at)
        return;
    if (le->at == le->nhist)
        snprintf(le->saved, sizeof le->saved, "%s", le->buf);
    le->at = at;
    set_line(le, at == le->nhist ? le->saved : le->hist[at]);
}

void le_key_press(lineedit *le, le_key k)
{
    switch (k) {
    case LE_LEFT: le->cur = char_left(le, le->cur); break;
    case LE_RIGHT: le->cur = char_right(le, le->cur); break;
    case LE_HOME: le->cur = 0; break;
    case LE_END: le->cur = le->len; break;
    case LE_WORD_LEFT: le->cur = word_left(le, le->cur); break;
    case LE_WORD_RIGHT: le->cur = word_right(le, le->cur); break;
    case LE_BACKSPACE:
        if (le->cur > 0)
            cut(le, char_left(le, le->cur), le->cur);
        break;
    case LE_DELETE:
        if (le->cur < le->len)
            cut(le, le->cur, char_right(le, le->cur));
        break;
    case LE_KILL_END: le->buf[le->len = le->cur] = 0; break;
    case LE_KILL_START: cut(le, 0, le->cur); break;
    case LE_KILL_WORD: cut(le, word_left(le, le->cur), le->cur); break;
    case LE_UP: walk(le, le->at - 1); break;
    case LE_DOWN: walk(le, le->at + 1); break;
    }
}

char *le_take(lineedit *le)
{
    char *line = strdup(le->buf);
    bool repeat = le->nhist && strcmp(le->hist[le->nhist - 1], le->buf) == 0;
    if (line && le->len && !repeat) {
        if (le->nhist == LE_HISTORY) {
            free(le->hist[0]);
            memmove(le->hist, le->hist + 1, (LE_HISTORY - 1) * sizeof *le->hist);
            le->nhist--;
        }
        le->hist[le->nhist++] = strdup(le->buf);
    }
    le->saved[0] = 0;
    le_clear(le);
    return line;
}

int le_cursor_col(const lineedit *le)
{
    int c = 0;
    for (int i = 0; i < le->cur; i++)
        c += !cont_byte(le->buf[i]);
    return c;
}
