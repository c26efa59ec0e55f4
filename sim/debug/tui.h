/* The TUI's state, shared by the input loop (tui.c) and the drawing
 * (tui_draw.c).  ncurses is used only in these two files. */
#ifndef SIM_TUI_H
#define SIM_TUI_H
#include "sim/debug/ui.h"

typedef struct { int y, x, h, w; } tui_rect;

typedef struct {
    dbg *d;
    bool color;           /* colours in use (else attributes only) */
    bool utf8;            /* the terminal takes UTF-8 (else · → . and → -> ) */
    int focus;            /* pane_id with the focus (Tab) */
    bool zoom;            /* the focused pane fills the screen (z) */
    int scroll[PANE__COUNT];
    char input[256];      /* the command line being typed */
    int ilen;
    bool typing;          /* ':' or a command letter opened the command line */
    char *msg;            /* the last answer */
    bool overlay;         /* show msg in a box over the panes until a key */
    pane panes[PANE__COUNT];
    void *scr;            /* the ncurses SCREEN (curses.h stays out of this header) */
} tui;

void tui_draw(tui *t);
void tui_init_colors(tui *t);

#endif
