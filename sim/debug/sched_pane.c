/* The Scheduler pane: sched, each P, each G and m0, decoded from emulated
 * memory through the layout table (runtime_model/sched_view.h), so it is
 * whatever the runtime's structures hold at the current position. */
#include "sim/debug/debug.h"
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

static void sched_line(dbg *d, bool narrow, pane *p)
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
    pane_add(p, PS_NORMAL, "sched goidgen=%llu mnext=%lld npidle=%d%srunq=%s pidle=%s",
             (unsigned long long)rd(mc, mc->sched, F_schedt_goidgen),
             (long long)rd(mc, mc->sched, F_schedt_mnext),
             (int)(int32_t)rd(mc, mc->sched, F_schedt_npidle), narrow ? "\n  " : " ",
             glist(ids, view_global_runq(mc, ids, 64), q, sizeof q), idle);
}

static void p_lines(dbg *d, bool narrow, pane *p)
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
        pane_add(p, PS_NORMAL, "P%d %s %s runnext=%s runq=%s", i,
                 go_pstatus_name((uint32_t)rd(mc, pp, F_p_status)), mtext,
                 gref(mc, rd(mc, pp, F_p_runnext), next, sizeof next),
                 glist(ids, view_runq(mc, pp, ids, 256), q, sizeof q));
        if (!narrow)
            pane_add(p, PS_NORMAL, "   schedtick=%u goidcache=%llu..%llu",
                     (unsigned)rd(mc, pp, F_p_schedtick),
                     (unsigned long long)rd(mc, pp, F_p_goidcache),
                     (unsigned long long)rd(mc, pp, F_p_goidcacheend));
    }
}

static void g_line(dbg *d, uint64_t g, const char *name, bool narrow, pane *p)
{
    machine *mc = &d->mc;
    char pc[128];
    bool cur = g == rd(mc, mc->m0, F_m_curg) && g;
    pane_add(p, cur ? PS_CURRENT : PS_NORMAL, narrow ? "%s%s %s pc=%s%sstack=[%llx,%llx)" : "%s%s %s sched.pc=%s%sstack=[%llx,%llx)",
             cur ? "=>" : "  ", name, go_gstatus_name((uint32_t)rd(mc, g, F_g_atomicstatus)),
             val_text(mc, KIND_UPTR, rd2(mc, g, F_g_sched, F_gobuf_pc), pc, sizeof pc),
             narrow ? "\n     " : " ", (unsigned long long)rd2(mc, g, F_g_stack, F_stack_lo),
             (unsigned long long)rd2(mc, g, F_g_stack, F_stack_hi));
}

/* Ordered so that at 80×24 what matters is on screen: sched, the Ps, m0,
 * the goroutines, and g0 last. */
void dbg_sched_pane(dbg *d, int width, pane *p)
{
    machine *mc = &d->mc;
    char curg[32], name[32], ptext[16];
    int64_t pid = view_pid(mc, rd(mc, mc->m0, F_m_p));
    bool narrow = width < 60;   /* two lines per G */
    snprintf(p->title, sizeof p->title, "Scheduler (=> m0.curg)");
    sched_line(d, narrow, p);
    p_lines(d, narrow, p);
    snprintf(ptext, sizeof ptext, pid < 0 ? "-" : "P%lld", (long long)pid);
    pane_add(p, PS_NORMAL, "m0 curg=%s p=%s", gref(mc, rd(mc, mc->m0, F_m_curg), curg,
                                                   sizeof curg), ptext);
    int ng = view_nallg(mc);
    for (int i = 0; i < ng && i < VIEW_MAX; i++) {
        uint64_t g = view_allg(mc, i);
        snprintf(name, sizeof name, "g%llu", (unsigned long long)rd(mc, g, F_g_goid));
        g_line(d, g, name, narrow, p);
    }
    if (!ng)
        pane_add(p, PS_DIM, "  no goroutines yet (newproc makes g1)");
    g_line(d, mc->g0, "g0", narrow, p);
}
