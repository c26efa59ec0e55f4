/* Futexes: a thread waits on an address while it holds the expected value,
 * and FUTEX_WAKE wakes the threads waiting on it, longest waiting first.
 * Private and shared futexes are the same here: there is one process. */
#include "linux/syscalls.h"
#include <errno.h>

enum { FUTEX_WAIT = 0, FUTEX_WAKE = 1, FUTEX_WAIT_BITSET = 9, FUTEX_WAKE_BITSET = 10 };

int lx_futex_wake(lx_process *pr, uint64_t addr, int n)
{
    return lx_futex_wake_bits(pr, addr, n, 0xffffffffu);
}

int lx_futex_wake_bits(lx_process *pr, uint64_t addr, int n, uint32_t bits)
{
    int woken = 0;
    while (woken < n) {
        lx_thread *first = NULL;
        for (int i = 0; i < pr->nthreads; i++) {
            lx_thread *t = pr->threads[i];
            if (t->wait == WAIT_FUTEX && t->futex_addr == addr && (t->futex_bitset & bits) &&
                (!first || t->wait_seq < first->wait_seq))
                first = t;
        }
        if (!first)
            break;
        lx_wake(pr, first, 0);
        woken++;
    }
    return woken;
}

int64_t sys_futex(lx_process *pr, const uint64_t *a)
{
    uint64_t addr = a[0];
    int op = (int)(a[1] & 0x7f);
    bool realtime = a[1] & 256;
    if (addr & 3)
        return -EINVAL;
    switch (op) {
    case FUTEX_WAIT:
    case FUTEX_WAIT_BITSET: {
        uint32_t now;
        if (lx_read(pr, addr, &now, 4) != 0)
            return -EFAULT;
        if (now != (uint32_t)a[2])
            return -EAGAIN;
        uint32_t bits = op == FUTEX_WAIT ? 0xffffffffu : (uint32_t)a[5];
        if (bits == 0)
            return -EINVAL;
        int64_t deadline = -1;
        if (a[3]) {
            int64_t ts[2];
            if (lx_read(pr, a[3], ts, sizeof ts) != 0)
                return -EFAULT;
            if (ts[0] < 0 || ts[1] < 0 || ts[1] >= 1000000000)
                return -EINVAL;
            int64_t d = ts[0] * 1000000000 + ts[1];
            /* FUTEX_WAIT's timeout is relative; WAIT_BITSET's is absolute
             * on CLOCK_MONOTONIC (or REALTIME). */
            if (op == FUTEX_WAIT_BITSET)
                d -= realtime ? 1700000000LL * 1000000000LL + lx_now(pr) : lx_now(pr);
            deadline = lx_now(pr) + (d > 0 ? d : 0);
        }
        pr->cur->futex_addr = addr;
        pr->cur->futex_bitset = bits;
        lx_block(pr, WAIT_FUTEX, deadline);
        return LX_BLOCKED;
    }
    case FUTEX_WAKE:
    case FUTEX_WAKE_BITSET: {
        uint32_t bits = op == FUTEX_WAKE ? 0xffffffffu : (uint32_t)a[5];
        if (bits == 0)
            return -EINVAL;
        int n = (int)a[2] < 0 ? 0 : (int)a[2];
        return lx_futex_wake_bits(pr, addr, n, bits);
    }
    default:
        return -ENOSYS;
    }
}
