/* `thread N`, as gdb has it: the panes (source, disassembly, registers,
 * stack) and bt show thread N's registers instead of the CPU's.  Only the
 * view changes: the run still goes where the deterministic scheduler takes
 * it, and once it has moved the view is back on the thread on the CPU (as
 * gdb switches to the thread that stopped). */
#include "sim/debug/debug.h"
#include "linux/process.h"
#include "runtime_model/machine_real.h"
#include "runtime_model/sched_view.h"
#include <stdlib.h>

/* The thread viewed, while the run stays where `thread N` was given. */
static lx_thread *viewed(dbg *d)
{
    struct lx_process *pr = machine_real_process(&d->mc);
    if (!pr || !d->view.tid || d->view.pos != d->tl.pos || d->view.icount != emu_icount(d->mc.cpu))
        return NULL;
    lx_thread *t = lx_thread_by_tid(pr, d->view.tid);
    return t && t != pr->cur && t->wait != WAIT_EXITED ? t : NULL;
}

void dbg_regs(dbg *d, emu_regs *out)
{
    lx_thread *t = viewed(d);
    if (t)
        lx_thread_regs(machine_real_process(&d->mc), t, out);
    else
        emu_regs_get(d->mc.cpu, out);
}

uint64_t dbg_reg(dbg *d, emu_reg r)
{
    if (!viewed(d))
        return emu_reg_get(d->mc.cpu, r);
    emu_regs all;
    dbg_regs(d, &all);
    return all.r[r];
}

int dbg_view_tid(dbg *d)
{
    lx_thread *t = viewed(d);
    struct lx_process *pr = machine_real_process(&d->mc);
    return t ? t->tid : pr && pr->cur ? pr->cur->tid : 0;
}

bool dbg_viewing_other(dbg *d) { return viewed(d) != NULL; }

/* N: a thread id (1000 …) or, as gdb numbers them, its place in info threads (1 …). */
static lx_thread *thread_arg(struct lx_process *pr, long n)
{
    for (int i = 0; i < pr->nthreads; i++)
        if (pr->threads[i]->tid == n)
            return pr->threads[i];
    return n >= 1 && n <= pr->nthreads ? pr->threads[n - 1] : NULL;
}

int dbg_thread(dbg *d, const char *arg, FILE *out)
{
    struct lx_process *pr = machine_real_process(&d->mc);
    if (!pr) {
        fprintf(out, "the model mode runs one thread, m0's (thread N is for sim debug PROG)\n");
        return *arg ? -1 : 0;
    }
    char *end;
    long n = strtol(arg, &end, 10);
    if (*arg && (*end || end == arg)) {
        fprintf(out, "thread N: a thread id or its number in info threads\n");
        return -1;
    }
    lx_thread *t = *arg ? thread_arg(pr, n) : lx_thread_by_tid(pr, dbg_view_tid(d));
    if (!t || t->wait == WAIT_EXITED) {
        fprintf(out, "no thread %s%s (info threads lists them)\n", arg, t ? ": it has exited" : "");
        return -1;
    }
    uint64_t m = dbg_thread_m(d, t->tid);
    char mname[24] = "";
    if (m)
        snprintf(mname, sizeof mname, " (m%lld)", (long long)view_mid(&d->mc, m));
    if (*arg) {
        d->view.tid = t->tid;
        d->view.pos = d->tl.pos;
        d->view.icount = emu_icount(d->mc.cpu);
    }
    fprintf(out, "[%s thread %d%s, %s]\n", *arg ? "Switching to" : "Current thread is", t->tid,
            mname, t == pr->cur ? "on the CPU" : lx_wait_name(t->wait));
    return 0;
}
