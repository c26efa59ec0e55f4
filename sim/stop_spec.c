/* Parsing --stop-at: see stop_spec.h. */
#include "sim/stop_spec.h"
#include "runtime_model/machine.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A decimal number of the whole string, else false. */
static bool whole_number(const char *s, uint64_t *out)
{
    if (!*s || strspn(s, "0123456789") != strlen(s))
        return false;
    errno = 0;
    unsigned long long v = strtoull(s, NULL, 10);
    *out = v;
    return errno == 0;
}

/* FILE ends NAME at a path boundary (or is it). */
static bool names_file(const char *file, const char *name)
{
    size_t f = strlen(file), n = strlen(name);
    return f >= n && strcmp(file + f - n, name) == 0 && (f == n || file[f - n - 1] == '/');
}

/* The lowest address of FILE:LINE in the image's line table, 0 if none. */
static uint64_t line_addr(const image *img, const char *file, int line)
{
    uint64_t best = 0;
    for (size_t i = 0; i < img->nlines; i++) {
        const image_line *l = &img->lines[i];
        if (l->line == line && l->file && names_file(l->file, file) && (!best || l->addr < best))
            best = l->addr;
    }
    return best;
}

int stop_spec_parse(const char *text, const image *img, stop_spec *out, char *why, size_t len)
{
    memset(out, 0, sizeof *out);
    out->hit = 1;
    snprintf(out->what, sizeof out->what, "%s", text);
    char loc[200];
    snprintf(loc, sizeof loc, "%s", text);
    char *at = strrchr(loc, '@');
    if (at) {
        if (!whole_number(at + 1, &out->hit) || out->hit == 0) {
            snprintf(why, len, "--stop-at %s: the hit after @ must be a number from 1", text);
            return -1;
        }
        *at = 0;
    }
    if (whole_number(loc, &out->icount)) {
        if (at) {
            snprintf(why, len, "--stop-at %s: an instruction number takes no @N", text);
            return -1;
        }
        return 0;
    }
    char *colon = strrchr(loc, ':');
    uint64_t line;
    if (colon && whole_number(colon + 1, &line)) {
        *colon = 0;
        if (line == 0 || line > 10000000 || !(out->addr = line_addr(img, loc, (int)line))) {
            snprintf(why, len, "--stop-at %s: no code at %s:%llu in the program's line table", text,
                     loc, (unsigned long long)line);
            return -1;
        }
        return 0;
    }
    if ((out->model = models_entry_only(img, loc)))
        return 0;
    if (!(out->addr = image_addr_any(img, loc))) {
        snprintf(why, len, "--stop-at %s: no symbol %s in the program", text, loc);
        return -1;
    }
    return 0;
}
