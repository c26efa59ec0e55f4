/* YAML text -> cnode tree, on libyaml's event API.  Syntax errors come from
 * libyaml (problem and context marks); anchors, aliases, unknown tags, more
 * than one document and absurd nesting are rejected here. */
#include "sim/config_internal.h"
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define MAX_DEPTH 64
#define YTAG(t) "tag:yaml.org,2002:" t

int cfg_error(cfg_err_ctx *ctx, int line, int col, const char *fmt, ...)
{
    if (ctx->failed)
        return -1;
    ctx->failed = true;
    if (!ctx->err)
        return -1;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* Never more than one line, whatever ended up in the message. */
    for (char *p = msg; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    fprintf(ctx->err, "%s:%d:%d: %s\n", ctx->path, line, col, msg);
    fflush(ctx->err);
    return -1;
}

char *cfg_quote(char *buf, size_t n, const char *s, size_t len)
{
    const size_t limit = 60;      /* characters of the value shown before "..." */
    size_t o = 0, shown = 0;
    if (n < 8) {
        if (n)
            buf[0] = 0;
        return buf;
    }
    buf[o++] = '"';
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        char tmp[8];
        size_t k = 0;
        if (c == '"' || c == '\\') {
            tmp[k++] = '\\';
            tmp[k++] = (char)c;
        } else if (c == '\n') {
            tmp[k++] = '\\', tmp[k++] = 'n';
        } else if (c == '\t') {
            tmp[k++] = '\\', tmp[k++] = 't';
        } else if (c < 0x20 || c == 0x7f) {
            k = (size_t)snprintf(tmp, sizeof tmp, "\\x%02x", c);
        } else if (c >= 0xc0) {
            /* copy a whole UTF-8 sequence, never half of one */
            tmp[k++] = (char)c;
            while (k < 4 && i + 1 < len && ((unsigned char)s[i + 1] & 0xc0) == 0x80)
                tmp[k++] = s[++i];
        } else {
            tmp[k++] = (char)c;
        }
        if (shown >= limit || o + k + 5 > n) {
            memcpy(buf + o, "...", 3);
            o += 3;
            break;
        }
        memcpy(buf + o, tmp, k);
        o += k;
        shown++;
    }
    buf[o++] = '"';
    buf[o] = 0;
    return buf;
}

bool cnode_is_null(const cnode *n)
{
    if (!n || n->kind != CN_SCALAR || !n->plain)
        return false;
    return n->len == 0 || strcmp(n->text, "~") == 0 || strcmp(n->text, "null") == 0 ||
           strcmp(n->text, "Null") == 0 || strcmp(n->text, "NULL") == 0;
}

void cnode_free(cnode *n)
{
    if (!n)
        return;
    for (int i = 0; i < n->nkids; i++)
        cnode_free(n->kids[i]);
    free(n->kids);
    free(n->text);
    free(n);
}

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p) {
        fputs("sim: out of memory\n", stderr);
        abort();
    }
    return p;
}

/* Where libyaml's reader gave up, as 1-based line and column (in characters). */
static void offset_to_pos(const char *text, size_t len, size_t off, int *line, int *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < off && i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\n') {
            (*line)++;
            *col = 1;
        } else if ((c & 0xc0) != 0x80) {
            (*col)++;
        }
    }
}

/* The byte starting character COL of line LINE (both 1-based), or -1. */
static int char_at(const char *text, size_t len, int line, int col)
{
    size_t i = 0;
    for (int l = 1; l < line; l++) {
        while (i < len && text[i] != '\n')
            i++;
        if (i++ >= len)
            return -1;
    }
    for (int c = 1; i < len && text[i] != '\n'; i++) {
        if (((unsigned char)text[i] & 0xc0) == 0x80)
            continue;
        if (c++ == col)
            return (unsigned char)text[i];
    }
    return -1;
}

