/* schedtrace blocks: see schedtrace.h.  Field order and spelling follow
 * go1.21's schedtrace (proc.go:5793). */
#include "runtime_model/schedtrace.h"
#include "runtime_model/sched_view.h"
#include "traces/strbuf.h"
#include "traces/trace.h"
#include <stdlib.h>
#include <string.h>

/* " key=value" pieces of the block, formatted by hand (a snapshot follows
 * almost every model call, so printf's cost showed). */
static void kv_dec(strbuf *b, const char *key, long long v)
{
    sb_str(b, key);
    sb_dec(b, v);
}

static void kv_str(strbuf *b, const char *key, const char *v)
{
    sb_str(b, key);
    sb_str(b, v);
}

/* " key=N", or " key=nil" for an absent id. */
static void kv_id(strbuf *b, const char *key, int64_t id)
{
    if (id < 0)
        kv_str(b, key, "nil");
    else
        kv_dec(b, key, id);
}

static int64_t goid_of(machine *mc, uint64_t g) { return g ? (int64_t)rd(mc, g, F_g_goid) : -1; }

static const char *tf(uint64_t v) { return v ? "true" : "false"; }

static const char *wait_reason(uint8_t r)
{
    static const char *names[] = {"", "GC assist marking", "IO wait", "chan receive (nil chan)",
        "chan send (nil chan)", "dumping heap", "garbage collection", "garbage collection scan",
        "panicwait", "select", "select (no cases)", "GC assist wait", "GC sweep wait",
        "GC scavenge wait", "chan receive", "chan send", "finalizer wait", "force gc (idle)",
        "semacquire", "sleep", "sync.Cond.Wait", "sync.Mutex.Lock", "sync.RWMutex.RLock",
        "sync.RWMutex.Lock", "trace reader (blocked)", "wait for GC cycle", "GC worker (idle)",
        "GC worker (active)", "preempted", "debug call", "GC mark termination",
        "stopping the world"};
    return r < sizeof names / sizeof names[0] ? names[r] : "unknown wait reason";
}

static void sched_line(machine *mc, strbuf *b, int64_t origin_ns)
{
    uint64_t s = mc->sched;
    kv_dec(b, "SCHED ", (nanotime(mc) - origin_ns) / 1000000);
    kv_dec(b, "ms: gomaxprocs=", (int32_t)rd_var(mc, mc->gomaxprocs, 4));
    kv_dec(b, " idleprocs=", (int32_t)rd(mc, s, F_schedt_npidle));
    kv_dec(b, " threads=", (long long)(rd(mc, s, F_schedt_mnext) - rd(mc, s, F_schedt_nmfreed)));
    kv_dec(b, " spinningthreads=", (int32_t)rd(mc, s, F_schedt_nmspinning));
    kv_dec(b, " needspinning=", (uint32_t)rd(mc, s, F_schedt_needspinning));
    kv_dec(b, " idlethreads=", (int32_t)rd(mc, s, F_schedt_nmidle));
    kv_dec(b, " runqueue=", (int32_t)rd(mc, s, F_schedt_runqsize));
    kv_str(b, " gcwaiting=", tf(rd(mc, s, F_schedt_gcwaiting)));
    kv_dec(b, " nmidlelocked=", (int32_t)rd(mc, s, F_schedt_nmidlelocked));
    kv_dec(b, " stopwait=", (int32_t)rd(mc, s, F_schedt_stopwait));
    kv_str(b, " sysmonwait=", tf(rd(mc, s, F_schedt_sysmonwait)));
    sb_str(b, "\n");
}

static void p_lines(machine *mc, strbuf *b)
{
    for (int i = 0; i < view_nallp(mc); i++) {
        uint64_t pp = view_allp(mc, i);
        uint32_t h = (uint32_t)rd(mc, pp, F_p_runqhead), t = (uint32_t)rd(mc, pp, F_p_runqtail);
        kv_dec(b, "  P", i);
        kv_dec(b, ": status=", (uint32_t)rd(mc, pp, F_p_status));
        kv_dec(b, " schedtick=", (uint32_t)rd(mc, pp, F_p_schedtick));
        kv_dec(b, " syscalltick=", (uint32_t)rd(mc, pp, F_p_syscalltick));
        kv_id(b, " m=", view_mid(mc, rd(mc, pp, F_p_m)));
        kv_dec(b, " runqsize=", t - h);
        kv_dec(b, " gfreecnt=", (int32_t)rd2(mc, pp, F_p_gFree, F_anon_p_gFree_n));
        kv_dec(b, " timerslen=", (long long)rd_var(mc, pp + go_off(F_p_timers) + 8, 8));
        sb_str(b, "\n");
    }
}

static void m_lines(machine *mc, strbuf *b)
{
    int guard = 0;
    for (uint64_t mp = rd_var(mc, mc->allm, 8); mp && guard++ < VIEW_MAX;
         mp = rd(mc, mp, F_m_alllink)) {
        kv_dec(b, "  M", (long long)rd(mc, mp, F_m_id));
        kv_id(b, ": p=", view_pid(mc, rd(mc, mp, F_m_p)));
        kv_id(b, " curg=", goid_of(mc, rd(mc, mp, F_m_curg)));
        kv_dec(b, " mallocing=", (int32_t)rd(mc, mp, F_m_mallocing));
        kv_dec(b, " throwing=", (int32_t)rd(mc, mp, F_m_throwing));
        kv_dec(b, " preemptoff= locks=", (int32_t)rd(mc, mp, F_m_locks));
        kv_dec(b, " dying=", (int32_t)rd(mc, mp, F_m_dying));
        kv_str(b, " spinning=", tf(rd(mc, mp, F_m_spinning)));
        kv_str(b, " blocked=", tf(rd(mc, mp, F_m_blocked)));
        kv_id(b, " lockedg=", goid_of(mc, rd(mc, mp, F_m_lockedg)));
        sb_str(b, "\n");
    }
}

static void g_lines(machine *mc, strbuf *b)
{
    for (int i = 0; i < view_nallg(mc); i++) {
        uint64_t g = view_allg(mc, i);
        kv_dec(b, "  G", (long long)rd(mc, g, F_g_goid));
        kv_dec(b, ": status=", (uint32_t)rd(mc, g, F_g_atomicstatus));
        kv_str(b, "(", wait_reason((uint8_t)rd(mc, g, F_g_waitreason)));
        kv_id(b, ") m=", view_mid(mc, rd(mc, g, F_g_m)));
        kv_id(b, " lockedm=", view_mid(mc, rd(mc, g, F_g_lockedm)));
        sb_str(b, "\n");
    }
}

void schedtrace_text(machine *mc, int64_t origin_ns, char *buf, size_t len)
{
    strbuf b = sb_on(buf, len);
    sched_line(mc, &b, origin_ns);
    p_lines(mc, &b);
    m_lines(mc, &b);
    g_lines(mc, &b);
    if (b.n > 0 && buf[b.n - 1] == '\n')
        buf[b.n - 1] = 0;   /* the record adds its own line ends */
}

void schedtrace_after_call(machine *mc)
{
    if (!mc->tr || mc->cfg->sched == SCHED_NEVER)
        return;
    static char block[1 << 16];
    if (!mc->sched_origin)
        mc->sched_origin = nanotime(mc);
    schedtrace_text(mc, mc->sched_origin, block, sizeof block);
    if (mc->cfg->sched == SCHED_ON_CHANGE && mc->last_sched && strcmp(block, mc->last_sched) == 0)
        return;
    free(mc->last_sched);
    mc->last_sched = strdup(block);
    tracer_sched(mc->tr, block);
}
