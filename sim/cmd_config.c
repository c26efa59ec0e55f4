/* `sim config list` and `sim config show NAME`: the built-in scenarios, and
 * one of them as written, to start a config of one's own from
 * (docs/scenarios.md). */
#include "sim/cli.h"
#include "sim/commands.h"
#include "sim/scenarios.h"
#include <stdio.h>
#include <string.h>

static void config_usage(FILE *f)
{
    fprintf(f, "usage: sim config list\n"
               "       sim config show NAME\n"
               "  list        the built-in scenarios, with what each shows (as sim run lists them)\n"
               "  show NAME   print the built-in config NAME (configs/NAME.yaml), to start one of\n"
               "              your own from: sim config show spawn > my.yaml\n"
               "  -h, --help  this help\n"
               "A config's keys are in docs/config.md; writing a scenario in docs/scenarios.md.\n");
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
        fputs(f->data, stdout);
        return 0;
    }
    if (argc > 0 && strcmp(argv[0], "list") && strcmp(argv[0], "show"))
        return cli_unknown(stderr, "sim config", "subcommand", argv[0], subs);
    config_usage(stderr);
    return 2;
}
