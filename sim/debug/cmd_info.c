/* info registers, Delve's regs, the frames (frame N, up, down) and info
 * frame: laid out as gdb and Delve lay them out. */
#include "sim/debug/cmd.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* gdb's names and order; eflags is gdb's word for rflags. */
static const char *gdb_name(int r) { return r == R_RFLAGS ? "eflags" : emu_reg_names[r]; }

static int reg_named(const char *name)
{
    if (*name == '$')
        name++;
    static const struct { const char *alias; int reg; } aliases[] = {
        {"pc", R_RIP}, {"sp", R_RSP}, {"fp", R_RBP}, {"eflags", R_RFLAGS}, {"flags", R_RFLAGS}};
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (strcmp(name, aliases[i].alias) == 0)
            return aliases[i].reg;
    for (int r = 0; r < EMU_NREGS; r++)
        if (strcmp(name, emu_reg_names[r]) == 0)
            return r;
    return -1;
}

const dcalc_regs *cmd_frame_regs(dbg *d, dcalc_regs *r)
{
    bool any = false;
    memset(r, 0, sizeof *r);
    for (int k = 0; k < EMU_NREGS; k++) {   /* thread N's (thread N) where they are not the CPU's */
        uint64_t v = dbg_reg(d, (emu_reg)k);
        if (v != emu_reg_get(d->mc.cpu, (emu_reg)k))
            r->set[k] = any = true, r->v[k] = v;
    }
    if (!d->frame)
        return any ? r : NULL;
    dbg_frame f[DBG_MAX_FRAMES];
    int n = dbg_cpu_frames(d, f, DBG_MAX_FRAMES), i = d->frame < n ? d->frame : n - 1;
    if (i == 0)
        return any ? r : NULL;
    r->set[R_RIP] = true, r->v[R_RIP] = f[i].pc;
    if (f[i - 1].ret_at)
        r->set[R_RSP] = true, r->v[R_RSP] = f[i - 1].ret_at + 8;
    if (f[i].bp)
        r->set[R_RBP] = true, r->v[R_RBP] = f[i].bp;
    return r;
}

/* One line of info registers: "rip            0x4012c0            0x4012c0 <runtime·main>". */
static void reg_line(dbg *d, const dcalc_regs *fr, int r, FILE *out)
{
    uint64_t v = fr && fr->set[r] ? fr->v[r] : emu_reg_get(d->mc.cpu, (emu_reg)r);
    char hex[24], natural[200], sym[160];
    snprintf(hex, sizeof hex, "0x%llx", (unsigned long long)v);
    if (r == R_RFLAGS)
        dbg_flags_text(v, natural, sizeof natural);
    else if (r == R_RIP)
        snprintf(natural, sizeof natural, "0x%llx <%s>", (unsigned long long)v,
                 image_symbolize(&d->mc.img, v, sym, sizeof sym));
    else if (r == R_RSP || r == R_RBP)
        snprintf(natural, sizeof natural, "0x%llx", (unsigned long long)v);
    else
        snprintf(natural, sizeof natural, "%lld", (long long)v);
    fprintf(out, "%-15s%-19s%s\n", gdb_name(r), hex, natural);
}

int cmd_info_registers(dbg *d, const char *arg, FILE *out)
{
    dcalc_regs buf;
    const dcalc_regs *fr = cmd_frame_regs(d, &buf);
    if (!*arg) {
        for (int r = 0; r < EMU_NREGS; r++)
            reg_line(d, fr, r, out);
        return DBG_OK;
    }
    char *copy = strdup(arg), *save = NULL;
    int rc = DBG_OK;
    for (char *tok = strtok_r(copy, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
        int r = reg_named(tok);
        if (r < 0) {
            fprintf(out, "Invalid register `%s' (rax … r15, rip, eflags, fs_base)\n", tok);
            rc = DBG_ERROR;
            break;
        }
        reg_line(d, fr, r, out);
    }
    free(copy);
    return rc;
}

/* Delve's regs: its order, capitalised names, 16 hex digits. */
int cmd_regs(dbg *d, const char *arg, FILE *out)
{
    static const int order[] = {R_RIP, R_RSP, R_RAX, R_RBX, R_RCX, R_RDX, R_RSI, R_RDI, R_RBP,
                                R_R8, R_R9, R_R10, R_R11, R_R12, R_R13, R_R14, R_R15, R_FS_BASE,
                                R_RFLAGS};
    if (*arg && strcmp(arg, "-a") != 0) {
        fprintf(out, "regs [-a]\n");
        return DBG_ERROR;
    }
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        int r = order[i];
        uint64_t v = dbg_reg(d, (emu_reg)r);   /* thread N's after thread N */
        char name[16], extra[160] = "";
        snprintf(name, sizeof name, "%s", r == R_RFLAGS ? "eflags" : emu_reg_names[r]);
        name[0] = (char)toupper((unsigned char)name[0]);
        if (r == R_RFLAGS) {
            extra[0] = '\t';
            dbg_flags_text(v, extra + 1, sizeof extra - 1);
        } else if (r == R_RIP) {
            char sym[140];
            snprintf(extra, sizeof extra, "\t%s", image_symbolize(&d->mc.img, v, sym, sizeof sym));
        }
        fprintf(out, "%10s = 0x%016llx%s\n", name, (unsigned long long)v, extra);
    }
    return DBG_OK;
}

