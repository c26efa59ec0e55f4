/* schedtrace blocks: see schedtrace.h.  Field order and spelling follow
 * go1.21's schedtrace (proc.go:5793). */
#include "runtime_model/schedtrace.h"
#include "runtime_model/sched_view.h"
#include "traces/trace.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef struct { char *buf; size_t len, n; } sbuf;

static void put(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(sbuf *b, const char *fmt, ...)
{
    if (b->n >= b->len)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(b->buf + b->n, b->len - b->n, fmt, ap);
    va_end(ap);
    b->n += k > 0 ? (size_t)k : 0;
}

/* "N" or "nil" for an id that may be absent. */
static const char *id_text(int64_t id, char *buf)
{
    if (id < 0)
        return "nil";
    snprintf(buf, 24, "%lld", (long long)id);
    return buf;
}

static const char *goid_text(machine *mc, uint64_t g, char *buf)
{
    return id_text(g ? (int64_t)rd(mc, g, F_g_goid) : -1, buf);
}

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

static void sched_line(machine *mc, sbuf *b, int64_t origin_ns)
{
    uint64_t s = mc->sched;
    int64_t ms = (nanotime(mc) - origin_ns) / 1000000;
    put(b, "SCHED %lldms: gomaxprocs=%d idleprocs=%d threads=%lld spinningthreads=%d "
           "needspinning=%u idlethreads=%d runqueue=%d gcwaiting=%s nmidlelocked=%d "
           "stopwait=%d sysmonwait=%s\n",
        (long long)ms, (int32_t)rd_var(mc, mc->gomaxprocs, 4), (int32_t)rd(mc, s, F_schedt_npidle),
        (long long)(rd(mc, s, F_schedt_mnext) - rd(mc, s, F_schedt_nmfreed)),
        (int32_t)rd(mc, s, F_schedt_nmspinning), (uint32_t)rd(mc, s, F_schedt_needspinning),
        (int32_t)rd(mc, s, F_schedt_nmidle), (int32_t)rd(mc, s, F_schedt_runqsize),
        rd(mc, s, F_schedt_gcwaiting) ? "true" : "false",
        (int32_t)rd(mc, s, F_schedt_nmidlelocked), (int32_t)rd(mc, s, F_schedt_stopwait),
        rd(mc, s, F_schedt_sysmonwait) ? "true" : "false");
}

static void p_lines(machine *mc, sbuf *b)
{
    char a[24];
    for (int i = 0; i < view_nallp(mc); i++) {
        uint64_t pp = view_allp(mc, i);
        uint32_t h = (uint32_t)rd(mc, pp, F_p_runqhead), t = (uint32_t)rd(mc, pp, F_p_runqtail);
        put(b, "  P%d: status=%u schedtick=%u syscalltick=%u m=%s runqsize=%u gfreecnt=%d "
               "timerslen=%llu\n",
            i, (uint32_t)rd(mc, pp, F_p_status), (uint32_t)rd(mc, pp, F_p_schedtick),
            (uint32_t)rd(mc, pp, F_p_syscalltick), id_text(view_mid(mc, rd(mc, pp, F_p_m)), a),
            t - h, (int32_t)rd2(mc, pp, F_p_gFree, F_anon_p_gFree_n),
            (unsigned long long)rd_var(mc, pp + go_off(F_p_timers) + 8, 8));
    }
}

static void m_lines(machine *mc, sbuf *b)
{
    char a[24], c[24], d[24];
    int guard = 0;
    for (uint64_t mp = rd_var(mc, mc->allm, 8); mp && guard++ < VIEW_MAX;
         mp = rd(mc, mp, F_m_alllink))
        put(b, "  M%lld: p=%s curg=%s mallocing=%d throwing=%d preemptoff= locks=%d dying=%d "
               "spinning=%s blocked=%s lockedg=%s\n",
            (long long)rd(mc, mp, F_m_id), id_text(view_pid(mc, rd(mc, mp, F_m_p)), a),
            goid_text(mc, rd(mc, mp, F_m_curg), c), (int32_t)rd(mc, mp, F_m_mallocing),
            (int32_t)rd(mc, mp, F_m_throwing), (int32_t)rd(mc, mp, F_m_locks),
            (int32_t)rd(mc, mp, F_m_dying), rd(mc, mp, F_m_spinning) ? "true" : "false",
            rd(mc, mp, F_m_blocked) ? "true" : "false", goid_text(mc, rd(mc, mp, F_m_lockedg), d));
}

static void g_lines(machine *mc, sbuf *b)
{
    char a[24], c[24];
    for (int i = 0; i < view_nallg(mc); i++) {
        uint64_t g = view_allg(mc, i);
        put(b, "  G%llu: status=%u(%s) m=%s lockedm=%s\n", (unsigned long long)rd(mc, g, F_g_goid),
            (uint32_t)rd(mc, g, F_g_atomicstatus), wait_reason((uint8_t)rd(mc, g, F_g_waitreason)),
            id_text(view_mid(mc, rd(mc, g, F_g_m)), a),
            id_text(view_mid(mc, rd(mc, g, F_g_lockedm)), c));
    }
}

void schedtrace_text(machine *mc, int64_t origin_ns, char *buf, size_t len)
{
    sbuf b = {buf, len, 0};
    buf[0] = 0;
    sched_line(mc, &b, origin_ns);
    p_lines(mc, &b);
    m_lines(mc, &b);
    g_lines(mc, &b);
    if (b.n > 0 && b.n <= len && buf[b.n - 1] == '\n')
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
