#!/bin/sh
# sim verify and sim run --model on tests/real/build.sh's binaries, each
# toolchain (make verify; make real-tests runs it too):
#  - every checked model agrees with the real function at every call of
#    hello, spawn10, channels, waitgroup, timers and gc: exit 0, a last
#    line "verify: N calls of M models compared, 0 differ" with N > 0, and
#    the same figures in --json;
#  - the check can fail: with --no-left-out the fields a model leaves out
#    on purpose count, and casgstatus's runnable-time histogram
#    (sched.timeToRun) is reported, with exit status 1;
#  - with every model that can replace its real function in place
#    (--model), each program gives its native output and exit status, and
#    the models took calls; newproc1's made new gs with the program's own
#    malg and allgadd.
check=verify
. "$(dirname "$0")/lib.sh"
PROGS="hello spawn10 spawn300 channels waitgroup timers gc gomaxprocs"

for dir in "$REAL_BUILD"/go[0-9]*/; do
    label=$(basename "$dir")
    [ -x "$dir/hello" ] || continue
    for p in $PROGS; do
        out=$T/$label-$p.txt
        env -i GOMAXPROCS=2 "$SIM" verify "$dir/$p" --json "$T/v.json" >"$out" 2>&1
        rc=$?
        last=$(tail -n 1 "$out")
        [ $rc = 0 ] || no "$p: sim verify exited $rc: $(grep -m1 ' call ' "$out")"
        echo "$last" | grep -Eq '^verify: [1-9][0-9]* calls of [1-9][0-9]* models compared, 0 differ$' ||
            no "$p: last line: $last"
        n=$(echo "$last" | sed 's/verify: \([0-9]*\) calls.*/\1/')
        grep -q "\"calls\":$n,\"models_compared\":" "$T/v.json" || no "$p: --json does not say $n calls"
        grep -q '"differ":0,' "$T/v.json" || no "$p: --json does not say 0 differ"
        echo "verify: $label $p: $last"
    done

    env -i GOMAXPROCS=2 "$SIM" verify "$dir/gc" --no-left-out --only casgstatus >"$T/all.txt" 2>&1
    rc=$?
    [ $rc = 1 ] || no "gc --no-left-out exited $rc, not 1"
    grep -Eq '^runtime\.casgstatus call [0-9]+ at instruction [0-9]+: sched\.timeToRun\..*: real 0x[0-9a-f]+, model 0x[0-9a-f]+$' "$T/all.txt" ||
        no "gc --no-left-out: no casgstatus line on sched.timeToRun"

    models=casgstatus,runqput,runqputslow,gfget,gfput,gostartcallfn,globrunqget,newproc1
    "$SIM" verify --list | grep -q runqget && nm "$dir/hello" 2>/dev/null | grep -q ' runtime\.runqget$' &&
        models=$models,runqget
    for p in spawn10 spawn300 channels waitgroup gc; do
        env -i GOMAXPROCS=2 "$dir/$p" >"$T/native.out" 2>&1
        nrc=$?
        env -i GOMAXPROCS=2 "$SIM" run "$dir/$p" --model "$models" -- >"$T/model.out" 2>"$T/model.err"
        mrc=$?
        [ $mrc = $nrc ] || no "$p --model: exit $mrc, natively $nrc: $(head -n 3 "$T/model.err")"
        cmp -s "$T/native.out" "$T/model.out" || no "$p --model: output differs from the native run"
        grep -q 'runtime.casgstatus: [1-9][0-9]* calls by the model' "$T/model.err" ||
            no "$p --model: casgstatus took no calls"
        grep -q "[1-9][0-9]* of them made their g with the program's own malg and allgadd" "$T/model.err" ||
            no "$p --model: newproc1 made no g with the program's malg"
        echo "verify: $label $p --model: $(grep -c 'calls by the model' "$T/model.err") models in place, output as native"
    done
done
# Bad input: exit status 2 and a one-line reason.
h=$(ls "$REAL_BUILD"/go*/hello 2>/dev/null | head -n 1)
if [ -n "$h" ]; then
    label=cli
    "$SIM" verify "$h" --only nosuch >/dev/null 2>"$T/e"; rc=$?
    [ $rc = 2 ] && grep -q 'no model of nosuch' "$T/e" || no "--only nosuch: exit $rc: $(cat "$T/e")"
    "$SIM" run "$h" -q --model pidleput >/dev/null 2>"$T/e"; rc=$?
    [ $rc = 2 ] && grep -q 'cannot replace the real function' "$T/e" || no "--model pidleput: exit $rc"
    "$SIM" verify tests/real/cases >/dev/null 2>"$T/e"; rc=$?
    [ $rc = 2 ] && grep -q 'not an ELF executable' "$T/e" || no "verify of a text file: exit $rc"
fi
[ $fail = 0 ] && echo "verify: ok"
exit $fail
