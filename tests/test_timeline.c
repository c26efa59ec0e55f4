/* The debugger's timeline: every position comes back exactly (registers,
 * memory, run state, and the trace records each step writes), whichever
 * way it is reached. */
#include "sim/debug/debug.h"
#include "tests/testlib.h"
#include <string.h>

#define MAXPOS 256

/* The built-in boot run with a snapshot every 7 steps (so that going back
 * crosses many) and instruction records kept in the step log. */
static int open_boot(dbg *d)
{
    dbg_options o = {.interval = 7, .full_trace = true};
    return dbg_open(d, &o, stderr);
}

/* Digests of every position of the run, walking it forward once. */
static uint64_t walk(dbg *d, uint64_t *dig)
{
    uint64_t n = 0;
    dig[n++] = timeline_digest(&d->tl);
    while (n < MAXPOS && timeline_step(&d->tl) == RUN_RUNNING)
        dig[n++] = timeline_digest(&d->tl);
    if (n < MAXPOS && d->tl.ended)
        dig[n++] = timeline_digest(&d->tl);
    return n;
}

static void test_every_position_comes_back(void)
{
    dbg d;
    CU_ASSERT_EQUAL_FATAL(open_boot(&d), 0);
    static uint64_t dig[MAXPOS];
    uint64_t n = walk(&d, dig);
    CU_ASSERT_FATAL(d.tl.ended && n == d.tl.end_pos + 1);
    CU_ASSERT_NOT_EQUAL(dig[0], dig[1]);   /* the digest sees a step */
    for (uint64_t i = 0; i < 400; i++) {
        uint64_t p = (i * 37 + i / 5) % n;   /* back and forth, across snapshots */
        timeline_goto(&d.tl, p);
        CU_ASSERT_EQUAL_FATAL(d.tl.pos, p);
        CU_ASSERT_EQUAL(timeline_digest(&d.tl), dig[p]);
    }
    /* Replays wrote every record again (instructions included), unchanged. */
    CU_ASSERT(d.tl.replayed > 1000);
    CU_ASSERT(d.tl.log.compared > d.tl.replayed);
    CU_ASSERT_EQUAL(d.tl.log.mismatched, 0);
    dbg_close(&d);
}

static void test_goto_icount_is_the_first_such_position(void)
{
    dbg d;
    CU_ASSERT_EQUAL_FATAL(open_boot(&d), 0);
    for (uint64_t n = 0; n <= 90; n += 3) {
        CU_ASSERT_EQUAL_FATAL(timeline_goto_icount(&d.tl, n), 0);
        CU_ASSERT_EQUAL(emu_icount(d.mc.cpu), n);
        uint64_t pos = d.tl.pos;
        if (pos) {   /* one step earlier, fewer instructions had run */
            timeline_goto(&d.tl, pos - 1);
            CU_ASSERT(emu_icount(d.mc.cpu) < n);
        }
    }
    CU_ASSERT_EQUAL(timeline_goto_icount(&d.tl, 1000), -1);   /* the run has 90 */
    CU_ASSERT(d.tl.ended);
    dbg_close(&d);
}

/* The replay check itself notices a record that differs or is missing. */
static void test_steplog_notices_a_different_replay(void)
{
    steplog l;
    CU_ASSERT_EQUAL_FATAL(steplog_init(&l, false), 0);
    fputs("  call f()\n1 0x401000 insn\n  set x: 0 → 1\n", l.stream);
    steplog_commit(&l, 0, true);
    CU_ASSERT_EQUAL(l.n, 2);   /* instruction records are not kept */
    fputs("  call f()\n  set x: 0 → 2\n", l.stream);
    steplog_commit(&l, 0, false);
    CU_ASSERT_EQUAL(l.compared, 2);
    CU_ASSERT_EQUAL(l.mismatched, 1);
    fputs("  call f()\n", l.stream);
    steplog_commit(&l, 0, false);
    CU_ASSERT_EQUAL(l.mismatched, 2);
    CU_ASSERT_EQUAL(steplog_first_at(&l, 1), 2);
    steplog_free(&l);
}

TEST_SUITE(timeline)
{
    TEST_CASE(test_every_position_comes_back);
    TEST_CASE(test_goto_icount_is_the_first_such_position);
    TEST_CASE(test_steplog_notices_a_different_replay);
}
