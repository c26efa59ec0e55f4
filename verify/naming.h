/* Names of guest addresses in Go's words, for sim verify's report: a byte
 * of a g, m, p or of sched becomes "g17.sched.sp", "allp[1].runqtail" or
 * "sched.pidle" (the member path from the binary's DWARF; without DWARF,
 * from the layout table), a byte of another global "runtime.idlepMask+8",
 * anything else "[0xc000123450]". */
#ifndef VERIFY_NAMING_H
#define VERIFY_NAMING_H
#include "linux/dwarf_types.h"
#include "runtime_model/machine.h"

typedef struct {
    uint64_t base, size;
    go_type_id type;   /* T__COUNT: a DWARF type alone (DWTYPE), or a stack */
    uint64_t dwtype;   /* the DWARF struct, 0 if none */
    char name[40];
    const char *tname; /* its type's name in paths ("g", "mcache", "stack memory") */
} vobj;

typedef struct {
    machine *mc;
    dwarf_types *dt;                  /* NULL: the layout table's fields only */
    uint64_t dwtype[T__COUNT];        /* DWARF handles of runtime.g, .m, .p, .schedt */
    uint64_t dw_mcache, mcache_size;  /* runtime.mcache's */
    vobj *objs;
    int n, cap;
} vnamer;

/* DT may be NULL; the namer borrows it. */
void vnamer_open(vnamer *nm, machine *mc, dwarf_types *dt);
void vnamer_close(vnamer *nm);
/* Find the runtime's objects as they are now (sched, allp and each P's
 * mcache, allgs, allm and each m's g0 and gsignal, and every g's stack
 * memory), plus EXTRA (a new g not yet in allgs, or 0). */
void vnamer_scan(vnamer *nm, uint64_t extra_g);

/* Name the m at ADDR (not yet in allm) "newm". */
void vnamer_add_m(vnamer *nm, uint64_t addr);
/* Name a new object of TYPE at ADDR (a P procresize makes: "newp"). */
void vnamer_add_new(vnamer *nm, uint64_t addr, go_type_id type, const char *name);

typedef struct {
    char name[160];    /* "g17.sched.sp" */
    char tpath[160];   /* the same below its type: "g.sched.sp" (for ignore lists) */
    uint64_t start, size;   /* the field's bytes */
} vname;
void vnamer_name(vnamer *nm, uint64_t addr, vname *out);

#endif
