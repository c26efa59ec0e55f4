/* The trace file's I/O thread (traces/file_out.h): bytes through the sink
 * land in the file unchanged for sizes around the 4096-byte block and the
 * buffer; whole blocks go with O_DIRECT where the file system takes it,
 * and none after an unaligned start or a tail, or when O_DIRECT refuses
 * a write; the FILE is usable after; pipes, /dev/null and write errors;
 * the text buffer's hand-over. */
#include "tests/testlib.h"
#include "traces/direct_io.h"
#include "traces/file_out.h"
#include "traces/record.h"
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SMALL 8192   /* a small buffer: two blocks */

/* Bytes that differ from place to place, so that a misplaced or repeated
 * piece shows. */
static char *pattern(size_t n, uint32_t seed)
{
    char *p = malloc(n + 1);
    uint32_t x = seed * 2654435761u + 1;
    for (size_t i = 0; i < n; i++) {
        x = x * 1664525u + 1013904223u;
        p[i] = (char)(x >> 24);
    }
    return p;
}

/* LEN bytes into O through the room, in pieces of at most PIECE bytes (as
 * a formatter fills it). */
static void put(file_out *o, const char *data, size_t len, size_t piece)
{
    while (len > 0) {
        size_t room, n;
        char *d = file_out_room(o, &room);
        CU_ASSERT_FATAL(room > 0);
        n = len < room ? len : room;
        n = n < piece ? n : piece;
        memcpy(d, data, n);
        file_out_commit(o, n);
        data += n;
        len -= n;
    }
}

/* Whether /tmp's file system takes O_DIRECT: then the sink must use it. */
static bool direct_supported(void)
{
    static int known = -1;
    if (known >= 0)
        return known;
    char path[] = "/tmp/sim-test-odirect-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) {
        known = 0;
        return false;
    }
    unlink(path);
    char *b = aligned_alloc(4096, 4096);
    memset(b, 'x', 4096);
    known = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_DIRECT) == 0 && write(fd, b, 4096) == 4096;
    free(b);
    close(fd);
    if (!known)
        fprintf(stderr, "(no O_DIRECT on /tmp: the direct byte counts are not checked) ");
    return known;
}

/* A new file in /tmp, opened for writing; its path in PATH. */
static FILE *new_file(char path[32])
{
    strcpy(path, "/tmp/sim-test-out-XXXXXX");
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    return fdopen(fd, "w");
}

/* PREFIX through the FILE, SIZE bytes through a sink with buffers of BUF
 * bytes, then "tail" through the FILE again: the file holds all three in
 * order; whole blocks went direct if the prefix left the offset aligned. */
static void round_trip(const char *prefix, size_t prefix_len, size_t buf, size_t size,
                       size_t piece)
{
    char path[32];
    FILE *f = new_file(path);
    fwrite(prefix, 1, prefix_len, f);
    fseeko(f, 0, SEEK_CUR);   /* a FILE that knew its offset before the sink */
    char *data = pattern(size, (uint32_t)(size + buf));
    file_out *o = file_out_open(f, buf);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    put(o, data, size, piece);
    CU_ASSERT_EQUAL(file_out_sync(o), 0);
    uint64_t direct = prefix_len % 4096 == 0 && direct_supported() ? size / 4096 * 4096 : 0;
    CU_ASSERT_EQUAL(file_out_direct_bytes(o), direct);
    CU_ASSERT_EQUAL(file_out_close(o), 0);
    CU_ASSERT_EQUAL(fcntl(fileno(f), F_GETFL) & O_DIRECT, 0);
    CU_ASSERT_EQUAL(ftello(f), (off_t)(prefix_len + size));
    CU_ASSERT_EQUAL(fseeko(f, 0, SEEK_CUR), 0);   /* from the FILE's idea of where it is */
    CU_ASSERT_EQUAL(ftello(f), (off_t)(prefix_len + size));
    fputs("tail", f);
    CU_ASSERT_EQUAL(fclose(f), 0);
    char *all = malloc(prefix_len + size + 4);
    memcpy(all, prefix, prefix_len);
    memcpy(all + prefix_len, data, size);
    memcpy(all + prefix_len + size, "tail", 4);
    testlib_check_file(path, all, prefix_len + size + 4);
    unlink(path);
    free(all);
    free(data);
}

static void check_sizes(size_t buf, size_t piece)
{
    const size_t sizes[] = {0, 1, 4095, 4096, 4097, buf - 1, buf, buf + 1,
                            3 * buf + 4097, 5 * buf};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        round_trip("", 0, buf, sizes[i], piece);
}

