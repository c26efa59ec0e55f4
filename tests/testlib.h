/* Minimal glue over CUnit: each tests/test_*.c file registers its suite with
 * TEST_SUITE(name) { TEST_CASE(fn); ... } and tests/test_main.c runs them all,
 * so adding a test file needs no edit anywhere else. */
#ifndef TESTS_TESTLIB_H
#define TESTS_TESTLIB_H
#include <CUnit/CUnit.h>
#include <stddef.h>

typedef void (*suite_fn)(CU_pSuite);
void testlib_register(const char *name, suite_fn fn);

#define TEST_SUITE(name)                                                    \
    static void suite_body_##name(CU_pSuite suite);                         \
    __attribute__((constructor)) static void suite_ctor_##name(void)        \
    { testlib_register(#name, suite_body_##name); }                          \
    static void suite_body_##name(CU_pSuite suite)

#define TEST_CASE(fn) CU_add_test(suite, #fn, fn)

/* Asserts that the file at PATH holds exactly LEN bytes, DATA's. */
void testlib_check_file(const char *path, const char *data, size_t len);

#endif
