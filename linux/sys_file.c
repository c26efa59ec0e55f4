/* Files: the standard streams (sim's own), pipes, and read-only host
 * files that the config allows (process.files); any other path is
 * ENOENT, so a run sees the same files on every machine. */
#include "linux/fd.h"
#include "linux/syscalls.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK 65536

/* PATH (absolute, normalised by the caller) is one the config allows. */
static bool allowed(lx_process *pr, const char *path)
{
    for (int i = 0; i < pr->p.nfiles; i++) {
        const char *f = pr->p.files[i];
        size_t n = strlen(f);
        bool folder = n && f[n - 1] == '/';   /* the folder itself, and all below it */
        if (folder ? strncmp(path, f, n) == 0 || (strncmp(path, f, n - 1) == 0 && !path[n - 1])
                   : strcmp(path, f) == 0)
            return true;
    }
    return false;
}

/* The guest's path at ADDR, made absolute against the host's cwd. */
static int get_path(lx_process *pr, uint64_t addr, char *out, size_t len)
{
    char p[PATH_MAX];
    size_t i = 0;
    for (; i < sizeof p; i++) {
        if (lx_read(pr, addr + i, &p[i], 1) != 0)
            return -EFAULT;
        if (!p[i])
            break;
    }
    if (i == sizeof p)
        return -ENAMETOOLONG;
    if (p[0] == '/') {
        snprintf(out, len, "%s", p);
        return 0;
    }
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd))
        return -ENOENT;
    if ((size_t)snprintf(out, len, "%s/%s", strcmp(cwd, "/") ? cwd : "", p) >= len)
        return -ENAMETOOLONG;
    return 0;
}

static int64_t host_result(ssize_t r) { return r < 0 ? -errno : (int64_t)r; }

static int64_t read_pipe(lx_process *pr, lx_pipe *p, uint64_t addr, uint64_t len)
{
    uint64_t n = len < p->len ? len : p->len, done = 0;
    while (done < n) {
        size_t at = (p->head + done) % LX_PIPE_SIZE;
        size_t run = LX_PIPE_SIZE - at < n - done ? LX_PIPE_SIZE - at : n - done;
        if (lx_write(pr, addr + done, p->buf + at, run) != 0)
            return done ? (int64_t)done : -EFAULT;
        done += run;
    }
    p->head = (p->head + done) % LX_PIPE_SIZE;
    p->len -= done;
    if (done)
        lx_pipe_changed(pr, p);
    return (int64_t)done;
}

int64_t sys_read(lx_process *pr, const uint64_t *a)
{
    lx_fd *f = lx_fd_get(pr, (int)a[0]);
    if (!f || f->kind == FD_PIPE_W || f->kind == FD_EPOLL)
        return f ? -EINVAL : -EBADF;
    if (f->kind == FD_PIPE_R) {
        if (f->pipe->len == 0 && f->pipe->writers > 0) {
            if (f->flags & O_NONBLOCK)
                return -EAGAIN;
            lx_thread *t = pr->cur;
            t->rd_fd = (int)a[0];
            t->rd_addr = a[1];
            t->rd_len = a[2];
            lx_block(pr, WAIT_READ, -1);
            return LX_BLOCKED;
        }
        return read_pipe(pr, f->pipe, a[1], a[2]);
    }
    char buf[CHUNK];
    size_t want = a[2] < sizeof buf ? a[2] : sizeof buf;
    if (want && !vm_check(&pr->vm, a[1], want, EMU_PROT_WRITE))
        return -EFAULT;
    ssize_t r = read(f->host, buf, want);
    if (r > 0 && lx_write(pr, a[1], buf, (size_t)r) != 0)
        return -EFAULT;
    return host_result(r);
}

int64_t sys_pread64(lx_process *pr, const uint64_t *a)
{
    lx_fd *f = lx_fd_get(pr, (int)a[0]);
    if (!f)
        return -EBADF;
    if (f->kind != FD_FILE && f->kind != FD_HOST)
        return -ESPIPE;
    char buf[CHUNK];
    size_t want = a[2] < sizeof buf ? a[2] : sizeof buf;
    ssize_t r = pread(f->host, buf, want, (off_t)a[3]);
    if (r > 0 && lx_write(pr, a[1], buf, (size_t)r) != 0)
        return -EFAULT;
    return host_result(r);
}

