/* The default program run end to end (assembled, linked, emulated, with the
 * models), checked against the machine state observed in real Go programs
 * under gdb (../shared/reference/go-runtime-facts.md, section 4.2). */
#include "tests/boot_fixture.h"
#include "tests/testlib.h"
#include <stdlib.h>
#include <string.h>

static uint64_t allgs0(machine *mc) { return view_allg(mc, 0); }
static uint64_t allp_i(machine *mc, int i) { return view_allp(mc, i); }

static void test_state_at_mstart(void)
{
    boot b;
    CU_ASSERT_EQUAL_FATAL(boot_run(&b, NULL, "runtime·mstart"), 0);
    machine *mc = &b.mc;
    CU_ASSERT_EQUAL_FATAL(mc->state, RUN_STOPPED);
    uint64_t g1 = allgs0(mc), hi = rd2(mc, g1, F_g_stack, F_stack_hi);
    CU_ASSERT_EQUAL(emu_read_u(mc->cpu, mc->allglen, 8), 1);
    CU_ASSERT_EQUAL(rd(mc, g1, F_g_goid), 1);
    CU_ASSERT_EQUAL(rd(mc, g1, F_g_atomicstatus), C__Grunnable);
    CU_ASSERT_EQUAL(hi - rd2(mc, g1, F_g_stack, F_stack_lo), 2048);
    CU_ASSERT_EQUAL(rd2(mc, g1, F_g_sched, F_gobuf_sp), hi - 40);
    CU_ASSERT_EQUAL(emu_read_u(mc->cpu, hi - 40, 8), image_addr(&mc->img, "runtime·goexit") + 1);
    CU_ASSERT_EQUAL(rd2(mc, g1, F_g_sched, F_gobuf_pc), image_addr(&mc->img, "runtime·main"));
    CU_ASSERT_EQUAL(rd2(mc, g1, F_g_sched, F_gobuf_ctxt), image_addr(&mc->img, "runtime·mainPC"));
    CU_ASSERT_EQUAL(rd2(mc, g1, F_g_sched, F_gobuf_g), g1);
    CU_ASSERT_EQUAL(rd(mc, g1, F_g_stktopsp), hi - 32);
    CU_ASSERT_EQUAL(rd(mc, g1, F_g_parentGoid), 0);
    CU_ASSERT_EQUAL(rd(mc, g1, F_g_startpc), image_addr(&mc->img, "runtime·main"));
    CU_ASSERT_EQUAL(rd(mc, g1, F_g_stackguard0), rd2(mc, g1, F_g_stack, F_stack_lo) + 928);
    CU_ASSERT_EQUAL(rd(mc, g1, F_g_stackguard1), ~0ULL);
    uint64_t p0 = allp_i(mc, 0), p1 = allp_i(mc, 1);
    CU_ASSERT_EQUAL(rd(mc, p0, F_p_status), C__Prunning);
    CU_ASSERT_EQUAL(rd(mc, p0, F_p_runnext), g1);
    CU_ASSERT_EQUAL(rd(mc, p0, F_p_goidcache), 2);
    CU_ASSERT_EQUAL(rd(mc, p0, F_p_goidcacheend), 17);
    CU_ASSERT_EQUAL(rd(mc, p0, F_p_m), mc->m0);
    CU_ASSERT_EQUAL(rd(mc, p1, F_p_status), C__Pidle);
    CU_ASSERT_EQUAL(rd(mc, mc->sched, F_schedt_goidgen), 16);
    CU_ASSERT_EQUAL(rd(mc, mc->sched, F_schedt_maxmcount), 10000);
    CU_ASSERT_EQUAL(rd(mc, mc->sched, F_schedt_npidle), 1);   /* GOMAXPROCS 2 - 1 */
    CU_ASSERT_EQUAL(rd(mc, mc->sched, F_schedt_pidle), p1);
    CU_ASSERT_EQUAL(rd(mc, mc->sched, F_schedt_mnext), 1);
    CU_ASSERT_EQUAL(rd(mc, mc->m0, F_m_p), p0);
    CU_ASSERT_EQUAL(rd(mc, mc->m0, F_m_g0), mc->g0);
    CU_ASSERT_EQUAL(rd(mc, mc->g0, F_g_m), mc->m0);
    boot_close(&b);
}

