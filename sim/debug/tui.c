/* The TUI's input loop: single keys for the motions (s n f c r R q ?), a
 * command line for everything else, Tab/z/PgUp/PgDn for the panes. */
#include "sim/debug/tui.h"
#include <curses.h>
#include <term.h>
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Keys that act at once when the command line is empty. */
static const char *immediate_command(int ch)
{
    switch (ch) {
    case 's': return "s";
    case 'n': return "n";
    case 'f': return "finish";
    case 'c': return "c";
    case 'r': return "r";
    case 'R': return "R";
    case 'q': return "q";
    case '?': return "?";
    default: return NULL;
    }
}

/* Run CMD, keeping its answer as the message; false to quit. */
static bool run(tui *t, const char *cmd)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    free(t->msg);
    t->msg = strdup("running…");
    t->overlay = false;
    tui_draw(t);
    int r = dbg_exec(t->d, cmd, out);
    if (r & DBG_HELP)
        dbg_help(out);
    fclose(out);
    while (len && buf[len - 1] == '\n')
        buf[--len] = 0;
    free(t->msg);
    t->msg = buf;
    /* Answers of several lines (p of a struct, x, info, help) get a box;
     * a motion's answer stays on the message line. */
    t->overlay = !(r & DBG_MOVED) && strchr(buf, '\n');
    if (r & DBG_MOVED) {
        snprintf(t->d->last_cmd, sizeof t->d->last_cmd, "%s", cmd);
        memset(t->scroll, 0, sizeof t->scroll);
    }
    return !(r & DBG_QUIT);
}

static void scroll_focus(tui *t, int by)
{
    int *s = &t->scroll[t->focus];
    *s = *s + by < 0 ? 0 : *s + by;
}

/* A key while nothing is being typed; false to quit. */
static bool idle_key(tui *t, int ch)
{
    const char *cmd = immediate_command(ch);
    if (cmd)
        return run(t, cmd);
    if (ch == '\t' || ch == KEY_BTAB)
        t->focus = (t->focus + (ch == '\t' ? 1 : PANE__COUNT - 1)) % PANE__COUNT;
    else if (ch == 'z')
        t->zoom = !t->zoom;
    else if (ch == KEY_PPAGE || ch == KEY_UP)
        scroll_focus(t, t->focus == PANE_LOG ? (ch == KEY_UP ? 1 : 10) : -(ch == KEY_UP ? 1 : 10));
    else if (ch == KEY_NPAGE || ch == KEY_DOWN)
        scroll_focus(t, t->focus == PANE_LOG ? -(ch == KEY_DOWN ? 1 : 10) : (ch == KEY_DOWN ? 1 : 10));
    else if ((ch == '\n' || ch == KEY_ENTER) && t->d->last_cmd[0])
        return run(t, t->d->last_cmd);
    else if (ch == ':')
        t->typing = true;
    else if (ch >= ' ' && ch < 0x7f) {
        t->typing = true;
        t->input[t->ilen++] = (char)ch;
        t->input[t->ilen] = 0;
    }
    return true;
}

/* A key while typing a command; false to quit. */
static bool typing_key(tui *t, int ch)
{
    if (ch == '\n' || ch == KEY_ENTER) {
        char cmd[256];
        snprintf(cmd, sizeof cmd, "%s", t->input);
        t->ilen = 0;
        t->input[0] = 0;
        t->typing = false;
        return cmd[0] ? run(t, cmd) : (t->d->last_cmd[0] ? run(t, t->d->last_cmd) : true);
    }
    if (ch == 27 || ch == 21) {   /* Esc, ^U: drop the line */
        t->ilen = 0;
        t->input[0] = 0;
        t->typing = false;
    } else if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
        if (t->ilen)   /* a whole UTF-8 character */
            while (t->ilen && (t->input[--t->ilen] & 0xc0) == 0x80)
                ;
        t->input[t->ilen] = 0;
        t->typing = t->ilen > 0;
    } else if (ch >= ' ' && ch < 0x100 && ch != 0x7f && t->ilen + 1 < (int)sizeof t->input) {
        t->input[t->ilen++] = (char)ch;   /* bytes of UTF-8 arrive one by one */
        t->input[t->ilen] = 0;
    }
    return true;
}

/* The TERM is tried with setupterm, whose failure frees what it took: a
 * failed newterm keeps memory that Debian's ncurses never frees. */
int tui_check_terminal(FILE *err)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fprintf(err, "sim debug: the debugger needs a terminal on standard input and output; "
                     "without one, give the commands with -x 'CMD; CMD' or --batch FILE\n");
        return 2;
    }
    int e = 0;
    if (setupterm(NULL, STDOUT_FILENO, &e) != OK) {
        const char *term = getenv("TERM");
        fprintf(err, "sim debug: cannot use the terminal (TERM=%s is unknown or unusable)\n",
                term ? term : "");
        return 2;
    }
    del_curterm(cur_term);
    return 0;
}

/* newterm rather than initscr, which prints its own message and exits 1
 * when TERM is unknown (tui_check_terminal has asked already). */
static int tui_start(tui *t)
{
    setlocale(LC_ALL, "");
    t->utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
    setenv("ESCDELAY", "25", 0);
    SCREEN *scr = newterm(NULL, stdout, stdin);
    if (!scr) {
        const char *term = getenv("TERM");
        fprintf(stderr, "sim debug: cannot use the terminal (TERM=%s is unknown or unusable)\n",
                term ? term : "");
        return 2;
    }
    t->scr = scr;
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    tui_init_colors(t);
    return 0;
}

int tui_run(dbg *d, bool color)
{
    tui t = {.d = d, .color = color, .focus = PANE_SOURCE};
    if (tui_start(&t))
        return 2;
    t.msg = strdup("sim debug: s steps, r steps back, ? lists every command");
    int errs = 0;   /* getch's ERRs in a row */
    bool lost = false;
    for (bool go = true; go;) {
        tui_draw(&t);
        int ch = getch();
        if (ch == '\r')
            ch = '\n';
        /* A blocking getch returns ERR once when a signal interrupts it, and
         * for ever when its input has ended: retrying that spun a core. */
        if (ch == ERR && ++errs >= 100) {
            lost = true;
            break;
        }
        if (ch != ERR)
            errs = 0;
        if (ch == KEY_RESIZE || ch == ERR)
            continue;
        if (t.overlay) {   /* the key closes the box */
            t.overlay = false;
            continue;
        }
        go = t.typing ? typing_key(&t, ch) : idle_key(&t, ch);
    }
    endwin();
    delscreen((SCREEN *)t.scr);
    for (int i = 0; i < PANE__COUNT; i++)
        pane_free(&t.panes[i]);
    free(t.msg);
    if (lost) {
        fprintf(stderr, "sim debug: the terminal's input ended\n");
        return 2;
    }
    return 0;
}
