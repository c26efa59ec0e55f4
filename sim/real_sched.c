/* Schedtrace records for real programs: see real_sched.h. */
#include "sim/real_sched.h"
#include "runtime_model/go_view.h"
#include "runtime_model/schedtrace.h"
#include <stdlib.h>
#include <string.h>

/* Before the instruction at a watched pc runs: the last instruction's
 * record first, then the block (trace.sched: on-change or every-call). */
static void at_point(void *ctx, uint64_t pc)
{
    (void)pc;
    real_sched *rs = ctx;
    tracer_flush_insn(rs->view->tr);
    schedtrace_after_call(rs->view);
}

/* The executable segments, where every-change looks after each instruction. */
static int watch_text(real_sched *rs)
{
    const image *img = &rs->view->img;
    for (int i = 0; i < img->nsegs; i++)
        if (img->segs[i].exec &&
            emu_watch_code(rs->view->cpu, img->segs[i].addr,
                           img->segs[i].addr + img->segs[i].size - 1, at_point, rs) != 0)
            return -1;
    return 0;
}

static int watch_functions(real_sched *rs, const char *list, char *why, size_t len)
{
    char *copy = strdup(list), *save = NULL;
    int rc = copy ? 0 : -1;
    for (char *name = copy ? strtok_r(copy, ", ", &save) : NULL; name && rc == 0;
         name = strtok_r(NULL, ", ", &save)) {
        uint64_t at = image_addr_any(&rs->view->img, name);
        if (!at) {
            snprintf(why, len, "trace.sched_at: no function %s in the program", name);
            rc = -1;
        } else if (emu_watch_code(rs->view->cpu, at, at, at_point, rs) != 0) {
            snprintf(why, len, "trace.sched_at: cannot watch %s", name);
            rc = -1;
        }
    }
    free(copy);
    return rc;
}

int real_sched_arm(real_sched *rs, machine *view, const char *sched_at, char *why, size_t len)
{
    memset(rs, 0, sizeof *rs);
    rs->view = view;
    rs->wait_names = go_view_wait_names(view, &rs->nwait_names);
    schedtrace_use_wait_names(rs->wait_names, rs->nwait_names);
    const char *list = sched_at ? sched_at : REAL_SCHED_AT_DEFAULT;
    if (strcmp(list, "every-change") == 0) {
        rs->every_change = true;
        if (watch_text(rs) == 0)
            return 0;
        snprintf(why, len, "trace.sched_at: cannot watch the program's text");
        return -1;
    }
    return watch_functions(rs, list, why, len);
}

void real_sched_free(real_sched *rs)
{
    schedtrace_use_wait_names(NULL, 0);
    for (int i = 0; i < rs->nwait_names; i++)
        free(rs->wait_names[i]);
    free(rs->wait_names);
    memset(rs, 0, sizeof *rs);
}
