# Endless and huge inputs stop at the 16 MiB input limit with one line and
# exit status 2 (issue 14: /dev/zero as a config or source took 2.4 GB in 8 s
# and never ended).  timeout turns a hang into a failure.
. tests/e2e/lib.sh
limit='larger than 16 MiB (the limit for an input file)'
# refused WHAT CMD...: CMD exits 2 within 30 s with one line naming the limit.
refused() {
    what=$1; shift
    timeout 30 "$@" >"$T/out" 2>"$T/err"
    got=$?
    [ "$got" -eq 2 ] || { head -c 500 "$T/err"; fail "$what: exit status $got, want 2"; }
    [ "$(wc -l <"$T/err")" -eq 1 ] || { head -c 500 "$T/err"; fail "$what: want one line"; }
    has "$T/err" "$limit"
}
refused "config /dev/zero" "$SIM" run /dev/zero
has "$T/err" "^/dev/zero: cannot read: "
printf 'program:\n  sources:\n    - /dev/zero\n' >"$T/src.yaml"
refused "source /dev/zero" "$SIM" run "$T/src.yaml"
has "$T/err" "^$T/src.yaml:3:7: cannot read source /dev/zero: "
refused "sim asm /dev/zero" "$SIM" asm /dev/zero
ln -s /dev/zero "$T/zero.h"
printf '#include "zero.h"\n' >"$T/inc.s"
refused "#include of /dev/zero" "$SIM" asm "$T/inc.s"
has "$T/err" "^$T/inc.s:1:1: #include: \"zero.h\" is "
refused "debug --batch /dev/zero" "$SIM" debug --batch /dev/zero
refused "debug --batch - </dev/zero" sh -c '"$SIM" debug --batch - </dev/zero'
# A file, not a device: one byte over the limit.
head -c $((16 * 1024 * 1024 + 1)) /dev/zero | tr '\0' '#' >"$T/big.yaml"
refused "a config of 16 MiB + 1" "$SIM" run "$T/big.yaml"
exit 0
