/* Built-in scenarios: see scenarios.h. */
#include "sim/scenarios.h"
#include "sim/cli.h"
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define PREFIX "configs/"
#define SUFFIX ".yaml"
#define DEFAULT_SCENARIO "boot"

/* NAME of an embedded path "configs/NAME.yaml" into BUF; false for any
 * other file. */
static bool scenario_name(const char *path, char *buf, size_t len)
{
    size_t n = strlen(path), p = strlen(PREFIX), s = strlen(SUFFIX);
    if (n <= p + s || strncmp(path, PREFIX, p) != 0 || strcmp(path + n - s, SUFFIX) != 0 ||
        strchr(path + p, '/') || n - p - s >= len)
        return false;
    snprintf(buf, len, "%.*s", (int)(n - p - s), path + p);
    return true;
}

const struct embedded_file *scenario_find(const char *name)
{
    char want[256];
    snprintf(want, sizeof want, PREFIX "%s" SUFFIX, name);
    for (const struct embedded_file *f = embedded_files; f->path; f++)
        if (strcmp(f->path, want) == 0)
            return f;
    return NULL;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int scenario_names(const char *names[SCENARIO_MAX + 1])
{
    static char store[SCENARIO_MAX][64];
    int n = 0;
    for (const struct embedded_file *f = embedded_files; f->path && n < SCENARIO_MAX; f++)
        if (scenario_name(f->path, store[n], sizeof store[n]))
            names[n] = store[n], n++;
    qsort(names, (size_t)n, sizeof names[0], by_name);
    names[n] = NULL;
    return n;
}

/* The config's leading comment, its lines joined, "# " dropped. */
static void describe(const char *text, char *buf, size_t len)
{
    size_t o = 0;
    buf[0] = 0;
    for (const char *p = text; *p == '#'; ) {
        p += 1 + (p[1] == ' ');
        size_t n = strcspn(p, "\n");
        if (o < len)
            o += (size_t)snprintf(buf + o, len - o, "%s%.*s", o ? " " : "", (int)n, p);
        p += n + (p[n] == '\n');
    }
}

/* TEXT from column INDENT, broken at spaces before column WIDTH. */
static void wrapped(FILE *out, const char *text, int indent, int width)
{
    int col = indent;
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, " ");
        if (col > indent && col + 1 + (int)n > width) {
            fprintf(out, "\n%*s", indent, "");
            col = indent;
        }
        col += fprintf(out, "%s%.*s", col > indent ? " " : "", (int)n, p);
        p += n;
        p += strspn(p, " ");
    }
    fputc('\n', out);
}

void scenario_list(FILE *out)
{
    const char *names[SCENARIO_MAX + 1];
    int n = scenario_names(names);
    for (int i = 0; i < n; i++) {
        char about[1024];
        describe(scenario_find(names[i])->data, about, sizeof about);
        fprintf(out, "%-20s", names[i]);
        if (strlen(names[i]) >= 20)
            fprintf(out, "\n%20s", "");
        wrapped(out, about, 20, 79);
    }
}

int scenario_load(const char *arg, sim_config *cfg, bool *builtin, FILE *err)
{
    struct stat st;
    *builtin = arg == NULL;
    if (arg && (stat(arg, &st) == 0 || strchr(arg, '/') || strstr(arg, SUFFIX)))
        return config_load(arg, cfg, err);
    const struct embedded_file *f = scenario_find(arg ? arg : DEFAULT_SCENARIO);
    if (!f) {
        const char *names[SCENARIO_MAX + 1];
        scenario_names(names);
        const char *near = cli_closest(arg, names);
        config_defaults(cfg);   /* so that config_free has something to free */
        fprintf(err, "%s: cannot read: no such file, nor a built-in scenario of that name", arg);
        if (near)
            fprintf(err, "; did you mean \"%s\"?", near);
        fprintf(err, " (sim run --list names them)\n");
        return 2;
    }
    *builtin = true;
    return config_parse(f->path, f->data, cfg, err);
}
