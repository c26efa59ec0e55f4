/* sim diff's output: the first divergence in full (context, both records,
 * the fields that differ), the next ones a line each, then a summary. */
#include "traces/diff_internal.h"
#include <stdlib.h>
#include <string.h>

static void where(char *buf, size_t len, const diff_pos *p)
{
    char seq[48];
    if (p->at_insn)
        snprintf(seq, sizeof seq, "seq %llu", (unsigned long long)p->seq);
    else if (p->seq)
        snprintf(seq, sizeof seq, "after seq %llu", (unsigned long long)p->seq);
    else
        snprintf(seq, sizeof seq, "before the first instruction");
    char la[32], lb[32];
    snprintf(la, sizeof la, p->line_a ? "line %ld" : "end of file", p->line_a);
    snprintf(lb, sizeof lb, p->line_b ? "line %ld" : "end of file", p->line_b);
    snprintf(buf, len, "A record %llu (%s), B record %llu (%s), %s", (unsigned long long)p->a,
             la, (unsigned long long)p->b, lb, seq);
}

bool report_in_full(const differ *d) { return d->ndiv == 1; }

void report_divergence(differ *d, const diff_pos *p, const char *what)
{
    char at[200];
    where(at, sizeof at, p);
    d->ndiv++;
    d->last = *p;
    if (d->ndiv == 1) {
        d->first = *p;
        fprintf(d->out, "--- A %s\n+++ B %s\n@@ first divergence: %s: %s @@\n", d->name_a,
                d->name_b, at, what);
        for (int i = 0; i < d->nctx; i++)
            report_record(d, "  ", &d->ctx[(d->ctx_head + i) % d->o->context].r);
    } else if (d->listed < d->o->list) {
        fprintf(d->out, "@@ divergence: %s: %s @@\n", at, what);
        d->listed++;
    } else if (d->listed++ == d->o->list) {
        fprintf(d->out, "(further divergences are counted, not listed)\n");
    }
}

void report_record(differ *d, const char *prefix, const trace_rec *r)
{
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m)
        return;
    rec_write_text(m, r);
    fclose(m);
    for (char *line = text, *nl; line && *line; line = nl ? nl + 1 : NULL) {
        nl = strchr(line, '\n');
        fprintf(d->out, "%s%.*s\n", prefix, nl ? (int)(nl - line) : (int)strlen(line), line);
    }
    free(text);
}

void report_fields(differ *d, const trace_rec *a, const trace_rec *b)
{
    rec_compare(a, b, &d->o->ignore, d->shift, NULL, 0, d->out);
}

void report_summary(differ *d)
{
    char at[200];
    if (d->ndiv == 0) {
        fprintf(d->out, "identical: %llu records compared\n", (unsigned long long)d->compared);
        return;
    }
    fprintf(d->out,
            "summary: %llu records compared; %llu divergence%s: %llu changed record%s, "
            "%llu extra in B, %llu extra in A (missing from B)\n",
            (unsigned long long)d->compared, (unsigned long long)d->ndiv, d->ndiv == 1 ? "" : "s",
            (unsigned long long)d->changed, d->changed == 1 ? "" : "s",
            (unsigned long long)d->extra_b, (unsigned long long)d->extra_a);
    where(at, sizeof at, &d->first);
    fprintf(d->out, "  first: %s\n", at);
    where(at, sizeof at, &d->last);
    fprintf(d->out, "  last:  %s\n", at);
    if (d->stopped)
        fprintf(d->out, "  stopped after %ld divergences (--max)\n", d->o->max);
}
