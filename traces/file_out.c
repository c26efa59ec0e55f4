/* The trace file's I/O thread: see file_out.h.  The buffers form a ring:
 * the I/O thread writes them from `head` on, the producer fills the one
 * after the `nfull` queued ones. */
#include "traces/file_out.h"
#include "traces/direct_io.h"
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define NBUF 4
#define HUGE_PAGE (2u << 20)

struct file_out {
    FILE *dest;
    size_t size;                 /* of each buffer */
    char *ring;                  /* the buffers, one after the other */
    char *bufs[NBUF];
    /* The producer's: the buffer being filled (NULL until room is asked). */
    char *cur;
    size_t len;
    /* The I/O thread's (the producer's once the queue is empty). */
    direct_io dio;
    pthread_t thread;
    /* Shared, under mu. */
    pthread_mutex_t mu;
    pthread_cond_t changed;
    size_t lens[NBUF];           /* of the queued buffers */
    int head, nfull;
    bool quit;
};

static void *io_thread(void *arg)
{
    file_out *o = arg;
    pthread_mutex_lock(&o->mu);
    for (;;) {
        while (o->nfull == 0 && !o->quit)
            pthread_cond_wait(&o->changed, &o->mu);
        if (o->nfull == 0)
            break;
        char *b = o->bufs[o->head];
        size_t n = o->lens[o->head];
        pthread_mutex_unlock(&o->mu);
        dio_write(&o->dio, b, n);   /* after an error, the bytes are dropped */
        pthread_mutex_lock(&o->mu);
        o->head = (o->head + 1) % NBUF;
        o->nfull--;
        pthread_cond_broadcast(&o->changed);
    }
    pthread_mutex_unlock(&o->mu);
    return NULL;
}

/* Queue the buffer being filled, if it holds anything. */
static void hand_off(file_out *o)
{
    if (!o->cur || o->len == 0)
        return;
    pthread_mutex_lock(&o->mu);
    o->lens[(o->head + o->nfull) % NBUF] = o->len;   /* head + nfull: cur's slot */
    o->nfull++;
    pthread_cond_broadcast(&o->changed);
    pthread_mutex_unlock(&o->mu);
    o->cur = NULL;
    o->len = 0;
}

char *file_out_room(file_out *o, size_t *room)
{
    if (!o->cur) {
        pthread_mutex_lock(&o->mu);
        while (o->nfull == NBUF)
            pthread_cond_wait(&o->changed, &o->mu);
        o->cur = o->bufs[(o->head + o->nfull) % NBUF];
        pthread_mutex_unlock(&o->mu);
    }
    *room = o->size - o->len;
    return o->cur + o->len;
}

void file_out_commit(file_out *o, size_t n)
{
    o->len += n;
    if (o->len == o->size)
        hand_off(o);
}

void file_out_write(file_out *o, const void *data, size_t len)
{
    const char *s = data;
    while (len > 0) {
        size_t room;
        char *d = file_out_room(o, &room);
        size_t n = len < room ? len : room;
        memcpy(d, s, n);
        file_out_commit(o, n);
        s += n;
        len -= n;
    }
}

static ssize_t stream_write(void *cookie, const char *buf, size_t size)
{
    file_out_write(cookie, buf, size);
    return (ssize_t)size;
}

FILE *file_out_stream(file_out *o)
{
    return fopencookie(o, "w", (cookie_io_functions_t){.write = stream_write});
}

int file_out_sync(file_out *o)
{
    hand_off(o);
    pthread_mutex_lock(&o->mu);
    while (o->nfull)
        pthread_cond_wait(&o->changed, &o->mu);
    int err = o->dio.err;
    pthread_mutex_unlock(&o->mu);
    return err;
}

uint64_t file_out_direct_bytes(file_out *o)
{
    pthread_mutex_lock(&o->mu);
    while (o->nfull)   /* the count of a write in progress is the thread's */
        pthread_cond_wait(&o->changed, &o->mu);
    uint64_t n = o->dio.direct_bytes;
    pthread_mutex_unlock(&o->mu);
    return n;
}

static void free_out(file_out *o)
{
    free(o->ring);
    free(o);
}

/* The buffers in one block, on 2 MB pages where the kernel gives them:
 * each O_DIRECT write pins the pages it reads from, and with 4 KB pages
 * that was over half of the I/O thread's CPU time (perf, bench-spawn). */
static bool alloc_ring(file_out *o)
{
    size_t total = (NBUF * o->size + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
    if (!(o->ring = aligned_alloc(HUGE_PAGE, total)))
        return false;
    madvise(o->ring, total, MADV_HUGEPAGE);   /* only advice: 4 KB pages work too */
    for (int i = 0; i < NBUF; i++)
        o->bufs[i] = o->ring + (size_t)i * o->size;
    return true;
}

file_out *file_out_open(FILE *dest, size_t buf_size)
{
    if (fileno(dest) < 0 || buf_size == 0 || buf_size % DIO_ALIGN || fflush(dest) != 0)
        return NULL;
    file_out *o = calloc(1, sizeof *o);
    if (!o)
        return NULL;
    o->dest = dest;
    o->size = buf_size;
    if (!alloc_ring(o)) {
        free_out(o);
        return NULL;
    }
    dio_begin(&o->dio, fileno(dest));
    pthread_mutex_init(&o->mu, NULL);
    pthread_cond_init(&o->changed, NULL);
    if (pthread_create(&o->thread, NULL, io_thread, o) != 0) {
        dio_end(&o->dio);
        pthread_mutex_destroy(&o->mu);
        pthread_cond_destroy(&o->changed);
        free_out(o);
        return NULL;
    }
    return o;
}

int file_out_close(file_out *o)
{
    int err = file_out_sync(o);
    pthread_mutex_lock(&o->mu);
    o->quit = true;
    pthread_cond_broadcast(&o->changed);
    pthread_mutex_unlock(&o->mu);
    pthread_join(o->thread, NULL);
    dio_end(&o->dio);
    /* DEST's position is where our writes left the descriptor (glibc
     * dropped any offset it kept on the fflush in file_out_open; a C
     * library that keeps one anyway is told here). */
    off_t pos = lseek(o->dio.fd, 0, SEEK_CUR);
    if (pos >= 0)
        fseeko(o->dest, pos, SEEK_SET);
    pthread_mutex_destroy(&o->mu);
    pthread_cond_destroy(&o->changed);
    free_out(o);
    return err;
}
