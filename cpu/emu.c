/* Unicorn wrapper: see emu.h.  A CALL into a model stub ends emulation in
 * the code hook, at the stub's address, before any of its bytes run.  (A
 * non-executable stub page would do the same through UC_ERR_FETCH_PROT, but
 * Unicorn then translates the code around it afresh on every start: a
 * tenth of a run's time went there.)
 *
 * Memory is allocated here and handed to Unicorn (uc_mem_map_ptr), so the
 * models' many small reads and writes are plain memcpys instead of trips
 * through Unicorn's address-space lookup. */
#include "cpu/emu_internal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

const char *const emu_reg_names[EMU_NREGS] = {
    "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp",
    "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
    "rip", "rflags", "fs_base",
};

const int emu_uc_regs[EMU_NREGS] = {
    UC_X86_REG_RAX, UC_X86_REG_RBX, UC_X86_REG_RCX, UC_X86_REG_RDX,
    UC_X86_REG_RSI, UC_X86_REG_RDI, UC_X86_REG_RBP, UC_X86_REG_RSP,
    UC_X86_REG_R8, UC_X86_REG_R9, UC_X86_REG_R10, UC_X86_REG_R11,
    UC_X86_REG_R12, UC_X86_REG_R13, UC_X86_REG_R14, UC_X86_REG_R15,
    UC_X86_REG_RIP, UC_X86_REG_EFLAGS, UC_X86_REG_FS_BASE,
};


void hook_code(uc_engine *uc, uint64_t pc, uint32_t size, void *user)
{
    emu *e = user;
    if (e->real && !emu_real_on_code(e, pc))
        return;
    if (pc >= e->stub_lo && pc < e->stub_hi) {   /* a model: before the breakpoint, as a fetch fault was */
        e->stub_hit = true;
        uc_emu_stop(uc);
        return;
    }
    if (pc == e->brk && e->brk) {
        if (!e->brk_skip) {
            e->break_hit = true;
            emu_keep_flags(e);
            uc_emu_stop(uc);
            return;
        }
        if (e->icount < e->run_end)   /* it runs now (else it comes back) */
            e->brk_skip--;
    }
    if (e->icount >= e->run_end) {
        e->limit_hit = true;
        emu_keep_flags(e);
        uc_emu_stop(uc);
        return;
    }
    e->recent[e->icount % EMU_RECENT] = pc;
    e->icount++;
    e->counted_pc = pc;
    e->counted_icount = e->icount;
    if (e->on_insn)
        e->on_insn(e->ctx, pc, size);
    e->write_fault = 0;   /* the observer has written out the instruction before */
}

static void hook_write(uc_engine *uc, uc_mem_type type, uint64_t addr, int size,
                       int64_t value, void *user)
{
    (void)uc;
    (void)type;
    emu *e = user;
    if (e->on_write)
        e->on_write(e->ctx, addr, size, (uint64_t)value);
    if (e->spy)
        e->spy(e->spy_ctx, addr, size, (uint64_t)value);
}

void hook_syscall(uc_engine *uc, void *user)
{
    emu *e = user;
    e->syscall_hit = true;
    uc_emu_stop(uc);
}

emu *emu_new(void)
{
    emu *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    if (uc_open(UC_ARCH_X86, UC_MODE_64, &e->uc) != UC_ERR_OK) {
        free(e);
        return NULL;
    }
    /* emu_run's budget is counted in hook_code, not by Unicorn: its count
     * is one more hook per instruction, and its `until` exit is a tree
     * rebuilt (malloc, free) on every start.  With exits enabled and none
     * set, uc_emu_start leaves them alone. */
    uc_ctl_exits_enable(e->uc);
    uc_hook h;
    uc_hook_add(e->uc, &e->code_hook, UC_HOOK_CODE, (void *)hook_code, e, 1, 0);
    uc_hook_add(e->uc, &h, UC_HOOK_INSN, (void *)hook_syscall, e, 1, 0, UC_X86_INS_SYSCALL);
    return e;
}

void emu_free(emu *e)
{
    if (!e)
        return;
    if (e->journal)
        emu_journal_undo(e);   /* only to free it */
    uc_close(e->uc);
    for (int i = 0; i < e->nregions; i++)
        if (e->regions[i].owned)
            munmap(e->regions[i].host, e->regions[i].size);
    free(e->regions);
    emu_real_free(e);
    free(e);
}

