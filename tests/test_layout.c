/* The layout tables against the compilers' own go_asm.h: go1.21.13's
 * (tests/data/go_asm_go1.21.h) and go1.19.8's (tests/data/go_asm_go1.19.h,
 * written by Debian's golang-1.19-go; tests/real/layout.sh checks that the
 * installed compilers still write the same): every field, type size and
 * constant.  The DWARF side is tests/real/layout.sh's. */
#include "runtime_model/layout.h"
#include "tests/testlib.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The value of "#define NAME value" in the reference header, or -1. */
static long define_in(const char *file, const char *name)
{
    FILE *f = fopen(file, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    char line[512], key[256];
    long v, found = -1;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "#define %255s %ld", key, &v) == 2 && strcmp(key, name) == 0)
            found = v;
    fclose(f);
    return found;
}

static long ref_define(const char *name)
{
    return define_in("data/go_asm_go1.21.h", name);
}

/* Every field of L that go_asm.h can name is there with L's offset, and
 * every field L says the version lacks is absent from it. */
static int fields_match(const go_layout *l, const char *header)
{
    int checked = 0;
    for (int i = 0; i < F__COUNT; i++) {
        const go_field *f = &l->fields[i];
        if (strncmp(f->type, "anon_", 5) == 0)
            continue;
        char name[128];
        snprintf(name, sizeof name, "%s_%s", f->type, f->name);
        long ref = define_in(header, name), want = f->size ? (long)f->off : -1;
        if (ref != want)
            fprintf(stderr, "\n  %s %s: table %ld, go_asm.h %ld", l->version, name, want, ref);
        CU_ASSERT_EQUAL(ref, want);
        checked++;
    }
    for (int t = 0; t < T__COUNT; t++) {
        char name[64];
        if (strncmp(go_type_name((go_type_id)t), "anon_", 5) == 0)
            continue;
        snprintf(name, sizeof name, "%s__size", go_type_name((go_type_id)t));
        CU_ASSERT_EQUAL(define_in(header, name), (long)l->sizes[t]);
    }
    return checked;
}

static void test_go119_table_matches_its_go_asm_h(void)
{
    CU_ASSERT(fields_match(&go_layout_go119, "data/go_asm_go1.19.h") > 100);
    /* What go1.19 lacks (go-runtime-facts.md §6.2), and its constants' old names. */
    CU_ASSERT_FALSE(go_layout_go119.fields[F_g_parentGoid].size);
    CU_ASSERT_FALSE(go_layout_go119.fields[F_schedt_needspinning].size);
    CU_ASSERT_EQUAL(define_in("data/go_asm_go1.19.h", "const__StackGuard"), C_stackGuard);
    CU_ASSERT_EQUAL(define_in("data/go_asm_go1.19.h", "const__GoidCacheBatch"), C__GoidCacheBatch);
}

/* Both tables name the same fields with the same kinds; only places differ. */
static void test_versions_share_names_and_fit(void)
{
    const go_layout *ls[] = {&go_layout_go121, &go_layout_go119};
    for (size_t v = 0; v < 2; v++)
        for (int i = 0; i < F__COUNT; i++) {
            const go_field *f = &ls[v]->fields[i], *ref = &go_layout_go121.fields[i];
            CU_ASSERT_STRING_EQUAL(f->name, ref->name);
            CU_ASSERT_EQUAL(f->kind, ref->kind);
            CU_ASSERT(f->off + f->size <= ls[v]->sizes[f->owner]);
            if (f->kind == KIND_STRUCT && f->size)
                CU_ASSERT_EQUAL(f->size, ls[v]->sizes[go_type_id_of(f->subtype)]);
        }
}

static void test_version_lookup(void)
{
    CU_ASSERT_PTR_EQUAL(go_layout_for_version("go1.19.8"), &go_layout_go119);
    CU_ASSERT_PTR_EQUAL(go_layout_for_version("go1.21.13"), &go_layout_go121);
    CU_ASSERT_PTR_EQUAL(go_layout_for_version("go1.21rc2"), &go_layout_go121);
    CU_ASSERT_PTR_EQUAL(go_layout_for_version("go1.19"), &go_layout_go119);
    CU_ASSERT_PTR_NULL(go_layout_for_version("go1.190"));
    CU_ASSERT_PTR_NULL(go_layout_for_version("go1.22.1"));
    CU_ASSERT_PTR_NULL(go_layout_for_version(""));
    /* Looking a field up follows the layout in use. */
    go_layout_use(&go_layout_go119);
    CU_ASSERT_EQUAL(go_off(F_g_gopc), 296u);
    CU_ASSERT_EQUAL(go_field_lookup("g", "parentGoid"), -1);
    CU_ASSERT_EQUAL(go_type_size("schedt"), 6080u);
    go_layout_use(&go_layout_go121);
    CU_ASSERT_EQUAL(go_off(F_g_gopc), 280u);
    CU_ASSERT_EQUAL(go_field_lookup("g", "parentGoid"), F_g_parentGoid);
}

static void test_every_field_matches_go_asm_h(void)
{
    CU_ASSERT(fields_match(&go_layout_go121, "data/go_asm_go1.21.h") > 100);
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
    TEST_CASE(test_go119_table_matches_its_go_asm_h);
    TEST_CASE(test_versions_share_names_and_fit);
    TEST_CASE(test_version_lookup);
    TEST_CASE(test_type_sizes_and_constants);
    TEST_CASE(test_anonymous_substructs_fit);
    TEST_CASE(test_path_resolution);
    TEST_CASE(test_generated_go_asm_h);
    TEST_CASE(test_status_names);
}
