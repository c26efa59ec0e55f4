/* Timeless navigation, as Tenet and QIRA have it: go to the instruction
 * that last wrote a Go field, a register or an address (whowrote) or that
 * writes it next (nextwrite), and to the previous or next execution of an
 * instruction (prevexec, nextexec).  Each lands on the instruction itself,
 * about to run (as gdb's reverse watchpoints stop), and never counts the
 * instruction at the current position: from a write, whowrote and
 * nextwrite go on to the write before and the write after it.
 *
 * A step writes memory when a CPU store overlaps it (emu_spy_writes) or
 * when the bytes differ after it (a model's write, the kernel's), and a
 * register when Capstone lists it among the instruction's outputs or its
 * value changed.  Going back scans the snapshot intervals newest first, as
 * reverse continue does (motion.c). */
#include "runtime_model/addr_name.h"
#include "sim/debug/debug.h"
#include <stdlib.h>
#include <string.h>

#define TARGET_MAX 64   /* bytes of memory a search watches: a gobuf fits */

typedef struct {
    bool reg;
    int r;                 /* reg: its emu_reg */
    uint64_t addr;         /* else TARGET's SIZE bytes at ADDR */
    uint32_t size;
    char what[128];        /* "g1.sched.sp", "$rsp", "[0xc000014658]" */
    char name[128];        /* memory: its Go name where the search began ("" if none) */
    char words[TARGET_MAX / 8][128];   /* and each word's, for a struct */
} wtarget;

typedef struct {
    dbg *d;
    const wtarget *t;
    bool spied;            /* a store hit the target in the step just made */
    uint64_t store;        /* the first such store's address */
    int store_size;
    bool have_prev;
    uint8_t prev[TARGET_MAX];
    uint64_t prev_rip;     /* the instruction the step just made ran */
    uint64_t limit;        /* back: steps ending after it do not count */
    bool found;
    uint64_t hit;          /* the step HIT-1 -> HIT wrote it */
    uint8_t old_v[TARGET_MAX], new_v[TARGET_MAX];
    uint64_t hit_store;    /* the store that wrote it (0: none, a model or the kernel did) */
    int hit_store_size;
} wscan;

static void spy(void *ctx, uint64_t addr, int size, uint64_t value)
{
    wscan *s = ctx;
    (void)value;
    if (!s->spied && addr < s->t->addr + s->t->size && addr + (uint64_t)size > s->t->addr)
        s->spied = true, s->store = addr, s->store_size = size;
}

static void read_target(dbg *d, const wtarget *t, uint8_t *buf)
{
    memset(buf, 0, TARGET_MAX);
    if (t->reg) {
        uint64_t v = emu_reg_get(d->mc.cpu, (emu_reg)t->r);
        memcpy(buf, &v, 8);
    } else if (emu_mapped(d->mc.cpu, t->addr, t->size)) {
        emu_read(d->mc.cpu, t->addr, buf, t->size);
    }
}

/* Does the instruction at PC name register R among its outputs? */
static bool insn_writes_reg(dbg *d, uint64_t pc, int r)
{
    uint8_t bytes[16];
    if (emu_read(d->mc.cpu, pc, bytes, sizeof bytes) != 0)
        return false;
    uint32_t w = disasm_writes(d->dis, pc, bytes, sizeof bytes);
    return w != EMU_REGS_ALL && (w & (1u << r));
}

/* After a step (or at the first position, HAVE_PREV false): did it write? */
static bool stepped_wrote(wscan *s, const uint8_t *now)
{
    if (!s->have_prev)
        return false;
    const wtarget *t = s->t;
    if (memcmp(s->prev, now, t->reg ? 8 : t->size) != 0 || s->spied)
        return true;
    return t->reg && insn_writes_reg(s->d, s->prev_rip, t->r);
}

static void next_visit(wscan *s, const uint8_t *now)
{
    memcpy(s->prev, now, TARGET_MAX);
    s->prev_rip = emu_reg_get(s->d->mc.cpu, R_RIP);
    s->spied = false;
    s->have_prev = true;
}

static void back_visit(void *ctx, timeline *tl, uint64_t q)
{
    wscan *s = ctx;
    uint8_t now[TARGET_MAX];
    (void)tl;
    read_target(s->d, s->t, now);
    if (q <= s->limit && stepped_wrote(s, now)) {
        s->found = true;
        s->hit = q;
        memcpy(s->old_v, s->prev, TARGET_MAX);
        memcpy(s->new_v, now, TARGET_MAX);
        s->hit_store = s->spied ? s->store : 0;
        s->hit_store_size = s->store_size;
    }
    next_visit(s, now);
}

