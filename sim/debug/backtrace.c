/* Backtraces by frame pointers, as Go's amd64 frames keep them: a function
 * with a frame saves the caller's rbp at [rbp] and its return address sits
 * at [rbp+8].  Until its prologue has set rbp (at a breakpoint on its first
 * instruction, say), the return address is found at the stack pointer
 * plus what the prologue has pushed or subtracted so far. */
#include "sim/debug/debug.h"
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

void dbg_frame_line(dbg *d, int i, uint64_t pc, FILE *out)
{
    char sym[160];
    const image_line *ln = image_line_at(&d->mc.img, i ? pc - 1 : pc);   /* a caller's: the call's line */
    const char *file = ln ? strrchr(ln->file, '/') : NULL;
    fprintf(out, "#%-2d 0x%llx in %s", i, (unsigned long long)pc,
            image_symbolize(&d->mc.img, pc, sym, sizeof sym));
    if (ln)
        fprintf(out, " at %s:%d", file ? file + 1 : ln->file, ln->line);
    fprintf(out, "\n");
}

static bool is_code(dbg *d, uint64_t pc)
{
    const image_sym *s = image_sym_at(&d->mc.img, pc);
    return pc && s && s->kind == SYM_TEXT;
}

/* Frames from PC with stack pointer SP and frame pointer BP; a return
 * address is the next frame's pc. */
int dbg_frames(dbg *d, uint64_t pc, uint64_t sp, uint64_t bp, dbg_frame *f, int max)
{
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
    emu *cpu = d->mc.cpu;
    return dbg_frames(d, emu_reg_get(cpu, R_RIP), emu_reg_get(cpu, R_RSP), emu_reg_get(cpu, R_RBP),
                      f, max);
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
    emu *cpu = d->mc.cpu;
    unwind(d, emu_reg_get(cpu, R_RIP), emu_reg_get(cpu, R_RSP), emu_reg_get(cpu, R_RBP), out);
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
        return emu_reg_get(d->mc.cpu, R_RIP);
    dbg_frame f[DBG_MAX_FRAMES];
    int n = dbg_cpu_frames(d, f, DBG_MAX_FRAMES);
    return f[d->frame < n ? d->frame : n - 1].pc;
}
