/* The initial process stack image, word by word, against Linux's layout. */
#include "linux/procstack.h"
#include "runtime_model/machine.h"
#include "sim/config.h"
#include "tests/testlib.h"
#include <stdlib.h>
#include <string.h>

#define TOP 0x7ffffffff000ULL
#define LEN 8192

static uint8_t img[LEN];

static uint64_t word(uint64_t addr)
{
    uint64_t v;
    memcpy(&v, img + (addr - (TOP - LEN)), 8);
    return v;
}

static const char *str(uint64_t addr) { return (const char *)img + (addr - (TOP - LEN)); }

static sim_config cfg;

static void layout(procstack *ps)
{
    config_free(&cfg);
    CU_ASSERT_EQUAL_FATAL(config_parse("t.yaml",
                                       "process:\n"
                                       "  argv: [hello, -v]\n"
                                       "  env: [HOME=/home/gopher, GOMAXPROCS=4, X=]\n"
                                       "  at_random: a0a1a2a3a4a5a6a7a8a9aaabacadaeaf\n",
                                       &cfg, stderr), 0);
    CU_ASSERT_EQUAL(cfg.at_random[15], 0xaf);
    procstack_args args = machine_stack_args(&cfg);
    CU_ASSERT_EQUAL_FATAL(procstack_layout(&args, TOP, img, LEN, ps), 0);
}

static int cleanup(void)
{
    config_free(&cfg);
    return 0;
}

static void test_vectors_in_order(void)
{
    procstack ps;
    layout(&ps);
    CU_ASSERT_EQUAL(ps.sp % 16, 0);
    CU_ASSERT_EQUAL(word(ps.sp), 2);                         /* argc */
    CU_ASSERT_EQUAL(ps.argv, ps.sp + 8);
    CU_ASSERT_STRING_EQUAL(str(word(ps.argv)), "hello");
    CU_ASSERT_STRING_EQUAL(str(word(ps.argv + 8)), "-v");
    CU_ASSERT_EQUAL(word(ps.argv + 16), 0);                  /* argv NULL */
    CU_ASSERT_EQUAL(ps.envp, ps.argv + 24);
    CU_ASSERT_STRING_EQUAL(str(word(ps.envp)), "HOME=/home/gopher");
    CU_ASSERT_STRING_EQUAL(str(word(ps.envp + 16)), "X=");
    CU_ASSERT_EQUAL(word(ps.envp + 24), 0);                  /* envp NULL */
    CU_ASSERT_EQUAL(ps.auxv, ps.envp + 32);
}

static void test_auxv(void)
{
    procstack ps;
    layout(&ps);
    uint64_t a = ps.auxv;
    CU_ASSERT_EQUAL(word(a), AT_PAGESZ);
    CU_ASSERT_EQUAL(word(a + 8), 4096);
    bool random_seen = false, null_last = false;
    for (int i = 0; i < ps.nauxv; i++, a += 16) {
        if (word(a) == AT_RANDOM) {
            random_seen = true;
            CU_ASSERT_EQUAL(word(a + 8), ps.random);
            CU_ASSERT_EQUAL(memcmp(str(ps.random), cfg.at_random, 16), 0);
        }
        if (word(a) == AT_EXECFN)
            CU_ASSERT_STRING_EQUAL(str(word(a + 8)), "hello");
        if (word(a) == AT_PLATFORM)
            CU_ASSERT_STRING_EQUAL(str(word(a + 8)), "x86_64");
        null_last = word(a) == AT_NULL && i == ps.nauxv - 1;
    }
    CU_ASSERT(random_seen);
    CU_ASSERT(null_last);
}

static void test_strings_above_vectors(void)
{
    procstack ps;
    layout(&ps);
    uint64_t vec_end = ps.auxv + 16 * (uint64_t)ps.nauxv;
    CU_ASSERT(ps.random >= vec_end);
    CU_ASSERT(ps.strings_lo > ps.random);
    CU_ASSERT_EQUAL(word(ps.argv), ps.strings_lo);           /* argv[0] is the lowest string */
    CU_ASSERT(word(ps.envp) > word(ps.argv + 8));            /* env strings after argv's */
    CU_ASSERT(ps.execfn > word(ps.envp + 16));
    CU_ASSERT_EQUAL(word(TOP - 8), 0);                       /* end marker */
    CU_ASSERT_STRING_EQUAL(str(ps.execfn), "hello");
}

static void test_too_small_fails(void)
{
    procstack ps;
    layout(&ps);
    uint8_t small[64];
    procstack_args args = machine_stack_args(&cfg);
    CU_ASSERT_EQUAL(procstack_layout(&args, TOP, small, sizeof small, &ps), -1);
}

TEST_SUITE(procstack)
{
    CU_set_suite_cleanupfunc(suite, cleanup);
    TEST_CASE(test_vectors_in_order);
    TEST_CASE(test_auxv);
    TEST_CASE(test_strings_above_vectors);
    TEST_CASE(test_too_small_fails);
}