/* --- frames ---------------------------------------------------------------- */

static void frame_source(dbg *d, int i, uint64_t pc, FILE *out)
{
    const image_line *ln = image_line_at(&d->mc.img, i ? pc - 1 : pc);
    const char *text = ln ? sources_line(&d->src, ln->file, ln->line) : NULL;
    if (text)
        fprintf(out, "%d\t%s\n", ln->line, text);
}

/* Select frame N (clamped as gdb does at the ends) and print it. */
static int select_frame(dbg *d, long n, bool moving, FILE *out)
{
    dbg_frame f[DBG_MAX_FRAMES];
    int nf = dbg_cpu_frames(d, f, DBG_MAX_FRAMES);
    if (n >= nf && moving && d->frame == nf - 1) {
        fprintf(out, "Initial frame selected; you cannot go up.\n");
        return DBG_ERROR;
    }
    n = moving && n >= nf ? nf - 1 : n;
    if (n >= nf) {
        fprintf(out, "No frame at level %ld.\n", n);
        return DBG_ERROR;
    }
    if (n < 0 && moving && d->frame > 0)
        n = 0;
    if (n < 0) {
        fprintf(out, "Bottom (innermost) frame selected; you cannot go down.\n");
        return DBG_ERROR;
    }
    d->frame = (int)n;
    dbg_frame_line(d, d->frame, f[d->frame].pc, out);
    frame_source(d, d->frame, f[d->frame].pc, out);
    return DBG_VIEW;
}

static int frame_arg(const char *arg, long dflt, long *n, FILE *out)
{
    char *end;
    *n = *arg ? strtol(arg, &end, 10) : dflt;
    if (*arg && (*end || !isdigit((unsigned char)*arg))) {
        fprintf(out, "expected a frame number, not \"%s\"\n", arg);
        return -1;
    }
    return 0;
}

int cmd_frame(dbg *d, const char *arg, FILE *out)
{
    long n;
    return frame_arg(arg, d->frame, &n, out) ? DBG_ERROR : select_frame(d, n, false, out);
}

int cmd_up(dbg *d, const char *arg, FILE *out)
{
    long n;
    return frame_arg(arg, 1, &n, out) ? DBG_ERROR : select_frame(d, d->frame + n, true, out);
}

int cmd_down(dbg *d, const char *arg, FILE *out)
{
    long n;
    return frame_arg(arg, 1, &n, out) ? DBG_ERROR : select_frame(d, d->frame - n, true, out);
}

/* info frame: gdb's description of the selected frame.  Its address (the
 * CFA) is the stack pointer before the call that made it: just above the
 * return address. */
int cmd_info_frame(dbg *d, const char *arg, FILE *out)
{
    (void)arg;
    dbg_frame f[DBG_MAX_FRAMES];
    int n = dbg_cpu_frames(d, f, DBG_MAX_FRAMES), i = d->frame < n ? d->frame : 0;
    const dbg_frame *fr = &f[i];
    char sym[160];
    const image_line *ln = image_line_at(&d->mc.img, i ? fr->pc - 1 : fr->pc);
    const char *file = ln ? (strrchr(ln->file, '/') ? strrchr(ln->file, '/') + 1 : ln->file) : NULL;
    bool have_ret = fr->ret_at && emu_mapped(d->mc.cpu, fr->ret_at, 8);
    if (have_ret)
        fprintf(out, "Stack level %d, frame at 0x%llx:\n", i, (unsigned long long)(fr->ret_at + 8));
    else   /* the outermost frame: no frame pointer says where it is */
        fprintf(out, "Stack level %d, frame at an unknown address (no frame pointer):\n", i);
    fprintf(out, " rip = 0x%llx in %s", (unsigned long long)fr->pc,
            image_symbolize(&d->mc.img, fr->pc, sym, sizeof sym));
    if (ln)
        fprintf(out, " (%s:%d)", file, ln->line);
    if (have_ret)
        fprintf(out, "; saved rip = 0x%llx", (unsigned long long)emu_read_u(d->mc.cpu, fr->ret_at, 8));
    fprintf(out, "\n");
    if (i + 1 < n && f[i + 1].ret_at)
        fprintf(out, " called by frame at 0x%llx\n", (unsigned long long)(f[i + 1].ret_at + 8));
    if (i > 0)
        fprintf(out, " caller of frame at 0x%llx\n", (unsigned long long)(f[i - 1].ret_at + 8));
    if (!have_ret)
        return DBG_OK;
    fprintf(out, " Previous frame's sp is 0x%llx\n", (unsigned long long)(fr->ret_at + 8));
    fprintf(out, " Saved registers:\n ");
    if (fr->rbp_saved)
        fprintf(out, " rbp at 0x%llx,", (unsigned long long)(fr->ret_at - 8));
    fprintf(out, " rip at 0x%llx\n", (unsigned long long)fr->ret_at);
    return DBG_OK;
}