int64_t sys_write(lx_process *pr, const uint64_t *a)
{
    lx_fd *f = lx_fd_get(pr, (int)a[0]);
    if (!f || f->kind == FD_PIPE_R || f->kind == FD_EPOLL || f->kind == FD_FILE)
        return -EBADF;   /* not open for writing (files are read-only) */
    uint64_t len = a[2], done = 0;
    if (f->kind == FD_PIPE_W) {
        lx_pipe *p = f->pipe;
        if (p->readers == 0) {
            lx_signal_send(pr, pr->cur, SIGPIPE_NR);
            return -EPIPE;
        }
        uint64_t room = LX_PIPE_SIZE - p->len, n = len < room ? len : room;
        if (n == 0)
            return -EAGAIN;   /* Go's pipes are non-blocking; a full blocking pipe is not modelled */
        for (; done < n; done++) {
            uint8_t c;
            if (lx_read(pr, a[1] + done, &c, 1) != 0)
                break;
            p->buf[(p->head + p->len) % LX_PIPE_SIZE] = c;
            p->len++;
        }
        p->gen++;
        lx_pipe_changed(pr, p);
        return done ? (int64_t)done : -EFAULT;
    }
    char buf[CHUNK];
    while (done < len) {
        size_t n = len - done < sizeof buf ? (size_t)(len - done) : sizeof buf;
        if (lx_read(pr, a[1] + done, buf, n) != 0)
            return done ? (int64_t)done : -EFAULT;
        ssize_t w = write(f->host, buf, n);
        if (w < 0)
            return done ? (int64_t)done : -errno;
        done += (uint64_t)w;
        if ((size_t)w < n)
            break;
    }
    return (int64_t)done;
}

static int64_t open_path(lx_process *pr, uint64_t path_addr, uint64_t flags)
{
    char path[PATH_MAX];
    int rc = get_path(pr, path_addr, path, sizeof path);
    if (rc)
        return rc;
    if (!allowed(pr, path))
        return -ENOENT;
    if ((flags & O_ACCMODE) != O_RDONLY || (flags & (O_CREAT | O_TRUNC)))
        return -EROFS;
    int fd = lx_fd_alloc(pr, 0);
    if (fd < 0)
        return fd;
    int h = open(path, O_RDONLY | O_CLOEXEC | (int)(flags & (O_DIRECTORY | O_NOFOLLOW)));
    if (h < 0)
        return -errno;
    pr->fds[fd] = (lx_fd){.kind = FD_FILE, .host = h, .flags = (int)(flags & (O_NONBLOCK | O_CLOEXEC))};
    return fd;
}

int64_t sys_openat(lx_process *pr, const uint64_t *a)
{
    if ((int)a[0] != AT_FDCWD) {
        char c;
        if (lx_read(pr, a[1], &c, 1) != 0)
            return -EFAULT;
        if (c != '/')
            return -ENOENT;   /* relative to a directory fd: no such directories here */
    }
    return open_path(pr, a[1], a[2]);
}

int64_t sys_open(lx_process *pr, const uint64_t *a)
{
    return open_path(pr, a[0], a[1]);
}

int64_t sys_close(lx_process *pr, const uint64_t *a)
{
    if (!lx_fd_get(pr, (int)a[0]))
        return -EBADF;
    lx_fd_release(pr, (int)a[0]);
    return 0;
}

/* What a guest's stat shows: the file type, permissions and size. */
static int put_stat(lx_process *pr, uint64_t addr, mode_t mode, off_t size)
{
    struct stat st;   /* the host is x86-64 too: the same layout */
    memset(&st, 0, sizeof st);
    st.st_mode = mode;
    st.st_nlink = 1;
    st.st_size = S_ISREG(mode) ? size : 0;
    st.st_blksize = 4096;
    st.st_blocks = (st.st_size + 511) / 512;
    return lx_write(pr, addr, &st, sizeof st);
}

static int64_t stat_fd(lx_process *pr, int fd, uint64_t addr)
{
    lx_fd *f = lx_fd_get(pr, fd);
    if (!f)
        return -EBADF;
    if (f->kind == FD_PIPE_R || f->kind == FD_PIPE_W)
        return put_stat(pr, addr, S_IFIFO | 0600, 0);
    if (f->kind == FD_EPOLL)
        return put_stat(pr, addr, 0600, 0);
    struct stat hs;
    if (fstat(f->host, &hs) != 0)
        return -errno;
    return put_stat(pr, addr, hs.st_mode, hs.st_size);
}

int64_t sys_fstat(lx_process *pr, const uint64_t *a)
{
    return stat_fd(pr, (int)a[0], a[1]);
}

int64_t sys_newfstatat(lx_process *pr, const uint64_t *a)
{
    char c = 0;
    if (lx_read(pr, a[1], &c, 1) != 0)
        return -EFAULT;
    if (c == 0 && (a[3] & AT_EMPTY_PATH))
        return stat_fd(pr, (int)a[0], a[2]);
    if (c != '/' && (int)a[0] != AT_FDCWD)
        return -ENOENT;
    char path[PATH_MAX];
    int rc = get_path(pr, a[1], path, sizeof path);
    if (rc)
        return rc;
    if (!allowed(pr, path))
        return -ENOENT;
    struct stat hs;
    if ((a[3] & AT_SYMLINK_NOFOLLOW ? lstat(path, &hs) : stat(path, &hs)) != 0)
        return -errno;
    return put_stat(pr, a[2], hs.st_mode, hs.st_size);
}

int64_t sys_lseek(lx_process *pr, const uint64_t *a)
{
    lx_fd *f = lx_fd_get(pr, (int)a[0]);
    if (!f)
        return -EBADF;
    if (f->kind != FD_FILE && f->kind != FD_HOST)
        return -ESPIPE;
    return host_result(lseek(f->host, (off_t)a[1], (int)a[2]));
}

