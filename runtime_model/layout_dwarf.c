/* A binary's own layout, from its DWARF: see layout_dwarf.h. */
#include "runtime_model/layout_dwarf.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* The field of the table whose subtype is the anonymous type T. */
static int holder_of(go_type_id t)
{
    for (int i = 0; i < F__COUNT; i++)
        if (strcmp(go_layout_go121.fields[i].subtype, go_type_name(t)) == 0)
            return i;
    return -1;
}

/* The DWARF struct of type T: "runtime.T", or for an anonymous sub-struct
 * the type of the member that holds it.  0 when there is none. */
static uint64_t struct_of(dwarf_types *dt, go_type_id t, const uint64_t *handles, uint64_t *size)
{
    const char *name = go_type_name(t);
    if (strncmp(name, "anon_", 5) != 0) {
        char full[64];
        snprintf(full, sizeof full, "runtime.%s", name);
        return dwarf_struct_named(dt, full, size);
    }
    int f = holder_of(t);
    const go_field *fd = f >= 0 ? &go_layout_go121.fields[f] : NULL;
    uint64_t off, mtype = 0;
    if (!fd || !handles[fd->owner] ||
        dwarf_struct_member(dt, handles[fd->owner], fd->name, &off, size, &mtype) != 0)
        return 0;
    return mtype;
}

int go_layout_from_dwarf(dwarf_types *dt, const char *version, go_layout *out, char *why,
                         size_t len)
{
    uint64_t handles[T__COUNT] = {0};
    *out = go_layout_go121;   /* the names, kinds and subtypes */
    snprintf(out->version, sizeof out->version, "%s", version);
    for (int t = 0; t < T__COUNT; t++) {   /* holders come before what they hold */
        uint64_t size = 0;
        handles[t] = struct_of(dt, (go_type_id)t, handles, &size);
        out->sizes[t] = handles[t] ? (uint32_t)size : 0;
    }
    static const go_type_id needed[] = {T_g, T_m, T_p, T_schedt};
    for (size_t i = 0; i < sizeof needed / sizeof needed[0]; i++)
        if (!handles[needed[i]]) {
            snprintf(why, len, "its DWARF has no runtime.%s", go_type_name(needed[i]));
            return -1;
        }
    for (int i = 0; i < F__COUNT; i++) {
        go_field *fd = &out->fields[i];
        uint64_t off = 0, size = 0, mtype;
        if (!handles[fd->owner] ||
            dwarf_struct_member(dt, handles[fd->owner], fd->name, &off, &size, &mtype) != 0)
            off = size = 0;
        fd->off = (uint32_t)off;
        fd->size = (uint32_t)size;
    }
    return 0;
}

__attribute__((format(printf, 4, 5)))
static void add_line(char *out, size_t len, size_t *used, const char *fmt, ...)
{
    if (*used >= len)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(out + *used, len - *used, fmt, ap);
    va_end(ap);
    *used += n > 0 ? (size_t)n : 0;
}

int go_layout_diff(const go_layout *table, const go_layout *dw, char *out, size_t len)
{
    int count = 0;
    size_t used = 0;
    if (len)
        out[0] = 0;
    for (int t = 0; t < T__COUNT; t++)
        if (table->sizes[t] != dw->sizes[t]) {
            add_line(out, len, &used, "%s: size %s %u, DWARF %u\n", go_type_name((go_type_id)t),
                     table->version, table->sizes[t], dw->sizes[t]);
            count++;
        }
    for (int i = 0; i < F__COUNT; i++) {
        const go_field *a = &table->fields[i], *b = &dw->fields[i];
        if (a->off == b->off && a->size == b->size)
            continue;
        add_line(out, len, &used, "%s.%s: %s %u+%u, DWARF %u+%u\n", a->type, a->name,
                 table->version, a->off, a->size, b->off, b->size);
        count++;
    }
    return count;
}
