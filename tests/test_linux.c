/* The Linux layer on its own, without a program: the address space's
 * splits and merges, the scheduler's rule, futex order, the signal frame
 * as Linux lays it out and rt_sigreturn, and the syscall decoder. */
#include "linux/process.h"
#include "linux/syscalls.h"
#include "tests/testlib.h"
#include <errno.h>
#include <string.h>

static lx_process pr;

static void open_process(uint64_t seed)
{
    static char *argv[] = {"t"};
    lx_params p = {argv, 1, NULL, 0, {0}, 2, 1000, seed, 10, 1ULL << 34, NULL, 0, NULL, "/t", false};
    emu *cpu = emu_new_real();
    CU_ASSERT_PTR_NOT_NULL_FATAL(cpu);
    CU_ASSERT_EQUAL_FATAL(lx_open(&pr, cpu, &p, stderr), 0);
}

static void close_process(void)
{
    emu *cpu = pr.cpu;
    lx_close(&pr);
    emu_free(cpu);
}

#define BASE 0x10000000ULL
#define MB (1ULL << 20)

static void test_reservation_split_and_merged_back(void)
{
    open_process(0);
    vm_space *vm = &pr.vm;
    CU_ASSERT_EQUAL(vm_map_fixed(vm, BASE, 4 * MB, 0, NULL), 0);
    uint8_t *host = vm->a[0].host;
    CU_ASSERT_EQUAL(vm_map_fixed(vm, BASE + MB, MB, EMU_PROT_READ | EMU_PROT_WRITE, NULL), 0);
    CU_ASSERT_EQUAL(vm->n, 3);
    /* The reservation's own host pages are reused, so areas stay contiguous. */
    CU_ASSERT_PTR_EQUAL(vm_area_at(vm, BASE + MB)->host, host + MB);
    CU_ASSERT_EQUAL(emu_write_u(pr.cpu, BASE + MB + 8, 8, 42), 0);
    CU_ASSERT_EQUAL(emu_read_u(pr.cpu, BASE + MB + 8, 8), 42);
    CU_ASSERT_FALSE(vm_check(vm, BASE, 8, EMU_PROT_READ));
    /* The rest made writable too: one area again, and one CPU region. */
    CU_ASSERT_EQUAL(vm_protect(vm, BASE, MB, EMU_PROT_READ | EMU_PROT_WRITE), 0);
    CU_ASSERT_EQUAL(vm_protect(vm, BASE + 2 * MB, 2 * MB, EMU_PROT_READ | EMU_PROT_WRITE), 0);
    CU_ASSERT_EQUAL(vm->n, 1);
    CU_ASSERT_EQUAL(emu_read_u(pr.cpu, BASE + MB + 8, 8), 42);   /* contents kept */
    CU_ASSERT_TRUE(vm_check(vm, BASE, 4 * MB, EMU_PROT_WRITE));
    /* A hole punched in the middle, then DONTNEED zeroes what stays. */
    CU_ASSERT_EQUAL(vm_unmap(vm, BASE + 2 * MB, 4096), 0);
    CU_ASSERT_EQUAL(vm->n, 2);
    CU_ASSERT_FALSE(vm_check(vm, BASE + 2 * MB, 1, 0));
    CU_ASSERT_EQUAL(vm_discard(vm, BASE + MB, 4096), 0);
    CU_ASSERT_EQUAL(emu_read_u(pr.cpu, BASE + MB + 8, 8), 0);
    CU_ASSERT_EQUAL(vm_protect(vm, BASE + 2 * MB, 4096, 0), -ENOMEM);   /* not mapped */
    close_process();
}

static void test_mmap_allocates_top_down_and_honours_hints(void)
{
    open_process(0);
    uint64_t a = vm_find_free(&pr.vm, 0, 65536);
    CU_ASSERT_EQUAL(a, VM_MMAP_BASE - 65536);
    CU_ASSERT_EQUAL(vm_map_fixed(&pr.vm, a, 65536, EMU_PROT_READ, NULL), 0);
    CU_ASSERT_EQUAL(vm_find_free(&pr.vm, 0, 4096), a - 4096);
    CU_ASSERT_EQUAL(vm_find_free(&pr.vm, 0xc000000000ULL, 4096), 0xc000000000ULL);
    CU_ASSERT_EQUAL(vm_find_free(&pr.vm, a, 4096), a - 4096);   /* a taken hint is passed over */
    pr.vm.limit = pr.vm.mapped + 4096;
    CU_ASSERT_EQUAL(vm_map_fixed(&pr.vm, BASE, 8192, EMU_PROT_READ, NULL), -ENOMEM);
    close_process();
}