static void test_state_at_runtime_main(void)
{
    boot b;
    CU_ASSERT_EQUAL_FATAL(boot_run(&b, NULL, "runtime·main"), 0);
    machine *mc = &b.mc;
    CU_ASSERT_EQUAL_FATAL(mc->state, RUN_STOPPED);
    uint64_t g1 = allgs0(mc), hi = rd2(mc, g1, F_g_stack, F_stack_hi);
    uint64_t rsp = emu_reg_get(mc->cpu, R_RSP);
    CU_ASSERT_EQUAL(emu_reg_get(mc->cpu, R_RIP), image_addr(&mc->img, "runtime·main"));
    CU_ASSERT_EQUAL(rsp, hi - 40);
    CU_ASSERT_EQUAL(emu_read_u(mc->cpu, rsp, 8), image_addr(&mc->img, "runtime·goexit") + 1);
    CU_ASSERT_EQUAL(emu_reg_get(mc->cpu, R_RDX), image_addr(&mc->img, "runtime·mainPC"));
    CU_ASSERT_EQUAL(emu_reg_get(mc->cpu, R_R14), g1);
    CU_ASSERT_EQUAL(rd(mc, g1, F_g_atomicstatus), C__Grunning);
    CU_ASSERT_EQUAL(rd(mc, mc->m0, F_m_curg), g1);
    CU_ASSERT_EQUAL(rd(mc, g1, F_g_m), mc->m0);
    CU_ASSERT_EQUAL(rd2(mc, g1, F_g_sched, F_gobuf_sp), 0);
    CU_ASSERT_EQUAL(rd2(mc, g1, F_g_sched, F_gobuf_ctxt), 0);
    CU_ASSERT_EQUAL(rd2(mc, g1, F_g_sched, F_gobuf_ret), 0);
    CU_ASSERT_EQUAL(rd2(mc, g1, F_g_sched, F_gobuf_bp), 0);
    CU_ASSERT_EQUAL(rd2(mc, g1, F_g_sched, F_gobuf_pc), image_addr(&mc->img, "runtime·main"));
    uint64_t fs = emu_reg_get(mc->cpu, R_FS_BASE);
    CU_ASSERT_EQUAL(fs, mc->m0 + go_off(F_m_tls) + 8);
    CU_ASSERT_EQUAL(emu_read_u(mc->cpu, fs - 8, 8), g1);
    CU_ASSERT_EQUAL(rd(mc, allp_i(mc, 0), F_p_schedtick), 0);   /* runnext inherits the slice */
    boot_close(&b);
}

static void test_runs_to_exit(void)
{
    boot b;
    CU_ASSERT_EQUAL_FATAL(boot_run(&b, NULL, NULL), 0);
    CU_ASSERT_EQUAL(b.mc.state, RUN_EXITED);
    CU_ASSERT_EQUAL(b.mc.exit_code, 0);
    CU_ASSERT_EQUAL(emu_read_u(b.mc.cpu, b.mc.mainStarted, 1), 1);
    boot_close(&b);
}

static void test_gomaxprocs_env_overrides_ncpu(void)
{
    boot b;
    const char *edits[] = {"ncpu: 2", "ncpu: 8", "PATH=/usr/bin:/bin", "GOMAXPROCS=4", NULL};
    CU_ASSERT_EQUAL_FATAL(boot_run(&b, edits, "runtime·mstart"), 0);
    machine *mc = &b.mc;
    CU_ASSERT_EQUAL(emu_read_u(mc->cpu, mc->ncpu, 4), 8);
    CU_ASSERT_EQUAL(emu_read_u(mc->cpu, mc->gomaxprocs, 4), 4);
    CU_ASSERT_EQUAL(emu_read_u(mc->cpu, mc->allp + 8, 8), 4);
    CU_ASSERT_EQUAL(rd(mc, mc->sched, F_schedt_npidle), 3);
    /* procresize walks down and pushes on the head: the list reads P1, P2, P3. */
    uint64_t p = rd(mc, mc->sched, F_schedt_pidle);
    for (int id = 1; id <= 3; id++, p = rd(mc, p, F_p_link)) {
        CU_ASSERT_EQUAL_FATAL(p, allp_i(mc, id));
        CU_ASSERT_EQUAL(rd(mc, p, F_p_status), C__Pidle);
    }
    CU_ASSERT_EQUAL(p, 0);
    boot_close(&b);
}

