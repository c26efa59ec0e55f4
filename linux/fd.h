/* File descriptions behind the fd table: pipes and epoll instances live
 * in sim; the standard streams and the host files a config allows are
 * host descriptors. */
#ifndef LINUX_FD_H
#define LINUX_FD_H
#include "linux/process.h"

#define LX_PIPE_SIZE 65536

typedef struct lx_pipe {
    uint8_t buf[LX_PIPE_SIZE];
    size_t head, len;
    int readers, writers;
    uint64_t gen;           /* bumped by every write: edge-triggered epoll reports each once */
} lx_pipe;

typedef struct {
    int fd;
    uint32_t events;
    uint64_t data;
    uint64_t seen_gen;      /* EPOLLET: the pipe generation last reported */
    bool out_seen;          /* EPOLLET: EPOLLOUT reported once */
} lx_ep_entry;

typedef struct lx_epoll {
    lx_ep_entry *e;
    int n, cap;
    int refs;
} lx_epoll;

/* The epoll events ready on EP, written to the guest at EVENTS (at most
 * MAX); how many, or a negative errno. */
int lx_epoll_collect(lx_process *pr, lx_epoll *ep, uint64_t events, int max);
/* A directory's listing (sys_dir.c), freed with its descriptor. */
void lx_dir_free(struct lx_dir *d);

/* A pipe changed: wake the threads blocked on it (reading, or in epoll). */
void lx_pipe_changed(lx_process *pr, lx_pipe *p);

#endif
