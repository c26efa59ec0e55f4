/* The TUI's command line (sim/debug/lineedit.c): editing at the cursor,
 * UTF-8 kept whole, readline's kills, and the history walk that keeps the
 * line being typed. */
#include "sim/debug/lineedit.h"
#include "tests/testlib.h"
#include <stdlib.h>
#include <string.h>

static void type(lineedit *le, const char *s)
{
    while (*s)
        le_insert(le, *s++);
}

static void run_line(lineedit *le, const char *s, const char *want)
{
    type(le, s);
    char *got = le_take(le);
    CU_ASSERT_STRING_EQUAL(got, want);
    free(got);
}

static void test_edit_at_cursor(void)
{
    lineedit le;
    le_init(&le);
    type(&le, "s 2");
    le_key_press(&le, LE_HOME);
    le_key_press(&le, LE_RIGHT);
    le_insert(&le, 'i');
    CU_ASSERT_STRING_EQUAL(le.buf, "si 2");
    CU_ASSERT_EQUAL(le_cursor_col(&le), 2);
    le_key_press(&le, LE_END);
    le_key_press(&le, LE_BACKSPACE);
    type(&le, "10");
    CU_ASSERT_STRING_EQUAL(le.buf, "si 10");
    le_key_press(&le, LE_HOME);
    le_key_press(&le, LE_DELETE);
    CU_ASSERT_STRING_EQUAL(le.buf, "i 10");
    le_key_press(&le, LE_END);
    le_key_press(&le, LE_KILL_WORD);
    CU_ASSERT_STRING_EQUAL(le.buf, "i ");
    le_key_press(&le, LE_LEFT);
    le_key_press(&le, LE_KILL_END);
    CU_ASSERT_STRING_EQUAL(le.buf, "i");
    le_key_press(&le, LE_KILL_START);
    CU_ASSERT_STRING_EQUAL(le.buf, "");
    CU_ASSERT_EQUAL(le.cur, 0);
    le_free(&le);
}

/* b runtime·main: the middle dot is two bytes, one column, one character. */
static void test_utf8(void)
{
    lineedit le;
    le_init(&le);
    type(&le, "b runtime\xc2\xb7main");
    for (int i = 0; i < 4; i++)
        le_key_press(&le, LE_LEFT);
    CU_ASSERT_EQUAL(le_cursor_col(&le), 10);
    le_key_press(&le, LE_LEFT);   /* over the dot: both its bytes */
    CU_ASSERT_EQUAL(le.cur, 9);
    le_key_press(&le, LE_DELETE);
    CU_ASSERT_STRING_EQUAL(le.buf, "b runtimemain");
    le_insert(&le, '.');
    CU_ASSERT_STRING_EQUAL(le.buf, "b runtime.main");
    le_free(&le);
}

static void test_history(void)
{
    lineedit le;
    le_init(&le);
    run_line(&le, "si 3", "si 3");
    run_line(&le, "r 2", "r 2");
    run_line(&le, "r 2", "r 2");   /* a repeat is kept once */
    run_line(&le, "", "");         /* an empty line is not kept */
    CU_ASSERT_EQUAL(le.nhist, 2);
    type(&le, "cont");             /* being typed: kept while walking */
    le_key_press(&le, LE_UP);
    CU_ASSERT_STRING_EQUAL(le.buf, "r 2");
    le_key_press(&le, LE_UP);
    CU_ASSERT_STRING_EQUAL(le.buf, "si 3");
    le_key_press(&le, LE_UP);      /* the oldest: stays */
    CU_ASSERT_STRING_EQUAL(le.buf, "si 3");
    le_key_press(&le, LE_DOWN);
    le_key_press(&le, LE_DOWN);
    CU_ASSERT_STRING_EQUAL(le.buf, "cont");
    CU_ASSERT_EQUAL(le.cur, 4);
    le_key_press(&le, LE_UP);
    run_line(&le, "", "r 2");      /* a history line run as shown */
    CU_ASSERT_EQUAL(le.nhist, 2);
    le_free(&le);
}

static void test_limits(void)
{
    lineedit le;
    le_init(&le);
    for (int i = 0; i < 2 * LE_MAX; i++)
        le_insert(&le, 'x');
    CU_ASSERT_EQUAL(le.len, LE_MAX - 1);
    CU_ASSERT_EQUAL(strlen(le.buf), (size_t)LE_MAX - 1);
    le_clear(&le);
    char line[16];
    for (int i = 0; i < LE_HISTORY + 5; i++) {
        snprintf(line, sizeof line, "si %d", i);
        run_line(&le, line, line);
    }
    CU_ASSERT_EQUAL(le.nhist, LE_HISTORY);
    CU_ASSERT_STRING_EQUAL(le.hist[0], "si 5");   /* the oldest went */
    le_key_press(&le, LE_BACKSPACE);              /* nothing to delete: nothing happens */
    le_key_press(&le, LE_LEFT);
    CU_ASSERT_EQUAL(le.cur, 0);
    le_free(&le);
}

TEST_SUITE(lineedit)
{
    TEST_CASE(test_edit_at_cursor);
    TEST_CASE(test_utf8);
    TEST_CASE(test_history);
    TEST_CASE(test_limits);
}
