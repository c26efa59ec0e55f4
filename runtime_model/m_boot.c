/* Bootstrap models: runtime.check, args (+sysargs), osinit, schedinit (+
 * mcommoninit, goargs, goenvs), procresize, pidleput/pidleget.
 * go1.21.13 runtime/runtime1.go, os_linux.go and proc.go. */
#include "runtime_model/models_internal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* runtime.check (runtime1.go:142): the toolchain's self-checks of type sizes,
 * atomics and NaN handling.  The model checks instead what sim depends on:
 * that the layout table's sizes of the structures the models and the
 * assembly touch are go1.21's (go_asm.h's type__size values). */
static const struct { const char *type; uint32_t size; } go121_sizes[] = {
    {"g", 408}, {"m", 1008}, {"p", 8912}, {"schedt", 1632},
    {"gobuf", 56}, {"stack", 16}, {"funcval", 8},
};

void model_check(machine *mc, int resume)
{
    (void)resume;
    enter(mc, "runtime·check", "%s", "");
    for (size_t i = 0; i < sizeof go121_sizes / sizeof go121_sizes[0] && ok(mc); i++) {
        uint32_t have = go_type_size(go121_sizes[i].type);
        if (have != go121_sizes[i].size)
            throw_(mc, "check: the layout table's %s is %u bytes, go1.21's is %u",
                   go121_sizes[i].type, have, go121_sizes[i].size);
    }
    if (ok(mc))
        note(mc, "type sizes agree with go1.21 (g 408, m 1008, p 8912, schedt 1632, gobuf 56, "
                 "stack 16, funcval 8)");
    leave(mc);
    if (ok(mc))
        model_return(mc);
}

/* sysargs (os_linux.go:213): past argv and envp lies auxv; AT_PAGESZ gives
 * physPageSize and AT_RANDOM the 16 bytes startupRand points at. */
static void sysargs(machine *mc, int32_t argc, uint64_t argv)
{
    enter(mc, "runtime·sysargs", "argc=%d, argv=0x%llx", argc, (unsigned long long)argv);
    uint64_t n = (uint64_t)argc + 1;
    while (rd_var(mc, argv + 8 * n, 8) != 0 && n < 100000)
        n++;
    n++;
    for (uint64_t p = argv + 8 * n; n < 100000; p += 16, n += 2) {
        uint64_t tag = rd_var(mc, p, 8), val = rd_var(mc, p + 8, 8);
        if (tag == AT_NULL)
            break;
        if (tag == AT_PAGESZ)
            wr_var(mc, mc->physPageSize, 8, KIND_U64, "runtime·physPageSize", val);
        if (tag == AT_RANDOM) {
            wr_var(mc, mc->startupRand, 8, KIND_UPTR, "runtime·startupRand.ptr", val);
            wr_var(mc, mc->startupRand + 8, 8, KIND_U64, "runtime·startupRand.len", 16);
            wr_var(mc, mc->startupRand + 16, 8, KIND_U64, "runtime·startupRand.cap", 16);
        }
    }
    leave(mc);
}

/* runtime.args(c int32, v **byte) (runtime1.go:66), through runtime·args·abi0:
 * c in AX, v in BX. */
void model_args(machine *mc, int resume)
{
    (void)resume;
    int32_t c = (int32_t)emu_reg_get(mc->cpu, R_RAX);
    uint64_t v = emu_reg_get(mc->cpu, R_RBX);
    enter(mc, "runtime·args", "c=%d, v=0x%llx", c, (unsigned long long)v);
    wr_var(mc, mc->argc, 4, KIND_I32, "runtime·argc", (uint64_t)(int64_t)c);
    wr_var(mc, mc->argv, 8, KIND_UPTR, "runtime·argv", v);
    sysargs(mc, c, v);
    leave(mc);
    model_return(mc);
}

/* runtime.osinit (os_linux.go:346): ncpu from sched_getaffinity, here from
 * the config; the huge page size and osArchInit are left out. */
void model_osinit(machine *mc, int resume)
{
    (void)resume;
    enter(mc, "runtime·osinit", "%s", "");
    wr_var(mc, mc->ncpu, 4, KIND_I32, "runtime·ncpu", (uint64_t)mc->cfg->ncpu);
    leave(mc);
    model_return(mc);
}

/* A []string built in the arena from a NULL-free vector of C strings in
 * emulated memory (goargs and goenvs_unix). */
