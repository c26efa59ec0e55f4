/* The CPU for a real program: see emu.h.
 *
 * Instructions are counted per translated block: a UC_HOOK_BLOCK hook adds
 * the block's instruction count, decoded once with Capstone and cached by
 * address.  A per-instruction hook (hook_code) is installed only while the
 * trace or the debugger observes instructions; it then does the counting.
 *
 * Traps of Unicorn 2.0.1 handled here (docs/real-programs.md, docs/debugger.md):
 * - uc_emu_stop from a block hook leaves a stale rip in the CPU once any
 *   code hook exists; the block did not run, so rip is set back to the
 *   block's pc after uc_emu_start returns.
 * - after a memory fault rip is the last pc Unicorn synced, not the
 *   faulting instruction's; without a code hook the faulting instruction
 *   is found in the current block (fault_pc.c).
 * - Unicorn never resets the CPU's record of the last exception when a
 *   UC_HOOK_INTR hook takes one, so a second #DE is escalated to a double
 *   fault.  Where that record lies in a saved context is found once, by
 *   experiment (old_exception_offset), and reset after each exception.
 * - a code hook that stops the run leaves the lazy flags stale: emu.c
 *   writes back the flags the hook saw (emu_keep_flags).
 * And one rule of sim's own: a run that stopped where the free run would
 * not have (the instruction limit, a breakpoint) goes on as if it had
 * never stopped (resume_*), so that stepping decides quanta as `sim run`. */
#include "cpu/emu_internal.h"
#include "cpu/fault_pc.h"
#include <capstone/capstone.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { uint64_t pc; uint32_t size, count; } blk_entry;

struct emu_real {
    csh cs;
    blk_entry *blk;          /* open addressing by pc; pc 0 is empty */
    size_t blk_cap, blk_used;
    /* The block now running (its count already added when untraced). */
    uint64_t blk_pc;
    uint32_t blk_size, blk_count;
    uint64_t prev_end;       /* where the previous block ended: falling through starts here */
    /* Where a stop the free run would not have made (the instruction limit,
     * a breakpoint) left off, so that going on from there decides the
     * quantum as if the run had never stopped: a debugger stepping one
     * instruction at a time switches threads where `sim run` does. */
    bool resume_valid, resuming, resume_jumped;
    uint64_t resume_pc, resume_prev_end;
    uint64_t quantum_at;
    bool stopping;           /* a block hook asked to stop before its block */
    uint64_t stop_pc;
    bool quantum_hit, intr_hit, mem_hit;
    emu_trap trap;
    uint64_t cur_pc;         /* observed: the instruction now running */
    uc_hook brk_hook;
    uint64_t brk_addr;
    uc_context *scratch_ctx;     /* for forget_exception */
    emu_tsc_fn tsc;
    void *tsc_ctx;
    uint64_t *tsc_sites;
    bool *tsc_rdtscp;
    uc_hook *tsc_hooks;
    int ntsc;
    struct code_watch *watches;   /* emu_watch_code's, freed with the CPU */
};

struct emu_ctx { uc_context *uc; };

struct code_watch {
    emu *e;
    emu_watch_fn fn;
    void *ctx;
    struct code_watch *next;
};

/* --- the exception record (see the top) --- */

static void probe_intr(uc_engine *uc, uint32_t intno, void *user)
{
    (void)intno;
    *(bool *)user = true;
    uc_emu_stop(uc);
}

/* The byte offset, in a saved context, of the int32 that is -1 before a
 * #DE and 0 after it (QEMU's env->old_exception), or -1 when no single
 * such field is found (then nothing is reset). */
