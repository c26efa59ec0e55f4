#!/bin/sh
# Assembles the Go runtime's own amd64 assembly from an installed go1.19
# with both `go tool asm -S` and `sim asm -S` and compares the listings.
# Not part of the unit tests: it needs go1.19's source tree and builds the
# runtime once (for the generated go_asm.h).  Usage:
#   sh runtime_check.sh SIM [GO]     e.g. sh runtime_check.sh ../../bin/sim
# SIM is a binary taking `asm FILE -S` (sim itself).
set -eu
SIM=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
GO=${2:-/usr/lib/go-1.19/bin/go}
ROOT=$("$GO" env GOROOT)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
work=$("$GO" build -work -a -o /dev/null runtime 2>&1 | sed -n 's/^WORK=//p')
cp "$(grep -l 'define g_m ' "$work"/*/go_asm.h | head -1)" "$tmp/go_asm.h"
rm -rf "$work"
cp "$ROOT"/src/runtime/go_tls.h "$ROOT"/src/runtime/asm_amd64.h "$tmp/"
mkdir -p "$tmp/cgo" && cp "$ROOT"/src/runtime/cgo/abi_amd64.h "$tmp/cgo/"
status=0
for f in asm_amd64.s sys_linux_amd64.s rt0_linux_amd64.s duff_amd64.s preempt_amd64.s \
	time_linux_amd64.s race_amd64.s; do
	cp "$ROOT/src/runtime/$f" "$tmp/"
	(cd "$tmp" && "$GO" tool asm -S -compiling-runtime -p runtime -I . -I "$ROOT/pkg/include" \
		-D GOOS_linux -D GOARCH_amd64 -D GOAMD64_v1 -o x.o "$f" |
		grep -v 'FUNCDATA\|PCDATA' | awk '/^[^\t]/ { skip = ($1 ~ /^gclocals/) } !skip' > go.lst)
	(cd "$tmp" && "$SIM" asm "$f" -S > sim.lst) || status=1
	if diff "$tmp/go.lst" "$tmp/sim.lst" > "$tmp/diff"; then
		echo "ok   $f ($(grep -c STEXT "$tmp/go.lst") functions)"
	else
		echo "DIFF $f"; head -20 "$tmp/diff"; status=1
	fi
done
exit $status
