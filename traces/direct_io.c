/* O_DIRECT where possible: see direct_io.h. */
#include "traces/direct_io.h"
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

void dio_begin(direct_io *d, int fd)
{
    *d = (direct_io){.fd = fd, .flags = fcntl(fd, F_GETFL)};
    d->direct = d->flags >= 0 && (d->flags & O_DIRECT);
    struct stat st;
    if (d->flags < 0 || (d->flags & O_APPEND) || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        return;   /* an appending write's offset is the file's size, not ours */
    off_t pos = lseek(fd, 0, SEEK_CUR);
    d->aligned = pos >= 0 && pos % DIO_ALIGN == 0;
}

/* O_DIRECT on or off; false if fcntl refused (a file system without
 * O_DIRECT refuses to set it). */
static bool set_direct(direct_io *d, bool on)
{
    if (d->direct == on)
        return true;
    if (fcntl(d->fd, F_SETFL, on ? d->flags | O_DIRECT : d->flags & ~O_DIRECT) != 0)
        return false;
    d->direct = on;
    return true;
}

/* write(2) until all LEN bytes are written; 0 or an errno. */
static int write_all(direct_io *d, const char *p, size_t len)
{
    while (len > 0) {
        ssize_t n = write(d->fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EINVAL && d->direct) {
            /* O_DIRECT refused after all (the file system, or a short
             * write left the rest unaligned): plain from here on. */
            d->aligned = false;
            if (!set_direct(d, false))
                return errno;
            continue;
        }
        if (n < 0)
            return errno;
        if (n == 0)
            return EIO;   /* no progress: do not spin */
        if (d->direct)
            d->direct_bytes += (uint64_t)n;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

void dio_write(direct_io *d, const char *data, size_t len)
{
    if (d->err || len == 0)
        return;
    size_t blocks = d->aligned ? len / DIO_ALIGN * DIO_ALIGN : 0;
    if (blocks && !set_direct(d, true)) {
        d->aligned = false;
        blocks = 0;
    }
    if (blocks && (d->err = write_all(d, data, blocks)) != 0)
        return;
    if (blocks == len)
        return;
    d->aligned = false;   /* the tail leaves the offset unaligned */
    if (!set_direct(d, false)) {
        d->err = errno;
        return;
    }
    d->err = write_all(d, data + blocks, len - blocks);
}

void dio_end(direct_io *d)
{
    if (d->flags >= 0 && d->direct != ((d->flags & O_DIRECT) != 0))
        fcntl(d->fd, F_SETFL, d->flags);
    d->direct = d->flags >= 0 && (d->flags & O_DIRECT);
}
