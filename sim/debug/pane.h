/* Pane text: what each of the debugger's panes shows, as lines with a
 * style, independent of how it is drawn.  The batch mode prints the text;
 * the TUI draws the same lines with colours.  Every mark a style carries is
 * also in the text itself ("=>", "*"), so nothing depends on colour. */
#ifndef SIM_PANE_H
#define SIM_PANE_H
#include <stdint.h>

typedef enum { PS_NORMAL, PS_CURRENT, PS_BREAK, PS_CHANGED, PS_DIM, PS_HEAD, PS__COUNT } pane_style;

typedef struct { int from, len; pane_style style; } pane_span;

#define PANE_SPANS 4
typedef struct {
    char *text;
    pane_style style;
    pane_span spans[PANE_SPANS];   /* parts in another style (changed registers) */
    int nspans;
} pane_line;

typedef enum { PANE_SOURCE, PANE_DISASM, PANE_REGS, PANE_STACK, PANE_SCHED, PANE_THREADS, PANE_LOG,
              PANE__COUNT } pane_id;

typedef struct {
    char title[256];
    pane_line *lines;
    int n, cap;
} pane;

extern const char *const pane_names[PANE__COUNT];   /* "source", "disasm", … (for --panes) */
extern const char *const pane_titles[PANE__COUNT];  /* "Source", "Disassembly", … */

void pane_add(pane *p, pane_style st, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Mark bytes [FROM, FROM+LEN) of the last line with ST. */
void pane_span_last(pane *p, int from, int len, pane_style st);
void pane_clear(pane *p);
void pane_free(pane *p);

#endif
