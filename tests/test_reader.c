/* The trace readers: every record kind written by each format's writer
 * reads back to the same record and rewrites to the same bytes; the golden
 * traces survive text -> JSONL -> text; malformed input is reported with
 * file:line. */
#include "tests/testlib.h"
#include "traces/reader.h"
#include "traces/rec_compare.h"
#include <stdlib.h>
#include <string.h>

typedef void (*writer_fn)(FILE *, const trace_rec *);

/* The records the test writes: every kind, the awkward cases of each. */
static int sample(trace_rec *out)
{
    int n = 0;
    out[n++] = (trace_rec){.kind = REC_HEADER, .version = 1, .config = "boot-4cpu",
                           .sim = "0.1.0", .program = "fnv1a64:6d4bd61e2bf7c0a5", .status = -1};
    trace_rec i1 = {.kind = REC_INSN, .seq = 1, .pc = 0x401000, .sym = "runtime·main+4",
                    .bytes = "48 8b 3c 24", .file = "rt0_amd64.s", .line = 12,
                    .src = "MOVQ a|b, c \\ d || e // x | y \\", .disasm = "mov rdi, qword ptr [rsp]",
                    .nregs = 3, .nmem = 3, .mem_dropped = 0, .nstack = 3, .status = -1};
    i1.regs[0] = (rec_reg){"rdi", 0, 1};
    i1.regs[1] = (rec_reg){"rflags", 0x246, 0x202};
    i1.regs[2] = (rec_reg){"fs_base", 0, 0xffffffffffffffffULL};
    i1.mem[0] = (rec_mem){0x7fffffffeee8, 8, 0x4010ff, false, 0, ""};
    i1.mem[1] = (rec_mem){0xc000014658, 8, 0, false, 0xc000014fd8, "g1.sched.sp"};
    i1.mem[2] = (rec_mem){0x404220, 1, 0xff, true, 0x1, ""};   /* a store that faulted */
    i1.stack[0] = (rec_slot){0, 0x402000, "&runtime·mainPC, a funcval → runtime·main"};
    i1.stack[1] = (rec_slot){8, 1, ""};
    i1.stack[2] = (rec_slot){16, 0x4010ff, "→ runtime·rt0_go+223 (f(x))"};
    out[n++] = i1;
    /* Empty source, no changes, no stack: four fields. */
    out[n++] = (trace_rec){.kind = REC_INSN, .seq = 2, .pc = 0x401004, .sym = "0x401004",
                           .bytes = "90", .file = "x.s", .line = 0, .src = "", .disasm = "nop",
                           .status = -1};
    /* A stack but no changes: field 5 present and empty. */
    trace_rec i3 = {.kind = REC_INSN, .seq = 3, .pc = 0x401005, .sym = "f", .bytes = "c3",
                    .file = "x.s", .line = 3, .src = "(prologue/epilogue inserted by the assembler)",
                    .disasm = "ret", .nstack = 1, .status = -1};
    i3.stack[0] = (rec_slot){0, 0, ""};
    out[n++] = i3;
    /* The most writes a record holds, and some dropped. */
    trace_rec i4 = {.kind = REC_INSN, .seq = 4, .pc = 0x401006, .sym = "g", .bytes = "f3 a4",
                    .file = "x.s", .line = 4, .src = "REP; MOVSB", .disasm = "rep movsb byte ptr [rdi], byte ptr [rsi]",
                    .nmem = REC_MAX_MEM, .mem_dropped = 7, .status = -1};
    for (int i = 0; i < REC_MAX_MEM; i++)
        i4.mem[i] = (rec_mem){0xc000000000ULL + (uint64_t)i, 1, (uint64_t)i, false, 0xff,
                              i % 2 ? "" : "g2+0x9"};
    out[n++] = i4;
    out[n++] = (trace_rec){.kind = REC_CALL, .seq = 4, .depth = 0, .fn = "runtime·newproc",
                           .args = "fn=runtime·mainPC", .status = -1};
    out[n++] = (trace_rec){.kind = REC_CALL, .seq = 4, .depth = 3, .fn = "(*p).init", .args = "",
                           .status = -1};
    out[n++] = (trace_rec){.kind = REC_CALL, .seq = 4, .depth = 1, .fn = "syscall exit_group",
                           .args = "status=0", .status = -1};
    out[n++] = (trace_rec){.kind = REC_STATE, .seq = 4, .depth = 2, .lhs = "[0xc000036fd8] (return address)",
                           .old_v = "runtime·goexit+1", .new_v = "g1", .status = -1};
    out[n++] = (trace_rec){.kind = REC_NOTE, .seq = 4, .depth = 1,
                           .text = "wakep: idle P allp[1] → startm(“spinning”) | \\ \"q\"",
                           .status = -1};
    out[n++] = (trace_rec){.kind = REC_SCHED,
                           .text = "SCHED 0ms: gomaxprocs=2 idleprocs=1\n  P0: status=1 m=0\n"
                                   "  M0: p=0 curg=nil preemptoff=\n  G1: status=1() m=nil",
                           .status = -1};
    out[n++] = (trace_rec){.kind = REC_NOTE, .seq = 4, .depth = 0, .text = "", .status = -1};
    out[n++] = (trace_rec){.kind = REC_FAULT, .pc = 0x300000, .sym = "runtime·check",
                           .why = "SIGSEGV: reading g at %fs:-8 (fs_base=0x0): \"no\" TLS",
                           .status = -1};
    out[n++] = (trace_rec){.kind = REC_END, .how = "fault", .instructions = 137, .status = -1,
                           .why = "CPU fault: Invalid memory write (UC_ERR_WRITE_UNMAPPED)"};
    out[n++] = (trace_rec){.kind = REC_END, .how = "exited", .instructions = 143, .status = 0,
                           .why = ""};
    /* A run cut by SIGTERM (docs/trace-format.md). */
    out[n++] = (trace_rec){.kind = REC_END, .how = "cut", .instructions = 143, .status = -1,
                           .why = "SIGTERM"};
    return n;
}

