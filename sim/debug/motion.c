/* Moving through the run: step, next, finish, continue forward; reverse
 * step and reverse continue; go to an instruction number.  Forward motions
 * stop at breakpoints and watch hits; reverse continue finds the latest
 * one before the current position by replaying each snapshot interval,
 * newest first (timeline_scan). */
#include "sim/debug/debug.h"
#include <stdlib.h>
#include <string.h>

typedef enum { K_OTHER, K_CALL, K_RET, K_MODEL } insn_class;
typedef enum { FM_STEP, FM_NEXT, FM_FINISH, FM_CONT } fwd_mode;

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

/* True when a breakpoint, a watch or the end of the run stopped it. */
static bool forward(dbg *d, fwd_mode mode, uint64_t count, FILE *out)
{
    if (run_over(d)) {
        report_end(d, out);
        fprintf(out, "Nothing runs past the end: r or g N go back.\n");
        return true;
    }
    int depth = 0;
    for (uint64_t done = 0;;) {
        insn_class k = mode == FM_NEXT || mode == FM_FINISH ? classify(d) : K_OTHER;
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
        if ((mode == FM_STEP && done >= count) || (mode == FM_NEXT && depth <= 0) ||
            (mode == FM_FINISH && depth < 0))
            return false;
    }
}

void dbg_step(dbg *d, uint64_t n, FILE *out) { forward(d, FM_STEP, n ? n : 1, out); }

bool dbg_next(dbg *d, FILE *out)
{
    /* Over a CALL (a model call included); anything else is one step. */
    return forward(d, !run_over(d) && classify(d) == K_CALL ? FM_NEXT : FM_STEP, 1, out);
}

void dbg_finish(dbg *d, FILE *out)
{
    /* At a model's stub the whole model call is the step that returns. */
    forward(d, !run_over(d) && classify(d) == K_MODEL ? FM_STEP : FM_FINISH, 1, out);
}

void dbg_continue(dbg *d, FILE *out) { forward(d, FM_CONT, 0, out); }

void dbg_rstep(dbg *d, uint64_t n, FILE *out)
{
    uint64_t pos = d->tl.pos;
    if (pos == 0) {
        fprintf(out, "Already at the start of the run.\n");
        return;
    }
    n = n ? n : 1;
    timeline_goto(&d->tl, pos > n ? pos - n : 0);
    dbg_points_sync(d);
    if (d->tl.pos == 0)
        fprintf(out, "At the start of the run.\n");
}

/* --- reverse continue ---------------------------------------------------- */

typedef struct {
    dbg *d;
    uint64_t limit;      /* the position reverse continue started from */
    bool found, have_prev;
    uint64_t hit;
    dbg_point *pt;
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
    for (int i = 0; i < d->npts; i++) {
        dbg_point *p = &d->pts[i];
        if (p->kind == PT_BREAK && q < r->limit && rip == p->addr) {
            snprintf(why, sizeof why, "Breakpoint %d, %s", p->id, p->where);
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
        timeline_scan(tl, lo, hi, rvisit, &r);
        if (r.found) {
            timeline_goto(tl, r.hit);
            r.pt->hits++;
            fprintf(out, "%s\n", r.why);
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
    if (timeline_goto_icount(&d->tl, n) != 0) {
        fprintf(out, "The run has only %llu instructions.\n",
                (unsigned long long)emu_icount(d->mc.cpu));
        report_end(d, out);
    }
    dbg_points_sync(d);
}