/* Scan back from the current position, the nearest interval first. */
static void scan_back(dbg *d, tl_visit_fn visit, wscan *s)
{
    timeline *tl = &d->tl;
    for (uint64_t hi = tl->pos, n = 0;; n++) {
        /* A real program's snapshot replays from its start: after the
         * nearest intervals, one pass from the start is one replay. */
        uint64_t lo = d->mc.real && n >= 2 ? 0 : timeline_interval_start(tl, hi);
        s->have_prev = false;
        timeline_scan(tl, lo, hi, visit, s);
        if (s->found || lo == 0)
            return;
        hi = lo;
    }
}

static bool run_over(dbg *d)
{
    return d->mc.state != RUN_RUNNING && d->mc.state != RUN_STOPPED;
}

/* What an address is called: its Go field, a global, or just itself. */
static void name_addr(dbg *d, uint64_t addr, char *buf, size_t len)
{
    buf[0] = 0;
    go_namer_mem(d->tl.namer, addr, 8, buf, len);
    if (!buf[0])
        snprintf(buf, len, "[0x%llx]", (unsigned long long)addr);
}

/* EXPR: $reg, *ADDR or a number (8 bytes there), or a Go field or global
 * (the bytes it has at the current position, wherever that object is at
 * other positions).  0, or -1 with the reason on OUT. */
static int parse_target(dbg *d, const char *text, wtarget *t, FILE *out)
{
    char err[256];
    memset(t, 0, sizeof *t);
    if (!*text) {
        fprintf(out, "needs what was written: a Go field (g1.sched.sp), a register ($rsp) or "
                "an address (*0xc000014658)\n");
        return -1;
    }
    dexpr e;
    if (text[0] == '$') {
        if (dexpr_parse(&d->mc, text, &e, err, sizeof err) != 0) {
            fprintf(out, "%s\n", err);
            return -1;
        }
        t->reg = true, t->r = e.reg;
        snprintf(t->what, sizeof t->what, "%s", text);
        return 0;
    }
    if (text[0] == '*' || (text[0] >= '0' && text[0] <= '9') || text[0] == '&') {
        if (daddr_parse(&d->mc, text + (text[0] == '*'), &t->addr, err, sizeof err) != 0) {
            fprintf(out, "%s\n", err);
            return -1;
        }
        t->size = 8;
        name_addr(d, t->addr, t->what, sizeof t->what);
        return 0;
    }
    if (dexpr_parse(&d->mc, text, &e, err, sizeof err) != 0) {
        fprintf(out, "%s\n", err);
        return -1;
    }
    dval v = dexpr_eval(&d->mc, &e);
    if (!v.ok || e.size == 0 || e.size > TARGET_MAX) {
        char val[200];
        if (!v.ok)
            fprintf(out, "%s = %s\n", text, dexpr_show(&d->mc, &e, v, val, sizeof val));
        else
            fprintf(out, "%s is %u bytes: name one of its fields (p %s lists them)\n", text,
                    e.size, text);
        return -1;
    }
    t->addr = v.addr;
    t->size = e.size;
    snprintf(t->what, sizeof t->what, "%s", text);
    return 0;
}

static uint64_t le(const uint8_t *b, uint32_t n)
{
    uint64_t v = 0;
    memcpy(&v, b, n < 8 ? n : 8);
    return v;
}

/* "[0xc000014658]/8 g1.sched.sp 0xc000014fd8→0x0", as the trace writes a
 * store; "$rsp 0x…→0x…" for a register. */
static void show_change(const wtarget *t, const wscan *s, FILE *out)
{
    const uint8_t *o = s->old_v, *n = s->new_v;
    if (t->reg) {
        fprintf(out, "  %s 0x%llx→0x%llx\n", t->what, (unsigned long long)le(o, 8),
                (unsigned long long)le(n, 8));
        return;
    }
    fprintf(out, "  [0x%llx]/%u%s%s ", (unsigned long long)t->addr, t->size,
            t->name[0] ? " " : "", t->size <= 8 ? t->name : t->what);
    if (t->size <= 8) {
        fprintf(out, "0x%llx→0x%llx%s\n", (unsigned long long)le(o, t->size),
                (unsigned long long)le(n, t->size), memcmp(o, n, t->size) ? "" : " (the same value)");
        return;
    }
    /* A struct: the store that hit it, or each word that changed. */
    const char *sep = "";
    for (uint32_t i = 0; i < t->size; i += 8) {
        bool stored = s->hit_store && s->hit_store < t->addr + i + 8 &&
                      s->hit_store + (uint64_t)s->hit_store_size > t->addr + i;
        if (memcmp(o + i, n + i, 8) != 0 || stored) {
            fprintf(out, "%s%s 0x%llx→0x%llx", sep, t->words[i / 8], (unsigned long long)le(o + i, 8),
                    (unsigned long long)le(n + i, 8));
            sep = ", ";
        }
    }
    fprintf(out, "%s\n", memcmp(o, n, t->size) ? "" : " (the same value)");
}