static long old_exception_offset(void)
{
    static const uint8_t code[] = {0x31, 0xc9, 0xf7, 0xf1};   /* xor ecx, ecx; div ecx */
    uc_engine *uc;
    if (uc_open(UC_ARCH_X86, UC_MODE_64, &uc) != UC_ERR_OK)
        return -1;
    long found = -1;
    int matches = 0;
    uc_context *before = NULL, *after = NULL;
    bool hit = false;
    uc_hook h;
    if (uc_mem_map(uc, 0x1000, 0x1000, UC_PROT_ALL) == UC_ERR_OK &&
        uc_mem_write(uc, 0x1000, code, sizeof code) == UC_ERR_OK &&
        uc_hook_add(uc, &h, UC_HOOK_INTR, (void *)probe_intr, &hit, 1, 0) == UC_ERR_OK &&
        uc_context_alloc(uc, &before) == UC_ERR_OK && uc_context_alloc(uc, &after) == UC_ERR_OK) {
        uc_context_save(uc, before);
        uc_emu_start(uc, 0x1000, 0x1000 + sizeof code, 0, 0);
        uc_context_save(uc, after);
        size_t n = uc_context_size(uc);
        const uint8_t *a = (const uint8_t *)before, *b = (const uint8_t *)after;
        for (size_t off = 0; hit && off + 4 <= n; off += 4) {
            int32_t x, y;
            memcpy(&x, a + off, 4);
            memcpy(&y, b + off, 4);
            if (x == -1 && y == 0) {
                found = (long)off;
                matches++;
            }
        }
    }
    if (before)
        uc_context_free(before);
    if (after)
        uc_context_free(after);
    uc_close(uc);
    return matches == 1 ? found : -1;
}

/* After a contributory exception (#DE, #TS ... #GP): the CPU is to take
 * the next one as a first one. */
static void forget_exception(emu *e)
{
    static long off = -2;
    if (off == -2)
        off = old_exception_offset();
    if (off < 0 || !e->real->scratch_ctx)
        return;
    uc_context_save(e->uc, e->real->scratch_ctx);
    int32_t none = -1;
    memcpy((uint8_t *)e->real->scratch_ctx + off, &none, 4);
    uc_context_restore(e->uc, e->real->scratch_ctx);
}

static uint32_t count_insns(struct emu_real *r, emu *e, uint64_t pc, uint32_t size)
{
    uint8_t buf[4096];
    uint32_t n = size < sizeof buf ? size : (uint32_t)sizeof buf;
    if (n == 0 || emu_read(e, pc, buf, n) != 0)
        return 1;
    cs_insn *insn;
    size_t k = cs_disasm(r->cs, buf, n, pc, 0, &insn);
    if (k)
        cs_free(insn, k);
    return k ? (uint32_t)k : 1;
}

static size_t blk_slot(const struct emu_real *r, uint64_t pc)
{
    return (size_t)((pc * 0x9e3779b97f4a7c15ULL) >> 17) & (r->blk_cap - 1);
}

static void blk_grow(struct emu_real *r)
{
    blk_entry *old = r->blk;
    size_t oldcap = r->blk_cap;
    r->blk_cap = oldcap ? 2 * oldcap : 4096;
    r->blk = calloc(r->blk_cap, sizeof *r->blk);
    if (!r->blk) {
        fprintf(stderr, "sim: out of memory for the block cache\n");
        abort();
    }
    for (size_t i = 0; i < oldcap; i++)
        if (old[i].pc) {
            size_t j = blk_slot(r, old[i].pc);
            while (r->blk[j].pc)
                j = (j + 1) & (r->blk_cap - 1);
            r->blk[j] = old[i];
        }
    free(old);
}

/* Instructions in the block [pc, pc+size). */
static uint32_t blk_count(emu *e, uint64_t pc, uint32_t size)
{
    struct emu_real *r = e->real;
    size_t i = blk_slot(r, pc);
    for (; r->blk[i].pc; i = (i + 1) & (r->blk_cap - 1))
        if (r->blk[i].pc == pc && r->blk[i].size == size)
            return r->blk[i].count;
    uint32_t n = count_insns(r, e, pc, size);
    if (2 * (r->blk_used + 1) > r->blk_cap) {
        blk_grow(r);
        for (i = blk_slot(r, pc); r->blk[i].pc; i = (i + 1) & (r->blk_cap - 1))
            ;
    }
    r->blk[i] = (blk_entry){pc, size, n};
    r->blk_used++;
    return n;
}

static void stop_before(emu *e, uint64_t pc)
{
    e->real->stopping = true;
    e->real->stop_pc = pc;
    uc_emu_stop(e->uc);
}