/* The tids lx_pick gives in turn, the current thread's quantum over each time. */
static void picks(uint64_t seed, int *out, int n)
{
    open_process(seed);
    for (int i = 0; i < 3; i++)
        lx_thread_new(&pr);
    for (int i = 0; i < n; i++) {
        lx_thread *t = lx_pick(&pr, pr.cur);
        out[i] = t->tid;
        pr.cur = t;
    }
    close_process();
}

static void test_pick_is_round_robin_or_seeded(void)
{
    int a[8], b[8], c[8];
    picks(0, a, 8);
    for (int i = 0; i < 8; i++)
        CU_ASSERT_EQUAL(a[i], LX_PID + (i + 1) % 4);
    picks(7, b, 8);
    picks(7, c, 8);
    CU_ASSERT_EQUAL(memcmp(b, c, sizeof b), 0);   /* the same seed, the same order */
    for (int i = 1; i < 8; i++)
        CU_ASSERT_NOT_EQUAL(b[i], b[i - 1]);     /* the stopped thread is passed over */
    picks(8, c, 8);
    CU_ASSERT_NOT_EQUAL(memcmp(b, c, sizeof b), 0);
}

static void test_futex_wakes_the_longest_waiting_first(void)
{
    open_process(0);
    CU_ASSERT_EQUAL(vm_map_fixed(&pr.vm, BASE, 4096, EMU_PROT_READ | EMU_PROT_WRITE, NULL), 0);
    lx_thread *t1 = lx_thread_new(&pr), *t2 = lx_thread_new(&pr);
    uint64_t wait[6] = {BASE, 128, 0, 0, 0, 0}, wake[6] = {BASE, 129, 1, 0, 0, 0};
    pr.cur = t2;
    CU_ASSERT_EQUAL(sys_futex(&pr, wait), LX_BLOCKED);
    pr.cur = t1;
    CU_ASSERT_EQUAL(sys_futex(&pr, wait), LX_BLOCKED);
    pr.cur = pr.threads[0];
    wait[2] = 5;
    CU_ASSERT_EQUAL(sys_futex(&pr, wait), -EAGAIN);   /* the value moved on: no sleep */
    CU_ASSERT_EQUAL(sys_futex(&pr, wake), 1);
    CU_ASSERT_EQUAL(t2->wait, WAIT_NONE);
    CU_ASSERT_EQUAL(t1->wait, WAIT_FUTEX);
    wake[2] = 10;
    CU_ASSERT_EQUAL(sys_futex(&pr, wake), 1);
    CU_ASSERT_EQUAL(t1->wait, WAIT_NONE);
    close_process();
}

static uint64_t rd64(uint64_t addr) { return emu_read_u(pr.cpu, addr, 8); }

