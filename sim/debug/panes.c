/* Pane text for the source, disassembly, registers, stack and log panes,
 * and the status line.  Everything is read from the machine at the current
 * position (and the step log up to it), so going back shows the past. */
#include "sim/debug/debug.h"
#include "runtime_model/sched_view.h"
#include <stdlib.h>
#include <string.h>

/* Up to 15 bytes at PC (an instruction's longest), *LEN of them readable. */
static bool code_bytes(dbg *d, uint64_t pc, uint8_t bytes[15], size_t *len)
{
    const image_line *ln = d->mc.real ? NULL : image_line_at(&d->mc.img, pc);
    *len = ln && ln->len <= 15 ? ln->len : 15;   /* a model-mode line is one instruction */
    while (*len && emu_read(d->mc.cpu, pc, bytes, *len) != 0)
        (*len)--;
    return *len > 0;
}

const char *dbg_insn_text(dbg *d, uint64_t pc)
{
    uint8_t bytes[15];
    size_t len;
    return code_bytes(d, pc, bytes, &len) ? disasm_at(d->dis, pc, bytes, len) : "";
}

size_t dbg_insn_size(dbg *d, uint64_t pc)
{
    uint8_t bytes[15];
    size_t len;
    return code_bytes(d, pc, bytes, &len) ? disasm_size(d->dis, pc, bytes, len) : 0;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static bool is_model(dbg *d, uint64_t pc)
{
    const image_sym *s = image_sym_at(&d->mc.img, pc);
    return s && s->kind == SYM_MODEL;
}

/* --- source --------------------------------------------------------------- */

static const source_file *find_source(dbg *d, const char *path)
{
    return sources_find(&d->src, path);
}

/* Tabs to 4-column stops: narrower than the 8 the sources were written
 * for, and their columns still line up. */
static void expand_tabs(const char *in, char *out, size_t len)
{
    size_t n = 0, col = 0;
    for (; *in && n + 9 < len; in++) {
        if (*in == '\t') {
            do
                out[n++] = ' ';
            while (++col % 4);
        } else {
            out[n++] = *in;
            col += ((unsigned char)*in & 0xc0) != 0x80;   /* count UTF-8 characters */
        }
    }
    out[n] = 0;
}

/* The lines of FILE the function holding PC spans, from its TEXT line. */
static void function_lines(dbg *d, const image_sym *s, const image_line *cur,
                           const source_file *f, int *first, int *last)
{
    *first = *last = cur->line;
    for (size_t i = 0; s && i < d->mc.img.nlines; i++) {
        const image_line *ln = &d->mc.img.lines[i];
        if (ln->addr < s->addr || ln->addr >= s->addr + s->size || ln->file != cur->file)
            continue;
        *first = ln->line < *first ? ln->line : *first;
        *last = ln->line > *last ? ln->line : *last;
    }
    for (int l = *first; l > 0 && l > *first - 30; l--)
        if (strncmp(f->lines[l - 1], "TEXT", 4) == 0) {
            *first = l;
            break;
        }
}

static bool line_has_break(dbg *d, const char *file, int line)
{
    for (int i = 0; i < d->npts; i++) {
        const image_line *ln = d->pts[i].kind == PT_BREAK
                                   ? image_line_at(&d->mc.img, d->pts[i].addr) : NULL;
        if (ln && ln->line == line && ln->file == file)
            return true;
    }
    return false;
}

static void source_pane(dbg *d, int rows, pane *p)
{
    uint64_t rip = dbg_view_pc(d);   /* a caller's (frame N, up): the line of its call */
    const image_line *cur = image_line_at(&d->mc.img, d->frame ? rip - 1 : rip);
    const image_sym *s = image_sym_at(&d->mc.img, rip);
    const source_file *f = cur ? find_source(d, cur->file) : NULL;
    if (!f) {
        snprintf(p->title, sizeof p->title, "Source: %s", s ? s->name : "?");
        if (is_model(d, rip)) {
            pane_add(p, PS_NORMAL, "%s is Go code that sim models in C", s->name);
            pane_add(p, PS_NORMAL, "(runtime_model/, docs/models.md): the next step");
            pane_add(p, PS_NORMAL, "runs the whole call; the Log pane shows what it did.");
        } else {
            pane_add(p, PS_DIM, "no source for pc 0x%llx", (unsigned long long)rip);
        }
        return;
    }
    int first, last;
    function_lines(d, s, cur, f, &first, &last);
    int lo = cur->line - (rows - 1) / 2;
    lo = lo + rows - 1 > last ? last - rows + 1 : lo;
    lo = lo < first ? first : lo;
    snprintf(p->title, sizeof p->title, "Source: %s:%d  %s", base_name(cur->file), cur->line,
             s ? s->name : "");
    if (d->frame)
        snprintf(p->title + strlen(p->title), sizeof p->title - strlen(p->title), "  (frame %d)",
                 d->frame);
    for (int l = lo; l <= last && l <= f->nlines && l < lo + rows; l++) {
        char text[512];
        expand_tabs(f->lines[l - 1], text, sizeof text);
        bool bp = line_has_break(d, cur->file, l), here = l == cur->line;
        pane_add(p, here ? PS_CURRENT : bp ? PS_BREAK : PS_NORMAL, "%s%c%4d  %s",
                 here ? "=>" : "  ", bp ? '*' : ' ', l, text);
    }
}

/* --- disassembly ---------------------------------------------------------- */

/* "call 0x300030" -> "call 0x300030 <runtime·schedinit>". */
static void symbolize_target(dbg *d, const char *text, char *out, size_t len)
{
    const char *hex = strstr(text, " 0x");
    uint64_t t = hex && (text[0] == 'j' || text[0] == 'c') ? strtoull(hex + 1, NULL, 16) : 0;
    const image_sym *s = t ? image_sym_at(&d->mc.img, t) : NULL;
    char sym[128];
    if (s && (s->kind == SYM_TEXT || s->kind == SYM_MODEL))
        snprintf(out, len, "%s <%s>", text, image_symbolize(&d->mc.img, t, sym, sizeof sym));
    else
        snprintf(out, len, "%s", text);
}

static void disasm_line(dbg *d, uint64_t addr, const image_sym *cur_sym, pane *p)
{
    uint64_t rip = dbg_reg(d, R_RIP);
    const image_sym *s = image_sym_at(&d->mc.img, addr);
    char where[160], sym[128], text[256];
    if (s && s == cur_sym)
        snprintf(where, sizeof where, "<+%llu>", (unsigned long long)(addr - s->addr));
    else
        snprintf(where, sizeof where, "<%s>", image_symbolize(&d->mc.img, addr, sym, sizeof sym));
    symbolize_target(d, dbg_insn_text(d, addr), text, sizeof text);
    bool here = addr == rip || addr == dbg_view_pc(d), bp = dbg_break_at(d, addr) != NULL;
    pane_add(p, here ? PS_CURRENT : bp ? PS_BREAK : PS_NORMAL, "%s%c%llx %-7s %s",
             here ? "=>" : "  ", bp ? '*' : ' ', (unsigned long long)addr, where, text);    char ops[600];
    if (here && dbg_operand_chains(d, addr, ops, sizeof ops)[0])
        pane_add(p, PS_DIM, "           ; %s", ops);
}

/* A real program's lines are DWARF rows, several instructions each: the
 * instructions are found by decoding the function from its start to pc,
 * then on past it. */
static void disasm_linear(dbg *d, const image_sym *s, uint64_t rip, int rows, pane *p)
{
    enum { BEFORE_MAX = 64 };
    uint64_t before[BEFORE_MAX];
    int nb = 0, want = (rows - 1) / 3;
    uint64_t a = s && rip - s->addr < (1u << 20) ? s->addr : rip;
    for (size_t n; a < rip && (n = dbg_insn_size(d, a)) != 0; a += n)
        before[nb++ % BEFORE_MAX] = a;
    if (a != rip)   /* pc is not on an instruction boundary of the walk: start at pc */
        nb = 0;
    int from = nb > want ? nb - want : 0, shown = 0;
    for (int k = from; k < nb; k++, shown++)
        disasm_line(d, before[k % BEFORE_MAX], s, p);
    for (a = rip; shown < rows; shown++) {
        disasm_line(d, a, s, p);
        size_t n = dbg_insn_size(d, a);
        if (!n)
            break;
        a += n;
    }
}

static void disasm_pane(dbg *d, int rows, pane *p)
{
    const image *img = &d->mc.img;
    uint64_t rip = dbg_view_pc(d);
    const image_sym *s = image_sym_at(img, rip);
    const image_line *cur = image_line_at(img, rip);
    snprintf(p->title, sizeof p->title, "Disassembly: %s", s ? s->name : "?");
    if (d->mc.real) {
        disasm_linear(d, s, rip, rows, p);
        return;
    }
    if (!cur) {
        if (is_model(d, rip))
            pane_add(p, PS_CURRENT, "=>%c%llx <%s>  model call: C code, runs as one step",
                     dbg_break_at(d, rip) ? '*' : ' ', (unsigned long long)rip, s->name);
        else
            pane_add(p, PS_CURRENT, "=> %llx  (no code here)", (unsigned long long)rip);
        return;
    }
    size_t at = (size_t)(cur - img->lines), lo = at;
    for (int back = 0; back < (rows - 1) / 3 && lo > 0;)   /* a third of the rows before pc */
        if (img->lines[--lo].len)
            back++;
    int shown = 0;
    uint64_t last = 0;
    for (size_t i = lo; i < img->nlines && shown < rows; i++)
        if (img->lines[i].len && (shown == 0 || img->lines[i].addr != last)) {
            disasm_line(d, img->lines[i].addr, s, p);
            last = img->lines[i].addr;
            shown++;
        }
}

/* --- registers ------------------------------------------------------------ */

void dbg_flags_text(uint64_t f, char *buf, size_t len)
{
    static const struct { int bit; const char *name; } fl[] = {
        {0, "CF"}, {2, "PF"}, {4, "AF"}, {6, "ZF"}, {7, "SF"}, {8, "TF"}, {9, "IF"}, {10, "DF"},
        {11, "OF"}};
    size_t n = (size_t)snprintf(buf, len, "[");
    for (size_t i = 0; i < sizeof fl / sizeof fl[0] && n < len; i++)
        if (f >> fl[i].bit & 1)
            n += (size_t)snprintf(buf + n, len - n, " %s", fl[i].name);
    snprintf(buf + n, n < len ? len - n : 0, " ]");
}

/* Two registers a line; a changed one is marked '*' and highlighted. */
static void gpr_lines(const emu_regs *now, const emu_regs *was, int width, pane *p)
{
    bool wide = width >= 43;
    for (int r = 0; r < 16; r += 2) {
        char cell[2][40];
        int at[2], len[2];
        for (int k = 0; k < 2; k++) {
            bool ch = now->r[r + k] != was->r[r + k];
            len[k] = snprintf(cell[k], sizeof cell[k], wide ? "%-3s %016llx%c" : "%-3s %llx%c",
                              emu_reg_names[r + k], (unsigned long long)now->r[r + k],
                              ch ? '*' : ' ');
            at[k] = ch ? 0 : -1;
        }
        int col = wide ? 22 : (width >= 34 ? width / 2 : 17);
        pane_add(p, PS_NORMAL, "%-*s%s", col, cell[0], cell[1]);
        for (int k = 0; k < 2; k++)
            if (at[k] == 0)
                pane_span_last(p, k ? col : 0, len[k], PS_CHANGED);
    }
}

static void regs_pane(dbg *d, int width, pane *p)
{
    emu_regs now;
    dbg_regs(d, &now);
    bool other = dbg_viewing_other(d);   /* thread N's: nothing to compare with */
    const emu_regs *was = other ? &now : &d->tl.prev;
    if (other)
        snprintf(p->title, sizeof p->title, "Registers of thread %d", dbg_view_tid(d));
    else
        snprintf(p->title, sizeof p->title, "Registers%s", d->tl.pos ? " (*: changed by the step)" : "");
    gpr_lines(&now, was, width, p);
    char sym[128], fl[64];
    const char *names[] = {"rip", "rflags", "fs_base"};
    int regs[] = {R_RIP, R_RFLAGS, R_FS_BASE};
    for (int i = 0; i < 3; i++) {
        uint64_t v = now.r[regs[i]];
        bool ch = v != was->r[regs[i]] && regs[i] != R_RIP;
        if (regs[i] == R_RIP)
            snprintf(fl, sizeof fl, "<%s>", image_symbolize(&d->mc.img, v, sym, sizeof sym));
        else if (regs[i] == R_RFLAGS)
            dbg_flags_text(v, fl, sizeof fl);
        else
            fl[0] = 0;
        pane_add(p, PS_NORMAL, "%-7s 0x%llx%c %s", names[i], (unsigned long long)v,
                 ch ? '*' : ' ', fl);
        if (ch)
            pane_span_last(p, 0, (int)strlen(p->lines[p->n - 1].text), PS_CHANGED);
    }    dbg_reg_chains(d, &now, p);   /* pwndbg's: what each value points to */
}

/* --- stack ---------------------------------------------------------------- */

/* SP in [lo, hi]: an empty stack has SP at hi. */
static bool on_stack(machine *mc, uint64_t g, uint64_t sp)
{
    uint64_t lo = rd2(mc, g, F_g_stack, F_stack_lo), hi = rd2(mc, g, F_g_stack, F_stack_hi);
    return hi && sp >= lo && sp <= hi;
}

const char *dbg_stack_owner(dbg *d, uint64_t sp, char *buf, size_t len)
{
    machine *mc = &d->mc;
    uint64_t gs = rd(mc, mc->m0, F_m_gsignal);
    if (on_stack(mc, mc->g0, sp))
        snprintf(buf, len, "g0's stack");
    else if (gs && on_stack(mc, gs, sp))
        snprintf(buf, len, "m0.gsignal's stack");
    else if (sp <= mc->cfg->stack_top && sp >= mc->cfg->stack_top - mc->cfg->stack_size)
        snprintf(buf, len, "process stack, no g0 yet");
    else
        snprintf(buf, len, "no known stack");
    uint64_t ms[VIEW_MAX];   /* the other Ms' g0 and gsignal stacks (a real program's threads) */
    for (int i = 0, n = mc->allm ? view_allm(mc, ms, VIEW_MAX) : 0; i < n; i++)
        if (ms[i] != mc->m0 && (on_stack(mc, rd(mc, ms[i], F_m_g0), sp) ||
                                on_stack(mc, rd(mc, ms[i], F_m_gsignal), sp)))
            snprintf(buf, len, "m%lld.%s's stack", (long long)view_mid(mc, ms[i]),
                     on_stack(mc, rd(mc, ms[i], F_m_g0), sp) ? "g0" : "gsignal");
    for (int i = 0; i < view_nallg(mc) && i < VIEW_MAX; i++) {
        uint64_t g = view_allg(mc, i);
        if (on_stack(mc, g, sp)) {
            snprintf(buf, len, "g%llu's stack", (unsigned long long)rd(mc, g, F_g_goid));
            break;
        }
    }
    return buf;
}

static void stack_pane(dbg *d, int rows, pane *p)
{
    uint64_t sp = dbg_reg(d, R_RSP);
    char owner[64];
    snprintf(p->title, sizeof p->title, "Stack rsp=0x%llx: %s", (unsigned long long)sp,
             dbg_stack_owner(d, sp, owner, sizeof owner));
    dbg_stack_rows(d, sp, rows, p);
}

/* --- log -------------------------------------------------------------------- */

/* Model calls, state changes and notes; not instructions or schedtrace blocks. */
static bool log_shows(const char *line)
{
    return !(line[0] >= '0' && line[0] <= '9') && strncmp(line, "  sched ", 8) != 0;
}

static void log_pane(dbg *d, int rows, pane *p)
{
    const steplog *l = &d->tl.log;
    size_t end = steplog_first_at(l, d->tl.pos), *idx = calloc((size_t)rows + 1, sizeof *idx);
    int k = 0, inside = dbg_inside_log(d, rows, NULL);   /* a model call stopped in, so far */
    for (size_t i = end; i-- > 0 && k < rows - inside;)
        if (log_shows(steplog_line(l, i)))
            idx[k++] = i;
    snprintf(p->title, sizeof p->title, "%s",
             d->mc.real ? "Log (instruction: syscalls, thread switches, signals)"
                        : "Log (step: model calls, changes)");
    if (!k && !inside)
        pane_add(p, PS_DIM, "(no model call yet)");
    uint64_t shown_step = UINT64_MAX;
    while (k-- > 0) {
        const steplog_ent *e = &l->ents[idx[k]];
        const char *text = steplog_line(l, idx[k]);
        text += strncmp(text, "  ", 2) == 0 ? 2 : 0;
        if (e->step != shown_step)
            pane_add(p, PS_NORMAL, "%6llu %s", (unsigned long long)e->step, text);
        else
            pane_add(p, PS_NORMAL, "       %s", text);
        shown_step = e->step;
    }
    dbg_inside_log(d, rows, p);
    free(idx);
}

void dbg_pane(dbg *d, pane_id which, int rows, int width, pane *p)
{
    pane_clear(p);
    rows = rows < 1 ? 1 : rows;
    switch (which) {
    case PANE_SOURCE: source_pane(d, rows, p); break;
    case PANE_DISASM: disasm_pane(d, rows, p); break;
    case PANE_REGS: regs_pane(d, width, p); break;
    case PANE_STACK: stack_pane(d, rows, p); break;
    case PANE_SCHED: dbg_sched_pane(d, width, p); break;
    case PANE_THREADS: dbg_threads_pane(d, width, p); break;
    case PANE_LOG: log_pane(d, rows, p); break;
    default: break;
    }
}

void dbg_status(dbg *d, char *buf, size_t len)
{
    machine *mc = &d->mc;
    uint64_t rip = dbg_reg(d, R_RIP), sp = dbg_reg(d, R_RSP);
    char sym[128], owner[64], state[64];
    if (mc->state == RUN_EXITED)
        snprintf(state, sizeof state, "exited, status %d", mc->exit_code);
    else if (mc->inside)   /* a model breakpoint: half way through the model call */
        snprintf(state, sizeof state, "at %s's entry", mc->inside);
    else
        snprintf(state, sizeof state, "%s", run_state_name(mc->state == RUN_STOPPED ? RUN_RUNNING
                                                                                     : mc->state));
    if (dbg_viewing_other(d))   /* thread N: whose registers the panes show */
        snprintf(state + strlen(state), sizeof state - strlen(state), " · thread %d",
                 dbg_view_tid(d));
    snprintf(buf, len, "step %llu · insn %llu · %s · %s · %s", (unsigned long long)d->tl.pos,
             (unsigned long long)emu_icount(mc->cpu),
             image_symbolize(&mc->img, rip, sym, sizeof sym),
             dbg_stack_owner(d, sp, owner, sizeof owner), state);
}