typedef struct {
    cfg_err_ctx *ctx;
    yaml_parser_t parser;
    const char *text;
    size_t len;
} loader;

static int syntax_error(loader *ld)
{
    yaml_parser_t *p = &ld->parser;
    int line, col;
    if (p->error == YAML_MEMORY_ERROR)
        return cfg_error(ld->ctx, 1, 1, "out of memory while reading YAML");
    if (p->error == YAML_READER_ERROR) {
        offset_to_pos(ld->text, ld->len, p->problem_offset, &line, &col);
        if (p->problem_value != -1)
            return cfg_error(ld->ctx, line, col, "invalid YAML input: %s (byte 0x%02x)",
                             p->problem ? p->problem : "unreadable text",
                             (unsigned)p->problem_value & 0xff);
        return cfg_error(ld->ctx, line, col, "invalid YAML input: %s",
                         p->problem ? p->problem : "unreadable text");
    }
    line = (int)p->problem_mark.line + 1;
    col = (int)p->problem_mark.column + 1;
    const char *problem = p->problem ? p->problem : "malformed YAML";
    if (char_at(ld->text, ld->len, line, col) == '\t')
        return cfg_error(ld->ctx, line, col,
                         "YAML syntax error: %s (indent with spaces, not tabs)", problem);
    if (p->context)
        return cfg_error(ld->ctx, line, col, "YAML syntax error: %s (%s at line %d, column %d)",
                         problem, p->context, (int)p->context_mark.line + 1,
                         (int)p->context_mark.column + 1);
    return cfg_error(ld->ctx, line, col, "YAML syntax error: %s", problem);
}

static int next_event(loader *ld, yaml_event_t *ev)
{
    if (!yaml_parser_parse(&ld->parser, ev))
        return syntax_error(ld);
    return 0;
}

static int mark_error(loader *ld, yaml_mark_t m, const char *what, const char *name)
{
    return cfg_error(ld->ctx, (int)m.line + 1, (int)m.column + 1,
                     "YAML anchors and aliases are not supported in the config (found %s%.40s)",
                     what, name ? name : "");
}

