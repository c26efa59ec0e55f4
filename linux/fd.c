/* The fd table and the lifetime of what its entries point at. */
#include "linux/fd.h"
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

lx_fd *lx_fd_get(lx_process *pr, int fd)
{
    return fd >= 0 && fd < LX_MAX_FDS && pr->fds[fd].kind != FD_NONE ? &pr->fds[fd] : NULL;
}

int lx_fd_alloc(lx_process *pr, int from)
{
    uint64_t limit = pr->rlimit_nofile[0] < LX_MAX_FDS ? pr->rlimit_nofile[0] : LX_MAX_FDS;
    for (int fd = from < 0 ? 0 : from; (uint64_t)fd < limit; fd++)
        if (pr->fds[fd].kind == FD_NONE)
            return fd;
    return -EMFILE;
}

void lx_fd_release(lx_process *pr, int fd)
{
    lx_fd *f = lx_fd_get(pr, fd);
    if (!f)
        return;
    switch (f->kind) {
    case FD_HOST:
        if (f->host > 2)   /* sim's own standard streams stay open */
            close(f->host);
        break;
    case FD_FILE:
        close(f->host);
        lx_dir_free(f->dir);
        break;
    case FD_PIPE_R:
    case FD_PIPE_W: {
        lx_pipe *p = f->pipe;
        if (f->kind == FD_PIPE_R)
            p->readers--;
        else
            p->writers--;
        if (p->readers + p->writers == 0)
            free(p);
        else
            lx_pipe_changed(pr, p);
        break;
    }
    case FD_EPOLL:
        if (--f->ep->refs == 0) {
            free(f->ep->e);
            free(f->ep);
        }
        break;
    case FD_NONE:
        break;
    }
    pr->fds[fd] = (lx_fd){.kind = FD_NONE};
}

void lx_fds_close_all(lx_process *pr)
{
    for (int fd = 0; fd < LX_MAX_FDS; fd++)
        lx_fd_release(pr, fd);
}
