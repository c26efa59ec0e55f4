/* The writer thread: see rec_pipe.h.  The chunks form a ring: the writer
 * drains them from `drain` on, the emulating thread fills the one after
 * the `nfull` waiting ones.  The writer formats text into one large
 * buffer, written when full and whenever it runs out of chunks (so that a
 * sync finds everything in the file). */
#include "traces/rec_pipe.h"
#include "traces/rec_pack.h"
#include "traces/record.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define NCHUNKS 8
#define CHUNK (256u << 10)
#define OUTBUF (1u << 20)

struct rec_pipe {
    struct rec_pipe_head head;   /* the emulating thread's: room left in cur */
    rec_chunk *cur;              /* the chunk being filled */
    /* The writer's own, in other cache lines. */
    _Alignas(64) FILE *dest;
    bool jsonl;
    rec_textbuf text;
    char *iobuf;                 /* DEST's stdio buffer while JSONL is written */
    pthread_t thread;
    /* Shared, under mu. */
    _Alignas(64) pthread_mutex_t mu;
    pthread_cond_t changed;
    rec_chunk chunks[NCHUNKS];   /* len: set by hand_off, cleared by the writer */
    int drain, nfull;
    bool idle, quit;             /* idle: nothing queued, all written */
};

static void write_chunk(rec_pipe *p, const rec_chunk *c)
{
    trace_rec r;
    for (const uint8_t *q = c->data, *end = c->data + c->len; q < end;) {
        q = rec_unpack(q, &r);
        if (p->jsonl)
            rec_write_jsonl(p->dest, &r);
        else
            rec_text_append(&p->text, &r);
    }
}

static void write_out(rec_pipe *p)
{
    if (!p->jsonl)
        rec_text_flush(&p->text);
    fflush(p->dest);
}

static void *writer(void *arg)
{
    rec_pipe *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        if (p->nfull == 0) {
            pthread_mutex_unlock(&p->mu);
            write_out(p);
            pthread_mutex_lock(&p->mu);
            p->idle = true;
            pthread_cond_broadcast(&p->changed);
            while (p->nfull == 0 && !p->quit)
                pthread_cond_wait(&p->changed, &p->mu);
            if (p->nfull == 0)
                break;
            p->idle = false;
        }
        rec_chunk *c = &p->chunks[p->drain];
        pthread_mutex_unlock(&p->mu);
        write_chunk(p, c);
        c->len = 0;
        pthread_mutex_lock(&p->mu);
        p->drain = (p->drain + 1) % NCHUNKS;
        p->nfull--;
        pthread_cond_broadcast(&p->changed);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* Queue the chunk being filled, if it holds anything, and move on to the
 * next (waiting while the writer still has it). */
static void hand_off(rec_pipe *p)
{
    size_t len = (size_t)(p->head.pos - p->cur->data);
    if (len == 0)
        return;
    pthread_mutex_lock(&p->mu);
    p->cur->len = len;
    p->nfull++;
    p->idle = false;
    pthread_cond_broadcast(&p->changed);
    while (p->nfull == NCHUNKS)
        pthread_cond_wait(&p->changed, &p->mu);
    p->cur = &p->chunks[(p->drain + p->nfull) % NCHUNKS];
    pthread_mutex_unlock(&p->mu);
    p->head.pos = p->cur->data;
    p->head.end = p->cur->data + p->cur->cap;
}

uint8_t *rec_pipe_next_chunk(rec_pipe *p, size_t size)
{
    hand_off(p);
    rec_chunk *c = p->cur;
    if (c->cap < size) {   /* a record larger than a chunk: room for it alone */
        uint8_t *d = realloc(c->data, size);
        if (!d) {
            fprintf(stderr, "sim: out of memory for a %zu-byte trace record\n", size);
            abort();
        }
        c->data = d;
        c->cap = size;
        p->head.pos = d;
        p->head.end = d + size;
    }
    return c->data;
}

static void free_pipe(rec_pipe *p)
{
    for (int i = 0; i < NCHUNKS; i++)
        free(p->chunks[i].data);
    free(p->text.buf);
    free(p->iobuf);
    free(p);
}

rec_pipe *rec_pipe_open(FILE *dest, bool jsonl)
{
    rec_pipe *p = aligned_alloc(64, (sizeof *p + 63) / 64 * 64);
    if (!p)
        return NULL;
    memset(p, 0, sizeof *p);
    p->dest = dest;
    p->jsonl = jsonl;
    bool ok = (p->text.buf = malloc(OUTBUF)) && (p->iobuf = malloc(OUTBUF));
    for (int i = 0; ok && i < NCHUNKS; i++)
        ok = (p->chunks[i].data = malloc(p->chunks[i].cap = CHUNK)) != NULL;
    if (!ok) {
        free_pipe(p);
        return NULL;
    }
    p->text = (rec_textbuf){.out = dest, .buf = p->text.buf, .cap = OUTBUF};
    if (jsonl)
        setvbuf(dest, p->iobuf, _IOFBF, OUTBUF);
    p->cur = &p->chunks[0];
    p->head.pos = p->cur->data;
    p->head.end = p->cur->data + p->cur->cap;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->changed, NULL);
    if (pthread_create(&p->thread, NULL, writer, p) != 0) {
        pthread_mutex_destroy(&p->mu);
        pthread_cond_destroy(&p->changed);
        if (jsonl)
            setvbuf(dest, NULL, _IOFBF, BUFSIZ);
        free_pipe(p);
        return NULL;
    }
    return p;
}

void rec_pipe_sync(rec_pipe *p)
{
    hand_off(p);
    pthread_mutex_lock(&p->mu);
    while (p->nfull || !p->idle)
        pthread_cond_wait(&p->changed, &p->mu);
    pthread_mutex_unlock(&p->mu);
}

void rec_pipe_close(rec_pipe *p)
{
    if (!p)
        return;
    hand_off(p);
    pthread_mutex_lock(&p->mu);
    p->quit = true;      /* the thread empties the queue before it ends */
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->mu);
    pthread_join(p->thread, NULL);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->changed);
    if (p->jsonl)   /* the caller's FILE outlives our buffer */
        setvbuf(p->dest, NULL, _IOFBF, BUFSIZ);
    free_pipe(p);
}
