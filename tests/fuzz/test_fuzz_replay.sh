#!/bin/sh
# test_fuzz_replay.sh: every fuzz harness (tests/fuzz/fuzz_NAME.c, built without libFuzzer as
# $O/fuzz-replay/NAME) replays its seed corpus and every saved finding of tests/fuzz/regress/
# NAME/ (inputs that once crashed, hung or broke a harness rule): each must run clean and
# quickly. Under make asan the replay programs carry the sanitizers.
. "$(dirname "$0")/../lib.sh"
R="$ROOT/${O:-build}/fuzz-replay"
for src in "$ROOT"/tests/fuzz/fuzz_*.c; do
    n=$(basename "$src" .c | sed 's/^fuzz_//')
    if [ ! -x "$R/$n" ]; then
        fail "fuzz-replay-$n" "no $R/$n (make all builds it)"
        continue
    fi
    for kind in corpus regress; do
        d="$ROOT/tests/fuzz/$kind/$n"
        [ -d "$d" ] || continue
        set -- "$d"/*
        [ -e "$1" ] || continue
        # a hang is a finding too: 60 s for the lot is far beyond a clean replay
        if out=$(timeout 60 "$R/$n" "$@" 2>&1); then
            pass "fuzz-replay-$n-$kind ($# inputs)"
        else
            fail "fuzz-replay-$n-$kind" "$(printf '%s\n' "$out" | grep -E 'ERROR|SUMMARY|fuzz:|runtime error' | head -5)"
        fi
    done
done
