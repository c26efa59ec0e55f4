/* schedtrace blocks: see schedtrace.h.  Field order and spelling follow
 * go1.21's schedtrace (proc.go:5793).
 *
 * A block is taken in two steps: its values are read into a sched_snap
 * (numbers only, in print order), and the text is made from them.  After
 * most model calls the scheduler is as it was, so with trace.sched
 * on-change the values are compared with the last block's and the text is
 * made only when they differ. */
#include "runtime_model/schedtrace.h"
#include "runtime_model/go_obj.h"
#include "runtime_model/sched_view.h"
#include "traces/strbuf.h"
#include "traces/trace.h"
#include <stdlib.h>
#include <string.h>

/* Values per line of each kind (see the *_values functions). */
enum { SCHED_VALUES = 12, P_VALUES = 7, M_VALUES = 10, G_VALUES = 5 };

/* v[0..2] are the numbers of P, M and G lines, v[3] how to print them
 * (STYLE_*); the values follow. */
struct sched_snap {
    size_t n, cap;
    int64_t *v;
};
enum { NP, NM, NG, STYLE, COUNTS };

/* How the Go version prints a block (go-runtime-facts.md §5.5): go1.21
 * has needspinning, prints absent ids as nil and gcwaiting/sysmonwait as
 * booleans; go1.19 and go1.20 have no needspinning, print -1 and 0/1. */
enum { STYLE_GO121, STYLE_GO119 };

static int64_t style_now(void)
{
    const char *v = go_layout_current->version;   /* "go1.19", "go1.20.3" ... */
    int minor = strncmp(v, "go1.", 4) == 0 ? atoi(v + 4) : 0;
    return minor > 0 && minor < 21 ? STYLE_GO119 : STYLE_GO121;
}

/* A real binary's own wait reason names (schedtrace_use_wait_names). */
static char **wait_names;
static int nwait_names;

void schedtrace_use_wait_names(char **names, int n)
{
    wait_names = names;
    nwait_names = n;
}

static void put(sched_snap *s, int64_t v)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 128;
        int64_t *nv = realloc(s->v, cap * sizeof *nv);
        if (!nv) {
            fprintf(stderr, "sim: out of memory for a scheduler snapshot\n");
            abort();
        }
        s->v = nv;
        s->cap = cap;
    }
    s->v[s->n++] = v;
}

static int64_t goid_of(machine *mc, uint64_t g) { return g ? (int64_t)rd(mc, g, F_g_goid) : -1; }

static void sched_values(machine *mc, sched_snap *s, int64_t origin_ns)
{
    go_obj o = go_obj_at(mc, mc->sched, T_schedt);
    put(s, (nanotime(mc) - origin_ns) / 1000000);
    put(s, (int32_t)rd_var(mc, mc->gomaxprocs, 4));
    put(s, (int32_t)obj_rd(&o, F_schedt_npidle));
    put(s, (int64_t)(obj_rd(&o, F_schedt_mnext) - obj_rd(&o, F_schedt_nmfreed)));
    put(s, (int32_t)obj_rd(&o, F_schedt_nmspinning));
    put(s, (uint32_t)obj_rd(&o, F_schedt_needspinning));
    put(s, (int32_t)obj_rd(&o, F_schedt_nmidle));
    put(s, (int32_t)obj_rd(&o, F_schedt_runqsize));
    put(s, (int64_t)obj_rd(&o, F_schedt_gcwaiting) != 0);
    put(s, (int32_t)obj_rd(&o, F_schedt_nmidlelocked));
    put(s, (int32_t)obj_rd(&o, F_schedt_stopwait));
    put(s, obj_rd(&o, F_schedt_sysmonwait) != 0);
}

