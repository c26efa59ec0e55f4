/* The writer thread: see rec_pipe.h.  The chunks form a ring: the writer
 * drains them from `drain` on, the emulating thread fills the one after
 * the `nfull` waiting ones.  Text is formatted straight into the file's
 * I/O buffers (file_out.h); JSONL goes through a stdio stream into them.
 * A part-filled buffer is written only on a sync: an early write would
 * leave the file's offset unaligned and end O_DIRECT. */
#include "traces/rec_pipe.h"
#include "traces/file_out.h"
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
    _Alignas(64) file_out *out;
    bool jsonl;
    rec_textbuf text;            /* text: a window on OUT's buffer being filled */
    char *expand;                /* the text of deferred records (REC_EXPAND_CAP) */
    FILE *stream;                /* JSONL: into OUT */
    char *iobuf;                 /* STREAM's buffer */
    pthread_t thread;
    /* Shared, under mu. */
    _Alignas(64) pthread_mutex_t mu;
    pthread_cond_t changed;
    rec_chunk chunks[NCHUNKS];   /* len: set by hand_off, cleared by the writer */
    int drain, nfull;
    unsigned syncs_asked, syncs_done;
    int err;                     /* of the last sync */
    bool quit;
};

/* The room left in OUT's buffer becomes the text buffer. */
static void text_window(rec_pipe *p)
{
    p->text.buf = file_out_room(p->out, &p->text.cap);
    p->text.n = 0;
}

/* rec_textbuf's swap: the full window goes to the I/O thread. */
static void text_swap(rec_textbuf *b)
{
    rec_pipe *p = b->ctx;
    file_out_commit(p->out, b->n);
    text_window(p);
}

/* Everything formatted so far into OUT's buffers (the JSONL stream's
 * buffer flushed, the text window's bytes committed). */
static void pass_on(rec_pipe *p)
{
    if (p->jsonl) {
        fflush(p->stream);
    } else {
        file_out_commit(p->out, p->text.n);
        p->text.n = 0;
    }
}

static void write_chunk(rec_pipe *p, const rec_chunk *c)
{
    trace_rec r;
    for (const uint8_t *q = c->data, *end = c->data + c->len; q < end;) {
        q = rec_unpack(q, &r, p->expand);
        if (p->jsonl)
            rec_write_jsonl(p->stream, &r);
        else
            rec_text_append(&p->text, &r);
    }
}

/* A sync, on the writer thread: everything formatted so far into the
 * file, then a new text window (the sync took the buffer). */
static int write_out(rec_pipe *p)
{
    pass_on(p);
    int err = file_out_sync(p->out);
    if (!p->jsonl)
        text_window(p);
    return err;
}

static void *writer(void *arg)
{
    rec_pipe *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        if (p->nfull) {
            rec_chunk *c = &p->chunks[p->drain];
            pthread_mutex_unlock(&p->mu);
            write_chunk(p, c);
            c->len = 0;
            pthread_mutex_lock(&p->mu);
            p->drain = (p->drain + 1) % NCHUNKS;
            p->nfull--;
            pthread_cond_broadcast(&p->changed);
        } else if (p->syncs_done != p->syncs_asked) {
            unsigned asked = p->syncs_asked;
            pthread_mutex_unlock(&p->mu);
            int err = write_out(p);
            pthread_mutex_lock(&p->mu);
            p->err = err;
            p->syncs_done = asked;
            pthread_cond_broadcast(&p->changed);
        } else if (p->quit) {
            break;
        } else {
            pthread_cond_wait(&p->changed, &p->mu);
        }
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
    free(p->expand);
    free(p->iobuf);
    free(p);
}

/* OUT, and the JSONL stream into it or the text window on it. */
static bool open_out(rec_pipe *p, FILE *dest)
{
    if (!(p->out = file_out_open(dest, FILE_OUT_BUF)))
        return false;
    if (!p->jsonl) {
        p->text = (rec_textbuf){.swap = text_swap, .ctx = p};
        text_window(p);
        return true;
    }
    if ((p->iobuf = malloc(OUTBUF)) && (p->stream = file_out_stream(p->out))) {
        setvbuf(p->stream, p->iobuf, _IOFBF, OUTBUF);
        return true;
    }
    file_out_close(p->out);
    return false;
}

/* The last bytes to the file, OUT closed; 0 or the errno of a failed write. */
static int close_out(rec_pipe *p)
{
    if (p->jsonl)
        fclose(p->stream);
    else
        pass_on(p);
    return file_out_close(p->out);
}

rec_pipe *rec_pipe_open(FILE *dest, bool jsonl)
{
    rec_pipe *p = aligned_alloc(64, (sizeof *p + 63) / 64 * 64);
    if (!p)
        return NULL;
    memset(p, 0, sizeof *p);
    p->jsonl = jsonl;
    bool ok = (p->expand = malloc(REC_EXPAND_CAP)) != NULL;
    for (int i = 0; ok && i < NCHUNKS; i++)
        ok = (p->chunks[i].data = malloc(p->chunks[i].cap = CHUNK)) != NULL;
    if (!ok || !open_out(p, dest)) {
        free_pipe(p);
        return NULL;
    }
    p->cur = &p->chunks[0];
    p->head.pos = p->cur->data;
    p->head.end = p->cur->data + p->cur->cap;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->changed, NULL);
    if (pthread_create(&p->thread, NULL, writer, p) != 0) {
        pthread_mutex_destroy(&p->mu);
        pthread_cond_destroy(&p->changed);
        close_out(p);
        free_pipe(p);
        return NULL;
    }
    return p;
}

int rec_pipe_sync(rec_pipe *p)
{
    hand_off(p);
    pthread_mutex_lock(&p->mu);
    unsigned asked = ++p->syncs_asked;
    pthread_cond_broadcast(&p->changed);
    while (p->syncs_done != asked)
        pthread_cond_wait(&p->changed, &p->mu);
    int err = p->err;
    pthread_mutex_unlock(&p->mu);
    return err;
}

int rec_pipe_close(rec_pipe *p)
{
    if (!p)
        return 0;
    hand_off(p);
    pthread_mutex_lock(&p->mu);
    p->quit = true;      /* the thread empties the queue before it ends */
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->mu);
    pthread_join(p->thread, NULL);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->changed);
    int err = close_out(p);
    free_pipe(p);
    return err;
}
