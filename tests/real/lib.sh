# Shared by the real-program check scripts (dump.sh, debug.sh): from the
# repository root, with $SIM and $REAL_BUILD, a scratch folder $T removed
# on exit, and `no MESSAGE` to record a failure of case $label under the
# script's name $check (the script exits with $fail).
cd "$(dirname "$0")/../.." || exit 2
SIM=${SIM:-bin/sim}
REAL_BUILD=${REAL_BUILD:-build/real}
T=$(mktemp -d) || exit 2
trap 'rm -rf "$T"' EXIT
fail=0
no() { echo "$check: FAIL $label: $*"; fail=1; }
