/* The Scheduler pane: sched, each P, each G and m0, decoded from emulated
 * memory through the layout table (runtime_model/sched_view.h), so it is
 * whatever the runtime's structures hold at the current position. */
#include "sim/debug.h"
#include "runtime_model/sched_view.h"
#include <string.h>

/* "[g2 g3]" from goids. */
static const char *glist(const uint64_t *ids, int n, char *buf, size_t len)
{
    size_t k = (size_t)snprintf(buf, len, "[");
    for (int i = 0; i < n && k + 24 < len; i++)
        k += (size_t)snprintf(buf + k, len - k, "%sg%llu", i ? " " : "", (unsigned long long)ids[i]);
    snprintf(buf + k, len - k, "]");
    return buf;
}

static const char *gref(machine *mc, uint64_t g, char *buf, size_t len)
{
    if (!g)
        return "-";
    return val_text(mc, KIND_GPTR, g, buf, len);
}

static void sched_line(dbg *d, pane *p)
{
    machine *mc = &d->mc;
    uint64_t ids[64];
    int64_t pids[64];
    char q[256], idle[128];
    int n = view_pidle(mc, pids, 64);
    size_t k = (size_t)snprintf(idle, sizeof idle, "[");
    for (int i = 0; i < n && k + 8 < sizeof idle; i++)
        k += (size_t)snprintf(idle + k, sizeof idle - k, "%sP%lld", i ? " " : "", (long long)pids[i]);
    snprintf(idle + k, sizeof idle - k, "]");
    pane_add(p, PS_NORMAL, "sched goidgen=%llu runq=%s npidle=%d pidle=%s mnext=%lld",
             (unsigned long long)rd(mc, mc->sched, F_schedt_goidgen),
             glist(ids, view_global_runq(mc, ids, 64), q, sizeof q),
             (int)(int32_t)rd(mc, mc->sched, F_schedt_npidle), idle,
             (long long)rd(mc, mc->sched, F_schedt_mnext));
}

static void p_lines(dbg *d, pane *p)
{
    machine *mc = &d->mc;
    int np = view_nallp(mc);
    if (!np)
        pane_add(p, PS_DIM, "no Ps yet (schedinit's procresize makes allp)");
    for (int i = 0; i < np && i < 64; i++) {
        uint64_t pp = view_allp(mc, i), ids[256];
        int64_t m = view_mid(mc, rd(mc, pp, F_p_m));
        char mtext[16], next[32], q[512];
        snprintf(mtext, sizeof mtext, m < 0 ? "-" : "m%lld", (long long)m);
        pane_add(p, PS_NORMAL, "P%d %-9s m=%s runnext=%s runq=%s schedtick=%u", i,
                 go_pstatus_name((uint32_t)rd(mc, pp, F_p_status)), mtext,
                 gref(mc, rd(mc, pp, F_p_runnext), next, sizeof next),
                 glist(ids, view_runq(mc, pp, ids, 256), q, sizeof q),
                 (unsigned)rd(mc, pp, F_p_schedtick));
    }
}

static void g_line(dbg *d, uint64_t g, const char *name, pane *p)
{
    machine *mc = &d->mc;
    char pc[128];
    bool cur = g == rd(mc, mc->m0, F_m_curg) && g;
    pane_add(p, cur ? PS_CURRENT : PS_NORMAL, "%s%-4s %-10s stack=[%llx,%llx) sched.pc=%s",
             cur ? "=>" : "  ", name, go_gstatus_name((uint32_t)rd(mc, g, F_g_atomicstatus)),
             (unsigned long long)rd2(mc, g, F_g_stack, F_stack_lo),
             (unsigned long long)rd2(mc, g, F_g_stack, F_stack_hi),
             val_text(mc, KIND_UPTR, rd2(mc, g, F_g_sched, F_gobuf_pc), pc, sizeof pc));
}

void dbg_sched_pane(dbg *d, pane *p)
{
    machine *mc = &d->mc;
    char curg[32], name[32];
    int64_t pid = view_pid(mc, rd(mc, mc->m0, F_m_p));
    snprintf(p->title, sizeof p->title, "Scheduler: sched, Ps, Gs (=> m0.curg), m0");
    sched_line(d, p);
    p_lines(d, p);
    g_line(d, mc->g0, "g0", p);
    int ng = view_nallg(mc);
    if (!ng)
        pane_add(p, PS_DIM, "  no goroutines yet (newproc makes g1)");
    for (int i = 0; i < ng && i < VIEW_MAX; i++) {
        uint64_t g = view_allg(mc, i);
        snprintf(name, sizeof name, "g%llu", (unsigned long long)rd(mc, g, F_g_goid));
        g_line(d, g, name, p);
    }
    char ptext[16];
    snprintf(ptext, sizeof ptext, pid < 0 ? "-" : "P%lld", (long long)pid);
    pane_add(p, PS_NORMAL, "m0 curg=%s p=%s id=%lld", gref(mc, rd(mc, mc->m0, F_m_curg), curg,
                                                           sizeof curg),
             ptext, (long long)rd(mc, mc->m0, F_m_id));
}
