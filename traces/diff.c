/* sim diff's alignment: walk both traces in step; where they differ, tell
 * a changed record from records only one side has, by looking a bounded
 * window ahead for where the two line up again. */
#include "traces/diff_internal.h"
#include <stdlib.h>
#include <string.h>

void diff_opts_default(diff_opts *o)
{
    memset(o, 0, sizeof *o);
    o->context = 3;
    o->window = 64;
    o->confirm = 3;
    o->list = 20;
}

#define PEEK_A(i) dstream_peek(&d->a, (i), NULL)
#define PEEK_B(i) dstream_peek(&d->b, (i), NULL)

diff_pos diff_here(differ *d)
{
    diff_pos p = {d->a.index + 1, d->b.index + 1, 0, 0, d->a.seq, false};
    const trace_rec *a = dstream_peek(&d->a, 0, &p.line_a);
    dstream_peek(&d->b, 0, &p.line_b);
    if (a && a->kind == REC_INSN) {
        p.seq = a->seq;
        p.at_insn = true;
    }
    return p;
}

/* A's record (equal to B's) kept for the context of a first divergence. */
static void keep_context(differ *d)
{
    long line;
    const trace_rec *a = dstream_peek(&d->a, 0, &line);
    if (d->ndiv || !d->ctx || !a)
        return;
    rec_copy *c = &d->ctx[(d->ctx_head + d->nctx) % d->o->context];
    if (d->nctx < d->o->context)
        d->nctx++;
    else
        d->ctx_head = (d->ctx_head + 1) % d->o->context;
    if (rec_copy_set(c, a, line) < 0)
        d->nctx = 0;
}

/* CONFIRM records from A's I-th and B's J-th on line up (or both sides
 * end after at least one did). */
static bool lines_up(differ *d, int i, int j)
{
    for (int t = 0; t < d->o->confirm; t++) {
        const trace_rec *x = PEEK_A(i + t), *y = PEEK_B(j + t);
        if (!x || !y)
            return !x && !y && t > 0;
        if (!rec_same_key(x, y))
            return false;
    }
    return true;
}

/* The smallest K such that skipping K records of one side lines the
 * traces up again; *EXTRA is that side.  0 if none within the window. */
static int find_resync(differ *d, dstream **extra)
{
    for (int k = 1; k <= d->o->window; k++) {
        if (lines_up(d, 0, k)) {
            *extra = &d->b;
            return k;
        }
        if (lines_up(d, k, 0)) {
            *extra = &d->a;
            return k;
        }
    }
    return 0;
}

/* The two next records differ in their fields (or are different events
 * with nothing else out of line). */
static void changed_record(differ *d)
{
    diff_pos p = diff_here(d);
    const trace_rec *a = PEEK_A(0), *b = PEEK_B(0);
    char names[1024];
    rec_compare(a, b, &d->o->ignore, d->shift, names, sizeof names, NULL);
    d->changed++;
    stat_count(d, names);
    report_divergence(d, &p, names);
    if (report_in_full(d) || (report_listed(d) && a->kind != b->kind)) {
        report_record(d, "- ", a);
        report_record(d, "+ ", b);
    }
    if (report_listed(d) && (report_in_full(d) || a->kind == b->kind))
        report_fields(d, a, b);   /* (a later kind change: the two records say it) */
    if (a->kind == REC_INSN && b->kind == REC_INSN)
        d->shift = (seq_shift)(b->seq - a->seq);   /* report a jump in seq once */
    dstream_pop(&d->a);
    dstream_pop(&d->b);
}

#define SHOW_EXTRA 10   /* extra records listed at the first divergence */
#define SHOW_EXTRA_LATER 3   /* ... and at a later one */

/* K records of SIDE that the other side does not have. */
static void extra_records(differ *d, dstream *side, int k)
{
    bool in_b = side == &d->b;
    diff_pos p = diff_here(d);
    char what[96];
    snprintf(what, sizeof what, "%d extra record%s in %s", k, k == 1 ? "" : "s", in_b ? "B" : "A");
    report_divergence(d, &p, what);
    bool full = report_in_full(d);
    int show = full ? SHOW_EXTRA : report_listed(d) ? SHOW_EXTRA_LATER : 0;
    for (int i = 0; i < k; i++) {
        const trace_rec *r = dstream_peek(side, 0, NULL);
        if (i < show)
            report_record(d, in_b ? "+ " : "- ", r);
        if (r->kind == REC_INSN)   /* the other side's seq runs that much behind */
            d->shift += in_b ? 1 : -1;
        dstream_pop(side);
    }
    if (show && k > show)
        fprintf(d->out, "  (%d more)\n", k - show);
    *(in_b ? &d->extra_b : &d->extra_a) += (uint64_t)k;
    if (full) {
        diff_pos q = diff_here(d);
        fprintf(d->out, "  resynchronised: A record %llu (line %ld) = B record %llu (line %ld)\n",
                (unsigned long long)q.a, q.line_a, (unsigned long long)q.b, q.line_b);
    }
}