static void test_signal_frame_is_linuxs_and_sigreturn_restores(void)
{
    open_process(0);
    uint64_t stack = BASE, alt = BASE + 0x10000;
    CU_ASSERT_EQUAL(vm_map_fixed(&pr.vm, stack, 0x20000, EMU_PROT_READ | EMU_PROT_WRITE, NULL), 0);
    pr.sigact[SIGSEGV_NR] = (lx_sigaction){0x401000, 0x04000000 | 0x08000000 | 4, 0x402000, 0};
    pr.cur->altstack_sp = alt;
    pr.cur->altstack_size = 0x8000;
    pr.cur->altstack_flags = 0;
    emu_reg_set(pr.cpu, R_RSP, stack + 0x8000);
    emu_reg_set(pr.cpu, R_RIP, 0x405123);
    emu_reg_set(pr.cpu, R_RBX, 0xb0b);
    CU_ASSERT_TRUE(lx_signal_fault(&pr, SIGSEGV_NR, 1, 0x18));
    uint64_t sp = emu_reg_get(pr.cpu, R_RSP), fpstate = (alt + 0x8000 - 512) & ~63ULL;
    CU_ASSERT_EQUAL(sp, ((fpstate - 440) & ~15ULL) - 8);
    CU_ASSERT_EQUAL(emu_reg_get(pr.cpu, R_RIP), 0x401000);
    CU_ASSERT_EQUAL(emu_reg_get(pr.cpu, R_RDI), SIGSEGV_NR);
    CU_ASSERT_EQUAL(emu_reg_get(pr.cpu, R_RSI), sp + 312);
    CU_ASSERT_EQUAL(emu_reg_get(pr.cpu, R_RDX), sp + 8);
    CU_ASSERT_EQUAL(rd64(sp), 0x402000);                       /* pretcode = sa_restorer */
    CU_ASSERT_EQUAL(rd64(sp + 8 + 40 + 8 * 11), 0xb0b);          /* gregs[REG_RBX] */
    CU_ASSERT_EQUAL(rd64(sp + 8 + 40 + 8 * 15), stack + 0x8000); /* gregs[REG_RSP] */
    CU_ASSERT_EQUAL(rd64(sp + 8 + 40 + 8 * 16), 0x405123);       /* gregs[REG_RIP] */
    CU_ASSERT_EQUAL(rd64(sp + 8 + 40 + 184), fpstate);
    CU_ASSERT_EQUAL(emu_read_u(pr.cpu, sp + 312, 4), SIGSEGV_NR);
    CU_ASSERT_EQUAL(emu_read_u(pr.cpu, sp + 312 + 8, 4), 1);      /* SEGV_MAPERR */
    CU_ASSERT_EQUAL(rd64(sp + 312 + 16), 0x18);                  /* si_addr */
    CU_ASSERT_TRUE(pr.cur->sigmask & (1ULL << (SIGSEGV_NR - 1)));
    /* The handler rewrites rip, returns through the restorer's rt_sigreturn. */
    emu_write_u(pr.cpu, sp + 8 + 40 + 8 * 16, 8, 0x406000);
    emu_reg_set(pr.cpu, R_RSP, sp + 8);
    uint64_t none[6] = {0};
    CU_ASSERT_EQUAL(sys_rt_sigreturn(&pr, none), LX_NORESULT);
    CU_ASSERT_EQUAL(emu_reg_get(pr.cpu, R_RIP), 0x406000);
    CU_ASSERT_EQUAL(emu_reg_get(pr.cpu, R_RSP), stack + 0x8000);
    CU_ASSERT_EQUAL(emu_reg_get(pr.cpu, R_RBX), 0xb0b);
    CU_ASSERT_FALSE(pr.cur->sigmask & (1ULL << (SIGSEGV_NR - 1)));
    /* With no handler a fault is not delivered: the process dies. */
    CU_ASSERT_FALSE(lx_signal_fault(&pr, SIGFPE_NR, 1, 0));
    close_process();
}

static void test_calls_decode_as_strace_shows_them(void)
{
    open_process(0);
    char buf[320], res[96];
    uint64_t a[6] = {0, 65536, 3, 0x22, 0xffffffff, 0};
    const lx_syscall_def *d = lx_syscall_lookup(9);
    lx_decode_call(&pr, d, a, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "mmap(NULL, 65536, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)");
    lx_decode_result(d, 0x7ffff7fbf000, res, sizeof res);
    CU_ASSERT_STRING_EQUAL(res, " = 0x7ffff7fbf000");
    lx_decode_result(lx_syscall_lookup(257), -ENOENT, res, sizeof res);
    CU_ASSERT_STRING_EQUAL(res, " = -1 ENOENT (No such file or directory)");
    CU_ASSERT_PTR_NULL(lx_syscall_lookup(400));
    int n;
    const lx_syscall_def *t = lx_syscall_table(&n);
    for (int i = 1; i < n; i++)
        CU_ASSERT(t[i].nr > t[i - 1].nr);   /* in number order, no number twice */
    close_process();
}

TEST_SUITE(linux_layer)
{
    TEST_CASE(test_reservation_split_and_merged_back);
    TEST_CASE(test_mmap_allocates_top_down_and_honours_hints);
    TEST_CASE(test_pick_is_round_robin_or_seeded);
    TEST_CASE(test_futex_wakes_the_longest_waiting_first);
    TEST_CASE(test_signal_frame_is_linuxs_and_sigreturn_restores);
    TEST_CASE(test_calls_decode_as_strace_shows_them);
}