/* Insert R in address order; -1 if it overlaps a region or memory runs out. */
static int region_insert(emu *e, region r)
{
    int i = 0;
    while (i < e->nregions && e->regions[i].addr < r.addr)
        i++;
    if ((i > 0 && e->regions[i - 1].addr + e->regions[i - 1].size > r.addr) ||
        (i < e->nregions && r.addr + r.size > e->regions[i].addr))
        return -1;
    if (e->nregions == e->cap) {
        int cap = e->cap ? 2 * e->cap : 16;
        region *n = realloc(e->regions, (size_t)cap * sizeof *n);
        if (!n)
            return -1;
        e->regions = n;
        e->cap = cap;
    }
    memmove(&e->regions[i + 1], &e->regions[i], (size_t)(e->nregions - i) * sizeof *e->regions);
    e->regions[i] = r;
    e->nregions++;
    e->last = e->last2 = 0;
    return 0;
}

static int region_index(emu *e, uint64_t addr, uint64_t size)
{
    for (int i = 0; i < e->nregions; i++)
        if (e->regions[i].addr == addr && e->regions[i].size == size)
            return i;
    return -1;
}

static uint32_t prot_bits(int prot)
{
    return (prot & EMU_PROT_READ ? UC_PROT_READ : 0) | (prot & EMU_PROT_WRITE ? UC_PROT_WRITE : 0) |
           (prot & EMU_PROT_EXEC ? UC_PROT_EXEC : 0);
}

int emu_map_ptr(emu *e, uint64_t addr, uint64_t size, int prot, void *host)
{
    if (size == 0 || (addr | size) & 0xfff)
        return -1;
    if (uc_mem_map_ptr(e->uc, addr, size, prot_bits(prot), host) != UC_ERR_OK)
        return -1;
    if (region_insert(e, (region){addr, size, host, (prot & EMU_PROT_EXEC) != 0, false}) != 0) {
        uc_mem_unmap(e->uc, addr, size);
        return -1;
    }
    return 0;
}

int emu_unmap(emu *e, uint64_t addr, uint64_t size)
{
    int i = region_index(e, addr, size);
    if (i < 0 || uc_mem_unmap(e->uc, addr, size) != UC_ERR_OK)
        return -1;
    if (e->regions[i].owned)
        munmap(e->regions[i].host, size);
    memmove(&e->regions[i], &e->regions[i + 1], (size_t)(e->nregions - i - 1) * sizeof *e->regions);
    e->nregions--;
    e->last = e->last2 = 0;
    return 0;
}

int emu_protect(emu *e, uint64_t addr, uint64_t size, int prot)
{
    int i = region_index(e, addr, size);
    if (i < 0 || uc_mem_protect(e->uc, addr, size, prot_bits(prot)) != UC_ERR_OK)
        return -1;
    e->regions[i].exec = (prot & EMU_PROT_EXEC) != 0;
    return 0;
}

int emu_map(emu *e, uint64_t addr, uint64_t size, bool write, bool exec)
{
    uint32_t prot = UC_PROT_READ | (write ? UC_PROT_WRITE : 0) | (exec ? UC_PROT_EXEC : 0);
    if (size == 0)
        return -1;
    /* Zeroed, and only committed as pages are touched. */
    void *host = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                      -1, 0);
    if (host == MAP_FAILED)
        return -1;
    if (uc_mem_map_ptr(e->uc, addr, size, prot, host) != UC_ERR_OK) {
        munmap(host, size);
        return -1;
    }
    if (region_insert(e, (region){addr, size, host, exec, true}) != 0) {
        uc_mem_unmap(e->uc, addr, size);
        munmap(host, size);
        return -1;
    }
    return 0;
}

int emu_map_stubs(emu *e, uint64_t addr, uint64_t size)
{
    e->stub_lo = addr;
    e->stub_hi = addr + size;
    /* Executable so that Unicorn translates it; the code hook stops there. */
    return emu_map(e, addr, size, false, true);
}

/* The region holding all of [addr, addr+len), or NULL.  The models' reads
 * go back and forth between the data segment, the heap and the stack, so
 * the two regions hit last are tried first. */
static inline bool holds(const region *r, uint64_t addr, size_t len)
{
    return addr - r->addr < r->size && len <= r->size - (addr - r->addr);
}

static region *region_of(emu *e, uint64_t addr, size_t len)
{
    if (e->nregions == 0)
        return NULL;
    if (holds(&e->regions[e->last], addr, len))
        return &e->regions[e->last];
    if (holds(&e->regions[e->last2], addr, len)) {
        int t = e->last;
        e->last = e->last2;
        e->last2 = t;
        return &e->regions[e->last];
    }
    int lo = 0, hi = e->nregions;   /* the last region starting at or below ADDR */
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (e->regions[mid].addr <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo > 0 && holds(&e->regions[lo - 1], addr, len)) {
        e->last2 = e->last;
        e->last = lo - 1;
        return &e->regions[lo - 1];
    }
    return NULL;
}

