/* Batch mode: see debug_ui.h.  The output is the TUI's content as text, so
 * tests and scripts see what a user would. */
#include "sim/debug/interrupt.h"
#include "sim/debug/ui.h"
#include <stdlib.h>
#include <string.h>

/* Lines the windowed panes show in batch output. */
static const int batch_rows[PANE__COUNT] = {9, 7, 0, 6, 0, 10};

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
        int r = dbg_exec(d, cmd, out);
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
