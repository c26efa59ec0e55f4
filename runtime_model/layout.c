/* The layout table itself, lookups by name, and go_asm.h generation. */
#include "runtime_model/layout.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const go_layout *go_layout_current = &go_layout_go121;

void go_layout_use(const go_layout *l)
{
    go_layout_current = l;
}

/* VERSION names RELEASE ("go1.19") itself or one of its point releases and
 * pre-releases ("go1.19.8", "go1.21rc2"), not a later minor ("go1.190"). */
static bool is_release(const char *version, const char *release)
{
    size_t n = strlen(release);
    if (strncmp(version, release, n) != 0)
        return false;
    char next = version[n];
    return next == 0 || next == '.' || next == 'r' || next == 'b' || next == ' ' || next == '-';
}

const go_layout *go_layout_for_version(const char *version)
{
    static const go_layout *const known[] = {&go_layout_go121, &go_layout_go119};
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (is_release(version, known[i]->version))
            return known[i];
    return NULL;
}

static const char *const go_type_names[T__COUNT] = {
#define X(t) [T_##t] = #t,
    GO_TYPES(X)
#undef X
};

static const struct { const char *name; long value; } go_consts[] = {
#define X(name, v) {#name, v},
    GO_CONSTS(X)
#undef X
};

const char *go_type_name(go_type_id t)
{
    return t < T__COUNT ? go_type_names[t] : "";
}

go_type_id go_type_id_of(const char *type)
{
    for (int i = 0; i < T__COUNT; i++)
        if (strcmp(go_type_names[i], type) == 0)
            return (go_type_id)i;
    return T__COUNT;
}

uint32_t go_type_size(const char *type)
{
    go_type_id t = go_type_id_of(type);
    if (t < T__COUNT)
        return go_size(t);
    if (strcmp(type, "uintptr") == 0 || strcmp(type, "guintptr") == 0)
        return 8;
    return 0;
}

int go_field_lookup(const char *type, const char *name)
{
    for (int i = 0; i < F__COUNT; i++)
        if (strcmp(go_fields[i].type, type) == 0 && strcmp(go_fields[i].name, name) == 0)
            return go_has((go_field_id)i) ? i : -1;
    return -1;
}

/* One path component: NAME or NAME[INDEX]. */
static int resolve_component(const char *type, const char *comp, size_t len, uint32_t *off)
{
    char name[64];
    const char *br = memchr(comp, '[', len);
    size_t nlen = br ? (size_t)(br - comp) : len;
    if (nlen == 0 || nlen >= sizeof name)
        return -1;
    memcpy(name, comp, nlen);
    name[nlen] = 0;
    int f = go_field_lookup(type, name);
    if (f < 0)
        return -1;
    *off += go_fields[f].off;
    if (!br)
        return f;
    if (go_fields[f].kind != KIND_ARRAY || comp[len - 1] != ']')
        return -1;
    char *end;
    unsigned long idx = strtoul(br + 1, &end, 10);
    uint32_t esz = go_type_size(go_fields[f].subtype);
    if (end != comp + len - 1 || esz == 0 || (idx + 1) * esz > go_fields[f].size)
        return -1;
    *off += (uint32_t)idx * esz;
    return f;
}

int go_path_resolve(const char *type, const char *path, uint32_t *off)
{
    *off = 0;
    int f = -1;
    while (*path) {
        if (f >= 0) {
            if (go_fields[f].kind != KIND_STRUCT)
                return -1;
            type = go_fields[f].subtype;
        }
        const char *dot = strchr(path, '.');
        size_t len = dot ? (size_t)(dot - path) : strlen(path);
        if ((f = resolve_component(type, path, len, off)) < 0)
            return -1;
        path += len + (dot ? 1 : 0);
    }
    return f;
}

const char *go_gstatus_name(uint32_t st)
{
    static const char *names[] = {"_Gidle", "_Grunnable", "_Grunning", "_Gsyscall",
                                  "_Gwaiting", "_Gmoribund_unused", "_Gdead",
                                  "_Genqueue_unused", "_Gcopystack", "_Gpreempted"};
    static const char *scan[] = {"_Gscan", "_Gscanrunnable", "_Gscanrunning",
                                 "_Gscansyscall", "_Gscanwaiting", "_Gscan5", "_Gscan6",
                                 "_Gscan7", "_Gscan8", "_Gscanpreempted"};
    if (st < 10)
        return names[st];
    if ((st & C__Gscan) && (st & ~(uint32_t)C__Gscan) < 10)
        return scan[st & ~(uint32_t)C__Gscan];
    return "_G?";
}

const char *go_pstatus_name(uint32_t st)
{
    static const char *names[] = {"_Pidle", "_Prunning", "_Psyscall", "_Pgcstop", "_Pdead"};
    return st < 5 ? names[st] : "_P?";
}

char *go_asm_h_text(void)
{
    const go_layout *l = &go_layout_go121;
    char *buf;
    size_t len;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    fprintf(f, "// go_asm.h for sim: generated from runtime_model/layout_go121.c (go1.21 amd64)\n");
    for (size_t i = 0; i < sizeof go_consts / sizeof go_consts[0]; i++)
        fprintf(f, "#define const_%s %ld\n", go_consts[i].name, go_consts[i].value);
    for (int t = 0; t < T__COUNT; t++) {
        if (strncmp(go_type_names[t], "anon_", 5) == 0)
            continue;
        fprintf(f, "#define %s__size %u\n", go_type_names[t], l->sizes[t]);
        for (int i = 0; i < F__COUNT; i++)
            if (l->fields[i].owner == (go_type_id)t && l->fields[i].size)
                fprintf(f, "#define %s_%s %u\n", l->fields[i].type, l->fields[i].name,
                        l->fields[i].off);
    }
    fclose(f);
    return buf;
}
