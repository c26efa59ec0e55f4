/* `sim config list` and `sim config show NAME`: the built-in scenarios, and
 * one of them as written, to start a config of one's own from
 * (docs/scenarios.md). */
#include "sim/cli.h"
#include "sim/commands.h"
#include "sim/scenarios.h"
#include "sim/sources.h"
#include <stdio.h>
#include <string.h>

static void config_usage(FILE *f)
{
    fprintf(f, "usage: sim config list\n"
               "       sim config show NAME\n"
               "  list        the built-in scenarios, with what each shows (as sim run lists them)\n"
               "  show NAME   print the built-in config NAME (configs/NAME.yaml), to start one of\n"
               "              your own from: sim config show spawn > my.yaml (its sources are\n"
               "              written sim:PATH, sim's built-in copies, so it runs from anywhere)\n"
               "  -h, --help  this help\n"
               "A config's keys are in docs/config.md; writing a scenario in docs/scenarios.md.\n");
}

/* A program.sources entry of a built-in config, "    - ../runtime_model/asm/proc.s"
 * or "    - main_spawn.s", as the repository file it names (relative to
 * configs/); false when LINE is no such entry. */
static bool source_entry(const char *line, char *path, size_t len, const char **rest)
{
    if (strncmp(line, "    - ", 6) != 0)
        return false;
    const char *p = line + 6;
    size_t n = strcspn(p, " #\n");
    if (strncmp(p, "../", 3) == 0)
        snprintf(path, len, "%.*s", (int)n - 3, p + 3);
    else
        snprintf(path, len, "configs/%.*s", (int)n, p);
    *rest = p + n;
    return embedded_find(path) != NULL;
}

/* The config as written, but with its sources named as sim's built-in
 * copies (sim:PATH), so that a copy runs from any folder, without notes. */
static void show(const char *name, const char *text)
{
    printf("# Printed by sim config show %s.  Sources written sim:PATH are the copies built\n"
           "# into sim; list your own files by their path relative to this file's folder.\n",
           name);
    bool in_sources = false;
    for (const char *line = text; *line;) {
        size_t n = strcspn(line, "\n");
        char path[256];
        const char *rest;
        if (strncmp(line, "  sources:", 10) == 0)
            in_sources = true;
        else if (strncmp(line, "    ", 4) != 0)
            in_sources = false;
        if (in_sources && source_entry(line, path, sizeof path, &rest))
            printf("    - %s%s%.*s\n", SOURCES_BUILTIN_PREFIX, path, (int)(n - (size_t)(rest - line)),
                   rest);
        else
            printf("%.*s\n", (int)n, line);
        line += n + (line[n] == '\n');
    }
}

int cmd_config(int argc, char **argv)
{
    static const char *const subs[] = {"list", "show", NULL};
    if (argc > 0 && (!strcmp(argv[0], "-h") || !strcmp(argv[0], "--help"))) {
        config_usage(stdout);
        return 0;
    }
    if (argc == 1 && !strcmp(argv[0], "list")) {
        scenario_list(stdout);
        return 0;
    }
    if (argc == 2 && !strcmp(argv[0], "show")) {
        const struct embedded_file *f = scenario_find(argv[1]);
        if (!f) {
            const char *names[SCENARIO_MAX + 1];
            scenario_names(names);
            cli_unknown(stderr, "sim config show", "scenario", argv[1], names);
            fprintf(stderr, "(sim config list names them)\n");
            return 2;
        }
        show(argv[1], f->data);
        return 0;
    }
    if (argc > 0 && strcmp(argv[0], "list") && strcmp(argv[0], "show"))
        return cli_unknown(stderr, "sim config", "subcommand", argv[0], subs);
    config_usage(stderr);
    return 2;
}
