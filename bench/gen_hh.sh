#!/bin/sh
# bench/gen_hh.sh: hh translated from a .mod file against libnrn's hh (issue 13: within 5%).
# Builds engine_bench twice, once with libnrn as it is and once with libnrn's hh replaced by
# the translation of MOD (default: NEURON's hh.mod, tests/nmodl/nrn/hhmod.mod, renamed hh),
# compiled with the engine's flags; runs the axon (1001) and many_cells (2000) models
# interleaved BENCH_GEN_REPS times (default 7) and prints min and median ns per
# compartment-step of each, and whether their checksums (RESULT lines) are the same.
set -u
cd "$(dirname "$0")/.." || exit 1
O=${O:-build}
CC=${CC:-cc}
MOD=${1:-tests/nmodl/nrn/hhmod.mod}
REPS=${BENCH_GEN_REPS:-7}
B=$O/bench/gen_hh
mkdir -p "$B" || exit 1
make --no-print-directory -s "$O/libnrn.a" bin/nrn-build >/dev/null || { echo "gen_hh: build failed" >&2; exit 1; }
sed 's/^\([[:space:]]*SUFFIX[[:space:]]\).*/\1hh/' "$MOD" > "$B/hh.mod"
rm -rf "$B/c" && bin/nrn-build mod -o "$B/hh.so" --keep-c "$B/c" "$B/hh.mod" || exit 1
sed 's/nrnmod_hh/nrn_mech_hh/' "$B/c/hh.c" > "$B/hh_gen.c"
cp "$O/libnrn.a" "$B/libgen.a" && ar d "$B/libgen.a" hh.o 2>/dev/null
FLAGS="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -ffp-contract=off -O2 -fopenmp-simd -Isrc/engine"
# shellcheck disable=SC2086
$CC $FLAGS -w -c "$B/hh_gen.c" -o "$B/hh_gen.o" || exit 1
for v in lib gen; do
    lib=$O/libnrn.a; extra=
    [ $v = gen ] && lib=$B/libgen.a && extra=$B/hh_gen.o
    # shellcheck disable=SC2086
    $CC $FLAGS bench/engine_bench.c $extra "$lib" -lsundials_cvode -lsundials_nvecserial -lm \
        -o "$B/eb_$v" || exit 1
done
echo "hh from $MOD (gen) against libnrn's hh (lib), ns per compartment-step, $REPS runs each:"
for m in "axon --nseg 1001" "many_cells --ncells 2000"; do
    : > "$B/t.txt"
    r=1
    while [ $r -le "$REPS" ]; do
        for v in lib gen; do
            # shellcheck disable=SC2086
            "$B/eb_$v" $m > "$B/$v.out" || exit 1
            echo "$v $(sed -n 's/.*ns_per_cstep=\([0-9.]*\).*/\1/p' "$B/$v.out")" >> "$B/t.txt"
        done
        r=$((r + 1))
    done
    sums=$(for v in lib gen; do grep '^RESULT' "$B/$v.out" | sed 's/wall_s=[^ ]* //; s/ns_per_cstep=[^ ]* //; s/build_s=[^ ]* //; s/init_s=[^ ]* //; s/maxrss_kb=[^ ]* //'; done | uniq | wc -l)
    for v in lib gen; do
        printf '  %-24s %s %s\n' "${m%% *} $v" "$(awk -v v=$v '$1 == v { print $2 }' "$B/t.txt" | sort -g |
            awk '{ a[NR] = $1 } END { printf "min %6.1f  median %6.1f", a[1], a[int((NR + 1) / 2)] }')" \
            "$([ $v = gen ] && { [ "$sums" -eq 1 ] && echo "(checksums same)" || echo "(CHECKSUMS DIFFER)"; })"
    done
done