int emu_write(emu *e, uint64_t addr, const void *buf, size_t len)
{
    if (e->journal)
        emu_journal_note(e, addr, len);
    region *r = region_of(e, addr, len);
    if (r && !r->exec) {
        memcpy(r->host + (addr - r->addr), buf, len);
        return 0;
    }
    return uc_mem_write(e->uc, addr, buf, len) == UC_ERR_OK ? 0 : -1;
}

int emu_read(emu *e, uint64_t addr, void *buf, size_t len)
{
    region *r = region_of(e, addr, len);
    if (r) {
        memcpy(buf, r->host + (addr - r->addr), len);
        return 0;
    }
    return uc_mem_read(e->uc, addr, buf, len) == UC_ERR_OK ? 0 : -1;
}

/* The guest is little-endian x86-64 and so is the host (sim runs on amd64):
 * a value's bytes are copied as they are. */
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "sim needs a little-endian host");

uint64_t emu_read_u(emu *e, uint64_t addr, int size)
{
    uint64_t v = 0;
    region *r = size >= 1 && size <= 8 ? region_of(e, addr, (size_t)size) : NULL;
    if (!r)
        return size < 1 || size > 8 || emu_read(e, addr, &v, (size_t)size) != 0 ? 0 : v;
    const uint8_t *p = r->host + (addr - r->addr);
    switch (size) {   /* fixed-size copies: single loads, not a memcpy call */
    case 8: memcpy(&v, p, 8); break;
    case 4: memcpy(&v, p, 4); break;
    case 2: memcpy(&v, p, 2); break;
    case 1: v = *p; break;
    default: memcpy(&v, p, (size_t)size); break;
    }
    return v;
}

int emu_write_u(emu *e, uint64_t addr, int size, uint64_t v)
{
    return size < 1 || size > 8 ? -1 : emu_write(e, addr, &v, (size_t)size);
}

const uint8_t *emu_host(emu *e, uint64_t addr, size_t len)
{
    region *r = region_of(e, addr, len);
    return r ? r->host + (addr - r->addr) : NULL;
}

uint8_t *emu_host_rw(emu *e, uint64_t addr, size_t len)
{
    region *r = region_of(e, addr, len);
    if (!r || r->exec)
        return NULL;
    if (e->journal)   /* the caller writes through the pointer */
        emu_journal_note(e, addr, len);
    return r->host + (addr - r->addr);
}

bool emu_mapped(emu *e, uint64_t addr, size_t len)
{
    uint8_t b;
    if (len && region_of(e, addr, len))   /* within one of sim's regions */
        return true;
    return emu_read(e, addr, &b, 1) == 0 && (len == 0 || emu_read(e, addr + len - 1, &b, 1) == 0);
}

uint64_t emu_reg_get(emu *e, emu_reg r)
{
    uint64_t v = 0;
    uc_reg_read(e->uc, emu_uc_regs[r], &v);
    return v;
}

void emu_reg_set(emu *e, emu_reg r, uint64_t v)
{
    uc_reg_write(e->uc, emu_uc_regs[r], &v);
}

void emu_regs_get(emu *e, emu_regs *out)
{
    void *ptrs[EMU_NREGS];
    for (int i = 0; i < EMU_NREGS; i++) {
        out->r[i] = 0;
        ptrs[i] = &out->r[i];
    }
    uc_reg_read_batch(e->uc, (int *)emu_uc_regs, ptrs, EMU_NREGS);
}

void emu_regs_get_some(emu *e, emu_regs *out, uint32_t mask)
{
    int ids[EMU_NREGS];
    void *ptrs[EMU_NREGS];
    int n = 0;
    for (int i = 0; i < EMU_NREGS; i++)
        if (mask & (1u << i)) {
            out->r[i] = 0;
            ids[n] = emu_uc_regs[i];
            ptrs[n++] = &out->r[i];
        }
    if (n)
        uc_reg_read_batch(e->uc, ids, ptrs, n);
}

/* The memory-write hook is installed only while someone observes writes:
 * with it, Unicorn sends every guest store down its slow path (through
 * its code-page checks), which cost a run without a trace a third of its
 * time. */