/* The records written by W, as one string (caller frees). */
static char *write_all(writer_fn w, const trace_rec *recs, int n)
{
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    for (int i = 0; i < n; i++)
        w(m, &recs[i]);
    fclose(m);
    return text;
}

static trace_reader *open_text(const char *text, FILE **f, char *err, size_t errlen)
{
    *f = fmemopen((void *)text, strlen(text), "r");
    return reader_open_stream(*f, "mem.trace", err, errlen);
}

/* Reads TEXT back record by record: each equals RECS[i] and rewrites (by
 * W) to the bytes it came from. */
static void check_round_trip(writer_fn w, trace_format fmt)
{
    trace_rec recs[32], r;
    int n = sample(recs);
    char *text = write_all(w, recs, n), err[600];
    FILE *f;
    trace_reader *rd = open_text(text, &f, err, sizeof err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rd);
    CU_ASSERT_EQUAL(reader_format(rd), fmt);
    char *again = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&again, &len);
    int got = 0;
    for (int rc; (rc = reader_next(rd, &r)) == 1; got++) {
        CU_ASSERT_FATAL(got < n);
        char names[256];
        CU_ASSERT_EQUAL(rec_compare(&recs[got], &r, NULL, 0, names, sizeof names, NULL), 0);
        if (names[0])
            fprintf(stderr, "record %d differs in %s\n", got, names);
        w(m, &r);
    }
    CU_ASSERT_STRING_EQUAL(reader_error(rd), "");
    CU_ASSERT_EQUAL(got, n);
    fclose(m);
    CU_ASSERT_STRING_EQUAL(again, text);
    free(again);
    reader_close(rd);
    fclose(f);
    free(text);
}

static void test_text_round_trip(void) { check_round_trip(rec_write_text, TRACE_TEXT); }
static void test_jsonl_round_trip(void) { check_round_trip(rec_write_jsonl, TRACE_JSONL); }

/* The sched record's lines come back as one record; depth from indentation. */
static void test_text_details(void)
{
    trace_rec recs[32], r;
    int n = sample(recs);
    char *text = write_all(rec_write_text, recs, n), err[600];
    CU_ASSERT_PTR_NOT_NULL(strstr(text, ".s:12 MOVQ a\\|b, c \\\\ d \\|\\| e // x \\| y \\\\ | mov"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "  sched   P0: status=1 m=0\n  sched   M0:"));
    FILE *f;
    trace_reader *rd = open_text(text, &f, err, sizeof err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rd);
    while (reader_next(rd, &r) == 1 && r.kind != REC_SCHED)
        if (r.kind == REC_CALL && strcmp(r.fn, "(*p).init") == 0)
            CU_ASSERT_EQUAL(r.depth, 3);
    CU_ASSERT_EQUAL(r.kind, REC_SCHED);
    CU_ASSERT_STRING_EQUAL(r.text, recs[10].text);
    CU_ASSERT_EQUAL(reader_line(rd), 11);   /* the block's first line */
    CU_ASSERT_EQUAL(reader_next(rd, &r), 1);
    CU_ASSERT_EQUAL(r.kind, REC_NOTE);
    CU_ASSERT_EQUAL(reader_line(rd), 15);
    reader_close(rd);
    fclose(f);
    free(text);
}

