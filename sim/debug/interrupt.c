/* Ctrl-C: see interrupt.h.  The handler only sets a flag (all a signal
 * handler may safely do); sigaction without SA_RESTART, so that the TUI's
 * blocking getch returns and sees it at once. */
#include "sim/debug/interrupt.h"
#include <signal.h>
#include <string.h>

static volatile sig_atomic_t pending, batch_mode;
static struct sigaction saved;
static bool installed;

static void on_sigint(int sig)
{
    if (pending && batch_mode) {   /* the second Ctrl-C: as if sim had no handler */
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    pending = 1;
}

void interrupt_install(bool batch)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    batch_mode = batch;
    pending = 0;
    if (sigaction(SIGINT, &sa, &saved) == 0)
        installed = true;
}

void interrupt_remove(void)
{
    if (installed)
        sigaction(SIGINT, &saved, NULL);
    installed = false;
    pending = 0;
}

bool interrupt_pending(void) { return pending != 0; }

bool interrupt_take(void)
{
    bool was = pending != 0;
    pending = 0;
    return was;
}
