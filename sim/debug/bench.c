/* `sim debug CONFIG --bench-latency`: how long a user waits for a step, a
 * reverse step and a g N, each followed by computing every pane as the TUI
 * would, at positions spread over the whole run (deterministic samples). */
#include "sim/debug/ui.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SAMPLES 200
#define BUDGET_MS 50.0

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void render(dbg *d, pane *p)
{
    char status[512];
    dbg_status(d, status, sizeof status);
    for (int i = 0; i < PANE__COUNT; i++)
        dbg_pane(d, (pane_id)i, 12, 100, p);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Report one kind of operation; true if its worst case is over budget. */
static bool report(FILE *out, const char *what, double *ms, int n)
{
    qsort(ms, (size_t)n, sizeof *ms, cmp_double);
    fprintf(out, "  %-13s median %6.2f ms   p90 %6.2f ms   max %6.2f ms   (%d samples)\n", what,
            ms[n / 2], ms[n * 9 / 10], ms[n - 1], n);
    return ms[n - 1] > BUDGET_MS;
}

static uint64_t next_rand(uint64_t *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return *s >> 33;
}

int debug_bench_latency(dbg *d, FILE *out)
{
    char *sink_buf = NULL;
    size_t sink_len = 0;
    FILE *sink = open_memstream(&sink_buf, &sink_len);
    pane p = {0};
    double t0 = now_ms();
    dbg_continue(d, sink);   /* the whole run once: every later position is a replay */
    double first = now_ms() - t0;
    uint64_t steps = d->tl.pos, insns = emu_icount(d->mc.cpu), seed = 1;
    fprintf(out, "sim debug latency: %s, %llu instructions, %llu steps, a snapshot every %llu "
            "steps (%zu); first run to the end %.0f ms\n", d->cfg.name, (unsigned long long)insns,
            (unsigned long long)steps, (unsigned long long)d->tl.interval, d->tl.nsnaps, first);
    double ms[3][SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
        timeline_goto(&d->tl, next_rand(&seed) % (steps ? steps : 1));
        t0 = now_ms();
        dbg_step(d, 1, sink);
        render(d, &p);
        ms[0][i] = now_ms() - t0;
        timeline_goto(&d->tl, 1 + next_rand(&seed) % (steps ? steps : 1));
        t0 = now_ms();
        dbg_rstep(d, 1, sink);
        render(d, &p);
        ms[1][i] = now_ms() - t0;
        t0 = now_ms();   /* from wherever the last sample left us: forward or back */
        dbg_goto(d, next_rand(&seed) % (insns + 1), sink);
        render(d, &p);
        ms[2][i] = now_ms() - t0;
    }
    bool over = report(out, "step", ms[0], SAMPLES);
    over |= report(out, "reverse step", ms[1], SAMPLES);
    over |= report(out, "g N", ms[2], SAMPLES);
    fprintf(out, "budget %.0f ms: %s\n", BUDGET_MS, over ? "EXCEEDED" : "met");
    pane_free(&p);
    fclose(sink);
    free(sink_buf);
    return over ? 1 : 0;
}
