/* Stops at a model function's entry (runtime_model/machine_inside.c): the
 * list of model functions against the models' sources, and a stop inside
 * a model call that the run then goes on from exactly. */
#include "tests/boot_fixture.h"
#include "tests/testlib.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every enter(mc, "runtime·X" in FILE names a function models_function knows. */
static int check_source(const char *path)
{
    FILE *f = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    char line[512];
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        const char *p = strstr(line, "enter(mc, \"runtime·");
        if (!p)
            continue;
        char name[128];
        p += strlen("enter(mc, \"");
        snprintf(name, sizeof name, "%.*s", (int)strcspn(p, "\""), p);
        const char *fn = models_function(name);
        CU_ASSERT_PTR_NOT_NULL(fn);
        if (fn) {
            CU_ASSERT_STRING_EQUAL(fn, name);
        } else {
            fprintf(stderr, "%s: %s is not in machine_inside.c's list\n", path, name);
        }
        n++;
    }
    fclose(f);
    return n;
}

static void test_every_model_function_is_listed(void)
{
    DIR *dir = opendir("../runtime_model");
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    int n = 0;
    for (struct dirent *e; (e = readdir(dir));) {
        if (strncmp(e->d_name, "m_", 2) != 0 && strcmp(e->d_name, "syscalls.c") != 0)
            continue;
        char path[300];
        snprintf(path, sizeof path, "../runtime_model/%s", e->d_name);
        n += check_source(path);
    }
    closedir(dir);
    CU_ASSERT(n >= 30);
    CU_ASSERT_STRING_EQUAL(models_function("runtime.schedule"), "runtime·schedule");
    CU_ASSERT_PTR_NULL(models_function("runtime.main"));
    CU_ASSERT_PTR_NULL(models_function("main.schedule"));
}

static bool at_casgstatus(void *ctx, const char *model)
{
    int *hits = ctx;
    return strcmp(model, "runtime·casgstatus") == 0 && ++*hits == 2;
}

/* The second casgstatus (newproc1's _Gdead → _Grunnable) stops the run with
 * g1 still _Gdead; going on ends the run as a run without the stop does. */
static void test_stop_inside_and_go_on(void)
{
    boot plain, b;
    CU_ASSERT_EQUAL_FATAL(boot_run(&plain, NULL, NULL), 0);
    CU_ASSERT_EQUAL_FATAL(boot_run(&b, NULL, "runtime·rt0_go"), 0);
    machine *mc = &b.mc;
    int hits = 0;
    mc->entry_stop = at_casgstatus;
    mc->entry_ctx = &hits;
    mc->entry_undo = true;   /* to go on from the stop */
    CU_ASSERT_EQUAL(machine_run(mc, 0), RUN_STOPPED);
    CU_ASSERT_STRING_EQUAL(mc->inside, "runtime·casgstatus");
    CU_ASSERT_STRING_EQUAL(mc->inside_call, "runtime·newproc");
    CU_ASSERT_EQUAL(rd(mc, view_allg(mc, 0), F_g_atomicstatus), C__Gdead);
    CU_ASSERT_EQUAL(machine_run(mc, 0), RUN_EXITED);
    CU_ASSERT_EQUAL(hits, 3);   /* goexit0's casgstatus: the one stop was not asked again */
    CU_ASSERT_EQUAL(emu_icount(mc->cpu), emu_icount(plain.mc.cpu));
    CU_ASSERT_EQUAL(rd(mc, mc->sched, F_schedt_goidgen), rd(&plain.mc, plain.mc.sched, F_schedt_goidgen));
    boot_close(&plain);
    boot_close(&b);
}

TEST_SUITE(model_entry)
{
    TEST_CASE(test_every_model_function_is_listed);
    TEST_CASE(test_stop_inside_and_go_on);
}
