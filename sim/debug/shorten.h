/* Fitting the TUI's titles and status bar into narrow terminals (80×24)
 * without cutting a word: what goes first is what says least. */
#ifndef SIM_DEBUG_SHORTEN_H
#define SIM_DEBUG_SHORTEN_H
#include <stddef.h>

/* Columns S takes (every character sim prints is one column wide). */
int text_cols(const char *s);
/* A pane title IN in at most COLS columns, into OUT: as it is when it
 * fits; else without its parenthesised note ("Registers (*: changed by
 * the step)" → "Registers"); else cut after its last whole word that fits,
 * with "…". */
void shorten_title(const char *in, int cols, char *out, size_t len);
/* The status bar (" sim debug boot · step 85 · insn 79 · runtime·main ·
 * g1's stack · running") in COLS columns: it drops, while it does not fit,
 * "sim debug", the run state when it is "running", the config's name, the
 * instruction count, then shortens "g1's stack" to "g1", and last cuts
 * whole " · " parts off the end. */
void shorten_status(const char *in, int cols, char *out, size_t len);

#endif