static void make_string_slice(machine *mc, uint64_t slice, const char *name, uint64_t vec, int n)
{
    uint64_t arr = n ? arena_alloc(mc, 16 * (uint64_t)n, 8) : 0;
    for (int i = 0; i < n && ok(mc); i++) {
        uint64_t s = rd_var(mc, vec + 8 * (uint64_t)i, 8), len = 0;
        while (len < 65536 && rd_var(mc, s + len, 1) != 0)
            len++;
        emu_write_u(mc->cpu, arr + 16 * (uint64_t)i, 8, s);
        emu_write_u(mc->cpu, arr + 16 * (uint64_t)i + 8, 8, len);
    }
    char field[300];
    snprintf(field, sizeof field, "%s.ptr", name);
    wr_var(mc, slice, 8, KIND_UPTR, field, arr);
    snprintf(field, sizeof field, "%s.len", name);
    wr_var(mc, slice + 8, 8, KIND_U64, field, (uint64_t)n);
    snprintf(field, sizeof field, "%s.cap", name);
    wr_var(mc, slice + 16, 8, KIND_U64, field, (uint64_t)n);
}

static void goargs_goenvs(machine *mc)
{
    int32_t argc = (int32_t)rd_var(mc, mc->argc, 4);
    uint64_t argv = rd_var(mc, mc->argv, 8);
    if (argc < 0) {   /* make([]string, argc) */
        throw_(mc, "panic: runtime error: makeslice: len out of range (goargs: argc = %d)", argc);
        return;
    }
    if (argc > 4096) {
        throw_(mc, "goargs: argc %d is more than sim models (4096)", argc);
        return;
    }
    enter(mc, "runtime·goargs", "%s", "");
    make_string_slice(mc, image_addr(&mc->img, "runtime·argslice"), "runtime·argslice", argv, argc);
    leave(mc);
    int n = 0;
    uint64_t envp = argv + 8 * ((uint64_t)argc + 1);
    while (n < 4096 && rd_var(mc, envp + 8 * (uint64_t)n, 8) != 0)
        n++;
    enter(mc, "runtime·goenvs", "%s", "");
    make_string_slice(mc, mc->envs, "runtime·envs", envp, n);
    leave(mc);
}

/* gogetenv (env_posix.go:12): the value of KEY in envs, into BUF. */
static bool gogetenv(machine *mc, const char *key, char *buf, size_t len)
{
    uint64_t arr = rd_var(mc, mc->envs, 8), n = rd_var(mc, mc->envs + 8, 8);
    size_t klen = strlen(key);
    for (uint64_t i = 0; i < n; i++) {
        uint64_t s = rd_var(mc, arr + 16 * i, 8), slen = rd_var(mc, arr + 16 * i + 8, 8);
        char tmp[256];
        if (slen >= sizeof tmp || emu_read(mc->cpu, s, tmp, slen) != 0)
            continue;
        tmp[slen] = 0;
        if (strncmp(tmp, key, klen) == 0 && tmp[klen] == '=') {
            snprintf(buf, len, "%s", tmp + klen + 1);
            return true;
        }
    }
    return false;
}

/* atoi32 (string.go): a decimal int32, or false. */
static bool atoi32(const char *s, int32_t *out)
{
    char *end;
    if (!*s)
        return false;
    long long v = strtoll(s, &end, 10);
    if (*end || v > INT32_MAX || v < INT32_MIN)
        return false;
    *out = (int32_t)v;
    return true;
}

/* mcommoninit (proc.go:825).  The fastrand seed mixes the M's id and the
 * virtual cycle counter with fastrandseed through splitmix64 where Go uses
 * memhash64 (its AES or wyhash keys are not modelled). */
void mcommoninit(machine *mc, uint64_t mp, int64_t id)
{
    enter(mc, "runtime·mcommoninit", "mp=m0, id=%lld", (long long)id);
    if (id < 0) {   /* mReserveID */
        id = (int64_t)rd(mc, mc->sched, F_schedt_mnext);
        wr(mc, mc->sched, F_schedt_mnext, (uint64_t)id + 1);
        if (id + 1 - (int64_t)rd(mc, mc->sched, F_schedt_nmfreed) >
            (int64_t)rd(mc, mc->sched, F_schedt_maxmcount))
            throw_(mc, "thread exhaustion");
    }
    wr(mc, mp, F_m_id, (uint64_t)id);
    uint64_t seed = rd_var(mc, mc->fastrandseed, 8);
    uint64_t lo = (uint64_t)id ^ seed, hi = (uint64_t)emu_icount(mc->cpu) ^ ~seed;
    lo = (lo ^ (lo >> 30)) * 0xbf58476d1ce4e5b9ULL;
    hi = (hi ^ (hi >> 27)) * 0x94d049bb133111ebULL;
    uint64_t r = (hi & 0xffffffff00000000ULL) | (uint32_t)(lo ^ (lo >> 31));
    wr(mc, mp, F_m_fastrand, r ? r : 1ULL << 32);
    /* mpreinit (os_linux.go:400): the signal-handling g, 32 KiB of stack. */
    mc->naming = (obj_ref){REF_FIXED, {.fixed = "m0.gsignal"}};
    uint64_t gs = malg(mc, 32 * 1024);
    mc->naming_g = 0;
    mc->naming.how = REF_NONE;
    wr(mc, mp, F_m_gsignal, gs);
    wr(mc, gs, F_g_m, mp);
    wr(mc, gs, F_g_stackguard1, rd2(mc, gs, F_g_stack, F_stack_lo) + C_stackGuard);
    wr(mc, mp, F_m_alllink, rd_var(mc, mc->allm, 8));
    wr_var(mc, mc->allm, 8, KIND_MPTR, "runtime·allm", mp);
    leave(mc);
}

