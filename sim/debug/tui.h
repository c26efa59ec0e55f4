/* The TUI's state, shared by the input loop (tui.c) and the drawing
 * (tui_draw.c).  ncurses is used only in these two files. */
#ifndef SIM_TUI_H
#define SIM_TUI_H
#include "sim/debug/lineedit.h"
#include "sim/debug/ui.h"

typedef struct { int y, x, h, w; } tui_rect;

typedef struct {
    dbg *d;
    bool color;           /* colours in use (else attributes only) */
    bool utf8;            /* the terminal takes UTF-8 (else · → . and → -> ) */
    int focus;            /* pane_id with the focus (Tab) */
    bool zoom;            /* the focused pane fills the screen (z) */
    int scroll[PANE__COUNT];
    lineedit le;          /* the command line being typed, and its history */
    bool single_key;      /* gdb's single-key mode (Ctrl-X s): letters are motions */
    bool keys_once;       /* in it, a command is being typed (the key was no motion) */
    bool ctl_x;           /* Ctrl-X was pressed: the next key is its second */
    bool confirm_quit;    /* q asked "(y or n)" */
    double run_t0;        /* a running command's start (the progress line's rate) */
    uint64_t run_i0;
    double run_drawn;
    char *msg;            /* the last answer */
    bool overlay;         /* show msg in a box over the panes until a key */
    pane panes[PANE__COUNT];
    void *scr;            /* the ncurses SCREEN (curses.h stays out of this header) */
} tui;

void tui_draw(tui *t);
/* Only the status bar, message and command lines (a long run's progress). */
void tui_draw_bars(tui *t);
void tui_init_colors(tui *t);

#endif
