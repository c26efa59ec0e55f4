/* Pane text: see pane.h. */
#include "sim/debug/pane.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const pane_names[PANE__COUNT] = {"source", "disasm", "regs", "stack", "sched", "threads",
                                             "log"};
const char *const pane_titles[PANE__COUNT] = {"Source", "Disassembly", "Registers",
                                              "Stack", "Scheduler", "Threads", "Log"};

static void add_line(pane *p, pane_style st, char *text)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 32;
        p->lines = realloc(p->lines, (size_t)p->cap * sizeof *p->lines);
    }
    pane_line *l = &p->lines[p->n++];
    memset(l, 0, sizeof *l);
    l->style = st;
    l->text = text;
}

/* A '\n' in the text starts another line in the same style. */
void pane_add(pane *p, pane_style st, const char *fmt, ...)
{
    char *text;
    va_list ap;
    va_start(ap, fmt);
    if (vasprintf(&text, fmt, ap) < 0)
        text = strdup("");
    va_end(ap);
    char *nl;
    while ((nl = strchr(text, '\n'))) {
        add_line(p, st, strndup(text, (size_t)(nl - text)));
        memmove(text, nl + 1, strlen(nl + 1) + 1);
    }
    add_line(p, st, text);
}

void pane_span_last(pane *p, int from, int len, pane_style st)
{
    pane_line *l = p->n ? &p->lines[p->n - 1] : NULL;
    if (l && l->nspans < PANE_SPANS)
        l->spans[l->nspans++] = (pane_span){from, len, st};
}

void pane_clear(pane *p)
{
    for (int i = 0; i < p->n; i++)
        free(p->lines[i].text);
    p->n = 0;
    p->title[0] = 0;
}

void pane_free(pane *p)
{
    pane_clear(p);
    free(p->lines);
    memset(p, 0, sizeof *p);
}
