#include "sim/debug_ui.h"
int tui_run(dbg *d, bool color) { (void)d; (void)color; return 0; }
