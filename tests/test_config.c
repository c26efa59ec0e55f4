/* sim/config.c: defaults, every key, and the exact one-line error for each
 * kind of bad input.  Run from tests/ (fixtures in tests/config_fixtures). */
#include "sim/config.h"
#include "sim/embedded.h"
#include "tests/testlib.h"
#include <stdlib.h>
#include <string.h>

/* Parses TEXT as "t.yaml"; returns the status, *MSG gets what went to err. */
static int parse(const char *text, sim_config *c, char **msg)
{
    size_t size;
    FILE *err = open_memstream(msg, &size);
    int rc = config_parse("t.yaml", text, c, err);
    fclose(err);
    return rc;
}

/* TEXT must be rejected with exactly the line WANT (without its newline). */
static void check_error_at(const char *text, const char *want, const char *file, int line)
{
    sim_config c;
    char *msg = NULL;
    int rc = parse(text, &c, &msg);
    char wantnl[512];
    snprintf(wantnl, sizeof wantnl, "%s\n", want);
    CU_assertImplementation(rc == 2, (unsigned)line, "rc == 2", file, "", CU_FALSE);
    bool same = strcmp(msg, wantnl) == 0;
    if (!same)
        fprintf(stderr, "\n%s:%d: want: %s     got: %s", file, line, wantnl, msg);
    CU_assertImplementation(same, (unsigned)line, "error message", file, "", CU_FALSE);
    free(msg);
    config_free(&c);
}
#define check_error(text, want) check_error_at(text, want, __FILE__, __LINE__)

/* TEXT must parse; the caller inspects C and frees it. */
static void check_ok_at(const char *text, sim_config *c, const char *file, int line)
{
    char *msg = NULL;
    int rc = parse(text, c, &msg);
    if (rc != 0)
        fprintf(stderr, "\n%s:%d: unexpected error: %s", file, line, msg);
    CU_assertImplementation(rc == 0 && msg[0] == 0, (unsigned)line, "parses", file, "", CU_FALSE);
    free(msg);
}
#define check_ok(text, c) check_ok_at(text, c, __FILE__, __LINE__)

static void assert_defaults(const sim_config *c)
{
    CU_ASSERT_EQUAL(c->nsources, 0);
    CU_ASSERT_PTR_NULL(c->sources);
    CU_ASSERT_STRING_EQUAL(c->entry, "_rt0_amd64");
    CU_ASSERT_EQUAL_FATAL(c->argc, 1);
    CU_ASSERT_STRING_EQUAL(c->argv[0], "hello");
    CU_ASSERT_EQUAL_FATAL(c->nenv, 2);
    CU_ASSERT_STRING_EQUAL(c->env[0], "HOME=/home/gopher");
    CU_ASSERT_STRING_EQUAL(c->env[1], "PATH=/usr/bin:/bin");
    CU_ASSERT_EQUAL(c->ncpu, 2);
    for (int i = 0; i < 16; i++)
        CU_ASSERT_EQUAL(c->at_random[i], i);
    CU_ASSERT_EQUAL(c->stack_top, 0x7ffffffff000ULL);
    CU_ASSERT_EQUAL(c->stack_size, 0x40000ULL);
    CU_ASSERT_EQUAL(c->heap_base, 0xc000000000ULL);
    CU_ASSERT_EQUAL(c->heap_size, 0x4000000ULL);
    CU_ASSERT_PTR_NULL(c->trace_path);
    CU_ASSERT_EQUAL(c->format, TRACE_TEXT);
    CU_ASSERT_EQUAL(c->sched, SCHED_ON_CHANGE);
    CU_ASSERT_EQUAL(c->max_instructions, 100000000ULL);
}

