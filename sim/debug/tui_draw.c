/* Drawing the TUI: the layout adapts to the terminal's size (80×24 and
 * up), panes are drawn from their text (debug_panes.c), styles become
 * colours or, without colour, reverse/bold/underline. */
#include "sim/debug/tui.h"
#include "sim/debug/shorten.h"
#include <curses.h>
#include <stdlib.h>
#include <string.h>

enum { CP_CURRENT = 1, CP_BREAK, CP_CHANGED, CP_DIM, CP_HEAD, CP_FOCUS, CP_BAR };

void tui_init_colors(tui *t)
{
    if (!t->color || !has_colors() || start_color() == ERR) {
        t->color = false;
        return;
    }
    use_default_colors();
    init_pair(CP_CURRENT, COLOR_BLACK, COLOR_CYAN);
    init_pair(CP_BREAK, COLOR_RED, -1);
    init_pair(CP_CHANGED, COLOR_YELLOW, -1);
    init_pair(CP_DIM, COLOR_BLUE, -1);
    init_pair(CP_HEAD, COLOR_WHITE, COLOR_BLUE);
    init_pair(CP_FOCUS, COLOR_BLACK, COLOR_YELLOW);
    init_pair(CP_BAR, COLOR_BLACK, COLOR_GREEN);
}

static attr_t style_attr(tui *t, pane_style s)
{
    static const attr_t mono[PS__COUNT] = {A_NORMAL, A_REVERSE, A_BOLD, A_BOLD | A_UNDERLINE,
                                           A_DIM, A_REVERSE};
    static const short pair[PS__COUNT] = {0, CP_CURRENT, CP_BREAK, CP_CHANGED, CP_DIM, CP_HEAD};
    if (!t->color)
        return mono[s];
    return COLOR_PAIR(pair[s]) | (s == PS_CHANGED || s == PS_BREAK ? A_BOLD : 0);
}

/* Without UTF-8 the few non-ASCII characters sim prints become ASCII. */
static void to_ascii(const char *in, char *out, size_t len)
{
    static const struct { const char *u, *a; } map[] = {
        {"\xc2\xb7", "."}, {"\xe2\x86\x92", "->"}, {"\xe2\x80\xa6", "..."}, {"\xe2\x94\x80", "-"},
        {"\xc3\x97", "x"}};
    size_t n = 0;
    while (*in && n + 4 < len) {
        size_t i = 0;
        while (i < sizeof map / sizeof map[0] && strncmp(in, map[i].u, strlen(map[i].u)) != 0)
            i++;
        if (i < sizeof map / sizeof map[0]) {
            n += (size_t)snprintf(out + n, len - n, "%s", map[i].a);
            in += strlen(map[i].u);
        } else {
            out[n++] = (*in & 0x80) ? '?' : *in;
            in++;
        }
    }
    out[n] = 0;
}

/* Bytes of S that fill at most COLS columns (every character sim prints
 * is one column wide). */
static int fit(const char *s, int cols)
{
    int b = 0;
    for (int c = 0; s[b]; c++) {
        if (c == cols)
            break;
        b++;
        while ((s[b] & 0xc0) == 0x80)
            b++;
    }
    return b;
}

static int columns(const char *s, int bytes)
{
    int c = 0;
    for (int i = 0; i < bytes && s[i]; i++)
        c += (s[i] & 0xc0) != 0x80;
    return c;
}

/* One line of text at (Y, X), W columns, padded with blanks. */
static void put_text(tui *t, int y, int x, int w, const char *text, attr_t a)
{
    char buf[1024];
    if (!t->utf8) {
        to_ascii(text, buf, sizeof buf);
        text = buf;
    }
    attrset(a);
    mvhline(y, x, ' ', w);
    mvaddnstr(y, x, text, fit(text, w));
    attrset(A_NORMAL);
}

