/* Each model's state transitions, driven directly on a machine stopped at
 * runtime·mstart (on g0, after schedinit and the newproc of g1), including
 * the illegal ones, which must stop the run as Go's throw does. */
#include "runtime_model/models_internal.h"
#include "tests/boot_fixture.h"
#include "tests/testlib.h"
#include <string.h>

/* Entry points of models reached from assembly (runtime_model/models.c). */
void model_check(machine *mc, int resume);
void model_goexit0(machine *mc, int resume);

static boot b;
static machine *mc;
static uint64_t p0, g1, fn;

static void setup(void)
{
    CU_ASSERT_EQUAL_FATAL(boot_run(&b, NULL, "runtime·mstart"), 0);
    mc = &b.mc;
    CU_ASSERT_EQUAL_FATAL(mc->state, RUN_STOPPED);
    mc->state = RUN_RUNNING;   /* the models check that the run goes on */
    p0 = view_allp(mc, 0);
    g1 = view_allg(mc, 0);
    fn = image_addr(&mc->img, "runtime·mainPC");
}

static uint64_t new_g(void) { return newproc1(mc, fn, mc->g0, 0x401000); }

static void test_casgstatus_legal_and_illegal(void)
{
    setup();
    casgstatus(mc, g1, C__Grunnable, C__Grunning);
    CU_ASSERT_EQUAL(mc->state, RUN_RUNNING);
    CU_ASSERT_EQUAL(rd(mc, g1, F_g_atomicstatus), C__Grunning);
    casgstatus(mc, g1, C__Grunnable, C__Gdead);   /* g1 is not _Grunnable any more */
    CU_ASSERT_EQUAL(mc->state, RUN_THROW);
    CU_ASSERT_PTR_NOT_NULL(strstr(mc->why, "casgstatus"));
    CU_ASSERT_EQUAL(rd(mc, g1, F_g_atomicstatus), C__Grunning);   /* unchanged */
    boot_close(&b);
    setup();
    casgstatus(mc, g1, C__Grunnable | C__Gscan, C__Grunning);
    CU_ASSERT_EQUAL(mc->state, RUN_THROW);
    CU_ASSERT_PTR_NOT_NULL(strstr(mc->why, "bad incoming values"));
    boot_close(&b);
}

static void test_newproc1_frame_and_goid(void)
{
    setup();
    uint64_t g2 = new_g();
    uint64_t hi = rd2(mc, g2, F_g_stack, F_stack_hi);
    CU_ASSERT_EQUAL(rd(mc, g2, F_g_goid), 2);
    CU_ASSERT_EQUAL(rd(mc, g2, F_g_atomicstatus), C__Grunnable);
    CU_ASSERT_EQUAL(rd2(mc, g2, F_g_sched, F_gobuf_sp), hi - 40);
    CU_ASSERT_EQUAL(rd_var(mc, hi - 40, 8), image_addr(&mc->img, "runtime·goexit") + 1);
    CU_ASSERT_EQUAL(rd(mc, g2, F_g_stktopsp), hi - 32);
    CU_ASSERT_EQUAL(rd(mc, g2, F_g_gopc), 0x401000);
    CU_ASSERT_EQUAL(rd(mc, g2, F_g_parentGoid), 0);
    CU_ASSERT_EQUAL(rd(mc, p0, F_p_goidcache), 3);
    CU_ASSERT_EQUAL(view_nallg(mc), 2);
    CU_ASSERT_EQUAL(rd(mc, mc->m0, F_m_locks), 0);   /* acquirem/releasem balanced */
    newproc1(mc, 0, mc->g0, 0);                       /* go of nil func value */
    CU_ASSERT_EQUAL(mc->state, RUN_THROW);
    boot_close(&b);
}

