/* sim diff (trace_diff) on synthetic traces: equal across formats, one
 * changed register, one changed state field, inserted records (found as
 * extra, not a cascade), a shorter trace, a malformed line, --ignore, --max. */
#include "tests/testlib.h"
#include "traces/diff.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define N_INSNS 60
#define MAX_RECS 200

static char dir[64];

typedef struct {
    trace_rec r[MAX_RECS];
    int n;
} trace;

/* A small loop: five instructions around and around, a model call with a
 * state change every tenth, a sched block, the end. */
static void make_trace(trace *t)
{
    static const char *const syms[5] = {"main·loop", "main·loop+4", "main·loop+8", "main·loop+12",
                                        "main·loop+16"};
    t->n = 0;
    t->r[t->n++] = (trace_rec){.kind = REC_HEADER, .version = 1, .config = "synthetic",
                               .sim = "0.1.0", .program = "fnv1a64:0123456789abcdef", .status = -1};
    for (int i = 1; i <= N_INSNS; i++) {
        trace_rec r = {.kind = REC_INSN, .seq = (uint64_t)i, .pc = 0x401000 + 4 * (uint64_t)(i % 5),
                       .sym = syms[i % 5], .bytes = "48 ff c0", .file = "loop.s", .line = 10 + i % 5,
                       .src = "INCQ AX", .disasm = "inc rax", .nregs = 2, .status = -1};
        r.regs[0] = (rec_reg){"rax", (uint64_t)i - 1, (uint64_t)i};
        r.regs[1] = (rec_reg){"rflags", 0x202, 0x206};
        t->r[t->n++] = r;
        if (i % 10 == 0) {
            t->r[t->n++] = (trace_rec){.kind = REC_CALL, .depth = 0, .fn = "runtime·Gosched",
                                       .args = "", .status = -1};
            t->r[t->n++] = (trace_rec){.kind = REC_STATE, .depth = 1, .lhs = "g1.atomicstatus",
                                       .old_v = "_Grunning", .new_v = "_Grunnable", .status = -1};
        }
    }
    t->r[t->n++] = (trace_rec){.kind = REC_SCHED, .text = "SCHED 0ms: gomaxprocs=1\n  P0: status=1",
                               .status = -1};
    t->r[t->n++] = (trace_rec){.kind = REC_END, .how = "exited", .instructions = N_INSNS,
                               .status = 0, .why = ""};
}

static void insert(trace *t, int at, trace_rec r)
{
    memmove(&t->r[at + 1], &t->r[at], sizeof t->r[0] * (size_t)(t->n - at));
    t->r[at] = r;
    t->n++;
}

static const char *save(const char *name, const trace *t, bool jsonl)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    for (int i = 0; i < t->n; i++)
        (jsonl ? rec_write_jsonl : rec_write_text)(f, &t->r[i]);
    fclose(f);
    return path;
}

static char out[16384], err[1024];

/* sim diff a.trace b.trace with O (defaults if NULL); output in out/err. */
static int diff(const char *a, const char *b, const diff_opts *o)
{
    char pa[128], pb[128];
    snprintf(pa, sizeof pa, "%s/%s", dir, a);
    snprintf(pb, sizeof pb, "%s/%s", dir, b);
    diff_opts def;
    diff_opts_default(&def);
    FILE *fo = fmemopen(out, sizeof out - 1, "w"), *fe = fmemopen(err, sizeof err - 1, "w");
    int rc = trace_diff(pa, pb, o ? o : &def, fo, fe);
    fclose(fo);
    fclose(fe);
    return rc;
}

static void expect(const char *text, const char *want)
{
    if (!strstr(text, want))
        fprintf(stderr, "\n--- no \"%s\" in:\n%s\n", want, text);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, want));
}

static int setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/sim-test-diff-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    trace t;
    make_trace(&t);
    save("a.trace", &t, false);
    save("a.jsonl", &t, true);
    return 0;
}

static void cleanup(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
}

static void test_equal_across_formats(void)
{
    CU_ASSERT_EQUAL_FATAL(setup(), 0);
    CU_ASSERT_EQUAL(diff("a.trace", "a.jsonl", NULL), 0);
    expect(out, "identical: 75 records compared");
    CU_ASSERT_EQUAL(diff("a.jsonl", "a.trace", NULL), 0);
    cleanup();
}

static void test_changed_register(void)
{
    CU_ASSERT_EQUAL_FATAL(setup(), 0);
    trace t;
    make_trace(&t);
    t.r[7].regs[0].new_v = 99;   /* seq 7's rax */
    save("b.jsonl", &t, true);
    CU_ASSERT_EQUAL(diff("a.trace", "b.jsonl", NULL), 1);
    expect(out, "first divergence: A record 8 (line 8), B record 8 (line 8), seq 7: regs.rax @@");
    expect(out, "  6 0x401004 main·loop+4 | 48 ff c0 | loop.s:11 INCQ AX | inc rax");
    expect(out, "- 7 0x401008 main·loop+8 | 48 ff c0 | loop.s:12 INCQ AX | inc rax | rax=0x6→0x7");
    expect(out, "+ 7 0x401008 main·loop+8 | 48 ff c0 | loop.s:12 INCQ AX | inc rax | rax=0x6→0x63");
    expect(out, "    regs.rax: A 0x6→0x7 | B 0x6→0x63");
    expect(out, "1 divergence: 1 changed record, 0 extra in B, 0 extra in A");
    diff_opts o;
    diff_opts_default(&o);
    CU_ASSERT_EQUAL(rec_ignore_add(&o.ignore, "regs.rax"), 0);
    CU_ASSERT_EQUAL(diff("a.trace", "b.jsonl", &o), 0);
    cleanup();
}

