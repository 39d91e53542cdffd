#!/bin/sh
# bench/gen_hh.sh: libnrn's hh, translated from mechanisms/hh.mod at build time, against the
# hand-written hh it replaced (bench/hh_handwritten.c; issue 13: within 5%). Builds
# engine_bench twice, with libnrn as it is and with its hh replaced by the hand-written one
# (compiled with the engine's flags), runs the axon (1001) and many_cells (2000) models
# interleaved BENCH_GEN_REPS times (default 7) and prints min and median ns per
# compartment-step of each, and whether their checksums (RESULT lines) are the same.
set -u
cd "$(dirname "$0")/.." || exit 1
O=${O:-build}
CC=${CC:-cc}
REPS=${BENCH_GEN_REPS:-7}
B=$O/bench/gen_hh
mkdir -p "$B" || exit 1
make --no-print-directory -s "$O/libnrn.a" >/dev/null || { echo "gen_hh: build failed" >&2; exit 1; }
cp "$O/libnrn.a" "$B/libhand.a" && ar d "$B/libhand.a" hh.o || exit 1
FLAGS="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -ffp-contract=off -O2 -Isrc/engine"
# shellcheck disable=SC2086
$CC $FLAGS -fopenmp-simd -c bench/hh_handwritten.c -o "$B/hh_hand.o" || exit 1
for v in mod hand; do
    lib=$O/libnrn.a; extra=
    [ $v = hand ] && lib=$B/libhand.a && extra=$B/hh_hand.o
    # shellcheck disable=SC2086
    $CC $FLAGS bench/engine_bench.c $extra "$lib" -lsundials_cvode -lsundials_nvecserial -lm \
        -o "$B/eb_$v" || exit 1
done
echo "hh from mechanisms/hh.mod (mod) against the hand-written hh (hand), ns per compartment-step, $REPS runs each:"
for m in "axon --nseg 1001" "many_cells --ncells 2000"; do
    : > "$B/t.txt"
    r=1
    while [ $r -le "$REPS" ]; do
        for v in hand mod; do
            # shellcheck disable=SC2086
            "$B/eb_$v" $m > "$B/$v.out" || exit 1
            echo "$v $(sed -n 's/.*ns_per_cstep=\([0-9.]*\).*/\1/p' "$B/$v.out")" >> "$B/t.txt"
        done
        r=$((r + 1))
    done
    sums=$(for v in hand mod; do grep '^RESULT' "$B/$v.out" | sed 's/ \(wall_s\|ns_per_cstep\|build_s\|init_s\|maxrss_kb\)=[^ ]*//g'; done | uniq | wc -l)
    for v in hand mod; do
        printf '  %-18s %s %s\n' "${m%% *} $v" "$(awk -v v=$v '$1 == v { print $2 }' "$B/t.txt" | sort -g |
            awk '{ a[NR] = $1 } END { printf "min %6.1f  median %6.1f", a[1], a[int((NR + 1) / 2)] }')" \
            "$([ $v = mod ] && { [ "$sums" -eq 1 ] && echo "(checksums same)" || echo "(CHECKSUMS DIFFER)"; })"
    done
done
