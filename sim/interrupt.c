/* See interrupt.h. */
#include "sim/interrupt.h"
#include <string.h>

volatile sig_atomic_t interrupt_signal;

static void on_signal(int sig)
{
    if (interrupt_signal) {   /* asked twice: stop now */
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    interrupt_signal = sig;
}

static void set(void (*fn)(int))
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;   /* no SA_RESTART: a host read of stdin returns EINTR */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

void interrupt_arm(void)
{
    interrupt_signal = 0;
    set(on_signal);
}

void interrupt_disarm(void) { set(SIG_DFL); }
