/* Debugger commands: one line in, an answer out.  Names and meanings
 * follow gdb and Delve (si, ni, s, n, finish, until, c, b, tbreak, d, info,
 * p, x, w, bt, frame, goroutines, regs), with the reverse motions rr gives
 * gdb (r, R) and a go-to-instruction (g N).  This file has the dispatch,
 * the motions and the breakpoints; cmd.h names the others' files. */
#include "sim/debug/cmd.h"
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

int cmd_count(const char *arg, uint64_t *n, FILE *out)
{
    char *end;
    errno = 0;
    *n = *arg ? strtoull(arg, &end, 0) : 1;
    if (*arg && (*end || errno || arg[0] == '-')) {
        fprintf(out, "expected a count, not \"%s\"\n", arg);
        return -1;
    }
    return 0;
}

/* The motions that take a count: si, ni, s, n, r. */
static int counted(dbg *d, const char *arg, FILE *out, void (*fn)(dbg *, uint64_t, FILE *))
{
    uint64_t n;
    if (cmd_count(arg, &n, out))
        return DBG_ERROR;
    fn(d, n, out);
    return DBG_MOVED;
}

static int c_stepi(dbg *d, const char *arg, FILE *out) { return counted(d, arg, out, dbg_step); }
static int c_nexti(dbg *d, const char *arg, FILE *out) { return counted(d, arg, out, dbg_nexti); }
static int c_step(dbg *d, const char *arg, FILE *out) { return counted(d, arg, out, dbg_step_line); }
static int c_next(dbg *d, const char *arg, FILE *out) { return counted(d, arg, out, dbg_next_line); }
static int c_rstep(dbg *d, const char *arg, FILE *out) { return counted(d, arg, out, dbg_rstep); }
static int c_rnexti(dbg *d, const char *arg, FILE *out) { return counted(d, arg, out, dbg_reverse_nexti); }

static void rs_into(dbg *d, uint64_t n, FILE *out) { dbg_reverse_step(d, n, false, out); }
static void rs_over(dbg *d, uint64_t n, FILE *out) { dbg_reverse_step(d, n, true, out); }
static int c_rs(dbg *d, const char *arg, FILE *out) { return counted(d, arg, out, rs_into); }
static int c_rn(dbg *d, const char *arg, FILE *out) { return counted(d, arg, out, rs_over); }

static int c_rfinish(dbg *d, const char *arg, FILE *out)
{
    (void)arg;
    return dbg_reverse_finish(d, out) ? DBG_MOVED : DBG_ERROR;
}

static int c_finish(dbg *d, const char *arg, FILE *out)
{
    (void)arg;
    dbg_finish(d, out);
    return DBG_MOVED;
}

/* until [LOC] and advance LOC: to LOC, or until the current function returns. */
static int to_loc(dbg *d, const char *arg, bool need, FILE *out)
{
    uint64_t addr = 0;
    if (need && !*arg) {
        fprintf(out, "advance needs a place: a function, FILE:LINE or an address\n");
        return DBG_ERROR;
    }
    if (*arg && dbg_resolve_loc(d, arg, &addr, out) != 0)
        return DBG_ERROR;
    dbg_until(d, addr, out);
    return DBG_MOVED;
}

static int c_until(dbg *d, const char *arg, FILE *out) { return to_loc(d, arg, false, out); }
static int c_advance(dbg *d, const char *arg, FILE *out) { return to_loc(d, arg, true, out); }

static int c_continue(dbg *d, const char *arg, FILE *out)
{
    (void)arg;
    dbg_continue(d, out);
    return DBG_MOVED;
}

static int c_rcontinue(dbg *d, const char *arg, FILE *out)
{
    (void)arg;
    dbg_rcontinue(d, out);
    return DBG_MOVED;
}

static int c_goto(dbg *d, const char *arg, FILE *out)
{
    uint64_t n;
    if (!*arg) {
        fprintf(out, "g needs an instruction number: g 0 is the start, g N the point where N "
                "instructions have run\n");
        return DBG_ERROR;
    }
    if (cmd_count(arg, &n, out))
        return DBG_ERROR;
    dbg_goto(d, n, out);
    return DBG_MOVED;
}

