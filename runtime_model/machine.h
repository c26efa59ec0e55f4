/* The simulated machine: the CPU with the program image mapped, the process
 * stack, and the context the models work in.  All Go state (g, m, p, schedt,
 * the heap arena's bump pointer) lives in emulated memory; the host side keeps
 * only addresses of symbols and the run's outcome, so that a snapshot of the
 * emulator's registers and memory is a snapshot of everything. */
#ifndef RUNTIME_MODEL_MACHINE_H
#define RUNTIME_MODEL_MACHINE_H
#include "cpu/emu.h"
#include "cpu/link.h"
#include "runtime_model/layout.h"
#include "linux/procstack.h"
#include "runtime_model/run_config.h"
#include <stdarg.h>

struct tracer;

typedef enum {
    RUN_RUNNING,
    RUN_EXITED,     /* exit_group: exit_code holds the status */
    RUN_THROW,      /* a model found an impossible state, as Go's throw/fatal */
    RUN_FAULT,      /* the CPU faulted */
    RUN_LIMIT,      /* max_instructions reached */
    RUN_STOPPED,    /* --stop-at reached */
} run_state;

/* How the trace names an object, worked out from emulated memory
 * (runtime_model/names.c): the text is made from it later, on the trace's
 * writer thread. */
typedef enum { REF_NONE, REF_NIL, REF_FIXED, REF_ALLP, REF_G, REF_ADDR } ref_how;
typedef struct {
    ref_how how;
    union {
        uint64_t num;        /* REF_ALLP: index; REF_G: goid; REF_ADDR: address */
        const char *fixed;   /* REF_FIXED: "g0", "m0", "sched", "m0.gsignal" */
    } u;
} obj_ref;

typedef struct machine {
    emu *cpu;
    image img;
    const sim_config *cfg;
    procstack ps;
    struct tracer *tr;        /* NULL when not tracing */

    /* Addresses of the runtime's globals (bss symbols). */
    uint64_t g0, m0, sched, allp, allgs, allglen, allm, mainStarted, ncpu, gomaxprocs;
    uint64_t argc, argv, envs, physPageSize, startupRand, fastrandseed, isIntel;
    uint64_t arena_next;      /* sim·arena_next: the heap arena's bump pointer */
    /* A real binary's runtime.waitReasonStrings and its length (0 in the
     * model mode, whose image has no such table). */
    uint64_t wait_names, nwait_names;
    const char *go_version;   /* a real binary's ("go1.19.8"); NULL in the model mode */
    uint64_t pclntab;         /* a real binary's .gopclntab section (runtime_model/pclntab.h), 0 if none */
    struct machine_real *real;   /* a real program (machine_real.h); NULL in the model mode */
    int64_t (*clock)(void *ctx); /* a real program's virtual time for nanotime; NULL: the model's */
    void *clock_ctx;
    /* A real program's allocator for the models (sim verify's), or NULL:
     * the model mode's heap arena. */
    uint64_t (*alloc)(void *ctx, uint64_t size, uint64_t align);
    void *alloc_ctx;
    /* sim verify: a model stops where it would hand over to other code
     * (execute's gogo, goexit0's and gosched_m's schedule), leaving the
     * registers as they are. */
    bool no_handoff;
    /* A real program's own startm follows the wakep model (sim verify):
     * the model then makes wakep's changes up to it. */
    bool startm_by_program;
    /* Each model's stub symbol, in models.c's table order. */
#define MACHINE_MAX_MODELS 32
    const image_sym *model_syms[MACHINE_MAX_MODELS];
    /* Code addresses the models hand control to. */
    uint64_t goexit, gogo, mcall, goexit0_fv, gosched_m_fv;

    /* A g being created, and the name the trace gives it before it has a
     * goid ("g1" in newproc1, "m0.gsignal" in mcommoninit).  malg binds the
     * name to the g it allocates while naming is set (how != REF_NONE). */
    uint64_t naming_g;
    obj_ref naming;

    int depth;                /* model call nesting, for the trace */

    /* Stops at a model function's entry (--stop-at runtime·execute, the
     * debugger's b runtime.schedule): a model function implemented in C
     * has no instruction to stop at, since a model call is one step.  When
     * ENTRY_STOP is set, it is asked at each model function's entry (each
     * traced call); true stops the run there, in the middle of the model
     * call, with everything the call did before that entry done and
     * nothing after it (machine_inside.c). */
    bool (*entry_stop)(void *ctx, const char *model);
    void *entry_ctx;
    const char *inside;       /* stopped at this model's entry; NULL when not */
    const char *inside_call;  /* the model call (stub) it was entered in */
    bool entry_undo;          /* keep the state before each model call, to go on from a
                               * stop inside one (a snapshot per call: costly) */
    struct machine_snapshot *inside_undo;   /* that state, when kept */
    int entries;              /* model entries so far in the model call in progress */
    int entry_pass;           /* entries of the next model call to pass unasked (resuming) */
    void *entry_jmp;          /* the model call in progress's jmp_buf */
    uint64_t stop_at;         /* machine_run's breakpoint, 0 if none */
    int64_t sched_origin;     /* virtual time of the first schedtrace snapshot */
    struct sched_snap *last_sched;   /* the last snapshot written, for trace.sched on-change */
    run_state state;
    int exit_code;
    char why[256];            /* throw message or fault description */
} machine;

/* --- lifetime and running (runtime_model/machine.c) --- */
/* Map IMG (taken over) and the process stack and heap arena described by
 * CFG, and point rip at the entry symbol.  0, or -1 with a message on DIAG. */
