#!/bin/sh
# bench/run.sh: `make bench`. Runs the NEURON reference models of bench/neuron through
# libnrn (build/bench/engine_bench, built here from bench/engine_bench.c) and, when nrniv
# is installed, through NEURON 8.2.2 itself; prints ns per compartment-step, the ratio,
# peak RSS, startup cost, and checks our checksums against NEURON's: every checksum field of
# its RESULT line (v, sums of v, spike counts and times) and its DETAIL lines (spike lists),
# or, without nrniv, against the lines recorded in bench/neuron/summary.md.
#
# Environment:
#   BENCH_REPS=N     run every model N times and report medians (default 1)
#   BENCH_MODELS="hh1 ring_N1000 ..."   a subset (default: all; names as in the table)
#   O=DIR            build directory (default build)
#   NRNIV=PATH       the nrniv to compare with (default: nrniv on PATH)
# Raw outputs: $O/bench/out/*.
#
# Timing: both sides time the simulation loop only (ours: clock_gettime MONOTONIC around
# nrn_continuerun; NEURON: ParallelContext.time() around pc.psolve). Peak RSS and process
# wall times come from bench/proctime.c (wait4's rusage, clock_gettime), for both.
set -u
cd "$(dirname "$0")/.." || exit 1
O=${O:-build}
REPS=${BENCH_REPS:-1}
MODELS=${BENCH_MODELS:-"hh1 axon_n1001 axon_n10001 ring_N1000 tree_d9 many_cells_N2000 many_cells_N10000"}
NRNIV=${NRNIV:-$(command -v nrniv 2>/dev/null || true)}
B=$O/bench
OUT=$B/out
CC=${CC:-cc}
mkdir -p "$OUT" || exit 1
rm -rf "${OUT:?}"/*

case $REPS in ''|*[!0-9]*|0) echo "bench: BENCH_REPS must be a positive integer" >&2; exit 2;; esac

# ---- build ----
make --no-print-directory -s "$O/libnrn.a" >/dev/null || { echo "bench: building $O/libnrn.a failed" >&2; exit 1; }
for p in engine_bench proctime; do
    $CC -O2 -std=c11 -ffp-contract=off -Wall -Wextra -Isrc/engine "bench/$p.c" "$O/libnrn.a" \
        -lsundials_cvode -lsundials_nvecserial -lm -o "$B/$p" || { echo "bench: compiling bench/$p.c failed" >&2; exit 1; }
done

# ---- helpers ----
# field LINE KEY: the value of KEY=value in a RESULT line ("" if absent)
field() {
    printf '%s\n' "$1" | awk -v k="$2" '{ for (i = 1; i <= NF; i++) if (index($i, k "=") == 1) { print substr($i, length(k) + 2); exit } }'
}
# median of the numbers on stdin (one a line)
median() {
    sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) print a[(NR + 1) / 2]; else printf "%.6g\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
# proctime_field FILE KEY: a field of the PROC line that proctime wrote to FILE
proc_field() {
    field "$(grep '^PROC ' "$1" | tail -n 1)" "$2"
}

# model table: name | engine_bench args | hoc file | nrniv -c settings | RESULT checksum keys
# (the DETAIL lines, spike lists, are compared whole)
spec() {
    case $1 in
    hh1) echo "hh1 --reps 1000|hh1.hoc|REPS=1000|t_end v_end nspk spk1 vmax vmax_t vsum" ;;
    axon_n1001) echo "axon --nseg 1001|axon.hoc|NSEG=1001|t_end nspk0 nspk_mid nspk_end spk_end1 v_x0 v_mid v_x1 vsum_all vsum_mid_t" ;;
    axon_n10001) echo "axon --nseg 10001|axon.hoc|NSEG=10001|t_end nspk0 nspk_mid nspk_end spk_end1 v_x0 v_mid v_x1 vsum_all vsum_mid_t" ;;
    ring_N1000) echo "ring --ncells 1000|ring.hoc|N=1000|t_end nspk spk_tsum last_gid last_t v_soma0 v_dend0 v_soma_last v_dend_last vsum_all" ;;
    tree_d9) echo "tree --depth 9|tree.hoc|DEPTH=9|t_end nspk_root nspk_mid nspk_leaf v_root v_mid v_leaf vsum_all vsum_leaf_t" ;;
    many_cells_N2000) echo "many_cells --ncells 2000|many_cells.hoc|N=2000|t_end nspk spk_tsum nfired first_firing_cell nspk_half nspk_last v_half v_last vsum_all" ;;
    many_cells_N10000) echo "many_cells --ncells 10000|many_cells.hoc|N=10000|t_end nspk spk_tsum nfired first_firing_cell nspk_half nspk_last v_half v_last vsum_all" ;;
    *) return 1 ;;
    esac
}
# reference MODEL: NEURON 8.2.2's RESULT and DETAIL lines for MODEL as recorded in
# bench/neuron/summary.md (its "Checksums (run 1 ...)" section, usetable_hh = 1), for when
# nrniv is not installed: the DETAIL lines once each in order, then the first RESULT line.
reference() {
    awk -v n="name=$1" '
        /^## Checksums \(run 1/ { on = 1; next }
        /^## / { on = 0 }
        !on { next }
        { sub(/^[ \t]+/, "") }
        /^DETAIL / && index($0, n " ") && !seen[$0]++ { print }
        /^RESULT / && index($0, n " ") && res == "" { res = $0 }
        END { if (res != "") print res }' bench/neuron/summary.md
}
part() { printf '%s\n' "$1" | cut -d'|' -f"$2"; }

HAVE_NRN=0
if [ -n "$NRNIV" ] && [ -x "$NRNIV" ]; then HAVE_NRN=1; fi

echo "== libnrn benchmark vs NEURON 8.2.2 (bench/neuron models), BENCH_REPS=$REPS, $(nproc 2>/dev/null || echo ?) CPUs"
if [ $HAVE_NRN = 0 ]; then echo "nrniv not installed: our figures only"; fi

# ---- runs ----
t_start=$(date +%s)
FAIL=0
for mname in $MODELS; do
    s=$(spec "$mname") || { echo "bench: unknown model $mname" >&2; FAIL=1; continue; }
    args=$(part "$s" 1); hoc=$(part "$s" 2); knob=$(part "$s" 3)
    r=1
    while [ $r -le "$REPS" ]; do
        # ours
        # shellcheck disable=SC2086
        "$B/proctime" "$B/engine_bench" $args >"$OUT/$mname.ours.$r.out" 2>"$OUT/$mname.ours.$r.err"
        if ! grep -q '^RESULT ' "$OUT/$mname.ours.$r.out"; then
            echo "bench: $mname: engine_bench failed:" >&2; tail -n 3 "$OUT/$mname.ours.$r.err" >&2; FAIL=1
        elif grep '^engine_bench:' "$OUT/$mname.ours.$r.err" >&2; then
            FAIL=1
        fi
        # NEURON
        if [ $HAVE_NRN = 1 ]; then
            "$B/proctime" "$NRNIV" -nobanner -nopython -c "$knob" "bench/neuron/$hoc" \
                </dev/null >"$OUT/$mname.nrn.$r.out" 2>"$OUT/$mname.nrn.$r.err"
            if ! grep -q '^RESULT ' "$OUT/$mname.nrn.$r.out"; then
                echo "bench: $mname: nrniv printed no RESULT line:" >&2; tail -n 3 "$OUT/$mname.nrn.$r.err" >&2
            fi
            # and with cvode.cache_efficient(1), NEURON's faster memory layout (no effect on hh1)
            if [ "$mname" != hh1 ]; then
                "$B/proctime" "$NRNIV" -nobanner -nopython -c "$knob" -c CE=1 "bench/neuron/$hoc" \
                    </dev/null >"$OUT/$mname.nrnce.$r.out" 2>"$OUT/$mname.nrnce.$r.err"
            fi
        fi
        r=$((r + 1))
    done
done

# startup: a tiny driver that builds and runs the hh soma once vs nrniv hh1.hoc REPS=0
r=1
while [ $r -le "$REPS" ]; do
    "$B/proctime" "$B/engine_bench" hh1_once >"$OUT/startup.ours.$r.out" 2>"$OUT/startup.ours.$r.err"
    if [ $HAVE_NRN = 1 ]; then
        "$B/proctime" "$NRNIV" -nobanner -nopython -c REPS=0 bench/neuron/hh1.hoc \
            </dev/null >"$OUT/startup.nrn.$r.out" 2>"$OUT/startup.nrn.$r.err"
    fi
    r=$((r + 1))
done

# med KIND MODEL KEY: median over reps of a RESULT field; medp: of a PROC field
med() {
    for f in "$OUT/$2.$1".*.out; do
        [ -f "$f" ] || continue
        field "$(grep '^RESULT ' "$f" | tail -n 1)" "$3"
    done | grep . | median
}
medp() {
    for f in "$OUT/$2.$1".*.err; do
        [ -f "$f" ] || continue
        proc_field "$f" "$3"
    done | grep . | median
}
fmt() { [ -n "$2" ] && awk -v f="$1" -v x="$2" 'BEGIN { printf f, x }'; }
mb() { [ -n "$1" ] && awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }' || printf -- '-'; }
or_dash() { if [ -n "$1" ]; then printf '%s' "$1"; else printf -- '-'; fi; }

# ---- table ----
echo
echo "ns per compartment-step = simulation loop wall * 1e9 / (ncomp * steps); ratio = NEURON / ours"
echo "(> 1: we are faster). MB = peak resident set of the whole process."
if [ "$REPS" -gt 1 ]; then echo "Figures are medians of $REPS runs."; fi
echo
printf '%-18s %6s %5s %8s %8s %6s %8s %6s %7s %7s %6s %7s %6s %8s %8s\n' model ncomp steps "ours ns" "NRN ns" ratio "NRN CE" "ratio" "ours s" "NRN s" ratio "CE s" ratio "ours MB" "NRN MB"
printf '%-18s %6s %5s %8s %8s %6s %8s %6s %7s %7s %6s %7s %6s %8s %8s\n' "" "" "" "/c-step" "/c-step" "" "ns/c-st" "CE" "process" "process" proc "process" "CE" "peak" "peak"
for mname in $MODELS; do
    spec "$mname" >/dev/null || continue
    ncomp=$(med ours "$mname" ncomp); steps=$(med ours "$mname" steps)
    o_ns=$(med ours "$mname" ns_per_cstep)
    o_rss=$(medp ours "$mname" maxrss_kb); o_pw=$(medp ours "$mname" wall_s)
    n_ns=""; n_rss=""; ratio=""; c_ns=""; cratio=""; n_pw=""; pratio=""; c_pw=""; cpratio=""
    if [ $HAVE_NRN = 1 ]; then
        n_ns=$(med nrn "$mname" ns_per_cstep); c_ns=$(med nrnce "$mname" ns_per_cstep)
        n_rss=$(medp nrn "$mname" maxrss_kb); n_pw=$(medp nrn "$mname" wall_s)
        ratio=$(awk -v a="$n_ns" -v b="$o_ns" 'BEGIN { if (a != "" && b > 0) printf "%.2f", a / b }')
        cratio=$(awk -v a="$c_ns" -v b="$o_ns" 'BEGIN { if (a != "" && b > 0) printf "%.2f", a / b }')
        pratio=$(awk -v a="$n_pw" -v b="$o_pw" 'BEGIN { if (a != "" && b > 0) printf "%.2f", a / b }')
        c_pw=$(medp nrnce "$mname" wall_s)
        cpratio=$(awk -v a="$c_pw" -v b="$o_pw" 'BEGIN { if (a != "" && b > 0) printf "%.2f", a / b }')
    fi
    printf '%-18s %6s %5s %8s %8s %6s %8s %6s %7s %7s %6s %7s %6s %8s %8s\n' "$mname" "$(or_dash "$ncomp")" "$(or_dash "$steps")" \
        "$(or_dash "$(fmt %.2f "$o_ns")")" "$(or_dash "$(fmt %.2f "$n_ns")")" "$(or_dash "$ratio")" \
        "$(or_dash "$(fmt %.2f "$c_ns")")" "$(or_dash "$cratio")" \
        "$(or_dash "$(fmt %.3f "$o_pw")")" "$(or_dash "$(fmt %.3f "$n_pw")")" "$(or_dash "$pratio")" \
        "$(or_dash "$(fmt %.3f "$c_pw")")" "$(or_dash "$cpratio")" \
        "$(mb "$o_rss")" "$(mb "$n_rss")"
done
echo "(ns/c-step: the simulation loop only. NRN CE: NEURON with cvode.cache_efficient(1). process: the whole"
echo " process, start to exit, build and output included; proc = NEURON's process time / ours; CE s, CE: the same"
echo " for NEURON with cache_efficient(1).)"
echo "(hh1: sim = mean of 1000 runs, each with its finitialize, as hh1.hoc's pc.psolve loop.)"
echo "(nrniv runs with -nopython. Spikes: a NetCon on v(0.5), threshold 10, recording into vectors, as in the .hoc files;"
echo " many_cells is built cells first, then the IClamp values, then the NetCons; see bench/engine_bench.c.)"

# startup
echo
o_pw=$(medp ours startup wall_s); o_pr=$(medp ours startup maxrss_kb)
printf 'startup, whole process, build + 1 hh1 run: ours %s s, %s MB' "$(or_dash "$o_pw")" "$(mb "$o_pr")"
if [ $HAVE_NRN = 1 ]; then
    n_pw=$(medp nrn startup wall_s); n_pr=$(medp nrn startup maxrss_kb)
    printf '; nrniv -nopython -c REPS=0 hh1.hoc %s s, %s MB' "$(or_dash "$n_pw")" "$(mb "$n_pr")"
    if [ -n "$o_pw" ] && [ -n "$n_pw" ]; then
        awk -v a="$n_pw" -v b="$o_pw" 'BEGIN { if (b > 0) printf " (ratio %.1f)", a / b }'
    fi
fi
echo
o_v=$(field "$(grep '^RESULT ' "$OUT/startup.ours.1.out" 2>/dev/null)" v_end)
if [ "$o_v" != "-72.9761831" ]; then echo "  startup driver: v_end = '$o_v', expected -72.9761831 (MISMATCH)"; FAIL=1; fi

# what dominates (derived from the figures above)
h_ns=$(med ours hh1 ns_per_cstep 2>/dev/null)
a_ns=$(med ours axon_n10001 ns_per_cstep 2>/dev/null)
m_ns=$(med ours many_cells_N10000 ns_per_cstep 2>/dev/null)
if [ -n "$h_ns" ] && [ -n "$a_ns" ]; then
    awk -v h="$h_ns" -v a="$a_ns" -v m="${m_ns:-}" 'BEGIN {
        printf "hint: one long cable costs %.0f ns per compartment-step; a 1-compartment model %.0f ns per step", a, h
        if (m != "") printf ", 10000 1-compartment cells %.0f ns each", m
        printf ".\n      The per-compartment work (hh currents and states, the tree solve) dominates large models;\n"
        printf "      hh1 - axon (%.0f ns) is roughly the fixed per-step cost (mechanism loops, records, checks).\n", h - a
    }'
fi

# ---- checksums ----
# RESULT fields: same text, or 'close' (within 1e-9 relative, for v sums printed with
# %.10g); DETAIL lines (spike lists, spikes per cell): same text.
echo
if [ $HAVE_NRN = 1 ]; then
    echo "Checksums vs nrniv (first run of each): RESULT fields as printed (%.10g, spike times %.6g),"
    echo "'close' = within 1e-9 relative; DETAIL lines (spike lists) as text:"
else
    echo "Checksums vs NEURON 8.2.2's lines recorded in bench/neuron/summary.md (nrniv not installed):"
fi
nmis=0
for mname in $MODELS; do
    s=$(spec "$mname") || continue
    keys=$(part "$s" 4)
    ol=$(grep '^RESULT ' "$OUT/$mname.ours.1.out" 2>/dev/null | tail -n 1)
    od=$(grep '^DETAIL ' "$OUT/$mname.ours.1.out" 2>/dev/null)
    if [ $HAVE_NRN = 1 ]; then
        nl=$(grep '^RESULT ' "$OUT/$mname.nrn.1.out" 2>/dev/null | tail -n 1)
        nd=$(grep '^DETAIL ' "$OUT/$mname.nrn.1.out" 2>/dev/null)
    else
        ref=$(reference "$mname")
        nl=$(printf '%s\n' "$ref" | grep '^RESULT ' | tail -n 1)
        nd=$(printf '%s\n' "$ref" | grep '^DETAIL ')
    fi
    if [ -z "$ol" ] || [ -z "$nl" ]; then
        printf '  %-18s no RESULT line from %s\n' "$mname" "$([ -z "$ol" ] && echo us || echo NEURON)"
        nmis=$((nmis + 1)); continue
    fi
    same=""; nsame=0; extra=""
    for k in $keys; do
        ov=$(field "$ol" "$k"); nv=$(field "$nl" "$k")
        if [ "$ov" = "$nv" ] && [ -n "$ov" ]; then
            same="$same $k"; nsame=$((nsame + 1))
        else
            verdict=$(awk -v a="$ov" -v b="$nv" 'BEGIN {
                if (a == "" || b == "") { printf "MISSING (ours \"%s\" NEURON \"%s\")", a, b; exit }
                d = a - b; ad = d < 0 ? -d : d; m = b < 0 ? -b : b; if (m < 1) m = 1
                printf "%s: ours %s NEURON %s (diff %.3g)", (ad <= 1e-9 * m) ? "close" : "MISMATCH", a, b, d }')
            case $verdict in MISMATCH*|MISSING*) nmis=$((nmis + 1)) ;; esac
            extra="$extra
      $k $verdict"
        fi
    done
    # DETAIL lines, in order
    no=$(printf '%s' "$od" | grep -c '^DETAIL '); nn=$(printf '%s' "$nd" | grep -c '^DETAIL ')
    dsame=0; i=1
    while [ $i -le "$nn" ] || [ $i -le "$no" ]; do
        a=$(printf '%s\n' "$od" | sed -n "${i}p"); b=$(printf '%s\n' "$nd" | sed -n "${i}p")
        if [ "$a" = "$b" ]; then
            dsame=$((dsame + 1))
        else
            nmis=$((nmis + 1))
            where=$(awk -v a="${a##*=}" -v b="${b##*=}" 'BEGIN {
                # first differing comma-separated item after the line key
                na = split(a, x, ","); nb = split(b, y, ",")
                for (i = 1; i <= (na > nb ? na : nb); i++)
                    if (x[i] != y[i]) { printf "item %d: ours \"%s\" NEURON \"%s\"; %d vs %d items", i, x[i], y[i], na, nb; exit } }')
            extra="$extra
      DETAIL MISMATCH ($where)
        ours:   ${a:-(none)}
        NEURON: ${b:-(none)}"
        fi
        i=$((i + 1))
    done
    nk=$(echo $keys | wc -w)
    printf '  %-18s %2d/%d fields, %d/%d DETAIL lines same:%s%s\n' "$mname" "$nsame" "$nk" "$dsame" "$nn" "$same" "$extra"
done
if [ $nmis -eq 0 ]; then echo "  all checksums agree"; else echo "  $nmis checksum MISMATCH(es)"; FAIL=1; fi
echo
sh bench/startup.sh
[ -f bench/morph.sh ] && sh bench/morph.sh
[ -f bench/morph_scale.sh ] && sh bench/morph_scale.sh
[ -f bench/plot.sh ] && sh bench/plot.sh
[ -f bench/tui.sh ] && [ -x bin/nrn-tui ] && sh bench/tui.sh
[ -f bench/sweep.sh ] && [ -x bin/nrn-sweep ] && sh bench/sweep.sh
[ -f bench/nmodl.sh ] && sh bench/nmodl.sh
[ -f bench/gen_hh.sh ] && echo && sh bench/gen_hh.sh
[ -f bench/cvode.sh ] && echo && echo "CVODE axon (nseg 1001, 100 ms):" && sh bench/cvode.sh
[ -f bench/parallel.sh ] && { sh bench/parallel.sh || FAIL=1; }
echo
echo "bench: $(($(date +%s) - t_start)) s; raw outputs in $OUT/"
exit $FAIL