static void hook_block(uc_engine *uc, uint64_t pc, uint32_t size, void *user)
{
    (void)uc;
    emu *e = user;
    struct emu_real *r = e->real;
    if (r->stopping)
        return;
    bool jumped = pc != r->prev_end;
    if (r->resuming) {   /* the first block after a stop the free run did not make */
        r->resuming = false;
        if (pc == r->resume_pc)
            jumped = r->resume_jumped;
    }
    if (e->icount >= e->run_end) {   /* come back to this block as it was entered now */
        e->limit_hit = true;
        r->resume_pc = pc;
        r->resume_jumped = jumped;
        r->resume_prev_end = r->prev_end;
        r->resume_valid = true;
        stop_before(e, pc);
        return;
    }
    r->prev_end = pc + size;
    if (jumped && r->quantum_at && e->icount >= r->quantum_at) {
        r->quantum_hit = true;
        stop_before(e, pc);
        return;
    }
    r->blk_pc = pc;
    r->blk_size = size;
    if (!e->code_hook) {   /* untraced: the block counts for all of its instructions */
        r->blk_count = blk_count(e, pc, size);
        e->recent[e->icount % EMU_RECENT] = pc;
        e->icount += r->blk_count;
    }
}

bool emu_real_on_code(emu *e, uint64_t pc)
{
    if (e->real->stopping)
        return false;
    e->real->cur_pc = pc;
    return true;
}

static void hook_intr(uc_engine *uc, uint32_t intno, void *user)
{
    emu *e = user;
    e->real->intr_hit = true;
    e->real->trap = (emu_trap){.kind = TRAP_INTR, .intno = (int)intno, .pc_exact = true};
    uc_emu_stop(uc);
}

static bool hook_mem_bad(uc_engine *uc, uc_mem_type type, uint64_t addr, int size, int64_t value,
                         void *user)
{
    (void)uc;
    (void)size;
    (void)value;
    emu *e = user;
    char access = type == UC_MEM_WRITE_UNMAPPED || type == UC_MEM_WRITE_PROT   ? 'w'
                  : type == UC_MEM_FETCH_UNMAPPED || type == UC_MEM_FETCH_PROT ? 'x'
                                                                               : 'r';
    bool prot = type == UC_MEM_WRITE_PROT || type == UC_MEM_READ_PROT || type == UC_MEM_FETCH_PROT;
    if (!e->real->mem_hit) {   /* the first fault is the one the instruction took */
        e->real->trap = (emu_trap){.kind = TRAP_MEM, .addr = addr, .access = access, .prot = prot};
        if (access == 'w') {
            e->write_fault = 1;
            e->write_fault_addr = addr;
        }
    }
    e->real->mem_hit = true;
    return false;
}

/* Runs before the instruction after an RDTSC(P): the host's count it read
 * is replaced by the virtual one. */
static void hook_tsc(uc_engine *uc, uint64_t pc, uint32_t size, void *user)
{
    (void)size;
    emu *e = user;
    struct emu_real *r = e->real;
    if (r->stopping)
        return;
    int lo = 0, hi = r->ntsc - 1;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (r->tsc_sites[mid] < pc)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (r->ntsc == 0 || r->tsc_sites[lo] != pc)
        return;
    /* The instructions before this one.  Observed, hook_code may have
     * counted this one already; untraced, the count already holds the
     * whole block, and only the part before PC has run. */
    uint64_t n = e->icount;
    if (e->code_hook && e->counted_pc == pc && e->counted_icount == n)
        n--;
    else if (!e->code_hook)
        n -= r->blk_count - (pc > r->blk_pc ? count_insns(r, e, r->blk_pc, (uint32_t)(pc - r->blk_pc)) : 0);
    uint64_t t = r->tsc(r->tsc_ctx, n), a = (uint32_t)t, d = t >> 32;
    uc_reg_write(uc, UC_X86_REG_RAX, &a);
    uc_reg_write(uc, UC_X86_REG_RDX, &d);
    if (r->tsc_rdtscp[lo]) {
        uint64_t c = 0;   /* IA32_TSC_AUX: cpu 0 */
        uc_reg_write(uc, UC_X86_REG_RCX, &c);
    }
}