static void p_values(machine *mc, sched_snap *s)
{
    int n = view_nallp(mc);
    uint64_t arr = rd_var(mc, mc->allp, 8);
    for (int i = 0; i < n; i++) {
        go_obj o = go_obj_at(mc, rd_var(mc, arr + 8 * (uint64_t)i, 8), T_p);
        uint32_t h = (uint32_t)obj_rd(&o, F_p_runqhead), t = (uint32_t)obj_rd(&o, F_p_runqtail);
        put(s, (uint32_t)obj_rd(&o, F_p_status));
        put(s, (uint32_t)obj_rd(&o, F_p_schedtick));
        put(s, (uint32_t)obj_rd(&o, F_p_syscalltick));
        put(s, view_mid(mc, obj_rd(&o, F_p_m)));
        put(s, t - h);
        put(s, (int32_t)obj_rd2(&o, F_p_gFree, F_anon_p_gFree_n));
        put(s, (int64_t)rd_var(mc, o.base + go_off(F_p_timers) + 8, 8));
    }
    s->v[NP] = n;
}

static void m_values(machine *mc, sched_snap *s)
{
    int n = 0;
    for (uint64_t mp = rd_var(mc, mc->allm, 8); mp && n < VIEW_MAX; n++) {
        go_obj o = go_obj_at(mc, mp, T_m);
        put(s, (int64_t)obj_rd(&o, F_m_id));
        put(s, view_pid(mc, obj_rd(&o, F_m_p)));
        put(s, goid_of(mc, obj_rd(&o, F_m_curg)));
        put(s, (int32_t)obj_rd(&o, F_m_mallocing));
        put(s, (int32_t)obj_rd(&o, F_m_throwing));
        put(s, (int32_t)obj_rd(&o, F_m_locks));
        put(s, (int32_t)obj_rd(&o, F_m_dying));
        put(s, obj_rd(&o, F_m_spinning) != 0);
        put(s, obj_rd(&o, F_m_blocked) != 0);
        put(s, goid_of(mc, obj_rd(&o, F_m_lockedg)));
        mp = obj_rd(&o, F_m_alllink);
    }
    s->v[NM] = n;
}

static void g_values(machine *mc, sched_snap *s)
{
    int n = view_nallg(mc);
    uint64_t arr = rd_var(mc, mc->allgs, 8);
    for (int i = 0; i < n; i++) {
        go_obj o = go_obj_at(mc, rd_var(mc, arr + 8 * (uint64_t)i, 8), T_g);
        put(s, (int64_t)obj_rd(&o, F_g_goid));
        put(s, (uint32_t)obj_rd(&o, F_g_atomicstatus));
        put(s, (uint8_t)obj_rd(&o, F_g_waitreason));
        put(s, view_mid(mc, obj_rd(&o, F_g_m)));
        put(s, view_mid(mc, obj_rd(&o, F_g_lockedm)));
    }
    s->v[NG] = n;
}

/* Reads the block's values into S (emptied first). */
static void snap_take(machine *mc, sched_snap *s, int64_t origin_ns)
{
    s->n = 0;
    for (int i = 0; i < COUNTS; i++)
        put(s, 0);
    s->v[STYLE] = style_now();
    sched_values(mc, s, origin_ns);
    p_values(mc, s);
    m_values(mc, s);
    g_values(mc, s);
}

static bool snap_equal(const sched_snap *a, const sched_snap *b)
{
    return a->n == b->n && memcmp(a->v, b->v, a->n * sizeof *a->v) == 0;
}

sched_snap *sched_snap_dup(const sched_snap *s)
{
    if (!s)
        return NULL;
    sched_snap *d = calloc(1, sizeof *d);
    if (d && s->n && !(d->v = malloc(s->n * sizeof *d->v))) {
        free(d);
        return NULL;
    }
    if (d) {
        d->n = d->cap = s->n;
        if (s->n)
            memcpy(d->v, s->v, s->n * sizeof *d->v);
    }
    return d;
}

void sched_snap_free(sched_snap *s)
{
    if (s)
        free(s->v);
    free(s);
}

/* --- text: " key=value" pieces, formatted by hand (printf's cost showed) --- */

static const char *tf(int64_t v) { return v ? "true" : "false"; }

static int64_t style;   /* of the block being written: set by snap_text */

