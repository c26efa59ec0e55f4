/* The TUI's command line: a line being edited with a cursor, and the
 * history of the lines run before, as readline keeps them (↑/↓ walk it,
 * the line being typed is kept while walking).  No curses here, so the
 * unit tests drive it key by key. */
#ifndef SIM_DEBUG_LINEEDIT_H
#define SIM_DEBUG_LINEEDIT_H
#include <stdbool.h>
#include <stddef.h>

#define LE_MAX 256        /* bytes of a line, NUL included */
#define LE_HISTORY 200    /* lines kept */

typedef enum {
    LE_LEFT, LE_RIGHT, LE_HOME, LE_END,       /* ←, →, Home/^A, End/^E */
    LE_BACKSPACE, LE_DELETE,                  /* the character before / at the cursor */
    LE_KILL_END, LE_KILL_START, LE_KILL_WORD, /* ^K, ^U, ^W */
    LE_UP, LE_DOWN,                           /* the history */
    LE_WORD_LEFT, LE_WORD_RIGHT,              /* Alt-B / Alt-F, Ctrl-← / Ctrl-→ */
} le_key;

typedef struct {
    char buf[LE_MAX];
    int len, cur;                 /* bytes; the cursor is a byte offset */
    char *hist[LE_HISTORY];       /* oldest first */
    int nhist;
    int at;                       /* the history line shown; nhist: the new line */
    char saved[LE_MAX];           /* the new line, while walking the history */
} lineedit;

void le_init(lineedit *le);
void le_free(lineedit *le);
/* Insert one byte (UTF-8 arrives byte by byte). */
void le_insert(lineedit *le, char ch);
void le_key_press(lineedit *le, le_key k);
/* The line is run: it goes into the history (unless empty or the same as
 * the last) and the command line empties.  Returns a copy for the caller to
 * free. */
char *le_take(lineedit *le);
void le_clear(lineedit *le);
/* Columns before the cursor (UTF-8 characters, one column each). */
int le_cursor_col(const lineedit *le);

#endif