/* At the writer, about to run: say which it is. */
static void show_writer(dbg *d, const wtarget *t, const wscan *s, FILE *out)
{
    uint64_t rip = emu_reg_get(d->mc.cpu, R_RIP);
    const image_sym *sym = image_sym_at(&d->mc.img, rip);
    char where[128];
    image_symbolize(&d->mc.img, rip, where, sizeof where);
    unsigned long long step = d->tl.pos, insn = emu_icount(d->mc.cpu);
    if (sym && sym->kind == SYM_MODEL)
        fprintf(out, "%s was written by the model %s (step %llu, after insn %llu)\n", t->what,
                where, step, insn);
    else
        fprintf(out, "%s was written by insn %llu (step %llu) at %s: %s\n", t->what, insn + 1,
                step, where, dbg_insn_text(d, rip));
    show_change(t, s, out);
}

static int start_spy(dbg *d, wtarget *t, wscan *s)
{
    if (!t->reg)
        go_namer_mem(d->tl.namer, t->addr, (int)t->size, t->name, sizeof t->name);
    for (uint32_t i = 0; !t->reg && i < t->size; i += 8) {
        go_namer_mem(d->tl.namer, t->addr + i, 8, t->words[i / 8], sizeof t->words[0]);
        if (!t->words[i / 8][0])
            snprintf(t->words[i / 8], sizeof t->words[0], "+%u", i);
    }
    return t->reg ? 0 : emu_spy_writes(d->mc.cpu, spy, s);
}

static int c_whowrote(dbg *d, const char *arg, FILE *out)
{
    wtarget t;
    if (parse_target(d, arg, &t, out) != 0)
        return DBG_ERROR;
    uint64_t from = d->tl.pos;
    if (from == 0) {
        fprintf(out, "At the start of the run: nothing ran before.\n");
        return DBG_ERROR;
    }
    wscan s = {.d = d, .t = &t, .limit = from};
    if (start_spy(d, &t, &s) != 0) {
        fprintf(out, "the emulator will not report memory writes\n");
        return DBG_ERROR;
    }
    scan_back(d, back_visit, &s);
    emu_spy_writes(d->mc.cpu, NULL, NULL);
    if (!s.found) {
        timeline_goto(&d->tl, from);
        fprintf(out, "Nothing wrote %s before this point (step %llu).\n", t.what,
                (unsigned long long)from);
        return DBG_ERROR;
    }
    timeline_goto(&d->tl, s.hit - 1);
    dbg_points_sync(d);
    show_writer(d, &t, &s, out);
    return DBG_MOVED;
}

static int c_nextwrite(dbg *d, const char *arg, FILE *out)
{
    wtarget t;
    if (parse_target(d, arg, &t, out) != 0)
        return DBG_ERROR;
    uint64_t from = d->tl.pos;
    wscan s = {.d = d, .t = &t};
    if (start_spy(d, &t, &s) != 0) {
        fprintf(out, "the emulator will not report memory writes\n");
        return DBG_ERROR;
    }
    timeline_step(&d->tl);   /* the instruction here is not the next one */
    uint8_t now[TARGET_MAX];
    while (!run_over(d)) {
        read_target(d, &t, now);
        next_visit(&s, now);
        timeline_step(&d->tl);
        read_target(d, &t, now);
        if (stepped_wrote(&s, now)) {
            s.found = true;
            s.hit_store = s.spied ? s.store : 0;
            s.hit_store_size = s.store_size;
            memcpy(s.old_v, s.prev, TARGET_MAX);
            memcpy(s.new_v, now, TARGET_MAX);
            break;
        }
    }
    emu_spy_writes(d->mc.cpu, NULL, NULL);
    if (!s.found) {
        unsigned long long end = d->tl.pos;
        timeline_goto(&d->tl, from);
        fprintf(out, "Nothing writes %s after this point: the run ends at step %llu.\n", t.what,
                end);
        return DBG_ERROR;
    }
    timeline_goto(&d->tl, d->tl.pos - 1);
    dbg_points_sync(d);
    show_writer(d, &t, &s, out);
    return DBG_MOVED;
}