static void test_goid_cache_refills_at_17(void)
{
    setup();
    uint64_t g = 0;
    for (int goid = 2; goid <= 17; goid++)
        g = new_g();
    CU_ASSERT_EQUAL(rd(mc, g, F_g_goid), 17);
    CU_ASSERT_EQUAL(rd(mc, mc->sched, F_schedt_goidgen), 32);
    CU_ASSERT_EQUAL(rd(mc, p0, F_p_goidcache), 18);
    CU_ASSERT_EQUAL(rd(mc, p0, F_p_goidcacheend), 33);
    boot_close(&b);
}

static void test_runqput_runnext_eviction(void)
{
    setup();
    uint64_t g2 = new_g(), g3 = new_g();
    runqput(mc, p0, g2, true);   /* g1 is kicked out of runnext */
    CU_ASSERT_EQUAL(rd(mc, p0, F_p_runnext), g2);
    uint64_t q[8];
    CU_ASSERT_EQUAL_FATAL(view_runq(mc, p0, q, 8), 1);
    CU_ASSERT_EQUAL(q[0], 1);
    runqput(mc, p0, g3, false);  /* to the tail, runnext untouched */
    CU_ASSERT_EQUAL(rd(mc, p0, F_p_runnext), g2);
    CU_ASSERT_EQUAL_FATAL(view_runq(mc, p0, q, 8), 2);
    CU_ASSERT_EQUAL(q[1], 3);
    bool inherit;
    CU_ASSERT_EQUAL(runqget(mc, p0, &inherit), g2);   /* runnext first, inheriting */
    CU_ASSERT(inherit);
    CU_ASSERT_EQUAL(runqget(mc, p0, &inherit), g1);
    CU_ASSERT(!inherit);
    boot_close(&b);
}

static void test_runqputslow_moves_half(void)
{
    setup();
    bool inherit;
    CU_ASSERT_EQUAL(runqget(mc, p0, &inherit), g1);   /* empty the queue */
    uint64_t gs[257];
    for (int i = 0; i < 257; i++)
        gs[i] = new_g();
    for (int i = 0; i < 256; i++)
        runqput(mc, p0, gs[i], false);
    CU_ASSERT_EQUAL(rd(mc, p0, F_p_runqtail) - rd(mc, p0, F_p_runqhead), 256);
    CU_ASSERT_EQUAL(rd(mc, mc->sched, F_schedt_runqsize), 0);
    runqput(mc, p0, gs[256], false);                  /* full: half + gp go global */
    CU_ASSERT_EQUAL(rd(mc, p0, F_p_runqtail) - rd(mc, p0, F_p_runqhead), 128);
    CU_ASSERT_EQUAL(rd(mc, mc->sched, F_schedt_runqsize), 129);
    uint64_t q[200];
    CU_ASSERT_EQUAL_FATAL(view_global_runq(mc, q, 200), 129);
    CU_ASSERT_EQUAL(q[0], rd(mc, gs[0], F_g_goid));      /* oldest first */
    CU_ASSERT_EQUAL(q[128], rd(mc, gs[256], F_g_goid));  /* gp last */
    CU_ASSERT_EQUAL(mc->state, RUN_RUNNING);
    boot_close(&b);
}

/* Kill a runnable g the legal way, as goexit0 would. */
static void kill(uint64_t g)
{
    casgstatus(mc, g, C__Grunnable, C__Grunning);
    casgstatus(mc, g, C__Grunning, C__Gdead);
}