static void test_defaults(void)
{
    sim_config c;
    config_defaults(&c);
    assert_defaults(&c);
    CU_ASSERT_STRING_EQUAL(c.path, "<built-in>");
    CU_ASSERT_STRING_EQUAL(c.name, "boot");
    config_free(&c);

    /* Empty inputs of every kind give the defaults. */
    const char *empties[] = {"", "\n\n", "# only a comment\n", "---\n", "--- ~\n", "null\n",
                             "---\n...\n", "{}\n"};
    for (size_t i = 0; i < sizeof empties / sizeof *empties; i++) {
        check_ok(empties[i], &c);
        assert_defaults(&c);
        CU_ASSERT_STRING_EQUAL(c.path, "t.yaml");
        CU_ASSERT_STRING_EQUAL(c.name, "t");
        config_free(&c);
    }
    /* Sections with nothing under them are the defaults too. */
    check_ok("program:\nprocess:\nmemory: {}\ntrace:\nlimits:\n", &c);
    assert_defaults(&c);
    config_free(&c);
}

static void test_name_default(void)
{
    const struct { const char *path, *name; } cases[] = {
        {"configs/boot.yaml", "boot"}, {"a/b/run.yml", "run"}, {"plain", "plain"},
        {"x.yaml.bak", "x.yaml.bak"}, {"<built-in>", "boot"}, {"/abs/my-run.yaml", "my-run"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        sim_config c;
        CU_ASSERT_EQUAL(config_parse(cases[i].path, "", &c, stderr), 0);
        CU_ASSERT_STRING_EQUAL(c.path, cases[i].path);
        CU_ASSERT_STRING_EQUAL(c.name, cases[i].name);
        config_free(&c);
    }
    sim_config c;
    check_ok("name: boot-2\n", &c);
    CU_ASSERT_STRING_EQUAL(c.name, "boot-2");
    config_free(&c);
}

static void assert_full(const sim_config *c)
{
    static const uint8_t rnd[16] = {0xf0, 0xe1, 0xd2, 0xc3, 0xb4, 0xa5, 0x96, 0x87,
                                    0x78, 0x69, 0x5a, 0x4b, 0x3c, 0x2d, 0x1e, 0x0f};
    CU_ASSERT_STRING_EQUAL(c->name, "custom");
    CU_ASSERT_EQUAL_FATAL(c->nsources, 2);
    CU_ASSERT_STRING_EQUAL(c->sources[0], "../runtime_model/asm/rt0_linux_amd64.s");
    CU_ASSERT_STRING_EQUAL(c->sources[1], "asm/proc.s");
    CU_ASSERT_STRING_EQUAL(c->entry, "_rt0_custom");
    CU_ASSERT_EQUAL_FATAL(c->argc, 3);
    CU_ASSERT_STRING_EQUAL(c->argv[0], "hello");
    CU_ASSERT_STRING_EQUAL(c->argv[1], "-v");
    CU_ASSERT_STRING_EQUAL(c->argv[2], "");
    CU_ASSERT_EQUAL_FATAL(c->nenv, 3);
    CU_ASSERT_STRING_EQUAL(c->env[0], "HOME=/root");
    CU_ASSERT_STRING_EQUAL(c->env[1], "GOMAXPROCS=4");
    CU_ASSERT_STRING_EQUAL(c->env[2], "EMPTY=");
    CU_ASSERT_EQUAL(c->ncpu, 8);
    CU_ASSERT_EQUAL(memcmp(c->at_random, rnd, 16), 0);
    CU_ASSERT_EQUAL(c->stack_top, 0x7fff00000000ULL);
    CU_ASSERT_EQUAL(c->stack_size, 0x100000ULL);
    CU_ASSERT_EQUAL(c->heap_base, 0xc000000000ULL);
    CU_ASSERT_EQUAL(c->heap_size, 0x10000000ULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c->trace_path);
    CU_ASSERT_STRING_EQUAL(c->trace_path, "out/run.jsonl");
    CU_ASSERT_EQUAL(c->format, TRACE_JSONL);
    CU_ASSERT_EQUAL(c->sched, SCHED_EVERY_CALL);
    CU_ASSERT_EQUAL(c->max_instructions, 1000000ULL);
}

static void test_full_file(void)
{
    sim_config c;
    CU_ASSERT_EQUAL(config_load("config_fixtures/full.yaml", &c, stderr), 0);
    CU_ASSERT_STRING_EQUAL(c.path, "config_fixtures/full.yaml");
    assert_full(&c);
    CU_ASSERT_EQUAL(c.source_pos[0].line, 5);
    CU_ASSERT_EQUAL(c.source_pos[0].col, 7);
    CU_ASSERT_EQUAL(c.source_pos[1].line, 6);
    CU_ASSERT_EQUAL(c.source_pos[1].col, 7);
    config_free(&c);
}

static void test_full_inline_flow_style(void)
{
    /* The same values in flow style, quoted in places. */
    sim_config c;
    check_ok("{name: custom, program: {sources: [../runtime_model/asm/rt0_linux_amd64.s,\n"
             "\n\n\n      'asm/proc.s'], entry: _rt0_custom},\n"
             " process: {argv: [hello, -v, ''], env: [HOME=/root, GOMAXPROCS=4, EMPTY=],\n"
             "           ncpu: 8, at_random: 'f0e1d2c3b4a5968778695a4b3c2d1e0f'},\n"
             " memory: {stack_top: 140733193388032, stack_size: 1048576,\n"
             "          heap_base: 0xC000000000, heap_size: 0x1000_0000},\n"
             " trace: {path: \"out/run.jsonl\", format: jsonl, sched: every-call},\n"
             " limits: {max_instructions: +1000000}}\n", &c);
    assert_full(&c);
    CU_ASSERT_EQUAL(c.source_pos[0].line, 1);
    CU_ASSERT_EQUAL(c.source_pos[0].col, 36);
    CU_ASSERT_EQUAL(c.source_pos[1].line, 5);
    CU_ASSERT_EQUAL(c.source_pos[1].col, 7);
    config_free(&c);
}

static void test_values(void)
{
    sim_config c;
    check_ok("trace:\n  path: null\n  sched: never\nprocess:\n  env: []\n"
             "  at_random: 00112233445566778899AaBbCcDdEeFf\nprogram:\n  sources: []\n", &c);
    CU_ASSERT_PTR_NULL(c.trace_path);
    CU_ASSERT_EQUAL(c.sched, SCHED_NEVER);
    CU_ASSERT_EQUAL(c.nenv, 0);
    CU_ASSERT_EQUAL(c.nsources, 0);
    CU_ASSERT_EQUAL(c.at_random[0], 0x00);
    CU_ASSERT_EQUAL(c.at_random[9], 0x99);
    CU_ASSERT_EQUAL(c.at_random[15], 0xff);
    config_free(&c);

    /* A quoted "null" is a file name; numbers are fine as strings. */
    check_ok("trace:\n  path: \"null\"\nprogram:\n  entry: 123\nprocess:\n  argv: [1, true]\n"
             "  at_random: 00000000000000000000000000000001\n", &c);
    CU_ASSERT_STRING_EQUAL(c.trace_path, "null");
    CU_ASSERT_STRING_EQUAL(c.entry, "123");
    CU_ASSERT_STRING_EQUAL(c.argv[1], "true");
    CU_ASSERT_EQUAL(c.at_random[15], 1);
    config_free(&c);

    /* Bounds are inclusive; explicit core tags are understood. */
    check_ok("process:\n  ncpu: !!int 1024\nlimits:\n  max_instructions: 10000000000\n"
             "memory:\n  stack_size: 0x10000000\n  heap_size: 0x100000000\n"
             "name: !!str 42\n", &c);
    CU_ASSERT_EQUAL(c.ncpu, 1024);
    CU_ASSERT_EQUAL(c.max_instructions, 10000000000ULL);
    CU_ASSERT_EQUAL(c.stack_size, 0x10000000ULL);
    CU_ASSERT_EQUAL(c.heap_size, 0x100000000ULL);
    CU_ASSERT_STRING_EQUAL(c.name, "42");
    config_free(&c);
    check_ok("process:\n  ncpu: 1\nlimits:\n  max_instructions: 1\n"
             "memory:\n  stack_size: 0x20000\n  heap_size: 0x10000\n", &c);
    CU_ASSERT_EQUAL(c.ncpu, 1);
    CU_ASSERT_EQUAL(c.max_instructions, 1);
    config_free(&c);
}

static void test_syntax_errors(void)
{
    check_error("process:\n  ncpu: 2\n argv: [a]\n",
                "t.yaml:3:2: YAML syntax error: did not find expected key "
                "(while parsing a block mapping at line 1, column 1)");
    check_error("a: b\n c: d\n",
                "t.yaml:2:3: YAML syntax error: mapping values are not allowed in this context");
    check_error("process:\n  argv: [a, b\n",
                "t.yaml:3:1: YAML syntax error: did not find expected ',' or ']' "
                "(while parsing a flow sequence at line 2, column 9)");
    check_error("name: \"abc\n",
                "t.yaml:2:1: YAML syntax error: found unexpected end of stream "
                "(while scanning a quoted scalar at line 1, column 7)");
    check_error("process:\n\tncpu: 2\n",
                "t.yaml:2:1: YAML syntax error: found character that cannot start any token "
                "(indent with spaces, not tabs)");
    check_error("name: a\x01z\n",
                "t.yaml:1:8: invalid YAML input: control characters are not allowed (byte 0x01)");
    check_error("name: x\ntrace: {format: text\n",
                "t.yaml:3:1: YAML syntax error: did not find expected ',' or '}' "
                "(while parsing a flow mapping at line 2, column 8)");
}

static void test_not_a_mapping(void)
{
    check_error("- a\n- b\n", "t.yaml:1:1: the config must be a mapping of keys to values, got a list");
    check_error("# hi\n  hello\n",
                "t.yaml:2:3: the config must be a mapping of keys to values, got \"hello\"");
    check_error("---\n42\n", "t.yaml:2:1: the config must be a mapping of keys to values, got \"42\"");
    check_error("name: a\n---\nname: b\n",
                "t.yaml:2:1: the config must be a single YAML document; found a second one");
}

static void test_unknown_keys(void)
{
    check_error("name: x\nproces:\n  ncpu: 3\n",
                "t.yaml:2:1: unknown key \"proces\" in config; did you mean \"process\"?");
    check_error("limits:\n  max_instruction: 5\n",
                "t.yaml:2:3: unknown key \"max_instruction\" in limits; did you mean \"max_instructions\"?");
    check_error("memory:\n  stack-top: 0x1000\n",
                "t.yaml:2:3: unknown key \"stack-top\" in memory; did you mean \"stack_top\"?");
    check_error("Memory: {}\n",
                "t.yaml:1:1: unknown key \"Memory\" in config; did you mean \"memory\"?");
    check_error("trace:\n  fromat: text\n",
                "t.yaml:2:3: unknown key \"fromat\" in trace; did you mean \"format\"?");
    check_error("process:\n  argc: 1\n",
                "t.yaml:2:3: unknown key \"argc\" in process; did you mean \"argv\"?");
    /* right key, wrong section */
    check_error("ncpu: 4\n", "t.yaml:1:1: unknown key \"ncpu\" in config; did you mean \"process.ncpu\"?");
    check_error("process:\n  stack_top: 0x1000\n",
                "t.yaml:2:3: unknown key \"stack_top\" in process; did you mean \"memory.stack_top\"?");
    check_error("program:\n  trace: {}\n",
                "t.yaml:2:3: unknown key \"trace\" in program; did you mean \"trace\"?");
    /* nothing close: list what is allowed */
    check_error("colour: blue\n",
                "t.yaml:1:1: unknown key \"colour\" in config "
                "(known keys: name, program, process, memory, trace, limits)");
    check_error("program:\n  sources: []\n  xyz: 1\n",
                "t.yaml:3:3: unknown key \"xyz\" in program (known keys: sources, entry, elf)");
    check_error("{[a]: 1}\n", "t.yaml:1:2: expected a string key in config, got a list");
    /* keys are quoted and escaped, so the message stays on one line */
    check_error("\"a\\nb\": 1\n",
                "t.yaml:1:1: unknown key \"a\\nb\" in config "
                "(known keys: name, program, process, memory, trace, limits)");
}

static void test_duplicate_keys(void)
{
    check_error("process:\n  ncpu: 1\n  argv: [a]\n  ncpu: 2\n",
                "t.yaml:4:3: duplicate key \"ncpu\" in process (first given at line 2, column 3)");
    check_error("name: a\nmemory: {}\nname: b\n",
                "t.yaml:3:1: duplicate key \"name\" in config (first given at line 1, column 1)");
    check_error("trace: {path: a, path: b}\n",
                "t.yaml:1:18: duplicate key \"path\" in trace (first given at line 1, column 9)");
}

static void test_wrong_types(void)
{
    check_error("memory:\n  stack_top: abc\n",
                "t.yaml:2:14: expected an integer for memory.stack_top, got \"abc\"");
    check_error("memory:\n  stack_top: \"0x1000\"\n",
                "t.yaml:2:14: expected an integer for memory.stack_top, got the string \"0x1000\"");
    check_error("process:\n  ncpu:\n", "t.yaml:2:8: expected an integer for process.ncpu, got null");
    check_error("process:\n  ncpu: [1]\n", "t.yaml:2:9: expected an integer for process.ncpu, got a list");
    check_error("limits:\n  max_instructions: 1e6\n",
                "t.yaml:2:21: expected an integer for limits.max_instructions, got \"1e6\"");
    check_error("limits:\n  max_instructions: 1.5\n",
                "t.yaml:2:21: expected an integer for limits.max_instructions, got \"1.5\"");
    check_error("limits:\n  max_instructions: 0x\n",
                "t.yaml:2:21: expected an integer for limits.max_instructions, got \"0x\"");
    check_error("limits:\n  max_instructions: 1__0\n",
                "t.yaml:2:21: expected an integer for limits.max_instructions, got \"1__0\"");
    check_error("process: [a]\n", "t.yaml:1:10: expected a mapping for process, got a list");
    check_error("memory: 5\n", "t.yaml:1:9: expected a mapping for memory, got \"5\"");
    check_error("name: {a: 1}\n", "t.yaml:1:7: expected a string for name, got a mapping");
    check_error("name: ~\n", "t.yaml:1:7: expected a string for name, got null");
    check_error("name: ''\n", "t.yaml:1:7: name must not be empty");
    check_error("program:\n  entry: [a]\n", "t.yaml:2:10: expected a string for program.entry, got a list");
    check_error("process:\n  argv: hello\n", "t.yaml:2:9: expected a list for process.argv, got \"hello\"");
    check_error("program:\n  sources: a.s\n",
                "t.yaml:2:12: expected a list for program.sources, got \"a.s\"");
    check_error("program:\n  sources:\n    - a.s\n    - [b.s]\n",
                "t.yaml:4:7: expected a string for program.sources[1], got a list");
    check_error("program:\n  sources: [a.s, '']\n", "t.yaml:2:18: program.sources[1] must not be empty");
    check_error("trace:\n  path: [a]\n", "t.yaml:2:9: expected a string for trace.path, got a list");
    check_error("trace:\n  path: ''\n",
                "t.yaml:2:9: trace.path must not be empty (use null for no trace file)");
    check_error("name: \"a\\0b\"\n", "t.yaml:1:7: name must not contain a NUL character");
}

static void test_enums(void)
{
    check_error("trace:\n  format: json\n",
                "t.yaml:2:11: trace.format must be \"text\" or \"jsonl\", got \"json\"; did you mean \"jsonl\"?");
    check_error("trace:\n  format: xml\n",
                "t.yaml:2:11: trace.format must be \"text\" or \"jsonl\", got \"xml\"");
    check_error("trace:\n  format: TEXT\n",
                "t.yaml:2:11: trace.format must be \"text\" or \"jsonl\", got \"TEXT\"; did you mean \"text\"?");
    check_error("trace:\n  sched: on_change\n",
                "t.yaml:2:10: trace.sched must be \"on-change\", \"every-call\" or \"never\", "
                "got \"on_change\"; did you mean \"on-change\"?");
    check_error("trace:\n  sched:\n",
                "t.yaml:2:9: trace.sched must be \"on-change\", \"every-call\" or \"never\", got null");
    check_error("trace:\n  sched: [never]\n",
                "t.yaml:2:10: trace.sched must be \"on-change\", \"every-call\" or \"never\", got a list");
}

static void test_ranges(void)
{
    check_error("process:\n  ncpu: 0\n", "t.yaml:2:9: process.ncpu must be between 1 and 1024, got 0");
    check_error("process:\n  ncpu: 1025\n", "t.yaml:2:9: process.ncpu must be between 1 and 1024, got 1025");
    check_error("process:\n  ncpu: -3\n", "t.yaml:2:9: process.ncpu must be between 1 and 1024, got -3");
    check_error("process:\n  ncpu: 0x100000000\n",
                "t.yaml:2:9: process.ncpu must be between 1 and 1024, got 0x100000000");
    check_error("limits:\n  max_instructions: 0\n",
                "t.yaml:2:21: limits.max_instructions must be between 1 and 1000000000000, got 0");
    check_error("limits:\n  max_instructions: 1000000000001\n",
                "t.yaml:2:21: limits.max_instructions must be between 1 and 1000000000000, got 1000000000001");
    check_error("limits:\n  max_instructions: 99999999999999999999999\n",
                "t.yaml:2:21: limits.max_instructions must be between 1 and 1000000000000, "
                "got 99999999999999999999999");
    check_error("limits:\n  max_instructions: 0x10000000000000000\n",
                "t.yaml:2:21: limits.max_instructions must be between 1 and 1000000000000, "
                "got 0x10000000000000000");
    check_error("memory:\n  stack_top: -4096\n",
                "t.yaml:2:14: memory.stack_top must be below 0x800000000000, got -4096");
    check_error("memory:\n  stack_top: 0x800000000000\n",
                "t.yaml:2:14: memory.stack_top must be below 0x800000000000, got 0x800000000000");
    check_error("memory:\n  heap_base: 0xffffffffffff0000\n",
                "t.yaml:2:14: memory.heap_base must be below 0x800000000000, got 0xffffffffffff0000");
    check_error("memory:\n  stack_size: 0x1f000\n",
                "t.yaml:2:15: memory.stack_size must be between 0x20000 and 0x10000000, got 0x1f000");
    check_error("memory:\n  stack_size: 0x10001000\n",
                "t.yaml:2:15: memory.stack_size must be between 0x20000 and 0x10000000, got 0x10001000");
    check_error("memory:\n  heap_size: 4096\n",
                "t.yaml:2:14: memory.heap_size must be between 0x10000 and 0x100000000, got 4096");
    check_error("memory:\n  heap_size: 0x100001000\n",
                "t.yaml:2:14: memory.heap_size must be between 0x10000 and 0x100000000, got 0x100001000");
    check_error("memory:\n  stack_top: 0x7ffffffff001\n",
                "t.yaml:2:14: memory.stack_top must be page-aligned (a multiple of 0x1000), got 0x7ffffffff001");
    check_error("memory:\n  stack_size: 262145\n",
                "t.yaml:2:15: memory.stack_size must be page-aligned (a multiple of 0x1000), got 262145");
    check_error("memory:\n  heap_base: 0xc000000800\n",
                "t.yaml:2:14: memory.heap_base must be page-aligned (a multiple of 0x1000), got 0xc000000800");
    check_error("memory:\n  heap_size: 0x10800\n",
                "t.yaml:2:14: memory.heap_size must be page-aligned (a multiple of 0x1000), got 0x10800");
}

static void test_lists(void)
{
    check_error("process:\n  argv: []\n", "t.yaml:2:9: process.argv must have at least 1 entry");
    check_error("process:\n  argv:\n", "t.yaml:2:8: expected a list for process.argv, got null");
    check_error("process:\n  env: [A=1, B]\n",
                "t.yaml:2:14: process.env[1] must have the form NAME=value, got \"B\"");
    check_error("process:\n  env:\n    - =x\n",
                "t.yaml:3:7: process.env[0] must have the form NAME=value, got \"=x\"");
    check_error("process:\n  env: [A=1, {B: 2}]\n",
                "t.yaml:2:14: expected a string for process.env[1], got a mapping");
    check_error("process:\n  at_random: 0011\n",
                "t.yaml:2:14: process.at_random must be exactly 32 hex digits (16 bytes), got \"0011\"");
    check_error("process:\n  at_random: 000102030405060708090a0b0c0d0e0g\n",
                "t.yaml:2:14: process.at_random must be exactly 32 hex digits (16 bytes), "
                "got \"000102030405060708090a0b0c0d0e0g\"");
    check_error("process:\n  at_random: [1]\n",
                "t.yaml:2:14: process.at_random must be exactly 32 hex digits (16 bytes), got a list");
}

static void test_anchors_and_tags(void)
{
    check_error("process: &p\n  ncpu: 1\n",
                "t.yaml:1:10: YAML anchors and aliases are not supported in the config (found anchor &p)");
    check_error("process:\n  env: [A=1]\n  argv: [*x]\n",
                "t.yaml:3:10: YAML anchors and aliases are not supported in the config (found alias *x)");
    check_error("name: !custom x\n", "t.yaml:1:7: unsupported YAML tag \"!custom\"");
    check_error("process: !!set {a: 1}\n",
                "t.yaml:1:10: unsupported YAML tag \"tag:yaml.org,2002:set\"");
}

static void test_memory_layout(void)
{
    sim_config c;
    /* The heap may end exactly where the stack starts. */
    check_ok("memory:\n  heap_base: 0x7ffff0000000\n  heap_size: 0xff00000\n"
             "  stack_top: 0x7ffffff40000\n  stack_size: 0x40000\n", &c);
    config_free(&c);
    /* ... and the stack may start exactly at 0x10000000. */
    check_ok("memory:\n  stack_top: 0x10020000\n  stack_size: 0x20000\n", &c);
    config_free(&c);

    /* Reported at the later of the keys involved. */
    check_error("memory:\n  heap_base: 0x7fff00000000\n  heap_size: 0x100000000\n"
                "  stack_top: 0x7fff00010000\n",
                "t.yaml:4:3: the stack [0x7ffefffd0000, 0x7fff00010000) overlaps "
                "the heap [0x7fff00000000, 0x800000000000)");
    check_error("memory:\n  stack_top: 0x7fff00010000\n  heap_size: 0x100000\n"
                "  heap_base: 0x7fff00000000\n",
                "t.yaml:4:3: the stack [0x7ffefffd0000, 0x7fff00010000) overlaps "
                "the heap [0x7fff00000000, 0x7fff00100000)");
    check_error("memory: {heap_base: 0x7ffff0000000, stack_size: 0x10000000}\n",
                "t.yaml:1:37: the stack [0x7fffeffff000, 0x7ffffffff000) overlaps "
                "the heap [0x7ffff0000000, 0x7ffff4000000)");
    check_error("memory: {heap_base: 0x7ffffff00000}\n",
                "t.yaml:1:10: the heap [0x7ffffff00000, 0x800003f00000) must end at or below 0x800000000000");
    check_error("memory:\n  stack_size: 0x40000\n  stack_top: 0x10010000\n",
                "t.yaml:3:3: the stack [0xffd0000, 0x10010000) must lie at or above 0x10000000, "
                "where the program image ends");
    check_error("memory:\n  stack_top: 0x10000\n",
                "t.yaml:2:3: memory.stack_size (0x40000) is larger than memory.stack_top (0x10000)");
    check_error("memory:\n  heap_size: 0x10000\n  heap_base: 0x400000\n",
                "t.yaml:3:3: the heap [0x400000, 0x410000) must lie at or above 0x10000000, "
                "where the program image ends");
    check_error("memory:\n  heap_base: 0x7ffff0000000\n  heap_size: 0x100000000\n",
                "t.yaml:3:3: the heap [0x7ffff0000000, 0x8000f0000000) must end at or below 0x800000000000");
}

static void test_state_after_error(void)
{
    sim_config c;
    char *msg = NULL;
    /* Values set before the error are dropped: CFG holds the defaults. */
    CU_ASSERT_EQUAL(parse("name: x\nprocess:\n  ncpu: 7\n  argv: [a, b]\n  env: [A=1]\n"
                          "program: {sources: [a.s]}\ntrace: {path: t}\nlimits: {max_instructions: 0}\n",
                          &c, &msg), 2);
    CU_ASSERT_STRING_EQUAL(msg, "t.yaml:8:28: limits.max_instructions must be between 1 and "
                                "1000000000000, got 0\n");
    assert_defaults(&c);
    CU_ASSERT_STRING_EQUAL(c.path, "t.yaml");
    CU_ASSERT_STRING_EQUAL(c.name, "t");
    free(msg);
    config_free(&c);
    config_free(&c);     /* harmless: config_free leaves CFG zeroed */
    CU_ASSERT_PTR_NULL(c.name);

    /* err may be NULL. */
    CU_ASSERT_EQUAL(config_parse("t.yaml", "x: [", &c, NULL), 2);
    config_free(&c);
    CU_ASSERT_EQUAL(config_parse("t.yaml", NULL, &c, NULL), 0);
    config_free(&c);
}

static void test_load_errors(void)
{
    sim_config c;
    char *msg = NULL;
    size_t size;
    FILE *err = open_memstream(&msg, &size);
    CU_ASSERT_EQUAL(config_load("config_fixtures/missing.yaml", &c, err), 2);
    fflush(err);
    CU_ASSERT_STRING_EQUAL(msg, "config_fixtures/missing.yaml: cannot read: No such file or directory\n");
    config_free(&c);
    fclose(err);
    free(msg);

    err = open_memstream(&msg, &size);
    CU_ASSERT_EQUAL(config_load("config_fixtures", &c, err), 2);
    fflush(err);
    CU_ASSERT_STRING_EQUAL(msg, "config_fixtures: cannot read: Is a directory\n");
    config_free(&c);
    fclose(err);
    free(msg);

    err = open_memstream(&msg, &size);
    CU_ASSERT_EQUAL(config_load("config_fixtures/bad_type.yaml", &c, err), 2);
    fflush(err);
    CU_ASSERT_STRING_EQUAL(msg, "config_fixtures/bad_type.yaml:3:14: expected an integer for "
                                "memory.stack_top, got \"abc\"\n");
    CU_ASSERT_STRING_EQUAL(c.name, "bad_type");
    config_free(&c);
    fclose(err);
    free(msg);
}

static void test_builtin_config(void)
{
    const struct embedded_file *f = embedded_find("configs/boot.yaml");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    sim_config c;
    CU_ASSERT_EQUAL(config_parse("<built-in>", f->data, &c, stderr), 0);
    CU_ASSERT_STRING_EQUAL(c.name, "boot");
    config_free(&c);
}

/* Every prefix of a valid config either parses or gives exactly one line
 * "t.yaml:L:C: ..." (and, under the sanitizers, neither crashes nor leaks). */
static void test_truncations_one_line(void)
{
    FILE *f = fopen("config_fixtures/full.yaml", "rb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    char text[4096];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    int errors = 0;
    for (size_t cut = 0; cut <= n; cut++) {
        char buf[4096];
        memcpy(buf, text, cut);
        buf[cut] = 0;
        sim_config c;
        char *msg = NULL;
        int rc = parse(buf, &c, &msg);
        CU_ASSERT(rc == 0 || rc == 2);
        if (rc == 2) {
            errors++;
            int line, col;
            char *nl = strchr(msg, '\n');
            CU_ASSERT(sscanf(msg, "t.yaml:%d:%d: ", &line, &col) == 2 && line >= 1 && col >= 1);
            CU_ASSERT(nl != NULL && nl[1] == 0);
        } else {
            CU_ASSERT_STRING_EQUAL(msg, "");
        }
        free(msg);
        config_free(&c);
    }
    CU_ASSERT(errors > 0);
}

TEST_SUITE(config)
{
    TEST_CASE(test_defaults);
    TEST_CASE(test_name_default);
    TEST_CASE(test_full_file);
    TEST_CASE(test_full_inline_flow_style);
    TEST_CASE(test_values);
    TEST_CASE(test_syntax_errors);
    TEST_CASE(test_not_a_mapping);
    TEST_CASE(test_unknown_keys);
    TEST_CASE(test_duplicate_keys);
    TEST_CASE(test_wrong_types);
    TEST_CASE(test_enums);
    TEST_CASE(test_ranges);
    TEST_CASE(test_lists);
    TEST_CASE(test_anchors_and_tags);
    TEST_CASE(test_memory_layout);
    TEST_CASE(test_state_after_error);
    TEST_CASE(test_load_errors);
    TEST_CASE(test_builtin_config);
    TEST_CASE(test_truncations_one_line);
}