/* A golden trace through both formats comes back byte for byte. */
static void check_golden(const char *path)
{
    char err[600], *orig = NULL, *jsonl = NULL, *back = NULL;
    size_t ol = 0, jl = 0, bl = 0;
    trace_rec r;
    trace_reader *rd = reader_open(path, err, sizeof err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rd);
    FILE *o = open_memstream(&orig, &ol), *j = open_memstream(&jsonl, &jl);
    while (reader_next(rd, &r) == 1) {
        rec_write_text(o, &r);
        rec_write_jsonl(j, &r);
    }
    CU_ASSERT_STRING_EQUAL(reader_error(rd), "");
    reader_close(rd);
    fclose(o);
    fclose(j);
    FILE *f = fmemopen(jsonl, jl, "r"), *b = open_memstream(&back, &bl);
    rd = reader_open_stream(f, "golden.jsonl", err, sizeof err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rd);
    while (reader_next(rd, &r) == 1)
        rec_write_text(b, &r);
    CU_ASSERT_STRING_EQUAL(reader_error(rd), "");
    reader_close(rd);
    fclose(f);
    fclose(b);
    FILE *g = fopen(path, "rb");
    char *file = calloc(1, ol + 2);
    size_t fl = fread(file, 1, ol + 1, g);
    fclose(g);
    CU_ASSERT_EQUAL(fl, ol);
    CU_ASSERT_STRING_EQUAL(file, orig);
    CU_ASSERT_STRING_EQUAL(back, orig);
    free(file);
    free(orig);
    free(jsonl);
    free(back);
}

static void test_golden_spawn(void) { check_golden("../traces/golden/spawn.trace"); }
static void test_golden_goid_batch(void) { check_golden("../traces/golden/goid-batch.trace"); }
static void test_golden_seed(void) { check_golden("../traces/golden/seed-verbatim.trace"); }

/* TEXT's record at LINE is malformed: the error names the line and WHAT. */
static void check_bad(const char *text, const char *want)
{
    char err[600];
    trace_rec r;
    FILE *f = fmemopen((void *)text, strlen(text), "r");
    trace_reader *rd = reader_open_stream(f, "bad.trace", err, sizeof err);
    const char *msg = err;
    if (rd) {
        while (reader_next(rd, &r) == 1)
            ;
        msg = reader_error(rd);
    }
    if (!strstr(msg, want))
        fprintf(stderr, "\n  got \"%s\", want \"%s\"\n", msg, want);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, want));
    reader_close(rd);
    fclose(f);
}

#define HDR "#sim-trace v1 config=x sim=0 program=p\n"
#define JHDR "{\"kind\":\"header\",\"version\":1,\"config\":\"x\",\"sim\":\"0\",\"program\":\"p\"}\n"

static void test_malformed(void)
{
    check_bad("", "bad.trace: empty file");
    check_bad("hello\n", "bad.trace:1: not a sim trace");
    check_bad(HDR "1 0x10 f | 90 | a.s:1 NOP\n", "bad.trace:2: instruction: no disassembly");
    check_bad(HDR "1 0x10 f | 90\n", "bad.trace:2: instruction: fewer than four");
    check_bad(HDR "x\n", "bad.trace:2: not a trace record: \"x\"");
    check_bad(HDR "  call f(\n", "bad.trace:2: call: expected");
    check_bad(HDR "  set  a → b\n", "bad.trace:2: set: expected");
    check_bad(HDR "1 0x10 f | 90 | a.s:1 NOP | nop | rax=0x1\n", "bad.trace:2: bad register change");
    check_bad(HDR "1 0x10 f | 90 | a.s:1 NOP | nop | [0x1]/8=zz\n", "bad.trace:2: bad memory write");
    check_bad(HDR "1 0x10 f | 90 | a.s:1 NOP | nop |  | [rsp+0]=0x1 (x\n",
              "bad.trace:2: unclosed stack note");
    check_bad(HDR "end exited instructions=x\n", "bad.trace:2: end: expected");
    check_bad(HDR "end exited instructions=1", "bad.trace:2: last line has no newline");
    check_bad("{\"kind\":\"nope\"}\n", "bad.trace:1: JSON: unknown record kind");
    check_bad(JHDR "{\"kind\":\"end\",\"how\":\"exited\"\n", "bad.trace:2: JSON: expected '}' at column 29");
    check_bad(JHDR "{\"kind\":\"note\",\"text\":\"a\\qb\"}\n", "bad.trace:2: JSON: bad escape");
    check_bad(JHDR "{\"kind\":\"insn\",\"pc\":\"12\"}\n", "expected a \"0x...\" string");
    check_bad(JHDR "{\"kind\":\"insn\"}\n{\"depth\":1}\n", "bad.trace:3: JSON record without \"kind\"");
    /* A JSONL trace without its header is refused, as a text one is. */
    check_bad("{\"kind\":\"insn\"}\n", "bad.trace:1: not a sim trace: a JSONL trace starts with its header");
    check_bad("{\"kind\":\"end\",\"how\":\"exited\",\"instructions\":1}\n",
              "bad.trace:1: not a sim trace: a JSONL trace starts with its header");
}