static void test_sizes_small_buffers(void) { check_sizes(SMALL, 1000); }
static void test_sizes_whole_pieces(void) { check_sizes(SMALL, SMALL); }
static void test_sizes_tracer_buffers(void) { check_sizes(FILE_OUT_BUF, 1 << 20); }

/* Bytes already in the file: unaligned, nothing goes direct; aligned, the
 * sink carries on with O_DIRECT. */
static void test_after_file_bytes(void)
{
    char block[4096];
    memset(block, 'h', sizeof block);
    round_trip("abc", 3, SMALL, 3 * SMALL + 5, 700);
    round_trip(block, sizeof block, SMALL, 3 * SMALL + 5, 700);
}

/* A sync leaves everything in the file; what comes after it follows on,
 * plainly (the tail left the offset unaligned). */
static void test_sync_then_more(void)
{
    char path[32];
    FILE *f = new_file(path);
    size_t na = SMALL + 5000, nb = 3 * SMALL + 100;
    char *data = pattern(na + nb, 7);
    file_out *o = file_out_open(f, SMALL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    file_out_write(o, data, na);
    CU_ASSERT_EQUAL(file_out_sync(o), 0);
    testlib_check_file(path, data, na);
    file_out_write(o, data + na, nb);
    CU_ASSERT_EQUAL(file_out_sync(o), 0);
    CU_ASSERT_EQUAL(file_out_direct_bytes(o), direct_supported() ? SMALL + 4096 : 0);
    CU_ASSERT_EQUAL(file_out_close(o), 0);
    CU_ASSERT_EQUAL(fclose(f), 0);
    testlib_check_file(path, data, na + nb);
    unlink(path);
    free(data);
}

/* A write O_DIRECT refuses (here: from memory that is not aligned) goes
 * plainly instead, and so does the rest. */
static void test_direct_refused(void)
{
    char path[32];
    FILE *f = new_file(path);
    char *space = aligned_alloc(4096, 3 * 4096), *data = pattern(2 * 4096, 13);
    memcpy(space + 1, data, 2 * 4096);
    direct_io d;
    dio_begin(&d, fileno(f));
    CU_ASSERT(d.aligned);
    dio_write(&d, space + 1, 4096);
    dio_write(&d, space + 1 + 4096, 4096);
    CU_ASSERT_EQUAL(d.err, 0);
    CU_ASSERT_EQUAL(d.direct_bytes, 0);
    CU_ASSERT_FALSE(d.aligned);
    dio_end(&d);
    CU_ASSERT_EQUAL(fcntl(fileno(f), F_GETFL) & O_DIRECT, 0);
    CU_ASSERT_EQUAL(fclose(f), 0);
    testlib_check_file(path, data, 2 * 4096);
    unlink(path);
    free(space);
    free(data);
}

typedef struct {
    int fd;
    char *buf;
    size_t len;
} drained;

static void *drain(void *arg)
{
    drained *d = arg;
    char tmp[65536];
    for (ssize_t n; (n = read(d->fd, tmp, sizeof tmp)) != 0;) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            break;
        d->buf = realloc(d->buf, d->len + (size_t)n);
        memcpy(d->buf + d->len, tmp, (size_t)n);
        d->len += (size_t)n;
    }
    return NULL;
}

