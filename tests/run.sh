#!/bin/sh
# Runs the whole suite: every cmocka binary in $O/tests and every tests/*/test_*.sh script,
# then prints one summary line "N passed, N failed". Exits 1 if anything failed.
O=${O:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export ROOT O
export PATH="$ROOT/bin:$PATH"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
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
