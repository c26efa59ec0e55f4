/* p[/F] EXPR, x[/NFU] ADDR, telescope and display, laid out as gdb (and
 * pwndbg, for telescope) lay them out. */
#include "sim/debug/calc.h"
#include "sim/debug/cmd.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* --- formats ------------------------------------------------------------- */

static long long as_signed(uint64_t v, int size)
{
    return size == 8 ? (int64_t)v : size == 4 ? (int32_t)v : size == 2 ? (int16_t)v : (int8_t)v;
}

/* A char as gdb writes it inside quotes: 'a', '\n', '\001'. */
static void char_text(unsigned ch, char *buf, size_t len)
{
    static const char esc[] = "\a\b\f\n\r\t\v\\'\"";
    static const char name[] = "abfnrtv\\'\"";
    const char *e = ch ? strchr(esc, (int)ch) : NULL;
    if (e)
        snprintf(buf, len, "\\%c", name[e - esc]);
    else if (ch >= 0x20 && ch < 0x7f)
        snprintf(buf, len, "%c", ch);
    else
        snprintf(buf, len, "\\%03o", ch & 0xff);
}

/* V, of SIZE bytes, in format F; ZEROS: x and t pad to the size, as x/NFU does. */
static void format_value(dbg *d, uint64_t v, int size, char f, bool zeros, char *buf, size_t len)
{
    if (size < 8)
        v &= (1ULL << (8 * size)) - 1;
    char sym[160], c[8];
    const image_sym *s;
    switch (f) {
    case 'd': snprintf(buf, len, "%lld", as_signed(v, size)); break;
    case 'u': snprintf(buf, len, "%llu", (unsigned long long)v); break;
    case 'o': snprintf(buf, len, v ? "0%llo" : "0", (unsigned long long)v); break;
    case 'c':
        char_text((unsigned)(v & 0xff), c, sizeof c);
        snprintf(buf, len, "%lld '%s'", as_signed(v, 1), c);
        break;
    case 't': {
        int bits = zeros ? 8 * size : 1, n = 0;
        for (int b = 63; b >= 0; b--)
            if (b < bits || v >> b & 1)
                n += snprintf(buf + n, len - (size_t)n, "%d", (int)(v >> b & 1)), bits = b;
        break;
    }
    case 'a':
        s = v ? image_sym_at(&d->mc.img, v) : NULL;
        if (s && v < s->addr + (s->size ? s->size : 1))
            snprintf(buf, len, "0x%llx <%s>", (unsigned long long)v,
                     image_symbolize(&d->mc.img, v, sym, sizeof sym));
        else
            snprintf(buf, len, "0x%llx", (unsigned long long)v);
        break;
    default:
        snprintf(buf, len, "0x%0*llx", zeros ? 2 * size : 1, (unsigned long long)v);
    }
}

/* "0x404228 <runtime·m0+144>" for an address inside a symbol, else "0xc000014fd8". */
static void addr_label(dbg *d, uint64_t a, char *buf, size_t len)
{
    const image_sym *s = image_sym_at(&d->mc.img, a);
    char sym[160];
    if (s && a >= s->addr && a < s->addr + s->size)
        snprintf(buf, len, "0x%llx <%s>", (unsigned long long)a,
                 image_symbolize(&d->mc.img, a, sym, sizeof sym));
    else
        snprintf(buf, len, "0x%llx", (unsigned long long)a);
}

/* --- p ------------------------------------------------------------------- */

/* "/x" -> 'x'; 0 for none, -1 (message on OUT) for a bad one. */
static int print_format(const char **arg, FILE *out)
{
    if (**arg != '/')
        return 0;
    char f = (*arg)[1];
    if (!f || !strchr("xduotca", f) || ((*arg)[2] && (*arg)[2] != ' ')) {
        fprintf(out, "p/F: F is x (hex), d (signed), u (unsigned), o (octal), t (binary), "
                "c (char) or a (address)\n");
        return -1;
    }
    *arg += 2;
    while (**arg == ' ')
        (*arg)++;
    return f;
}

