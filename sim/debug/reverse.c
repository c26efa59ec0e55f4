/* gdb's reverse motions by source line and by frame, as it has them under
 * rr: reverse-step and reverse-next (back to the start of the previous
 * line: into a callee's last line, or over calls), reverse-finish (back to
 * the call of the current function) and reverse-nexti (one step back,
 * over a call).
 *
 * A frame is told by where its return address is saved (dbg_frames'
 * ret_at): a callee's is lower on the stack, a caller's higher.  The
 * positions before the current one are replayed an interval at a time,
 * newest first (as reverse-continue does), each position's pc, line and
 * frame recorded, and then read backwards. */
#include "sim/debug/debug.h"
#include "sim/debug/interrupt.h"
#include <stdlib.h>
#include <string.h>

typedef struct {
    uint64_t pos, frame;     /* frame: where its return address is saved */
    uint64_t g;              /* the g the code runs as (the TLS slot at fs:-8; 0 before settls) */
    const char *file;        /* the line holding pc (NULL: none) */
    int line;
    const image_sym *fn;
} rpoint;

typedef enum { RV_LINE_INTO, RV_LINE_OVER, RV_FINISH, RV_NEXTI } rmode;

typedef struct {
    dbg *d;
    rmode mode;
    uint64_t frame0, g0;     /* the frame the motion starts in (in phase 1, the line's), its g */
    int phase;               /* lines: 0 leaving the current line, 1 going back through the previous */
    rpoint cur, prev;
    uint64_t stop;           /* where it stops */
    rpoint *pts;             /* an interval's positions, in order */
    size_t n, cap;
} rwalk;

static uint64_t frame_of(dbg *d)
{
    dbg_frame f[1];
    dbg_frames(d, emu_reg_get(d->mc.cpu, R_RIP), emu_reg_get(d->mc.cpu, R_RSP),
               emu_reg_get(d->mc.cpu, R_RBP), f, 1);
    return f[0].ret_at;
}

static uint64_t g_of(dbg *d)
{
    uint64_t fs = emu_reg_get(d->mc.cpu, R_FS_BASE);
    return fs > 8 && emu_mapped(d->mc.cpu, fs - 8, 8) ? emu_read_u(d->mc.cpu, fs - 8, 8) : 0;
}

static rpoint here(dbg *d, uint64_t pos)
{
    uint64_t pc = emu_reg_get(d->mc.cpu, R_RIP);
    const image_line *ln = image_line_at(&d->mc.img, pc);
    return (rpoint){pos, frame_of(d), g_of(d), ln ? ln->file : NULL, ln ? ln->line : 0,
                    image_sym_at(&d->mc.img, pc)};
}

static bool same_line(const rpoint *a, const rpoint *b)
{
    return a->line == b->line && a->fn == b->fn && a->file && b->file &&
           (a->file == b->file || strcmp(a->file, b->file) == 0);
}

static void collect(void *ctx, timeline *tl, uint64_t pos)
{
    rwalk *w = ctx;
    (void)tl;
    if (w->n == w->cap) {
        w->cap = w->cap ? 2 * w->cap : 1024;
        w->pts = realloc(w->pts, w->cap * sizeof *w->pts);
    }
    w->pts[w->n++] = here(w->d, pos);
}

/* Frame A against frame B: -1 a callee's (lower on the same stack), or a
 * frame of another g or on another stack (gogo and mcall switch both);
 * 0 the same; 1 a caller's. */
static int frame_cmp(const rpoint *a, const rpoint *b)
{
    if (a->g != b->g || (a->frame > b->frame ? a->frame - b->frame : b->frame - a->frame) > (1u << 20))
        return -1;
    return a->frame < b->frame ? -1 : a->frame > b->frame;
}