static void test_gfput_gfget_reuse(void)
{
    setup();
    uint64_t g2 = new_g(), lo = rd2(mc, g2, F_g_stack, F_stack_lo);
    gfput(mc, p0, g2);                 /* not dead yet */
    CU_ASSERT_EQUAL(mc->state, RUN_THROW);
    boot_close(&b);
    setup();
    g2 = new_g();
    lo = rd2(mc, g2, F_g_stack, F_stack_lo);
    kill(g2);
    gfput(mc, p0, g2);
    CU_ASSERT_EQUAL(rd2(mc, p0, F_p_gFree, F_anon_p_gFree_n), 1);
    uint64_t g3 = new_g();            /* reuses g2's struct and stack */
    CU_ASSERT_EQUAL(g3, g2);
    CU_ASSERT_EQUAL(rd2(mc, g3, F_g_stack, F_stack_lo), lo);
    CU_ASSERT_EQUAL(rd(mc, g3, F_g_goid), 3);
    CU_ASSERT_EQUAL(rd2(mc, p0, F_p_gFree, F_anon_p_gFree_n), 0);
    CU_ASSERT_EQUAL(view_nallg(mc), 2);
    boot_close(&b);
}

static void test_gfput_spills_to_global_and_gfget_refills(void)
{
    setup();
    uint64_t gs[64];
    for (int i = 0; i < 64; i++)   /* all first: a new g would reuse a freed one */
        gs[i] = new_g();
    for (int i = 0; i < 64; i++) {
        kill(gs[i]);
        gfput(mc, p0, gs[i]);
    }
    /* At 64, gfput moves g's out while 32 or more are left: 31 stay. */
    CU_ASSERT_EQUAL(rd2(mc, p0, F_p_gFree, F_anon_p_gFree_n), 31);
    CU_ASSERT_EQUAL(rd2(mc, mc->sched, F_schedt_gFree, F_anon_schedt_gFree_n), 33);
    for (int i = 0; i < 31; i++)       /* drain the local list */
        CU_ASSERT_PTR_NOT_NULL(gfget(mc, p0));
    CU_ASSERT_EQUAL(rd2(mc, p0, F_p_gFree, F_anon_p_gFree_n), 0);
    CU_ASSERT_PTR_NOT_NULL(gfget(mc, p0));   /* refilled from the global list: 32 moved, 1 taken */
    CU_ASSERT_EQUAL(rd2(mc, p0, F_p_gFree, F_anon_p_gFree_n), 31);
    CU_ASSERT_EQUAL(rd2(mc, mc->sched, F_schedt_gFree, F_anon_schedt_gFree_n), 1);
    CU_ASSERT_EQUAL(mc->state, RUN_RUNNING);
    boot_close(&b);
}

static void test_globrunq_and_pidle(void)
{
    setup();
    uint64_t g2 = new_g();
    globrunqput(mc, g2);
    CU_ASSERT_EQUAL(rd(mc, mc->sched, F_schedt_runqsize), 1);
    CU_ASSERT_EQUAL(globrunqget(mc, p0, 1), g2);
    CU_ASSERT_EQUAL(rd(mc, mc->sched, F_schedt_runqsize), 0);
    CU_ASSERT_EQUAL(rd2(mc, mc->sched, F_schedt_runq, F_gQueue_tail), 0);
    uint64_t p1 = view_allp(mc, 1);
    int64_t now = 0;
    CU_ASSERT_EQUAL(pidleget(mc, &now), p1);
    CU_ASSERT_NOT_EQUAL(now, 0);   /* read from the clock, as Go's does when given 0 */
    CU_ASSERT_EQUAL(rd(mc, mc->sched, F_schedt_npidle), 0);
    now = 0;
    CU_ASSERT_EQUAL(pidleget(mc, &now), 0);
    CU_ASSERT_EQUAL(now, 0);
    CU_ASSERT_EQUAL(pidleput(mc, p1, 12345), 12345);
    CU_ASSERT_EQUAL(rd(mc, mc->sched, F_schedt_pidle), p1);
    CU_ASSERT_EQUAL(rd(mc, mc->sched, F_schedt_npidle), 1);
    pidleput(mc, p0, 0);              /* P0 still has g1 in runnext: illegal */
    CU_ASSERT_EQUAL(mc->state, RUN_THROW);
    boot_close(&b);
}