/* A store names its Go field and old value; version 1's first form
 * "[addr]/size=value" still reads; a model's records take the seq of the
 * instruction before them. */
static void test_store_forms(void)
{
    const char *text = "#sim-trace v1 config=x sim=0.1.0 program=fnv1a64:0\n"
                       "7 0x401000 f | 90 | x.s:1  | nop | [0x10]/8=0x5 [0x18]/4 0x1→0x2 "
                       "[0xc000014658]/8 g1.sched.sp 0xc000014fd8→0x0 rax=0x0→0x1\n"
                       "  set      sched.goidgen: 0 → 16\n";
    char err[600];
    trace_rec r;
    FILE *f = fmemopen((void *)text, strlen(text), "r");
    trace_reader *rd = reader_open_stream(f, "forms.trace", err, sizeof err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rd);
    CU_ASSERT_EQUAL(reader_next(rd, &r), 1);
    CU_ASSERT_EQUAL(reader_next(rd, &r), 1);
    CU_ASSERT_STRING_EQUAL(reader_error(rd), "");
    CU_ASSERT_EQUAL_FATAL(r.nmem, 3);
    CU_ASSERT_EQUAL(r.mem[0].value, 5);
    CU_ASSERT_STRING_EQUAL(r.mem[0].name, "");
    CU_ASSERT_EQUAL(r.mem[1].size, 4);
    CU_ASSERT_EQUAL(r.mem[1].old, 1);
    CU_ASSERT_EQUAL(r.mem[1].value, 2);
    CU_ASSERT_STRING_EQUAL(r.mem[2].name, "g1.sched.sp");
    CU_ASSERT_EQUAL(r.mem[2].old, 0xc000014fd8ULL);
    CU_ASSERT_EQUAL(r.mem[2].value, 0);
    CU_ASSERT_EQUAL(r.nregs, 1);
    CU_ASSERT_EQUAL(reader_next(rd, &r), 1);
    CU_ASSERT_EQUAL(r.kind, REC_STATE);
    CU_ASSERT_EQUAL(r.seq, 7);
    reader_close(rd);
    fclose(f);
    const char *bad = "#sim-trace v1 config=x sim=0.1.0 program=fnv1a64:0\n"
                      "7 0x401000 f | 90 | x.s:1  | nop | [0x10]/8 g1 g2 0x1→0x2\n";
    f = fmemopen((void *)bad, strlen(bad), "r");
    rd = reader_open_stream(f, "bad.trace", err, sizeof err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rd);
    reader_next(rd, &r);
    CU_ASSERT_EQUAL(reader_next(rd, &r), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(reader_error(rd), "bad memory write"));
    reader_close(rd);
    fclose(f);
}

/* \u escapes (and surrogate pairs) read as UTF-8; unknown keys skipped. */
static void test_jsonl_escapes(void)
{
    const char *text = JHDR "{\"kind\":\"note\",\"depth\":2,\"x\":[1,{\"y\":null}],"
                       "\"text\":\"runtime\\u00b7main \\u2192 \\ud83d\\ude00\\t\\\"\"}\n";
    char err[600];
    trace_rec r;
    FILE *f = fmemopen((void *)text, strlen(text), "r");
    trace_reader *rd = reader_open_stream(f, "esc.jsonl", err, sizeof err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rd);
    CU_ASSERT_EQUAL(reader_next(rd, &r), 1);
    CU_ASSERT_EQUAL(r.kind, REC_HEADER);
    CU_ASSERT_EQUAL(reader_next(rd, &r), 1);
    CU_ASSERT_EQUAL(r.kind, REC_NOTE);
    CU_ASSERT_EQUAL(r.depth, 2);
    CU_ASSERT_STRING_EQUAL(r.text, "runtime·main → \xf0\x9f\x98\x80\t\"");
    CU_ASSERT_EQUAL(reader_next(rd, &r), 0);
    reader_close(rd);
    fclose(f);
}

TEST_SUITE(reader)
{
    TEST_CASE(test_text_round_trip);
    TEST_CASE(test_jsonl_round_trip);
    TEST_CASE(test_text_details);
    TEST_CASE(test_golden_spawn);
    TEST_CASE(test_golden_goid_batch);
    TEST_CASE(test_golden_seed);
    TEST_CASE(test_malformed);
    TEST_CASE(test_jsonl_escapes);
    TEST_CASE(test_store_forms);
}
