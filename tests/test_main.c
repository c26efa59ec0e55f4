/* Runs every CUnit suite registered with TEST_SUITE; exit status 1 on any
 * failure.  Run from the tests/ directory (make test does), or pass a suite
 * name to run only that one. */
#include "tests/testlib.h"
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SUITES 64
static struct { const char *name; suite_fn fn; } suites[MAX_SUITES];
static int nsuites;

void testlib_register(const char *name, suite_fn fn)
{
    if (nsuites < MAX_SUITES)
        { suites[nsuites].name = name; suites[nsuites++].fn = fn; }
}

void testlib_check_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "rb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    char *got = malloc(len + 1);
    size_t n = fread(got, 1, len + 1, f);
    fclose(f);
    CU_ASSERT_EQUAL(n, len);
    CU_ASSERT(n == len && memcmp(got, data, len) == 0);
    free(got);
}

int main(int argc, char **argv)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    for (int i = 0; i < nsuites; i++) {
        if (argc > 1 && strcmp(argv[1], suites[i].name) != 0)
            continue;
        CU_pSuite s = CU_add_suite(suites[i].name, NULL, NULL);
        suites[i].fn(s);
    }
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
    unsigned ran = CU_get_number_of_tests_run();
    CU_cleanup_registry();
    return (failed || ran == 0) ? 1 : 0;
}
