/* Debugger commands: one line in, an answer out.  Names follow gdb and
 * Delve (s/si, n, finish, c, b, d, info break, p, x, w), with the reverse
 * motions rr gives gdb (r, R) and a go-to-instruction (g N). */
#include "sim/debug/debug.h"
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef int (*cmd_fn)(dbg *d, const char *arg, FILE *out);

/* A count argument: empty means 1. */
static int count_arg(const char *arg, uint64_t *n, FILE *out)
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

static int c_step(dbg *d, const char *arg, FILE *out)
{
    uint64_t n;
    if (count_arg(arg, &n, out))
        return DBG_ERROR;
    dbg_step(d, n, out);
    return DBG_MOVED;
}

static int c_next(dbg *d, const char *arg, FILE *out)
{
    uint64_t n;
    if (count_arg(arg, &n, out))
        return DBG_ERROR;
    for (uint64_t i = 0; i < n && !dbg_next(d, out); i++)
        ;
    return DBG_MOVED;
}

static int c_finish(dbg *d, const char *arg, FILE *out)
{
    (void)arg;
    dbg_finish(d, out);
    return DBG_MOVED;
}

static int c_continue(dbg *d, const char *arg, FILE *out)
{
    (void)arg;
    dbg_continue(d, out);
    return DBG_MOVED;
}

static int c_rstep(dbg *d, const char *arg, FILE *out)
{
    uint64_t n;
    if (count_arg(arg, &n, out))
        return DBG_ERROR;
    dbg_rstep(d, n, out);
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
    if (count_arg(arg, &n, out))
        return DBG_ERROR;
    dbg_goto(d, n, out);
    return DBG_MOVED;
}

static int c_break(dbg *d, const char *arg, FILE *out)
{
    return dbg_break_add(d, arg, out) ? DBG_ERROR : DBG_OK;
}

static int c_watch(dbg *d, const char *arg, FILE *out)
{
    return dbg_watch_add(d, arg, out) ? DBG_ERROR : DBG_OK;
}

static int c_delete(dbg *d, const char *arg, FILE *out)
{
    char *end;
    long id = strtol(arg, &end, 10);
    if (!*arg || *end) {
        fprintf(out, "d needs a breakpoint or watch number (info break lists them)\n");
        return DBG_ERROR;
    }
    return dbg_point_delete(d, (int)id, out) ? DBG_ERROR : DBG_OK;
}

static int c_info(dbg *d, const char *arg, FILE *out)
{
    timeline *tl = &d->tl;
    if (!*arg || strncmp(arg, "b", 1) == 0 || strncmp(arg, "w", 1) == 0) {
        dbg_points_list(d, out);
        return DBG_OK;
    }
    if (strncmp(arg, "th", 2) == 0) {
        dbg_threads(d, out);
        return DBG_OK;
    }
    if (strncmp(arg, "t", 1) == 0) {   /* the timeline's own state, for tests and the curious */
        fprintf(out, "position %llu, furthest %llu%s, %zu snapshots every %llu steps, "
                "%llu steps replayed, replay checked %llu log lines, %llu differed\n",
                (unsigned long long)tl->pos, (unsigned long long)tl->frontier,
                tl->ended ? " (the end)" : "", tl->nsnaps, (unsigned long long)tl->interval,
                (unsigned long long)tl->replayed, (unsigned long long)tl->log.compared,
                (unsigned long long)tl->log.mismatched);
        return DBG_OK;
    }
    fprintf(out, "info break (breakpoints and watches), info threads or info timeline\n");
    return DBG_ERROR;
}

static int c_goroutines(dbg *d, const char *arg, FILE *out)
{
    (void)arg;
    dbg_goroutines(d, out);
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
    bool bt = strcmp(end, "bt") == 0 || strcmp(end, "backtrace") == 0;
    if (!*arg || !isdigit((unsigned char)*arg) || errno || (*end && !bt)) {
        fprintf(out, "goroutine N [bt] (goroutines lists them)\n");
        return DBG_ERROR;
    }
    return dbg_goroutine(d, id, bt, out) ? DBG_ERROR : DBG_OK;
}

/* x/NFU ADDR: N units of U (b h w g) bytes in format F (x d u a); ARG is
 * what follows the x. */
static int examine(dbg *d, const char *arg, FILE *out)
{
    long n = 1;
    char size = 'g', fmt = 'x', err[256];
    const char *p = arg;
    if (*p == '/') {
        n = isdigit((unsigned char)p[1]) ? strtol(p + 1, (char **)&p, 10) : 1;
        p += *p == '/';
        for (; *p && *p != ' '; p++)
            if (strchr("bhwg", *p))
                size = *p;
            else if (strchr("xdua", *p))
                fmt = *p;
            else {
                fprintf(out, "x/NFU: F is x, d, u or a; U is b, h, w or g\n");
                return DBG_ERROR;
            }
    }
    uint64_t addr;
    while (*p == ' ')
        p++;
    if (daddr_parse(&d->mc, *p ? p : "$rsp", &addr, err, sizeof err) != 0) {
        fprintf(out, "%s\n", err);
        return DBG_ERROR;
    }
    int sz = size == 'b' ? 1 : size == 'h' ? 2 : size == 'w' ? 4 : 8;
    for (long i = 0; i < n && i < 4096; i++) {
        uint64_t a = addr + (uint64_t)(i * sz);
        if (!emu_mapped(d->mc.cpu, a, (size_t)sz)) {
            fprintf(out, "0x%llx: cannot access memory\n", (unsigned long long)a);
            return DBG_ERROR;
        }
        uint64_t v = emu_read_u(d->mc.cpu, a, sz);
        char note[160] = "";
        if (fmt == 'a' || (sz == 8 && fmt == 'x'))
            annotate_slot(&d->mc, a, v, note, sizeof note);
        if (fmt == 'd')
            fprintf(out, "0x%llx: %lld\n", (unsigned long long)a,
                    (long long)(sz == 8 ? (int64_t)v : sz == 4 ? (int32_t)v : sz == 2 ? (int16_t)v : (int8_t)v));
        else if (fmt == 'u')
            fprintf(out, "0x%llx: %llu\n", (unsigned long long)a, (unsigned long long)v);
        else
            fprintf(out, "0x%llx: 0x%0*llx%s%s\n", (unsigned long long)a, 2 * sz,
                    (unsigned long long)v, note[0] ? "  " : "", note);
    }
    return DBG_OK;
}

