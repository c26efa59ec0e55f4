/* The state dump: see dump.h.  Addresses are "0x..." strings, counts are
 * numbers, statuses are Go's names, and g/m/p references are goids / ids
 * (or null). */
#include "runtime_model/dump.h"
#include "runtime_model/go_view.h"
#include "runtime_model/sched_view.h"
#include "traces/json.h"

static void goid_or_null(jw *w, machine *mc, const char *key, uint64_t g)
{
    if (g)
        jw_uint(w, key, rd(mc, g, F_g_goid));
    else
        jw_null(w, key);
}

static void id_or_null(jw *w, const char *key, int64_t id)
{
    if (id >= 0)
        jw_int(w, key, id);
    else
        jw_null(w, key);
}

static void goid_list(jw *w, const char *key, const uint64_t *ids, int n)
{
    jw_arr(w, key);
    for (int i = 0; i < n; i++)
        jw_uint(w, NULL, ids[i]);
    jw_arr_end(w);
}

static void dump_sched(jw *w, machine *mc)
{
    uint64_t s = mc->sched, ids[VIEW_MAX];
    int64_t pids[VIEW_MAX];
    jw_obj(w, "sched");
    jw_uint(w, "goidgen", rd(mc, s, F_schedt_goidgen));
    jw_int(w, "maxmcount", (int64_t)rd(mc, s, F_schedt_maxmcount));
    jw_int(w, "mnext", (int64_t)rd(mc, s, F_schedt_mnext));
    jw_int(w, "npidle", (int64_t)rd(mc, s, F_schedt_npidle));
    jw_int(w, "nmspinning", (int64_t)rd(mc, s, F_schedt_nmspinning));
    jw_int(w, "nmidle", (int64_t)rd(mc, s, F_schedt_nmidle));
    jw_int(w, "ngsys", (int64_t)rd(mc, s, F_schedt_ngsys));
    jw_int(w, "runqsize", (int64_t)rd(mc, s, F_schedt_runqsize));
    goid_list(w, "runq", ids, view_global_runq(mc, ids, VIEW_MAX));
    jw_int(w, "lastpoll", (int64_t)rd(mc, s, F_schedt_lastpoll));
    int n = view_pidle(mc, pids, VIEW_MAX);
    jw_arr(w, "pidle");
    for (int i = 0; i < n; i++)
        jw_int(w, NULL, pids[i]);
    jw_arr_end(w);
    jw_obj_end(w);
}

static void dump_p(jw *w, machine *mc, uint64_t pp)
{
    uint64_t ids[VIEW_MAX];
    jw_obj(w, NULL);
    jw_int(w, "id", (int64_t)rd(mc, pp, F_p_id));
    jw_str(w, "status", go_pstatus_name((uint32_t)rd(mc, pp, F_p_status)));
    id_or_null(w, "m", view_mid(mc, rd(mc, pp, F_p_m)));
    jw_uint(w, "schedtick", rd(mc, pp, F_p_schedtick));
    goid_or_null(w, mc, "runnext", rd(mc, pp, F_p_runnext));
    goid_list(w, "runq", ids, view_runq(mc, pp, ids, VIEW_MAX));
    jw_uint(w, "goidcache", rd(mc, pp, F_p_goidcache));
    jw_uint(w, "goidcacheend", rd(mc, pp, F_p_goidcacheend));
    goid_list(w, "gFree", ids, view_gfree(mc, pp, ids, VIEW_MAX));
    jw_obj_end(w);
}

static void dump_g(jw *w, machine *mc, uint64_t g)
{
    uint64_t sp = rd2(mc, g, F_g_sched, F_gobuf_sp);
    jw_obj(w, NULL);
    jw_uint(w, "goid", rd(mc, g, F_g_goid));
    jw_addr(w, "addr", g);
    jw_str(w, "status", go_gstatus_name((uint32_t)rd(mc, g, F_g_atomicstatus)));
    jw_obj(w, "stack");
    jw_addr(w, "lo", rd2(mc, g, F_g_stack, F_stack_lo));
    jw_addr(w, "hi", rd2(mc, g, F_g_stack, F_stack_hi));
    jw_obj_end(w);
    jw_addr(w, "stackguard0", rd(mc, g, F_g_stackguard0));
    jw_obj(w, "sched");
    jw_addr(w, "sp", sp);
    jw_addr(w, "pc", rd2(mc, g, F_g_sched, F_gobuf_pc));
    jw_addr(w, "g", rd2(mc, g, F_g_sched, F_gobuf_g));
    jw_addr(w, "ctxt", rd2(mc, g, F_g_sched, F_gobuf_ctxt));
    jw_obj_end(w);
    jw_addr(w, "stktopsp", rd(mc, g, F_g_stktopsp));
    jw_addr(w, "startpc", rd(mc, g, F_g_startpc));
    jw_addr(w, "gopc", rd(mc, g, F_g_gopc));
    if (go_has(F_g_parentGoid))
        jw_uint(w, "parentGoid", rd(mc, g, F_g_parentGoid));
    else
        jw_null(w, "parentGoid");   /* go1.19 has none */
    uint32_t why = (uint32_t)rd(mc, g, F_g_waitreason);
    char name[64];
    if (mc->nwait_names)
        jw_str(w, "waitreason", go_view_waitreason(mc, why, name, sizeof name));
    else
        jw_int(w, "waitreason", why);
    id_or_null(w, "m", view_mid(mc, rd(mc, g, F_g_m)));
    if (sp)
        jw_addr(w, "top_word", rd_var(mc, sp, 8));
    else
        jw_null(w, "top_word");
    jw_obj_end(w);
}

