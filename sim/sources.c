/* Source files for a run: see sources.h. */
#include "sim/sources.h"
#include "cpu/readfile.h"
#include "runtime_model/layout.h"
#include "sim/embedded.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

void sources_init(source_set *s, const char *config_path, bool builtin)
{
    memset(s, 0, sizeof *s);
    s->builtin = builtin;
    const char *slash = config_path ? strrchr(config_path, '/') : NULL;
    s->base_dir = slash ? strndup(config_path, (size_t)(slash - config_path)) : strdup(".");
}

void sources_free(source_set *s)
{
    for (int i = 0; i < s->nfiles; i++) {
        free(s->files[i].path);
        free(s->files[i].text);
        if (s->files[i].nlines)
            free(s->files[i].lines[0]);
        free(s->files[i].lines);
    }
    free(s->files);
    free(s->base_dir);
    memset(s, 0, sizeof *s);
}


/* "configs/../runtime_model/asm/x.s" -> "runtime_model/asm/x.s": drop "."
 * and "name/.." pairs, and leading "../" too unless KEEP_UP (the embedded
 * lookup wants repository-relative paths). */
static void normalize(const char *in, char *out, size_t len, bool keep_up)
{
    char tmp[512];
    snprintf(tmp, sizeof tmp, "%s", in);
    const char *parts[64];
    int n = 0;
    for (char *tok = strtok(tmp, "/"); tok && n < 64; tok = strtok(NULL, "/")) {
        if (strcmp(tok, ".") == 0)
            continue;
        if (strcmp(tok, "..") == 0 && n > 0 && strcmp(parts[n - 1], "..") != 0)
            n--;
        else
            parts[n++] = tok;
    }
    size_t o = 0;
    out[0] = 0;
    if (in[0] == '/' && len > 1) {   /* keep an absolute path absolute */
        out[0] = '/';
        out[1] = 0;
        o = 1;
    }
    for (int i = 0; i < n; i++)
        if (keep_up || strcmp(parts[i], "..") != 0)
            o += (size_t)snprintf(out + o, o < len ? len - o : 0, "%s%s",
                                  o && out[o - 1] != '/' ? "/" : "", parts[i]);
}

/* The embedded file for PATH or for the longest tail of it that names one
 * ("/home/me/sim/runtime_model/asm/x.s" finds "runtime_model/asm/x.s"). */
static const struct embedded_file *embedded_find_suffix(const char *path)
{
    for (const char *p = path; p; p = strchr(p, '/')) {
        p += *p == '/';
        const struct embedded_file *e = embedded_find(p);
        if (e && *p)
            return e;
    }
    return NULL;
}

static source_file *add_file(source_set *s, const char *path, char *text)
{
    s->files = realloc(s->files, (size_t)(s->nfiles + 1) * sizeof *s->files);
    source_file *f = &s->files[s->nfiles++];
    f->path = strdup(path);
    f->text = text;
    f->embedded = false;
    char *copy = strdup(text);
    int cap = 64;
    f->lines = malloc((size_t)cap * sizeof *f->lines);
    f->nlines = 0;
    for (char *p = copy; *p || f->nlines == 0;) {
        if (f->nlines == cap)
            f->lines = realloc(f->lines, (size_t)(cap *= 2) * sizeof *f->lines);
        f->lines[f->nlines++] = p;
        char *nl = strchr(p, '\n');
        if (!nl)
            break;
        *nl = 0;
        p = nl + 1;
    }
    return f;
}

source_file *sources_add_text(source_set *s, const char *path, char *text)
{
    return add_file(s, path, text);
}

/* "sim:PATH": the copy of the repository file PATH built into sim. */
static source_file *open_builtin(source_set *s, const char *path, const char **why)
{
    for (int i = 0; i < s->nfiles; i++)
        if (s->files[i].embedded && strcmp(s->files[i].path, path) == 0)
            return &s->files[i];
    for (const struct embedded_file *e = embedded_files; e->path; e++)
        if (strcmp(e->path, path) == 0) {
            source_file *f = add_file(s, e->path, strdup(e->data));
            f->embedded = true;
            return f;
        }
    *why = "not one of sim's built-in files (runtime_model/asm/*.s, configs/*.s)";
    return NULL;
}

