/* Moving through the run: step, next, finish, continue forward; reverse
 * step and reverse continue; go to an instruction number.  Forward motions
 * stop at breakpoints and watch hits; reverse continue finds the latest
 * one before the current position by replaying each snapshot interval,
 * newest first (timeline_scan). */
#include "sim/debug/debug.h"
#include "sim/debug/interrupt.h"
#include <stdlib.h>
#include <string.h>

typedef enum { K_OTHER, K_CALL, K_RET, K_MODEL } insn_class;
typedef enum { FM_STEP, FM_NEXT, FM_FINISH, FM_CONT, FM_UNTIL, FM_LINE } fwd_mode;

static bool run_over(dbg *d)
{
    return d->mc.state != RUN_RUNNING && d->mc.state != RUN_STOPPED;
}

static insn_class classify(dbg *d)
{
    uint64_t rip = emu_reg_get(d->mc.cpu, R_RIP);
    const image_sym *s = image_sym_at(&d->mc.img, rip);
    if (s && s->kind == SYM_MODEL)
        return K_MODEL;
    const char *t = dbg_insn_text(d, rip);
    return strncmp(t, "call", 4) == 0 ? K_CALL : strncmp(t, "ret", 3) == 0 ? K_RET : K_OTHER;
}

static void report_end(dbg *d, FILE *out)
{
    machine *mc = &d->mc;
    unsigned long long n = emu_icount(mc->cpu), s = d->tl.pos;
    if (mc->state == RUN_EXITED)
        fprintf(out, "The program exited with status %d after %llu instructions (step %llu).\n",
                mc->exit_code, n, s);
    else
        fprintf(out, "The run ended (%s) after %llu instructions (step %llu): %s\n",
                run_state_name(mc->state), n, s, mc->why);
}

/* How a step changes the call depth: CALL +1, RET -1, a model call that
 * returned to its caller -1 (its CALL counted +1); gogo's and mcall's
 * jumps between stacks change nothing. */
static int depth_change(dbg *d, insn_class k, uint64_t sp, uint64_t ret)
{
    if (k == K_CALL)
        return 1;
    if (k == K_RET)
        return -1;
    if (k == K_MODEL && emu_reg_get(d->mc.cpu, R_RSP) == sp + 8 &&
        emu_reg_get(d->mc.cpu, R_RIP) == ret)
        return -1;
    return 0;
}

/* Where a step by source line starts: the line and the function. */
typedef struct {
    const char *file;
    int line;
    const image_sym *fn;
} line_key;

static line_key key_at(dbg *d, uint64_t pc)
{
    const image_line *ln = image_line_at(&d->mc.img, pc);
    return (line_key){ln ? ln->file : NULL, ln ? ln->line : 0, image_sym_at(&d->mc.img, pc)};
}

static bool same_key(line_key a, line_key b)
{
    return a.line == b.line && a.fn == b.fn &&
           (a.file == b.file || (a.file && b.file && strcmp(a.file, b.file) == 0));
}

/* One forward motion: what it stops at besides breakpoints, watches, the
 * end of the run and Ctrl-C. */
typedef struct {
    fwd_mode mode;
    uint64_t count;      /* FM_STEP: steps */
    uint64_t target;     /* FM_UNTIL: the address */
    bool over;           /* FM_LINE: over calls (next) rather than into them (step) */
    bool onward;         /* FM_LINE: in this frame, only at a pc past start_pc (until) */
    uint64_t start_pc;
    line_key start;      /* FM_LINE: the line to leave */
} motion;

/* FM_LINE, after a step that left the call depth at DEPTH: is this where
 * gdb's step or next would stop?  At the start of a line other than the
 * one it left, in the frame it started in or a called one (step) or out
 * of it.  Back in a caller in the middle of a line, that line is the one
 * to leave next, as gdb does it. */
static bool line_stop(dbg *d, motion *m, int *depth)
{
    uint64_t pc = emu_reg_get(d->mc.cpu, R_RIP);
    const image_line *ln = image_line_at(&d->mc.img, pc);
    bool at_start = ln && ln->addr == pc;
    if (*depth > 0 && m->over)
        return false;
    if (*depth < 0) {
        if (at_start)
            return true;
        m->start = key_at(d, pc);
        m->onward = false;
        *depth = 0;
        return false;
    }
    if (!at_start || same_key(key_at(d, pc), m->start))
        return false;
    return !(m->onward && *depth == 0 && pc <= m->start_pc);
}

