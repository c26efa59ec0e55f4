/* Scheduler views: see sched_view.h. */
#include "runtime_model/sched_view.h"

uint64_t view_allp(machine *mc, int i)
{
    if (i < 0 || i >= view_nallp(mc))
        return 0;
    return rd_var(mc, rd_var(mc, mc->allp, 8) + 8 * (uint64_t)i, 8);
}

int view_nallp(machine *mc)
{
    uint64_t n = rd_var(mc, mc->allp + 8, 8);
    return n > VIEW_MAX ? VIEW_MAX : (int)n;
}

uint64_t view_allg(machine *mc, int i)
{
    if (i < 0 || i >= view_nallg(mc))
        return 0;
    return rd_var(mc, rd_var(mc, mc->allgs, 8) + 8 * (uint64_t)i, 8);
}

int view_nallg(machine *mc)
{
    uint64_t n = rd_var(mc, mc->allgs + 8, 8);
    return n > (1u << 20) ? (1 << 20) : (int)n;
}

int view_runq(machine *mc, uint64_t pp, uint64_t *out, int max)
{
    uint32_t h = (uint32_t)rd(mc, pp, F_p_runqhead), t = (uint32_t)rd(mc, pp, F_p_runqtail);
    int n = 0;
    for (uint32_t i = h; i != t && n < max && n < 256; i++) {
        uint64_t g = rd_var(mc, pp + go_off(F_p_runq) + 8 * (i % 256), 8);
        out[n++] = g ? rd(mc, g, F_g_goid) : 0;
    }
    return n;
}

/* Walk a list of g's linked through g.schedlink from HEAD. */
static int walk_glist(machine *mc, uint64_t g, uint64_t *out, int max)
{
    int n = 0;
    for (; g && n < max && n < VIEW_MAX; g = rd(mc, g, F_g_schedlink))
        out[n++] = rd(mc, g, F_g_goid);
    return n;
}

int view_global_runq(machine *mc, uint64_t *out, int max)
{
    return walk_glist(mc, rd2(mc, mc->sched, F_schedt_runq, F_gQueue_head), out, max);
}

int view_gfree(machine *mc, uint64_t pp, uint64_t *out, int max)
{
    return walk_glist(mc, rd2(mc, pp, F_p_gFree, F_anon_p_gFree_head), out, max);
}

int view_pidle(machine *mc, int64_t *out, int max)
{
    int n = 0;
    for (uint64_t pp = rd(mc, mc->sched, F_schedt_pidle); pp && n < max && n < VIEW_MAX;
         pp = rd(mc, pp, F_p_link))
        out[n++] = (int64_t)rd(mc, pp, F_p_id);
    return n;
}

int64_t view_mid(machine *mc, uint64_t mp)
{
    return mp ? (int64_t)rd(mc, mp, F_m_id) : -1;
}

int64_t view_pid(machine *mc, uint64_t pp)
{
    return pp ? (int64_t)(int32_t)rd(mc, pp, F_p_id) : -1;
}

int view_allm(machine *mc, uint64_t *out, int max)
{
    int n = 0;
    for (uint64_t mp = rd_var(mc, mc->allm, 8); mp && n < max && n < VIEW_MAX; mp = rd(mc, mp, F_m_alllink))
        out[n++] = mp;
    return n;
}
