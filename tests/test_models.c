/* Each model's state transitions, driven directly on a machine stopped at
 * runtime·mstart (on g0, after schedinit and the newproc of g1), including
 * the illegal ones, which must stop the run as Go's throw does. */
#include "runtime_model/models_internal.h"
#include "tests/boot_fixture.h"
#include "tests/testlib.h"
#include <string.h>

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
    CU_ASSERT_EQUAL(pidleget(mc), p1);
    CU_ASSERT_EQUAL(rd(mc, mc->sched, F_schedt_npidle), 0);
    CU_ASSERT_EQUAL(pidleget(mc), 0);
    pidleput(mc, p1);
    CU_ASSERT_EQUAL(rd(mc, mc->sched, F_schedt_pidle), p1);
    CU_ASSERT_EQUAL(rd(mc, mc->sched, F_schedt_npidle), 1);
    pidleput(mc, p0);                 /* P0 still has g1 in runnext: illegal */
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
}
