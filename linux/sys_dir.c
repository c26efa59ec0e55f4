/* getdents64 on a directory the config allows: its entries read from the
 * host once, sorted by name, and numbered 1, 2 ... in place of the host's
 * inode numbers and offsets, so a program walking a folder sees the same
 * listing, in the same order, on every machine. */
#include "linux/fd.h"
#include "linux/syscalls.h"
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

typedef struct {
    char name[256];
    uint8_t type;   /* DT_* */
} dir_entry;

struct lx_dir {
    dir_entry *e;
    size_t n, next;   /* entries, and the first not returned yet */
};

static int by_name(const void *a, const void *b)
{
    return strcmp(((const dir_entry *)a)->name, ((const dir_entry *)b)->name);
}

/* Every entry of the host directory H, sorted; NULL with errno. */
static struct lx_dir *read_dir(int h)
{
    struct lx_dir *d = calloc(1, sizeof *d);
    size_t cap = 0;
    char buf[32768];
    for (long got; d && (got = syscall(SYS_getdents64, h, buf, sizeof buf)) != 0;) {
        if (got < 0)
            goto fail;
        for (long at = 0; at < got;) {
            const struct dirent64 *de = (const void *)(buf + at);
            if (d->n == cap) {
                dir_entry *e = realloc(d->e, (cap = cap ? 2 * cap : 64) * sizeof *e);
                if (!e)
                    goto fail;
                d->e = e;
            }
            snprintf(d->e[d->n].name, sizeof d->e[d->n].name, "%s", de->d_name);
            d->e[d->n++].type = de->d_type;
            at += de->d_reclen;
        }
    }
    if (d && d->n)
        qsort(d->e, d->n, sizeof *d->e, by_name);
    return d;
fail:
    free(d->e);
    free(d);
    return NULL;
}

void lx_dir_free(struct lx_dir *d)
{
    if (d)
        free(d->e);
    free(d);
}

/* The record of entry I as Linux lays out a linux_dirent64. */
static size_t put_entry(const struct lx_dir *d, size_t i, uint8_t *out, size_t room)
{
    size_t namelen = strlen(d->e[i].name), reclen = (19 + namelen + 1 + 7) & ~(size_t)7;
    if (reclen > room)
        return 0;
    uint64_t ino = i + 1, off = i + 1;
    uint16_t rl = (uint16_t)reclen;
    memset(out, 0, reclen);
    memcpy(out, &ino, 8);
    memcpy(out + 8, &off, 8);
    memcpy(out + 16, &rl, 2);
    out[18] = d->e[i].type;
    memcpy(out + 19, d->e[i].name, namelen);
    return reclen;
}

int64_t sys_getdents64(lx_process *pr, const uint64_t *a)
{
    lx_fd *f = lx_fd_get(pr, (int)a[0]);
    if (!f)
        return -EBADF;
    if (f->kind != FD_FILE)
        return -ENOTDIR;
    if (!f->dir && !(f->dir = read_dir(f->host)))
        return errno == EBADF ? -EBADF : -ENOTDIR;
    size_t room = a[2] < (1u << 20) ? (size_t)a[2] : 1u << 20, used = 0;
    uint8_t *buf = malloc(room ? room : 1);
    if (!buf)
        return -ENOMEM;
    struct lx_dir *d = f->dir;
    for (size_t n; d->next < d->n && (n = put_entry(d, d->next, buf + used, room - used)); d->next++)
        used += n;
    int64_t rc = used == 0 && d->next < d->n ? -EINVAL   /* not room for one entry */
                 : lx_write(pr, a[1], buf, used) != 0 ? -EFAULT
                                                      : (int64_t)used;
    free(buf);
    return rc;
}