static void dump_m0_g0(jw *w, machine *mc)
{
    jw_obj(w, "m0");
    jw_int(w, "id", (int64_t)rd(mc, mc->m0, F_m_id));
    goid_or_null(w, mc, "curg", rd(mc, mc->m0, F_m_curg));
    id_or_null(w, "p", view_pid(mc, rd(mc, mc->m0, F_m_p)));
    jw_addr(w, "g0", rd(mc, mc->m0, F_m_g0));
    jw_obj_end(w);
    jw_obj(w, "g0");
    jw_obj(w, "stack");
    jw_addr(w, "lo", rd2(mc, mc->g0, F_g_stack, F_stack_lo));
    jw_addr(w, "hi", rd2(mc, mc->g0, F_g_stack, F_stack_hi));
    jw_obj_end(w);
    jw_obj(w, "sched");
    jw_addr(w, "sp", rd2(mc, mc->g0, F_g_sched, F_gobuf_sp));
    jw_addr(w, "pc", rd2(mc, mc->g0, F_g_sched, F_gobuf_pc));
    jw_obj_end(w);
    jw_obj_end(w);
}

/* Every M, from allm along m.alllink: m.procid is its thread's id. */
static void dump_allm(jw *w, machine *mc)
{
    static uint64_t ms[VIEW_MAX];
    int n = view_allm(mc, ms, VIEW_MAX);
    jw_arr(w, "allm");
    for (int i = 0; i < n; i++) {
        uint64_t mp = ms[i];
        jw_obj(w, NULL);
        jw_int(w, "id", (int64_t)rd(mc, mp, F_m_id));
        jw_uint(w, "thread", rd(mc, mp, F_m_procid));
        goid_or_null(w, mc, "curg", rd(mc, mp, F_m_curg));
        id_or_null(w, "p", view_pid(mc, rd(mc, mp, F_m_p)));
        jw_bool(w, "spinning", rd(mc, mp, F_m_spinning) != 0);
        jw_bool(w, "blocked", rd(mc, mp, F_m_blocked) != 0);
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

/* The registers, and the symbols the dump was read through: every symbol
 * of a model-mode image, the runtime's globals of a real binary. */
static void dump_regs_syms(jw *w, machine *mc)
{
    jw_obj(w, "regs");
    for (int r = 0; r < EMU_NREGS; r++)
        jw_addr(w, emu_reg_names[r], emu_reg_get(mc->cpu, (emu_reg)r));
    jw_obj_end(w);
    jw_obj(w, "symbols");
    if (mc->go_version) {
        const struct { const char *name; uint64_t at; } globals[] = {
            {"runtime.allgs", mc->allgs}, {"runtime.allm", mc->allm}, {"runtime.allp", mc->allp},
            {"runtime.g0", mc->g0},       {"runtime.m0", mc->m0},     {"runtime.sched", mc->sched},
        };
        for (size_t i = 0; i < sizeof globals / sizeof globals[0]; i++)
            jw_addr(w, globals[i].name, globals[i].at);
    } else {
        for (size_t i = 0; i < mc->img.nsyms; i++)
            jw_addr(w, mc->img.syms[i].name, mc->img.syms[i].addr);
    }
    jw_obj_end(w);
}

void dump_state_json(machine *mc, FILE *out)
{
    jw w;
    jw_init(&w, out);
    jw_obj(&w, NULL);
    if (mc->go_version) {
        jw_str(&w, "go", mc->go_version);
        jw_str(&w, "layout", go_layout_current->version);
    }
    jw_int(&w, "gomaxprocs", (int64_t)(int32_t)rd_var(mc, mc->gomaxprocs, 4));
    jw_int(&w, "ncpu", (int64_t)(int32_t)rd_var(mc, mc->ncpu, 4));
    jw_str(&w, "state", run_state_name(mc->state));
    jw_uint(&w, "instructions", emu_icount(mc->cpu));
    dump_sched(&w, mc);
    jw_arr(&w, "allp");
    for (int i = 0; i < view_nallp(mc); i++)
        dump_p(&w, mc, view_allp(mc, i));
    jw_arr_end(&w);
    jw_arr(&w, "allgs");
    for (int i = 0; i < view_nallg(mc); i++)
        dump_g(&w, mc, view_allg(mc, i));
    jw_arr_end(&w);
    dump_allm(&w, mc);
    dump_m0_g0(&w, mc);
    dump_regs_syms(&w, mc);
    jw_obj_end(&w);
    fputc('\n', out);
}
