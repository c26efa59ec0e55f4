/* sim diff's streams: see diff_stream.h. */
#include "traces/diff_stream.h"
#include <stdlib.h>
#include <string.h>

int dstream_open(dstream *s, const char *path, const rec_ignore *ig, int lookahead, char *err,
                 size_t errlen)
{
    memset(s, 0, sizeof *s);
    s->ig = ig;
    s->qcap = lookahead + 2;
    s->q = calloc((size_t)s->qcap, sizeof *s->q);
    s->rd = s->q ? reader_open(path, err, errlen) : NULL;
    if (!s->rd) {
        if (!s->q)
            snprintf(err, errlen, "out of memory");
        free(s->q);
        s->q = NULL;
        return -1;
    }
    return 0;
}

void dstream_close(dstream *s)
{
    for (int i = 0; s->q && i < s->qcap; i++)
        rec_copy_free(&s->q[i]);
    free(s->q);
    reader_close(s->rd);
    memset(s, 0, sizeof *s);
}

/* Read the next record not skipped into live; false at the end. */
static bool read_live(dstream *s)
{
    for (;;) {
        int rc = reader_next(s->rd, &s->live);
        if (rc <= 0) {
            s->eof = true;
            s->failed = rc < 0;
            return false;
        }
        if (!s->ig || !s->ig->kinds[s->live.kind]) {
            s->live_line = reader_line(s->rd);
            s->have_live = true;
            return true;
        }
    }
}

const trace_rec *dstream_peek(dstream *s, int i, long *line)
{
    if (i >= s->qcap - 1)
        return NULL;   /* beyond the lookahead: callers never ask */
    while (s->qn + (s->have_live ? 1 : 0) <= i) {
        if (s->have_live) {   /* keep it: the reader is about to move on */
            rec_copy *c = &s->q[(s->qhead + s->qn) % s->qcap];
            if (rec_copy_set(c, &s->live, s->live_line) < 0) {
                s->failed = s->eof = true;
                return NULL;
            }
            s->qn++;
            s->have_live = false;
        }
        if (s->eof || !read_live(s))
            return NULL;
    }
    if (i < s->qn) {
        rec_copy *c = &s->q[(s->qhead + i) % s->qcap];
        if (line)
            *line = c->line;
        return &c->r;
    }
    if (line)
        *line = s->live_line;
    return &s->live;
}

void dstream_pop(dstream *s)
{
    const trace_rec *r = dstream_peek(s, 0, NULL);
    if (!r)
        return;
    if (r->kind == REC_INSN)
        s->seq = r->seq;
    s->last_kind = r->kind;
    s->index++;
    if (s->qn) {
        s->qhead = (s->qhead + 1) % s->qcap;
        s->qn--;
    } else {
        s->have_live = false;
    }
}