static void test_changed_state(void)
{
    CU_ASSERT_EQUAL_FATAL(setup(), 0);
    trace t;
    make_trace(&t);
    t.r[12].old_v = "_Gwaiting";   /* the state line after the first call */
    CU_ASSERT_EQUAL(t.r[12].kind, REC_STATE);
    save("b.trace", &t, false);
    CU_ASSERT_EQUAL(diff("a.trace", "b.trace", NULL), 1);
    expect(out, "after seq 10: old @@");
    expect(out, "    old: A _Grunning | B _Gwaiting");
    cleanup();
}

/* A model call, its state change and one instruction inserted: one
 * divergence, and B's seq running one ahead afterwards is not another. */
static void test_inserted_records(void)
{
    CU_ASSERT_EQUAL_FATAL(setup(), 0);
    trace t;
    make_trace(&t);
    insert(&t, 20, (trace_rec){.kind = REC_CALL, .fn = "runtime·extra", .args = "x=1", .status = -1});
    insert(&t, 21, (trace_rec){.kind = REC_STATE, .depth = 1, .lhs = "g9.extra", .old_v = "0",
                               .new_v = "1", .status = -1});
    trace_rec nop = {.kind = REC_INSN, .seq = 0, .pc = 0x500000, .sym = "extra", .bytes = "90",
                     .file = "x.s", .line = 1, .src = "NOP", .disasm = "nop", .status = -1};
    insert(&t, 22, nop);
    for (int i = 22, seq = 18; i < t.n; i++)
        if (t.r[i].kind == REC_INSN)
            t.r[i].seq = (uint64_t)seq++;
    t.r[t.n - 1].instructions++;
    save("b.trace", &t, false);
    CU_ASSERT_EQUAL(diff("a.trace", "b.trace", NULL), 1);
    expect(out, "3 extra records in B @@");
    expect(out, "+   call runtime·extra(x=1)");
    expect(out, "+ 18 0x500000 extra | 90 | x.s:1 NOP | nop");
    expect(out, "resynchronised: A record 21 (line 21) = B record 24 (line 24)");
    expect(out, "@@ divergence: A record 75 (line 76), B record 78 (line 79), after seq 60: instructions @@");
    expect(out, "2 divergences: 1 changed record, 3 extra in B, 0 extra in A");
    CU_ASSERT_EQUAL(diff("b.trace", "a.trace", NULL), 1);
    expect(out, "3 extra records in A @@");
    cleanup();
}

static void test_shorter(void)
{
    CU_ASSERT_EQUAL_FATAL(setup(), 0);
    trace t;
    make_trace(&t);
    t.n = 30;
    save("b.trace", &t, false);
    CU_ASSERT_EQUAL(diff("a.trace", "b.trace", NULL), 1);
    expect(out, "B ends here without an end record (cut short?); A goes on");
    expect(out, "(45 extra records at the end of A)");
    cleanup();
}

static void test_malformed_line(void)
{
    CU_ASSERT_EQUAL_FATAL(setup(), 0);
    char path[128];
    snprintf(path, sizeof path, "%s/b.trace", dir);
    FILE *f = fopen(path, "w");
    fputs("#sim-trace v1 config=synthetic sim=0.1.0 program=fnv1a64:0123456789abcdef\n"
          "1 0x401004 main·loop+4 | 48 ff c0 | loop.s:11 INCQ AX | inc rax | rax=0x0→0x1 rflags=0x202→0x206\n"
          "2 0x401008 main·loop+8 | 48 ff c0\n", f);
    fclose(f);
    CU_ASSERT_EQUAL(diff("a.trace", "b.trace", NULL), 2);
    expect(err, "b.trace:3: instruction: fewer than four \" | \" fields");
    CU_ASSERT_EQUAL(diff("a.trace", "nosuch.trace", NULL), 2);
    expect(err, "nosuch.trace: No such file or directory");
    cleanup();
}

static void test_max(void)
{
    CU_ASSERT_EQUAL_FATAL(setup(), 0);
    trace t;
    make_trace(&t);
    for (int i = 1; i < t.n; i++)
        if (t.r[i].kind == REC_INSN)
            t.r[i].regs[1].new_v = 0x207;
    save("b.trace", &t, false);
    diff_opts o;
    diff_opts_default(&o);
    o.max = 5;
    CU_ASSERT_EQUAL(diff("a.trace", "b.trace", &o), 1);
    expect(out, "5 divergences: 5 changed records");
    expect(out, "stopped after 5 divergences (--max)");
    CU_ASSERT_EQUAL(rec_ignore_add(&o.ignore, "regs.rflags"), 0);
    CU_ASSERT_EQUAL(diff("a.trace", "b.trace", &o), 0);
    cleanup();
}

TEST_SUITE(diff)
{
    TEST_CASE(test_equal_across_formats);
    TEST_CASE(test_changed_register);
    TEST_CASE(test_changed_state);
    TEST_CASE(test_inserted_records);
    TEST_CASE(test_shorter);
    TEST_CASE(test_malformed_line);
    TEST_CASE(test_max);
}
