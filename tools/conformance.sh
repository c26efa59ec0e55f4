#!/bin/sh
# make conformance: the `// run` tests of go1.19's test/ directory (the Go
# distribution's own compiler and runtime tests), built as static binaries
# and run under the runner, judged as test/run.go judges them: the combined
# stdout+stderr must equal NAME.out (or be empty when there is none) and the
# exit status must be 0.
#
#   sh tools/conformance.sh [TEST...]     TEST as dir/name without .go, e.g.
#                                         chan/fifo; default: the selection
#
# Selection, done once per toolchain and cached in build/conformance/<go>/:
#   - files in run.go's directories whose recipe (the text before the first
#     blank line, a first line holding "+build" left out) is `// run` and
#     nothing else: a recipe with flags or arguments needs run.go's
#     machinery, not just the binary.  Build constraint lines right under
#     `// run` are let through: run.go passes their words to the program as
#     arguments, which none of those programs reads;
#   - whose build constraints hold as run.go evaluates them for linux/amd64
#     with cgo off (the tags linux, amd64, gc, test_run and the toolchain's
#     goexperiment.* tags are true, every other tag is false);
#   - with no NAME.dir beside them, and not importing os/exec (a test that
#     starts other programs needs more than one emulated process);
#   - that build with CGO_ENABLED=0, and pass natively (timeout 10 s) by the
#     rule above, in a scratch working directory with stdin from /dev/null.
# Skipped, unbuilt and natively failing tests are listed with their reasons
# in skipped.txt, build-failed.txt and native-failed.txt there.
#
# Environment:
#   CONF_GO       the toolchain (default Debian's go1.19).  The tests are
#                 always go1.19's (CONF_TESTS): one fixed set of programs
#                 whatever the toolchain, so that go1.21's results compare
#                 with go1.19's; a test whose behaviour changed in go1.21
#                 fails natively and so drops out of go1.21's selection.
#   CONF_TESTS    the test directory (default go1.19's GOROOT/test).
#   CONF_SUBSET   all (default), fast (tests/real/conformance-fast.txt, the
#                 short list `make test` is meant to run) or a list file.
#   CONF_TIMEOUT  seconds for each run under the runner (default 600: the
#                 compute-bound tests, abi/fibish or divmod, need minutes
#                 under sim where they need a second natively).
#   CONF_JOBS     runs at a time (default 2, the machine's cores).
#   CONF_REBUILD  1: discard the cached selection and binaries.
#   CONF_CACHE    where selections, binaries and results go (default
#                 build/conformance): another folder keeps a long run apart
#                 from make test's.  Each subset's runs go to sim/ (all) or
#                 sim-SUBSET/, and its results to results.txt or
#                 results-SUBSET.txt there.
#   SIM, SIM_RUN  the runner is `$SIM run -q --allow GOROOT/ PROG` (SIM
#                 default bin/sim; GOROOT the toolchain's, which tests may read);
#                 SIM_RUN replaces `$SIM run -q` by any command prefix:
#                 SIM_RUN=env runs the tests natively, a check of this
#                 script.  The tests take no arguments.
#
# Prints one line per failure with its reason (output differs, exit status
# N, timeout), writes every test's result to build/conformance/results.txt,
# and ends with `N passed, M failed`.  Exit status 1 if any failed.
cd "$(dirname "$0")/.." || exit 2
root=$(pwd)

# The environment every run of a test gets, native or not: run.go's (GOOS
# and GOARCH set, GOENV=off, GOFLAGS empty; test/env.go checks GOARCH),
# without the runtime's tuning variables of whoever started this script.
run_env() {
    env -u GODEBUG -u GOGC -u GOMAXPROCS -u GOTRACEBACK -u GOMEMLIMIT \
        GOOS=linux GOARCH=amd64 GOENV=off GOFLAGS= "$@"
}

# check NAME OUTFILE RC: the verdict by run.go's rule, "ok" or the reason.
check() {
    want=$CONF_TESTS/$1.out
    case $3 in
    0) ;;
    124|137) echo "timeout"; return ;;
    125) echo "exit status 125 (sim stopped the run)"; return ;;
    *) echo "exit status $3"; return ;;
    esac
    if [ -f "$want" ]; then
        cmp -s "$want" "$2" || { echo "output differs"; return; }
    else
        [ -s "$2" ] && { echo "output differs (no $1.out: want none)"; return; }
    fi
    echo ok
}

