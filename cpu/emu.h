/* The CPU: a thin layer over Unicorn's x86-64 emulator.  It maps memory,
 * moves registers and bytes, and runs instructions until something needs the
 * host: a model stub (control reaching the stub page, caught before any of
 * its bytes run), a SYSCALL, a fault, the instruction limit, or the
 * breakpoint. */
#ifndef CPU_EMU_H
#define CPU_EMU_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Registers sim tracks, in trace order. */
typedef enum {
    R_RAX, R_RBX, R_RCX, R_RDX, R_RSI, R_RDI, R_RBP, R_RSP,
    R_R8, R_R9, R_R10, R_R11, R_R12, R_R13, R_R14, R_R15,
    R_RIP, R_RFLAGS, R_FS_BASE,
    EMU_NREGS
} emu_reg;

extern const char *const emu_reg_names[EMU_NREGS];   /* "rax", ... */

typedef struct { uint64_t r[EMU_NREGS]; } emu_regs;

/* A set of registers: bit 1 << R_xxx. */
#define EMU_REGS_ALL ((1u << EMU_NREGS) - 1)

typedef enum {
    STOP_STUB,      /* rip is in the stub page: a model is to run */
    STOP_SYSCALL,   /* a SYSCALL instruction executed; rip is after it */
    STOP_LIMIT,     /* the instruction budget ran out */
    STOP_FAULT,     /* unmapped/protected access, bad instruction, ... */
    STOP_BREAK,     /* rip reached the breakpoint; that instruction has not run */
    /* Real programs only (emu_new_real): */
    STOP_QUANTUM,   /* the thread's quantum ran out, at a block boundary (emu_set_quantum) */
    STOP_TRAP,      /* a fault or CPU exception the program may handle (emu_trap_info) */
} emu_stop;

/* Memory protections (emu_map_ptr, emu_protect). */
enum { EMU_PROT_READ = 1, EMU_PROT_WRITE = 2, EMU_PROT_EXEC = 4 };

typedef struct emu emu;

/* Called before each instruction executes (pc, length). */
typedef void (*emu_insn_fn)(void *ctx, uint64_t pc, uint32_t size);
/* Called for each memory write, before it lands. */
typedef void (*emu_write_fn)(void *ctx, uint64_t addr, int size, uint64_t value);

emu *emu_new(void);
void emu_free(emu *e);

/* Map [addr, addr+size) (page-aligned); exec=false for data. 0 on success. */
int emu_map(emu *e, uint64_t addr, uint64_t size, bool write, bool exec);

/* The page range where reaching an instruction stops with STOP_STUB. */
int emu_map_stubs(emu *e, uint64_t addr, uint64_t size);

int emu_write(emu *e, uint64_t addr, const void *buf, size_t len);
int emu_read(emu *e, uint64_t addr, void *buf, size_t len);
uint64_t emu_read_u(emu *e, uint64_t addr, int size);      /* little-endian, 0 if unmapped */
int emu_write_u(emu *e, uint64_t addr, int size, uint64_t v);
bool emu_mapped(emu *e, uint64_t addr, size_t len);
/* The host bytes behind [addr, addr+len) when sim maps them itself (every
 * data region), else NULL: for reading many fields of one structure
 * without a lookup per field.  Valid while the region stays mapped. */
const uint8_t *emu_host(emu *e, uint64_t addr, size_t len);
/* As emu_host, for writing too: NULL also for code regions (writes there go
 * through Unicorn, which then drops translations it made of them). */
uint8_t *emu_host_rw(emu *e, uint64_t addr, size_t len);

uint64_t emu_reg_get(emu *e, emu_reg r);
void emu_reg_set(emu *e, emu_reg r, uint64_t v);
void emu_regs_get(emu *e, emu_regs *out);
/* Only the registers in MASK (the rest of OUT is left as it is): each
 * register read costs Unicorn a trip through its register switch. */
void emu_regs_get_some(emu *e, emu_regs *out, uint32_t mask);

/* Observe instructions and memory writes (either may be NULL). */
/* 0, or -1 if Unicorn would not take the memory-write hook (then writes
 * are not observed). */
int emu_observe(emu *e, emu_insn_fn insn, emu_write_fn write, void *ctx);

/* A second observer of memory writes, beside emu_observe's (the
 * debugger's whowrote looks for writes while a trace may be observing
 * too); FN NULL ends it.  0, or -1 if Unicorn would not take the hook. */
int emu_spy_writes(emu *e, emu_write_fn fn, void *ctx);

/* Run from the current rip for at most MAX instructions. */
emu_stop emu_run(emu *e, uint64_t max);

/* Instructions executed so far (over every emu_run). */
uint64_t emu_icount(emu *e);
void emu_set_icount(emu *e, uint64_t n);

/* --- Real programs (cpu/emu_real.c) ---
 * A CPU for a real program has no per-instruction hook unless something
 * observes instructions: it counts instructions per translated block
 * instead (a block's count is worked out once and cached), which lets
 * Unicorn run at full speed.  Faults and CPU exceptions stop with
 * STOP_TRAP instead of STOP_FAULT, with the exact pc of the faulting
 * instruction (see emu_trap_info). */
