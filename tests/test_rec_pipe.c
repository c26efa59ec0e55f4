/* The writer thread (traces/rec_pipe.h) over the trace file's I/O thread:
 * records packed on one side come out in the file, text and JSONL, byte
 * for byte what the one-record writers make; a sync leaves every record
 * so far in the file, and records after it follow on. */
#include "tests/testlib.h"
#include "traces/rec_pack.h"
#include "traces/rec_pipe.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Enough notes of varied lengths to fill several of the file's 4 MB
 * buffers. */
#define NOTES 60000

/* Note I's text, into BUF. */
static const char *note_text(int i, char *buf, size_t cap)
{
    int n = snprintf(buf, cap, "note %d:", i);
    for (int k = 0; k < i % 300 && (size_t)n + 2 < cap; k++)
        buf[n++] = (char)('a' + (i + k) % 26);
    buf[n] = 0;
    return buf;
}

/* Notes FROM..TO-1 into the pipe and, as the one-record writer makes
 * them, into WANT. */
static void send_notes(rec_pipe *p, FILE *want, bool jsonl, int from, int to)
{
    char text[400];
    for (int i = from; i < to; i++) {
        const char *strs[1] = {note_text(i, text, sizeof text)};
        size_t lens[1] = {strlen(text)};
        uint8_t *room = rec_pipe_reserve(p, PK_TEXT_SIZE(lens[0]));
        rec_pipe_commit(p, rec_pack_text(room, REC_NOTE, i % 4, 0, 0, strs, lens, 1));
        trace_rec r = {.kind = REC_NOTE, .depth = i % 4, .text = text, .status = -1};
        (jsonl ? rec_write_jsonl : rec_write_text)(want, &r);
    }
    fflush(want);
}

/* rec_expand_fn for the test: the payload is an int N; the record reads
 * "n.v: N → N+1". */
static void expand_counter(const uint8_t *payload, size_t len, trace_rec *r, char *buf,
                           size_t cap)
{
    int n = 0;
    if (len == sizeof n)
        memcpy(&n, payload, sizeof n);
    int at = snprintf(buf, cap, "n.v") + 1;
    r->lhs = buf;
    r->old_v = buf + at;
    at += snprintf(buf + at, cap - (size_t)at, "%d", n) + 1;
    r->new_v = buf + at;
    snprintf(buf + at, cap - (size_t)at, "%d", n + 1);
}

/* Deferred records FROM..TO-1 (expand_counter's) into the pipe and, as
 * the one-record writer makes them once expanded, into WANT. */
static void send_deferred(rec_pipe *p, FILE *want, bool jsonl, int from, int to)
{
    char text[3][16];
    for (int i = from; i < to; i++) {
        uint8_t *room = rec_pipe_reserve(p, PK_DEFERRED_SIZE(sizeof i));
        rec_pipe_commit(p, rec_pack_deferred(room, REC_STATE, i % 5, expand_counter, &i, sizeof i));
        snprintf(text[0], sizeof text[0], "n.v");
        snprintf(text[1], sizeof text[1], "%d", i);
        snprintf(text[2], sizeof text[2], "%d", i + 1);
        trace_rec r = {.kind = REC_STATE, .depth = i % 5, .lhs = text[0], .old_v = text[1],
                       .new_v = text[2], .status = -1};
        (jsonl ? rec_write_jsonl : rec_write_text)(want, &r);
    }
    fflush(want);
}

typedef void (*send_fn)(rec_pipe *p, FILE *want, bool jsonl, int from, int to);

static void check_pipe(bool jsonl, send_fn send)
{
    char path[] = "/tmp/sim-test-pipe-XXXXXX", *want = NULL;
    size_t want_len = 0;
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    FILE *f = fdopen(fd, "w"), *w = open_memstream(&want, &want_len);
    rec_pipe *p = rec_pipe_open(f, jsonl);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    send(p, w, jsonl, 0, NOTES / 2);
    CU_ASSERT_EQUAL(rec_pipe_sync(p), 0);
    testlib_check_file(path, want, want_len);
    send(p, w, jsonl, NOTES / 2, NOTES);
    CU_ASSERT_EQUAL(rec_pipe_sync(p), 0);
    testlib_check_file(path, want, want_len);
    send(p, w, jsonl, 0, 10);   /* after the last sync: written by close */
    CU_ASSERT_EQUAL(rec_pipe_close(p), 0);
    CU_ASSERT_EQUAL(fclose(f), 0);
    fclose(w);
    testlib_check_file(path, want, want_len);
    unlink(path);
    free(want);
}

static void test_text(void) { check_pipe(false, send_notes); }
static void test_jsonl(void) { check_pipe(true, send_notes); }
/* Deferred records come out in order, expanded, through syncs and close. */
static void test_deferred_text(void) { check_pipe(false, send_deferred); }
static void test_deferred_jsonl(void) { check_pipe(true, send_deferred); }

/* A deferred record unpacks as the record its expander makes, with the
 * kind and depth it was packed with; the payload is copied (changing the
 * caller's afterwards changes nothing). */
static void test_deferred_unpack(void)
{
    uint8_t packed[PK_DEFERRED_SIZE(sizeof(int)) + 8];
    int n = 41;
    uint8_t *end = rec_pack_deferred(packed, REC_STATE, 3, expand_counter, &n, sizeof n);
    n = 0;
    CU_ASSERT_EQUAL((size_t)(end - packed), PK_DEFERRED_SIZE(sizeof(int)));
    char *scratch = malloc(REC_EXPAND_CAP);
    trace_rec r;
    memset(&r, 0, sizeof r);
    CU_ASSERT_PTR_EQUAL(rec_unpack(packed, &r, scratch), end);
    CU_ASSERT_EQUAL(r.kind, REC_STATE);
    CU_ASSERT_EQUAL(r.depth, 3);
    CU_ASSERT_STRING_EQUAL(r.lhs, "n.v");
    CU_ASSERT_STRING_EQUAL(r.old_v, "41");
    CU_ASSERT_STRING_EQUAL(r.new_v, "42");
    free(scratch);
}

TEST_SUITE(rec_pipe)
{
    TEST_CASE(test_text);
    TEST_CASE(test_jsonl);
    TEST_CASE(test_deferred_unpack);
    TEST_CASE(test_deferred_text);
    TEST_CASE(test_deferred_jsonl);
}
