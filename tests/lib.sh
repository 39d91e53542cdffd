# Helpers for shell-driven tests: source it, then call the check functions.
# Each check prints "PASS: name" or "FAIL: name" (plus details); tests/run.sh counts them.
# $ROOT is the project root; commands are on PATH from bin/.
: "${ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}"
case ":$PATH:" in *":$ROOT/${BIN:-bin}:"*) ;; *) PATH="$ROOT/${BIN:-bin}:$PATH" ;; esac
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1"; shift; [ $# -gt 0 ] && printf '  %s\n' "$@"; }

# check_status NAME EXPECTED CMD...: runs CMD, compares its exit status.
check_status() {
    n=$1; want=$2; shift 2
    "$@" >"$TMP/out" 2>"$TMP/err"; got=$?
    if [ "$got" -eq "$want" ]; then pass "$n"; else fail "$n" "exit $got, want $want" "$(head -3 "$TMP/err")"; fi
}

# check_eq NAME GOT WANT: string equality.
check_eq() {
    if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got:  $2" "want: $3"; fi
}

# check_files NAME GOT_FILE WANT_FILE: byte-identical files.
check_files() {
    if cmp -s "$2" "$3"; then pass "$1"; else fail "$1" "$(diff "$2" "$3" | head -6)"; fi
}

# check_grep NAME PATTERN FILE: the file contains a line matching PATTERN (grep -E).
check_grep() {
    if grep -Eq -- "$2" "$3"; then pass "$1"; else fail "$1" "no line matches '$2' in $3" "$(head -3 "$3")"; fi
}

# interrupt_run DIR PID: waits until the run PID has started writing into DIR (its temporary
# files exist; at most 30 s, as valgrind starts programs slowly), sends it SIGINT and waits
# for it, killing it after 60 s if SIGINT did not end it.
interrupt_run() {
    i=0
    while [ -z "$(ls -A "$1")" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
    sleep 0.5
    kill -INT "$2"
    ( sleep 60; kill -KILL "$2" 2>/dev/null ) &
    guard=$!
    wait "$2"
    kill $guard 2>/dev/null
}
