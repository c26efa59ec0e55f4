#!/bin/sh
# Runs every tests/e2e/t_*.sh against $SIM (default bin/sim) from the
# repository root; prints one line per script and a closing count.
# Exit status 1 if any script failed.
cd "$(dirname "$0")/../.." || exit 2
SIM=${SIM:-bin/sim}
case $SIM in /*) ;; *) SIM=$(pwd)/$SIM ;; esac
export SIM
pass=0 fail=0
for t in tests/e2e/t_*.sh; do
    out=$(sh "$t" 2>&1)
    if [ $? -eq 0 ]; then
        pass=$((pass + 1)); echo "e2e ok   $t"
    else
        fail=$((fail + 1)); echo "e2e FAIL $t"; echo "$out" | sed 's/^/    /'
    fi
done
echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
