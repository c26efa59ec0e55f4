/* Struct layouts from DWARF: see dwarf_types.h.  A go1.21 hello has about
 * 1,500 named struct types; they are indexed once, sorted by name. */
#include "linux/dwarf_types.h"
#include "linux/dwarf_file.h"
#include <dwarf.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *name;   /* libdw's string, valid while the Dwarf is open */
    Dwarf_Off die;
} named_struct;

struct dwarf_types {
    dwarf_file file;
    named_struct *structs;
    size_t n, cap;
};

static int by_name(const void *a, const void *b)
{
    const named_struct *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->die > y->die) - (x->die < y->die);
}

static int add_struct(dwarf_types *t, const char *name, Dwarf_Off die)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 1024;
        named_struct *s = realloc(t->structs, cap * sizeof *s);
        if (!s)
            return -1;
        t->structs = s;
        t->cap = cap;
    }
    t->structs[t->n++] = (named_struct){name, die};
    return 0;
}

/* The named structs among a unit's top-level entries. */
static int index_unit(dwarf_types *t, Dwarf_Die *unit)
{
    Dwarf_Die child;
    if (dwarf_child(unit, &child) != 0)
        return 0;
    do {
        const char *name = dwarf_diename(&child);
        if (dwarf_tag(&child) == DW_TAG_structure_type && name && dwarf_hasattr(&child, DW_AT_byte_size) &&
            add_struct(t, name, dwarf_dieoffset(&child)) != 0)
            return -1;
    } while (dwarf_siblingof(&child, &child) == 0);
    return 0;
}

dwarf_types *dwarf_types_open(const char *path, const elf_file *f, char *why, size_t len)
{
    dwarf_types *t = calloc(1, sizeof *t);
    if (!t) {
        elf_refuse(why, len, "out of memory");
        return NULL;
    }
    if (dwarf_file_open(path, f, &t->file, why, len) != 0) {
        dwarf_types_close(t);
        return NULL;
    }
    Dwarf_Off off = 0, next;
    size_t hsize;
    while (dwarf_nextcu(t->file.dw, off, &next, &hsize, NULL, NULL, NULL) == 0) {
        Dwarf_Die unit;
        if (dwarf_offdie(t->file.dw, off + hsize, &unit) && index_unit(t, &unit) != 0) {
            elf_refuse(why, len, "out of memory for the DWARF types");
            dwarf_types_close(t);
            return NULL;
        }
        off = next;
    }
    if (t->n == 0) {
        elf_refuse(why, len, "its DWARF has no struct types");
        dwarf_types_close(t);
        return NULL;
    }
    qsort(t->structs, t->n, sizeof *t->structs, by_name);
    return t;
}

void dwarf_types_close(dwarf_types *t)
{
    if (!t)
        return;
    dwarf_file_close(&t->file);
    free(t->structs);
    free(t);
}