emu *emu_new_real(void);

/* Map the caller's host memory HOST at [addr, addr+size) (page-aligned);
 * the caller keeps it and frees it after emu_unmap.  0, or -1. */
int emu_map_ptr(emu *e, uint64_t addr, uint64_t size, int prot, void *host);
/* Unmap, or change the protection of, one whole region as mapped. */
int emu_unmap(emu *e, uint64_t addr, uint64_t size);
int emu_protect(emu *e, uint64_t addr, uint64_t size, int prot);

/* Stop with STOP_QUANTUM at the first block entered by a jump (not by
 * falling through) once the instruction count has reached AT (0: never).
 * Blocks entered by a jump are the same whether or not instructions are
 * observed, so a run switches threads at the same instructions traced or
 * not. */
void emu_set_quantum(emu *e, uint64_t at);

typedef enum { TRAP_MEM, TRAP_INTR } emu_trap_kind;
typedef struct {
    emu_trap_kind kind;
    int intno;          /* TRAP_INTR: the exception vector (0 #DE, 3 #BP, 6 #UD, 13 #GP) */
    uint64_t addr;      /* TRAP_MEM: the address accessed */
    char access;        /* TRAP_MEM: 'r', 'w' or 'x' */
    bool prot;          /* TRAP_MEM: mapped, but the protection refused it */
    uint64_t pc;        /* the instruction that faulted (rip is set to it) */
    bool pc_exact;      /* false when the faulting instruction had to be guessed */
} emu_trap;
const emu_trap *emu_trap_info(emu *e);

/* Whether the instruction in progress (the last one started) faulted on a
 * store: Unicorn reports the store to the write observer first, then
 * refuses it, so an observer must not take it as done.  0: no; 1: the
 * store at *ADDR faulted; 2: a store faulted, at an address Unicorn did
 * not say (the model mode: the last store reported). */
int emu_write_fault(emu *e, uint64_t *addr);

/* RDTSC and RDTSCP read the host's clock inside Unicorn, which will not
 * hook them.  For each SITE (the address of the instruction that follows
 * an RDTSC or RDTSCP, found in the text by the loader) the CPU overwrites
 * edx:eax (and ecx) with TSC(CTX, N) before that instruction runs, N
 * being the exact number of instructions run until then (mid-block too). */
typedef uint64_t (*emu_tsc_fn)(void *ctx, uint64_t icount);   /* instructions run before it */
int emu_set_tsc_sites(emu *e, const uint64_t *sites, const bool *rdtscp, int n, emu_tsc_fn tsc,
                      void *ctx);

/* A thread's whole CPU state (registers, FS base, SSE, x87). */
typedef struct emu_ctx emu_ctx;
emu_ctx *emu_ctx_new(emu *e);
void emu_ctx_free(emu_ctx *c);
void emu_ctx_save(emu *e, emu_ctx *c);
void emu_ctx_restore(emu *e, const emu_ctx *c);

/* The FXSAVE image (512 bytes) of the x87/SSE state, as Linux puts it in a
 * signal frame, and back. */
void emu_fxsave(emu *e, uint8_t out[512]);
void emu_fxrstor(emu *e, const uint8_t in[512]);

/* Real programs: FN(CTX, pc) before each instruction in [BEGIN, END]
 * runs (a bounded code hook; it sees instructions in blocks translated
 * after it was added, so add it before the run).  Watches added before
 * emu_observe's hook run before it at the same instruction.  0 or -1. */
typedef void (*emu_watch_fn)(void *ctx, uint64_t pc);
int emu_watch_code(emu *e, uint64_t begin, uint64_t end, emu_watch_fn fn, void *ctx);

/* Stop before executing the instruction at ADDR (0: no breakpoint). */
void emu_set_break(emu *e, uint64_t addr);
/* The same, at its HITth execution from now (1: the next one). */
void emu_set_break_at_hit(emu *e, uint64_t addr, uint64_t hit);


/* The undo journal (cpu/emu_journal.c): from emu_journal_start on, each
 * write the host makes (emu_write, emu_write_u, emu_host_rw) first keeps
 * the bytes it replaces.  emu_journal_changes calls FN for each journalled
 * range with its bytes before and now (a range written twice comes
 * twice); emu_journal_undo puts every byte back and ends the journal.
 * The guest's own stores are not journalled.  Each returns 0, or -1 (no
 * journal, or one that ran out of memory and cannot undo all). */
typedef void (*emu_journal_fn)(void *ctx, uint64_t addr, const uint8_t *before,
                               const uint8_t *now, size_t len);
int emu_journal_start(emu *e);
int emu_journal_changes(emu *e, emu_journal_fn fn, void *ctx);
int emu_journal_undo(emu *e);
/* End the journal keeping every write. */
int emu_journal_drop(emu *e);

/* The pcs of the last (up to) N instructions started, oldest first; returns
 * how many.  Kept whether or not anything observes the CPU. */
#define EMU_RECENT 8
int emu_recent(emu *e, uint64_t *pcs, int n);

/* After STOP_FAULT: a one-line description of what went wrong. */
const char *emu_fault_text(emu *e);

#endif