static int c_print(dbg *d, const char *arg, FILE *out)
{
    if (arg[0] == 'x' && (arg[1] == '/' || arg[1] == ' ' || !arg[1]))
        return examine(d, arg + 1, out);
    if (!*arg) {
        fprintf(out, "p needs a register ($rip), memory (x/4gx $rsp) or a Go field "
                "(sched.goidgen, g1.atomicstatus, allp[0].runnext)\n");
        return DBG_ERROR;
    }
    dexpr e;
    char err[256], val[200];
    uint64_t addr;
    if (arg[0] == '&') {   /* an address: &g1.sched, &runtime·m0 */
        if (daddr_parse(&d->mc, arg, &addr, err, sizeof err) != 0) {
            fprintf(out, "%s\n", err);
            return DBG_ERROR;
        }
        fprintf(out, "%s = 0x%llx\n", arg, (unsigned long long)addr);
        return DBG_OK;
    }
    if (dexpr_parse(&d->mc, arg, &e, err, sizeof err) != 0) {
        fprintf(out, "%s\n", err);
        return DBG_ERROR;
    }
    if (!dexpr_print_struct(&d->mc, &e, out))
        fprintf(out, "%s = %s\n", arg, dexpr_show(&d->mc, &e, dexpr_eval(&d->mc, &e), val, sizeof val));
    return DBG_OK;
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

static const struct { const char *names; cmd_fn fn; } cmds[] = {
    {"s si step stepi", c_step},
    {"n ni next nexti", c_next},
    {"f fin finish", c_finish},
    {"c cont continue", c_continue},
    {"r rs rsi reverse-step reverse-stepi", c_rstep},
    {"R rc reverse-continue", c_rcontinue},
    {"g goto", c_goto},
    {"b break", c_break},
    {"d del delete", c_delete},
    {"i info", c_info},
    {"w watch", c_watch},
    {"p print", c_print},
    {"goroutines grs", c_goroutines},
    {"goroutine gr", c_goroutine},
    {"bt backtrace where", c_backtrace},
    {"? h help", c_help},
    {"q quit", c_quit},
};

static cmd_fn lookup(const char *word)
{
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        const char *p = cmds[i].names;
        size_t n = strlen(word);
        for (; p; p = strchr(p, ' ') ? strchr(p, ' ') + 1 : NULL)
            if (strncmp(p, word, n) == 0 && (p[n] == ' ' || p[n] == 0))
                return cmds[i].fn;
    }
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
    if (s[0] == 'x' && (s[1] == '/' || s[1] == ' ' || !s[1]))   /* x/4gx ADDR */
        return examine(d, s + 1, out);
    snprintf(word, sizeof word, "%.*s", (int)n, s);
    const char *arg = s + n;
    while (*arg == ' ' || *arg == '\t')
        arg++;
    cmd_fn fn = lookup(word);
    if (!fn) {
        fprintf(out, "unknown command \"%s\" (? lists the commands)\n", word);
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
    return r;
}

void dbg_help(FILE *out)
{
    fputs("Moving (a step is one instruction, or one whole model call):\n"
          "  s, si [N]      step N steps forward (into a model call: one step)\n"
          "  n [N]          next: over a CALL (a model call included)\n"
          "  f, finish      run until the current function returns\n"
          "  c              continue to a breakpoint, a watch hit or the end\n"
          "  r [N]          reverse-step N steps\n"
          "  R              reverse-continue to the previous breakpoint or watch hit\n"
          "  g N            go to the point where N instructions have run (g 0: the start)\n"
          "Stopping:\n"
          "  b SYMBOL|ADDR|FILE:LINE   breakpoint (runtime·main, runtime.main, proc.s:9)\n"
          "  w EXPR         stop when a Go field or register changes, either direction\n"
          "  d N            delete breakpoint or watch N\n"
          "  info break     list breakpoints and watches (info timeline: snapshots)\n"
          "  info threads   a real program's threads: the M on each, what it waits for\n"
          "  goroutines     every g: status, wait reason, pc, start function, M\n"
          "  goroutine N [bt]  one g, with its frames; bt: the frames on the CPU\n"
          "Looking:\n"
          "  p $rip, p $rsp                  a register\n"
          "  p sched.goidgen, p g1.atomicstatus, p allp[0].runnext, p m0.curg, p g1.sched\n"
          "  x/4gx ADDR (also p x/4gx ADDR)  memory; ADDR: 0x…, $rsp+8, symbol, &g1.sched\n"
          "  ?              this help        q  quit\n"
          "TUI: s n f c r R q ? act at once; other text (or :) is a command line; an\n"
          "empty Enter repeats a motion; Tab: next pane, z: zoom it, PgUp/PgDn: scroll it\n",
          out);
}
