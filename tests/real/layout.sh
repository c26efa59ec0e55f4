#!/bin/sh
# The layout tables against each installed toolchain (issue: one table per
# Go version, checked against go_asm.h and DWARF):
#  - the go_asm.h that toolchain's compiler writes for package runtime must
#    equal tests/data/go_asm_<label>.h, which tests/test_layout.c checks the
#    table against field by field;
#  - `sim layout` on that toolchain's hello (tests/real/build.sh) must find
#    the version and report that the binary's DWARF confirms sim's table.
#  - without symbols and DWARF (-ldflags='-s -w') the version still comes
#    from the build info, and the table is used unchecked.
# A toolchain that is not installed is skipped with a note.
cd "$(dirname "$0")/../.." || exit 2
root=$(pwd)
SIM=${SIM:-bin/sim}
REAL_BUILD=${REAL_BUILD:-build/real}
case $REAL_BUILD in /*) ;; *) REAL_BUILD=$root/$REAL_BUILD ;; esac
[ $# -gt 0 ] || set -- /usr/lib/go-1.19/bin/go /usr/lib/go-1.21/bin/go
fail=0
for go in "$@"; do
    [ -x "$go" ] || { echo "layout: skip $go: not installed"; continue; }
    ver=$("$go" env GOVERSION) || exit 2
    label=$(echo "$ver" | sed 's/^\(go[0-9]*\.[0-9]*\).*/\1/')
    hdr=$REAL_BUILD/go_asm_$label.h
    if ! [ -s "$hdr" ]; then   # -a: a cached runtime would write no header
        work=$(env CGO_ENABLED=0 GOOS=linux GOARCH=amd64 GOFLAGS= GOENV=off GOTOOLCHAIN=local \
            HOME="$REAL_BUILD/home" GOCACHE="$REAL_BUILD/gocache-asmhdr" \
            "$go" build -a -work runtime 2>&1 | sed -n 's/^WORK=//p')
        [ -n "$work" ] && [ -f "$work/b001/go_asm.h" ] && cp "$work/b001/go_asm.h" "$hdr"
        [ -n "$work" ] && rm -rf "$work"
    fi
    if ! [ -s "$hdr" ]; then
        echo "layout: $label: no go_asm.h from $go build -a -work runtime"; fail=1
    elif ! cmp -s "$hdr" "tests/data/go_asm_$label.h"; then
        echo "layout: $label: the compiler's go_asm.h differs from tests/data/go_asm_$label.h:"
        diff "tests/data/go_asm_$label.h" "$hdr" | head -5; fail=1
    else
        echo "layout: $label: the compiler's go_asm.h is tests/data/go_asm_$label.h"
    fi
    note=$("$SIM" layout "$REAL_BUILD/$label/hello" | head -1)
    case $note in
    "$ver: sim's $label table, which the binary's DWARF confirms") echo "layout: $note" ;;
    *) echo "layout: $label/hello: $note"; "$SIM" layout "$REAL_BUILD/$label/hello" | sed -n '2,6p'; fail=1 ;;
    esac
    stripped=$REAL_BUILD/$label/hello.stripped
    env CGO_ENABLED=0 GOOS=linux GOARCH=amd64 GO111MODULE=off GOFLAGS=-buildvcs=false GOENV=off \
        GOTOOLCHAIN=local GOPROXY=off HOME="$REAL_BUILD/home" GOCACHE="$REAL_BUILD/gocache" \
        GOPATH="$REAL_BUILD/gopath" "$go" build -ldflags='-s -w' -o "$stripped" tests/real/progs/hello.go || fail=1
    note=$("$SIM" layout "$stripped" | head -1)
    case $note in
    "$ver: sim's $label table (not checked: it has no DWARF)") echo "layout: stripped: $note" ;;
    *) echo "layout: $label/hello.stripped: $note"; fail=1 ;;
    esac
done
exit $fail
