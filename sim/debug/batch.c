/* Batch mode: see debug_ui.h.  The output is the TUI's content as text, so
 * tests and scripts see what a user would. */
#include "sim/debug/interrupt.h"
#include "sim/debug/ui.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Lines the windowed panes show in batch output. */
static const int batch_rows[PANE__COUNT] = {9, 7, 0, 6, 0, 0, 10};

unsigned debug_pane_mask(const char *list)
{
    unsigned mask = 0;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", list);
    for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
        int i = 0;
        while (i < PANE__COUNT && strcmp(tok, pane_names[i]) != 0)
            i++;
        if (i == PANE__COUNT)
            return 0;
        mask |= 1u << i;
    }
    return mask;
}

void debug_print_panes(dbg *d, unsigned mask, FILE *out)
{
    char status[512];
    dbg_status(d, status, sizeof status);
    fprintf(out, "[%s]\n", status);
    pane p = {0};
    for (int i = 0; i < PANE__COUNT; i++) {
        if (mask && !(mask & 1u << i))
            continue;
        dbg_pane(d, (pane_id)i, batch_rows[i], 80, &p);
        fprintf(out, "── %s\n", p.title);
        for (int k = 0; k < p.n; k++)
            fprintf(out, "%s\n", p.lines[k].text);
    }
    pane_free(&p);
}

/* A long command's progress on a terminal's stderr, five times a second
 * and wiped when it ends; never on stdout, which stays the same on every
 * run (the rate is the wall clock's). */
typedef struct {
    double t0, drawn;
    uint64_t i0;
    bool shown;
} batch_progress;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void show_progress(void *ctx, const timeline *tl)
{
    batch_progress *b = ctx;
    double now = now_s();
    if (now - b->drawn < 0.2)
        return;
    b->drawn = now;
    uint64_t n = emu_icount(tl->mc->cpu);
    fprintf(stderr, "\rrunning… step %llu · insn %llu · %.1f M insn/s · Ctrl-C stops\033[K",
            (unsigned long long)tl->pos, (unsigned long long)n,
            now > b->t0 ? (double)(n - b->i0) / (now - b->t0) / 1e6 : 0.0);
    b->shown = true;
}

static int exec_with_progress(dbg *d, const char *cmd, FILE *out)
{
    batch_progress b = {now_s(), now_s(), emu_icount(d->mc.cpu), false};
    if (isatty(STDERR_FILENO)) {
        d->tl.progress = show_progress;
        d->tl.progress_ctx = &b;
    }
    int r = dbg_exec(d, cmd, out);
    d->tl.progress = NULL;
    if (b.shown)
        fprintf(stderr, "\r\033[K");
    return r;
}

int debug_batch(dbg *d, const char *text, unsigned panes, FILE *out)
{
    char *copy = strdup(text), *save = NULL;
    int failed = 0;
    interrupt_install(true);   /* Ctrl-C stops a motion; the commands after it still run */
    for (char *cmd = strtok_r(copy, "\n;", &save); cmd; cmd = strtok_r(NULL, "\n;", &save)) {
        while (*cmd == ' ' || *cmd == '\t')
            cmd++;
        if (!*cmd || *cmd == '#')
            continue;
        fprintf(out, "(sim) %s\n", cmd);
        fflush(out);   /* a script (or a test) sees which command runs, and can Ctrl-C it */
        int r = exec_with_progress(d, cmd, out);
        failed |= r & DBG_ERROR;
        if (r & (DBG_MOVED | DBG_VIEW))
            debug_print_panes(d, panes, out);
        if (r & DBG_QUIT)
            break;
    }
    interrupt_remove();
    free(copy);
    return failed ? 1 : 0;
}
