/* The debugger's `goroutines` (Delve's word) and `info threads` (gdb's):
 * every g of allgs with its status, wait reason and where it is; every
 * thread of a real program with the M on it and what it waits for. */
#include "sim/debug/debug.h"
#include "linux/process.h"
#include "runtime_model/go_view.h"
#include "runtime_model/machine_real.h"
#include "runtime_model/sched_view.h"
#include <string.h>

/* Where a running g is: the pc of its M's thread (the CPU's for the thread
 * on it); else, or in the model mode, its saved sched.pc. */
static uint64_t g_pc(dbg *d, uint64_t g, uint32_t st)
{
    machine *mc = &d->mc;
    uint64_t m = rd(mc, g, F_g_m);
    struct lx_process *pr = machine_real_process(mc);
    if ((st & ~(uint32_t)C__Gscan) == C__Grunning && m && pr) {
        lx_thread *t = lx_thread_by_tid(pr, (int)rd(mc, m, F_m_procid));
        emu_regs r;
        if (t) {
            lx_thread_regs(pr, t, &r);
            return r.r[R_RIP];
        }
    }
    if ((st & ~(uint32_t)C__Gscan) == C__Grunning && !pr && m && g == rd(mc, m, F_m_curg))
        return emu_reg_get(mc->cpu, R_RIP);
    return rd2(mc, g, F_g_sched, F_gobuf_pc);
}

/* The M whose thread is TID (m.procid), or 0. */
static uint64_t m_of_thread(machine *mc, int tid)
{
    static uint64_t ms[VIEW_MAX];
    int n = view_allm(mc, ms, VIEW_MAX);
    for (int i = 0; i < n; i++)
        if ((int)rd(mc, ms[i], F_m_procid) == tid)
            return ms[i];
    return 0;
}

void dbg_goroutines(dbg *d, FILE *out)
{
    machine *mc = &d->mc;
    int n = mc->allgs ? view_nallg(mc) : 0;
    if (n == 0) {
        fprintf(out, "no goroutines yet (allgs is empty)\n");
        return;
    }
    uint64_t cur = mc->m0 ? rd(mc, mc->m0, F_m_curg) : 0;
    for (int i = 0; i < n; i++) {
        uint64_t g = view_allg(mc, i);
        uint32_t st = (uint32_t)rd(mc, g, F_g_atomicstatus);
        uint64_t pc = g_pc(d, g, st);
        char why[64] = "", at[160], start[160];
        if ((st & ~(uint32_t)C__Gscan) == C__Gwaiting && mc->nwait_names)
            go_view_waitreason(mc, (uint32_t)rd(mc, g, F_g_waitreason), why, sizeof why);
        uint64_t m = rd(mc, g, F_g_m);
        fprintf(out, "%c g%-4llu %-12s", g == cur ? '*' : ' ', (unsigned long long)rd(mc, g, F_g_goid),
                go_gstatus_name(st));
        if (why[0])
            fprintf(out, " [%s]", why);
        fprintf(out, " pc=%s start=%s", pc ? image_symbolize(&mc->img, pc, at, sizeof at) : "-",
                image_symbolize(&mc->img, rd(mc, g, F_g_startpc), start, sizeof start));
        if (m)
            fprintf(out, " m%lld", (long long)view_mid(mc, m));
        fprintf(out, "\n");
    }
}

/* The model mode runs one thread, the CPU's: each M of allm, the one whose
 * g0 or curg the CPU runs as marked. */
static void model_threads(dbg *d, FILE *out)
{
    machine *mc = &d->mc;
    static uint64_t ms[VIEW_MAX];
    int n = mc->allm ? view_allm(mc, ms, VIEW_MAX) : 0;
    char sym[160];
    const char *pc = image_symbolize(&mc->img, emu_reg_get(mc->cpu, R_RIP), sym, sizeof sym);
    if (n == 0) {
        fprintf(out, "* m0  on the CPU  pc %s  (allm is empty yet: schedinit's mcommoninit adds m0)\n",
                pc);
        return;
    }
    for (int i = 0; i < n; i++) {
        uint64_t g = rd(mc, ms[i], F_m_curg);
        bool on = ms[i] == mc->m0;   /* the model mode runs m0 alone */
        fprintf(out, "%c m%lld  %s", on ? '*' : ' ', (long long)view_mid(mc, ms[i]),
                on ? "on the CPU" : "not running (the model mode runs m0 only)");
        if (g)
            fprintf(out, "  curg=g%llu", (unsigned long long)rd(mc, g, F_g_goid));
        if (on)
            fprintf(out, "  pc %s", pc);
        fprintf(out, "\n");
    }
}

