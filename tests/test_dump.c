/* The --dump-state JSON at runtime·mstart, against the boot facts. */
#include "runtime_model/dump.h"
#include "tests/boot_fixture.h"
#include "tests/testlib.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dump(boot *b)
{
    char *buf;
    size_t len;
    FILE *f = open_memstream(&buf, &len);
    dump_state_json(&b->mc, f);
    fclose(f);
    return buf;
}

/* Every {/[ closed in order, outside strings: the output parses as JSON's shape. */
static int balanced(const char *s)
{
    char stack[64];
    int n = 0;
    bool str = false;
    for (; *s; s++) {
        if (str) {
            if (*s == '\\')
                s++;
            else if (*s == '"')
                str = false;
        } else if (*s == '"') {
            str = true;
        } else if (*s == '{' || *s == '[') {
            if (n == 64)
                return 0;
            stack[n++] = *s;
        } else if (*s == '}' || *s == ']') {
            if (n == 0 || stack[--n] != (*s == '}' ? '{' : '['))
                return 0;
        }
    }
    return n == 0 && !str;
}

static void test_dump_at_mstart(void)
{
    boot b;
    CU_ASSERT_EQUAL_FATAL(boot_run(&b, NULL, "runtime·mstart"), 0);
    char *j = dump(&b), want[128];
    CU_ASSERT(balanced(j));
    CU_ASSERT_PTR_NOT_NULL(strstr(j, "\"gomaxprocs\":2,\"ncpu\":2,\"state\":\"stopped\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(j, "\"goidgen\":16,\"maxmcount\":10000,\"mnext\":1,\"npidle\":1"));
    CU_ASSERT_PTR_NOT_NULL(strstr(j, "\"pidle\":[1]"));
    CU_ASSERT_PTR_NOT_NULL(strstr(j, "{\"id\":0,\"status\":\"_Prunning\",\"m\":0,\"schedtick\":0,"
                                     "\"runnext\":1,\"runq\":[],\"goidcache\":2,\"goidcacheend\":17"));
    CU_ASSERT_PTR_NOT_NULL(strstr(j, "{\"id\":1,\"status\":\"_Pidle\",\"m\":null"));
    CU_ASSERT_PTR_NOT_NULL(strstr(j, "{\"goid\":1,\"addr\":"));
    CU_ASSERT_PTR_NOT_NULL(strstr(j, "\"status\":\"_Grunnable\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(j, "\"parentGoid\":0,\"waitreason\":0,\"m\":null"));
    /* allm: m0 alone, on no thread yet (the model mode's m0 has no procid). */
    CU_ASSERT_PTR_NOT_NULL(strstr(j, "\"allm\":[{\"id\":0,\"thread\":0,\"curg\":null,\"p\":0,"
                                     "\"spinning\":false,\"blocked\":false}]"));
    snprintf(want, sizeof want, "\"top_word\":\"0x%llx\"",
             (unsigned long long)image_addr(&b.mc.img, "runtime·goexit") + 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(j, want));
    snprintf(want, sizeof want, "\"ctxt\":\"0x%llx\"",
             (unsigned long long)image_addr(&b.mc.img, "runtime·mainPC"));
    CU_ASSERT_PTR_NOT_NULL(strstr(j, want));
    CU_ASSERT_PTR_NOT_NULL(strstr(j, "\"m0\":{\"id\":0,\"curg\":null,\"p\":0,"));
    CU_ASSERT_PTR_NOT_NULL(strstr(j, "\"runtime·mainPC\":\"0x"));
    free(j);
    boot_close(&b);
}

static void test_dump_gomaxprocs_4(void)
{
    boot b;
    const char *edits[] = {"ncpu: 2", "ncpu: 8", "PATH=/usr/bin:/bin", "GOMAXPROCS=4", NULL};
    CU_ASSERT_EQUAL_FATAL(boot_run(&b, edits, "runtime·main"), 0);
    char *j = dump(&b);
    CU_ASSERT(balanced(j));
    CU_ASSERT_PTR_NOT_NULL(strstr(j, "\"gomaxprocs\":4,\"ncpu\":8"));
    CU_ASSERT_PTR_NOT_NULL(strstr(j, "\"pidle\":[1,2,3]"));
    CU_ASSERT_PTR_NOT_NULL(strstr(j, "\"m0\":{\"id\":0,\"curg\":1,\"p\":0,"));
    CU_ASSERT_PTR_NOT_NULL(strstr(j, "\"status\":\"_Grunning\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(j, "\"top_word\":null"));   /* gogo cleared sched.sp */
    free(j);
    boot_close(&b);
}

TEST_SUITE(dump)
{
    TEST_CASE(test_dump_at_mstart);
    TEST_CASE(test_dump_gomaxprocs_4);
}
