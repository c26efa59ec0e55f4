/* Backtraces.  A real Go binary's frames are unwound through its pclntab
 * (runtime_model/pclntab.c), as Go's own traceback does: the SP delta
 * table of the function holding pc says where its return address is, so
 * frames without a frame pointer (assembly functions, a prologue not yet
 * run, the first frames of a goroutine) unwind too.  Without a pclntab
 * (the model mode, whose image sim assembles) frames are walked by frame
 * pointers, as Go's amd64 frames keep them: a function with a frame saves
 * the caller's rbp at [rbp] and its return address sits at [rbp+8]; until
 * its prologue has set rbp (at a breakpoint on its first instruction, say),
 * the return address is found at the stack pointer plus what the prologue
 * has pushed or subtracted so far. */
#include "sim/debug/debug.h"
#include "runtime_model/pclntab.h"
#include "runtime_model/sched_view.h"
#include <string.h>


/* Walks the prologue of the function holding PC from its start to PC: true
 * with *RET_AT (where the return address is) when rbp is not its frame's
 * yet, false once `mov rbp, rsp` or `lea rbp, [rsp + N]` has run.  The
 * pushes, pops and rsp arithmetic on the way count (a frameless function's
 * PUSHQ of an argument too), read in address order. */
static bool before_frame(dbg *d, uint64_t pc, uint64_t sp, uint64_t *ret_at)
{
    const image_sym *s = image_sym_at(&d->mc.img, pc);
    if (!s || pc - s->addr > 256)
        return false;
    uint64_t depth = 0;
    for (uint64_t a = s->addr; a < pc;) {
        const char *t = dbg_insn_text(d, a);
        size_t n = dbg_insn_size(d, a);
        unsigned long long k;
        if (!n)
            return false;
        if (strcmp(t, "mov rbp, rsp") == 0 || strncmp(t, "lea rbp, [rsp", 13) == 0)
            return false;
        if (strncmp(t, "push", 4) == 0)   /* push rbp, or a frameless function's PUSHQ */
            depth += 8;
        else if (strncmp(t, "pop", 3) == 0 && depth >= 8)
            depth -= 8;
        else if (sscanf(t, "sub rsp, %lli", &k) == 1)
            depth += k;
        else if (sscanf(t, "add rsp, %lli", &k) == 1 && depth >= k)
            depth -= k;
        a += n;
    }
    *ret_at = sp + depth;
    return true;
}

/* At an epilogue whose frame pointer is restored already (the last
 * instructions before RET pop or add to rsp only): true with *RET_AT, the
 * return address being at rsp plus what they take off. */
static bool in_epilogue(dbg *d, uint64_t pc, uint64_t sp, uint64_t *ret_at)
{
    uint64_t depth = 0;
    unsigned long long k;
    for (int i = 0; i < 4; i++) {
        const char *t = dbg_insn_text(d, pc);
        size_t n = dbg_insn_size(d, pc);
        if (!n || strcmp(t, "pop rbp") == 0)   /* rbp is still this frame's */
            return false;
        if (strcmp(t, "ret") == 0) {
            *ret_at = sp + depth;
            return true;
        }
        if (strncmp(t, "pop ", 4) == 0)
            depth += 8;
        else if (sscanf(t, "add rsp, %lli", &k) == 1)
            depth += k;
        else
            return false;
        pc += n;
    }
    return false;
}

/* Frame I at PC; a stripped binary's functions are named from its pclntab. */
void dbg_frame_line(dbg *d, int i, uint64_t pc, FILE *out)
{
    char sym[160];
    const image_line *ln = image_line_at(&d->mc.img, i ? pc - 1 : pc);   /* a caller's: the call's line */
    const char *file = ln ? strrchr(ln->file, '/') : NULL;
    uint64_t entry;
    int64_t delta;
    go_pcln tab, *t = d->mc.real && go_pcln_open(d->mc.cpu, &d->mc.img, d->mc.pclntab, &tab) == 0
                          ? &tab : NULL;
    if (image_sym_at(&d->mc.img, pc) || !t || !go_pcln_name(t, pc, sym, sizeof sym - 24))
        image_symbolize(&d->mc.img, pc, sym, sizeof sym);
    else if (go_pcln_spdelta(t, pc, &entry, &delta) && pc > entry)
        snprintf(sym + strlen(sym), 24, "+%llu", (unsigned long long)(pc - entry));
    fprintf(out, "#%-2d 0x%llx in %s", i, (unsigned long long)pc, sym);
    if (ln)
        fprintf(out, " at %s:%d", file ? file + 1 : ln->file, ln->line);
    fprintf(out, "\n");
}