emu *emu_new_real(void)
{
    emu *e = calloc(1, sizeof *e);
    struct emu_real *r = calloc(1, sizeof *r);
    if (!e || !r || uc_open(UC_ARCH_X86, UC_MODE_64, &e->uc) != UC_ERR_OK) {
        free(e);
        free(r);
        return NULL;
    }
    e->real = r;
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &r->cs) != CS_ERR_OK) {
        emu_free(e);
        return NULL;
    }
    blk_grow(r);
    if (uc_context_alloc(e->uc, &r->scratch_ctx) != UC_ERR_OK)
        r->scratch_ctx = NULL;
    uc_ctl_exits_enable(e->uc);
    uc_hook h;
    uc_hook_add(e->uc, &h, UC_HOOK_BLOCK, (void *)hook_block, e, 1, 0);
    uc_hook_add(e->uc, &h, UC_HOOK_INSN, (void *)hook_syscall, e, 1, 0, UC_X86_INS_SYSCALL);
    uc_hook_add(e->uc, &h, UC_HOOK_INTR, (void *)hook_intr, e, 1, 0);
    uc_hook_add(e->uc, &h, UC_HOOK_MEM_INVALID, (void *)hook_mem_bad, e, 1, 0);
    return e;
}

void emu_real_free(emu *e)
{
    struct emu_real *r = e->real;
    if (!r)
        return;
    cs_close(&r->cs);
    if (r->scratch_ctx)
        uc_context_free(r->scratch_ctx);
    free(r->blk);
    free(r->tsc_sites);
    free(r->tsc_rdtscp);
    free(r->tsc_hooks);
    for (struct code_watch *w = r->watches, *next; w; w = next) {
        next = w->next;
        free(w);
    }
    free(r);
    e->real = NULL;
}

void emu_real_code_hook(emu *e, bool on)
{
    if (on == (e->code_hook != 0))
        return;
    if (on)
        uc_hook_add(e->uc, &e->code_hook, UC_HOOK_CODE, (void *)hook_code, e, 1, 0);
    else {
        uc_hook_del(e->uc, e->code_hook);
        e->code_hook = 0;
    }
    /* Blocks translated before carry no per-instruction call (or still
     * do): drop them.  Only the executable regions' ones, by range: a
     * whole TB flush clears Unicorn's 1 GiB code buffer, seconds of work. */
    for (int i = 0; i < e->nregions; i++)
        if (e->regions[i].exec)
            uc_ctl_remove_cache(e->uc, e->regions[i].addr, e->regions[i].addr + e->regions[i].size);
}

/* The breakpoint's hook when nothing observes instructions: the block was
 * counted whole when it began, so the part from the breakpoint on is
 * taken back. */
static void hook_brk(uc_engine *uc, uint64_t pc, uint32_t size, void *user)
{
    (void)size;
    emu *e = user;
    struct emu_real *r = e->real;
    if (r->stopping || e->code_hook || pc != e->brk)
        return;
    if (e->brk_skip) {
        e->brk_skip--;
        return;
    }
    e->icount -= count_insns(r, e, pc, (uint32_t)(r->blk_pc + r->blk_size - pc));
    e->break_hit = true;
    emu_keep_flags(e);
    uc_emu_stop(uc);
}

void emu_real_break(emu *e, uint64_t addr)
{
    struct emu_real *r = e->real;
    if (r->brk_hook) {
        uc_hook_del(e->uc, r->brk_hook);
        r->brk_hook = 0;
    }
    /* Untraced, a breakpoint is a code hook on its one address; blocks
     * translated before it was set do not call it. */
    if (addr && uc_hook_add(e->uc, &r->brk_hook, UC_HOOK_CODE, (void *)hook_brk, e, addr, addr) !=
                    UC_ERR_OK)
        r->brk_hook = 0;
    uint64_t drop = addr ? addr : r->brk_addr;
    if (drop)
        uc_ctl_remove_cache(e->uc, drop, drop + 1);
    r->brk_addr = addr;
}

void emu_set_quantum(emu *e, uint64_t at)
{
    if (e->real)
        e->real->quantum_at = at;
}

