/* The TUI's input loop.  What is typed is a command line, run as typed
 * when Enter ends it (with readline's editing and history); the motions
 * act on single keys only in gdb's single-key mode (Ctrl-X s) or on keys
 * that type nothing (F5, F10, F11, Shift-F11).  Tab, Ctrl-X 1/o and
 * PgUp/PgDn work the panes; Ctrl-C stops a run (interrupt.h). */
#include "sim/debug/tui.h"
#include "sim/debug/interrupt.h"
#include <curses.h>
#include <term.h>
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A long run's progress on the message line, five times a second: the
 * position and the rate.  Only on the screen: nothing the run computes
 * or the trace holds depends on the clock. */
static void progress(void *ctx, const timeline *tl)
{
    tui *t = ctx;
    double now = now_s();
    if (now - t->run_drawn < 0.2)
        return;
    t->run_drawn = now;
    uint64_t n = emu_icount(tl->mc->cpu);
    double rate = now > t->run_t0 ? (double)(n - t->run_i0) / (now - t->run_t0) : 0;
    char buf[200];
    snprintf(buf, sizeof buf, "running… step %llu · insn %llu · %.1f M insn/s · Ctrl-C stops",
             (unsigned long long)tl->pos, (unsigned long long)n, rate / 1e6);
    free(t->msg);
    t->msg = strdup(buf);
    tui_draw_bars(t);
}

static void say(tui *t, const char *text)
{
    free(t->msg);
    t->msg = strdup(text);
    t->overlay = false;
}

/* Commands only the TUI has: zoom, focus [NAME|next|prev], single-key. */
static bool tui_command(tui *t, const char *cmd)
{
    char word[32] = "", arg[32] = "";
    if (sscanf(cmd, " %31s %31s", word, arg) < 1)
        return false;
    if (strcmp(word, "zoom") == 0) {
        t->zoom = !t->zoom;
    } else if (strcmp(word, "single-key") == 0) {
        t->single_key = !t->single_key;
        say(t, t->single_key ? "single-key mode: s n i o f c r R u d w z act at once; q leaves it"
                             : "single-key mode off: commands are typed");
    } else if (strcmp(word, "focus") == 0 || strcmp(word, "fs") == 0) {
        int i = 0;
        while (i < PANE__COUNT && strcmp(arg, pane_names[i]) != 0)
            i++;
        if (i < PANE__COUNT)
            t->focus = i;
        else if (strcmp(arg, "prev") == 0)
            t->focus = (t->focus + PANE__COUNT - 1) % PANE__COUNT;
        else
            t->focus = (t->focus + 1) % PANE__COUNT;
    } else {
        return false;
    }
    return true;
}

/* After list or x, Enter goes on where they stopped, as in gdb: a bare
 * list, or x in the same format and count from the next address. */
static void going_on(tui *t, const char *cmd)
{
    cmd += strspn(cmd, " ");
    size_t n = strcspn(cmd, " /");
    if ((n == 1 && cmd[0] == 'l') || (n == 4 && strncmp(cmd, "list", 4) == 0) ||
        (n == 2 && strncmp(cmd, "ls", 2) == 0))
        snprintf(t->d->last_cmd, sizeof t->d->last_cmd, "list");
    else if (n == 1 && cmd[0] == 'x')
        snprintf(t->d->last_cmd, sizeof t->d->last_cmd, "x%.*s", (int)strcspn(cmd + 1, " "), cmd + 1);
}