static bool is_code(dbg *d, uint64_t pc)
{
    const image_sym *s = image_sym_at(&d->mc.img, pc);
    return pc && s && s->kind == SYM_TEXT;
}

/* Where a stack's frames begin: a goroutine's first frame returns to
 * goexit; a thread's g0 stack starts in mstart (rt0_go on m0 before it);
 * systemstack and mcall run their callee on g0's stack, whose frames above
 * them are the g's, not these. */
static bool outermost(dbg *d, const go_pcln *t, uint64_t pc)
{
    static const char *const first[] = {"runtime.goexit", "runtime.mstart", "runtime.rt0_go",
                                        "_rt0_amd64", "runtime.systemstack", "runtime.mcall",
                                        "runtime.morestack"};
    const image_sym *s = image_sym_at(&d->mc.img, pc);
    char buf[160];
    const char *name = s ? s->name : go_pcln_name(t, pc, buf, sizeof buf) ? buf : "";
    for (size_t i = 0; i < sizeof first / sizeof first[0]; i++) {
        size_t n = strlen(first[i]);
        if (strncmp(name, first[i], n) == 0 && (!name[n] || name[n] == '.' || name[n] == '_'))
            return strcmp(name, "runtime.mstart1") != 0;
    }
    return false;
}

/* Frames by the pclntab T: a frame's return address is at its SP plus the
 * SP delta at its pc; the caller's SP is that slot + 8.  Past a prologue
 * (a delta of 8 or more) the frame keeps its caller's rbp just below. */
static int frames_pcln(dbg *d, const go_pcln *t, uint64_t pc, uint64_t sp, dbg_frame *f, int max)
{
    emu *cpu = d->mc.cpu;
    int n = 0;
    while (n < max) {
        uint64_t entry;
        int64_t delta;
        f[n] = (dbg_frame){pc, 0, 0, false};
        bool known = go_pcln_spdelta(t, n ? pc - 1 : pc, &entry, &delta);
        if (known) {
            f[n].ret_at = sp + (uint64_t)delta;
            f[n].rbp_saved = delta >= 8;
            f[n].bp = delta >= 8 ? f[n].ret_at - 8 : 0;
        }
        n++;
        if (!known || outermost(d, t, pc) || !emu_mapped(cpu, sp + (uint64_t)delta, 8))
            break;
        uint64_t ret = emu_read_u(cpu, sp + (uint64_t)delta, 8);
        if (!ret || !go_pcln_spdelta(t, ret - 1, &entry, &delta))   /* not in a function */
            break;
        sp = f[n - 1].ret_at + 8;
        pc = ret;
    }
    return n;
}

/* Frames from PC with stack pointer SP and frame pointer BP; a return
 * address is the next frame's pc. */
int dbg_frames(dbg *d, uint64_t pc, uint64_t sp, uint64_t bp, dbg_frame *f, int max)
{
    go_pcln t;
    if (d->mc.real && go_pcln_open(d->mc.cpu, &d->mc.img, d->mc.pclntab, &t) == 0)
        return frames_pcln(d, &t, pc, sp, f, max);
    emu *cpu = d->mc.cpu;
    uint64_t ret_at;
    int n = 0;
    f[n++] = (dbg_frame){pc, 0, bp, false};
    if (before_frame(d, pc, sp, &ret_at) || in_epilogue(d, pc, sp, &ret_at)) {   /* rbp is the caller's */
        f[0].ret_at = ret_at;
        f[0].bp = 0;
        f[0].rbp_saved = ret_at - sp >= 8 && emu_mapped(cpu, ret_at - 8, 8) &&
                         emu_read_u(cpu, ret_at - 8, 8) == bp;
        uint64_t ret = emu_mapped(cpu, ret_at, 8) ? emu_read_u(cpu, ret_at, 8) : 0;
        if (!is_code(d, ret) || n >= max)
            return n;
        f[n++] = (dbg_frame){ret, bp ? bp + 8 : 0, bp, bp != 0};
    } else {
        f[0].ret_at = bp + 8;
        f[0].rbp_saved = true;
    }
    /* f[n-1].bp is the frame pointer of the last frame found: its caller's
     * return address is at [bp+8], the caller's frame pointer at [bp]. */
    for (bp = f[n - 1].bp; n < max && bp && emu_mapped(cpu, bp, 16);) {
        uint64_t ret = emu_read_u(cpu, bp + 8, 8), next = emu_read_u(cpu, bp, 8);
        if (!is_code(d, ret))
            break;
        f[n++] = (dbg_frame){ret, next ? next + 8 : 0, next, next != 0};
        if (next <= bp)   /* frames go up the stack */
            break;
        bp = next;
    }
    return n;
}

