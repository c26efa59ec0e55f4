/* list [LOC] and disas [LOC], as gdb prints them: ten source lines
 * centred on LOC (a bare list goes on where the last stopped), and a
 * function's instructions with => at pc. */
#include "sim/debug/cmd.h"
#include <stdlib.h>
#include <string.h>

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* LOC -> the line to centre on: FILE:LINE, LINE (in the current file), a
 * function or an address; none: the selected frame's line. */
static const image_line *list_target(dbg *d, const char *arg, int *line, FILE *out)
{
    uint64_t addr;
    if (!*arg) {
        dbg_frame f[DBG_MAX_FRAMES];
        int n = dbg_cpu_frames(d, f, DBG_MAX_FRAMES), i = d->frame < n ? d->frame : 0;
        addr = i ? f[i].pc - 1 : f[i].pc;
    } else if (strspn(arg, "0123456789") == strlen(arg)) {   /* LINE of the current file */
        const image_line *cur = image_line_at(&d->mc.img, dbg_view_pc(d));
        if (!cur && !d->list_file) {
            fprintf(out, "no current source file: list FILE:LINE or list FUNCTION\n");
            return NULL;
        }
        static image_line at;
        at = (image_line){0, 0, d->list_file ? d->list_file : cur->file, atoi(arg), false};
        *line = at.line;
        return &at;
    } else if (dbg_resolve_loc(d, arg, &addr, out) != 0) {
        return NULL;
    }
    const image_line *ln = image_line_at(&d->mc.img, addr);
    if (!ln) {
        char sym[160];
        fprintf(out, "no source line for 0x%llx (%s)\n", (unsigned long long)addr,
                image_symbolize(&d->mc.img, addr, sym, sizeof sym));
        return NULL;
    }
    *line = ln->line;
    return ln;
}

int cmd_list(dbg *d, const char *arg, FILE *out)
{
    const char *file;
    int first;
    if (!*arg && d->list_file) {   /* on from the last list */
        file = d->list_file;
        first = d->list_next;
    } else {
        int line;
        const image_line *ln = list_target(d, arg, &line, out);
        if (!ln)
            return DBG_ERROR;
        file = ln->file;
        first = line - 5 > 1 ? line - 5 : 1;
    }
    const source_file *f = sources_find(&d->src, file);
    if (!f) {
        fprintf(out, "%s: the source file is not here\n", file);
        return DBG_ERROR;
    }
    if (first > f->nlines) {
        fprintf(out, "Line number %d out of range; \"%s\" has %d lines.\n", first, base_name(file),
                f->nlines);
        return DBG_ERROR;
    }
    int last = first + 9 < f->nlines ? first + 9 : f->nlines;
    for (int l = first; l <= last; l++)
        fprintf(out, "%d\t%s\n", l, f->lines[l - 1]);
    d->list_file = file;
    d->list_next = last + 1;
    return DBG_OK;
}

void dbg_insn_symbolic(dbg *d, uint64_t pc, char *out, size_t len)
{
    const char *text = dbg_insn_text(d, pc);
    const char *hex = strstr(text, " 0x");
    uint64_t t = hex && (text[0] == 'j' || text[0] == 'c') ? strtoull(hex + 1, NULL, 16) : 0;
    const image_sym *s = t ? image_sym_at(&d->mc.img, t) : NULL;
    char sym[160];
    if (s && (s->kind == SYM_TEXT || s->kind == SYM_MODEL))
        snprintf(out, len, "%s <%s>", text, image_symbolize(&d->mc.img, t, sym, sizeof sym));
    else
        snprintf(out, len, "%s", text);
}

int cmd_disas(dbg *d, const char *arg, FILE *out)
{
    uint64_t addr = dbg_view_pc(d);   /* the selected frame's, of the thread shown */
    if (*arg && dbg_resolve_loc(d, arg, &addr, out) != 0)
        return DBG_ERROR;
    const image_sym *s = image_sym_at(&d->mc.img, addr);
    if (!s || addr >= s->addr + (s->size ? s->size : 1)) {
        fprintf(out, "No function contains specified address 0x%llx.\n", (unsigned long long)addr);
        return DBG_ERROR;
    }
    if (s->kind == SYM_MODEL) {
        fprintf(out, "%s is modelled in C (runtime_model/, docs/models.md): its stub at 0x%llx "
                "is not executed; one step runs the whole call.\n", s->name,
                (unsigned long long)s->addr);
        return DBG_OK;
    }
    uint64_t rip = dbg_view_pc(d);
    fprintf(out, "Dump of assembler code for function %s:\n", s->name);
    uint64_t end = s->addr + s->size;
    for (uint64_t a = s->addr, k = 0; a < end && k < 10000; k++) {
        size_t n = dbg_insn_size(d, a);
        char text[300];
        if (!n) {
            fprintf(out, "%s0x%016llx <+%llu>:\t(bad)\n", a == rip ? "=> " : "   ",
                    (unsigned long long)a, (unsigned long long)(a - s->addr));
            break;
        }
        dbg_insn_symbolic(d, a, text, sizeof text);
        fprintf(out, "%s0x%016llx <+%llu>:\t%s\n", a == rip ? "=> " : "   ", (unsigned long long)a,
                (unsigned long long)(a - s->addr), text);
        a += n;
    }
    fprintf(out, "End of assembler dump.\n");
    return DBG_OK;
}
