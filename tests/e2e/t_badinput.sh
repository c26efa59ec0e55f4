# The bad-input catalogue (tests/badinput/*.cases, issue 14 §3): every case
# ends with its exit status and first line of message, never a hang, a
# signal or a sanitizer report.
. tests/e2e/lib.sh
sh tests/badinput/run.sh > "$T/out" 2>&1 || { cat "$T/out"; fail "bad-input catalogue"; }