int emu_set_tsc_sites(emu *e, const uint64_t *sites, const bool *rdtscp, int n, emu_tsc_fn tsc,
                      void *ctx)
{
    struct emu_real *r = e->real;
    if (!r || n < 0)
        return -1;
    r->tsc = tsc;
    r->tsc_ctx = ctx;
    if (r->tsc_sites && r->ntsc == n && memcmp(r->tsc_sites, sites, (size_t)n * sizeof *sites) == 0)
        return 0;   /* the same program started again: its hooks are in place */
    for (int i = 0; i < r->ntsc; i++)
        uc_hook_del(e->uc, r->tsc_hooks[i]);
    free(r->tsc_sites);
    free(r->tsc_rdtscp);
    free(r->tsc_hooks);
    r->ntsc = 0;
    r->tsc_sites = malloc(((size_t)n + 1) * sizeof *r->tsc_sites);
    r->tsc_rdtscp = malloc(((size_t)n + 1) * sizeof *r->tsc_rdtscp);
    r->tsc_hooks = calloc((size_t)n + 1, sizeof *r->tsc_hooks);
    if (!r->tsc_sites || !r->tsc_rdtscp || !r->tsc_hooks)
        return -1;
    memcpy(r->tsc_sites, sites, (size_t)n * sizeof *sites);
    memcpy(r->tsc_rdtscp, rdtscp, (size_t)n * sizeof *rdtscp);
    for (int i = 0; i < n; i++) {   /* SITES is sorted by the caller */
        if (uc_hook_add(e->uc, &r->tsc_hooks[i], UC_HOOK_CODE, (void *)hook_tsc, e, sites[i],
                        sites[i]) != UC_ERR_OK)
            return -1;
        r->ntsc = i + 1;
    }
    return 0;
}

void emu_real_on_start(emu *e)
{
    struct emu_real *r = e->real;
    r->stopping = r->quantum_hit = r->intr_hit = r->mem_hit = false;
    r->resuming = r->resume_valid && emu_reg_get(e, R_RIP) == r->resume_pc;
    r->resume_valid = false;
    /* Else the first block counts as jumped to: the same traced or not. */
    r->prev_end = r->resuming ? r->resume_prev_end : 0;
}


/* After a memory fault: rip and the instruction count point at the
 * faulting instruction, which counts as executed (as in the model mode). */
static void settle_fault(emu *e)
{
    struct emu_real *r = e->real;
    if (r->trap.access == 'x') {   /* the fetch itself failed: the jump's target */
        r->trap.pc = r->trap.addr;
        r->trap.pc_exact = true;
    } else if (e->code_hook) {
        r->trap.pc = r->cur_pc;
        r->trap.pc_exact = true;
    } else {
        int index = 0;
        r->trap.pc = fault_pc_find(r->cs, e, r->blk_pc, r->blk_size, r->trap.addr,
                                   r->trap.access == 'w', &index, &r->trap.pc_exact);
        e->icount -= r->blk_count - (uint32_t)index - 1;
    }
    emu_reg_set(e, R_RIP, r->trap.pc);
}

emu_stop emu_real_stopped(emu *e, uc_err err, uint64_t start)
{
    struct emu_real *r = e->real;
    if (r->mem_hit) {
        settle_fault(e);
        return STOP_TRAP;
    }
    if (r->intr_hit) {
        r->trap.pc = emu_reg_get(e, R_RIP);
        if (r->trap.intno == 0 || (r->trap.intno >= 10 && r->trap.intno <= 13))
            forget_exception(e);
        return STOP_TRAP;
    }
    if (r->stopping)
        emu_reg_set(e, R_RIP, r->stop_pc);
    bool at_block_start = r->stopping && e->limit_hit;   /* hook_block noted where it was */
    if (!at_block_start && err == UC_ERR_OK && (e->limit_hit || e->break_hit)) {
        /* Stopped inside a block already entered: going on continues it. */
        r->resume_pc = emu_reg_get(e, R_RIP);
        r->resume_jumped = false;
        r->resume_prev_end = r->prev_end;
        r->resume_valid = true;
    } else if (!at_block_start) {
        r->resume_valid = false;
    }
    if (err != UC_ERR_OK) {
        snprintf(e->fault, sizeof e->fault, "%s at rip=0x%llx", uc_strerror(err),
                 (unsigned long long)emu_reg_get(e, R_RIP));
        return STOP_FAULT;
    }
    if (e->break_hit)
        return STOP_BREAK;
    if (e->syscall_hit)
        return STOP_SYSCALL;
    if (r->quantum_hit)
        return STOP_QUANTUM;
    if (e->limit_hit || e->icount - start >= e->run_end - start)
        return STOP_LIMIT;
    snprintf(e->fault, sizeof e->fault, "emulation stopped unexpectedly at rip=0x%llx",
             (unsigned long long)emu_reg_get(e, R_RIP));
    return STOP_FAULT;
}

