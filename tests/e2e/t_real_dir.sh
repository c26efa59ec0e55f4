#!/bin/sh
# A real program reads a folder the command line allows (--allow DIR/):
# os.ReadDir's getdents64 lists it in name order, as ls would sort it, the
# same as natively (where os.ReadDir sorts too); without --allow the folder
# does not exist; every run lists it the same way.
. "$(dirname "$0")/lib.sh"
sh tests/real/build.sh /usr/lib/go-1.19/bin/go >/dev/null || fail "building the go1.19 programs"
prog=$(pwd)/build/real/go1.19/lsdir
dir=$(pwd)/tests/real/progs
mkdir "$T/d" && for f in b a c; do echo "$f" >"$T/d/$f.txt"; done && mkdir "$T/d/sub"
"$prog" "$T/d" >"$T/native" || fail "lsdir natively"
expect_status 0 "$SIM" run -q "$prog" --allow "$T/d/" -- "$T/d"
cmp -s "$T/out" "$T/native" || { diff "$T/native" "$T/out"; fail "the listing differs from the native one"; }
has "$T/out" '^a.txt false$'
has "$T/out" '^2 <nil>$'
expect_status 1 "$SIM" run -q "$prog" -- "$T/d"
has "$T/out" 'no such file or directory'
# The allowed folder and a file in it, but not its parent.
expect_status 1 "$SIM" run -q "$prog" --allow "$T/d/" -- "$T"
expect_status 0 "$SIM" run -q "$prog" --allow "$dir/" -- "$dir"
has "$T/out" '^hello.go false$'
exit 0