/* A pipe: plain writes, every byte through, in order. */
static void test_pipe(void)
{
    int fds[2];
    CU_ASSERT_FATAL(pipe(fds) == 0);
    drained d = {fds[0], NULL, 0};
    pthread_t reader;
    CU_ASSERT_FATAL(pthread_create(&reader, NULL, drain, &d) == 0);
    FILE *f = fdopen(fds[1], "w");
    size_t n = 3 * SMALL + 17;
    char *data = pattern(n, 3);
    file_out *o = file_out_open(f, SMALL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    put(o, data, n, 333);
    CU_ASSERT_EQUAL(file_out_direct_bytes(o), 0);
    CU_ASSERT_EQUAL(file_out_close(o), 0);
    fclose(f);
    pthread_join(reader, NULL);
    close(fds[0]);
    CU_ASSERT_EQUAL(d.len, n);
    CU_ASSERT(d.len == n && memcmp(d.buf, data, n) == 0);
    free(d.buf);
    free(data);
}

static void test_dev_null(void)
{
    FILE *f = fopen("/dev/null", "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    char *data = pattern(2 * SMALL + 1, 5);
    file_out *o = file_out_open(f, SMALL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    file_out_write(o, data, 2 * SMALL + 1);
    CU_ASSERT_EQUAL(file_out_close(o), 0);
    CU_ASSERT_EQUAL(fclose(f), 0);
    free(data);
}

/* A failed write is remembered and returned; the rest is dropped without
 * blocking the producer. */
static void test_write_error(void)
{
    FILE *f = fopen("/dev/full", "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    char *data = pattern(10 * SMALL, 9);
    file_out *o = file_out_open(f, SMALL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    file_out_write(o, data, 10 * SMALL);   /* more than the ring holds */
    CU_ASSERT_EQUAL(file_out_sync(o), ENOSPC);
    file_out_write(o, data, 10);
    CU_ASSERT_EQUAL(file_out_close(o), ENOSPC);
    fclose(f);
    free(data);
}

/* No descriptor (a memory stream): no sink, the caller writes itself. */
static void test_memory_stream_refused(void)
{
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    CU_ASSERT_PTR_NULL(file_out_open(m, SMALL));
    fclose(m);
    free(text);
}

/* The stdio stream over the sink (JSONL's way in). */
static void test_stream(void)
{
    char path[32], *want = NULL;
    size_t want_len = 0;
    FILE *f = new_file(path), *m = open_memstream(&want, &want_len);
    file_out *o = file_out_open(f, SMALL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    FILE *s = file_out_stream(o);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    for (int i = 0; i < 5000; i++) {
        fprintf(s, "{\"line\":%d}\n", i);
        fprintf(m, "{\"line\":%d}\n", i);
    }
    fclose(s);
    fclose(m);
    CU_ASSERT_EQUAL(file_out_close(o), 0);
    CU_ASSERT_EQUAL(fclose(f), 0);
    testlib_check_file(path, want, want_len);
    unlink(path);
    free(want);
}

/* rec_textbuf's swap receives full buffers only, except on a flush, and
 * long pieces are split across them: the same bytes as rec_write_text. */
typedef struct {
    FILE *sink;
    char space[2][16];
    int next, partial;
} swapper;

static void swap_into(rec_textbuf *b)
{
    swapper *s = b->ctx;
    s->partial += b->n != b->cap;
    fwrite(b->buf, 1, b->n, s->sink);
    b->buf = s->space[s->next ^= 1];
    b->cap = sizeof s->space[0];
    b->n = 0;
}

static void test_textbuf_swap(void)
{
    char *note = pattern(9000, 11), *want = NULL, *got = NULL;
    for (int i = 0; i < 9000; i++)
        note[i] = (char)('a' + (unsigned char)note[i] % 26);
    note[9000] = 0;
    trace_rec recs[] = {
        {.kind = REC_HEADER, .version = 1, .config = "c", .sim = "s", .program = "p"},
        {.kind = REC_NOTE, .depth = 2, .text = note},
        {.kind = REC_SCHED, .text = "SCHED 0ms: gomaxprocs=1\n  P0: status=1"},
        {.kind = REC_CALL, .depth = 1, .fn = "runtime·newproc", .args = "fn=f"},
    };
    size_t want_len = 0, got_len = 0;
    FILE *w = open_memstream(&want, &want_len);
    swapper s = {.sink = open_memstream(&got, &got_len)};
    rec_textbuf b = {.buf = s.space[0], .cap = sizeof s.space[0], .swap = swap_into, .ctx = &s};
    for (size_t i = 0; i < sizeof recs / sizeof recs[0]; i++) {
        rec_write_text(w, &recs[i]);
        rec_text_append(&b, &recs[i]);
    }
    CU_ASSERT_EQUAL(s.partial, 0);
    rec_text_flush(&b);
    fclose(w);
    fclose(s.sink);
    CU_ASSERT_EQUAL(got_len, want_len);
    CU_ASSERT(got_len == want_len && memcmp(got, want, want_len) == 0);
    free(note);
    free(want);
    free(got);
}

TEST_SUITE(file_out)
{
    TEST_CASE(test_sizes_small_buffers);
    TEST_CASE(test_sizes_whole_pieces);
    TEST_CASE(test_sizes_tracer_buffers);
    TEST_CASE(test_after_file_bytes);
    TEST_CASE(test_sync_then_more);
    TEST_CASE(test_direct_refused);
    TEST_CASE(test_pipe);
    TEST_CASE(test_dev_null);
    TEST_CASE(test_write_error);
    TEST_CASE(test_memory_stream_refused);
    TEST_CASE(test_stream);
    TEST_CASE(test_textbuf_swap);
}