source_file *sources_open(source_set *s, const char *name, const char **why)
{
    char raw[512], joined[512], norm[512];
    if (strncmp(name, SOURCES_BUILTIN_PREFIX, strlen(SOURCES_BUILTIN_PREFIX)) == 0)
        return open_builtin(s, name + strlen(SOURCES_BUILTIN_PREFIX), why);
    if (name[0] == '/')
        snprintf(raw, sizeof raw, "%s", name);
    else
        snprintf(raw, sizeof raw, "%s/%s", s->base_dir, name);
    normalize(raw, joined, sizeof joined, true);
    if (name[0] == '/')
        snprintf(joined, sizeof joined, "%s", name);
    for (int i = 0; i < s->nfiles; i++)
        if (strcmp(s->files[i].path, joined) == 0)
            return &s->files[i];
    char *text = s->builtin ? NULL : read_source_file(joined, NULL);
    int err = errno;
    if (text)
        return add_file(s, joined, text);
    normalize(s->builtin ? name : joined, norm, sizeof norm, false);
    const struct embedded_file *e = embedded_find_suffix(norm);
    if (!e && s->builtin) {
        normalize(joined, norm, sizeof norm, false);
        e = embedded_find_suffix(norm);
    }
    if (e) {
        source_file *f = add_file(s, e->path, strdup(e->data));
        f->embedded = true;
        return f;
    }
    *why = read_file_error(err ? err : ENOENT);
    return NULL;
}

const source_file *sources_find(source_set *s, const char *path)
{
    for (int i = 0; i < s->nfiles; i++)
        if (strcmp(s->files[i].path, path) == 0)
            return s->files[i].nlines ? &s->files[i] : NULL;
    if (!s->lazy || path[0] != '/')
        return NULL;
    /* From disk only: an embedded Plan 9 file of the same name is sim's
     * model source, not the binary's.  A file that is not there is noted
     * as empty, so it is looked for once. */
    char *text = read_whole_file(path, NULL);
    source_file *f = add_file(s, path, text ? text : strdup(""));
    if (!text)
        f->nlines = 0;
    return f->nlines ? f : NULL;
}

const char *sources_line(void *set, const char *file, int line)
{
    const source_file *f = sources_find(set, file);
    return f && line >= 1 && line <= f->nlines ? f->lines[line - 1] : NULL;
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? strndup(path, (size_t)(slash - path)) : strdup(".");
}

char *sources_include(void *set, const char *name, char **resolved)
{
    source_set *s = set;
    if (strcmp(name, "go_asm.h") == 0) {
        *resolved = strdup("go_asm.h");
        return go_asm_h_text();
    }
    int n = s->nfiles;
    bool toobig = false;   /* errno for the assembler's message, whichever dir came last */
    for (int i = 0; i < n; i++) {   /* beside each source already loaded */
        char *dir = dir_of(s->files[i].path), path[600];
        snprintf(path, sizeof path, "%s/%s", dir, name);
        free(dir);
        for (int k = 0; k < s->nfiles; k++)
            if (strcmp(s->files[k].path, path) == 0) {
                *resolved = strdup(path);
                return strdup(s->files[k].text);
            }
        char *text = s->builtin ? NULL : read_source_file(path, NULL);
        const struct embedded_file *e = NULL;
        toobig |= !text && errno == EFBIG;
        if (!text) {
            char norm[512];
            normalize(path, norm, sizeof norm, false);
            if ((e = embedded_find_suffix(norm)))
                text = strdup(e->data);
        }
        if (text) {
            source_file *f = add_file(s, e ? e->path : path, strdup(text));
            *resolved = strdup(f->path);
            return text;
        }
    }
    if (toobig)
        errno = EFBIG;
    return NULL;
}