static void put_line(tui *t, int y, int x, int w, const pane_line *l)
{
    put_text(t, y, x, w, l->text, style_attr(t, l->style));
    for (int i = 0; i < l->nspans && t->utf8; i++) {   /* spans are in ASCII panes only */
        const pane_span *s = &l->spans[i];
        int col = columns(l->text, s->from);
        if (col >= w)
            continue;
        int n = fit(l->text + s->from, w - col);
        attrset(style_attr(t, s->style));
        mvaddnstr(y, x + col, l->text + s->from, n < s->len ? n : s->len);
        attrset(A_NORMAL);
    }
}

static void draw_pane(tui *t, int id, tui_rect r)
{
    pane *p = &t->panes[id];
    int rows = r.h - 1, width = r.w;
    bool windowed = id == PANE_SOURCE || id == PANE_DISASM || id == PANE_STACK;
    dbg_pane(t->d, (pane_id)id, id == PANE_LOG ? rows + t->scroll[id] : rows, width, p);
    char title[320], fitted[300];
    shorten_title(p->title, r.w - 2, fitted, sizeof fitted);   /* whole words, at 80×24 too */
    snprintf(title, sizeof title, "%s %s", id == t->focus ? ">" : " ", fitted);
    attr_t head = id == t->focus ? (t->color ? COLOR_PAIR(CP_FOCUS) | A_BOLD : A_REVERSE | A_BOLD)
                                 : style_attr(t, PS_HEAD);
    put_text(t, r.y, r.x, r.w, title, head);
    int first = 0;
    if (id == PANE_LOG)   /* the newest at the bottom; scrolling goes back */
        first = p->n - rows - t->scroll[id] > 0 ? p->n - rows - t->scroll[id] : 0;
    else if (!windowed)
        first = t->scroll[id] < p->n ? t->scroll[id] : 0;
    for (int i = 0; i < rows; i++) {
        if (first + i < p->n)
            put_line(t, r.y + 1 + i, r.x, r.w, &p->lines[first + i]);
        else
            put_text(t, r.y + 1 + i, r.x, r.w, "", A_NORMAL);
    }
}

/* Pane rectangles for an H×W screen: panes between the status bar (row 0)
 * and the message and command lines (the last two rows). */
static void layout(tui *t, int H, int W, tui_rect r[PANE__COUNT])
{
    int mid = H - 3, rw = W < 100 ? 34 : (W * 2 / 5 > 64 ? 64 : W * 2 / 5);
    int lw = W - rw - 1, y = 1;
    int hs[4] = {mid * 30 / 100, mid * 25 / 100, mid * 20 / 100, 0};
    if (t->focus == PANE_LOG)   /* the Log, given the focus (Tab), takes half the column */
        hs[0] = mid * 18 / 100, hs[1] = mid * 17 / 100, hs[2] = mid * 15 / 100;
    hs[3] = mid - hs[0] - hs[1] - hs[2];
    int left[4] = {PANE_SOURCE, PANE_DISASM, PANE_STACK, PANE_LOG};
    for (int i = 0; i < 4; i++) {
        r[left[i]] = (tui_rect){y, 0, hs[i], lw};
        y += hs[i];
    }
    int regs = mid / 2 + 2 < 12 ? mid / 2 + 2 : 12;
    /* The Threads pane below the Scheduler: a line per thread, up to half
     * of what the registers leave. */
    pane *th = &t->panes[PANE_THREADS];
    dbg_pane(t->d, PANE_THREADS, 1, rw, th);
    int threads = th->n + 1 < (mid - regs) / 2 ? th->n + 1 : (mid - regs) / 2;
    r[PANE_REGS] = (tui_rect){1, lw + 1, regs, rw};
    r[PANE_SCHED] = (tui_rect){1 + regs, lw + 1, mid - regs - threads, rw};
    r[PANE_THREADS] = (tui_rect){1 + mid - threads, lw + 1, threads, rw};
    if (t->zoom)
        for (int i = 0; i < PANE__COUNT; i++)
            r[i] = i == t->focus ? (tui_rect){1, 0, mid, W} : (tui_rect){0, 0, 0, 0};
}