int dbg_cpu_frames(dbg *d, dbg_frame *f, int max)
{
    return dbg_frames(d, dbg_reg(d, R_RIP), dbg_reg(d, R_RSP), dbg_reg(d, R_RBP), f, max);
}

static void unwind(dbg *d, uint64_t pc, uint64_t sp, uint64_t bp, FILE *out)
{
    dbg_frame f[DBG_MAX_FRAMES];
    int n = dbg_frames(d, pc, sp, bp, f, DBG_MAX_FRAMES);
    for (int i = 0; i < n; i++)
        dbg_frame_line(d, i, f[i].pc, out);
}

void dbg_backtrace(dbg *d, FILE *out)
{
    unwind(d, dbg_reg(d, R_RIP), dbg_reg(d, R_RSP), dbg_reg(d, R_RBP), out);
}

int dbg_goroutine(dbg *d, uint64_t goid, bool bt, FILE *out)
{
    machine *mc = &d->mc;
    int n = mc->allgs ? view_nallg(mc) : 0;
    for (int i = 0; i < n; i++) {
        uint64_t g = view_allg(mc, i);
        if (rd(mc, g, F_g_goid) != goid)
            continue;
        uint32_t st = (uint32_t)rd(mc, g, F_g_atomicstatus);
        /* The g the code on the CPU runs as: the TLS slot at fs:-8 holds it. */
        uint64_t fs = emu_reg_get(mc->cpu, R_FS_BASE);
        bool on_cpu = fs > 8 && emu_mapped(mc->cpu, fs - 8, 8) && emu_read_u(mc->cpu, fs - 8, 8) == g;
        fprintf(out, "goroutine %llu: %s%s\n", (unsigned long long)goid, go_gstatus_name(st),
                on_cpu ? ", on the CPU" : "");
        if (!bt)
            return 0;
        if (on_cpu)
            dbg_backtrace(d, out);
        else
            unwind(d, rd2(mc, g, F_g_sched, F_gobuf_pc), rd2(mc, g, F_g_sched, F_gobuf_sp),
                   rd2(mc, g, F_g_sched, F_gobuf_bp), out);
        return 0;
    }
    fprintf(out, "no goroutine %llu (goroutines lists them)\n", (unsigned long long)goid);
    return -1;
}

void dbg_goroutines_bt(dbg *d, FILE *out)
{
    machine *mc = &d->mc;
    int n = mc->allgs ? view_nallg(mc) : 0;
    for (int i = 0; i < n; i++) {
        uint64_t g = view_allg(mc, i);
        uint32_t st = (uint32_t)rd(mc, g, F_g_atomicstatus);
        if ((st & ~(uint32_t)C__Gscan) == C__Gdead)
            continue;
        fprintf(out, "\n");
        dbg_goroutine(d, rd(mc, g, F_g_goid), true, out);
    }
}

uint64_t dbg_view_pc(dbg *d)
{
    if (!d->frame)
        return dbg_reg(d, R_RIP);   /* the CPU's, or thread N's */
    dbg_frame f[DBG_MAX_FRAMES];
    int n = dbg_cpu_frames(d, f, DBG_MAX_FRAMES);
    return f[d->frame < n ? d->frame : n - 1].pc;
}
