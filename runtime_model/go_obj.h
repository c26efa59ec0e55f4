/* Reading many fields of one Go object: its host bytes are found once
 * (emu_host) and each field is then a plain load.  The scheduler snapshot
 * that follows almost every model call reads some sixty fields, and one
 * region lookup per field was most of its cost.  An object outside
 * sim's own mappings is read field by field through rd(). */
#ifndef RUNTIME_MODEL_GO_OBJ_H
#define RUNTIME_MODEL_GO_OBJ_H
#include "runtime_model/machine.h"
#include <string.h>

typedef struct {
    machine *mc;
    uint64_t base;
    const uint8_t *host;   /* NULL: read through rd() */
} go_obj;

static inline go_obj go_obj_at(machine *mc, uint64_t base, go_type_id type)
{
    return (go_obj){mc, base, base ? emu_host(mc->cpu, base, go_size(type)) : NULL};
}

/* Field F, sign-extended as rd() does for int32 and int64 fields. */
static inline uint64_t obj_rd(const go_obj *o, go_field_id f)
{
    const go_field *fd = &go_fields[f];
    if (!o->host)
        return o->base ? rd(o->mc, o->base, f) : 0;
    uint64_t v = 0;
    const uint8_t *p = o->host + fd->off;
    switch (fd->size) {   /* fixed sizes: single loads */
    case 8: memcpy(&v, p, 8); break;
    case 4: memcpy(&v, p, 4); break;
    case 2: memcpy(&v, p, 2); break;
    case 1: v = *p; break;
    default: return rd(o->mc, o->base, f);
    }
    return go_field_value(fd, v);
}

/* Field INNER of the embedded struct OUTER. */
static inline uint64_t obj_rd2(const go_obj *o, go_field_id outer, go_field_id inner)
{
    go_obj sub = {o->mc, o->base + go_fields[outer].off,
                  o->host ? o->host + go_fields[outer].off : NULL};
    return obj_rd(&sub, inner);
}

#endif