static int64_t dup_fd(lx_process *pr, int old, int from, bool cloexec)
{
    lx_fd *f = lx_fd_get(pr, old);
    if (!f)
        return -EBADF;
    int fd = lx_fd_alloc(pr, from);
    if (fd < 0)
        return fd;
    lx_fd n = *f;
    n.dir = NULL;   /* the copy reads the directory again (a host dup shares the offset; Linux's copy does too, rarely relied on) */
    if (n.kind == FD_HOST || n.kind == FD_FILE) {
        if ((n.host = dup(f->host)) < 0)
            return -errno;
        if (n.kind == FD_HOST)
            n.kind = FD_FILE;   /* a copy is closed for real */
    } else if (n.kind == FD_PIPE_R) {
        n.pipe->readers++;
    } else if (n.kind == FD_PIPE_W) {
        n.pipe->writers++;
    } else if (n.kind == FD_EPOLL) {
        n.ep->refs++;
    }
    n.flags = (n.flags & ~O_CLOEXEC) | (cloexec ? O_CLOEXEC : 0);
    pr->fds[fd] = n;
    return fd;
}

int64_t sys_fcntl(lx_process *pr, const uint64_t *a)
{
    lx_fd *f = lx_fd_get(pr, (int)a[0]);
    if (!f)
        return -EBADF;
    switch (a[1]) {
    case F_DUPFD: return dup_fd(pr, (int)a[0], (int)a[2], false);
    case F_DUPFD_CLOEXEC: return dup_fd(pr, (int)a[0], (int)a[2], true);
    case F_GETFD: return f->flags & O_CLOEXEC ? FD_CLOEXEC : 0;
    case F_SETFD:
        f->flags = (f->flags & ~O_CLOEXEC) | (a[2] & FD_CLOEXEC ? O_CLOEXEC : 0);
        return 0;
    case F_GETFL: {
        /* The access mode is the host's; O_NONBLOCK is what the program
         * set (the host's own may differ from machine to machine). */
        int acc = f->kind == FD_PIPE_W ? O_WRONLY : f->kind == FD_PIPE_R || f->kind == FD_FILE ? O_RDONLY
                  : f->kind == FD_HOST ? fcntl(f->host, F_GETFL) & O_ACCMODE : O_RDWR;
        return (acc < 0 ? O_RDWR : acc) | (f->flags & O_NONBLOCK);
    }
    case F_SETFL:
        f->flags = (f->flags & ~O_NONBLOCK) | (int)(a[2] & O_NONBLOCK);
        return 0;
    default:
        return -EINVAL;
    }
}

static int64_t readlink_path(lx_process *pr, uint64_t path, uint64_t buf, uint64_t len)
{
    char p[PATH_MAX], target[PATH_MAX];
    int rc = get_path(pr, path, p, sizeof p);
    if (rc)
        return rc;
    ssize_t n;
    if (strcmp(p, "/proc/self/exe") == 0 && pr->p.exe)
        n = (ssize_t)strlen(pr->p.exe), memcpy(target, pr->p.exe, (size_t)n);
    else if (!allowed(pr, p))
        return -ENOENT;
    else if ((n = readlink(p, target, sizeof target)) < 0)
        return -errno;
    size_t k = (size_t)n < len ? (size_t)n : (size_t)len;
    return lx_write(pr, buf, target, k) ? -EFAULT : (int64_t)k;
}

int64_t sys_readlinkat(lx_process *pr, const uint64_t *a)
{
    return readlink_path(pr, a[1], a[2], a[3]);
}

int64_t sys_readlink(lx_process *pr, const uint64_t *a)
{
    return readlink_path(pr, a[0], a[1], a[2]);
}

int64_t sys_pipe2(lx_process *pr, const uint64_t *a)
{
    int r = lx_fd_alloc(pr, 0);
    if (r < 0)
        return r;
    pr->fds[r].kind = FD_PIPE_R;   /* held while the second is found */
    int w = lx_fd_alloc(pr, 0);
    pr->fds[r].kind = FD_NONE;
    if (w < 0)
        return w;
    lx_pipe *p = calloc(1, sizeof *p);
    if (!p)
        return -ENOMEM;
    int fds[2] = {r, w};
    if (lx_write(pr, a[0], fds, sizeof fds) != 0) {
        free(p);
        return -EFAULT;
    }
    int fl = (int)(a[1] & (O_NONBLOCK | O_CLOEXEC));
    p->readers = p->writers = 1;
    pr->fds[r] = (lx_fd){.kind = FD_PIPE_R, .flags = fl, .pipe = p};
    pr->fds[w] = (lx_fd){.kind = FD_PIPE_W, .flags = fl, .pipe = p};
    return 0;
}

int64_t sys_ioctl(lx_process *pr, const uint64_t *a)
{
    return lx_fd_get(pr, (int)a[0]) ? -ENOTTY : -EBADF;
}

int64_t sys_getcwd(lx_process *pr, const uint64_t *a)
{
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd))
        return -ENOENT;
    size_t n = strlen(cwd) + 1;
    if (a[1] < n)
        return -ERANGE;
    return lx_write(pr, a[0], cwd, n) ? -EFAULT : (int64_t)n;
}