static bool motion_done(dbg *d, motion *m, uint64_t done, int *depth)
{
    switch (m->mode) {
    case FM_STEP: return done >= m->count;
    case FM_NEXT: return *depth <= 0;
    case FM_FINISH: return *depth < 0;
    case FM_UNTIL: return *depth < 0 || emu_reg_get(d->mc.cpu, R_RIP) == m->target;
    case FM_LINE: return line_stop(d, m, depth);
    default: return false;
    }
}

static void report_interrupt(dbg *d, FILE *out)
{
    char sym[128];
    const image_line *ln = image_line_at(&d->mc.img, emu_reg_get(d->mc.cpu, R_RIP));
    fprintf(out, "Interrupted (Ctrl-C) at step %llu · insn %llu: %s",
            (unsigned long long)d->tl.pos, (unsigned long long)emu_icount(d->mc.cpu),
            image_symbolize(&d->mc.img, emu_reg_get(d->mc.cpu, R_RIP), sym, sizeof sym));
    if (ln)
        fprintf(out, " at %s:%d", strrchr(ln->file, '/') ? strrchr(ln->file, '/') + 1 : ln->file,
                ln->line);
    fprintf(out, "\n");
}

bool dbg_take_interrupt(dbg *d, FILE *out)
{
    if (!interrupt_take())
        return false;
    report_interrupt(d, out);
    return true;
}

/* True when a breakpoint, a watch, Ctrl-C or the end of the run stopped it. */
static bool forward_armed(dbg *d, motion *m, FILE *out)
{
    if (run_over(d)) {
        report_end(d, out);
        fprintf(out, "Nothing runs past the end: r or g N go back.\n");
        return true;
    }
    bool calls = m->mode != FM_STEP && m->mode != FM_CONT;
    int depth = 0;
    for (uint64_t done = 0;;) {
        insn_class k = calls ? classify(d) : K_OTHER;
        uint64_t sp = emu_reg_get(d->mc.cpu, R_RSP), ret = emu_read_u(d->mc.cpu, sp, 8);
        timeline_step(&d->tl);
        done++;
        depth += depth_change(d, k, sp, ret);
        char why[512];
        if (dbg_points_hit(d, why, sizeof why)) {
            fprintf(out, "%s\n", why);
            return true;
        }
        if (run_over(d)) {
            report_end(d, out);
            return true;
        }
        if (dbg_take_interrupt(d, out))
            return true;
        if (motion_done(d, m, done, &depth))
            return false;
    }
}

/* Breakpoints on model functions stop forward motions only. */
static bool forward(dbg *d, motion *m, FILE *out)
{
    dbg_model_breaks_arm(d, true);
    bool stopped = forward_armed(d, m, out);
    dbg_model_breaks_arm(d, false);
    return stopped;
}

void dbg_step(dbg *d, uint64_t n, FILE *out)
{
    motion m = {.mode = FM_STEP, .count = n ? n : 1};
    forward(d, &m, out);
}

/* One nexti: over a CALL (a model call included); anything else is one step. */
static bool nexti(dbg *d, FILE *out)
{
    motion m = {.mode = !run_over(d) && classify(d) == K_CALL ? FM_NEXT : FM_STEP, .count = 1};
    return forward(d, &m, out);
}

void dbg_nexti(dbg *d, uint64_t n, FILE *out)
{
    for (uint64_t i = 0; i < (n ? n : 1) && !nexti(d, out); i++)
        ;
}

/* "proc.s:9  MOVB $1, runtime·mainStarted(SB)", and the function first
 * when it is another one than FROM's: where a step by line arrived. */
