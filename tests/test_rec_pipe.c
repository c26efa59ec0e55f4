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

/* The file at PATH holds exactly LEN bytes, DATA's. */
static void check_file(const char *path, const char *data, size_t len)
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

static void check_pipe(bool jsonl)
{
    char path[] = "/tmp/sim-test-pipe-XXXXXX", *want = NULL;
    size_t want_len = 0;
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    FILE *f = fdopen(fd, "w"), *w = open_memstream(&want, &want_len);
    rec_pipe *p = rec_pipe_open(f, jsonl);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    send_notes(p, w, jsonl, 0, NOTES / 2);
    CU_ASSERT_EQUAL(rec_pipe_sync(p), 0);
    check_file(path, want, want_len);
    send_notes(p, w, jsonl, NOTES / 2, NOTES);
    CU_ASSERT_EQUAL(rec_pipe_sync(p), 0);
    check_file(path, want, want_len);
    send_notes(p, w, jsonl, 0, 10);   /* after the last sync: written by close */
    CU_ASSERT_EQUAL(rec_pipe_close(p), 0);
    CU_ASSERT_EQUAL(fclose(f), 0);
    fclose(w);
    check_file(path, want, want_len);
    unlink(path);
    free(want);
}

static void test_text(void) { check_pipe(false); }
static void test_jsonl(void) { check_pipe(true); }

TEST_SUITE(rec_pipe)
{
    TEST_CASE(test_text);
    TEST_CASE(test_jsonl);
}