/* schedinit (proc.go:694), in the runtime's order.  Left out: lock ranks,
 * the module/type/itab tables, the memory allocator, the GC, signals, and
 * debug variables. */
void model_schedinit(machine *mc, int resume)
{
    (void)resume;
    enter(mc, "runtime·schedinit", "%s", "");
    uint64_t gp = getg(mc);
    wr(mc, mc->sched, F_schedt_maxmcount, 10000);
    /* fastrandinit: fastrandseed from the startup random bytes (getRandomData). */
    uint64_t rnd = rd_var(mc, mc->startupRand, 8);
    wr_var(mc, mc->fastrandseed, 8, KIND_U64, "runtime·fastrandseed",
           rnd ? rd_var(mc, rnd, 8) : 0);
    mcommoninit(mc, rd(mc, gp, F_g_m), -1);
    goargs_goenvs(mc);
    wr(mc, mc->sched, F_schedt_lastpoll, (uint64_t)nanotime(mc));
    int32_t procs = (int32_t)rd_var(mc, mc->ncpu, 4), n;
    char val[256];
    if (gogetenv(mc, "GOMAXPROCS", val, sizeof val) && atoi32(val, &n) && n > 0) {
        note(mc, "GOMAXPROCS=%s overrides ncpu=%d", val, procs);
        procs = n;
    }
    if (ok(mc) && procresize(mc, procs) != 0)
        throw_(mc, "unknown runnable goroutine during bootstrap");
    leave(mc);
    if (ok(mc))
        model_return(mc);
}

/* pidleput (proc.go:6091): push PP on the idle list (sched.lock held);
 * returns NOW, or the time read when it was 0.  The idle and timer P
 * masks and the limiter's idle event are left out (docs/models.md). */
int64_t pidleput(machine *mc, uint64_t pp, int64_t now)
{
    char b[32];
    enter(mc, "runtime·pidleput", "pp=%s", obj_name(mc, pp, b, sizeof b));
    if (!runqempty(mc, pp))
        throw_(mc, "pidleput: P has non-empty run queue");
    wr(mc, pp, F_p_link, rd(mc, mc->sched, F_schedt_pidle));
    wr(mc, mc->sched, F_schedt_pidle, pp);
    wr(mc, mc->sched, F_schedt_npidle, rd(mc, mc->sched, F_schedt_npidle) + 1);
    leave(mc);
    return now ? now : nanotime(mc);
}

/* pidleget (proc.go:6118): pop an idle P (nil if none); *NOW is read
 * from the clock when it is 0 and a P was taken.  The masks and the
 * limiter event are left out, as in pidleput. */
uint64_t pidleget(machine *mc, int64_t *now)
{
    uint64_t pp = rd(mc, mc->sched, F_schedt_pidle);
    if (pp) {
        if (*now == 0)
            *now = nanotime(mc);
        wr(mc, mc->sched, F_schedt_pidle, rd(mc, pp, F_p_link));
        wr(mc, mc->sched, F_schedt_npidle, rd(mc, mc->sched, F_schedt_npidle) - 1);
    }
    return pp;
}

/* acquirep/wirep (proc.go:5321, 5342). */
static void acquirep(machine *mc, uint64_t mp, uint64_t pp)
{
    char b[32];
    enter(mc, "runtime·acquirep", "pp=%s", obj_name(mc, pp, b, sizeof b));
    if (rd(mc, mp, F_m_p) != 0 || rd(mc, pp, F_p_m) != 0 || rd(mc, pp, F_p_status) != C__Pidle)
        throw_(mc, "wirep: invalid p state");
    wr(mc, mp, F_m_p, pp);
    wr(mc, pp, F_p_m, mp);
    wr(mc, pp, F_p_status, C__Prunning);
    leave(mc);
}

