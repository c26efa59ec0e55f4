/* Private to sim/config*.c: a small node tree built from libyaml's event
 * stream (so that anchors, aliases and unsupported tags can be rejected with a
 * position), and the one-line error reporter. */
#ifndef SIM_CONFIG_INTERNAL_H
#define SIM_CONFIG_INTERNAL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum { CN_SCALAR, CN_SEQ, CN_MAP } cnode_kind;

typedef struct cnode {
    cnode_kind kind;
    int line, col;          /* 1-based start of the node */
    /* scalars */
    char *text;             /* NUL-terminated copy; may hold embedded NULs */
    size_t len;
    bool plain;             /* plain (unquoted, untagged or core-tagged): may be null/int */
    /* sequences: kids[i]; mappings: kids[2i] key, kids[2i+1] value */
    struct cnode **kids;
    int nkids;
} cnode;

typedef struct {
    const char *path;       /* file name used in messages */
    FILE *err;              /* may be NULL: messages are dropped */
    bool failed;            /* set by the first cfg_error; later ones are dropped */
} cfg_err_ctx;

/* Writes "path:line:col: message\n" (once per parse) and returns -1. */
int cfg_error(cfg_err_ctx *ctx, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Parses TEXT[0..LEN) into *ROOT (NULL for an empty stream or a document that
 * is just null).  Returns 0, or -1 after reporting the error. */
int cnode_load(cfg_err_ctx *ctx, const char *text, size_t len, cnode **root);
void cnode_free(cnode *n);

/* True for a plain scalar spelled as YAML null ("", "~", "null"). */
bool cnode_is_null(const cnode *n);

/* Appends to BUF (size N) a double-quoted, escaped, possibly shortened copy
 * of S[0..LEN), so that messages always stay on one line.  Returns BUF. */
char *cfg_quote(char *buf, size_t n, const char *s, size_t len);

#endif
