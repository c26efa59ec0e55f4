/* The rest: the machine's name, random bytes, resource limits and ids,
 * each the same on every machine. */
#include "linux/syscalls.h"
#include <errno.h>
#include <string.h>

enum { RLIMIT_STACK = 3, RLIMIT_NOFILE = 7, RLIM_INFINITY_ = -1 };

int64_t sys_uname(lx_process *pr, const uint64_t *a)
{
    char u[6][65];
    memset(u, 0, sizeof u);
    strcpy(u[0], "Linux");
    strcpy(u[1], "sim");
    strcpy(u[2], "6.1.0-sim");
    strcpy(u[3], "#1 SMP PREEMPT_DYNAMIC");
    strcpy(u[4], "x86_64");
    strcpy(u[5], "(none)");
    return lx_write(pr, a[0], u, sizeof u);
}

/* xorshift64*: bytes that depend only on the config's at_random. */
static uint8_t next_byte(lx_process *pr)
{
    uint64_t x = pr->random_state ? pr->random_state : 0x9e3779b97f4a7c15ULL;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    pr->random_state = x;
    return (uint8_t)((x * 0x2545f4914f6cdd1dULL) >> 56);
}

int64_t sys_getrandom(lx_process *pr, const uint64_t *a)
{
    uint64_t len = a[1] > 33554431 ? 33554431 : a[1];
    uint8_t buf[256];
    for (uint64_t done = 0; done < len;) {
        size_t n = len - done < sizeof buf ? (size_t)(len - done) : sizeof buf;
        for (size_t i = 0; i < n; i++)
            buf[i] = next_byte(pr);
        if (lx_write(pr, a[0] + done, buf, n) != 0)
            return done ? (int64_t)done : -EFAULT;
        done += n;
    }
    return (int64_t)len;
}

static int get_limit(lx_process *pr, uint64_t which, uint64_t out[2])
{
    switch (which) {
    case RLIMIT_NOFILE:
        out[0] = pr->rlimit_nofile[0];
        out[1] = pr->rlimit_nofile[1];
        return 0;
    case RLIMIT_STACK:
        out[0] = 8 << 20;
        out[1] = (uint64_t)RLIM_INFINITY_;
        return 0;
    default:
        if (which > 15)
            return -EINVAL;
        out[0] = out[1] = (uint64_t)RLIM_INFINITY_;
        return 0;
    }
}

static int set_limit(lx_process *pr, uint64_t which, const uint64_t in[2])
{
    if (in[0] > in[1])
        return -EINVAL;
    if (which == RLIMIT_NOFILE) {
        if (in[1] > pr->rlimit_nofile[1])
            return -EPERM;
        pr->rlimit_nofile[0] = in[0];
        pr->rlimit_nofile[1] = in[1];
    }
    return 0;   /* the others are accepted and change nothing */
}

int64_t sys_getrlimit(lx_process *pr, const uint64_t *a)
{
    uint64_t l[2];
    int rc = get_limit(pr, a[0], l);
    return rc ? rc : lx_write(pr, a[1], l, sizeof l);
}

int64_t sys_setrlimit(lx_process *pr, const uint64_t *a)
{
    uint64_t l[2];
    if (lx_read(pr, a[1], l, sizeof l) != 0)
        return -EFAULT;
    return set_limit(pr, a[0], l);
}

int64_t sys_prlimit64(lx_process *pr, const uint64_t *a)
{
    if (a[0] != 0 && a[0] != LX_PID)
        return -ESRCH;
    uint64_t old[2], nw[2];
    int rc = get_limit(pr, a[1], old);
    if (rc)
        return rc;
    if (a[2] && lx_read(pr, a[2], nw, sizeof nw) != 0)
        return -EFAULT;
    if (a[3] && lx_write(pr, a[3], old, sizeof old) != 0)
        return -EFAULT;
    return a[2] ? set_limit(pr, a[1], nw) : 0;
}

int64_t sys_getuid(lx_process *pr, const uint64_t *a)
{
    (void)pr;
    (void)a;
    return 1000;
}