/* procresize (proc.go:5178) for a growing or unchanged allp: returns the
 * list of Ps with work, each given an idle M (at bootstrap it is empty:
 * 0).  Any number of Ps, as in Go (the heap arena bounds it:
 * memory.heap_size).  Shrinking (destroying Ps), mcache allocation and
 * sweeping, timers, the steal order and the idle/timer masks are left out. */
uint64_t procresize(machine *mc, int32_t nprocs)
{
    enter(mc, "runtime·procresize", "nprocs=%d", nprocs);
    int32_t old = (int32_t)rd_var(mc, mc->gomaxprocs, 4);
    if (old < 0 || nprocs <= 0 || nprocs < old) {
        throw_(mc, "procresize: invalid arg (old=%d nprocs=%d)", old, nprocs);
        leave(mc);
        return 0;
    }
    int64_t now = nanotime(mc);
    int64_t since = (int64_t)rd(mc, mc->sched, F_schedt_procresizetime);
    if (since != 0)   /* the P-time of the last period */
        wr(mc, mc->sched, F_schedt_totaltime,
           rd(mc, mc->sched, F_schedt_totaltime) + (uint64_t)((int64_t)old * (now - since)));
    wr(mc, mc->sched, F_schedt_procresizetime, (uint64_t)now);
    /* allp grows in place while its capacity lasts, else into a new array. */
    uint64_t arr = rd_var(mc, mc->allp, 8), len = rd_var(mc, mc->allp + 8, 8);
    bool grow = (uint64_t)nprocs > rd_var(mc, mc->allp + 16, 8);
    if (grow) {
        uint64_t narr = arena_alloc(mc, 8 * (uint64_t)nprocs, 8);
        for (uint64_t i = 0; i < len; i++)
            emu_write_u(mc->cpu, narr + 8 * i, 8, rd_var(mc, arr + 8 * i, 8));
        arr = narr;
        wr_var(mc, mc->allp, 8, KIND_UPTR, "runtime·allp.ptr", arr);
    }
    if ((uint64_t)nprocs > len)
        wr_var(mc, mc->allp + 8, 8, KIND_U64, "runtime·allp.len", (uint64_t)nprocs);
    if (grow)
        wr_var(mc, mc->allp + 16, 8, KIND_U64, "runtime·allp.cap", (uint64_t)nprocs);
    for (int32_t i = old; i < nprocs && ok(mc); i++) {
        uint64_t pp = rd_var(mc, arr + 8 * (uint64_t)i, 8);   /* a P kept from a shrink */
        if (!pp)
            pp = arena_alloc(mc, go_type_size("p"), 64);
        emu_write_u(mc->cpu, arr + 8 * (uint64_t)i, 8, pp);   /* atomicstorep(&allp[i], pp) */
        enter(mc, "(*p).init", "id=%d", i);
        wr(mc, pp, F_p_id, (uint64_t)i);
        wr(mc, pp, F_p_status, C__Pgcstop);
        leave(mc);
    }
    uint64_t mp = rd(mc, getg(mc), F_g_m), cur = rd(mc, mp, F_m_p);
    if (cur && (int32_t)rd(mc, cur, F_p_id) < nprocs) {
        wr(mc, cur, F_p_status, C__Prunning);
    } else {
        uint64_t p0 = rd_var(mc, arr, 8);
        if (cur)
            wr(mc, cur, F_p_m, 0);
        wr(mc, mp, F_m_p, 0);
        wr(mc, p0, F_p_m, 0);
        wr(mc, p0, F_p_status, C__Pidle);
        acquirep(mc, mp, p0);
        cur = p0;
    }
    uint64_t runnable = 0;   /* the Ps with work, each given an idle M (mget) */
    for (int32_t i = nprocs - 1; i >= 0 && ok(mc); i--) {
        uint64_t pp = rd_var(mc, arr + 8 * (uint64_t)i, 8);
        if (pp == cur)
            continue;
        wr(mc, pp, F_p_status, C__Pidle);
        if (runqempty(mc, pp)) {
            pidleput(mc, pp, now);
            continue;
        }
        uint64_t m = rd(mc, mc->sched, F_schedt_midle);
        if (m) {
            wr(mc, mc->sched, F_schedt_midle, rd(mc, m, F_m_schedlink));
            wr(mc, mc->sched, F_schedt_nmidle, rd(mc, mc->sched, F_schedt_nmidle) - 1);
        }
        wr(mc, pp, F_p_m, m);
        wr(mc, pp, F_p_link, runnable);
        runnable = pp;
    }
    wr_var(mc, mc->gomaxprocs, 4, KIND_I32, "runtime·gomaxprocs", (uint64_t)nprocs);
    leave(mc);
    return runnable;
}
