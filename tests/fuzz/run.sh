#!/bin/sh
# tests/fuzz/run.sh DIR [NAME...]: runs each libFuzzer harness DIR/fuzz/fuzz_NAME (all when no
# NAME) for $FUZZ_S seconds (default 60), one after the other, starting from the seed corpus
# tests/fuzz/corpus/NAME/ (read only) plus the inputs earlier runs found (DIR/corpus/NAME/).
# Findings (crash-*, leak-*, timeout-*, oom-*) go to DIR/findings/NAME/; copy each one into
# tests/fuzz/regress/NAME/ once fixed (make test replays them). Prints libFuzzer's final
# line per harness; exits 1 if any harness found something.
D=$1
shift
S=${FUZZ_S:-60}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
[ $# -gt 0 ] || set -- $(cd "$ROOT/tests/fuzz" && ls fuzz_*.c | sed 's/^fuzz_//; s/\.c$//')
bad=""
for n in "$@"; do
    bin="$D/fuzz/fuzz_$n"
    [ -x "$bin" ] || { echo "fuzz: no $bin" >&2; bad="$bad $n"; continue; }
    mkdir -p "$D/corpus/$n" "$D/findings/$n" "$ROOT/tests/fuzz/corpus/$n"
    dict=""
    [ -f "$ROOT/tests/fuzz/$n.dict" ] && dict="-dict=$ROOT/tests/fuzz/$n.dict"
    log="$D/findings/$n/last.log"
    # -timeout: one input for longer is a hang; -rss_limit_mb: a runaway allocation
    "$bin" -max_total_time="$S" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$D/findings/$n/" $dict \
        "$D/corpus/$n" "$ROOT/tests/fuzz/corpus/$n" > "$log" 2>&1
    rc=$?
    done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1)
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    echo "fuzz $n: ${done_line:-no DONE line} (${execs:-?} runs, ${rate:-?}/s)"
    if [ "$rc" -ne 0 ]; then
        bad="$bad $n"
        grep -E 'ERROR|SUMMARY|fuzz:|Test unit written' "$log" | head -8
    fi
done
if [ -n "$bad" ]; then
    echo "fuzz: findings in:$bad (see $D/findings/)"
    exit 1
fi
echo "fuzz: nothing found"
