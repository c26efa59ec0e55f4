/* Go-style text for symbols and instructions, as `go tool asm -S` shows
 * them: middle dots become '.', a leading dot gets the "" package, file-
 * local "<>" is dropped, numbers are decimal and branch targets are pcs. */
#include "cpu/asm/internal.h"
#include <string.h>

void go_symname(const char *name, char *buf, size_t n)
{
    size_t o = 0;
    const char *s = name;
    if (strncmp(s, "\xc2\xb7", 2) == 0 && o + 2 < n) {
        buf[o++] = '"';
        buf[o++] = '"';
    }
    for (; *s && o + 1 < n; s++) {
        if (strncmp(s, "\xc2\xb7", 2) == 0) {
            buf[o++] = '.';
            s++;
        } else if (strncmp(s, "\xe2\x88\x95", 3) == 0) {
            buf[o++] = '/';
            s += 2;
        } else if (strncmp(s, "<>", 2) == 0) {
            s++;
        } else {
            buf[o++] = *s;
        }
    }
    buf[o] = 0;
}

static void cat(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void cat(char *buf, size_t n, const char *fmt, ...)
{
    size_t l = strlen(buf);
    if (l + 1 >= n)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + l, n - l, fmt, ap);
    va_end(ap);
}

static void offstr(char *b, size_t n, int64_t off)
{
    if (off)
        snprintf(b, n, "%+lld", (long long)off);
    else
        b[0] = 0;
}

static void print_mem(const aop *o, char *buf, size_t n)
{
    char sym[256], off[32];
    if (o->tls) {
        if (o->off)
            cat(buf, n, "%lld", (long long)o->off);
        cat(buf, n, "(TLS)");
        return;
    }
    switch (o->name) {
    case N_EXTERN:
    case N_STATIC:
        go_symname(o->sym, sym, sizeof sym);
        offstr(off, sizeof off, o->off);
        cat(buf, n, "%s%s%s(SB)", sym, o->name == N_STATIC ? "<>" : "", off);
        break;
    case N_PARAM:
    case N_AUTO:
        offstr(off, sizeof off, o->off);
        cat(buf, n, "%s%s(%s)", o->sym ? o->sym : "", off, o->name == N_PARAM ? "FP" : "SP");
        break;
    default:
        if (o->off || o->base == REG_NONE)
            cat(buf, n, "%lld", (long long)o->off);
        if (o->base != REG_NONE)
            cat(buf, n, "(%s)", reg_name(o->base));
    }
    if (o->index != REG_NONE)
        cat(buf, n, "(%s*%d)", reg_name(o->index), o->scale);
}

static void print_op(const atext *t, const prog *p, const aop *o, char *buf, size_t n)
{
    const aopdef *d = op_def(p->op);
    int w = d->width;
    if (o == &p->a[0] && strncmp(d->name, "MOVB", 4) == 0 && d->name[4])
        w = 1; /* MOVBLZX and friends: byte source */
    switch (o->k) {
    case A_REG:
        /* Byte-sized operations name their registers AL, SIB, R8B... */
        cat(buf, n, "%s", reg_name(w == 1 && o->reg < 16 ? o->reg + REG_BYTE : o->reg));
        break;
    case A_IMM: cat(buf, n, "$%lld", (long long)o->off); break;
    case A_ADDR:
        cat(buf, n, "$");
        print_mem(o, buf, n);
        break;
    case A_MEM:
        if ((d->flags & (OPF_CALL | OPF_JMP)) && o->sym && o->name != N_PARAM &&
            o->name != N_AUTO) {
            char sym[256]; /* direct branch: Go shows neither <> nor offset */
            go_symname(o->sym, sym, sizeof sym);
            cat(buf, n, "%s(SB)", sym);
        } else {
            print_mem(o, buf, n);
        }
        break;
    case A_BRANCH: {
        uint32_t pc = 0;
        if (p->target >= 0)
            pc = (size_t)p->target < t->np ? t->p[p->target].pc
                                           : t->p[t->np - 1].pc + t->p[t->np - 1].len;
        cat(buf, n, "%u", pc);
        break;
    }
    case A_TLS: cat(buf, n, "TLS"); break;
    case A_STR: cat(buf, n, "$\"%.*s\"", (int)o->strlen, o->str); break;
    case A_NONE: break;
    }
}

void prog_print(const atext *t, const prog *p, char *buf, size_t n)
{
    buf[0] = 0;
    const aopdef *d = op_def(p->op);
    cat(buf, n, "%s", d->name);
    for (int i = 0; i < p->nops; i++) {
        cat(buf, n, i ? ", " : "\t");
        print_op(t, p, &p->a[i], buf, n);
    }
}