/* Run CMD, keeping its answer as the message; false to quit. */
static bool run(tui *t, const char *cmd)
{
    if (tui_command(t, cmd))
        return true;
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    say(t, "running…");
    tui_draw(t);
    t->run_t0 = t->run_drawn = now_s();
    t->run_i0 = emu_icount(t->d->mc.cpu);
    t->d->tl.progress = progress;
    t->d->tl.progress_ctx = t;
    int r = dbg_exec(t->d, cmd, out);
    t->d->tl.progress = NULL;
    interrupt_take();   /* a Ctrl-C after the run stopped is not for the next one */
    if (r & DBG_HELP)
        dbg_help(out);
    fclose(out);
    while (len && buf[len - 1] == '\n')
        buf[--len] = 0;
    free(t->msg);
    t->msg = buf;
    /* Answers of several lines (p of a struct, x, info, help) get a box;
     * a motion's answer stays on the message line. */
    t->overlay = !(r & (DBG_MOVED | DBG_VIEW)) && strchr(buf, '\n');
    if (r & DBG_MOVED) {
        snprintf(t->d->last_cmd, sizeof t->d->last_cmd, "%s", cmd);
        memset(t->scroll, 0, sizeof t->scroll);
    } else if (!(r & DBG_ERROR)) {
        going_on(t, cmd);
    }
    if ((r & DBG_QUIT) && t->d->npts) {   /* as gdb asks when a session would be lost */
        char q[160];
        snprintf(q, sizeof q, "Quit anyway? %d breakpoint%s or watch%s will be lost. (y or n)",
                 t->d->npts, t->d->npts == 1 ? "" : "s", t->d->npts == 1 ? "" : "es");
        say(t, q);
        t->confirm_quit = true;
        return true;
    }
    return !(r & DBG_QUIT);
}

static void scroll_focus(tui *t, int by)
{
    int *s = &t->scroll[t->focus];
    *s = *s + by < 0 ? 0 : *s + by;
}

/* Keys that type nothing and so can act at any time. */
static bool pane_key(tui *t, int ch)
{
    int page = t->focus == PANE_LOG ? 10 : -10;   /* the Log pane scrolls back in time */
    if (ch == '\t' || ch == KEY_BTAB)
        t->focus = (t->focus + (ch == '\t' ? 1 : PANE__COUNT - 1)) % PANE__COUNT;
    else if (ch == KEY_PPAGE)
        scroll_focus(t, page);
    else if (ch == KEY_NPAGE)
        scroll_focus(t, -page);
    else
        return false;
    return true;
}

/* Function keys as in most debuggers' front ends; NULL for other keys. */
static const char *function_key(int ch)
{
    if (ch == KEY_F(5))
        return "continue";
    if (ch == KEY_F(10))
        return "next";
    if (ch == KEY_F(11))
        return "step";
    if (ch == KEY_F(23))   /* Shift-F11 */
        return "finish";
    return NULL;
}

/* gdb's single-key mode: these letters run at once. */
static const char *single_key(int ch)
{
    switch (ch) {
    case 's': return "step";
    case 'n': return "next";
    case 'i': return "stepi";
    case 'o': return "nexti";
    case 'f': return "finish";
    case 'c': return "continue";
    case 'r': return "r";
    case 'R': return "R";
    case 'u': return "up";
    case 'd': return "down";
    case 'w': return "bt";
    case 'z': return "zoom";
    case '?': return "help";
    default: return NULL;
    }
}

/* Ctrl-X and its second key, as gdb's TUI has them: s single-key mode, 1
 * (or z) zoom, o the next pane. */
static void ctl_x_key(tui *t, int ch)
{
    t->ctl_x = false;
    if (ch == 's' || ch == 19)
        tui_command(t, "single-key");
    else if (ch == '1' || ch == 'z')
        t->zoom = !t->zoom;
    else if (ch == 'o')
        t->focus = (t->focus + 1) % PANE__COUNT;
    else if (ch == 'a' && t->single_key)
        tui_command(t, "single-key");
}

