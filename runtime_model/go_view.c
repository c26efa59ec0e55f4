/* Binding the machine to a real program: see go_view.h. */
#include "runtime_model/go_view.h"
#include <stdlib.h>
#include <string.h>

static int bind(machine *mc, const char *name, uint64_t *out, char *why, size_t len)
{
    *out = image_addr(&mc->img, name);
    if (*out)
        return 0;
    snprintf(why, len, "the binary has no %s (stripped of its symbols?)", name);
    return -1;
}

int go_view_open(machine *mc, emu *cpu, const image *img, const go_binary *gb, char *why,
                 size_t len)
{
    memset(mc, 0, sizeof *mc);
    if (!gb->layout) {
        snprintf(why, len, "%s", gb->note);
        return -1;
    }
    go_layout_use(gb->layout);
    mc->cpu = cpu;
    mc->img = *img;   /* a shallow copy: the caller frees the image */
    mc->state = RUN_STOPPED;
    mc->go_version = gb->version[0] ? gb->version : "unknown";
    struct { const char *name; uint64_t *at; } globals[] = {
        {"runtime.sched", &mc->sched},   {"runtime.allp", &mc->allp},
        {"runtime.allgs", &mc->allgs},   {"runtime.allglen", &mc->allglen},
        {"runtime.allm", &mc->allm},     {"runtime.m0", &mc->m0},
        {"runtime.g0", &mc->g0},         {"runtime.ncpu", &mc->ncpu},
        {"runtime.gomaxprocs", &mc->gomaxprocs}, {"runtime.mainStarted", &mc->mainStarted},
    };
    for (size_t i = 0; i < sizeof globals / sizeof globals[0]; i++)
        if (bind(mc, globals[i].name, globals[i].at, why, len) != 0)
            return -1;
    /* Where newproc1's models point a new g's sched.pc (goexit+1). */
    mc->goexit = image_addr_any(&mc->img, "runtime.goexit.abi0");
    const image_sym *w = image_sym_named(&mc->img, "runtime.waitReasonStrings");
    if (w) {
        mc->wait_names = w->addr;
        mc->nwait_names = w->size / 16;   /* an array of Go strings */
    }
    return 0;
}

const char *go_view_waitreason(machine *mc, uint32_t r, char *buf, size_t len)
{
    buf[0] = 0;
    if (r >= mc->nwait_names || len == 0)
        return buf;
    uint64_t s = mc->wait_names + 16ULL * r;
    uint64_t ptr = emu_read_u(mc->cpu, s, 8), n = emu_read_u(mc->cpu, s + 8, 8);
    if (n >= len)
        n = len - 1;
    if (ptr && emu_read(mc->cpu, ptr, buf, (size_t)n) == 0)
        buf[n] = 0;
    else
        buf[0] = 0;
    return buf;
}

char **go_view_wait_names(machine *mc, int *n)
{
    *n = 0;
    if (!mc->nwait_names || mc->nwait_names > 1000)
        return NULL;
    char **names = calloc(mc->nwait_names, sizeof *names);
    for (uint64_t i = 0; names && i < mc->nwait_names; i++) {
        char buf[128];
        names[i] = strdup(go_view_waitreason(mc, (uint32_t)i, buf, sizeof buf));
    }
    if (names)
        *n = (int)mc->nwait_names;
    return names;
}
