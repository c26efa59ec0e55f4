/* go1.21's layout (go1.21.13 amd64): every offset and size is the
 * compiler's own (tests/data/go_asm_go1.21.h, and the DWARF of a binary
 * built by golang-1.21-go; tests/test_layout.c checks both). */
#include "runtime_model/layout.h"

#define GO121_PLACES(P, A) \
    P(stack, lo, 0, 8) \
    P(stack, hi, 8, 8) \
    P(gobuf, sp, 0, 8) \
    P(gobuf, pc, 8, 8) \
    P(gobuf, g, 16, 8) \
    P(gobuf, ctxt, 24, 8) \
    P(gobuf, ret, 32, 8) \
    P(gobuf, lr, 40, 8) \
    P(gobuf, bp, 48, 8) \
    P(funcval, fn, 0, 8) \
    P(gQueue, head, 0, 8) \
    P(gQueue, tail, 8, 8) \
    P(gList, head, 0, 8) \
    P(gcControllerState, maxStackScan, 136, 8) \
    P(g, stack, 0, 16) \
    P(g, stackguard0, 16, 8) \
    P(g, stackguard1, 24, 8) \
    P(g, _panic, 32, 8) \
    P(g, _defer, 40, 8) \
    P(g, m, 48, 8) \
    P(g, sched, 56, 56) \
    P(g, syscallsp, 112, 8) \
    P(g, syscallpc, 120, 8) \
    P(g, stktopsp, 128, 8) \
    P(g, param, 136, 8) \
    P(g, atomicstatus, 144, 4) \
    P(g, stackLock, 148, 4) \
    P(g, goid, 152, 8) \
    P(g, schedlink, 160, 8) \
    P(g, waitsince, 168, 8) \
    P(g, waitreason, 176, 1) \
    P(g, preempt, 177, 1) \
    P(g, preemptStop, 178, 1) \
    P(g, preemptShrink, 179, 1) \
    P(g, paniconfault, 181, 1) \
    P(g, tracking, 187, 1) \
    P(g, trackingSeq, 188, 1) \
    P(g, trackingStamp, 192, 8) \
    A(g, runnableStamp) \
    P(g, runnableTime, 200, 8) \
    P(g, lockedm, 208, 8) \
    P(g, writebuf, 224, 24) \
    P(g, parentGoid, 272, 8) \
    P(g, gopc, 280, 8) \
    P(g, ancestors, 288, 8) \
    P(g, startpc, 296, 8) \
    P(g, labels, 344, 8) \
    P(g, timer, 352, 8) \
    P(g, gcAssistBytes, 400, 8) \
    P(m, g0, 0, 8) \
    P(m, morebuf, 8, 56) \
    P(m, procid, 72, 8) \
    P(m, gsignal, 80, 8) \
    P(m, tls, 136, 48) \
    P(m, mstartfn, 184, 8) \
    P(m, curg, 192, 8) \
    P(m, p, 208, 8) \
    P(m, nextp, 216, 8) \
    P(m, oldp, 224, 8) \
    P(m, id, 232, 8) \
    P(m, mallocing, 240, 4) \
    P(m, throwing, 244, 4) \
    P(m, locks, 264, 4) \
    P(m, dying, 268, 4) \
    P(m, spinning, 276, 1) \
    P(m, blocked, 277, 1) \
    P(m, fastrand, 288, 8) \
    P(m, alllink, 336, 8) \
    P(m, schedlink, 344, 8) \
    P(m, lockedg, 352, 8) \
    P(m, lockedInt, 620, 4) \
    P(p, id, 0, 4) \
    P(p, status, 4, 4) \
    P(p, link, 8, 8) \
    P(p, schedtick, 16, 4) \
    P(p, syscalltick, 20, 4) \
    P(p, m, 56, 8) \
    P(p, mcache, 64, 8) \
    P(p, goidcache, 384, 8) \
    P(p, goidcacheend, 392, 8) \
    P(p, runqhead, 400, 4) \
    P(p, runqtail, 404, 4) \
    P(p, runq, 408, 2048) \
    P(p, runnext, 2456, 8) \
    P(p, gFree, 2464, 16) \
    P(p, timers, 8840, 24) \
    P(p, maxStackScanDelta, 8880, 8) \
    P(p, preempt, 8904, 1) \
    P(anon_p_gFree, head, 0, 8) \
    P(anon_p_gFree, n, 8, 4) \
    P(schedt, goidgen, 0, 8) \
    P(schedt, lastpoll, 8, 8) \
    P(schedt, pollUntil, 16, 8) \
    P(schedt, lock, 24, 8) \
    P(schedt, midle, 32, 8) \
    P(schedt, nmidle, 40, 4) \
    P(schedt, nmidlelocked, 44, 4) \
    P(schedt, mnext, 48, 8) \
    P(schedt, maxmcount, 56, 4) \
    P(schedt, nmsys, 60, 4) \
    P(schedt, nmfreed, 64, 8) \
    P(schedt, ngsys, 72, 4) \
    P(schedt, pidle, 80, 8) \
    P(schedt, npidle, 88, 4) \
    P(schedt, nmspinning, 92, 4) \
    P(schedt, needspinning, 96, 4) \
    P(schedt, runq, 104, 16) \
    P(schedt, runqsize, 120, 4) \
    P(schedt, gFree, 160, 32) \
    P(schedt, gcwaiting, 232, 1) \
    P(schedt, stopwait, 236, 4) \
    P(schedt, sysmonwait, 248, 1) \
    P(schedt, profilehz, 288, 4) \
    P(schedt, procresizetime, 296, 8) \
    P(schedt, totaltime, 304, 8) \
    P(anon_schedt_gFree, lock, 0, 8) \
    P(anon_schedt_gFree, stack, 8, 8) \
    P(anon_schedt_gFree, noStack, 16, 8) \
    P(anon_schedt_gFree, n, 24, 4)

#define GO121_SIZES(S) \
    S(stack, 16) S(gobuf, 56) S(funcval, 8) S(gQueue, 16) S(gList, 8) S(gcControllerState, 392) \
    S(g, 408) S(m, 1008) S(p, 8912) S(schedt, 1632) \
    S(anon_p_gFree, 16) S(anon_schedt_gFree, 32)

enum { GO121_PLACES(GO_PLACE_ENUM, GO_ABSENT_ENUM) GO121_SIZES(GO_SIZE_ENUM) };

const go_layout go_layout_go121 = {
    "go1.21",
    {GO_FIELDS(GO_FIELD_INIT)},
    {GO_TYPES(GO_SIZE_INIT)},
};
