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

bool report_in_full(const differ *d) { return d->ndiv == 1 && d->show; }
bool report_listed(const differ *d) { return d->show; }

void report_names(differ *d)
{
    if (!d->named)
        fprintf(d->out, "--- A %s\n+++ B %s\n", d->name_a, d->name_b);
    d->named = true;
}

void report_header(differ *d, const trace_rec *a, const trace_rec *b)
{
    char names[64];
    if (strcmp(a->sim ? a->sim : "", b->sim ? b->sim : "") != 0)
        fprintf(d->out, "note: written by sim %s and sim %s (not a divergence)\n", a->sim,
                b->sim);
    if (rec_compare(a, b, &d->o->ignore, 0, names, sizeof names, NULL) == 0)
        return;
    d->header_differs = true;
    snprintf(d->header_fields, sizeof d->header_fields, "%s", names);
    report_names(d);
    /* One line: the field names and both values, as a divergence shows them. */
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m)
        return;
    rec_compare(a, b, &d->o->ignore, 0, NULL, 0, m);
    fclose(m);
    fprintf(d->out, "header:");
    const char *sep = " ";
    for (char *p = text, *nl; p && *p; p = nl ? nl + 1 : NULL, sep = "; ") {
        nl = strchr(p, '\n');
        p += strspn(p, " ");
        fprintf(d->out, "%s%.*s", sep, nl ? (int)(nl - p) : (int)strlen(p), p);
    }
    fprintf(d->out, " (not a divergence of the run)\n");
    free(text);
}

void stat_count(differ *d, const char *names)
{
    diff_stat *s = &d->stat;
    for (const char *p = names; *p;) {
        size_t n = strcspn(p, ",");
        int i = 0;
        while (i < s->n && (strlen(s->f[i].name) != n || strncmp(s->f[i].name, p, n) != 0))
            i++;
        if (i == s->n && s->n < STAT_MAX && n < sizeof s->f[0].name) {
            snprintf(s->f[i].name, sizeof s->f[i].name, "%.*s", (int)n, p);
            s->f[i].n = 0;
            s->n++;
        }
        if (i < s->n)
            s->f[i].n++;
        else
            s->other++;
        p += n;
        p += strspn(p, ", ");
    }
}

void report_divergence(differ *d, const diff_pos *p, const char *what)
{
    char at[200];
    d->ndiv++;
    d->last = *p;
    if (d->ndiv == 1)
        d->first = *p;
    d->show = false;
    if (d->o->quiet || d->o->stat)
        return;
    where(at, sizeof at, p);
    if (d->ndiv == 1) {
        report_names(d);
        fprintf(d->out, "@@ first divergence: %s: %s @@\n", at, what);
        for (int i = 0; i < d->nctx; i++)
            report_record(d, "  ", &d->ctx[(d->ctx_head + i) % d->o->context].r);
        d->show = true;
    } else if (d->listed < d->o->list) {
        fprintf(d->out, "@@ divergence: %s: %s @@\n", at, what);
        d->listed++;
        d->show = true;
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

static int by_count(const void *x, const void *y)
{
    const struct diff_stat_field *a = x, *b = y;
    if (a->n != b->n)
        return a->n < b->n ? 1 : -1;
    return strcmp(a->name, b->name);
}

static void report_stat(differ *d)
{
    diff_stat *s = &d->stat;
    if (!s->n)
        return;
    qsort(s->f, (size_t)s->n, sizeof s->f[0], by_count);
    fprintf(d->out, "changed records, by field that differs:\n");
    for (int i = 0; i < s->n; i++)
        fprintf(d->out, "  %-24s %llu\n", s->f[i].name, (unsigned long long)s->f[i].n);
    if (s->other)
        fprintf(d->out, "  %-24s %llu\n", "(other fields)", (unsigned long long)s->other);
}

void report_summary(differ *d)
{
    char at[200];
    if (d->o->stat)
        report_stat(d);
    if (d->ndiv == 0) {
        if (d->header_differs)
            fprintf(d->out, "records identical: %llu compared; the headers differ (%s)\n",
                    (unsigned long long)d->compared, d->header_fields);
        else
            fprintf(d->out, "identical: %llu records compared\n",
                    (unsigned long long)d->compared);
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
    if (d->header_differs)
        fprintf(d->out, "  headers differ: %s\n", d->header_fields);
    if (d->stopped)
        fprintf(d->out, "  stopped after %ld divergences (--max)\n", d->o->max);
}