static int c_tbreak(dbg *d, const char *arg, FILE *out)
{
    return dbg_break_add2(d, arg, true, out) ? DBG_ERROR : DBG_OK;
}

static int c_break(dbg *d, const char *arg, FILE *out)
{
    return dbg_break_add(d, arg, out) ? DBG_ERROR : DBG_OK;
}

static int c_watch(dbg *d, const char *arg, FILE *out)
{
    return dbg_watch_add(d, arg, out) ? DBG_ERROR : DBG_OK;
}

/* d N…: those breakpoints or watches; d alone: all of them. */
static int c_delete(dbg *d, const char *arg, FILE *out)
{
    if (!*arg) {
        int n = d->npts;
        d->npts = 0;
        fprintf(out, "Deleted all breakpoints and watches (%d)\n", n);
        return DBG_OK;
    }
    int rc = DBG_OK;
    for (const char *p = arg; *p;) {
        char *end;
        long id = strtol(p, &end, 10);
        if (end == p || (*end && *end != ' ')) {
            fprintf(out, "d needs breakpoint or watch numbers (info break lists them)\n");
            return DBG_ERROR;
        }
        if (dbg_point_delete(d, (int)id, out))
            rc = DBG_ERROR;
        for (p = end; *p == ' '; p++)
            ;
    }
    return rc;
}

/* Delve's clearall: every breakpoint and watch. */
static int c_clearall(dbg *d, const char *arg, FILE *out)
{
    if (*arg) {
        fprintf(out, "clearall takes nothing (clear N deletes one)\n");
        return DBG_ERROR;
    }
    return c_delete(d, "", out);
}

static int c_timeline(dbg *d, const char *arg, FILE *out)
{
    timeline *tl = &d->tl;
    (void)arg;
    fprintf(out, "position %llu, furthest %llu%s, %zu snapshots every %llu steps, "
            "%llu steps replayed, replay checked %llu log lines, %llu differed\n",
            (unsigned long long)tl->pos, (unsigned long long)tl->frontier,
            tl->ended ? " (the end)" : "", tl->nsnaps, (unsigned long long)tl->interval,
            (unsigned long long)tl->replayed, (unsigned long long)tl->log.compared,
            (unsigned long long)tl->log.mismatched);
    return DBG_OK;
}

static int c_points(dbg *d, const char *arg, FILE *out)
{
    (void)arg;
    dbg_points_list(d, out);
    return DBG_OK;
}

static int c_threads(dbg *d, const char *arg, FILE *out)
{
    (void)arg;
    dbg_threads(d, out);
    return DBG_OK;
}

static int c_goroutines(dbg *d, const char *arg, FILE *out);

/* info WHAT: gdb's subcommands, by their first letters as gdb takes them
 * (info b, info r, info f, info th); the first match in this order wins. */
static int c_info(dbg *d, const char *arg, FILE *out)
{
    static const struct { const char *name; cmd_fn fn; } subs[] = {
        {"breakpoints", c_points},   {"registers", cmd_info_registers},
        {"frame", cmd_info_frame},   {"threads", c_threads},
        {"timeline", c_timeline},    {"watchpoints", c_points},
        {"goroutines", c_goroutines}, {"display", cmd_info_display},
        {"all-registers", cmd_info_registers},
    };
    size_t n = strcspn(arg, " ");
    const char *rest = arg + n + strspn(arg + n, " ");
    for (size_t i = 0; n && i < sizeof subs / sizeof subs[0]; i++)
        if (strncmp(subs[i].name, arg, n) == 0)
            return subs[i].fn(d, rest, out);
    fprintf(out, "info breakpoints, registers [REG], frame, threads, goroutines, display, "
            "watchpoints or timeline\n");
    return DBG_ERROR;
}

static int c_thread(dbg *d, const char *arg, FILE *out)
{
    if (dbg_thread(d, arg, out) != 0)
        return DBG_ERROR;
    return *arg ? DBG_MOVED : DBG_OK;   /* the panes show another thread: draw them again */
}

