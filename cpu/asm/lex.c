/* Tokeniser: source text to tokens with file:line:col positions.
 * Newlines become TK_EOL tokens (statements and directives end there);
 * a backslash before a newline joins lines but leaves a ';' behind. */
#include "cpu/asm/internal.h"
#include "cpu/readfile.h"
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

void tokvec_push(tokvec *v, tok t)
{
    v->t = grow(v->t, &v->cap, v->n + 1, sizeof *v->t);
    v->t[v->n++] = t;
}

void tokvec_free(tokvec *v)
{
    for (size_t i = 0; i < v->n; i++)
        free(v->t[i].s);
    free(v->t);
    v->t = NULL;
    v->n = v->cap = 0;
}

bool tok_is(const tok *t, const char *punct)
{
    return t->k == TK_PUNCT && strcmp(t->s, punct) == 0;
}

/* Identifier characters: ASCII letters, digits, '_' and any UTF-8 byte, so
 * the middle dot (U+00B7) and division slash (U+2215) Go uses fit in. */
static bool ident_start(unsigned char ch) { return isalpha(ch) || ch == '_' || ch >= 0x80; }
static bool ident_char(unsigned char ch) { return ident_start(ch) || isdigit(ch); }

typedef struct {
    actx *c;
    const char *s;
    size_t i;
    int line, col;
    const char *file;
} lexer;

static void adv(lexer *l)
{
    if (l->s[l->i] == '\n') {
        l->line++;
        l->col = 1;
    } else {
        l->col++;
    }
    l->i++;
}

static apos here(lexer *l) { return (apos){l->file, l->line, l->col}; }

/* Backslash escape inside a string or character literal. */
static int lex_escape(lexer *l)
{
    adv(l); /* the backslash */
    char ch = l->s[l->i];
    if (!ch)
        return 0;
    adv(l);
    switch (ch) {
    case 'n': return '\n';
    case 't': return '\t';
    case 'r': return '\r';
    case 'a': return 7;
    case 'b': return 8;
    case 'f': return 12;
    case 'v': return 11;
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        int v = ch - '0';
        for (int k = 0; k < 2 && l->s[l->i] >= '0' && l->s[l->i] <= '7'; k++) {
            v = v * 8 + (l->s[l->i] - '0');
            adv(l);
        }
        return v & 0xff;
    }
    case 'x': {
        int v = 0;
        for (int k = 0; k < 2 && isxdigit((unsigned char)l->s[l->i]); k++) {
            char h = l->s[l->i];
            v = v * 16 + (isdigit((unsigned char)h) ? h - '0' : (tolower(h) - 'a' + 10));
            adv(l);
        }
        return v;
    }
    default: return (unsigned char)ch;
    }
}

/* A number that does not fit in 64 bits is an error, as in Go's assembler
 * (its ParseUint says "value out of range"); strtoull would give
 * ULLONG_MAX, which read as -1. */
static bool lex_number(lexer *l, tok *t)
{
    const char *start = l->s + l->i;
    char *end;
    uint64_t v;
    errno = 0;
    if (start[0] == '0' && (start[1] == 'b' || start[1] == 'B')) {
        v = strtoull(start + 2, &end, 2);
    } else {
        v = strtoull(start, &end, 0);
    }
    /* strtoull accepts a leading '0' octal; Go's asm does the same. */
    bool range = errno == ERANGE;
    size_t n = (size_t)(end - start);
    bool ok = n > 0 && !ident_char((unsigned char)start[n]) && start[n] != '.';
    while (ident_char((unsigned char)l->s[l->i]) || l->s[l->i] == '.')
        adv(l);
    if (!ok)
        return false;
    t->k = TK_NUM;
    t->v = v;
    if (range)
        asm_error(l->c, t->pos, "value out of range: %.*s does not fit in 64 bits", (int)n, start);
    return true;
}

static void lex_string(lexer *l, tok *t)
{
    char *buf = NULL;
    size_t n = 0, cap = 0;
    adv(l);
    while (l->s[l->i] && l->s[l->i] != '"' && l->s[l->i] != '\n') {
        int ch;
        if (l->s[l->i] == '\\')
            ch = lex_escape(l);
        else {
            ch = (unsigned char)l->s[l->i];
            adv(l);
        }
        buf = grow(buf, &cap, n + 2, 1);
        buf[n++] = (char)ch;
    }
    if (l->s[l->i] != '"')
        asm_error(l->c, t->pos, "unterminated string");
    else
        adv(l);
    buf = grow(buf, &cap, n + 1, 1);
    buf[n] = 0;
    t->k = TK_STR;
    t->s = buf;
    t->slen = n;
}

