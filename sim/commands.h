/* Subcommands of bin/sim; each returns the process exit status:
 * 0 success, 1 the simulated program did not finish normally, 2 bad input. */
#ifndef SIM_COMMANDS_H
#define SIM_COMMANDS_H

int cmd_run(int argc, char **argv);
int cmd_asm(int argc, char **argv);
int cmd_debug(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_syscalls(int argc, char **argv);
int cmd_layout(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_config(int argc, char **argv);

#endif
