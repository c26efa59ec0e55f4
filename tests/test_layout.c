/* The layout table against the compiler's own go_asm.h for go1.21.13
 * (tests/data/go_asm_go1.21.h): every field, type size and constant. */
#include "runtime_model/layout.h"
#include "tests/testlib.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The value of "#define NAME value" in the reference header, or -1. */
static long ref_define(const char *name)
{
    FILE *f = fopen("data/go_asm_go1.21.h", "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    char line[512], key[256];
    long v, found = -1;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "#define %255s %ld", key, &v) == 2 && strcmp(key, name) == 0)
            found = v;
    fclose(f);
    return found;
}

static void test_every_field_matches_go_asm_h(void)
{
    int checked = 0;
    for (int i = 0; i < F__COUNT; i++) {
        const go_field *f = &go_fields[i];
        if (strncmp(f->type, "anon_", 5) == 0)
            continue;
        char name[128];
        snprintf(name, sizeof name, "%s_%s", f->type, f->name);
        long ref = ref_define(name);
        if (ref != (long)f->off)
            fprintf(stderr, "\n  %s: table %u, go_asm.h %ld", name, f->off, ref);
        CU_ASSERT_EQUAL(ref, (long)f->off);
        checked++;
    }
    CU_ASSERT(checked > 100);
}

static void test_type_sizes_and_constants(void)
{
    const char *types[] = {"stack", "gobuf", "funcval", "gQueue", "gList", "g", "m", "p", "schedt"};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        char name[64];
        snprintf(name, sizeof name, "%s__size", types[i]);
        CU_ASSERT_EQUAL(ref_define(name), (long)go_type_size(types[i]));
    }
    CU_ASSERT_EQUAL(ref_define("const__Grunnable"), C__Grunnable);
    CU_ASSERT_EQUAL(ref_define("const__Gdead"), C__Gdead);
    CU_ASSERT_EQUAL(ref_define("const__Prunning"), C__Prunning);
    CU_ASSERT_EQUAL(ref_define("const_stackMin"), C_stackMin);
    CU_ASSERT_EQUAL(ref_define("const_stackGuard"), C_stackGuard);
    CU_ASSERT_EQUAL(ref_define("const__GoidCacheBatch"), C__GoidCacheBatch);
    CU_ASSERT_EQUAL(ref_define("const_gTrackingPeriod"), C_gTrackingPeriod);
}

static void test_anonymous_substructs_fit(void)
{
    /* p.gFree = {gList; n int32} and schedt.gFree = {lock; stack; noStack; n}. */
    CU_ASSERT_EQUAL(go_fields[F_p_gFree].size, go_type_size("anon_p_gFree"));
    CU_ASSERT_EQUAL(go_fields[F_schedt_gFree].size, go_type_size("anon_schedt_gFree"));
    CU_ASSERT_EQUAL(go_off(F_p_gFree) + go_off(F_anon_p_gFree_n), 2472u);
    CU_ASSERT_EQUAL(go_off(F_schedt_gFree) + go_off(F_anon_schedt_gFree_n), 184u);
}

static void test_path_resolution(void)
{
    uint32_t off;
    CU_ASSERT_EQUAL(go_path_resolve("g", "sched.pc", &off), F_gobuf_pc);
    CU_ASSERT_EQUAL(off, 64u);
    CU_ASSERT_EQUAL(go_path_resolve("g", "stack.hi", &off), F_stack_hi);
    CU_ASSERT_EQUAL(off, 8u);
    CU_ASSERT_EQUAL(go_path_resolve("p", "runq[3]", &off), F_p_runq);
    CU_ASSERT_EQUAL(off, 408u + 24u);
    CU_ASSERT_EQUAL(go_path_resolve("schedt", "runq.tail", &off), F_gQueue_tail);
    CU_ASSERT_EQUAL(off, 112u);
    CU_ASSERT_EQUAL(go_path_resolve("g", "sched.nosuch", &off), -1);
    CU_ASSERT_EQUAL(go_path_resolve("p", "runq[256]", &off), -1);
    CU_ASSERT_EQUAL(go_path_resolve("g", "goid.x", &off), -1);
}

static void test_generated_go_asm_h(void)
{
    char *h = go_asm_h_text();
    CU_ASSERT_PTR_NOT_NULL_FATAL(h);
    CU_ASSERT_PTR_NOT_NULL(strstr(h, "#define g_sched 56\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(h, "#define gobuf_sp 0\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(h, "#define m_tls 136\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(h, "#define const__Gdead 6\n"));
    CU_ASSERT_PTR_NULL(strstr(h, "anon_"));
    free(h);
}

static void test_status_names(void)
{
    CU_ASSERT_STRING_EQUAL(go_gstatus_name(1), "_Grunnable");
    CU_ASSERT_STRING_EQUAL(go_gstatus_name(0x1004), "_Gscanwaiting");
    CU_ASSERT_STRING_EQUAL(go_pstatus_name(3), "_Pgcstop");
}

TEST_SUITE(layout)
{
    TEST_CASE(test_every_field_matches_go_asm_h);
    TEST_CASE(test_type_sizes_and_constants);
    TEST_CASE(test_anonymous_substructs_fit);
    TEST_CASE(test_path_resolution);
    TEST_CASE(test_generated_go_asm_h);
    TEST_CASE(test_status_names);
}
