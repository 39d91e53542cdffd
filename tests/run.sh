#!/bin/sh
# Runs the whole suite: every cmocka binary in $O/tests and every tests/*/test_*.sh script,
# then prints one summary line "N passed, N failed". Exits 1 if anything failed.
# A closed standard input would hand fd 0 to the first file a test opens: give it /dev/null.
[ -e /dev/fd/0 ] || exec </dev/null
O=${O:-build}
BIN=${BIN:-bin}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export ROOT O BIN
export PATH="$ROOT/$BIN:$PATH"
log=$(mktemp)
wrapdir=$(mktemp -d)
trap 'rm -rf "$log" "$wrapdir"' EXIT
# make valgrind: every command the shell tests run goes through $VALGRIND (wrappers first
# on PATH), so the CLI tests double as memory checks; its errors make the tests fail.
if [ -n "${VALGRIND:-}" ]; then
    for p in "$ROOT/$BIN"/nrn-*; do
        [ -x "$p" ] || continue
        printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$VALGRIND" "$p" > "$wrapdir/$(basename "$p")"
        chmod +x "$wrapdir/$(basename "$p")"
    done
    export PATH="$wrapdir:$PATH"
fi
passed=0
failed=0
failures=""

for t in "$ROOT/$O"/tests/test_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    out=$("$t" 2>&1); rc=$?
    p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | awk '{s+=$1} END {print s+0}')
    f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | awk '{s+=$1} END {print s+0}')
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    passed=$((passed + p)); failed=$((failed + f))
    if [ "$f" -ne 0 ]; then
        failures="$failures $name"
        printf '%s\n' "$out" | grep -E 'FAILED|ERROR|Failure|failed|error' | head -20
    fi
    echo "unit $name: $p passed, $f failed"
done

for s in "$ROOT"/tests/*/test_*.sh; do
    [ -f "$s" ] || continue
    name=$(basename "$(dirname "$s")")/$(basename "$s")
    out=$(cd "$ROOT" && sh "$s" 2>&1); rc=$?
    p=$(printf '%s\n' "$out" | grep -c '^PASS: ')
    f=$(printf '%s\n' "$out" | grep -c '^FAIL: ')
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "$name exited $rc"; printf '%s\n' "$out" | tail -5; fi
    passed=$((passed + p)); failed=$((failed + f))
    [ "$f" -ne 0 ] && { failures="$failures $name"; printf '%s\n' "$out" | grep -A3 '^FAIL: ' | head -40; }
    echo "script $name: $p passed, $f failed"
done

[ -n "$failures" ] && echo "failing:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