static void lex_char(lexer *l, tok *t)
{
    adv(l);
    int ch = 0;
    if (l->s[l->i] == '\\')
        ch = lex_escape(l);
    else if (l->s[l->i] && l->s[l->i] != '\n') {
        ch = (unsigned char)l->s[l->i];
        adv(l);
    }
    if (l->s[l->i] != '\'')
        asm_error(l->c, t->pos, "unterminated character literal");
    else
        adv(l);
    t->k = TK_NUM;
    t->v = (uint64_t)ch;
}

static bool continuation(const lexer *l)
{
    return l->s[l->i] == '\\' && (l->s[l->i + 1] == '\n' ||
                                   (l->s[l->i + 1] == '\r' && l->s[l->i + 2] == '\n'));
}

/* Skips blanks and comments; true if any were seen. */
static bool skip_space(lexer *l)
{
    bool any = false;
    for (;;) {
        char ch = l->s[l->i];
        if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\f' || ch == '\v') {
            adv(l);
        } else if (ch == '/' && l->s[l->i + 1] == '/') {
            while (l->s[l->i] && l->s[l->i] != '\n')
                adv(l);
        } else if (ch == '/' && l->s[l->i + 1] == '*') {
            apos p = here(l);
            adv(l);
            adv(l);
            while (l->s[l->i] && !(l->s[l->i] == '*' && l->s[l->i + 1] == '/'))
                adv(l);
            if (!l->s[l->i]) {
                asm_error(l->c, p, "unterminated comment");
                return true;
            }
            adv(l);
            adv(l);
        } else {
            return any;
        }
        any = true;
    }
}

static bool at_nul(const lexer *l) { return strncmp(l->s + l->i, SOURCE_NUL, 2) == 0; }

/* A NUL byte in the file (read_source_file marks it): one error, at the
 * first, as Go's assembler gives it. */
static void report_nul(actx *c, const char *file, const char *text)
{
    const char *at = strstr(text, SOURCE_NUL);
    if (!at)
        return;
    int line = 1;
    const char *bol = text;
    for (const char *p = text; p < at; p++)
        if (*p == '\n') {
            line++;
            bol = p + 1;
        }
    asm_error(c, (apos){file, line, (int)(at - bol) + 1}, "invalid character NUL");
}

void lex_text(actx *c, const char *file, const char *text, tokvec *out)
{
    lexer l = {c, text, 0, 1, 1, file};
    report_nul(c, file, text);
    for (;;) {
        bool space = skip_space(&l);
        if (at_nul(&l)) {   /* reported by report_nul; the lexer steps over it */
            adv(&l);
            adv(&l);
            continue;
        }
        tok t = {0};
        t.pos = here(&l);
        t.space = space;
        unsigned char ch = (unsigned char)l.s[l.i];
        if (!ch) {
            t.k = TK_EOF;
            tokvec_push(out, t);
            return;
        }
        if (ch == '\n') {
            t.k = TK_EOL;
            adv(&l);
        } else if (continuation(&l)) {
            /* As in Go, a continued #define line keeps its line break as a
             * statement separator, so multi-line macros expand to several
             * instructions. */
            t.k = TK_PUNCT;
            t.s = xstrdup(";");
            while (l.s[l.i] != '\n')
                adv(&l);
            adv(&l);
        } else if (ident_start(ch)) {
            size_t s = l.i;
            while (ident_char((unsigned char)l.s[l.i]) && !at_nul(&l))
                adv(&l);
            t.k = TK_IDENT;
            t.s = xstrndup(l.s + s, l.i - s);
        } else if (isdigit(ch)) {
            if (!lex_number(&l, &t)) {
                asm_error(c, t.pos, "malformed number");
                t.k = TK_NUM;
            }
        } else if (ch == '"') {
            lex_string(&l, &t);
        } else if (ch == '\'') {
            lex_char(&l, &t);
        } else if ((ch == '<' || ch == '>') && l.s[l.i + 1] == (char)ch) {
            t.k = TK_PUNCT;
            t.s = xstrndup(l.s + l.i, 2);
            adv(&l);
            adv(&l);
        } else if (strchr("+-*/%&|^~()[],$:;<>#!=.@{}", ch)) {
            t.k = TK_PUNCT;
            t.s = xstrndup(l.s + l.i, 1);
            adv(&l);
        } else {
            asm_error(c, t.pos, "unexpected character '%c'", ch);
            adv(&l);
            continue;
        }
        tokvec_push(out, t);
    }
}
