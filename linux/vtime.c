/* Virtual time.  The clock advances one nanosecond per instruction
 * executed (by any thread), and jumps ahead when every thread sleeps, to
 * the earliest deadline.  So a run's times, and everything the program
 * decides from them, are the same on every machine.  The TSC runs at the
 * same rate: 1 GHz. */
#include "linux/process.h"

int64_t lx_now(lx_process *pr)
{
    return (int64_t)emu_icount(pr->cpu) + pr->time_skipped;
}

uint64_t lx_tsc(void *ctx, uint64_t icount)
{
    return icount + (uint64_t)((lx_process *)ctx)->time_skipped;
}
