/* The TUI's titles and status bar at 80×24: shortened by what says least,
 * never cut inside a word. */
#include "tests/testlib.h"
#include "sim/debug/shorten.h"
#include <string.h>

static void check_title(const char *in, int cols, const char *want)
{
    char out[256];
    shorten_title(in, cols, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, want);
    CU_ASSERT(text_cols(out) <= cols);
}

static void test_titles(void)
{
    check_title("Registers (*: changed by the step)", 40, "Registers (*: changed by the step)");
    check_title("Registers (*: changed by the step)", 32, "Registers");
    check_title("Log (instruction: syscalls, thread switches, signals)", 43, "Log");
    check_title("Stack rsp=0xc000014fd8: g1's stack", 30, "Stack rsp=0xc000014fd8: g1's…");
    check_title("Source: proc.go:4112  runtime.newproc1", 30, "Source: proc.go:4112…");
    check_title("Disassembly: runtime.newproc.func1", 10, "Disassemb…");
}

static void check_status(const char *in, int cols, const char *want)
{
    char out[256];
    shorten_status(in, cols, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, want);
    CU_ASSERT(text_cols(out) <= cols);
}

static void test_status(void)
{
    const char *boot = " sim debug boot · step 88 · insn 82 · runtime·main · g1's stack · running";
    check_status(boot, 80, boot);
    check_status(boot, 70, " boot · step 88 · insn 82 · runtime·main · g1's stack · running");
    check_status(boot, 60, " boot · step 88 · insn 82 · runtime·main · g1's stack");
    check_status(boot, 50, "step 88 · insn 82 · runtime·main · g1's stack");
    check_status(boot, 40, "step 88 · runtime·main · g1's stack");
    check_status(boot, 30, "step 88 · runtime·main · g1");
    check_status(boot, 20, "step 88 …");
    const char *real = " sim debug hello · step 327116 · insn 327116 · runtime.newproc.func1+37 · "
                       "g0's stack · exited, status 0";
    check_status(real, 80, "step 327116 · runtime.newproc.func1+37 · g0's stack · exited, status 0");
}

TEST_SUITE(shorten)
{
    TEST_CASE(test_titles);
    TEST_CASE(test_status);
}