# Workers, one test each, started by xargs below: `--one MODE NAME`.  Each
# leaves its verdict in a file of its own, so parallel runs never share one.
if [ "${1-}" = --one ]; then
    mode=$2 name=$3
    src=$CONF_TESTS/$name.go
    bin=$CONF_OUT/bin/$name
    case $mode in
    build)
        # A binary newer than its source is from this toolchain (a new one
        # empties bin/ first): the cache that makes a new selection cheap.
        [ -x "$bin" ] && [ -n "$(find "$bin" -newer "$src")" ] && exit 0
        mkdir -p "$(dirname "$bin")" "$CONF_OUT/log/$(dirname "$name")"
        log=$CONF_OUT/log/$name.build
        if env CGO_ENABLED=0 GOOS=linux GOARCH=amd64 GO111MODULE=off \
            GOFLAGS=-buildvcs=false GOENV=off GOTOOLCHAIN=local GOPROXY=off \
            HOME="$CONF_CACHE/home" GOCACHE="$CONF_CACHE/gocache" \
            GOPATH="$CONF_CACHE/gopath" \
            "$CONF_GO" build -o "$bin" "$src" >"$log" 2>&1; then
            rm -f "$log"
        else
            rm -f "$bin"
        fi ;;
    native|sim)
        d=$CONF_OUT/$mode/$name
        [ "$mode" = sim ] && d=$CONF_OUT/$CONF_SIMDIR/$name
        mkdir -p "$d.wd"
        if [ "$mode" = native ]; then
            (cd "$d.wd" && run_env timeout -k 2 10 "$bin" </dev/null >"$d.output" 2>&1)
        else
            # $CONF_RUNNER is a command prefix: split at spaces on purpose.
            # shellcheck disable=SC2086
            (cd "$d.wd" && run_env timeout -k 5 "$CONF_TIMEOUT" $CONF_RUNNER "$bin" </dev/null >"$d.output" 2>&1)
        fi
        rc=$?
        rm -rf "$d.wd"
        v=$(check "$name" "$d.output" "$rc")
        echo "$v" >"$d.verdict"
        if [ "$mode" = sim ] && [ "$v" != ok ]; then
            echo "conformance FAIL $name: $v"
        fi ;;
    esac
    exit 0
fi

CONF_GO=${CONF_GO:-/usr/lib/go-1.19/bin/go}
CONF_TESTS=${CONF_TESTS:-/usr/lib/go-1.19/test}
CONF_SUBSET=${CONF_SUBSET:-all}
CONF_TIMEOUT=${CONF_TIMEOUT:-600}
CONF_JOBS=${CONF_JOBS:-2}
SIM=${SIM:-bin/sim}
case $SIM in /*) ;; *) SIM=$root/$SIM ;; esac
if [ "${SIM_RUN+set}" = set ]; then
    CONF_RUNNER=$SIM_RUN
else
    [ -x "$SIM" ] || { echo "conformance: no runner: $SIM is not built (make), and SIM_RUN is not set"; exit 2; }
    CONF_RUNNER="$SIM run -q"
fi
[ -x "$CONF_GO" ] || { echo "conformance: no toolchain at $CONF_GO"; exit 2; }
# Natively a test may read its GOROOT (winbatch walks it for .bat files):
# under sim, that folder is allowed, read-only.
[ "${SIM_RUN+set}" = set ] || CONF_RUNNER="$CONF_RUNNER --allow $("$CONF_GO" env GOROOT)/"
[ -d "$CONF_TESTS" ] || { echo "conformance: no tests at $CONF_TESTS"; exit 2; }

CONF_CACHE=${CONF_CACHE:-$root/build/conformance}
ver=$(env GOENV=off GOTOOLCHAIN=local "$CONF_GO" env GOVERSION) || exit 2
label=$(echo "$ver" | sed 's/^\(go[0-9]*\.[0-9]*\).*/\1/')
CONF_OUT=$CONF_CACHE/$label
export CONF_GO CONF_TESTS CONF_TIMEOUT CONF_RUNNER CONF_CACHE CONF_OUT
mkdir -p "$CONF_CACHE/home" "$CONF_OUT" || exit 2
# The cached selection is redone when the toolchain, the tests or the rules
# change: bump rules= with any change to how tests are selected.  Binaries
# are kept across a new selection by the same toolchain.
stamp="$ver $CONF_GO $CONF_TESTS rules=2"
# each MODE < NAMES: the workers for MODE over the names, CONF_JOBS at a time.
each() { xargs -n 1 -P "$CONF_JOBS" sh "$root/tools/conformance.sh" --one "$1"; }