/* An expression dexpr takes whole: a register, a Go field, a global. */
static bool print_plain(dbg *d, const char *arg, int fmt, FILE *out)
{
    dexpr e;
    char err[256], val[200];
    if (dexpr_parse(&d->mc, arg, &e, err, sizeof err) != 0)
        return false;
    if (!fmt && dexpr_print_struct(&d->mc, &e, out))
        return true;
    dval v = dexpr_eval(&d->mc, &e);
    dcalc_regs fr;
    const dcalc_regs *regs = e.what == DX_REG ? cmd_frame_regs(d, &fr) : NULL;
    if (regs && regs->set[e.reg])   /* frame N's $pc, $sp, $rbp */
        v.v = regs->v[e.reg];
    if (fmt && v.ok && e.size <= 8)
        format_value(d, v.v, (int)e.size, (char)fmt, false, val, sizeof val);
    else
        dexpr_show(&d->mc, &e, v, val, sizeof val);
    fprintf(out, "%s = %s\n", arg, val);
    return true;
}

int cmd_print(dbg *d, const char *arg, FILE *out)
{
    int fmt = print_format(&arg, out);
    if (fmt < 0)
        return DBG_ERROR;
    if (!*arg) {
        fprintf(out, "p needs an expression: a register ($rip), a Go field (sched.goidgen, "
                "g1.atomicstatus, allp[0].runnext), arithmetic ($rsp+8), &g1.sched\n");
        return DBG_ERROR;
    }
    if (print_plain(d, arg, fmt, out))
        return DBG_OK;
    uint64_t v;
    bool ptr;
    char err[256], val[200], sym[160];
    dcalc_regs fr;
    if (dcalc(&d->mc, cmd_frame_regs(d, &fr), arg, false, &v, &ptr, err, sizeof err) != 0) {
        fprintf(out, "%s\n", err);
        return DBG_ERROR;
    }
    if (fmt)
        format_value(d, v, 8, (char)fmt, false, val, sizeof val);
    else if (ptr && image_sym_at(&d->mc.img, v) && v)
        snprintf(val, sizeof val, "0x%llx <%s>", (unsigned long long)v,
                 image_symbolize(&d->mc.img, v, sym, sizeof sym));
    else if (ptr)
        snprintf(val, sizeof val, "0x%llx", (unsigned long long)v);
    else
        snprintf(val, sizeof val, "%lld", (long long)v);
    fprintf(out, "%s = %s\n", arg, val);
    return DBG_OK;
}

/* --- x ------------------------------------------------------------------- */

/* /NFU after x: the count, format and unit in any order. */
static int parse_nfu(dbg *d, const char **arg, long *n, char *fmt, char *size, FILE *out)
{
    const char *p = *arg;
    *n = 1;
    *fmt = d->x_fmt ? d->x_fmt : 'x';
    *size = d->x_size ? d->x_size : 'w';
    if (*p != '/')
        return 0;
    p++;
    if (isdigit((unsigned char)*p))
        *n = strtol(p, (char **)&p, 10);
    bool sized = false;
    for (; *p && *p != ' '; p++)
        if (strchr("bhwg", *p))
            *size = *p, sized = true;
        else if (strchr("xduotacsi", *p))
            *fmt = *p;
        else {
            fprintf(out, "x/NFU: F is x, d, u, o, t, a, c, s or i; U is b, h, w or g\n");
            return -1;
        }
    if (*fmt == 'a' && !sized)
        *size = 'g';
    if (*fmt == 'c' && !sized)
        *size = 'b';
    *arg = p;
    return 0;
}

/* x/s: N strings from ADDR, each to its NUL (200 characters at most). */
static uint64_t x_strings(dbg *d, uint64_t a, long n, FILE *out)
{
    for (long i = 0; i < n; i++) {
        char label[200], c[8];
        addr_label(d, a, label, sizeof label);
        fprintf(out, "%s:\t\"", label);
        int k = 0;
        for (; k < 200 && emu_mapped(d->mc.cpu, a, 1); k++, a++) {
            unsigned ch = (unsigned)emu_read_u(d->mc.cpu, a, 1);
            if (!ch)
                break;
            char_text(ch, c, sizeof c);
            fputs(ch == '\'' ? "'" : c, out);
        }
        fprintf(out, k == 200 ? "\"...\n" : "\"\n");
        a++;
    }
    return a;
}