void dbg_threads(dbg *d, FILE *out)
{
    struct lx_process *pr = machine_real_process(&d->mc);
    if (!pr) {
        model_threads(d, out);
        return;
    }
    for (int i = 0; i < pr->nthreads; i++) {
        lx_thread *t = pr->threads[i];
        emu_regs r;
        char sym[160];
        lx_thread_regs(pr, t, &r);
        uint64_t mp = d->mc.allm ? m_of_thread(&d->mc, t->tid) : 0;
        fprintf(out, "%c thread %d", t == pr->cur ? '*' : ' ', t->tid);
        if (mp)
            fprintf(out, " m%lld", (long long)view_mid(&d->mc, mp));
        fprintf(out, "  %s", t == pr->cur ? "on the CPU" : lx_wait_name(t->wait));
        if (t->wait != WAIT_NONE && t->wait != WAIT_EXITED && t->call[0])
            fprintf(out, " in %s", t->call);
        if (t->wait != WAIT_EXITED)
            fprintf(out, "  pc %s", image_symbolize(&d->mc.img, r.r[R_RIP], sym, sizeof sym));
        fprintf(out, "\n");
    }
}

uint64_t dbg_thread_m(dbg *d, int tid) { return d->mc.allm ? m_of_thread(&d->mc, tid) : 0; }

/* One thread: => on the CPU, * viewed (thread N); its M and curg; what it
 * waits for (the syscall it is blocked in); its pc.  NARROW: the syscall's
 * name without its arguments, so that the pc fits too. */
static void thread_line(dbg *d, struct lx_process *pr, lx_thread *t, int viewed, bool narrow,
                        pane *p)
{
    uint64_t mp = dbg_thread_m(d, t->tid);
    char m[16] = "-", curg[24] = "-", sym[160] = "";
    if (mp) {
        uint64_t g = rd(&d->mc, mp, F_m_curg);
        snprintf(m, sizeof m, "m%lld", (long long)view_mid(&d->mc, mp));
        if (g)
            snprintf(curg, sizeof curg, "g%llu", (unsigned long long)rd(&d->mc, g, F_g_goid));
    }
    bool on = t == pr->cur, blocked = !on && t->wait != WAIT_NONE && t->wait != WAIT_EXITED;
    if (t->wait != WAIT_EXITED) {
        emu_regs r;
        lx_thread_regs(pr, t, &r);
        image_symbolize(&d->mc.img, r.r[R_RIP], sym, sizeof sym);
    }
    const char *mark = on ? "=>" : t->tid == viewed ? "* " : "  ";
    if (narrow) {
        char call[32] = "";
        if (blocked && t->call[0])
            snprintf(call, sizeof call, "%.*s()", (int)strcspn(t->call, "("), t->call);
        pane_add(p, on ? PS_CURRENT : PS_NORMAL, "%st%d %s %s %s %s", mark, t->tid, m, curg,
                 on ? "on CPU" : call[0] ? call : lx_wait_name(t->wait), sym);
        return;
    }
    pane_add(p, on ? PS_CURRENT : PS_NORMAL, "%st%d %s curg=%s %s%s%s%s%s", mark, t->tid, m, curg,
             on ? "on the CPU" : lx_wait_name(t->wait), blocked && t->call[0] ? " in " : "",
             blocked ? t->call : "", sym[0] ? " pc " : "", sym);
}

void dbg_threads_pane(dbg *d, int width, pane *p)
{
    struct lx_process *pr = machine_real_process(&d->mc);
    if (!pr) {
        snprintf(p->title, sizeof p->title, "Threads");
        pane_add(p, PS_CURRENT, "=>m0 on the CPU: the model mode runs one thread");
        return;
    }
    int viewed = dbg_view_tid(d);
    snprintf(p->title, sizeof p->title, "Threads (=> on the CPU%s)",
             dbg_viewing_other(d) ? ", * viewed" : "");
    for (int i = 0; i < pr->nthreads; i++)
        thread_line(d, pr, pr->threads[i], viewed, width < 60, p);
}