/* One position, going back: true when the motion ends (at w->stop). */
static bool visit(rwalk *w, const rpoint *p)
{
    rpoint in = {.frame = w->frame0, .g = w->g0};
    int c = frame_cmp(p, &in);
    if (w->mode == RV_FINISH || w->mode == RV_NEXTI) {   /* the first position out of (or back in) the frame */
        w->stop = p->pos;
        return w->mode == RV_FINISH ? c > 0 : c >= 0;
    }
    bool deeper = c < 0;
    if (w->phase == 0) {
        if (c > 0) {   /* back out of the function: at its call */
            w->stop = p->pos;
            return true;
        }
        if (!p->file || (deeper && w->mode == RV_LINE_OVER) || (!deeper && same_line(p, &w->cur)))
            return false;
        w->prev = *p;   /* the previous line: in this frame, or (reverse-step) a callee's last */
        w->frame0 = p->frame;
        w->g0 = p->g;
        w->phase = 1;
        w->stop = p->pos;
        return false;
    }
    if (deeper)   /* a call the line made */
        return false;
    if (c == 0 && same_line(p, &w->prev)) {
        w->stop = p->pos;
        return false;
    }
    return true;   /* before the line began: stop at its first position */
}

/* Replay back from the current position until visit ends the motion;
 * false if the start of the run (or Ctrl-C) came first. */
static bool walk_back(rwalk *w)
{
    timeline *tl = &w->d->tl;
    for (uint64_t hi = tl->pos; hi > 0;) {
        uint64_t lo = timeline_interval_start(tl, hi);
        w->n = 0;
        timeline_scan(tl, lo, hi - 1, collect, w);
        if (interrupt_pending())
            return false;
        for (size_t i = w->n; i-- > 0;)
            if (visit(w, &w->pts[i]))
                return true;
        hi = lo;
    }
    return false;
}

static void reverse(dbg *d, rmode mode, FILE *out)
{
    timeline *tl = &d->tl;
    if (tl->pos == 0) {
        fprintf(out, "Already at the start of the run.\n");
        return;
    }
    uint64_t start = tl->pos;
    rwalk w = {.d = d, .mode = mode, .frame0 = frame_of(d), .g0 = g_of(d), .cur = here(d, start)};
    bool found = walk_back(&w);
    free(w.pts);
    if (interrupt_take()) {
        timeline_goto(tl, start);
        fprintf(out, "Interrupted (Ctrl-C): still at step %llu\n", (unsigned long long)start);
    } else if (found || w.phase == 1) {
        timeline_goto(tl, w.stop);
    } else {
        timeline_goto(tl, 0);
        fprintf(out, "Reached the start of the run.\n");
    }
    dbg_points_sync(d);
}

static void say_line(dbg *d, FILE *out)
{
    uint64_t pc = emu_reg_get(d->mc.cpu, R_RIP);
    const image_line *ln = image_line_at(&d->mc.img, pc);
    const char *text = ln ? sources_line(&d->src, ln->file, ln->line) : NULL;
    char sym[160];
    if (ln)
        fprintf(out, "%s () at %s:%d\n%d\t%s\n", image_symbolize(&d->mc.img, pc, sym, sizeof sym),
                strrchr(ln->file, '/') ? strrchr(ln->file, '/') + 1 : ln->file, ln->line, ln->line,
                text ? text : "");
}

void dbg_reverse_step(dbg *d, uint64_t n, bool over, FILE *out)
{
    for (uint64_t i = 0; i < (n ? n : 1) && d->tl.pos > 0; i++)
        reverse(d, over ? RV_LINE_OVER : RV_LINE_INTO, out);
    say_line(d, out);
}

/* The outermost frame has no call to go back to: none at all, or
 * goexit's, which a goroutine's first function "returns" to but was never
 * called from (newproc1 puts it there). */
static bool outermost(dbg *d)
{
    dbg_frame f[2];
    if (dbg_cpu_frames(d, f, 2) < 2)
        return true;
    const image_sym *s = image_sym_at(&d->mc.img, f[1].pc);
    return s && strstr(s->name, "goexit");
}

bool dbg_reverse_finish(dbg *d, FILE *out)
{
    if (outermost(d)) {
        fprintf(out, "\"reverse-finish\" not meaningful in the outermost frame.\n");
        return false;
    }
    reverse(d, RV_FINISH, out);
    say_line(d, out);
    return true;
}

void dbg_reverse_nexti(dbg *d, uint64_t n, FILE *out)
{
    for (uint64_t i = 0; i < (n ? n : 1) && d->tl.pos > 0; i++)
        reverse(d, RV_NEXTI, out);
}