int emu_observe(emu *e, emu_insn_fn insn, emu_write_fn write, void *ctx)
{
    e->on_insn = insn;
    e->on_write = write;
    e->ctx = ctx;
    if (e->real)
        emu_real_code_hook(e, insn != NULL);
    if (write && !e->write_hook &&
        uc_hook_add(e->uc, &e->write_hook, UC_HOOK_MEM_WRITE, (void *)hook_write, e, 1, 0) !=
            UC_ERR_OK) {
        e->write_hook = 0;
        e->on_write = NULL;
        return -1;
    }
    if (!write && !e->spy && e->write_hook) {
        uc_hook_del(e->uc, e->write_hook);
        e->write_hook = 0;
    }
    return 0;
}

/* Unicorn calls a memory hook from blocks translated before it was added
 * too (tests/e2e/t_debug_timeless.sh finds a store that wrote the value
 * already there, in code that ran before the hook): nothing is flushed,
 * which would cost the whole translation cache (a gigabyte memset). */
int emu_spy_writes(emu *e, emu_write_fn fn, void *ctx)
{
    e->spy = fn;
    e->spy_ctx = ctx;
    if (fn && !e->write_hook) {
        if (uc_hook_add(e->uc, &e->write_hook, UC_HOOK_MEM_WRITE, (void *)hook_write, e, 1, 0) !=
            UC_ERR_OK) {
            e->write_hook = 0;
            e->spy = NULL;
            return -1;
        }
    }
    if (!fn && !e->on_write && e->write_hook) {
        uc_hook_del(e->uc, e->write_hook);
        e->write_hook = 0;
    }
    return 0;
}

int emu_recent(emu *e, uint64_t *pcs, int n)
{
    int k = e->icount < EMU_RECENT ? (int)e->icount : EMU_RECENT;
    k = k < n ? k : n;
    for (int i = 0; i < k; i++)
        pcs[i] = e->recent[(e->icount - (uint64_t)k + (uint64_t)i) % EMU_RECENT];
    return k;
}

void emu_keep_flags(emu *e)
{
    e->flags_kept = uc_reg_read(e->uc, UC_X86_REG_EFLAGS, &e->kept_flags) == UC_ERR_OK;
}

void emu_set_break(emu *e, uint64_t addr)
{
    emu_set_break_at_hit(e, addr, 1);
}

void emu_set_break_at_hit(emu *e, uint64_t addr, uint64_t hit)
{
    e->brk = addr;
    e->brk_skip = hit ? hit - 1 : 0;
    if (e->real)
        emu_real_break(e, addr);
}

uint64_t emu_icount(emu *e) { return e->icount; }
void emu_set_icount(emu *e, uint64_t n)
{
    e->icount = n;
    if (e->real)   /* another history: where the last run stopped means nothing now */
        emu_real_forget_resume(e);
}
const char *emu_fault_text(emu *e) { return e->fault; }

int emu_write_fault(emu *e, uint64_t *addr)
{
    *addr = e->write_fault_addr;
    return e->write_fault;
}

emu_stop emu_run(emu *e, uint64_t max)
{
    if (max == 0)
        return STOP_LIMIT;
    uint64_t start = e->icount;
    e->syscall_hit = e->break_hit = e->stub_hit = e->limit_hit = false;
    e->run_end = max > UINT64_MAX - start ? UINT64_MAX : start + max;
    uint64_t rip = emu_reg_get(e, R_RIP);
    if (e->real)
        emu_real_on_start(e);
    e->flags_kept = false;
    uc_err err = uc_emu_start(e->uc, rip, 0, 0, 0);
    if (e->flags_kept)
        uc_reg_write(e->uc, UC_X86_REG_EFLAGS, &e->kept_flags);
    if (e->real)
        return emu_real_stopped(e, err, start);
    rip = emu_reg_get(e, R_RIP);
    /* Also when the budget ran out just as a CALL reached a stub. */
    if ((err == UC_ERR_OK || err == UC_ERR_FETCH_PROT) && rip >= e->stub_lo && rip < e->stub_hi)
        return STOP_STUB;
    if (err == UC_ERR_WRITE_UNMAPPED || err == UC_ERR_WRITE_PROT)
        e->write_fault = 2;   /* Unicorn says no more than that a store failed */
    if (err != UC_ERR_OK) {
        snprintf(e->fault, sizeof e->fault, "%s at rip=0x%llx", uc_strerror(err),
                 (unsigned long long)rip);
        return STOP_FAULT;
    }
    if (e->break_hit)
        return STOP_BREAK;
    if (e->syscall_hit)
        return STOP_SYSCALL;
    if (e->limit_hit || e->icount - start >= max)
        return STOP_LIMIT;
    /* Unicorn returned without a reason we know: treat as a fault. */
    snprintf(e->fault, sizeof e->fault, "emulation stopped unexpectedly at rip=0x%llx",
             (unsigned long long)rip);
    return STOP_FAULT;
}