static void test_instruction_limit_and_determinism(void)
{
    boot b;
    CU_ASSERT_EQUAL_FATAL(boot_run(&b, NULL, NULL), 0);
    uint64_t total = emu_icount(b.mc.cpu);
    boot_close(&b);
    CU_ASSERT_EQUAL_FATAL(boot_run(&b, NULL, NULL), 0);
    CU_ASSERT_EQUAL(emu_icount(b.mc.cpu), total);
    boot_close(&b);
    const char *edits[] = {"max_instructions: 1000000", "max_instructions: 10", NULL};
    CU_ASSERT_EQUAL_FATAL(boot_run(&b, edits, NULL), 0);
    CU_ASSERT_EQUAL(b.mc.state, RUN_LIMIT);
    CU_ASSERT_EQUAL(emu_icount(b.mc.cpu), 10);
    boot_close(&b);
}

/* A model call is one step; the CALL before it is another. */
static void test_step_through_a_model_call(void)
{
    boot b;
    CU_ASSERT_EQUAL_FATAL(boot_run(&b, NULL, "runtime·rt0_go"), 0);
    machine *mc = &b.mc;
    uint64_t check = image_addr(&mc->img, "runtime·check");
    for (int i = 0; i < 1000 && emu_reg_get(mc->cpu, R_RIP) != check; i++)
        CU_ASSERT_EQUAL_FATAL(machine_step(mc), RUN_RUNNING);
    CU_ASSERT_EQUAL_FATAL(emu_reg_get(mc->cpu, R_RIP), check);
    uint64_t n = emu_icount(mc->cpu), ret = emu_read_u(mc->cpu, emu_reg_get(mc->cpu, R_RSP), 8);
    CU_ASSERT_EQUAL(machine_step(mc), RUN_RUNNING);
    CU_ASSERT_EQUAL(emu_icount(mc->cpu), n);                 /* the model ran no instruction */
    CU_ASSERT_EQUAL(emu_reg_get(mc->cpu, R_RIP), ret);       /* and returned */
    machine_step(mc);
    CU_ASSERT_EQUAL(emu_icount(mc->cpu), n + 1);
    boot_close(&b);
}

/* Restoring a snapshot brings back registers, memory and model state: the
 * run from there repeats exactly. */
static void test_snapshot_restore(void)
{
    boot b;
    CU_ASSERT_EQUAL_FATAL(boot_run(&b, NULL, "runtime·mstart"), 0);
    machine *mc = &b.mc;
    machine_snapshot *snap = machine_save(mc);
    emu_regs before;
    emu_regs_get(mc->cpu, &before);
    machine_run(mc, 0);
    CU_ASSERT_EQUAL_FATAL(mc->state, RUN_EXITED);
    uint64_t end = emu_icount(mc->cpu);
    uint64_t g1 = allgs0(mc);
    CU_ASSERT_EQUAL(rd(mc, g1, F_g_atomicstatus), C__Grunning);
    machine_restore(mc, snap);
    emu_regs after;
    emu_regs_get(mc->cpu, &after);
    CU_ASSERT_EQUAL(memcmp(&before, &after, sizeof before), 0);
    CU_ASSERT_EQUAL(mc->state, RUN_STOPPED);
    CU_ASSERT_EQUAL(rd(mc, g1, F_g_atomicstatus), C__Grunnable);
    CU_ASSERT_EQUAL(rd(mc, allp_i(mc, 0), F_p_runnext), g1);
    machine_run(mc, 0);
    CU_ASSERT_EQUAL(mc->state, RUN_EXITED);
    CU_ASSERT_EQUAL(emu_icount(mc->cpu), end);
    machine_snapshot_free(snap);
    boot_close(&b);
}


