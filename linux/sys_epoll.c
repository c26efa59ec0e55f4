/* epoll over sim's pipes, which is what the Go runtime's netpoller needs:
 * its wake-up pipe, and the timers that make epoll_pwait sleep.  Host
 * files cannot be added (EPERM, as Linux answers for regular files). */
#include "linux/fd.h"
#include "linux/syscalls.h"
#include <errno.h>
#include <stdlib.h>

enum { EPOLLIN = 1, EPOLLOUT = 4, EPOLLERR = 8, EPOLLHUP = 0x10, EPOLLRDHUP = 0x2000,
       EPOLLET = 1u << 31 };
enum { EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2, EPOLL_CTL_MOD = 3 };

/* What is ready on entry E now (0: nothing); with REPORT, edge-triggered
 * entries note that it was reported. */
static uint32_t ready(lx_process *pr, lx_ep_entry *e, bool report)
{
    lx_fd *f = lx_fd_get(pr, e->fd);
    if (!f || (f->kind != FD_PIPE_R && f->kind != FD_PIPE_W))
        return 0;
    lx_pipe *p = f->pipe;
    uint32_t ev = 0;
    bool et = e->events & EPOLLET;
    if (f->kind == FD_PIPE_R) {
        if (p->len && (!et || p->gen != e->seen_gen))
            ev |= EPOLLIN & e->events;
        if (p->writers == 0)
            ev |= EPOLLHUP | (EPOLLRDHUP & e->events);
    } else {
        if (p->len < LX_PIPE_SIZE && (!et || !e->out_seen))
            ev |= EPOLLOUT & e->events;
        if (p->readers == 0)
            ev |= EPOLLERR;
    }
    if (report && ev && et) {
        e->seen_gen = p->gen;
        e->out_seen = true;
    }
    return ev;
}

int lx_epoll_collect(lx_process *pr, lx_epoll *ep, uint64_t events, int max)
{
    int n = 0;
    for (int i = 0; i < ep->n && n < max; i++) {
        uint32_t ev = ready(pr, &ep->e[i], true);
        if (!ev)
            continue;
        uint8_t rec[12];   /* struct epoll_event is packed on x86-64 */
        for (int k = 0; k < 4; k++)
            rec[k] = (uint8_t)(ev >> (8 * k));
        for (int k = 0; k < 8; k++)
            rec[4 + k] = (uint8_t)(ep->e[i].data >> (8 * k));
        if (lx_write(pr, events + 12 * (uint64_t)n, rec, sizeof rec) != 0)
            return n ? n : -EFAULT;
        n++;
    }
    return n;
}

static bool any_ready(lx_process *pr, lx_epoll *ep)
{
    for (int i = 0; i < ep->n; i++)
        if (ready(pr, &ep->e[i], false))
            return true;
    return false;
}

void lx_pipe_changed(lx_process *pr, lx_pipe *p)
{
    for (int i = 0; i < pr->nthreads; i++) {
        lx_thread *t = pr->threads[i];
        if (t->wait == WAIT_READ) {
            lx_fd *f = lx_fd_get(pr, t->rd_fd);
            if (f && f->pipe == p && (p->len || p->writers == 0)) {
                uint64_t a[3] = {(uint64_t)t->rd_fd, t->rd_addr, t->rd_len};
                lx_thread *cur = pr->cur;
                pr->cur = t;   /* the read is the sleeper's */
                t->wait = WAIT_NONE;
                int64_t r = sys_read(pr, a);
                pr->cur = cur;
                lx_wake(pr, t, r);
            }
        } else if (t->wait == WAIT_EPOLL) {
            lx_fd *f = lx_fd_get(pr, t->epfd);
            if (f && f->kind == FD_EPOLL && any_ready(pr, f->ep))
                lx_wake(pr, t, lx_epoll_collect(pr, f->ep, t->ep_events, t->ep_max));
        }
    }
}

int64_t sys_epoll_create1(lx_process *pr, const uint64_t *a)
{
    if (a[0] & ~(uint64_t)02000000)
        return -EINVAL;
    int fd = lx_fd_alloc(pr, 0);
    if (fd < 0)
        return fd;
    lx_epoll *ep = calloc(1, sizeof *ep);
    if (!ep)
        return -ENOMEM;
    ep->refs = 1;
    pr->fds[fd] = (lx_fd){.kind = FD_EPOLL, .ep = ep, .flags = (int)a[0]};
    return fd;
}

int64_t sys_epoll_ctl(lx_process *pr, const uint64_t *a)
{
    lx_fd *f = lx_fd_get(pr, (int)a[0]), *target = lx_fd_get(pr, (int)a[2]);
    if (!f || !target)
        return -EBADF;
    if (f->kind != FD_EPOLL || a[0] == a[2])
        return -EINVAL;
    if (target->kind != FD_PIPE_R && target->kind != FD_PIPE_W)
        return -EPERM;
    lx_epoll *ep = f->ep;
    int i = 0;
    while (i < ep->n && ep->e[i].fd != (int)a[2])
        i++;
    uint8_t rec[12] = {0};
    if (a[1] != EPOLL_CTL_DEL && lx_read(pr, a[3], rec, sizeof rec) != 0)
        return -EFAULT;
    uint32_t events = 0;
    uint64_t data = 0;
    for (int k = 0; k < 4; k++)
        events |= (uint32_t)rec[k] << (8 * k);
    for (int k = 0; k < 8; k++)
        data |= (uint64_t)rec[4 + k] << (8 * k);
    switch (a[1]) {
    case EPOLL_CTL_ADD:
        if (i < ep->n)
            return -EEXIST;
        if (ep->n == ep->cap) {
            int cap = ep->cap ? 2 * ep->cap : 8;
            lx_ep_entry *n = realloc(ep->e, (size_t)cap * sizeof *n);
            if (!n)
                return -ENOMEM;
            ep->e = n;
            ep->cap = cap;
        }
        ep->e[ep->n++] = (lx_ep_entry){(int)a[2], events | EPOLLERR | EPOLLHUP, data, 0, false};
        return 0;
    case EPOLL_CTL_MOD:
        if (i == ep->n)
            return -ENOENT;
        ep->e[i] = (lx_ep_entry){(int)a[2], events | EPOLLERR | EPOLLHUP, data, 0, false};
        return 0;
    case EPOLL_CTL_DEL:
        if (i == ep->n)
            return -ENOENT;
        ep->e[i] = ep->e[--ep->n];
        return 0;
    default:
        return -EINVAL;
    }
}

/* epoll_pwait(epfd, events, max, timeout_ms, sigmask) and epoll_wait. */
int64_t sys_epoll_pwait(lx_process *pr, const uint64_t *a)
{
    lx_fd *f = lx_fd_get(pr, (int)a[0]);
    if (!f)
        return -EBADF;
    if (f->kind != FD_EPOLL || (int)a[2] <= 0)
        return -EINVAL;
    int n = lx_epoll_collect(pr, f->ep, a[1], (int)a[2]);
    int timeout = (int)a[3];
    if (n != 0 || timeout == 0)
        return n;
    lx_thread *t = pr->cur;
    t->epfd = (int)a[0];
    t->ep_events = a[1];
    t->ep_max = (int)a[2];
    lx_block(pr, WAIT_EPOLL, timeout < 0 ? -1 : lx_now(pr) + (int64_t)timeout * 1000000);
    return LX_BLOCKED;
}