# The recipe and the build constraints of each file, as run.go reads them
# (run.go's test.run and shouldTest).  Prints NAME<TAB>verdict for every
# test whose recipe is `run`: "select", "not plain" (flags or arguments),
# "constraint: LINE" or "os/exec".
# shellcheck disable=SC2016
select_awk='
function flush() {
    if (file == "") return
    n = split(rec, w, /[ \t]+/); k = 0
    for (i = 1; i <= n; i++) if (w[i] != "") word[++k] = w[i]
    if (recdone && k >= 1 && word[1] == "run") {
        name = substr(file, length(dir) + 2); sub(/\.go$/, "", name)
        if (k > 1 && !(first == "run" && other == 0)) v = "not plain: " substr(rec, index(rec, "run"))
        else if (why != "") v = "constraint: " why
        else if (exec) v = "os/exec"
        else v = "select"
        print name "\t" v
    }
    file = ""
}
function tag(t) { return (t in tags) }
function plus(expr,   n, opts, i, m, terms, j, t, neg, all) {
    n = split(expr, opts, /[ \t]+/)
    for (i = 1; i <= n; i++) {
        if (opts[i] == "") continue
        m = split(opts[i], terms, ","); all = 1
        for (j = 1; j <= m; j++) {
            t = terms[j]; neg = 0
            if (substr(t, 1, 1) == "!") { neg = 1; t = substr(t, 2) }
            if (tag(t) == neg) all = 0
        }
        if (all) return 1
    }
    return 0
}
function gor(   v, x) { v = gand(); while (tok[pos] == "||") { pos++; x = gand(); v = v || x } return v }
function gand(   v, x) { v = gnot(); while (tok[pos] == "&&") { pos++; x = gnot(); v = v && x } return v }
function gnot(   v) {
    if (tok[pos] == "!") { pos++; return !gnot() }
    if (tok[pos] == "(") { pos++; v = gor(); pos++; return v }
    return tag(tok[pos++])
}
function gobuild(expr,   s, n, i, t) {
    s = expr
    gsub(/[()!]|&&|\|\|/, " & ", s)
    n = split(s, t, /[ \t]+/); ntok = 0
    for (i = 1; i <= n; i++) if (t[i] != "") tok[++ntok] = t[i]
    tok[ntok + 1] = ""
    pos = 1
    return gor()
}
BEGIN { n = split(tagnames, t, " "); for (i = 1; i <= n; i++) tags[t[i]] = 1 }
FNR == 1 { flush(); file = FILENAME; rec = ""; kept = 0; recdone = 0; inhdr = 1; why = ""; exec = 0; other = 0 }
!recdone {
    if ($0 == "") recdone = 1
    else if (!(FNR == 1 && index($0, "+build"))) {
        line = $0
        if (!kept++) {
            sub(/^\/\//, "", line)
            first = line; gsub(/^[ \t]+|[ \t]+$/, "", first)
        } else if (line !~ /^\/\/go:build([ \t]|$)/ && line !~ /^\/\/[ \t]*\+build([ \t]|$)/)
            other++
        rec = rec " " line
    }
}
inhdr && /^package / { inhdr = 0 }
inhdr && why == "" {
    if ($0 ~ /^\/\/go:build([ \t]|$)/) { e = $0; sub(/^\/\/go:build/, "", e); if (!gobuild(e)) why = $0 }
    else if ($0 ~ /^\/\/[ \t]*\+build([ \t]|$)/) { e = $0; sub(/^\/\/[ \t]*\+build/, "", e); if (!plus(e)) why = $0 }
}
/"os\/exec"/ { exec = 1 }
END { flush() }
'

# A list subset (the fast one make test runs) on a machine without the
# full selection: only the listed tests are built and run natively, in a
# folder of their own, so a fresh clone need not build all ~900 first.
if [ $# -eq 0 ] && [ "$CONF_SUBSET" != all ] && [ "$(cat "$CONF_OUT/stamp" 2>/dev/null)" != "$stamp" ]; then
    case $CONF_SUBSET in fast) list=$root/tests/real/conformance-fast.txt ;; *) list=$CONF_SUBSET ;; esac
    [ -f "$list" ] || { echo "conformance: no list $list"; exit 2; }
    CONF_OUT=$CONF_OUT-list
    export CONF_OUT
    mkdir -p "$CONF_OUT" || exit 2
    sed 's/#.*//; s/[[:space:]]//g; /^$/d' "$list" >"$CONF_OUT/candidates.txt"
    echo "conformance: building the $(wc -l <"$CONF_OUT/candidates.txt") tests of $list with $ver (no full selection here)"
    each build <"$CONF_OUT/candidates.txt"
    : >"$CONF_OUT/built.txt"
    while read -r name; do
        [ -x "$CONF_OUT/bin/$name" ] && echo "$name" >>"$CONF_OUT/built.txt"
    done <"$CONF_OUT/candidates.txt"
    each native <"$CONF_OUT/built.txt"
    : >"$CONF_OUT/selected.txt"
    while read -r name; do
        [ "$(cat "$CONF_OUT/native/$name.verdict" 2>/dev/null)" = ok ] && echo "$name" >>"$CONF_OUT/selected.txt"
    done <"$CONF_OUT/built.txt"
    rm -rf "$CONF_OUT/native"