/* After mstart1, g0.sched is what a real go1.21 binary shows under gdb
 * (go-runtime-facts.md 4.2): sp = g0.stack.hi - 56 (mstart0's frame) and pc
 * the instruction after mstart0's CALL of mstart1, in real code. */
static void test_g0_sched_after_mstart1(void)
{
    boot b;
    CU_ASSERT_EQUAL_FATAL(boot_run(&b, NULL, "runtime·main"), 0);
    machine *mc = &b.mc;
    uint64_t hi = rd2(mc, mc->g0, F_g_stack, F_stack_hi);
    CU_ASSERT_EQUAL(rd2(mc, mc->g0, F_g_sched, F_gobuf_sp), hi - 56);
    CU_ASSERT_EQUAL(rd2(mc, mc->g0, F_g_sched, F_gobuf_g), mc->g0);
    uint64_t pc = rd2(mc, mc->g0, F_g_sched, F_gobuf_pc);
    const image_sym *s = image_sym_at(&mc->img, pc);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_STRING_EQUAL(s->name, "runtime·mstart0");
    CU_ASSERT_EQUAL(s->kind, SYM_TEXT);   /* not a model's stub */
    CU_ASSERT_EQUAL(emu_read_u(mc->cpu, pc - 5, 1), 0xe8);   /* after a CALL rel32 ... */
    uint64_t callee = pc + (uint64_t)(int64_t)(int32_t)emu_read_u(mc->cpu, pc - 4, 4);
    const image_sym *t = image_sym_at(&mc->img, callee);   /* ... of mstart1's wrapper */
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_STRING_EQUAL(t->name, "runtime·mstart1·abi0");
    boot_close(&b);
}

/* ABI0 calls from assembly into modelled Go functions go through real
 * wrapper code, as in a Go binary: runtime·newproc·abi0 has go1.21's bytes
 * (go-runtime-facts.md 1.3), so g1.gopc is newproc.abi0+31 as Go's is. */
static void test_abi0_wrappers_run_as_instructions(void)
{
    boot b;
    CU_ASSERT_EQUAL_FATAL(boot_run(&b, NULL, "runtime·main"), 0);
    machine *mc = &b.mc;
    uint64_t w = image_addr(&mc->img, "runtime·newproc·abi0");
    CU_ASSERT_NOT_EQUAL_FATAL(w, 0);
    static const uint8_t want[] = {0x55, 0x48, 0x89, 0xe5, 0x48, 0x83, 0xec, 0x08, 0x48, 0x8b,
                                   0x44, 0x24, 0x18, 0x45, 0x0f, 0x57, 0xff, 0x64, 0x4c, 0x8b,
                                   0x34, 0x25, 0xf8, 0xff, 0xff, 0xff, 0xe8};
    uint8_t got[sizeof want];
    CU_ASSERT_EQUAL_FATAL(emu_read(mc->cpu, w, got, sizeof got), 0);
    CU_ASSERT_EQUAL(memcmp(got, want, sizeof want), 0);
    CU_ASSERT_EQUAL(rd(mc, view_allg(mc, 0), F_g_gopc), w + 31);
    uint64_t check = image_addr(&mc->img, "runtime·check·abi0");   /* XORPS; MOVQ (TLS), R14; JMP */
    CU_ASSERT_EQUAL(emu_read_u(mc->cpu, check, 4), 0xff570f45);
    CU_ASSERT_EQUAL(emu_read_u(mc->cpu, check + 13, 1), 0xe9);
    /* mcall has go1.21's inserted PUSHQ BP; MOVQ SP, BP. */
    CU_ASSERT_EQUAL(emu_read_u(mc->cpu, mc->mcall, 4), 0xe5894855);
    boot_close(&b);
}

/* Without settls the first ABI0 wrapper's MOVQ (TLS), R14 faults, and the
 * run says why (also untraced, where the fault's pc must still be known). */
