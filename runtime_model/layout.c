/* The layout table itself, lookups by name, and go_asm.h generation. */
#include "runtime_model/layout.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const go_field go_fields[F__COUNT] = {
#define X(t, f, off, sz, k, sub) [F_##t##_##f] = {#t, #f, off, sz, k, sub, T_##t},
    GO_LAYOUT(X)
#undef X
};

static const struct { const char *name; uint32_t size; } go_types[] = {
#define X(t, sz) {#t, sz},
    GO_TYPES(X)
#undef X
};

static const struct { const char *name; long value; } go_consts[] = {
#define X(name, v) {#name, v},
    GO_CONSTS(X)
#undef X
};

uint32_t go_type_size(const char *type)
{
    for (size_t i = 0; i < sizeof go_types / sizeof go_types[0]; i++)
        if (strcmp(go_types[i].name, type) == 0)
            return go_types[i].size;
    if (strcmp(type, "uintptr") == 0 || strcmp(type, "guintptr") == 0)
        return 8;
    return 0;
}

int go_field_lookup(const char *type, const char *name)
{
    for (int i = 0; i < F__COUNT; i++)
        if (strcmp(go_fields[i].type, type) == 0 && strcmp(go_fields[i].name, name) == 0)
            return i;
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
    char *buf;
    size_t len;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    fprintf(f, "// go_asm.h for sim: generated from runtime_model/layout.h (go1.21 amd64)\n");
    for (size_t i = 0; i < sizeof go_consts / sizeof go_consts[0]; i++)
        fprintf(f, "#define const_%s %ld\n", go_consts[i].name, go_consts[i].value);
    for (size_t t = 0; t < sizeof go_types / sizeof go_types[0]; t++) {
        if (strncmp(go_types[t].name, "anon_", 5) == 0)
            continue;
        fprintf(f, "#define %s__size %u\n", go_types[t].name, go_types[t].size);
        for (int i = 0; i < F__COUNT; i++)
            if (strcmp(go_fields[i].type, go_types[t].name) == 0)
                fprintf(f, "#define %s_%s %u\n", go_fields[i].type, go_fields[i].name,
                        go_fields[i].off);
    }
    fclose(f);
    return buf;
}
