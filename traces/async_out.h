/* An output stream whose bytes a second thread writes to the real file:
 * the kernel's cost of writing a multi-gigabyte trace then runs on another
 * core, beside the emulation, instead of after each buffer fills. */
#ifndef TRACES_ASYNC_OUT_H
#define TRACES_ASYNC_OUT_H
#include <stdio.h>

typedef struct async_out async_out;

/* A stream for writing to DEST (which must not be used until async_close);
 * NULL if no thread or memory could be had (then write to DEST directly). */
FILE *async_open(FILE *dest, async_out **out);

/* Everything written so far is in DEST (and DEST flushed) on return. */
void async_sync(async_out *a);

/* Syncs, ends the thread and closes the stream; DEST stays open. */
void async_close(async_out *a);

#endif
