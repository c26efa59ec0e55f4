/* pwndbg-style pointer chains: what a value points to, and what that
 * holds, hop by hop: "→ g1.sched (gobuf) → sp c000014fd8",
 * "→ runtime·mainPC → runtime·main", "→ g1's stack → 4012c0 → runtime·main".
 * A hop names code (the chain ends there), a Go object's field (by the
 * runtime's names, addr_name.h), a global, or a goroutine's stack; then
 * the word there is the next value.  Values that name themselves (a *g as
 * g1, a status) end the chain. */
#include "runtime_model/addr_name.h"
#include "runtime_model/sched_view.h"
#include "sim/debug/debug.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define CHAIN_HOPS 3

static void add(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void add(char *buf, size_t len, const char *fmt, ...)
{
    size_t n = strlen(buf);
    va_list ap;
    va_start(ap, fmt);
    if (n < len)
        vsnprintf(buf + n, len - n, fmt, ap);
    va_end(ap);
}

static bool is_code(const image_sym *s)
{
    return s && (s->kind == SYM_TEXT || s->kind == SYM_MODEL);
}

/* Whose stack [lo, hi) holds A, into BUF (a g's, or the process stack
 * outside g0's); false if none's. */
static bool stack_of(dbg *d, uint64_t a, char *buf, size_t len)
{
    machine *mc = &d->mc;
    uint64_t gs = mc->m0 ? rd(mc, mc->m0, F_m_gsignal) : 0;
    int n = mc->allgs ? view_nallg(mc) : 0;
    for (int i = -2; i < n && i < VIEW_MAX; i++) {
        uint64_t g = i == -2 ? mc->g0 : i == -1 ? gs : view_allg(mc, i);
        if (!g)
            continue;
        uint64_t lo = rd2(mc, g, F_g_stack, F_stack_lo), hi = rd2(mc, g, F_g_stack, F_stack_hi);
        if (a < lo || a >= hi)
            continue;
        if (i == -2)
            snprintf(buf, len, "g0's stack");
        else if (i == -1)
            snprintf(buf, len, "m0.gsignal's stack");
        else
            snprintf(buf, len, "g%llu's stack", (unsigned long long)rd(mc, g, F_g_goid));
        return true;
    }
    const sim_config *c = mc->cfg;
    if (c && c->stack_size && a < c->stack_top && a >= c->stack_top - c->stack_size) {
        snprintf(buf, len, "the process stack");
        return true;
    }
    return false;
}

/* The printable text at A (a NUL-terminated string of 2 to LEN-1
 * characters), as pwndbg shows argv[0]; false if it is not one. */
static bool c_string(machine *mc, uint64_t a, char *buf, size_t len)
{
    size_t n = 0;
    for (; n + 1 < len && n < 48; n++) {
        uint8_t ch;
        if (emu_read(mc->cpu, a + n, &ch, 1) != 0)
            return false;
        if (!ch)
            break;
        if (ch < 0x20 || ch > 0x7e || ch == '"')
            return false;
        buf[n] = (char)ch;
    }
    buf[n] = 0;
    return n >= 2 && n < 48;
}

/* One hop from V (an address): its name into BUF, the word there in *NEXT;
 * false when V points nowhere known.  *END: the chain stops after it. */
static bool hop(dbg *d, uint64_t v, char *buf, size_t len, uint64_t *next, bool *end)
{
    machine *mc = &d->mc;
    const image_sym *s = v ? image_sym_at(&mc->img, v) : NULL;
    char sym[128], val[96];
    *end = false;
    if (is_code(s)) {
        add(buf, len, " → %s", image_symbolize(&mc->img, v, sym, sizeof sym));
        *end = true;
        return true;
    }
    go_place p;
    if (!v || !emu_mapped(mc->cpu, v, 8))
        return false;
    if (go_namer_find(d->tl.namer, v, &p)) {
        const go_field *f = p.field;
        uint32_t size = f && f->size <= 8 && f->kind != KIND_ARRAY && f->kind != KIND_STRUCT
                            ? f->size : 8;
        uint64_t w = emu_read_u(mc->cpu, v, (int)size);
        if (f && f->kind == KIND_I32 && size == 4)
            w = (uint64_t)(int64_t)(int32_t)w;
        if (p.top_type && strcmp(p.top, p.path) != 0)   /* a struct starts here: it, then its first field */
            add(buf, len, " → %s (%s) → %s", p.top, p.top_type, p.path + strlen(p.top) + 1);
        else
            add(buf, len, " → %s", p.path);
        bool named = f && f->kind != KIND_UPTR && f->kind != KIND_U64 && f->kind != KIND_I64;
        if (named && f->kind != KIND_STRUCT && f->kind != KIND_ARRAY && f->kind != KIND_OPAQUE) {
            add(buf, len, " %s", val_text(mc, f->kind, w, val, sizeof val));
            *end = true;   /* g1, _Grunning, a number: nothing to follow */
        } else {
            add(buf, len, " %llx", (unsigned long long)w);
        }
        *next = w;
        return true;
    }
    if (c_string(mc, v, val, sizeof val)) {
        add(buf, len, " → \"%s\"", val);
        *end = true;
        return true;
    }
    char slot[64];
    annotate_slot(mc, v, 0, slot, sizeof slot);   /* argv[0], envp[1], auxv ... */
    if (slot[0] || stack_of(d, v, val, sizeof val)) {
        *next = emu_read_u(mc->cpu, v, 8);
        add(buf, len, " → %s → %llx", slot[0] ? slot : val, (unsigned long long)*next);
        return true;
    }
    return false;
}

const char *dbg_chain(dbg *d, uint64_t v, char *buf, size_t len)
{
    buf[0] = 0;
    for (int i = 0; i < CHAIN_HOPS; i++) {
        uint64_t next = 0;
        bool end;
        if (!hop(d, v, buf, len, &next, &end))
            break;
        if (end || next == v)
            break;
        v = next;
    }
    return buf;
}

/* --- in the panes ---------------------------------------------------------- */

void dbg_reg_chains(dbg *d, const emu_regs *now, pane *p)
{
    char c[400];
    for (int r = 0; r < 16; r++)
        if (dbg_chain(d, now->r[r], c, sizeof c)[0])
            pane_add(p, PS_DIM, "%-3s %llx%s", emu_reg_names[r], (unsigned long long)now->r[r], c);
}

static int reg_named(const char *s, size_t n)
{
    for (int r = 0; r < EMU_NREGS; r++)
        if (strlen(emu_reg_names[r]) == n && strncmp(s, emu_reg_names[r], n) == 0)
            return r;
    return -1;
}

/* The address of Capstone's memory operand "[rbx + rcx*8 + 0x10]" (with
 * an "fs:" before it), the instruction being at RIP, SIZE bytes long;
 * false for forms it does not know (32-bit registers). */
static bool operand_addr(dbg *d, const char *text, uint64_t rip, size_t size, uint64_t *ea)
{
    const char *open = strchr(text, '['), *close = open ? strchr(open, ']') : NULL;
    if (!close)
        return false;
    *ea = open - text >= 3 && strncmp(open - 3, "fs:", 3) == 0 ? dbg_reg(d, R_FS_BASE) : 0;
    int sign = 1;
    for (const char *p = open + 1; p < close;) {
        while (*p == ' ')
            p++;
        size_t n = strcspn(p, " *]");
        uint64_t v;
        int r = reg_named(p, n);
        if (r == R_RIP)
            v = rip + size;
        else if (r >= 0)
            v = dbg_reg(d, (emu_reg)r);
        else if (*p >= '0' && *p <= '9')
            v = strtoull(p, NULL, 0);
        else
            return false;
        p += n;
        if (*p == '*') {
            v *= strtoull(p + 1, NULL, 0);
            p += 1 + strcspn(p + 1, " ]");
        }
        *ea += sign > 0 ? v : -v;
        while (*p == ' ')
            p++;
        if (*p == '+' || *p == '-')
            sign = *p++ == '-' ? -1 : 1;
    }
    return true;
}

/* Under the instruction about to run: where its memory operand points and
 * what its register operands hold, as chains ("" when nothing is known). */
const char *dbg_operand_chains(dbg *d, uint64_t rip, char *buf, size_t len)
{
    const char *text = dbg_insn_text(d, rip);
    char c[400];
    uint64_t ea;
    buf[0] = 0;
    if (operand_addr(d, text, rip, dbg_insn_size(d, rip), &ea) && dbg_chain(d, ea, c, sizeof c)[0])
        add(buf, len, "[%llx]%s", (unsigned long long)ea, c);
    const char *open = strchr(text, '['), *close = open ? strchr(open, ']') : NULL;
    for (const char *p = strchr(text, ' '); p && *p;) {   /* register operands outside [] */
        p += strspn(p, " ,");
        size_t n = strcspn(p, " ,");
        int r = open && p > open && p < close ? -1 : reg_named(p, n);
        if (r >= 0 && r < 16 && dbg_chain(d, dbg_reg(d, (emu_reg)r), c, sizeof c)[0])
            add(buf, len, "%s%s %llx%s", buf[0] ? "  " : "", emu_reg_names[r],
                (unsigned long long)dbg_reg(d, (emu_reg)r), c);
        p += n;
    }
    return buf;
}

/* What the memory at A is, for the Stack pane's region lines: a stack, a
 * runtime object ("allgs", "g2"), a global, or "" (nothing known). */
static void region_of(dbg *d, uint64_t a, char *buf, size_t len)
{
    go_place p;
    buf[0] = 0;
    if (stack_of(d, a, buf, len))
        return;
    if (go_namer_find(d->tl.namer, a, &p)) {
        size_t n = strcspn(p.path, ".[+");
        snprintf(buf, len, "%.*s", (int)n, p.path);
    }
}

void dbg_stack_rows(dbg *d, uint64_t sp, int rows, pane *p)
{
    machine *mc = &d->mc;
    char region[96], was[96] = "";
    for (int i = 0; i < rows; i++) {
        uint64_t a = sp + 8 * (uint64_t)i, v;
        char note[400], slot[128] = "";
        if (!emu_mapped(mc->cpu, a, 8)) {
            pane_add(p, PS_DIM, "  %llx  (not mapped)", (unsigned long long)a);
            break;
        }
        region_of(d, a, region, sizeof region);
        if (i && strcmp(region, was) != 0)   /* the rows leave the stack they started on */
            pane_add(p, PS_DIM, "  ── %s%s%s%s", strstr(was, "'s stack") ? "past " : "", was,
                     strstr(was, "'s stack") ? ".hi: " : was[0] ? ", then: " : "",
                     region[0] ? region : "no known object");
        snprintf(was, sizeof was, "%s", region);
        if (!strstr(region, "stack"))   /* a slot of an object: its field */
            go_namer_mem(d->tl.namer, a, 8, slot, sizeof slot);
        v = emu_read_u(mc->cpu, a, 8);
        annotate_slot(mc, a, 0, note, sizeof note);   /* argc, argv[i], auxv ... */
        if (!note[0] && dbg_chain(d, v, note, sizeof note)[0])
            memmove(note, note + 1, strlen(note));    /* the leading space */
        if (!note[0])
            annotate_slot(mc, a, v, note, sizeof note);
        pane_add(p, i ? PS_NORMAL : PS_CURRENT, "%s%llx %-12llx %s%s%s", i ? "  " : "=>",
                 (unsigned long long)a, (unsigned long long)v, slot, slot[0] && note[0] ? " " : "",
                 note);
    }
}
