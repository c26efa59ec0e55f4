#!/bin/sh
# The bad-input catalogue (issue 14 §3): every case of tests/badinput/*.cases
# is run against $SIM (default bin/sim) in a scratch folder of its own, and
# must end with the exit status it names and, as the first line on stderr,
# the message it names (file:line:col where there is one).  Whatever the
# case, sim must not hang (each run has a timeout), die of a signal or
# print a sanitizer report.  The format is in tests/badinput/README.md.
#
#   sh tests/badinput/run.sh [FILE.cases | CASE-NAME]...
#   BADINPUT_SHOW=1 ...   print each case's status and first line as found
cd "$(dirname "$0")/../.." || exit 2
root=$(pwd)
SIM=${SIM:-bin/sim}
case $SIM in /*) ;; *) SIM=$root/$SIM ;; esac
export SIM
ROOT=$root
export ROOT
CC=${CC:-cc}
export CC
TIMEOUT=${BADINPUT_TIMEOUT:-30}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

files="" names=""
for a in "$@"; do
    case $a in *.cases) files="$files $a" ;; *) names="$names $a" ;; esac
done
[ -n "$files" ] || files=$(ls tests/badinput/*.cases)

# Unpack each case into $T/cases/NNNN-NAME/: the fields cmd, status,
# first (or first-glob) and setup, and its files.
mkdir "$T/cases"
awk -v dir="$T/cases" '
function field(name, v) { printf "%s", v > (cur "/" name); close(cur "/" name) }
function endfile() { if (out != "") close(out); out = ""; blanks = 0 }
FNR == 1 { endfile(); cur = ""; inbody = 0 }   # a new .cases file: no case open
/^=== / { endfile(); n++; name = substr($0, 5); cur = sprintf("%s/%04d-%s", dir, n, name);
          system("mkdir -p \"" cur "/in\""); printf "%s", FILENAME > (cur "/source"); close(cur "/source");
          inbody = 0; next }
cur == "" { next }
/^--- / { endfile(); out = cur "/in/" substr($0, 5); printf "" > out; inbody = 1; next }
# Blank lines at the end of a file are the space between cases.
inbody && /^$/ { blanks++; next }
inbody { for (; blanks > 0; blanks--) print "" > out; print > out; next }
/^cmd: /    { field("cmd", substr($0, 6)); next }
/^setup: /  { field("setup", substr($0, 8)); next }
/^status: / { field("status", substr($0, 9)); next }
/^first: /  { field("first", substr($0, 8)); next }
/^first~ /  { field("glob", substr($0, 8)); next }
/^message: / { field("message", substr($0, 10)); next }
/^#/ || /^$/ { next }
{ printf "%s:%d: cannot read this line of a case\n", FILENAME, FNR; bad = 1 }
END { endfile(); exit bad }
' $files || exit 2

pass=0 fail=0
for c in "$T"/cases/*; do
    name=${c##*/}; name=${name#*-}
    if [ -n "$names" ]; then
        case " $names " in *" $name "*) ;; *) continue ;; esac
    fi
    why=""
    for f in cmd status; do
        [ -f "$c/$f" ] || why="$why no $f:"
    done
    [ -f "$c/first" ] || [ -f "$c/glob" ] || why="$why no first:"
    if [ -z "$why" ]; then
        (cd "$c/in" && { [ ! -f ../setup ] || sh -c "$(cat ../setup)" >../setup.out 2>&1; } &&
            timeout -k 5 "$TIMEOUT" sh -c "$(cat ../cmd)" >../out 2>../err </dev/null)
        got=$?
        # message: STREAM LINE (default "stderr 1"): where the message is.
        set -- $(cat "$c/message" 2>/dev/null) ""
        stream=err
        [ "$1" = stdout ] && stream=out
        first=$(sed -n "${2:-1}p" "$c/$stream")
        want=$(cat "$c/status")
        if [ -n "${BADINPUT_SHOW:-}" ]; then
            printf '%s\t%s\t%s\n' "$name" "$got" "$first"
            continue
        fi
        [ "$got" = 124 ] || [ "$got" = 137 ] && why="$why hung (no end in $TIMEOUT s);"
        [ "$got" -gt 128 ] && [ "$got" != 137 ] && why="$why killed by signal $((got - 128));"
        [ "$got" = "$want" ] || why="$why exit status $got, want $want;"
        if [ -f "$c/first" ]; then
            [ "$first" = "$(cat "$c/first")" ] || why="$why first line differs;"
        else
            # shellcheck disable=SC2254
            case $first in $(cat "$c/glob")) ;; *) why="$why first line does not match;" ;; esac
        fi
        grep -q -e 'Sanitizer' -e 'runtime error:' -e '^SUMMARY: ' "$c/err" "$c/out" &&
            why="$why a sanitizer report;"
    fi
    if [ -z "$why" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "badinput FAIL $name ($(cat "$c/source")):$why"
        echo "    cmd:   $(cat "$c/cmd" 2>/dev/null)"
        echo "    want:  $(cat "$c/first" "$c/glob" 2>/dev/null)"
        echo "    got:   $first"
        [ -s "$c/err" ] && sed -n '2,12s/^/    | /p' "$c/err"
    fi
done
[ -n "${BADINPUT_SHOW:-}" ] && exit 0
echo "badinput: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