uint64_t dwarf_struct_named(dwarf_types *t, const char *name, uint64_t *size)
{
    size_t lo = 0, hi = t->n;
    while (lo < hi) {   /* the first entry of that name */
        size_t mid = (lo + hi) / 2;
        if (strcmp(t->structs[mid].name, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    Dwarf_Die die;
    Dwarf_Word sz;
    if (lo == t->n || strcmp(t->structs[lo].name, name) != 0 ||
        !dwarf_offdie(t->file.dw, t->structs[lo].die, &die) || dwarf_aggregate_size(&die, &sz) != 0)
        return 0;
    *size = sz;
    return t->structs[lo].die;
}

/* A member's type with typedefs peeled off; 0 on a broken entry. */
static int member_type(Dwarf_Die *member, Dwarf_Die *type)
{
    Dwarf_Attribute a;
    if (!dwarf_formref_die(dwarf_attr(member, DW_AT_type, &a), type))
        return -1;
    while (dwarf_tag(type) == DW_TAG_typedef)
        if (!dwarf_formref_die(dwarf_attr(type, DW_AT_type, &a), type))
            return -1;
    return 0;
}

static int member_offset(Dwarf_Die *member, uint64_t *off)
{
    Dwarf_Attribute a;
    Dwarf_Word w;
    if (!dwarf_attr(member, DW_AT_data_member_location, &a) || dwarf_formudata(&a, &w) != 0)
        return -1;
    *off = w;
    return 0;
}

static int type_size(Dwarf_Die *type, uint64_t *size)
{
    Dwarf_Word sz;
    int tag = dwarf_tag(type);
    if (tag == DW_TAG_pointer_type && !dwarf_hasattr(type, DW_AT_byte_size)) {
        *size = 8;   /* amd64 */
        return 0;
    }
    if (dwarf_aggregate_size(type, &sz) != 0)
        return -1;
    *size = sz;
    return 0;
}

/* Go marks an embedded field with its own attribute (DW_AT_go_embedded_field,
 * 0x2903) set to 1; other producers leave such a member unnamed. */
static bool is_embedded(Dwarf_Die *m)
{
    Dwarf_Attribute a;
    bool flag;
    Dwarf_Word v;
    if (dwarf_attr(m, 0x2903, &a))
        return dwarf_formflag(&a, &flag) == 0 ? flag : dwarf_formudata(&a, &v) == 0 && v != 0;
    return !dwarf_hasattr(m, DW_AT_name);
}

/* Depth guards against a type that embeds itself in a corrupt file. */
static int find_member(dwarf_types *t, Dwarf_Die *st, const char *name, int depth, uint64_t *off,
                       uint64_t *size, uint64_t *mtype)
{
    Dwarf_Die m, type;
    if (depth > 8 || dwarf_child(st, &m) != 0)
        return -1;
    do {   /* the direct members first, as Go's selector rule has it */
        const char *mn = dwarf_diename(&m);
        if (dwarf_tag(&m) != DW_TAG_member || !mn || strcmp(mn, name) != 0)
            continue;
        if (member_offset(&m, off) != 0 || member_type(&m, &type) != 0 || type_size(&type, size) != 0)
            return -1;
        *mtype = dwarf_tag(&type) == DW_TAG_structure_type ? dwarf_dieoffset(&type) : 0;
        return 0;
    } while (dwarf_siblingof(&m, &m) == 0);
    dwarf_child(st, &m);
    do {   /* then inside each struct-typed member that could embed it */
        uint64_t base;
        if (dwarf_tag(&m) != DW_TAG_member || member_type(&m, &type) != 0 ||
            dwarf_tag(&type) != DW_TAG_structure_type || member_offset(&m, &base) != 0)
            continue;
        if (!is_embedded(&m))
            continue;
        if (find_member(t, &type, name, depth + 1, off, size, mtype) == 0) {
            *off += base;
            return 0;
        }
    } while (dwarf_siblingof(&m, &m) == 0);
    return -1;
}

int dwarf_struct_member(dwarf_types *t, uint64_t type, const char *name, uint64_t *off,
                        uint64_t *size, uint64_t *mtype)
{
    Dwarf_Die st;
    if (!type || !dwarf_offdie(t->file.dw, type, &st))
        return -1;
    return find_member(t, &st, name, 0, off, size, mtype);
}

/* The member of ST whose bytes hold OFF, descending into struct members
 * (to DEPTH) and naming array elements, appended to B as ".name[3].x". */
static int path_at(Dwarf_Die *st, uint64_t off, int depth, char *b, size_t len, uint64_t *foff,
                   uint64_t *fsize)
{
    Dwarf_Die m, type;
    if (depth > 8 || dwarf_child(st, &m) != 0)
        return -1;
    do {
        uint64_t moff, msize;
        const char *mn = dwarf_diename(&m);
        if (dwarf_tag(&m) != DW_TAG_member || member_offset(&m, &moff) != 0 ||
            member_type(&m, &type) != 0 || type_size(&type, &msize) != 0 || off < moff ||
            off >= moff + msize)
            continue;
        size_t used = strlen(b);
        snprintf(b + used, len - used, ".%s", mn ? mn : "?");
        *foff = moff;
        *fsize = msize;
        uint64_t inner = off - moff;
        Dwarf_Die elem;
        Dwarf_Attribute a;
        uint64_t esize;
        if (dwarf_tag(&type) == DW_TAG_array_type &&
            dwarf_formref_die(dwarf_attr(&type, DW_AT_type, &a), &elem) &&
            type_size(&elem, &esize) == 0 && esize) {
            uint64_t i = inner / esize;
            used = strlen(b);
            snprintf(b + used, len - used, "[%llu]", (unsigned long long)i);
            *foff = moff + i * esize;
            *fsize = esize;
            inner -= i * esize;
            while (dwarf_tag(&elem) == DW_TAG_typedef &&
                   dwarf_formref_die(dwarf_attr(&elem, DW_AT_type, &a), &elem))
                ;
            type = elem;
        }
        uint64_t sub_off, sub_size;
        if (dwarf_tag(&type) == DW_TAG_structure_type &&
            path_at(&type, inner, depth + 1, b, len, &sub_off, &sub_size) == 0) {
            *foff += sub_off;
            *fsize = sub_size;
        }
        return 0;
    } while (dwarf_siblingof(&m, &m) == 0);
    return -1;
}

int dwarf_struct_path_at(dwarf_types *t, uint64_t type, uint64_t off, char *path, size_t len,
                         uint64_t *foff, uint64_t *fsize)
{
    Dwarf_Die st;
    if (len)
        path[0] = 0;
    if (!type || !len || !dwarf_offdie(t->file.dw, type, &st))
        return -1;
    return path_at(&st, off, 0, path, len, foff, fsize);
}