static void test_no_tls_fault_is_explained(void)
{
    boot b;
    const char *edits[] = {"../runtime_model/asm/rt0_amd64.s", "../runtime_model/asm/rt0_amd64_seed.s",
                           NULL};
    CU_ASSERT_EQUAL_FATAL(boot_run(&b, edits, NULL), 0);
    CU_ASSERT_EQUAL(b.mc.state, RUN_FAULT);
    CU_ASSERT_PTR_NOT_NULL(strstr(b.mc.why, "thread-local storage was never set up"));
    boot_close(&b);
}

/* GOMAXPROCS=2000 works as natively: Go has no limit on the number of Ps. */
static void test_gomaxprocs_2000(void)
{
    boot b;
    const char *edits[] = {"PATH=/usr/bin:/bin", "GOMAXPROCS=2000", NULL};
    CU_ASSERT_EQUAL_FATAL(boot_run(&b, edits, "runtime·mstart"), 0);
    machine *mc = &b.mc;
    CU_ASSERT_EQUAL_FATAL(mc->state, RUN_STOPPED);
    CU_ASSERT_EQUAL(emu_read_u(mc->cpu, mc->gomaxprocs, 4), 2000);
    CU_ASSERT_EQUAL(emu_read_u(mc->cpu, mc->allp + 8, 8), 2000);
    CU_ASSERT_EQUAL(rd(mc, mc->sched, F_schedt_npidle), 1999);
    uint64_t last = allp_i(mc, 1999);
    CU_ASSERT_EQUAL(rd(mc, last, F_p_id), 1999);
    CU_ASSERT_EQUAL(rd(mc, last, F_p_status), C__Pidle);
    char name[32];
    CU_ASSERT_STRING_EQUAL(obj_name(mc, allp_i(mc, 1500), name, sizeof name), "allp[1500]");
    machine_run(mc, 0);
    CU_ASSERT_EQUAL(mc->state, RUN_EXITED);
    CU_ASSERT_EQUAL(mc->exit_code, 0);
    boot_close(&b);
}

/* rt0_go tests _cgo_init, as every binary does: nil goes on to settls; a
 * non-nil one is called (here runtime·abort, which stops the run there). */
static void test_rt0_go_tests_cgo_init(void)
{
    boot b;
    CU_ASSERT_EQUAL_FATAL(boot_run(&b, NULL, "runtime·rt0_go"), 0);
    machine *mc = &b.mc;
    uint64_t cgo_init = image_addr(&mc->img, "_cgo_init");
    CU_ASSERT_NOT_EQUAL_FATAL(cgo_init, 0);
    CU_ASSERT_EQUAL(emu_read_u(mc->cpu, cgo_init, 8), 0);
    uint64_t abort = image_addr(&mc->img, "runtime·abort");
    emu_write_u(mc->cpu, cgo_init, 8, abort);
    machine_run(mc, abort);
    CU_ASSERT_EQUAL(mc->state, RUN_STOPPED);
    CU_ASSERT_EQUAL(emu_reg_get(mc->cpu, R_RIP), abort);
    CU_ASSERT_EQUAL(emu_reg_get(mc->cpu, R_FS_BASE), 0);   /* settls was skipped */
    boot_close(&b);
}

TEST_SUITE(boot)
{
    TEST_CASE(test_step_through_a_model_call);
    TEST_CASE(test_snapshot_restore);
    TEST_CASE(test_state_at_mstart);
    TEST_CASE(test_state_at_runtime_main);
    TEST_CASE(test_runs_to_exit);
    TEST_CASE(test_gomaxprocs_env_overrides_ncpu);
    TEST_CASE(test_instruction_limit_and_determinism);
    TEST_CASE(test_gomaxprocs_2000);
    TEST_CASE(test_g0_sched_after_mstart1);
    TEST_CASE(test_abi0_wrappers_run_as_instructions);
    TEST_CASE(test_no_tls_fault_is_explained);
    TEST_CASE(test_rt0_go_tests_cgo_init);
}