/* x/i: N instructions from ADDR; => marks pc. */
static uint64_t x_insns(dbg *d, uint64_t a, long n, FILE *out)
{
    uint64_t rip = dbg_view_pc(d);
    for (long i = 0; i < n; i++) {
        char label[200];
        size_t len = dbg_insn_size(d, a);
        addr_label(d, a, label, sizeof label);
        if (!len) {
            fprintf(out, "%s%s:\t(bad)\n", a == rip ? "=> " : "   ", label);
            return a + 1;
        }
        char text[300];
        dbg_insn_symbolic(d, a, text, sizeof text);
        fprintf(out, "%s%s:\t%s\n", a == rip ? "=> " : "   ", label, text);
        a += len;
    }
    return a;
}

/* N units of SIZE bytes, gdb's count to a line (8 bytes or halves, 4
 * words, 2 giants), each line labelled with its address. */
static int x_units(dbg *d, uint64_t a, long n, char fmt, int size, uint64_t *next, FILE *out)
{
    int per_line = size == 8 ? 2 : size == 4 ? 4 : 8;
    for (long i = 0; i < n; i++) {
        if (!emu_mapped(d->mc.cpu, a, (size_t)size)) {
            fprintf(out, "%sCannot access memory at address 0x%llx\n", i % per_line ? "\n" : "",
                    (unsigned long long)a);
            *next = a;
            return DBG_ERROR;
        }
        char label[200], val[200];
        if (i % per_line == 0) {
            addr_label(d, a, label, sizeof label);
            fprintf(out, "%s:", label);
        }
        format_value(d, emu_read_u(d->mc.cpu, a, size), size, fmt, true, val, sizeof val);
        fprintf(out, "\t%s%s", val, i % per_line == per_line - 1 || i == n - 1 ? "\n" : "");
        a += (uint64_t)size;
    }
    *next = a;
    return DBG_OK;
}

int cmd_examine(dbg *d, const char *arg, FILE *out)
{
    long n;
    char fmt, size, err[256];
    if (parse_nfu(d, &arg, &n, &fmt, &size, out))
        return DBG_ERROR;
    while (*arg == ' ')
        arg++;
    uint64_t addr = d->x_next;
    dcalc_regs fr;
    if (*arg && dcalc(&d->mc, cmd_frame_regs(d, &fr), arg, true, &addr, NULL, err, sizeof err) != 0) {
        fprintf(out, "%s\n", err);
        return DBG_ERROR;
    }
    if (!*arg && !d->x_used)
        addr = dbg_reg(d, R_RSP);
    if (n > 4096)
        n = 4096;
    d->x_fmt = fmt, d->x_size = size, d->x_used = true;
    int rc = DBG_OK;
    if (fmt == 's')
        d->x_next = x_strings(d, addr, n, out);
    else if (fmt == 'i')
        d->x_next = x_insns(d, addr, n, out);
    else
        rc = x_units(d, addr, n, fmt, size == 'b' ? 1 : size == 'h' ? 2 : size == 'w' ? 4 : 8,
                     &d->x_next, out);
    return rc;
}

/* pwndbg's telescope [ADDR [N]]: N words from ADDR (rsp), each with the
 * registers pointing there and what the word is (the Stack pane's words). */
int cmd_telescope(dbg *d, const char *arg, FILE *out)
{
    char *text = strdup(arg), err[256];
    long n = 8;
    char *sp = strrchr(text, ' ');
    if (sp && strspn(sp + 1, "0123456789") == strlen(sp + 1) && sp[1]) {
        n = strtol(sp + 1, NULL, 10);
        *sp = 0;
    } else if (*text && strspn(text, "0123456789") == strlen(text) && !strchr(text, 'x')) {
        n = strtol(text, NULL, 10);
        *text = 0;
    }
    uint64_t a = dbg_reg(d, R_RSP);
    dcalc_regs fr;
    int rc = *text ? dcalc(&d->mc, cmd_frame_regs(d, &fr), text, true, &a, NULL, err, sizeof err) : 0;
    free(text);
    if (rc) {
        fprintf(out, "%s\n", err);
        return DBG_ERROR;
    }
    for (long i = 0; i < n && i < 4096; i++, a += 8) {
        if (!emu_mapped(d->mc.cpu, a, 8)) {
            fprintf(out, "Cannot access memory at address 0x%llx\n", (unsigned long long)a);
            return DBG_ERROR;
        }
        uint64_t v = emu_read_u(d->mc.cpu, a, 8);
        char note[200] = "", regs[64] = "";
        annotate_slot(&d->mc, a, v, note, sizeof note);
        for (int r = 0; r < 16; r++)
            if (dbg_reg(d, (emu_reg)r) == a && strlen(regs) + 6 < sizeof regs)
                snprintf(regs + strlen(regs), sizeof regs - strlen(regs), "%s ", emu_reg_names[r]);
        fprintf(out, "%02ld:%04lx│ %s0x%llx: 0x%016llx%s%s\n", i, (unsigned long)(i * 8), regs,
                (unsigned long long)a, (unsigned long long)v, note[0] ? "  " : "", note);
    }
    return DBG_OK;
}

