/* Test vectors: every *.s in tests/asm_vectors has a *.golden listing that
 * go1.19's `go tool asm -S` produced (gen.sh).  Each instruction's bytes,
 * every relocation and the symbol sizes must match byte for byte; every
 * encoded instruction must decode in Capstone to the same length; and our
 * -S listing must equal Go's.  Where go1.19 is installed the listings are
 * also regenerated live and compared with the committed ones. */
#include "tests/testlib.h"
#include "tests/asm_golden.h"
#include "cpu/asm/run.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const vectors[] = {"rt0",     "corpus",   "frames",    "branches",
                                      "sysregs", "sysmoves", "sysmoves32", "immediates"};
/* Encodings only 32-bit code has, which Capstone's 64-bit mode refuses. */
static bool only_32bit(const char *name) { return strcmp(name, "sysmoves32") == 0; }
#define NVEC (sizeof vectors / sizeof vectors[0])
#define DIR "asm_vectors"

static bool load(const char *name, char **src, golden *g)
{
    char path[256];
    snprintf(path, sizeof path, DIR "/%s.s", name);
    *src = golden_slurp(path);
    snprintf(path, sizeof path, DIR "/%s.golden", name);
    char *gl = golden_slurp(path);
    bool ok = *src && gl && golden_parse(gl, g);
    free(gl);
    return ok;
}

static int assemble(const char *name, const char *src, asm_object *obj, FILE *lst)
{
    char file[256];
    snprintf(file, sizeof file, "%s.s", name);
    asm_options opt = {golden_include, (void *)DIR, stderr, 19};
    return asm_run(file, src, &opt, obj, lst);
}

static void test_bytes(void)
{
    size_t total = 0;
    for (size_t v = 0; v < NVEC; v++) {
        char *src;
        golden g;
        CU_ASSERT_FATAL(load(vectors[v], &src, &g));
        asm_object obj;
        CU_ASSERT_EQUAL_FATAL(assemble(vectors[v], src, &obj, NULL), 0);
        size_t n = 0;
        int bad = golden_compare(&g, &obj, &n);
        if (bad)
            fprintf(stderr, "%s: %d mismatches\n", vectors[v], bad);
        CU_ASSERT_EQUAL(bad, 0);
        CU_ASSERT(n > 0);
        total += n;
        asm_object_free(&obj);
        golden_free(&g);
        free(src);
    }
    fprintf(stderr, "[asm vectors: %zu instructions matched byte for byte] ", total);
    CU_ASSERT(total >= 300);
}

static void test_capstone(void)
{
    size_t total = 0;
    for (size_t v = 0; v < NVEC; v++) {
        char *src;
        golden g;
        if (only_32bit(vectors[v]))
            continue;
        CU_ASSERT_FATAL(load(vectors[v], &src, &g));
        asm_object obj;
        CU_ASSERT_EQUAL_FATAL(assemble(vectors[v], src, &obj, NULL), 0);
        CU_ASSERT_EQUAL(golden_capstone(&g, &obj, &total), 0);
        asm_object_free(&obj);
        golden_free(&g);
        free(src);
    }
    fprintf(stderr, "[capstone: %zu instructions round-tripped] ", total);
    CU_ASSERT(total >= 300);
}

/* Line-by-line equality of two listings; prints the first differences. */
static int diff_lines(const char *what, const char *a, const char *b)
{
    int bad = 0, line = 1;
    while (*a || *b) {
        size_t la = strcspn(a, "\n"), lb = strcspn(b, "\n");
        if (la != lb || strncmp(a, b, la) != 0) {
            if (bad++ < 5)
                fprintf(stderr, "%s:%d:\n  got  %.*s\n  want %.*s\n", what, line, (int)la, a,
                        (int)lb, b);
        }
        a += la + (a[la] ? 1 : 0);
        b += lb + (b[lb] ? 1 : 0);
        line++;
    }
    return bad;
}

static char *our_listing(const char *name, const char *src)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    asm_object obj;
    int n = assemble(name, src, &obj, f);
    fclose(f);
    if (n == 0)
        asm_object_free(&obj);
    return buf;
}

static void test_listing(void)
{
    for (size_t v = 0; v < NVEC; v++) {
        char *src, path[256];
        golden g;
        CU_ASSERT_FATAL(load(vectors[v], &src, &g));
        golden_free(&g);
        snprintf(path, sizeof path, DIR "/%s.golden", vectors[v]);
        char *want = golden_slurp(path);
        char *got = our_listing(vectors[v], src);
        CU_ASSERT_EQUAL(diff_lines(vectors[v], got, want), 0);
        free(got);
        free(want);
        free(src);
    }
}

static const char *find_go119(void)
{
    static char path[512];
    const char *env = getenv("GO119");
    const char *cands[] = {env, "/usr/lib/go-1.19/bin/go", "/usr/local/go/bin/go", "go"};
    for (size_t i = 0; i < sizeof cands / sizeof cands[0]; i++) {
        if (!cands[i])
            continue;
        char cmd[600];
        snprintf(cmd, sizeof cmd, "%s version 2>/dev/null", cands[i]);
        FILE *p = popen(cmd, "r");
        if (!p)
            continue;
        char out[256] = "";
        char *ok = fgets(out, sizeof out, p);
        pclose(p);
        if (ok && strstr(out, "go1.19")) {
            snprintf(path, sizeof path, "%s", cands[i]);
            return path;
        }
    }
    return NULL;
}

static char *run_go(const char *go, const char *name)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "cd " DIR " && %s tool asm -S -compiling-runtime -p runtime -I \"$(%s env GOROOT)/pkg/include\" "
             "-I . -o /tmp/sim-asm-test-$$.o %s.s | grep -v 'FUNCDATA\\|PCDATA'; rm -f /tmp/sim-asm-test-$$.o",
             go, go, name);
    FILE *p = popen(cmd, "r");
    if (!p)
        return NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    char tmp[4096];
    size_t r;
    while ((r = fread(tmp, 1, sizeof tmp, p)) > 0)
        fwrite(tmp, 1, r, m);
    pclose(p);
    fclose(m);
    return buf;
}

static void test_live_oracle(void)
{
    const char *go = find_go119();
    if (!go) {
        fprintf(stderr, "[go1.19 not installed: live comparison skipped] ");
        return;
    }
    for (size_t v = 0; v < NVEC; v++) {
        char *live = run_go(go, vectors[v]);
        CU_ASSERT_PTR_NOT_NULL_FATAL(live);
        char path[256];
        snprintf(path, sizeof path, DIR "/%s.golden", vectors[v]);
        char *committed = golden_slurp(path);
        CU_ASSERT_EQUAL(diff_lines("committed vs live go", committed, live), 0);
        char *src;
        snprintf(path, sizeof path, DIR "/%s.s", vectors[v]);
        src = golden_slurp(path);
        golden g;
        CU_ASSERT_FATAL(golden_parse(live, &g));
        asm_object obj;
        CU_ASSERT_EQUAL_FATAL(assemble(vectors[v], src, &obj, NULL), 0);
        size_t n = 0;
        CU_ASSERT_EQUAL(golden_compare(&g, &obj, &n), 0);
        asm_object_free(&obj);
        golden_free(&g);
        free(src);
        free(committed);
        free(live);
    }
}

TEST_SUITE(asm_vectors)
{
    TEST_CASE(test_bytes);
    TEST_CASE(test_capstone);
    TEST_CASE(test_listing);
    TEST_CASE(test_live_oracle);
}
