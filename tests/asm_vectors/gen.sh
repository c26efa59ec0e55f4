#!/bin/sh
# Regenerates the expected listings (*.golden) from the Go toolchain:
#   go tool asm -S -compiling-runtime -p runtime  (go1.19)
# for every *.s in this directory.  PCDATA/FUNCDATA lines are dropped (the
# assembler under test does not emit that metadata); everything else is
# Go's listing verbatim: instruction offsets, bytes and relocations.
# Usage: sh gen.sh [GO]   (GO defaults to $GO, then /usr/lib/go-1.19/bin/go)
set -eu
cd "$(dirname "$0")"
GO=${1:-${GO:-/usr/lib/go-1.19/bin/go}}
INC=$("$GO" env GOROOT)/pkg/include
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for s in *.s; do
	case "$s" in err_*) continue ;; esac
	"$GO" tool asm -S -compiling-runtime -p runtime -I "$INC" -I . -o "$tmp" "$s" |
		grep -v 'FUNCDATA\|PCDATA' > "${s%.s}.golden"
	echo "wrote ${s%.s}.golden"
done
