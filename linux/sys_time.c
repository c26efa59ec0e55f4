/* Clocks and sleeps, on virtual time (vtime.c).  CLOCK_REALTIME starts at
 * LX_REALTIME_BASE, a fixed date, so that times printed are the same on
 * every run. */
#include "linux/syscalls.h"
#include <errno.h>

#define LX_REALTIME_BASE (1700000000LL * 1000000000LL)   /* 2023-11-14 22:13:20 UTC */
#define NS 1000000000LL

static int64_t clock_ns(lx_process *pr, uint64_t clk)
{
    switch (clk) {
    case 0: case 5: return LX_REALTIME_BASE + lx_now(pr);   /* REALTIME, REALTIME_COARSE */
    default: return lx_now(pr);   /* MONOTONIC, BOOTTIME, the CPU-time clocks ... */
    }
}

static int put_timespec(lx_process *pr, uint64_t addr, int64_t ns)
{
    int64_t ts[2] = {ns / NS, ns % NS};
    return lx_write(pr, addr, ts, sizeof ts);
}

/* A timespec argument as nanoseconds, or a negative errno. */
static int64_t get_timespec(lx_process *pr, uint64_t addr)
{
    int64_t ts[2];
    if (lx_read(pr, addr, ts, sizeof ts) != 0)
        return -EFAULT;
    if (ts[0] < 0 || ts[1] < 0 || ts[1] >= NS)
        return -EINVAL;
    return ts[0] > INT64_MAX / NS - 1 ? INT64_MAX / 2 : ts[0] * NS + ts[1];
}

int64_t sys_clock_gettime(lx_process *pr, const uint64_t *a)
{
    if (a[0] > 11)
        return -EINVAL;
    return put_timespec(pr, a[1], clock_ns(pr, a[0]));
}

int64_t sys_clock_getres(lx_process *pr, const uint64_t *a)
{
    return a[1] ? put_timespec(pr, a[1], 1) : 0;
}

int64_t sys_gettimeofday(lx_process *pr, const uint64_t *a)
{
    int64_t ns = clock_ns(pr, 0), tv[2] = {ns / NS, ns % NS / 1000};
    return a[0] ? lx_write(pr, a[0], tv, sizeof tv) : 0;
}

int64_t sys_time(lx_process *pr, const uint64_t *a)
{
    int64_t s = clock_ns(pr, 0) / NS;
    if (a[0] && lx_write(pr, a[0], &s, sizeof s) != 0)
        return -EFAULT;
    return s;
}

static int64_t sleep_until(lx_process *pr, int64_t deadline)
{
    lx_block(pr, WAIT_SLEEP, deadline);
    return LX_BLOCKED;
}

int64_t sys_nanosleep(lx_process *pr, const uint64_t *a)
{
    int64_t d = get_timespec(pr, a[0]);
    return d < 0 ? d : sleep_until(pr, lx_now(pr) + d);
}

int64_t sys_clock_nanosleep(lx_process *pr, const uint64_t *a)
{
    int64_t d = get_timespec(pr, a[2]);
    if (d < 0)
        return d;
    if (a[1] & 1)   /* TIMER_ABSTIME: D is a time on clock a[0] */
        return sleep_until(pr, lx_now(pr) + (d - clock_ns(pr, a[0]) > 0 ? d - clock_ns(pr, a[0]) : 0));
    return sleep_until(pr, lx_now(pr) + d);
}
