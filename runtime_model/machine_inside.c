/* Stopping at a model function's entry, inside a model call.
 *
 * A Go function the model mode implements in C (runtime·schedule,
 * runtime·execute, runtime·findRunnable …) has no instruction of its own:
 * it runs inside the one step of a model call (runtime·mstart1's, say,
 * which calls schedule, findRunnable, execute).  To stop at its
 * entry the model call runs with a jmp_buf set; at the entry the run
 * leaves the C models by longjmp.  Emulated memory then holds what the
 * call did up to that entry and nothing after it; the models keep no state
 * on the host, so nothing else is left half done.  Going on restores the
 * state before the call (kept here when entry_undo asks for it; the
 * debugger's timeline has it anyway) and runs the call again, passing the
 * entries it had passed. */
#include "runtime_model/models_internal.h"
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every runtime function a model follows: the names its enter() traces
 * (tests/test_models.c checks the list against the models' sources). */
static const char *const functions[] = {
    "runtime·Gosched",     "runtime·acquirep",    "runtime·allgadd",      "runtime·args",
    "runtime·casgstatus",  "runtime·check",       "runtime·dropg",        "runtime·execute",
    "runtime·findRunnable", "runtime·gfget",      "runtime·gfput",        "runtime·globrunqget",
    "runtime·globrunqput", "runtime·goargs",      "runtime·goenvs",       "runtime·goexit0",
    "runtime·goexit1",     "runtime·gosched_m",   "runtime·gostartcallfn", "runtime·malg",
    "runtime·mcommoninit", "runtime·mstart1",     "runtime·newproc",
    "runtime·newproc1",    "runtime·osinit",      "runtime·pidleput",     "runtime·procresize",
    "runtime·runqget",     "runtime·runqput",     "runtime·runqputslow",  "runtime·schedinit",
    "runtime·schedule",    "runtime·sysargs",     "runtime·wakep",
};

const char *models_function(const char *name)
{
    static const char dot[] = "runtime.", mid[] = "runtime·";
    const char *bare = strncmp(name, dot, sizeof dot - 1) == 0   ? name + sizeof dot - 1
                       : strncmp(name, mid, sizeof mid - 1) == 0 ? name + sizeof mid - 1
                                                                 : NULL;
    for (size_t i = 0; bare && i < sizeof functions / sizeof functions[0]; i++)
        if (strcmp(functions[i] + sizeof mid - 1, bare) == 0)
            return functions[i];
    return NULL;
}

const char *models_entry_only(const image *img, const char *name)
{
    const char *fn = models_function(name);
    if (!fn || !image_sym_named(img, "sim·arena_next"))   /* a real binary has no models */
        return NULL;
    const image_sym *s = image_sym_named(img, fn);
    return !s || (s->kind == SYM_MODEL && !models_stub_called(fn)) ? fn : NULL;
}

void model_entered(machine *mc, const char *name)
{
    if (!mc->entry_jmp || ++mc->entries <= mc->entry_pass || !mc->entry_stop(mc->entry_ctx, name))
        return;
    mc->inside = name;
    longjmp(*(jmp_buf *)mc->entry_jmp, 1);
}

static void call_model(machine *mc, void (*fn)(machine *, int), int resume)
{
    mc->depth = 0;
    fn(mc, resume);
}

/* The call itself, apart: nothing of the caller's is live across setjmp. */
static int call_catching(machine *mc, void (*fn)(machine *, int), int resume)
{
    jmp_buf jb;
    mc->entry_jmp = &jb;
    if (setjmp(jb) != 0)
        return 1;
    call_model(mc, fn, resume);
    return 0;
}

bool machine_model_call(machine *mc, const char *name, void (*fn)(machine *, int), int resume)
{
    if (!mc->entry_stop) {
        call_model(mc, fn, resume);
        return false;
    }
    machine_snapshot *undo = mc->entry_undo ? machine_save(mc) : NULL;
    mc->entries = 0;
    int stopped = call_catching(mc, fn, resume);
    mc->entry_jmp = NULL;
    mc->entry_pass = 0;
    if (!stopped) {
        machine_snapshot_free(undo);
        return false;
    }
    mc->inside_call = name;
    mc->inside_undo = undo;
    mc->state = RUN_STOPPED;
    return true;
}

void machine_leave_inside(machine *mc, bool resume)
{
    machine_snapshot *undo = mc->inside_undo;
    if (mc->inside && !undo) {   /* half a model call done: nothing can run from here */
        snprintf(mc->why, sizeof mc->why, "the run stopped inside a model call (%s) cannot go on",
                 mc->inside_call);
        mc->inside = mc->inside_call = NULL;
        mc->state = RUN_FAULT;
        return;
    }
    if (!undo)
        return;
    int passed = mc->entries;
    mc->inside_undo = NULL;
    mc->inside = mc->inside_call = NULL;
    machine_restore(mc, undo);
    machine_snapshot_free(undo);
    mc->entry_pass = resume ? passed : 0;
}
