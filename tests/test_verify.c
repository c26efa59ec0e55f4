/* The pieces of sim verify that stand alone: the CPU's undo journal
 * (cpu/emu_journal.c), the byte maps (verify/effects.c) and the model
 * table's name lookup and left-out rule (verify/vmodels.c). */
#include "cpu/emu.h"
#include "testlib.h"
#include "verify/effects.h"
#include "verify/vmodels.h"
#include <stdlib.h>
#include <string.h>

#define BASE 0x100000ULL

typedef struct {
    uint64_t addr[8];
    uint8_t before[8], now[8];
    int n;
} seen;

static void collect(void *ctx, uint64_t addr, const uint8_t *before, const uint8_t *now, size_t len)
{
    seen *s = ctx;
    for (size_t i = 0; i < len && s->n < 8; i++, s->n++) {
        s->addr[s->n] = addr + i;
        s->before[s->n] = before[i];
        s->now[s->n] = now[i];
    }
}

static void test_journal_lists_and_undoes(void)
{
    emu *e = emu_new();
    CU_ASSERT_FATAL(e != NULL);
    CU_ASSERT_FATAL(emu_map(e, BASE, 0x1000, true, false) == 0);
    emu_write_u(e, BASE, 8, 0x1122334455667788ULL);   /* before the journal: kept */
    CU_ASSERT_EQUAL(emu_journal_start(e), 0);
    CU_ASSERT_EQUAL(emu_journal_start(e), -1);       /* one at a time */
    emu_write_u(e, BASE, 2, 0xbeef);
    uint8_t *host = emu_host_rw(e, BASE + 16, 1);
    CU_ASSERT_FATAL(host != NULL);
    *host = 0x5a;                                     /* a write through the host pointer */
    seen s = {{0}, {0}, {0}, 0};
    CU_ASSERT_EQUAL(emu_journal_changes(e, collect, &s), 0);
    CU_ASSERT_EQUAL(s.n, 3);
    CU_ASSERT_EQUAL(s.addr[0], BASE);
    CU_ASSERT_EQUAL(s.before[0], 0x88);
    CU_ASSERT_EQUAL(s.now[0], 0xef);
    CU_ASSERT_EQUAL(s.before[1], 0x77);
    CU_ASSERT_EQUAL(s.now[1], 0xbe);
    CU_ASSERT_EQUAL(s.addr[2], BASE + 16);
    CU_ASSERT_EQUAL(s.before[2], 0);
    CU_ASSERT_EQUAL(s.now[2], 0x5a);
    emu_write_u(e, BASE, 2, 0x0102);                  /* written twice: the oldest bytes win */
    CU_ASSERT_EQUAL(emu_journal_undo(e), 0);
    CU_ASSERT_EQUAL(emu_read_u(e, BASE, 8), 0x1122334455667788ULL);
    CU_ASSERT_EQUAL(emu_read_u(e, BASE + 16, 1), 0);
    CU_ASSERT_EQUAL(emu_journal_undo(e), -1);        /* no journal any more */
    CU_ASSERT_EQUAL(emu_journal_start(e), 0);
    emu_write_u(e, BASE + 8, 8, 7);
    CU_ASSERT_EQUAL(emu_journal_drop(e), 0);         /* kept */
    CU_ASSERT_EQUAL(emu_read_u(e, BASE + 8, 8), 7);
    emu_free(e);
}

static void test_effects_keep_the_first_before(void)
{
    effects m;
    effects_init(&m);
    for (uint64_t a = 0; a < 5000; a++)               /* past a few rehashes */
        effects_note(&m, 0xc000000000ULL + 3 * a, (uint8_t)a)->after = (uint8_t)(a + 1);
    CU_ASSERT_EQUAL(effects_note(&m, 0xc000000000ULL, 99)->before, 0);   /* not replaced */
    const effect_byte *b = effects_get(&m, 0xc000000000ULL + 3 * 4999);
    CU_ASSERT_FATAL(b != NULL);
    CU_ASSERT_EQUAL(b->before, (uint8_t)4999);
    CU_ASSERT_EQUAL(b->after, (uint8_t)5000);
    CU_ASSERT_PTR_NULL(effects_get(&m, 0xc000000001ULL));
    size_t n = 0;
    effect_byte *all = effects_sorted(&m, &n);
    CU_ASSERT_EQUAL(n, 5000);
    for (size_t i = 1; all && i < n; i++)
        CU_ASSERT(all[i - 1].addr < all[i].addr);
    free(all);
    effects_free(&m);
}

static void test_model_names_and_left_out(void)
{
    CU_ASSERT_PTR_NOT_NULL(vmodel_find("runqput"));
    CU_ASSERT_PTR_EQUAL(vmodel_find("runtime·runqput"), vmodel_find("runtime.runqput"));
    CU_ASSERT_PTR_NULL(vmodel_find("runtime.nosuch"));
    const vmodel *p = vmodel_find("pidleput");
    CU_ASSERT_FATAL(p != NULL);
    CU_ASSERT(vmodel_left_out(p, "p.limiterEvent.stamp"));
    CU_ASSERT(vmodel_left_out(p, "runtime.idlepMask"));
    CU_ASSERT(!vmodel_left_out(p, "p.limiterEventX"));   /* a prefix of a name is not its path */
    CU_ASSERT(!vmodel_left_out(p, "schedt.npidle"));
    CU_ASSERT(vmodel_left_out(vmodel_find("runqput"), "p.wbBuf.next"));   /* every model's */
    CU_ASSERT_PTR_NOT_NULL(p->not_replaceable);
    CU_ASSERT_PTR_NULL(vmodel_find("newproc1")->not_replaceable);
}

TEST_SUITE(verify)
{
    TEST_CASE(test_journal_lists_and_undoes);
    TEST_CASE(test_effects_keep_the_first_before);
    TEST_CASE(test_model_names_and_left_out);
}