static void test_wakep_changes_nothing(void)
{
    setup();
    uint64_t before = rd(mc, mc->sched, F_schedt_nmspinning);
    int64_t pids[8];
    int n = view_pidle(mc, pids, 8);
    wakep(mc);
    CU_ASSERT_EQUAL(rd(mc, mc->sched, F_schedt_nmspinning), before);
    CU_ASSERT_EQUAL(view_pidle(mc, pids, 8), n);
    boot_close(&b);
}


/* gfget gives a g that kept its stack back with its stackguard0 as it was
 * (Go resets it only when it allocates a new stack; execute resets it
 * before the g runs); a g without a stack gets one and a fresh guard. */
static void test_gfget_keeps_stackguard0_of_a_kept_stack(void)
{
    setup();
    uint64_t g2 = new_g(), lo = rd2(mc, g2, F_g_stack, F_stack_lo);
    kill(g2);
    wr(mc, g2, F_g_stackguard0, 0xfffffade);   /* stackPreempt, as a preempted g leaves it */
    gfput(mc, p0, g2);
    CU_ASSERT_EQUAL(gfget(mc, p0), g2);
    CU_ASSERT_EQUAL(rd2(mc, g2, F_g_stack, F_stack_lo), lo);
    CU_ASSERT_EQUAL(rd(mc, g2, F_g_stackguard0), 0xfffffade);
    /* A g whose stack was freed (gfput's other-size branch in Go). */
    wr2(mc, g2, F_g_stack, F_stack_lo, 0);
    wr2(mc, g2, F_g_stack, F_stack_hi, 0);
    wr(mc, g2, F_g_stackguard0, 0);
    gfput(mc, p0, g2);
    CU_ASSERT_EQUAL(gfget(mc, p0), g2);
    lo = rd2(mc, g2, F_g_stack, F_stack_lo);
    CU_ASSERT_NOT_EQUAL(lo, 0);
    CU_ASSERT_EQUAL(rd2(mc, g2, F_g_stack, F_stack_hi), lo + 2048);
    CU_ASSERT_EQUAL(rd(mc, g2, F_g_stackguard0), lo + 928);
    CU_ASSERT_EQUAL(mc->state, RUN_RUNNING);
    boot_close(&b);
}

/* Make g1 the running g of m0, as execute would, with g2 runnable behind
 * it, and exit g1 through the goexit0 model (gp in AX, on g0). */
static uint64_t run_goexit0_on_g1(uint64_t lockedm, uint32_t lockedInt)
{
    bool inherit;
    CU_ASSERT_EQUAL_FATAL(runqget(mc, p0, &inherit), g1);
    uint64_t g2 = new_g();
    runqput(mc, p0, g2, true);
    casgstatus(mc, g1, C__Grunnable, C__Grunning);
    wr(mc, mc->m0, F_m_curg, g1);
    wr(mc, g1, F_g_m, mc->m0);
    wr(mc, g1, F_g_lockedm, lockedm);
    wr(mc, mc->m0, F_m_lockedInt, lockedInt);
    uint64_t wb = g1 + go_off(F_g_writebuf);   /* a print buffer left set */
    emu_write_u(mc->cpu, wb, 8, 0xc000100000);
    emu_write_u(mc->cpu, wb + 8, 8, 5);
    emu_write_u(mc->cpu, wb + 16, 8, 64);
    wr(mc, g1, F_g_param, 0x1234);
    emu_reg_set(mc->cpu, R_RAX, g1);
    model_goexit0(mc, 0);
    return g2;
}

