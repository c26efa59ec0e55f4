/* The tracer's writer thread: the emulating thread packs records
 * (traces/rec_pack.h) into chunks; the writer unpacks and formats them, in
 * order, into the trace file's I/O buffers (traces/file_out.h), which a
 * third thread writes.  Formatting then runs on a second core, and the
 * kernel's cost of writing a multi-gigabyte trace on neither thread.  A
 * fixed ring of chunks keeps memory bounded when the writer is the slower
 * one. */
#ifndef TRACES_REC_PIPE_H
#define TRACES_REC_PIPE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct rec_pipe rec_pipe;

/* A writer for DEST (which must not be used until rec_pipe_close), as
 * JSONL or text; NULL if DEST has no file descriptor or no thread or
 * memory could be had. */
rec_pipe *rec_pipe_open(FILE *dest, bool jsonl);

/* Room for a packed record of at most SIZE bytes (waits while the writer
 * is behind by every chunk). */
static inline uint8_t *rec_pipe_reserve(rec_pipe *p, size_t size);
/* The record just packed at the reserved room ends at END. */
static inline void rec_pipe_commit(rec_pipe *p, uint8_t *end);

/* Everything committed so far is in the file on return.  0, or the errno
 * of the first write to the file that failed (the trace from then on is
 * lost). */
int rec_pipe_sync(rec_pipe *p);

/* Syncs, ends the threads and frees the pipe; DEST stays open, positioned
 * after the trace.  Returns what rec_pipe_sync does. */
int rec_pipe_close(rec_pipe *p);

/* --- inline fast path: the room left in the chunk being filled --- */
typedef struct {
    uint8_t *data;
    size_t cap, len;
} rec_chunk;

/* The first member of rec_pipe, touched by the emulating thread only (in
 * a cache line of its own: the writer's stores next to it made every
 * reserve a cache miss). */
struct rec_pipe_head { uint8_t *pos, *end; };

/* Hands the current chunk to the writer and takes a free one with room
 * for SIZE bytes. */
uint8_t *rec_pipe_next_chunk(rec_pipe *p, size_t size);

static inline uint8_t *rec_pipe_reserve(rec_pipe *p, size_t size)
{
    struct rec_pipe_head *h = (struct rec_pipe_head *)p;
    if ((size_t)(h->end - h->pos) >= size)
        return h->pos;
    return rec_pipe_next_chunk(p, size);
}

static inline void rec_pipe_commit(rec_pipe *p, uint8_t *end)
{
    ((struct rec_pipe_head *)p)->pos = end;
}

#endif
