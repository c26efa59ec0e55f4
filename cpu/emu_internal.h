/* The emulator's own state, shared by emu.c (both modes) and emu_real.c
 * (what only real programs use: block counting, traps, thread contexts). */
#ifndef CPU_EMU_INTERNAL_H
#define CPU_EMU_INTERNAL_H
#include "cpu/emu.h"
#include <unicorn/unicorn.h>

typedef struct {
    uint64_t addr, size;
    uint8_t *host;
    bool exec;      /* written through Unicorn, which drops stale translations */
    bool owned;     /* the host memory is ours to unmap (emu_map); else the caller's */
} region;


struct emu_real;

struct emu {
    uc_engine *uc;
    uint64_t icount;
    uint64_t stub_lo, stub_hi;
    uint64_t brk;
    uint64_t brk_skip;   /* executions of brk still to let pass */
    bool syscall_hit, break_hit, stub_hit, limit_hit;
    /* The flags as a code hook saw them when it stopped the run (see
     * emu_keep_flags). */
    bool flags_kept;
    uint64_t kept_flags;
    /* The instruction hook_code counted last, and the count after it: a
     * bounded hook on the same instruction (the RDTSC fix-up) may run
     * before or after hook_code, as the hooks were added. */
    uint64_t counted_pc, counted_icount;
    uint64_t run_end;   /* emu_run stops before instruction number RUN_END */
    region *regions;    /* sorted by address, none overlapping */
    int nregions, cap, last, last2;   /* the regions the last two accesses hit */
    emu_insn_fn on_insn;
    emu_write_fn on_write;
    void *ctx;
    uc_hook write_hook;   /* 0: none (see emu_observe) */
    int write_fault;      /* emu_write_fault's answer for the instruction in progress */
    uint64_t write_fault_addr;
    emu_write_fn spy;     /* emu_spy_writes' */
    void *spy_ctx;
    char fault[160];
    uint64_t recent[EMU_RECENT];   /* ring of the last pcs started */
    uc_hook code_hook;             /* 0 when not installed (a real program untraced) */
    struct emu_real *real;         /* NULL in the model mode */
    struct emu_journal *journal;   /* emu_journal_start's, else NULL */
};

/* --- emu_journal.c --- */
/* Keep the LEN bytes at ADDR, which the host is about to overwrite. */
void emu_journal_note(emu *e, uint64_t addr, size_t len);

extern const int emu_uc_regs[EMU_NREGS];

/* --- emu_real.c --- */
void emu_real_free(emu *e);
/* emu_run's tail for a real program: why uc_emu_start returned. */
emu_stop emu_real_stopped(emu *e, uc_err err, uint64_t start);
/* hook_code's first step in a real program: false when the instruction is
 * not to run (a block hook asked to stop before its block). */
bool emu_real_on_code(emu *e, uint64_t pc);
void emu_real_on_start(emu *e);
/* Called by a code hook that is about to stop the run between two
 * instructions: Unicorn 2.0.1 leaves the CPU's lazy condition-code state
 * stale when a code hook stops the run (the hook sees the right flags, but
 * the translated block exits without storing which operation set them), so
 * a CMP run in one emu_run and its Jcc in the next would see other flags.
 * The flags read here are written back when uc_emu_start returns. */
void emu_keep_flags(emu *e);
void emu_real_forget_resume(emu *e);
/* Install (ON) or remove the per-instruction hook hook_code. */
void emu_real_code_hook(emu *e, bool on);
void emu_real_break(emu *e, uint64_t addr);
void hook_code(uc_engine *uc, uint64_t pc, uint32_t size, void *user);
void hook_syscall(uc_engine *uc, void *user);

#endif