static void kv_dec(strbuf *b, const char *key, int64_t v)
{
    sb_str(b, key);
    sb_dec(b, v);
}

static void kv_str(strbuf *b, const char *key, const char *v)
{
    sb_str(b, key);
    sb_str(b, v);
}

/* " key=N", or " key=nil" for an absent id (go1.19: -1). */
static void kv_id(strbuf *b, const char *key, int64_t id)
{
    if (id < 0 && style == STYLE_GO119)
        kv_dec(b, key, -1);
    else if (id < 0)
        kv_str(b, key, "nil");
    else
        kv_dec(b, key, id);
}

static const char *wait_reason(int64_t r)
{
    if (wait_names)
        return r >= 0 && r < nwait_names ? wait_names[r] : "unknown wait reason";
    static const char *names[] = {"", "GC assist marking", "IO wait", "chan receive (nil chan)",
        "chan send (nil chan)", "dumping heap", "garbage collection", "garbage collection scan",
        "panicwait", "select", "select (no cases)", "GC assist wait", "GC sweep wait",
        "GC scavenge wait", "chan receive", "chan send", "finalizer wait", "force gc (idle)",
        "semacquire", "sleep", "sync.Cond.Wait", "sync.Mutex.Lock", "sync.RWMutex.RLock",
        "sync.RWMutex.Lock", "trace reader (blocked)", "wait for GC cycle", "GC worker (idle)",
        "GC worker (active)", "preempted", "debug call", "GC mark termination",
        "stopping the world"};
    return r >= 0 && r < (int64_t)(sizeof names / sizeof names[0]) ? names[r]
                                                                 : "unknown wait reason";
}

static const int64_t *sched_line(strbuf *b, const int64_t *v)
{
    kv_dec(b, "SCHED ", v[0]);
    kv_dec(b, "ms: gomaxprocs=", v[1]);
    kv_dec(b, " idleprocs=", v[2]);
    kv_dec(b, " threads=", v[3]);
    kv_dec(b, " spinningthreads=", v[4]);
    if (style != STYLE_GO119)
        kv_dec(b, " needspinning=", v[5]);
    kv_dec(b, " idlethreads=", v[6]);
    kv_dec(b, " runqueue=", v[7]);
    if (style == STYLE_GO119)
        kv_dec(b, " gcwaiting=", v[8]);
    else
        kv_str(b, " gcwaiting=", tf(v[8]));
    kv_dec(b, " nmidlelocked=", v[9]);
    kv_dec(b, " stopwait=", v[10]);
    if (style == STYLE_GO119)
        kv_dec(b, " sysmonwait=", v[11]);
    else
        kv_str(b, " sysmonwait=", tf(v[11]));
    sb_str(b, "\n");
    return v + SCHED_VALUES;
}

static const int64_t *p_line(strbuf *b, int i, const int64_t *v)
{
    kv_dec(b, "  P", i);
    kv_dec(b, ": status=", v[0]);
    kv_dec(b, " schedtick=", v[1]);
    kv_dec(b, " syscalltick=", v[2]);
    kv_id(b, " m=", v[3]);
    kv_dec(b, " runqsize=", v[4]);
    kv_dec(b, " gfreecnt=", v[5]);
    kv_dec(b, " timerslen=", v[6]);
    sb_str(b, "\n");
    return v + P_VALUES;
}

static const int64_t *m_line(strbuf *b, const int64_t *v)
{
    kv_dec(b, "  M", v[0]);
    kv_id(b, ": p=", v[1]);
    kv_id(b, " curg=", v[2]);
    kv_dec(b, " mallocing=", v[3]);
    kv_dec(b, " throwing=", v[4]);
    kv_dec(b, " preemptoff= locks=", v[5]);
    kv_dec(b, " dying=", v[6]);
    kv_str(b, " spinning=", tf(v[7]));
    kv_str(b, " blocked=", tf(v[8]));
    kv_id(b, " lockedg=", v[9]);
    sb_str(b, "\n");
    return v + M_VALUES;
}

