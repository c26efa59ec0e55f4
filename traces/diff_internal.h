/* Shared by diff.c (alignment) and diff_report.c (output). */
#ifndef TRACES_DIFF_INTERNAL_H
#define TRACES_DIFF_INTERNAL_H
#include "traces/diff.h"
#include "traces/diff_stream.h"

typedef struct {
    uint64_t a, b;          /* record numbers, from 1 */
    long line_a, line_b;
    uint64_t seq;           /* A's instruction number there (or the last one before) */
    bool at_insn;
} diff_pos;

#define STAT_MAX 64

/* --stat: how many changed records differ in each field. */
typedef struct {
    struct diff_stat_field { char name[40]; uint64_t n; } f[STAT_MAX];
    int n;
    uint64_t other;          /* fields beyond STAT_MAX distinct names */
} diff_stat;

typedef struct {
    const diff_opts *o;
    const char *name_a, *name_b;
    dstream a, b;
    FILE *out;
    seq_shift shift;
    uint64_t compared, ndiv, changed, extra_a, extra_b;
    diff_pos first, last;
    rec_copy *ctx;          /* ring: A's last records before the first divergence */
    int nctx, ctx_head;
    int listed;
    bool stopped, named, header_differs;
    bool show;               /* the current divergence is shown, not only counted */
    char header_fields[64];  /* the header fields that differ, comma-separated */
    diff_stat stat;          /* --stat's counts */
} differ;

/* Where the next records of both sides stand. */
diff_pos diff_here(differ *d);

/* The "--- A" / "+++ B" lines, once, before the first thing reported. */
void report_names(differ *d);
/* The two headers A and B (first records of each): a line saying how they
 * differ, when they do; not a divergence of the run. */
void report_header(differ *d, const trace_rec *a, const trace_rec *b);
/* Counts NAMES (rec_compare's comma-separated list) for --stat. */
void stat_count(differ *d, const char *names);

/* Records the divergence at P (counts, first/last) and prints its heading:
 * in full for the first (with context), one line for the next o->list. */
void report_divergence(differ *d, const diff_pos *p, const char *what);
/* A record as the text format writes it, each line after PREFIX. */
void report_record(differ *d, const char *prefix, const trace_rec *r);
/* The fields in which A and B differ, one line each (first divergence). */
void report_fields(differ *d, const trace_rec *a, const trace_rec *b);
bool report_in_full(const differ *d);
/* A later divergence is listed (with its values) rather than only counted. */
bool report_listed(const differ *d);
void report_summary(differ *d);

#endif