int machine_open(machine *mc, const sim_config *cfg, image *img, FILE *diag);
void machine_close(machine *mc);
/* What the model mode puts on the initial stack, from the config. */
procstack_args machine_stack_args(const sim_config *c);
/* Run until the program exits, faults, throws, reaches the instruction
 * limit, or is about to execute STOP_AT (0: never). */
run_state machine_run(machine *mc, uint64_t stop_at);
const char *run_state_name(run_state s);

/* Goroutines newproc1 has created so far (runtime_model/m_proc.c), read from
 * the goid allocator's state in emulated memory: every goid handed out,
 * reused gs included (allglen counts only the gs allocated). */
uint64_t goroutines_created(machine *mc);
/* One step: one instruction (a SYSCALL with the kernel's answer), or, when
 * rip is at a model's stub, that model call.  Returns the state after it. */
run_state machine_step(machine *mc);

/* Snapshots of everything a run's future depends on: the registers sim
 * tracks, the instruction count, the writable image segments, the whole
 * process stack, the used part of the heap arena, and the host-side run
 * state.  Restoring one puts the machine back exactly. */
typedef struct machine_snapshot machine_snapshot;
machine_snapshot *machine_save(machine *mc);
void machine_restore(machine *mc, const machine_snapshot *s);
void machine_snapshot_free(machine_snapshot *s);

/* A model whose stub the code enters by a CALL or a jump (runtime·newproc,
 * runtime·goexit0): a stop at its stub stops before the call.  Not
 * runtime·execute, whose stub is only a return address. */
bool models_stub_called(const char *name);

/* --- stopped inside a model call (runtime_model/machine_inside.c) --- */
/* Run model FN as the model call at the current stub (NAME), catching a
 * stop at a model's entry: true when it stopped inside (mc->inside set,
 * the state RUN_STOPPED). */
bool machine_model_call(machine *mc, const char *name, void (*fn)(machine *, int), int resume);
/* Leave a stop inside a model call: back to the state before that call
 * (kept when entry_undo was set; else the run cannot go on and ends as a
 * fault: the debugger's timeline restores that state itself).  RESUME: the
 * next step runs the call again, passing unasked the entries it had passed
 * (going on from the stop); else they count again. */
void machine_leave_inside(machine *mc, bool resume);
/* The model function NAME (either spelling: runtime·schedule or
 * runtime.schedule) as the models name it in the trace, NULL if no model
 * is called that. */
const char *models_function(const char *name);
/* NAME, in IMG, is a model function with no instruction to stop at: none
 * of its own (schedule) or a stub never entered (execute).  Its name as
 * models_function gives it, else NULL.  A real binary's image: NULL. */
const char *models_entry_only(const image *img, const char *name);

/* The kernel side of a SYSCALL that just executed (syscalls.c). */
void syscall_handle(machine *mc);

/* annotate_fn for the tracer and debugger (runtime_model/annotate.c). */
void annotate_slot(void *mc, uint64_t addr, uint64_t value, char *buf, size_t len);

/* --- field access through the layout table (runtime_model/gomem.c) --- */
uint64_t rd(machine *mc, uint64_t base, go_field_id f);
uint64_t rd2(machine *mc, uint64_t base, go_field_id outer, go_field_id inner);
/* A plain little-endian word of SIZE bytes (globals, slice headers). */
uint64_t rd_var(machine *mc, uint64_t addr, int size);
/* Writes record "obj.field old → new" in the trace when the value changes. */
void wr(machine *mc, uint64_t base, go_field_id f, uint64_t v);
void wr2(machine *mc, uint64_t base, go_field_id outer, go_field_id inner, uint64_t v);
void wr_elem(machine *mc, uint64_t base, go_field_id array, uint32_t index, uint64_t v);
/* A slice field (24 bytes: ptr, len, cap) set to nil, traced as
 * "g1.writebuf.ptr" ... for the words that change. */
void wr_slice_nil(machine *mc, uint64_t base, go_field_id f);
/* A plain 8-byte word of emulated memory (stack slots), traced as [addr]. */
void wr_word(machine *mc, uint64_t addr, uint64_t v, const char *what);

/* --- names for the trace (runtime_model/names.c) --- */
/* Names for the trace: "g1", "g0", "m0", "allp[1]", "sched", or hex. */
const char *obj_name(machine *mc, uint64_t addr, char *buf, size_t len);
obj_ref obj_resolve(machine *mc, uint64_t addr);
/* A field value as the trace shows it (kind-aware: g1, _Grunnable, symbol+off). */
const char *val_text(machine *mc, go_kind kind, uint64_t v, char *buf, size_t len);

/* --- the models (runtime_model/models.c) --- */
/* The models' functions and globals, for the linker. */
const link_model_sym *models_symbols(size_t *n);
/* Run the model whose stub holds rip; 0 normally, -1 if there is none. */
int models_dispatch(machine *mc);
/* The Plan 9 source of the ABI0 wrappers (runtime·X·abi0) of the models
 * that assembly calls, for those DEFINED (by the sources) says are not
 * defined; malloc'd, or NULL when there is none to write.  Assembled with
 * go1.21's frames, it is what Go's linker would generate. */
char *models_abi0_source(bool (*defined)(void *ctx, const char *name), void *ctx);
/* Find the symbols the models need once the image is linked; -1 if one is missing. */
int models_bind(machine *mc);

/* A model gives up, as Go's throw() does: the run stops with RUN_THROW. */
void throw_(machine *mc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Virtual clock: nanoseconds, advancing one per executed instruction. */
int64_t nanotime(machine *mc);

/* Heap arena: zeroed, ALIGN-aligned bytes; throws when the arena is full. */
uint64_t arena_alloc(machine *mc, uint64_t size, uint64_t align);

#endif