elif [ "${CONF_REBUILD-}" = 1 ] || [ "$(cat "$CONF_OUT/stamp" 2>/dev/null)" != "$stamp" ]; then
    start=$(date +%s)
    echo "conformance: selecting tests for $ver from $CONF_TESTS (once; cached in $CONF_OUT)"
    if [ "$(cat "$CONF_OUT/stamp.go" 2>/dev/null)" != "$ver $CONF_GO" ] || [ "${CONF_REBUILD-}" = 1 ]; then
        rm -rf "$CONF_OUT"
    fi
    find "$CONF_OUT" -mindepth 1 -maxdepth 1 ! -name bin -exec rm -rf {} + 2>/dev/null
    mkdir -p "$CONF_OUT" || exit 2
    echo "$ver $CONF_GO" >"$CONF_OUT/stamp.go"
    tooltags=$(env GO111MODULE=off CGO_ENABLED=0 GOENV=off GOTOOLCHAIN=local HOME="$CONF_CACHE/home" \
        GOCACHE="$CONF_CACHE/gocache" "$CONF_GO" list -f '{{join context.ToolTags " "}}' runtime) || exit 2
    tagnames="linux amd64 gc test_run"
    for t in $tooltags; do
        case $t in goexperiment.*) tagnames="$tagnames $t" ;; esac
    done
    # run.go's directories (its dirs variable).
    for d in . ken chan interface syntax dwarf fixedbugs codegen runtime abi typeparam typeparam/mdempsky; do
        ls "$CONF_TESTS/$d"/*.go 2>/dev/null
    done | sed "s|^$CONF_TESTS/\./|$CONF_TESTS/|" >"$CONF_OUT/files.txt"
    # xargs: one awk over all the files would pass too many arguments.
    xargs awk -v dir="$CONF_TESTS" -v tagnames="$tagnames" "$select_awk" <"$CONF_OUT/files.txt" \
        | sort >"$CONF_OUT/recipes.txt"
    : >"$CONF_OUT/skipped.txt"
    : >"$CONF_OUT/candidates.txt"
    while IFS='	' read -r name v; do
        if [ "$v" = select ] && [ -d "$CONF_TESTS/$name.dir" ]; then v="needs $name.dir"; fi
        if [ "$v" = select ]; then echo "$name" >>"$CONF_OUT/candidates.txt"
        else echo "$name: $v" >>"$CONF_OUT/skipped.txt"; fi
    done <"$CONF_OUT/recipes.txt"
    echo "conformance: $(wc -l <"$CONF_OUT/files.txt") files, $(wc -l <"$CONF_OUT/recipes.txt") with a \`// run\` recipe, $(wc -l <"$CONF_OUT/candidates.txt") plain ones for linux/amd64; building them"
    each build <"$CONF_OUT/candidates.txt"
    : >"$CONF_OUT/built.txt"
    : >"$CONF_OUT/build-failed.txt"
    while read -r name; do
        if [ -x "$CONF_OUT/bin/$name" ]; then echo "$name" >>"$CONF_OUT/built.txt"
        else echo "$name: $(grep -v '^#' "$CONF_OUT/log/$name.build" | head -n 1)" >>"$CONF_OUT/build-failed.txt"; fi
    done <"$CONF_OUT/candidates.txt"
    echo "conformance: $(wc -l <"$CONF_OUT/built.txt") built; running them natively"
    each native <"$CONF_OUT/built.txt"
    : >"$CONF_OUT/selected.txt"
    : >"$CONF_OUT/native-failed.txt"
    while read -r name; do
        v=$(cat "$CONF_OUT/native/$name.verdict" 2>/dev/null || echo "no verdict")
        if [ "$v" = ok ]; then echo "$name" >>"$CONF_OUT/selected.txt"
        else echo "$name: $v" >>"$CONF_OUT/native-failed.txt"; fi
    done <"$CONF_OUT/built.txt"
    rm -rf "$CONF_OUT/native"
    echo "conformance: $(wc -l <"$CONF_OUT/selected.txt") pass natively and are selected ($(( $(date +%s) - start )) s)"
    echo "$stamp" >"$CONF_OUT/stamp"
fi

# The tests to run: named on the command line, or the subset.
if [ $# -gt 0 ]; then
    printf '%s\n' "$@" >"$CONF_OUT/list.txt"
    what="named tests"
else
    case $CONF_SUBSET in
    all) list=$CONF_OUT/selected.txt ;;
    fast) list=$root/tests/real/conformance-fast.txt ;;
    *) list=$CONF_SUBSET ;;
    esac
    [ -f "$list" ] || { echo "conformance: no list $list"; exit 2; }
    sed 's/#.*//; s/[[:space:]]//g; /^$/d' "$list" >"$CONF_OUT/list.txt"
    what="subset $CONF_SUBSET"
