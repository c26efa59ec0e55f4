#!/bin/sh
# Builds every tests/real/progs/NAME.go (or folder NAME/) into $REAL_BUILD/<toolchain>/NAME
# (default build/real/go1.19/NAME, ...) for each Go toolchain given, default
# Debian's go1.19 and go1.21.  A toolchain that is not installed is skipped
# with a note, so the cases run for whichever toolchains the machine has.
#
# The binaries are static (CGO_ENABLED=0: sim runs one ELF image, with no
# dynamic loader) and keep their real source paths (no -trimpath: the trace
# shows each instruction's source file and line).  Everything the go command
# writes (build cache, GOPATH, HOME) is inside build/, and the build never
# touches the network: the programs use the standard library only, and
# GOPATH mode (GO111MODULE=off) builds a single file with no go.mod.
cd "$(dirname "$0")/../.." || exit 2
root=$(pwd)
REAL_BUILD=${REAL_BUILD:-build/real}
case $REAL_BUILD in /*) ;; *) REAL_BUILD=$root/$REAL_BUILD ;; esac
[ $# -gt 0 ] || set -- /usr/lib/go-1.19/bin/go /usr/lib/go-1.21/bin/go
mkdir -p "$REAL_BUILD/home" || exit 2
status=0
for go in "$@"; do
    if ! [ -x "$go" ]; then
        echo "real: skip $go: not installed"
        continue
    fi
    # The label is the release, go1.19 for go1.19.8: the directory the cases
    # run from, and the prefix of their names in run.sh's report.
    ver=$("$go" env GOVERSION) || { echo "real: $go env GOVERSION failed"; status=1; continue; }
    label=$(echo "$ver" | sed 's/^\(go[0-9]*\.[0-9]*\).*/\1/')
    out=$REAL_BUILD/$label
    mkdir -p "$out" || exit 2
    echo "real: building with $ver ($go) into $out"
    # A program is one NAME.go, or a folder NAME/ (for one with assembly),
    # built in GOPATH mode as a package.
    for src in "$root"/tests/real/progs/*.go "$root"/tests/real/progs/*/; do
        [ -e "$src" ] || continue
        name=$(basename "$src" .go)
        dir=$root   # a folder is built from inside it: GOPATH mode takes no absolute package path
        case $src in */) dir=$src; src=. ;; esac
        # GOTOOLCHAIN=local: go1.21 would otherwise be free to look for a
        # newer toolchain; GOENV=off: no user go.env settings leak in.
        if ! cd "$dir" || ! env CGO_ENABLED=0 GOOS=linux GOARCH=amd64 GO111MODULE=off \
            GOFLAGS=-buildvcs=false GOENV=off GOTOOLCHAIN=local GOPROXY=off \
            HOME="$REAL_BUILD/home" GOCACHE="$REAL_BUILD/gocache" \
            GOPATH="$REAL_BUILD/gopath" \
            "$go" build -o "$out/$name" "$src"; then
            echo "real: $label/$name did not build"
            rm -f "$out/$name"
            status=1
        fi
    done
done
exit $status