const emu_trap *emu_trap_info(emu *e) { return e->real ? &e->real->trap : NULL; }

emu_ctx *emu_ctx_new(emu *e)
{
    emu_ctx *c = calloc(1, sizeof *c);
    if (c && uc_context_alloc(e->uc, &c->uc) != UC_ERR_OK) {
        free(c);
        return NULL;
    }
    return c;
}

void emu_ctx_free(emu_ctx *c)
{
    if (c) {
        uc_context_free(c->uc);
        free(c);
    }
}

void emu_ctx_save(emu *e, emu_ctx *c) { uc_context_save(e->uc, c->uc); }
static void hook_watch(uc_engine *uc, uint64_t pc, uint32_t size, void *user)
{
    (void)uc;
    (void)size;
    struct code_watch *w = user;
    if (!w->e->real->stopping)   /* a block stopped before it runs later */
        w->fn(w->ctx, pc);
}

int emu_watch_code(emu *e, uint64_t begin, uint64_t end, emu_watch_fn fn, void *ctx)
{
    struct emu_real *r = e->real;
    struct code_watch *w = r ? calloc(1, sizeof *w) : NULL;
    uc_hook h;
    if (!w)
        return -1;
    *w = (struct code_watch){e, fn, ctx, r->watches};
    if (uc_hook_add(e->uc, &h, UC_HOOK_CODE, (void *)hook_watch, w, begin, end) != UC_ERR_OK) {
        free(w);
        return -1;
    }
    r->watches = w;
    uc_ctl_remove_cache(e->uc, begin, end + 1);   /* blocks translated before would not call it */
    return 0;
}

void emu_real_forget_resume(emu *e)
{
    e->real->resume_valid = false;
}

void emu_ctx_restore(emu *e, const emu_ctx *c)
{
    uc_context_restore(e->uc, c->uc);
    if (e->real)   /* another thread: a pc equal to the stop's is not where it stopped */
        emu_real_forget_resume(e);
}

/* FXSAVE layout (Intel SDM vol. 1, 10.5.1): FCW at 0, MXCSR at 24,
 * ST0-7 at 32 (16 bytes each), XMM0-15 at 160. */
void emu_fxsave(emu *e, uint8_t out[512])
{
    memset(out, 0, 512);
    uint64_t fcw = 0, mxcsr = 0;
    uc_reg_read(e->uc, UC_X86_REG_FPCW, &fcw);
    uc_reg_read(e->uc, UC_X86_REG_MXCSR, &mxcsr);
    uint16_t w = (uint16_t)fcw;
    uint32_t m = (uint32_t)mxcsr, mask = 0xffbf;
    memcpy(out, &w, 2);
    memcpy(out + 24, &m, 4);
    memcpy(out + 28, &mask, 4);
    for (int i = 0; i < 16; i++)
        uc_reg_read(e->uc, UC_X86_REG_XMM0 + i, out + 160 + 16 * i);
}

void emu_fxrstor(emu *e, const uint8_t in[512])
{
    uint16_t w;
    uint32_t m;
    memcpy(&w, in, 2);
    memcpy(&m, in + 24, 4);
    uint64_t fcw = w, mxcsr = m;
    uc_reg_write(e->uc, UC_X86_REG_FPCW, &fcw);
    uc_reg_write(e->uc, UC_X86_REG_MXCSR, &mxcsr);
    for (int i = 0; i < 16; i++) {
        uint8_t x[16];
        memcpy(x, in + 160 + 16 * i, 16);
        uc_reg_write(e->uc, UC_X86_REG_XMM0 + i, x);
    }
}
