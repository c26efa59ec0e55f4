/* The trace file's I/O thread.  The thread that formats the trace fills
 * this sink's buffers in place and hands them over full; the I/O thread
 * writes them to the file's descriptor, with O_DIRECT when the file allows
 * it (traces/direct_io.h).  The formatting thread then never waits in the
 * kernel, and the kernel's cost of writing a multi-gigabyte trace drops to
 * a fraction (no page cache).  A small fixed ring of page-aligned buffers
 * keeps memory flat when the disk is slower than the formatting.
 *
 * One thread at a time fills the sink (file_out_room ... file_out_close);
 * the I/O thread is internal. */
#ifndef TRACES_FILE_OUT_H
#define TRACES_FILE_OUT_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define FILE_OUT_BUF (4u << 20)   /* the tracer's size of a buffer */

typedef struct file_out file_out;

/* A sink writing to DEST's descriptor, with buffers of BUF_SIZE bytes (a
 * multiple of 4096).  DEST is flushed first and must not be used until
 * file_out_close.  NULL if DEST has no descriptor (a memory stream) or no
 * thread or memory could be had: then write to DEST itself. */
file_out *file_out_open(FILE *dest, size_t buf_size);

/* The free room in the buffer being filled: at least one byte, *ROOM of
 * them (waits while every buffer is queued for writing). */
char *file_out_room(file_out *o, size_t *room);
/* N bytes were written at the room; a buffer that is now full goes to the
 * I/O thread. */
void file_out_commit(file_out *o, size_t n);
/* Copies LEN bytes in (room and commit as often as needed). */
void file_out_write(file_out *o, const void *data, size_t len);
/* A stdio stream copying into the sink (for writers that need a FILE);
 * fclose it, or fflush it before file_out_sync. */
FILE *file_out_stream(file_out *o);

/* Everything committed so far is in the file on return (a part-filled
 * buffer is written too, and the room taken with it: ask again).  0, or
 * the errno of the first write that failed (the bytes from then on are
 * dropped). */
int file_out_sync(file_out *o);

/* Syncs and ends the thread; DEST gets its flags back and its position set
 * to the end of what was written, so it can be written on or closed.
 * Returns what file_out_sync does. */
int file_out_close(file_out *o);

/* Bytes written with O_DIRECT so far, once the queued buffers are written
 * (for tests and measurements). */
uint64_t file_out_direct_bytes(file_out *o);

#endif
