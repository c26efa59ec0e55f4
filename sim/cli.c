/* Did-you-mean for the command line: see cli.h. */
#include "sim/cli.h"
#include <stdlib.h>
#include <string.h>

/* Optimal string alignment distance (Levenshtein with swapped neighbours
 * counting as one edit: "--fromat" is one edit from "--format"). */
static int distance(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > 64 || m > 64)
        return 99;
    int d[65][65];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++) {
            int cost = a[i - 1] != b[j - 1];
            int v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < v)
                v = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    return d[n][m];
}

const char *cli_closest(const char *word, const char *const *cands)
{
    const char *best = NULL;
    int best_d = 99;
    size_t wn = strlen(word);
    /* A word of a few letters allows one edit, a longer one two. */
    int limit = wn <= 4 ? 1 : wn <= 8 ? 2 : 3;
    for (const char *const *c = cands; *c; c++) {
        int dist = distance(word, *c);
        const char *w = word + strspn(word, "-");   /* "--ma" is a prefix of "--max" */
        if (strlen(w) >= 2 && strncmp(word, *c, wn) == 0)
            dist = dist < 1 ? dist : 1;
        if (dist <= limit && dist < best_d) {
            best = *c;
            best_d = dist;
        }
    }
    return best;
}

int cli_unknown(FILE *err, const char *cmd, const char *what, const char *word,
                const char *const *cands)
{
    const char *near = cli_closest(word, cands);
    fprintf(err, "%s: unknown %s \"%s\"", cmd, what, word);
    if (near)
        fprintf(err, "; did you mean \"%s\"?", near);
    fprintf(err, "\n");
    return 2;
}