static void diverge(differ *d)
{
    dstream *extra = NULL;
    bool same = rec_same_key(PEEK_A(0), PEEK_B(0));
    const trace_rec *x = PEEK_A(1), *y = PEEK_B(1);
    bool next_agrees = (!x && !y) || (x && y && rec_same_key(x, y));
    int k = same && next_agrees ? 0 : find_resync(d, &extra);
    if (k)
        extra_records(d, extra, k);
    else
        changed_record(d);
}

/* An `end cut` record: the run was stopped from outside (SIGINT or
 * SIGTERM) and its trace ends there (docs/trace-format.md). */
static bool is_cut(const trace_rec *r)
{
    return r && r->kind == REC_END && r->how && strcmp(r->how, "cut") == 0;
}

/* One side has ended (or was cut: its next record is `end cut`): what
 * remains of the other is extra, one divergence. */
static void tail(differ *d)
{
    bool a_ends = !PEEK_A(0) || is_cut(PEEK_A(0));
    dstream *longer = a_ends ? &d->b : &d->a, *ended = a_ends ? &d->a : &d->b;
    const char *ln = longer == &d->a ? "A" : "B", *en = ended == &d->a ? "A" : "B";
    const trace_rec *cut_rec = dstream_peek(ended, 0, NULL);
    bool cut = ended->index == 0 || ended->last_kind != REC_END;
    diff_pos p = diff_here(d);
    char what[200];
    uint64_t k = 0;
    if (cut_rec)
        snprintf(what, sizeof what, "%s was cut here (by %s, after %llu instructions); %s goes on",
                 en, cut_rec->why ? cut_rec->why : "?", (unsigned long long)cut_rec->instructions, ln);
    else
        snprintf(what, sizeof what, "%s ends here%s; %s goes on", en,
                 cut ? " without an end record (cut short?)" : "", ln);
    report_divergence(d, &p, what);
    int show = report_in_full(d) ? SHOW_EXTRA : report_listed(d) ? SHOW_EXTRA_LATER : 0;
    for (const trace_rec *r; (r = dstream_peek(longer, 0, NULL)); dstream_pop(longer), k++)
        if (k < (uint64_t)show)
            report_record(d, longer == &d->b ? "+ " : "- ", r);
    if (show)
        fprintf(d->out, "  (%llu extra record%s at the end of %s)\n", (unsigned long long)k,
                k == 1 ? "" : "s", ln);
    *(longer == &d->b ? &d->extra_b : &d->extra_a) += k;
}

static bool failed(differ *d) { return d->a.failed || d->b.failed; }

static int walk(differ *d)
{
    for (;;) {
        const trace_rec *a = PEEK_A(0), *b = PEEK_B(0);
        if (failed(d))
            return 2;
        if (!a || !b || is_cut(a) != is_cut(b)) {
            if (a || b)
                tail(d);
            return failed(d) ? 2 : 0;
        }
        d->compared++;
        if (a->kind == REC_HEADER && b->kind == REC_HEADER && d->compared == 1) {
            report_header(d, a, b);   /* a line of its own, not the run's first divergence */
            dstream_pop(&d->a);
            dstream_pop(&d->b);
            if (d->o->quiet && d->header_differs)
                return 0;
            continue;
        }
        if (rec_compare(a, b, &d->o->ignore, d->shift, NULL, 0, NULL) == 0) {
            keep_context(d);
            dstream_pop(&d->a);
            dstream_pop(&d->b);
            continue;
        }
        diverge(d);
        if (failed(d))
            return 2;
        if (d->o->quiet || (d->o->max > 0 && d->ndiv >= (uint64_t)d->o->max)) {
            d->stopped = !d->o->quiet;
            return 0;
        }
    }
}

static ssize_t discard(void *cookie, const char *buf, size_t n)
{
    (void)cookie;
    (void)buf;
    return (ssize_t)n;
}

int trace_diff(const char *path_a, const char *path_b, const diff_opts *o, FILE *out, FILE *err)
{
    differ d = {.o = o, .name_a = path_a, .name_b = path_b, .out = out};
    char msg[600];
    int lookahead = o->window + o->confirm;
    if (dstream_open(&d.a, path_a, &o->ignore, lookahead, msg, sizeof msg) < 0 ||
        dstream_open(&d.b, path_b, &o->ignore, lookahead, msg, sizeof msg) < 0) {
        fprintf(err, "sim diff: %s\n", msg);
        dstream_close(&d.a);
        return 2;
    }
    /* -q: the report is written nowhere (the walk stops at the first difference). */
    FILE *sink = o->quiet ? fopencookie(NULL, "w", (cookie_io_functions_t){.write = discard}) : NULL;
    if (sink)
        d.out = sink;
    d.ctx = o->context > 0 && !o->quiet ? calloc((size_t)o->context, sizeof *d.ctx) : NULL;
    int rc = walk(&d);
    if (rc == 2) {
        const char *why = reader_error(d.a.failed ? d.a.rd : d.b.rd);
        fprintf(err, "sim diff: %s\n", *why ? why : "out of memory");
    } else {
        report_summary(&d);
        rc = d.ndiv || d.header_differs ? 1 : 0;
    }
    if (sink)
        fclose(sink);
    for (int i = 0; d.ctx && i < o->context; i++)
        rec_copy_free(&d.ctx[i]);
    free(d.ctx);
    dstream_close(&d.a);
    dstream_close(&d.b);
    return rc;
}
