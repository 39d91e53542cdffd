#!/bin/sh
# bench/cvode.sh: the CVODE axon (bench/neuron/cvode_axon.hoc: hh axon, nseg 1001, IClamp
# near the 0 end, 100 ms) under our variable step and, when nrniv is installed, NEURON's, at
# atol 1e-3 and 1e-5: wall time of the run (process wall time, model building included on
# both sides), steps, f-evaluations, spike counts and the last spike time at the far end.
# spk_err: |spk_end1 - 30.7801291944155|, the far end's spike under NEURON at atol 1e-8 with
# interpolated crossings (tests/golden/cvode_accuracy.txt, "axon 1e-08"), the tight
# "truth"; both sides detect spikes at step ends here (condition_order 1, the hoc's default).
# Then a 1000-cell network with sparse activity: fixed step, global and (NEURON's) local step;
# and the local step on 4000 cells of the same network.
# Environment: O=DIR build directory (default build), NRNIV=PATH (default: nrniv on PATH).
set -u
cd "$(dirname "$0")/.." || exit 1
O=${O:-build}
NRNIV=${NRNIV:-$(command -v nrniv 2>/dev/null || true)}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
make --no-print-directory -s "${BIN:-bin}/nrn-run" >/dev/null 2>&1 || make --no-print-directory -s all >/dev/null
cat > "$T/axon.tcl" <<'TCL'
set n 1001
section axon -L 10000 -diam 1 -nseg $n -Ra 100 -cm 1
insert hh axon
IClamp stim axon([expr {0.5/$n}]) -del 1 -dur 0.5 -amp 1
NetCon nc0 axon([expr {0.5/$n}]).v {} -threshold 10
NetCon nc1 axon([expr {1 - 0.5/$n}]).v {} -threshold 10
nc1 record spk
cvode -active 1 -atol $atol
finitialize -65
set t0 [clock microseconds]
continuerun 100
set w [expr {([clock microseconds] - $t0) / 1e6}]
set s [cvode stats]
puts "ours atol=$atol wall_s=$w steps=[dict get $s steps] fevals=[dict get $s fevals] nspk_end=[llength [vector get spk]] spk_end1=[lindex [vector get spk] 0]"
TCL
printf '%-6s %-6s %10s %8s %8s %8s %-20s %s\n' who atol wall_s steps fevals nspk spk_end1 spk_err
for a in 1e-3 1e-5; do
    "${BIN:-bin}/nrn-run" -D atol=$a "$T/axon.tcl" | awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
        printf "%-6s %-6s %10.3f %8d %8d %8d %-20s %.2g\n", "ours", v["atol"], v["wall_s"], v["steps"], v["fevals"], v["nspk_end"], v["spk_end1"], (v["spk_end1"] > 30.7801291944155 ? v["spk_end1"] - 30.7801291944155 : 30.7801291944155 - v["spk_end1"]) }'
    if [ -n "$NRNIV" ]; then
        (cd bench/neuron && "$NRNIV" -nobanner -c "ATOL=$a" cvode_axon.hoc 2>/dev/null) > "$T/n.out"
        fe=$(sed -n 's/.* \([0-9]*\) function evaluations.*/\1/p' "$T/n.out")
        grep '^RESULT' "$T/n.out" | awk -v fe="$fe" '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
            printf "%-6s %-6s %10.3f %8d %8d %8d %-20s %.2g\n", "NEURON", v["atol"], v["wall_s"], v["steps"], fe, v["nspk_end"], v["spk_end1"], (v["spk_end1"] > 30.7801291944155 ? v["spk_end1"] - 30.7801291944155 : 30.7801291944155 - v["spk_end1"]) }'
    fi
done

# A network of 1000 ball-and-stick cells with sparse activity (tests/cvode/net.tcl,
# bench/neuron/cvode_net.hoc: 50 cells in chains driven by a NetStim, 950 quiet, 100 ms,
# atol 1e-3): the fixed step against CVODE's global and local (cvode -local 1, NEURON's
# use_local_dt) steps. Wall time of the run only (for our local step: the split into a
# model per cell included), spike counts, steps and f-evaluations (summed over the cells).
echo
echo "1000 cells, 5% active (tests/cvode/net.tcl, 100 ms, atol 1e-3), the run only:"
printf '%-6s %-7s %10s %8s %8s %8s\n' who mode wall_s nspk steps fevals
for mode in 0 1 2; do
    printf 'if {%s} { cvode -active 1 -atol 1e-3 -local %s }\nsetval dt 0.025\nfinitialize -65\nset t0 [clock microseconds]\ncontinuerun 100\nset s [cvode stats]\nputs "[expr {([clock microseconds] - $t0) / 1e6}] [dict get $s steps] [dict get $s fevals]"\n' $mode $((mode / 2)) |
        "${BIN:-bin}/nrn-run" --spikes "$T/net.csv" tests/cvode/net.tcl - > "$T/net.out" 2>/dev/null
    read -r w st fe < "$T/net.out"
    [ "$mode" = 0 ] && st=- fe=-
    printf '%-6s %-7s %10.3f %8d %8s %8s\n' ours "$(echo fixed global local | cut -d' ' -f$((mode + 1)))" "$w" \
        "$(grep -vc '^ns,\|^source' "$T/net.csv")" "$st" "$fe"
done
if [ -n "$NRNIV" ]; then
    for mode in 0 1 2; do
        (cd bench/neuron && "$NRNIV" -nobanner -c "MODE=$mode" cvode_net.hoc 2>/dev/null) |
            awk -v m=$mode '/^RESULT/ { for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
                split("fixed global local", name, " ")
                printf "%-6s %-7s %10.3f %8d\n", "NEURON", name[m + 1], v["wall_s"], v["nspk"] }'
    done
fi

# The local step's cost as the network grows (a part per cell: each part must cost a cell,
# not the model): the same network of 4000 cells, local step only.
echo
echo "4000 cells, the same 50 active (ncell 4000), local step, the run only:"
printf '%-6s %-7s %10s %8s\n' who mode wall_s nspk
printf 'cvode -active 1 -atol 1e-3 -local 1\nsetval dt 0.025\nfinitialize -65\nset t0 [clock microseconds]\ncontinuerun 100\nputs "[expr {([clock microseconds] - $t0) / 1e6}]"\n' |
    "${BIN:-bin}/nrn-run" -D ncell=4000 --spikes "$T/net4k.csv" tests/cvode/net.tcl - > "$T/net4k.out" 2>/dev/null
printf '%-6s %-7s %10.3f %8d\n' ours local "$(cat "$T/net4k.out")" "$(grep -vc '^ns,\|^source' "$T/net4k.csv")"
if [ -n "$NRNIV" ]; then
    (cd bench/neuron && "$NRNIV" -nobanner -c "MODE=2" -c "NCELL=4000" cvode_net.hoc 2>/dev/null) |
        awk '/^RESULT/ { for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
            printf "%-6s %-7s %10.3f %8d\n", "NEURON", "local", v["wall_s"], v["nspk"] }'
fi
