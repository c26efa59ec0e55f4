/* Writes to a file descriptor with O_DIRECT where it can.  A buffered
 * write costs the kernel CPU time to copy into the page cache and write it
 * back (1.7-4.3 s for a 1.8 GB trace on ext4 on the 2-CPU VM of
 * docs/performance.md); O_DIRECT takes a tenth of that.  O_DIRECT needs
 * whole, aligned blocks at an aligned file offset, so only a regular file
 * taken over at an aligned offset gets it, and only for whole blocks: a
 * tail goes plainly, and everything after it too (the offset is no longer
 * aligned).  A file system without O_DIRECT is written plainly.
 *
 * Used by one thread at a time (the trace file's I/O thread). */
#ifndef TRACES_DIRECT_IO_H
#define TRACES_DIRECT_IO_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DIO_ALIGN 4096   /* of buffers, lengths and offsets written with O_DIRECT */

typedef struct {
    int fd;
    int flags;              /* fd's status flags when taken over */
    bool aligned;           /* a regular file at an aligned offset: blocks may go direct */
    bool direct;            /* O_DIRECT is set on fd */
    int err;                /* errno of the first failed write, 0 if none */
    uint64_t direct_bytes;  /* written with O_DIRECT */
} direct_io;

/* Takes over FD (whose FILE, if any, is flushed and not used until
 * dio_end). */
void dio_begin(direct_io *d, int fd);

/* Writes LEN bytes from DATA, which is DIO_ALIGN-aligned, at fd's offset;
 * retries short and interrupted writes.  After a failed write (d->err)
 * nothing more is written. */
void dio_write(direct_io *d, const char *data, size_t len);

/* fd's status flags as they were (O_DIRECT off unless it was on). */
void dio_end(direct_io *d);

#endif