/* Builds the node that starts with EV (which this consumes). */
static cnode *build(loader *ld, yaml_event_t *ev, int depth)
{
    yaml_mark_t m = ev->start_mark;
    const yaml_char_t *anchor = NULL, *tag = NULL;
    cnode_kind kind;
    switch (ev->type) {
    case YAML_ALIAS_EVENT:
        mark_error(ld, m, "alias *", (const char *)ev->data.alias.anchor);
        yaml_event_delete(ev);
        return NULL;
    case YAML_SCALAR_EVENT:
        kind = CN_SCALAR;
        anchor = ev->data.scalar.anchor;
        tag = ev->data.scalar.tag;
        break;
    case YAML_SEQUENCE_START_EVENT:
        kind = CN_SEQ;
        anchor = ev->data.sequence_start.anchor;
        tag = ev->data.sequence_start.tag;
        break;
    case YAML_MAPPING_START_EVENT:
        kind = CN_MAP;
        anchor = ev->data.mapping_start.anchor;
        tag = ev->data.mapping_start.tag;
        break;
    default:
        /* cannot happen with a working libyaml */
        cfg_error(ld->ctx, (int)m.line + 1, (int)m.column + 1, "unexpected YAML event");
        yaml_event_delete(ev);
        return NULL;
    }
    if (anchor) {
        mark_error(ld, m, "anchor &", (const char *)anchor);
        yaml_event_delete(ev);
        return NULL;
    }

    cnode *n = xcalloc(1, sizeof *n);
    n->kind = kind;
    n->line = (int)m.line + 1;
    n->col = (int)m.column + 1;
    const char *t = (const char *)tag;
    bool tag_ok = true;
    if (kind == CN_SCALAR) {
        n->len = ev->data.scalar.length;
        n->text = xcalloc(n->len + 1, 1);
        memcpy(n->text, ev->data.scalar.value, n->len);
        if (!t)
            n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        else if (!strcmp(t, "!") || !strcmp(t, YTAG("str")))
            n->plain = false;
        else if (!strcmp(t, YTAG("int")) || !strcmp(t, YTAG("null")) ||
                 !strcmp(t, YTAG("bool")) || !strcmp(t, YTAG("float")))
            n->plain = true;
        else
            tag_ok = false;
    } else if (t) {
        tag_ok = !strcmp(t, kind == CN_SEQ ? YTAG("seq") : YTAG("map"));
    }
    if (!tag_ok) {
        char q[160];
        cfg_error(ld->ctx, n->line, n->col, "unsupported YAML tag %s",
                  cfg_quote(q, sizeof q, t, strlen(t)));
        yaml_event_delete(ev);
        cnode_free(n);
        return NULL;
    }
    yaml_event_delete(ev);
    if (kind == CN_SCALAR)
        return n;

    if (depth >= MAX_DEPTH) {
        cfg_error(ld->ctx, n->line, n->col, "YAML nesting is too deep (more than %d levels)",
                  MAX_DEPTH);
        cnode_free(n);
        return NULL;
    }
    yaml_event_type_t end = kind == CN_SEQ ? YAML_SEQUENCE_END_EVENT : YAML_MAPPING_END_EVENT;
    int cap = 0;
    for (;;) {
        yaml_event_t child;
        if (next_event(ld, &child) < 0) {
            cnode_free(n);
            return NULL;
        }
        if (child.type == end) {
            yaml_event_delete(&child);
            return n;
        }
        cnode *k = build(ld, &child, depth + 1);
        if (!k) {
            cnode_free(n);
            return NULL;
        }
        if (n->nkids == cap) {
            cap = cap ? 2 * cap : 8;
            cnode **kids = realloc(n->kids, (size_t)cap * sizeof *kids);
            if (!kids) {
                fputs("sim: out of memory\n", stderr);
                abort();
            }
            n->kids = kids;
        }
        n->kids[n->nkids++] = k;
    }
}

int cnode_load(cfg_err_ctx *ctx, const char *text, size_t len, cnode **root)
{
    loader ld = {.ctx = ctx, .text = text, .len = len};
    yaml_event_t ev;
    cnode *doc = NULL;
    int rc = -1;
    *root = NULL;
    if (!yaml_parser_initialize(&ld.parser))
        return cfg_error(ctx, 1, 1, "out of memory while reading YAML");
    yaml_parser_set_input_string(&ld.parser, (const unsigned char *)text, len);

    if (next_event(&ld, &ev) < 0)                 /* stream start */
        goto out;
    yaml_event_delete(&ev);
    if (next_event(&ld, &ev) < 0)
        goto out;
    if (ev.type == YAML_STREAM_END_EVENT) {       /* nothing but comments */
        yaml_event_delete(&ev);
        rc = 0;
        goto out;
    }
    yaml_event_delete(&ev);                       /* document start */
    if (next_event(&ld, &ev) < 0)
        goto out;
    if (!(doc = build(&ld, &ev, 0)))
        goto out;
    if (next_event(&ld, &ev) < 0)                 /* document end */
        goto out;
    yaml_event_delete(&ev);
    if (next_event(&ld, &ev) < 0)
        goto out;
    if (ev.type == YAML_DOCUMENT_START_EVENT) {
        cfg_error(ctx, (int)ev.start_mark.line + 1, (int)ev.start_mark.column + 1,
                  "the config must be a single YAML document; found a second one");
        yaml_event_delete(&ev);
        goto out;
    }
    yaml_event_delete(&ev);                       /* stream end */
    rc = 0;
out:
    yaml_parser_delete(&ld.parser);
    if (rc == 0 && !cnode_is_null(doc)) {
        *root = doc;
        return 0;
    }
    cnode_free(doc);
    return rc;
}