/* goroutines [-t]: Delve's, -t with each one's frames. */
static int c_goroutines(dbg *d, const char *arg, FILE *out)
{
    if (*arg && strcmp(arg, "-t") != 0) {
        fprintf(out, "goroutines [-t] (-t: with their frames)\n");
        return DBG_ERROR;
    }
    dbg_goroutines(d, out);
    if (*arg)
        dbg_goroutines_bt(d, out);
    return DBG_OK;
}

static int c_backtrace(dbg *d, const char *arg, FILE *out)
{
    (void)arg;
    dbg_backtrace(d, out);
    return DBG_OK;
}

/* goroutine N [bt], as Delve has it. */
static int c_goroutine(dbg *d, const char *arg, FILE *out)
{
    char *end;
    errno = 0;
    unsigned long long id = strtoull(arg, &end, 10);
    while (*end == ' ')
        end++;
    bool bt = strcmp(end, "bt") == 0 || strcmp(end, "backtrace") == 0 || strcmp(end, "stack") == 0;
    if (!*arg || !isdigit((unsigned char)*arg) || errno || (*end && !bt)) {
        fprintf(out, "goroutine N [bt] (goroutines lists them)\n");
        return DBG_ERROR;
    }
    return dbg_goroutine(d, id, bt, out) ? DBG_ERROR : DBG_OK;
}

static int c_help(dbg *d, const char *arg, FILE *out)
{
    (void)d, (void)arg;
    dbg_help(out);
    return DBG_HELP;
}

static int c_quit(dbg *d, const char *arg, FILE *out)
{
    (void)d, (void)arg, (void)out;
    return DBG_QUIT;
}

/* Names: gdb's and Delve's (stepout, rewind, clear, breakpoints, threads,
 * examinemem), with their short forms; a command may also be
 * typed as any prefix of one name that no other name shares (cont, disas). */
static const struct { const char *names; cmd_fn fn; } cmds[] = {
    {"si stepi step-instruction", c_stepi},
    {"s step", c_step},
    {"ni nexti", c_nexti},
    {"n next", c_next},
    {"u until", c_until},
    {"advance", c_advance},
    {"fin finish stepout so", c_finish},
    {"c cont continue", c_continue},
    {"r rsi reverse-stepi", c_rstep},
    {"R rc reverse-continue rewind rw", c_rcontinue},
    {"rs reverse-step", c_rs},
    {"rn reverse-next", c_rn},
    {"rni reverse-nexti", c_rnexti},
    {"reverse-finish", c_rfinish},
    {"g goto", c_goto},
    {"b br break", c_break},
    {"tb tbreak", c_tbreak},
    {"d del delete clear", c_delete},
    {"clearall", c_clearall},
    {"breakpoints bp", c_points},
    {"threads", c_threads},
    {"i info", c_info},
    {"w watch", c_watch},
    {"p print", cmd_print},
    {"x examinemem", cmd_examine},
    {"telescope", cmd_telescope},
    {"display", cmd_display},
    {"undisplay", cmd_undisplay},
    {"bt backtrace where stack", c_backtrace},
    {"f frame", cmd_frame},
    {"up", cmd_up},
    {"down", cmd_down},
    {"l list ls", cmd_list},
    {"disas disassemble", cmd_disas},
    {"regs", cmd_regs},
    {"thread", c_thread},
    {"goroutines grs", c_goroutines},
    {"goroutine gr", c_goroutine},
    {"? h help", c_help},
    {"q quit exit", c_quit},
};

/* The command named WORD, or by a prefix of one name only; NULL (message
 * on OUT) if none or several. */
static cmd_fn lookup(const char *word, FILE *out)
{
    size_t n = strlen(word), ncmds = sizeof cmds / sizeof cmds[0];
    cmd_fn found = NULL;
    int matches = 0;
    for (int exact = 1; exact >= 0 && !matches; exact--)
        for (size_t i = 0; i < ncmds; i++)
            for (const char *p = cmds[i].names; p; p = strchr(p, ' ') ? strchr(p, ' ') + 1 : NULL)
                if (strncmp(p, word, n) == 0 && (!exact || p[n] == ' ' || p[n] == 0)) {
                    matches += found != cmds[i].fn;
                    found = cmds[i].fn;
                    break;
                }
    if (matches == 1)
        return found;
    fprintf(out, "%s command \"%s\" (? lists the commands)\n", matches ? "ambiguous" : "unknown", word);
    return NULL;
}