static void say_line(dbg *d, const image_sym *from, FILE *out)
{
    uint64_t pc = emu_reg_get(d->mc.cpu, R_RIP);
    const image_line *ln = image_line_at(&d->mc.img, pc);
    const image_sym *fn = image_sym_at(&d->mc.img, pc);
    char sym[128];
    if (!ln) {
        fprintf(out, "0x%llx in %s (no source line)\n", (unsigned long long)pc,
                image_symbolize(&d->mc.img, pc, sym, sizeof sym));
        return;
    }
    const char *file = strrchr(ln->file, '/') ? strrchr(ln->file, '/') + 1 : ln->file;
    if (fn != from || ln->addr != pc)
        fprintf(out, "%s () at %s:%d\n", image_symbolize(&d->mc.img, pc, sym, sizeof sym), file,
                ln->line);
    const char *text = sources_line(&d->src, ln->file, ln->line);
    fprintf(out, "%d\t%s\n", ln->line, text ? text : "");
}

static void by_line(dbg *d, uint64_t n, bool over, bool onward, FILE *out)
{
    const image_sym *from = run_over(d) ? NULL : image_sym_at(&d->mc.img, emu_reg_get(d->mc.cpu, R_RIP));
    for (uint64_t i = 0; i < (n ? n : 1); i++) {
        uint64_t pc = emu_reg_get(d->mc.cpu, R_RIP);
        motion m = {.mode = FM_LINE, .over = over, .onward = onward, .start_pc = pc,
                    .start = key_at(d, pc)};
        if (forward(d, &m, out))
            return;
    }
    say_line(d, from, out);
}

void dbg_step_line(dbg *d, uint64_t n, FILE *out) { by_line(d, n, false, false, out); }
void dbg_next_line(dbg *d, uint64_t n, FILE *out) { by_line(d, n, true, false, out); }

void dbg_until(dbg *d, uint64_t addr, FILE *out)
{
    if (!addr) {
        by_line(d, 1, true, true, out);
        return;
    }
    const image_sym *from = run_over(d) ? NULL : image_sym_at(&d->mc.img, emu_reg_get(d->mc.cpu, R_RIP));
    motion m = {.mode = FM_UNTIL, .target = addr};
    if (!forward(d, &m, out))
        say_line(d, from, out);
}

void dbg_finish(dbg *d, FILE *out)
{
    /* At a model's stub the whole model call is the step that returns. */
    motion m = {.mode = !run_over(d) && classify(d) == K_MODEL ? FM_STEP : FM_FINISH, .count = 1};
    if (!run_over(d)) {
        fprintf(out, "Run till exit from ");
        dbg_frame_line(d, 0, emu_reg_get(d->mc.cpu, R_RIP), out);
    }
    if (!forward(d, &m, out))
        say_line(d, NULL, out);
}

void dbg_continue(dbg *d, FILE *out)
{
    motion m = {.mode = FM_CONT};
    forward(d, &m, out);
}

void dbg_rstep(dbg *d, uint64_t n, FILE *out)
{
    uint64_t pos = d->tl.pos;
    n = n ? n : 1;
    if (d->mc.inside) {   /* half a step on from pos: back to pos is the first step */
        timeline_leave_inside(&d->tl, false);
        if (--n == 0) {
            dbg_points_sync(d);
            return;
        }
    }
    if (pos == 0) {
        fprintf(out, "Already at the start of the run.\n");
        return;
    }
    timeline_goto(&d->tl, pos > n ? pos - n : 0);
    dbg_points_sync(d);
    if (dbg_take_interrupt(d, out))
        return;
    if (d->tl.pos == 0)
        fprintf(out, "At the start of the run.\n");
}

/* --- reverse continue ---------------------------------------------------- */

typedef struct {
    dbg *d;
    uint64_t limit;      /* the position reverse continue started from */
    bool found, have_prev;
    uint64_t hit;
    dbg_point *pt;       /* NULL: a model breakpoint's entry, in the step after hit */
    int entry;           /* that entry's index in its model call */
    char why[512];
    dval *prev;          /* each watch's value at the previous position visited */
} rscan;

/* The latest hit wins; hits at the same position are all reported. */
static void record(rscan *r, uint64_t pos, dbg_point *p, const char *why)
{
    size_t n = r->found && r->hit == pos ? strlen(r->why) : 0;
    if (n && n + 1 < sizeof r->why)
        r->why[n++] = '\n';
    snprintf(r->why + n, sizeof r->why - n, "%s", why);
    r->found = true;
    r->hit = pos;
    r->pt = p;
}

/* Breakpoints hit at Q (< limit); watches whose value changed in the step
 * Q-1 -> Q, which reverse continue stops before (at Q-1). */
