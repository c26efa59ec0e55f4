// Field offsets as cmd/compile -asmhdr writes them for go1.19 linux/amd64
// (subset used by the test vectors).
#define g_stack 0
#define stack_lo 0
#define stack_hi 8
#define g_stackguard0 16
#define g_stackguard1 24
#define g__panic 32
#define g_m 48
#define g_sched 56
#define gobuf_sp 0
#define gobuf_pc 8
#define gobuf_g 16
#define gobuf_ctxt 24
#define gobuf_ret 32
#define gobuf_lr 40
#define gobuf_bp 48
#define m_g0 0
#define m_curg 192
#define m_tls 136
#define m_procid 128