static le_key edit_key(int ch, bool *is_edit)
{
    *is_edit = true;
    switch (ch) {
    case KEY_LEFT: case 2: return LE_LEFT;          /* ^B */
    case KEY_RIGHT: case 6: return LE_RIGHT;        /* ^F */
    case KEY_HOME: case 1: return LE_HOME;          /* ^A */
    case KEY_END: case 5: return LE_END;            /* ^E */
    case KEY_BACKSPACE: case 127: case 8: return LE_BACKSPACE;
    case KEY_DC: case 4: return LE_DELETE;          /* Delete, ^D */
    case 11: return LE_KILL_END;                    /* ^K */
    case 21: return LE_KILL_START;                  /* ^U */
    case 23: return LE_KILL_WORD;                   /* ^W */
    case KEY_UP: case 16: return LE_UP;             /* ^P */
    case KEY_DOWN: case 14: return LE_DOWN;         /* ^N */
    default: *is_edit = false; return LE_LEFT;
    }
}

/* Enter: the line as typed, or on an empty line the last motion again. */
static bool enter(tui *t)
{
    char *line = le_take(&t->le);
    bool go = true;
    t->keys_once = false;
    const char *cmd = line ? line + strspn(line, " ") : NULL;
    cmd += cmd && *cmd == ':';   /* :b runtime.main, as vi users type it */
    if (cmd && cmd[strspn(cmd, " ")])
        go = run(t, cmd);
    else if (t->d->last_cmd[0])
        go = run(t, t->d->last_cmd);
    free(line);
    return go;
}

/* One key; false to quit. */
static bool key(tui *t, int ch)
{
    if (t->confirm_quit) {
        t->confirm_quit = false;
        if (ch == 'y' || ch == 'Y')
            return false;
        say(t, "Not confirmed.");
        return true;
    }
    if (t->ctl_x) {
        ctl_x_key(t, ch);
        return true;
    }
    if (ch == 24) {   /* Ctrl-X */
        t->ctl_x = true;
        return true;
    }
    const char *fk = function_key(ch);
    if (fk)
        return run(t, fk);
    if (pane_key(t, ch))
        return true;
    bool keys = t->single_key && !t->keys_once && !t->le.len;
    if (keys && ch == 'q') {   /* q leaves single-key mode, as in gdb */
        tui_command(t, "single-key");
        return true;
    }
    if (keys && single_key(ch))
        return run(t, single_key(ch));
    if (keys && (ch == KEY_UP || ch == KEY_DOWN)) {
        scroll_focus(t, (ch == KEY_UP) == (t->focus == PANE_LOG) ? 1 : -1);
        return true;
    }
    if (ch == '\n' || ch == KEY_ENTER)
        return enter(t);
    if (ch == 27) {   /* Esc: drop the line */
        le_clear(&t->le);
        t->keys_once = false;
        return true;
    }
    bool is_edit;
    le_key k = edit_key(ch, &is_edit);
    if (is_edit)
        le_key_press(&t->le, k);
    else if (ch >= ' ' && ch < 0x100 && ch != 0x7f) {   /* bytes of UTF-8 arrive one by one */
        t->keys_once = t->single_key;
        le_insert(&t->le, (char)ch);
    }
    if (!t->le.len)
        t->keys_once = false;   /* the line was emptied: single keys again */
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
    le_init(&t.le);
    interrupt_install(false);   /* before newterm, which leaves a caught SIGINT alone */
    if (tui_start(&t)) {
        interrupt_remove();
        return 2;
    }
    t.msg = strdup("sim debug: type si, s or c and Enter; r steps back; ? lists every command");
    int errs = 0;   /* getch's ERRs in a row */
    bool lost = false;
    for (bool go = true; go;) {
        tui_draw(&t);
        int ch = getch();
        if (ch == '\r')
            ch = '\n';
        /* A blocking getch returns ERR once when a signal interrupts it, and
         * for ever when its input has ended: retrying that spun a core. */
        if (ch == ERR && interrupt_take()) {   /* Ctrl-C with nothing running: as gdb's Quit */
            le_clear(&t.le);
            t.keys_once = t.confirm_quit = t.ctl_x = false;
            say(&t, "Quit (Ctrl-C stops a running command; q quits)");
            continue;
        }
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
        go = key(&t, ch);
    }
    endwin();
    interrupt_remove();
    le_free(&t.le);
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