/* --- display ------------------------------------------------------------- */

static void show_display(dbg *d, const dbg_display *x, FILE *out)
{
    if (x->cmd[0] == 'x') {
        fprintf(out, "%d: %s\n", x->id, x->cmd);
        cmd_examine(d, x->cmd + 1, out);
        return;
    }
    fprintf(out, "%d: ", x->id);
    cmd_print(d, x->cmd + 1 + (x->cmd[1] == ' '), out);
}

void dbg_show_displays(dbg *d, FILE *out)
{
    bool keep = d->x_used;   /* displays do not move a bare x on */
    uint64_t next = d->x_next;
    char f = d->x_fmt, s = d->x_size;
    for (int i = 0; i < d->ndisp; i++)
        show_display(d, &d->disp[i], out);
    d->x_used = keep, d->x_next = next, d->x_fmt = f, d->x_size = s;
}

/* display[/F] EXPR: as p, or as x for the formats only x has (i, s) or a
 * count or unit (display/2i $pc, display/4gx $rsp). */
int cmd_display(dbg *d, const char *arg, FILE *out)
{
    if (!*arg) {
        dbg_show_displays(d, out);
        return DBG_OK;
    }
    size_t flen = *arg == '/' ? strcspn(arg, " ") : 0;
    const char *expr = arg + flen + strspn(arg + flen, " ");
    if (!*expr) {
        fprintf(out, "display needs an expression (display sched.goidgen, display/i $pc)\n");
        return DBG_ERROR;
    }
    bool as_x = flen && strcspn(arg, "isbhwg0123456789") < flen;
    dbg_display x = {.id = d->next_disp + 1};
    snprintf(x.cmd, sizeof x.cmd, "%s%.*s %s", as_x ? "x" : "p", (int)flen, arg, expr);
    /* Shown once now; refused if it does not evaluate, as gdb does. */
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    int rc = as_x ? cmd_examine(d, x.cmd + 1, m) : cmd_print(d, x.cmd + 1 + (x.cmd[1] == ' '), m);
    fclose(m);
    if (rc & DBG_ERROR) {
        fputs(buf, out);
        free(buf);
        return DBG_ERROR;
    }
    free(buf);
    d->disp = realloc(d->disp, (size_t)(d->ndisp + 1) * sizeof *d->disp);
    d->disp[d->ndisp++] = x;
    d->next_disp++;
    show_display(d, &x, out);
    return DBG_OK;
}

int cmd_undisplay(dbg *d, const char *arg, FILE *out)
{
    if (!*arg) {
        d->ndisp = 0;
        return DBG_OK;
    }
    for (const char *p = arg; *p;) {
        char *end;
        long id = strtol(p, &end, 10);
        int i = 0;
        while (i < d->ndisp && d->disp[i].id != id)
            i++;
        if (end == p || i == d->ndisp) {
            fprintf(out, "no display number %.*s (info display lists them)\n", (int)strcspn(p, " "), p);
            return DBG_ERROR;
        }
        memmove(&d->disp[i], &d->disp[i + 1], (size_t)(d->ndisp - i - 1) * sizeof *d->disp);
        d->ndisp--;
        for (p = end; *p == ' '; p++)
            ;
    }
    return DBG_OK;
}

int cmd_info_display(dbg *d, const char *arg, FILE *out)
{
    (void)arg;
    if (!d->ndisp) {
        fprintf(out, "There are no auto-display expressions now.\n");
        return DBG_OK;
    }
    fprintf(out, "Auto-display expressions now in effect:\nNum Enb Expression\n");
    for (int i = 0; i < d->ndisp; i++) {
        const char *c = d->disp[i].cmd;
        fprintf(out, "%d:   y  %s\n", d->disp[i].id, c + 1 + (c[1] == ' '));
    }
    return DBG_OK;
}
