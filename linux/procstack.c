/* Builds the initial process stack image: see procstack.h. */
#include "linux/procstack.h"
#include <string.h>

typedef struct {
    uint8_t *buf;
    uint64_t lo, top, cur;   /* cur moves down from top */
    int overflow;
} stackbuf;

static uint64_t push_bytes(stackbuf *s, const void *p, size_t n)
{
    if (s->cur - s->lo < n) {
        s->overflow = 1;
        return s->cur;
    }
    s->cur -= n;
    memcpy(s->buf + (s->cur - s->lo), p, n);
    return s->cur;
}

static void put_word(stackbuf *s, uint64_t addr, uint64_t v)
{
    if (addr < s->lo || addr + 8 > s->top) {
        s->overflow = 1;
        return;
    }
    for (int i = 0; i < 8; i++)
        s->buf[addr - s->lo + (uint64_t)i] = (uint8_t)(v >> (8 * i));
}

/* Strings go in reverse so that the first one ends up lowest. */
static void push_strings(stackbuf *s, char **strs, int n, uint64_t *addrs)
{
    for (int i = n - 1; i >= 0; i--)
        addrs[i] = push_bytes(s, strs[i], strlen(strs[i]) + 1);
}

int procstack_layout(const procstack_args *cfg, uint64_t top, uint8_t *buf, size_t len,
                     procstack *out)
{
    stackbuf s = {buf, top - len, top, top, 0};
    memset(buf, 0, len);
    memset(out, 0, sizeof *out);
    uint64_t zero = 0, argv_a[cfg->argc], env_a[cfg->nenv > 0 ? cfg->nenv : 1];

    push_bytes(&s, &zero, 8);
    out->execfn = push_bytes(&s, cfg->argv[0], strlen(cfg->argv[0]) + 1);
    push_strings(&s, cfg->env, cfg->nenv, env_a);
    push_strings(&s, cfg->argv, cfg->argc, argv_a);
    out->strings_lo = s.cur;
    out->platform = push_bytes(&s, "x86_64", 7);
    s.cur &= ~15ULL;
    out->random = push_bytes(&s, cfg->at_random, 16);

    if (cfg->nauxv < 0 || cfg->nauxv >= PROCSTACK_MAX_AUXV)
        return -1;
    uint64_t auxv[PROCSTACK_MAX_AUXV][2];
    for (int i = 0; i < cfg->nauxv; i++) {
        uint64_t key = cfg->auxv[i][0], v = cfg->auxv[i][1];
        auxv[i][0] = key;
        auxv[i][1] = key == AT_PLATFORM ? out->platform
                     : key == AT_RANDOM ? out->random
                     : key == AT_EXECFN ? out->execfn
                                        : v;
    }
    auxv[cfg->nauxv][0] = AT_NULL;
    auxv[cfg->nauxv][1] = 0;
    out->nauxv = cfg->nauxv + 1;
    size_t words = 1 + (size_t)cfg->argc + 1 + (size_t)cfg->nenv + 1 + 2 * (size_t)out->nauxv;
    uint64_t sp = (s.cur - words * 8) & ~15ULL;
    if (sp < s.lo)
        return -1;
    s.cur = sp;

    uint64_t p = sp;
    put_word(&s, p, (uint64_t)cfg->argc), p += 8;
    out->argv = p;
    for (int i = 0; i < cfg->argc; i++, p += 8)
        put_word(&s, p, argv_a[i]);
    put_word(&s, p, 0), p += 8;
    out->envp = p;
    for (int i = 0; i < cfg->nenv; i++, p += 8)
        put_word(&s, p, env_a[i]);
    put_word(&s, p, 0), p += 8;
    out->auxv = p;
    for (int i = 0; i < out->nauxv; i++, p += 16) {
        put_word(&s, p, auxv[i][0]);
        put_word(&s, p + 8, auxv[i][1]);
    }
    out->sp = sp;
    out->argc = cfg->argc;
    out->nenv = cfg->nenv;
    out->top = top;
    return s.overflow ? -1 : 0;
}
