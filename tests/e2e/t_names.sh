#!/bin/sh
# Go's spelling of a symbol (runtime.main) and Plan 9's (runtime·main) are
# one name everywhere: a config's program.entry, --stop-at (with @N) and
# the debugger's breakpoints.
. "$(dirname "$0")/lib.sh"
sed 's/^  entry: .*/  entry: runtime.rt0_go/' configs/boot.yaml >configs/.t_names.yaml
trap 'rm -f configs/.t_names.yaml; rm -rf "$T"' EXIT
expect_status 0 "$SIM" run configs/.t_names.yaml -q -o "$T/e.trace"
has "$T/e.trace" '^1 0x[0-9a-f]* runtime·rt0_go |'
for name in runtime.main 'runtime·main'; do
    expect_status 0 "$SIM" run --stop-at "$name"
    has "$T/out" '^sim: boot: stopped at runtime·main after 127 instructions$'
done
expect_status 1 "$SIM" run --stop-at 'runtime.main@2'
has "$T/err" 'was never reached'
expect_status 0 "$SIM" debug -x 'b runtime.main; c'
has "$T/out" '^Breakpoint 1, runtime·main'
exit 0