/* --- executions of one instruction ---------------------------------------- */

typedef struct {
    uint64_t pc, limit, hit;
    bool found;
} xscan;

static void exec_visit(void *ctx, timeline *tl, uint64_t q)
{
    xscan *x = ctx;
    if (q < x->limit && emu_reg_get(tl->mc->cpu, R_RIP) == x->pc)
        x->found = true, x->hit = q;
}

/* LOC (a symbol, address or $reg), or the instruction at rip. */
static int exec_target(dbg *d, const char *arg, uint64_t *pc, FILE *out)
{
    char err[256];
    *pc = emu_reg_get(d->mc.cpu, R_RIP);
    if (*arg && daddr_parse(&d->mc, arg, pc, err, sizeof err) != 0) {
        fprintf(out, "%s\n", err);
        return -1;
    }
    return 0;
}

static void show_exec(dbg *d, const char *which, FILE *out)
{
    char where[128];
    uint64_t rip = emu_reg_get(d->mc.cpu, R_RIP);
    const image_sym *sym = image_sym_at(&d->mc.img, rip);
    unsigned long long step = d->tl.pos, insn = emu_icount(d->mc.cpu);
    image_symbolize(&d->mc.img, rip, where, sizeof where);
    if (sym && sym->kind == SYM_MODEL)
        fprintf(out, "%s call of the model %s (step %llu, after insn %llu)\n", which, where, step,
                insn);
    else
        fprintf(out, "%s execution of %s (step %llu, insn %llu): %s\n", which, where, step,
                insn + 1, dbg_insn_text(d, rip));
}

static int c_prevexec(dbg *d, const char *arg, FILE *out)
{
    xscan x = {.limit = d->tl.pos};
    if (exec_target(d, arg, &x.pc, out) != 0)
        return DBG_ERROR;
    timeline *tl = &d->tl;
    for (uint64_t hi = tl->pos, n = 0; hi > 0 && !x.found; n++) {
        uint64_t lo = d->mc.real && n >= 2 ? 0 : timeline_interval_start(tl, hi);
        timeline_scan(tl, lo, hi, exec_visit, &x);
        if (lo == 0)
            break;
        hi = lo;
    }
    if (!x.found) {
        char where[128];
        timeline_goto(tl, x.limit);
        fprintf(out, "%s did not run before this point (step %llu).\n",
                image_symbolize(&d->mc.img, x.pc, where, sizeof where),
                (unsigned long long)x.limit);
        return DBG_ERROR;
    }
    timeline_goto(tl, x.hit);
    dbg_points_sync(d);
    show_exec(d, "Previous", out);
    return DBG_MOVED;
}

static int c_nextexec(dbg *d, const char *arg, FILE *out)
{
    uint64_t pc, from = d->tl.pos;
    if (exec_target(d, arg, &pc, out) != 0)
        return DBG_ERROR;
    do
        timeline_step(&d->tl);
    while (!run_over(d) && emu_reg_get(d->mc.cpu, R_RIP) != pc);
    if (emu_reg_get(d->mc.cpu, R_RIP) != pc || d->tl.pos == from) {
        char where[128];
        unsigned long long end = d->tl.pos;
        timeline_goto(&d->tl, from);
        fprintf(out, "%s does not run again: the run ends at step %llu.\n",
                image_symbolize(&d->mc.img, pc, where, sizeof where), end);
        return DBG_ERROR;
    }
    dbg_points_sync(d);
    show_exec(d, "Next", out);
    return DBG_MOVED;
}

/* The commands this file adds, for cmd.c's table: see debug.h. */
int dbg_timeless_cmd(dbg *d, const char *word, const char *arg, FILE *out)
{
    static const struct { const char *name; int (*fn)(dbg *, const char *, FILE *); } cmds[] = {
        {"whowrote", c_whowrote},   {"prevwrite", c_whowrote}, {"nextwrite", c_nextwrite},
        {"whowrites", c_nextwrite}, {"prevexec", c_prevexec},  {"nextexec", c_nextexec},
    };
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        if (strcmp(word, cmds[i].name) == 0)
            return cmds[i].fn(d, arg, out);
    return -1;
}
