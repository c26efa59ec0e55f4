/* Unicorn wrapper: see emu.h.  A CALL into a model stub ends emulation in
 * the code hook, at the stub's address, before any of its bytes run.  (A
 * non-executable stub page would do the same through UC_ERR_FETCH_PROT, but
 * Unicorn then translates the code around it afresh on every start: a
 * tenth of a run's time went there.)
 *
 * Memory is allocated here and handed to Unicorn (uc_mem_map_ptr), so the
 * models' many small reads and writes are plain memcpys instead of trips
 * through Unicorn's address-space lookup. */
#include "cpu/emu.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unicorn/unicorn.h>

#define EMU_MAX_REGIONS 16

typedef struct {
    uint64_t addr, size;
    uint8_t *host;
    bool exec;      /* written through Unicorn, which drops stale translations */
} region;

const char *const emu_reg_names[EMU_NREGS] = {
    "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp",
    "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
    "rip", "rflags", "fs_base",
};

static const int uc_regs[EMU_NREGS] = {
    UC_X86_REG_RAX, UC_X86_REG_RBX, UC_X86_REG_RCX, UC_X86_REG_RDX,
    UC_X86_REG_RSI, UC_X86_REG_RDI, UC_X86_REG_RBP, UC_X86_REG_RSP,
    UC_X86_REG_R8, UC_X86_REG_R9, UC_X86_REG_R10, UC_X86_REG_R11,
    UC_X86_REG_R12, UC_X86_REG_R13, UC_X86_REG_R14, UC_X86_REG_R15,
    UC_X86_REG_RIP, UC_X86_REG_EFLAGS, UC_X86_REG_FS_BASE,
};

struct emu {
    uc_engine *uc;
    uint64_t icount;
    uint64_t stub_lo, stub_hi;
    uint64_t brk;
    bool syscall_hit, break_hit, stub_hit, limit_hit;
    uint64_t run_end;   /* emu_run stops before instruction number RUN_END */
    region regions[EMU_MAX_REGIONS];
    int nregions, last, last2;   /* the regions the last two accesses hit */
    emu_insn_fn on_insn;
    emu_write_fn on_write;
    void *ctx;
    uc_hook write_hook;   /* 0: none (see emu_observe) */
    char fault[160];
    uint64_t recent[EMU_RECENT];   /* ring of the last pcs started */
};

static void hook_code(uc_engine *uc, uint64_t pc, uint32_t size, void *user)
{
    emu *e = user;
    if (pc >= e->stub_lo && pc < e->stub_hi) {   /* a model: before the breakpoint, as a fetch fault was */
        e->stub_hit = true;
        uc_emu_stop(uc);
        return;
    }
    if (pc == e->brk && e->brk) {
        e->break_hit = true;
        uc_emu_stop(uc);
        return;
    }
    if (e->icount >= e->run_end) {
        e->limit_hit = true;
        uc_emu_stop(uc);
        return;
    }
    e->recent[e->icount % EMU_RECENT] = pc;
    e->icount++;
    if (e->on_insn)
        e->on_insn(e->ctx, pc, size);
}

static void hook_write(uc_engine *uc, uc_mem_type type, uint64_t addr, int size,
                       int64_t value, void *user)
{
    (void)uc;
    (void)type;
    emu *e = user;
    if (e->on_write)
        e->on_write(e->ctx, addr, size, (uint64_t)value);
}

static void hook_syscall(uc_engine *uc, void *user)
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
    uc_hook_add(e->uc, &h, UC_HOOK_CODE, (void *)hook_code, e, 1, 0);
    uc_hook_add(e->uc, &h, UC_HOOK_INSN, (void *)hook_syscall, e, 1, 0, UC_X86_INS_SYSCALL);
    return e;
}

void emu_free(emu *e)
{
    if (!e)
        return;
    uc_close(e->uc);
    for (int i = 0; i < e->nregions; i++)
        munmap(e->regions[i].host, e->regions[i].size);
    free(e);
}

int emu_map(emu *e, uint64_t addr, uint64_t size, bool write, bool exec)
{
    uint32_t prot = UC_PROT_READ | (write ? UC_PROT_WRITE : 0) | (exec ? UC_PROT_EXEC : 0);
    if (e->nregions == EMU_MAX_REGIONS || size == 0)
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
    e->regions[e->nregions++] = (region){addr, size, host, exec};
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
    for (int i = 0; i < e->nregions; i++)
        if (holds(&e->regions[i], addr, len)) {
            e->last2 = e->last;
            e->last = i;
            return &e->regions[i];
        }
    return NULL;
}

int emu_write(emu *e, uint64_t addr, const void *buf, size_t len)
{
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
    return r && !r->exec ? r->host + (addr - r->addr) : NULL;
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
    uc_reg_read(e->uc, uc_regs[r], &v);
    return v;
}

void emu_reg_set(emu *e, emu_reg r, uint64_t v)
{
    uc_reg_write(e->uc, uc_regs[r], &v);
}

void emu_regs_get(emu *e, emu_regs *out)
{
    void *ptrs[EMU_NREGS];
    for (int i = 0; i < EMU_NREGS; i++) {
        out->r[i] = 0;
        ptrs[i] = &out->r[i];
    }
    uc_reg_read_batch(e->uc, (int *)uc_regs, ptrs, EMU_NREGS);
}

void emu_regs_get_some(emu *e, emu_regs *out, uint32_t mask)
{
    int ids[EMU_NREGS];
    void *ptrs[EMU_NREGS];
    int n = 0;
    for (int i = 0; i < EMU_NREGS; i++)
        if (mask & (1u << i)) {
            out->r[i] = 0;
            ids[n] = uc_regs[i];
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
    if (write && !e->write_hook &&
        uc_hook_add(e->uc, &e->write_hook, UC_HOOK_MEM_WRITE, (void *)hook_write, e, 1, 0) !=
            UC_ERR_OK) {
        e->write_hook = 0;
        e->on_write = NULL;
        return -1;
    }
    if (!write && e->write_hook) {
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

void emu_set_break(emu *e, uint64_t addr) { e->brk = addr; }

uint64_t emu_icount(emu *e) { return e->icount; }
void emu_set_icount(emu *e, uint64_t n) { e->icount = n; }
const char *emu_fault_text(emu *e) { return e->fault; }

emu_stop emu_run(emu *e, uint64_t max)
{
    if (max == 0)
        return STOP_LIMIT;
    uint64_t start = e->icount;
    e->syscall_hit = e->break_hit = e->stub_hit = e->limit_hit = false;
    e->run_end = max > UINT64_MAX - start ? UINT64_MAX : start + max;
    uint64_t rip = emu_reg_get(e, R_RIP);
    uc_err err = uc_emu_start(e->uc, rip, 0, 0, 0);
    rip = emu_reg_get(e, R_RIP);
    /* Also when the budget ran out just as a CALL reached a stub. */
    if ((err == UC_ERR_OK || err == UC_ERR_FETCH_PROT) && rip >= e->stub_lo && rip < e->stub_hi)
        return STOP_STUB;
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
