/* Shared by the subcommands' option parsers: "did you mean" for a mistyped
 * subcommand, option or name, as git and cargo suggest one. */
#ifndef SIM_CLI_H
#define SIM_CLI_H
#include <stdio.h>

/* The candidate (of the NULL-terminated list CANDS) closest to WORD, when
 * it is close enough to be what was meant (a few letters off, or WORD a
 * prefix of it); NULL if none is. */
const char *cli_closest(const char *word, const char *const *cands);

/* Writes "CMD: unknown WHAT "WORD"" and, when one is close, "; did you
 * mean "X"?", then a newline, to ERR.  Returns 2, the bad-input status. */
int cli_unknown(FILE *err, const char *cmd, const char *what, const char *word,
                const char *const *cands);

#endif