static void draw_overlay(tui *t, int H, int W)
{
    int n = 1;
    for (const char *p = t->msg; *p; p++)
        n += *p == '\n' && p[1];
    int h = n + 2 > H - 3 ? H - 3 : n + 2, y = H - 2 - h;
    put_text(t, y, 0, W, "  Output (any key closes)", style_attr(t, PS_HEAD));
    const char *line = t->msg;
    for (int i = 1; i < h; i++) {
        const char *nl = line ? strchr(line, '\n') : NULL;
        char buf[512];
        snprintf(buf, sizeof buf, " %.*s", line ? (int)(nl ? nl - line : (long)strlen(line)) : 0,
                 line ? line : "");
        put_text(t, y + i, 0, W, buf, A_NORMAL);
        line = nl ? nl + 1 : NULL;
    }
}

static void draw_bars(tui *t, int H, int W)
{
    char status[512], bar[700];
    dbg_status(t->d, status, sizeof status);
    snprintf(bar, sizeof bar, " sim debug %s · %s", t->d->cfg.name, status);
    char fitted[700];
    shorten_status(bar, W, fitted, sizeof fitted);
    put_text(t, 0, 0, W, fitted, t->color ? COLOR_PAIR(CP_BAR) : A_REVERSE);
    char msg[512];
    const char *nl = t->msg ? strchr(t->msg, '\n') : NULL;
    snprintf(msg, sizeof msg, "%.*s%s", t->msg ? (int)(nl ? nl - t->msg : (long)strlen(t->msg)) : 0,
             t->msg ? t->msg : "", nl && nl[1] ? " …" : "");
    put_text(t, H - 2, 0, W, msg[0] ? msg : "type a command, Enter: si 3, c, b main.main, p $rsp  "
             "? help  q quit  Ctrl-X s: single keys", msg[0] ? A_BOLD : A_DIM);
    bool keys = t->single_key && !t->keys_once && !t->le.len;
    char cmd[LE_MAX + 64];
    snprintf(cmd, sizeof cmd, "(sim) %s", keys ? "" : t->le.buf);
    put_text(t, H - 1, 0, W, cmd, A_NORMAL);
    if (keys)   /* gdb's single-key mode: the keys, where the line would be */
        put_text(t, H - 1, 6, W - 6, "[single-key: s n i o f c r R u d w z · q leaves]", A_DIM);
    int col = 6 + (keys ? 0 : le_cursor_col(&t->le));
    move(H - 1, col < W ? col : W - 1);
}

void tui_draw_bars(tui *t)
{
    int H, W;
    getmaxyx(stdscr, H, W);
    if (H < 12 || W < 40)
        return;
    draw_bars(t, H, W);
    refresh();
}

void tui_draw(tui *t)
{
    int H, W;
    getmaxyx(stdscr, H, W);
    erase();
    if (H < 12 || W < 40) {
        mvaddstr(0, 0, "sim debug: the terminal is too small (40x12 at least; 80x24 is comfortable)");
        refresh();
        return;
    }
    tui_rect r[PANE__COUNT];
    layout(t, H, W, r);
    for (int i = 0; i < PANE__COUNT; i++)
        if (r[i].h > 1)
            draw_pane(t, i, r[i]);
    /* The separator as a character, not ACS: terminfo's line drawing is
     * wrong on more terminals than UTF-8 is. */
    for (int y = 1; y < H - 2 && !t->zoom; y++)
        mvaddstr(y, r[PANE_REGS].x - 1, t->utf8 ? "\xe2\x94\x82" : "|");
    if (t->overlay && t->msg)
        draw_overlay(t, H, W);
    draw_bars(t, H, W);
    refresh();
}