static const int64_t *g_line(strbuf *b, const int64_t *v)
{
    kv_dec(b, "  G", v[0]);
    kv_dec(b, ": status=", v[1]);
    kv_str(b, "(", wait_reason(v[2]));
    kv_id(b, ") m=", v[3]);
    kv_id(b, " lockedm=", v[4]);
    sb_str(b, "\n");
    return v + G_VALUES;
}

/* The values the counts V[0..2] announce, or 0 if N is not that many. */
static size_t snap_size(const int64_t *v, size_t n)
{
    if (n < COUNTS || v[NP] < 0 || v[NM] < 0 || v[NG] < 0 || v[STYLE] < 0 || v[STYLE] > 1)
        return 0;
    size_t want = COUNTS + SCHED_VALUES + (size_t)v[NP] * P_VALUES + (size_t)v[NM] * M_VALUES +
                  (size_t)v[NG] * G_VALUES;
    return want == n ? n : 0;
}

static void snap_text(const int64_t *values, char *buf, size_t len)
{
    strbuf b = sb_on(buf, len);
    style = values[STYLE];
    const int64_t *v = sched_line(&b, values + COUNTS);
    for (int64_t i = 0; i < values[NP]; i++)
        v = p_line(&b, (int)i, v);
    for (int64_t i = 0; i < values[NM]; i++)
        v = m_line(&b, v);
    for (int64_t i = 0; i < values[NG]; i++)
        v = g_line(&b, v);
    if (b.n > 0 && buf[b.n - 1] == '\n')
        buf[b.n - 1] = 0;   /* the record adds its own line ends */
}

/* Longest text of a block; a longer one is cut short (as by schedtrace's
 * own fixed buffer). */
#define SCHED_TEXT_MAX (64u << 10)
_Static_assert(REC_EXPAND_CAP > SCHED_TEXT_MAX, "REC_EXPAND_CAP leaves no room for values");

/* rec_expand_fn of a sched record: the payload is a sched_snap's values.
 * They are copied to an aligned place first (the payload need not be
 * 8-byte aligned): past the text's room in BUF or, for a block of many
 * hundred gs, memory of their own. */
static void expand_sched(const uint8_t *payload, size_t len, trace_rec *r, char *buf, size_t cap)
{
    size_t n = len / sizeof(int64_t);
    bool in_buf = cap >= SCHED_TEXT_MAX && len <= cap - SCHED_TEXT_MAX;
    int64_t *v = in_buf ? (int64_t *)(void *)(buf + SCHED_TEXT_MAX) : malloc(len);
    r->text = "";
    if (!v || len % sizeof(int64_t) != 0 || cap < SCHED_TEXT_MAX) {
        if (!in_buf)
            free(v);
        return;
    }
    memcpy(v, payload, len);   /* BUF is malloc'd and SCHED_TEXT_MAX a multiple of 8: aligned */
    if (snap_size(v, n) != 0) {
        snap_text(v, buf, SCHED_TEXT_MAX);
        r->text = buf;
    }
    if (!in_buf)
        free(v);
}

void schedtrace_after_call(machine *mc)
{
    if (!mc->tr || mc->cfg->sched == SCHED_NEVER)
        return;
    static sched_snap now;   /* reused: its values array grows once */
    if (!mc->sched_origin)
        mc->sched_origin = nanotime(mc);
    snap_take(mc, &now, mc->sched_origin);
    if (mc->cfg->sched == SCHED_ON_CHANGE && mc->last_sched && snap_equal(&now, mc->last_sched))
        return;
    if (!mc->last_sched && !(mc->last_sched = calloc(1, sizeof *mc->last_sched)))
        abort();
    sched_snap t = *mc->last_sched;   /* swap: the last block's array is reused next time */
    *mc->last_sched = now;
    now = t;
    tracer_deferred(mc->tr, REC_SCHED, 0, expand_sched, mc->last_sched->v,
                    mc->last_sched->n * sizeof *mc->last_sched->v);
}