fi
# A test named but not selected (it does not pass natively with this
# toolchain, or the fast list is stale) fails here instead of vanishing.
: >"$CONF_OUT/torun.txt"
: >"$CONF_OUT/unselected.txt"
awk -v torun="$CONF_OUT/torun.txt" -v unsel="$CONF_OUT/unselected.txt" '
    FILENAME == ARGV[1] { sel[$0] = 1; next }
    { if ($0 in sel) print >>torun; else print >>unsel }
' "$CONF_OUT/selected.txt" "$CONF_OUT/list.txt"

start=$(date +%s)
echo "conformance: $ver, $what: $(wc -l <"$CONF_OUT/list.txt") tests under '$CONF_RUNNER' (timeout $CONF_TIMEOUT s, $CONF_JOBS at a time)"
# Each subset's runs and results apart: a fast run (make test) beside a
# full one must not remove the full one's.
case $CONF_SUBSET in all) CONF_SIMDIR=sim; results=$CONF_CACHE/results.txt ;;
*) CONF_SIMDIR=sim-$(basename "$CONF_SUBSET" .txt); results=$CONF_CACHE/results-$(basename "$CONF_SUBSET" .txt).txt ;;
esac
export CONF_SIMDIR
rm -rf "${CONF_OUT:?}/$CONF_SIMDIR"
each sim <"$CONF_OUT/torun.txt"
{
    echo "# $ver, $what, runner '$CONF_RUNNER', timeout $CONF_TIMEOUT s, $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo "# the output of a failed test: $CONF_OUT/$CONF_SIMDIR/NAME.output"
    while read -r name; do
        echo "$name: $(cat "$CONF_OUT/$CONF_SIMDIR/$name.verdict" 2>/dev/null || echo "no verdict")"
    done <"$CONF_OUT/torun.txt"
    while read -r name; do
        echo "$name: not selected (does not pass natively with $ver, or no such test)"
    done <"$CONF_OUT/unselected.txt"
} | sort >"$results"
while read -r name; do
    echo "conformance FAIL $name: not selected (does not pass natively with $ver, or no such test)"
done <"$CONF_OUT/unselected.txt"
# Keep the output of the failures only: the passes' equals NAME.out.
while read -r name; do
    [ "$(cat "$CONF_OUT/$CONF_SIMDIR/$name.verdict" 2>/dev/null)" = ok ] && rm -f "$CONF_OUT/$CONF_SIMDIR/$name.output"
done <"$CONF_OUT/torun.txt"
pass=$(grep -c ': ok$' "$results")
fail=$(grep -v '^#' "$results" | grep -vc ': ok$')
echo "conformance: results in $results ($(( $(date +%s) - start )) s)"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