/* One command in BUF (which it may change). */
static int exec_line(dbg *d, char *buf, FILE *out)
{
    char word[64], *s = buf, *e = buf + strlen(buf);
    while (*s == ' ' || *s == '\t')
        s++;
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
        *--e = 0;
    if (!*s)
        return DBG_OK;
    size_t n = strcspn(s, " \t/");
    snprintf(word, sizeof word, "%.*s", (int)n, s);
    const char *arg = s + n;
    while (*arg == ' ' || *arg == '\t')
        arg++;
    /* whowrote, nextwrite, prevexec ... by their whole names only: "pr"
     * stays print's */
    int r = dbg_timeless_cmd(d, word, arg, out);
    if (r >= 0)
        return r;
    cmd_fn fn = lookup(word, out);
    if (!fn)
        return DBG_ERROR;
    if (*arg == '/' && fn != cmd_print && fn != cmd_examine && fn != cmd_display) {
        fprintf(out, "%s takes no /FORMAT (p/x, x/4gx and display/x do)\n", word);
        return DBG_ERROR;
    }
    return fn(d, arg, out);
}

/* LINE is copied whole: a fixed buffer would cut a long address short. */
int dbg_exec(dbg *d, const char *line, FILE *out)
{
    char *buf = strdup(line);
    if (!buf) {
        fprintf(out, "out of memory\n");
        return DBG_ERROR;
    }
    int r = exec_line(d, buf, out);
    free(buf);
    if (r & DBG_MOVED) {   /* a motion: frame 0 again, and the displays */
        d->frame = 0;
        d->list_file = NULL;
        dbg_show_displays(d, out);
    }
    return r;
}

/* Twenty lines at most: the TUI's box at 80x24.  docs/debugger.md has
 * the whole table, with each command's gdb or Delve name. */
void dbg_help(FILE *out)
{
    fputs("Moving (a step: one instruction, or one whole model call); each takes [N]:\n"
          "  si ni         steps; over CALLs     s n    source lines; over calls\n"
          "  fin           out of this function  c      to a breakpoint, watch, the end\n"
          "  until [LOC], advance LOC            to LOC, or out of this function\n"
          "  r rni         steps back; over CALLs  rs rn  lines back; over calls\n"
          "  R             back to the last hit  reverse-finish  back to the call\n"
          "  g N           where N insns ran (g 0: the start); prevexec, nextexec [LOC]\n"
          "Stopping: b, tbreak SYMBOL|ADDR|FILE:LINE (runtime.main, proc.s:9); d [N…]\n"
          "  w EXPR (field, $reg), w *ADDR, w -l EXPR; info break; whowrote, nextwrite EXPR\n"
          "Looking: bt, frame N, up, down, info frame; info registers [REG], regs\n"
          "  info threads, thread N (the panes show it), goroutines [-t], goroutine N [bt]\n"
          "  list [LOC], disas [LOC]\n"
          "  p[/xduotca] EXPR   $rsp+8, sched.goidgen, g1.sched, allp[0].runnext, &g1\n"
          "  x/NFU ADDR         F: x d u o t a c s i, U: b h w g (x/4gx $rsp+16, x/3i $pc)\n"
          "  telescope [ADDR [N]]; display[/F] EXPR, undisplay [N]; info timeline\n"
          "  ? this help; q quit.  docs/debugger.md: every command, its gdb/Delve name\n"
          "TUI: type a command, Enter; an empty Enter repeats a motion; Up/Down history;\n"
          "  Ctrl-C stops a run; F5 c, F10 n, F11 s; Ctrl-X s single-key mode (s n i o f\n"
          "  c r R u d w; q leaves); Tab next pane, Ctrl-X 1 zoom it, PgUp/PgDn scroll it\n",
          out);
}
