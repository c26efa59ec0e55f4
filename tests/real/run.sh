#!/bin/sh
# Runs each case of tests/real/cases for each toolchain built by
# tests/real/build.sh: once natively, once under the runner, and compares
# stdout, stderr and the exit status (as the case's check says).  Prints one
# line per case and a closing count; exit status 1 if any case failed.
#
#   sh tests/real/run.sh [TOOLCHAIN...]     e.g. go1.19; default: every
#                                           directory of $REAL_BUILD
#
# The runner is `$SIM run -q PROG -- ARGS...` (SIM default bin/sim; the
# `--` only when the case has arguments).  SIM_RUN replaces `$SIM run -q`
# with any command prefix, which is then given `PROG ARGS...` with no
# separator, unless SIM_RUN_SEP names one: SIM_RUN=env runs the programs
# natively through env(1), which checks the harness and the programs'
# determinism without sim.  SIM_RUN is split at spaces (no quoting).
# The program's environment, stdin and working directory are the runner's:
# the runner must pass its own through to the program unchanged.
#
# REAL_TIMEOUT (default 120) bounds each run in seconds.  REAL_REPEAT
# (default 1) runs each program that many times natively and fails a case
# whose native runs differ: a check that a program is deterministic.
cd "$(dirname "$0")/../.." || exit 2
root=$(pwd)
REAL_BUILD=${REAL_BUILD:-build/real}
case $REAL_BUILD in /*) ;; *) REAL_BUILD=$root/$REAL_BUILD ;; esac
REAL_TIMEOUT=${REAL_TIMEOUT:-120}
REAL_REPEAT=${REAL_REPEAT:-1}
SIM=${SIM:-bin/sim}
case $SIM in /*) ;; *) SIM=$root/$SIM ;; esac
if [ "${SIM_RUN+set}" = set ]; then
    runner=$SIM_RUN
    sep=${SIM_RUN_SEP-}
else
    [ -x "$SIM" ] || { echo "real: no runner: $SIM is not built (make), and SIM_RUN is not set"; exit 2; }
    runner="$SIM run -q"
    sep=${SIM_RUN_SEP---}
fi

T=$(mktemp -d) || exit 2
trap 'rm -rf "$T"' EXIT
mkdir "$T/work"

if [ $# -eq 0 ]; then
    for d in "$REAL_BUILD"/go[0-9]*/; do
        [ -d "$d" ] && set -- "$@" "$(basename "$d")"
    done
fi
[ $# -gt 0 ] || { echo "real: nothing built in $REAL_BUILD (run tests/real/build.sh)"; exit 2; }

# trim S: S without leading and trailing blanks.
trim() { printf '%s' "$1" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//'; }

# launch PREFIX CMD...: runs CMD in the scratch working directory, with the
# case's stdin and environment, under the timeout; leaves PREFIX.out,
# PREFIX.err and PREFIX.rc.  The Go runtime's own tuning variables are
# removed from the environment so that the caller's cannot change what the
# programs print; a case sets the ones it needs.
launch() {
    pfx=$1; shift
    (
        cd "$T/work" || exit 2
        # $case_env is unquoted on purpose: it is a list of VAR=VALUE words.
        # shellcheck disable=SC2086
        exec env -u GODEBUG -u GOGC -u GOMAXPROCS -u GOTRACEBACK -u GOMEMLIMIT \
            $case_env timeout -k 5 "$REAL_TIMEOUT" "$@" <"$stdin" >"$pfx.out" 2>"$pfx.err"
    )
    echo $? >"$pfx.rc"
}

# excerpt A B: the first lines of a unified diff of A and B, indented.
excerpt() { diff -u "$1" "$2" | sed -n '3,14p' | sed 's/^/    /'; }

pass=0 fail=0
for tc in "$@"; do
    dir=$REAL_BUILD/$tc
    if ! [ -d "$dir" ]; then
        echo "real FAIL $tc: $dir does not exist (run tests/real/build.sh)"
        fail=$((fail + 1))
        continue
    fi
    # The table's lines minus comments; read splits each at '|'.
    grep -v '^[[:space:]]*#' tests/real/cases | grep -v '^[[:space:]]*$' >"$T/cases"
    while IFS='|' read -r name prog check in env args; do
        name=$(trim "$name"); prog=$(trim "$prog"); check=$(trim "$check")
        in=$(trim "$in"); env=$(trim "$env"); args=$(trim "$args")
        [ "$env" = - ] && env=
        [ "$args" = - ] && args=
        case_env=$env
        if [ "$in" = - ]; then stdin=/dev/null; else stdin=$root/tests/real/input/$in; fi
        id=$tc/$name
        bin=$dir/$prog
        if ! [ -x "$bin" ]; then
            echo "real FAIL $id: $bin is not built"
            fail=$((fail + 1))
            continue
        fi
        set -f
        # shellcheck disable=SC2086
        launch "$T/native" "$bin" $args
        why=
        i=1
        while [ "$i" -lt "$REAL_REPEAT" ]; do
            # shellcheck disable=SC2086
            launch "$T/again" "$bin" $args
            for s in out err rc; do
                cmp -s "$T/native.$s" "$T/again.$s" || why="native runs differ ($s): the program is not deterministic"
            done
            i=$((i + 1))
        done
        if [ -n "$args" ] && [ -n "$sep" ]; then
            # shellcheck disable=SC2086
            launch "$T/sim" $runner "$bin" "$sep" $args
        else
            # shellcheck disable=SC2086
            launch "$T/sim" $runner "$bin" $args
        fi
        set +f
        want=$(cat "$T/native.rc") got=$(cat "$T/sim.rc")
        detail=
        if [ -z "$why" ]; then
            case $got in
            124|137) why="timeout after $REAL_TIMEOUT s" ;;
            "$want") ;;
            125) why="exit status 125 (sim stopped the run), want $want" ;;
            *) why="exit status $got, want $want" ;;
            esac
            if ! cmp -s "$T/native.out" "$T/sim.out"; then
                why="${why:+$why; }stdout differs"
                detail=out
            fi
            case $check in
            exact)
                if ! cmp -s "$T/native.err" "$T/sim.err"; then
                    why="${why:+$why; }stderr differs"
                    detail="$detail err"
                fi ;;
            stderr-head)
                head -n 1 "$T/native.err" >"$T/native.head"
                head -n 1 "$T/sim.err" >"$T/sim.head"
                if ! cmp -s "$T/native.head" "$T/sim.head"; then
                    why="${why:+$why; }stderr's first line differs"
                    detail="$detail err"
                fi ;;
            *) echo "real: tests/real/cases: $name: unknown check '$check'"; exit 2 ;;
            esac
        fi
        if [ -z "$why" ]; then
            pass=$((pass + 1))
            echo "real ok   $id"
        else
            fail=$((fail + 1))
            echo "real FAIL $id: $why"
            for s in $detail; do
                echo "    --- std$s, native (-) and under the runner (+):"
                excerpt "$T/native.$s" "$T/sim.$s"
            done
            # A run that failed without a difference in output to show
            # (a timeout, a bad status) still shows what the runner said.
            if [ -z "$detail" ] && [ -s "$T/sim.err" ]; then
                echo "    --- stderr under the runner:"
                sed -n '1,8p' "$T/sim.err" | sed 's/^/    /'
            fi
        fi
    done <"$T/cases"
done
echo "real: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