static void rvisit(void *ctx, timeline *tl, uint64_t q)
{
    rscan *r = ctx;
    dbg *d = r->d;
    uint64_t rip = emu_reg_get(tl->mc->cpu, R_RIP);
    char why[512];
    int entry, id = dbg_model_break_seen(d, &entry);
    if (id && r->have_prev && q <= r->limit) {   /* the step q-1 -> q entered a model breakpoint's function */
        record(r, q - 1, NULL, "");
        r->entry = entry;
    }
    for (int i = 0; i < d->npts; i++) {
        dbg_point *p = &d->pts[i];
        if (p->kind == PT_BREAK && q < r->limit && rip == p->addr) {
            snprintf(why, sizeof why, "%s %d, %s", p->temp ? "Temporary breakpoint" : "Breakpoint",
                     p->id, p->where);
            record(r, q, p, why);
        }
        if (p->kind != PT_WATCH)
            continue;
        dval v = dexpr_eval(tl->mc, &p->expr);
        if (r->have_prev && (v.ok != r->prev[i].ok || v.v != r->prev[i].v)) {
            char a[160], b[160];
            snprintf(why, sizeof why, "Watchpoint %d: %s: %s → %s in the next step", p->id,
                     p->spec, dexpr_show(tl->mc, &p->expr, r->prev[i], a, sizeof a),
                     dexpr_show(tl->mc, &p->expr, v, b, sizeof b));
            record(r, q - 1, p, why);
        }
        r->prev[i] = v;
    }
    r->have_prev = true;
}

void dbg_rcontinue(dbg *d, FILE *out)
{
    timeline *tl = &d->tl;
    char why[512];
    if (dbg_model_break_back(d, why, sizeof why)) {
        fprintf(out, "%s\n", why);
        dbg_points_sync(d);
        return;
    }
    if (tl->pos == 0) {
        fprintf(out, "Already at the start of the run.\n");
        return;
    }
    rscan r = {.d = d, .limit = tl->pos};
    r.prev = calloc((size_t)d->npts + 1, sizeof *r.prev);
    /* A real program's snapshot is a replay from its start (machine_real.c),
     * so after the nearest intervals the rest is scanned in one pass from
     * the start, which is one replay instead of one per interval. */
    int intervals = 0;
    for (uint64_t hi = tl->pos;; intervals++) {
        uint64_t lo = d->mc.real && intervals >= 2 ? 0 : timeline_interval_start(tl, hi);
        r.have_prev = false;
        d->mb.scanning = true;
        dbg_model_breaks_arm(d, true);
        timeline_scan(tl, lo, hi, rvisit, &r);
        dbg_model_breaks_arm(d, false);
        d->mb.scanning = false;
        if (interrupt_pending()) {   /* [lo, hi] was not scanned to its end: back to hi */
            interrupt_take();
            timeline_goto(tl, hi);
            if (hi < r.limit)
                fprintf(out, "Interrupted (Ctrl-C): no breakpoint or watch hit from step %llu to "
                        "step %llu\n", (unsigned long long)hi, (unsigned long long)r.limit);
            else
                fprintf(out, "Interrupted (Ctrl-C) before any step back was searched\n");
            break;
        }
        if (r.found) {
            timeline_goto(tl, r.hit);
            if (!r.pt && dbg_model_break_enter(d, r.entry, r.why, sizeof r.why))
                ;
            else if (r.pt)
                r.pt->hits++;
            fprintf(out, "%s\n", r.why);
            if (r.pt && r.pt->temp)
                dbg_point_delete(d, r.pt->id, NULL);
            break;
        }
        if (lo == 0) {
            timeline_goto(tl, 0);
            fprintf(out, "Reached the start of the run.\n");
            break;
        }
        hi = lo;
    }
    free(r.prev);
    dbg_points_sync(d);
}

void dbg_goto(dbg *d, uint64_t n, FILE *out)
{
    int rc = timeline_goto_icount(&d->tl, n);
    if (dbg_take_interrupt(d, out)) {
        dbg_points_sync(d);
        return;
    }
    if (rc != 0) {
        fprintf(out, "The run has only %llu instructions.\n",
                (unsigned long long)emu_icount(d->mc.cpu));
        report_end(d, out);
    }
    dbg_points_sync(d);
}
