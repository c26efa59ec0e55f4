/* Threaded output: see async_out.h.  The stream (fopencookie) copies into
 * chunks; full chunks go through a small queue to the writer thread.  A
 * bounded queue keeps memory flat when the disk is slower than the run. */
#include "traces/async_out.h"
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK (4u << 20)
#define QUEUE 4

typedef struct { char *data; size_t len; } chunk;

struct async_out {
    FILE *dest, *stream;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t changed;
    chunk q[QUEUE];          /* ring of chunks waiting to be written */
    int head, n;
    bool busy, quit;         /* busy: the thread is writing a chunk */
    chunk cur;               /* being filled */
};

static void *writer(void *arg)
{
    async_out *a = arg;
    pthread_mutex_lock(&a->mu);
    for (;;) {
        while (a->n == 0 && !a->quit)
            pthread_cond_wait(&a->changed, &a->mu);
        if (a->n == 0)
            break;
        chunk c = a->q[a->head];
        a->busy = true;
        pthread_mutex_unlock(&a->mu);
        fwrite(c.data, 1, c.len, a->dest);
        free(c.data);
        pthread_mutex_lock(&a->mu);
        a->head = (a->head + 1) % QUEUE;
        a->n--;
        a->busy = false;
        pthread_cond_broadcast(&a->changed);
    }
    pthread_mutex_unlock(&a->mu);
    return NULL;
}

/* Queue the chunk being filled (waiting while the queue is full). */
static void hand_off(async_out *a)
{
    if (a->cur.len == 0)
        return;
    pthread_mutex_lock(&a->mu);
    while (a->n == QUEUE)
        pthread_cond_wait(&a->changed, &a->mu);
    a->q[(a->head + a->n) % QUEUE] = a->cur;
    a->n++;
    pthread_cond_broadcast(&a->changed);
    pthread_mutex_unlock(&a->mu);
    a->cur = (chunk){NULL, 0};
}

static ssize_t cookie_write(void *cookie, const char *buf, size_t size)
{
    async_out *a = cookie;
    for (size_t done = 0; done < size;) {
        if (!a->cur.data && !(a->cur.data = malloc(CHUNK)))
            return done ? (ssize_t)done : -1;
        size_t n = size - done < CHUNK - a->cur.len ? size - done : CHUNK - a->cur.len;
        memcpy(a->cur.data + a->cur.len, buf + done, n);
        a->cur.len += n;
        done += n;
        if (a->cur.len == CHUNK)
            hand_off(a);
    }
    return (ssize_t)size;
}

FILE *async_open(FILE *dest, async_out **out)
{
    async_out *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->dest = dest;
    pthread_mutex_init(&a->mu, NULL);
    pthread_cond_init(&a->changed, NULL);
    cookie_io_functions_t io = {.write = cookie_write};
    a->stream = fopencookie(a, "w", io);
    if (!a->stream || pthread_create(&a->thread, NULL, writer, a) != 0) {
        if (a->stream)
            fclose(a->stream);
        pthread_mutex_destroy(&a->mu);
        pthread_cond_destroy(&a->changed);
        free(a);
        return NULL;
    }
    setvbuf(a->stream, NULL, _IOFBF, 1 << 16);
    *out = a;
    return a->stream;
}

void async_sync(async_out *a)
{
    fflush(a->stream);
    hand_off(a);
    pthread_mutex_lock(&a->mu);
    while (a->n || a->busy)
        pthread_cond_wait(&a->changed, &a->mu);
    pthread_mutex_unlock(&a->mu);
    fflush(a->dest);
}

void async_close(async_out *a)
{
    if (!a)
        return;
    fclose(a->stream);   /* its last bytes land in the chunk being filled */
    hand_off(a);
    pthread_mutex_lock(&a->mu);
    a->quit = true;      /* the thread empties the queue before it ends */
    pthread_cond_broadcast(&a->changed);
    pthread_mutex_unlock(&a->mu);
    pthread_join(a->thread, NULL);
    fflush(a->dest);
    free(a->cur.data);
    pthread_mutex_destroy(&a->mu);
    pthread_cond_destroy(&a->changed);
    free(a);
}