static void test_goexit0_clears_what_go_clears(void)
{
    setup();
    uint64_t g2 = run_goexit0_on_g1(0, 0);
    CU_ASSERT_EQUAL(mc->state, RUN_RUNNING);
    CU_ASSERT_EQUAL(rd(mc, g1, F_g_atomicstatus), C__Gdead);
    uint64_t wb = g1 + go_off(F_g_writebuf);
    CU_ASSERT_EQUAL(rd_var(mc, wb, 8), 0);
    CU_ASSERT_EQUAL(rd_var(mc, wb + 8, 8), 0);
    CU_ASSERT_EQUAL(rd_var(mc, wb + 16, 8), 0);
    CU_ASSERT_EQUAL(rd(mc, g1, F_g_param), 0);
    CU_ASSERT_EQUAL(rd(mc, g1, F_g_m), 0);
    CU_ASSERT_EQUAL(rd(mc, mc->m0, F_m_curg), g2);   /* schedule ran g2 */
    CU_ASSERT_EQUAL(rd2(mc, p0, F_p_gFree, F_anon_p_gFree_head), g1);
    CU_ASSERT_EQUAL(emu_reg_get(mc->cpu, R_RIP), mc->gogo);
    boot_close(&b);
}

/* A g that exits with its thread locked takes the M back to mstart0
 * through gogo(&g0.sched); m.lockedInt left set is Go's internal error. */
static void test_goexit0_locked_thread_and_lockedInt(void)
{
    setup();
    run_goexit0_on_g1(mc->m0, 0);
    CU_ASSERT_EQUAL(mc->state, RUN_RUNNING);
    CU_ASSERT_EQUAL(rd(mc, g1, F_g_lockedm), 0);
    CU_ASSERT_EQUAL(rd(mc, mc->m0, F_m_curg), 0);    /* nothing scheduled */
    CU_ASSERT_EQUAL(emu_reg_get(mc->cpu, R_RIP), mc->gogo);
    uint64_t sp = emu_reg_get(mc->cpu, R_RSP);
    CU_ASSERT_EQUAL(rd_var(mc, sp + 8, 8), mc->g0 + go_off(F_g_sched));
    boot_close(&b);
    setup();
    run_goexit0_on_g1(0, 1);
    CU_ASSERT_EQUAL(mc->state, RUN_THROW);
    CU_ASSERT_PTR_NOT_NULL(strstr(mc->why, "lockOSThread"));
    boot_close(&b);
}

/* runtime·check throws when any size it names is not go1.21's: here p's,
 * in a copy of the go1.21 table with one size changed. */
static void test_check_sizes_of_m_p_schedt(void)
{
    static const char *const types[] = {"m", "p", "schedt"};
    static go_layout bad;
    for (int i = 0; i < 3; i++) {
        setup();
        bad = go_layout_go121;
        bad.sizes[go_type_id_of(types[i])] += 8;
        go_layout_use(&bad);
        model_check(mc, 0);
        go_layout_use(&go_layout_go121);
        CU_ASSERT_EQUAL(mc->state, RUN_THROW);
        char want[64];
        snprintf(want, sizeof want, "table's %s is", types[i]);
        CU_ASSERT_PTR_NOT_NULL(strstr(mc->why, want));
        boot_close(&b);
    }
    setup();
    model_check(mc, 0);
    CU_ASSERT_EQUAL(mc->state, RUN_RUNNING);
    boot_close(&b);
}

TEST_SUITE(models)
{
    TEST_CASE(test_casgstatus_legal_and_illegal);
    TEST_CASE(test_newproc1_frame_and_goid);
    TEST_CASE(test_goid_cache_refills_at_17);
    TEST_CASE(test_runqput_runnext_eviction);
    TEST_CASE(test_runqputslow_moves_half);
    TEST_CASE(test_gfput_gfget_reuse);
    TEST_CASE(test_gfput_spills_to_global_and_gfget_refills);
    TEST_CASE(test_globrunq_and_pidle);
    TEST_CASE(test_wakep_changes_nothing);
    TEST_CASE(test_gfget_keeps_stackguard0_of_a_kept_stack);
    TEST_CASE(test_goexit0_clears_what_go_clears);
    TEST_CASE(test_goexit0_locked_thread_and_lockedInt);
    TEST_CASE(test_check_sizes_of_m_p_schedt);
}
