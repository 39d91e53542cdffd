#!/bin/sh
# test_cross.sh: the features of one stop where they meet, by invariants that need no
# NEURON reference (each feature alone has its NEURON golden elsewhere), on the project's
# own mechanisms in tests/cross (KINETIC channel and synapse, calcium written by a
# mechanism, POINTER, WATCH, FUNCTION_TABLE, LINEAR, normrand in BEFORE STEP):
# - layout: a cell alone (its eight depth-1 sections interleaved) and the same cell as one
#   of 9 or 17 (groups of eight cells interleaved) give the same records bit for bit;
# - threads: a network of such cells, and cells of different shapes with a POINTER within
#   each, give the same spikes and records on 1, 2 and 3 threads; a POINTER between cells
#   on different threads is refused with one line;
# - savestate: run to 50, save, run to 100 equals restore and run to 100 (threads, CVODE);
# - a mechanism writing GLOBALs without THREADSAFE: one thread (with a notice), and nrn-sweep
#   points alone rather than replicas, so 1 and 2 threads, and a grid and its points, agree;
# - nrn-sweep: a grid point of model replicas equals the same point swept alone;
# - the translated built-ins, interleaved and on threads, keep NEURON's goldens.
. "$(dirname "$0")/../lib.sh"
X="$ROOT/tests/cross"
cd "$TMP" || exit 1
nrn-build mod -o cross.so "$X" 2> err || fail cross-build "$(cat err)"
echo run > run.tcl

# ---- layout: cell k alone equals cell k among 9 or 17 (amplitudes vary with k)
cells() { # OUT -D...: cells.tcl then run
    out=$1; shift
    nrn-run -D lib=./cross.so -D vary=1 -D amp0=0.8 "$@" "$X/cells.tcl" run.tcl > "$out" 2> "$out.err"
}
cells r4.csv -D N=1 -D k0=4 -D rec=4
cells r8.csv -D N=1 -D k0=8 -D rec=8
cells r16.csv -D N=1 -D k0=16 -D rec=16
# the cell does something: spikes, calcium rises, WATCH fires
if awk -F, 'NR > 1 { if ($2 > 0) sp = 1; if ($3 > 1e-3) ca = 1; if ($9 > 0) w = 1 }
            END { exit !(sp && ca && w) }' r4.csv; then pass layout-model-active
else fail layout-model-active "$(tail -1 r4.csv)" "$(cat r4.csv.err)"; fi
for n in 9 17; do
    cells a$n.csv -D N=$n -D rec="4 $((n - 1))"
    cut -d, -f1-9 a$n.csv > mid$n.csv
    cut -d, -f1,10-17 a$n.csv > last$n.csv
    cut -d, -f1-9 r4.csv > want_mid
    cut -d, -f1-9 r$((n - 1)).csv > want_last
    check_files "layout-$n-cells-middle" mid$n.csv want_mid
    check_files "layout-$n-cells-last" last$n.csv want_last
done

# cells of one shape with different mechanisms (and ion styles) in one group: each equals
# itself alone, and the 17 on 2 and 3 threads equal one thread
all="0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16"
nrn-run -D lib=./cross.so -D cells="$all" -D rec="$all" "$X/mixed.tcl" > mixall.csv 2> mix.err
bad=""
for k in $all; do
    nrn-run -D lib=./cross.so -D cells=$k -D rec=$k "$X/mixed.tcl" 2>> mix.err | cut -d, -f2-5 > m1
    c=$((2 + 4 * k))
    cut -d, -f$c-$((c + 3)) mixall.csv | cmp -s - m1 || bad="$bad $k"
done
check_eq "layout-mixed-mechanisms" "$bad$(cat mix.err)" ""
for t in 2 3; do
    nrn-run --threads $t -D lib=./cross.so -D cells="$all" -D rec="$all" "$X/mixed.tcl" > mix$t.csv 2>&1
    check_files "threads-mixed-mechanisms-$t" mix$t.csv mixall.csv
done

# ---- threads: the network (with and without xnoise) on 1, 2 and 3 threads
for noise in 0 1; do
    for t in 1 2 3; do
        nrn-run --threads $t --spikes n$noise.t$t.spk -D lib=./cross.so -D N=7 -D noise=$noise \
            -D rec="1 5 6" "$X/net.tcl" run.tcl > n$noise.t$t.csv 2> n$noise.t$t.err
    done
    check_grep "threads-net$noise-spikes" '^c[0-9]\.soma' n$noise.t1.spk
    for t in 2 3; do
        check_files "threads-net$noise-$t-spikes" n$noise.t$t.spk n$noise.t1.spk
        check_files "threads-net$noise-$t-records" n$noise.t$t.csv n$noise.t1.csv
    done
done
# WATCH conditions activated at finitialize (net_send(0) in INITIAL) go with their cells
# to the threads' models
awk -F, 'NR > 1 && $9 > 0 { w = 1 } END { exit !w }' n0.t1.csv && pass threads-watch-active ||
    fail threads-watch-active "$(tail -1 n0.t1.csv)"
# POINTERs within cells of different shapes: the bindings follow the renumbered sections
for t in 1 2 3; do
    nrn-run --threads $t -D lib=./cross.so "$X/ptrcells.tcl" run.tcl > p$t.csv 2> p$t.err
done
check_eq threads-pointer-cells-run "$(cat p1.err p2.err p3.err)" ""
check_files threads-pointer-cells-2 p2.csv p1.csv
check_files threads-pointer-cells-3 p3.csv p1.csv
# GLOBALs written by mechanism code on one thread's cells are the model's after the run
cat > glob.tcl <<'TCL'
load_mechanisms ./cross.so
section a
section b
insert hh a
insert pas b
insert xglob b
IClamp ic b(0.5) -del 1 -dur 5 -amp 0.3
setval tstop 5
run
puts "[getval gv_xglob] [getval cnt_xglob] [getval b(0.5).lv_xglob]"
TCL
for t in 1 2 3; do nrn-run --threads $t glob.tcl > g$t.out 2> g$t.err; done
check_grep threads-globals-written '^-6[0-9.]+ [1-9][0-9]+\.0 -6' g1.out
check_eq threads-globals-2 "$(cat g2.out)" "$(cat g1.out)"
check_eq threads-globals-3 "$(cat g3.out)" "$(cat g1.out)"
# a mechanism that writes GLOBALs without THREADSAFE (xlast: a current from the v of the
# step before, shared by its instances) is not thread safe: NEURON's rule; the model runs on
# one thread with a notice, so 1 and 2 threads agree; nrn-sweep runs its points alone
cat > xlast.tcl <<'TCL'
load_mechanisms ./cross.so
foreach c {a b} amp {0.3 0.1} {
    section $c -L 20 -diam 20
    insert hh $c
    insert xlast $c
    IClamp ic$c ${c}(0.5) -del 1 -dur 5 -amp $amp
}
TCL
printf 'record t\nrecord a(0.5).v\nrecord b(0.5).v\nsetval tstop 10\nrun\n' > xlrun.tcl
nrn-run --threads 1 xlast.tcl xlrun.tcl > xl1.csv 2> xl1.err
nrn-run --threads 2 xlast.tcl xlrun.tcl > xl2.csv 2> xl2.err
check_files threads-not-threadsafe-same xl2.csv xl1.csv
check_eq threads-not-threadsafe-notice "$(cat xl1.err; cat xl2.err)" \
    "nrn-run: xlast is not thread safe: running on one thread instead of 2"
M="--on a(0.5).v --measure maximum_voltage,minimum_voltage,voltage_base"
# shellcheck disable=SC2086
nrn-sweep --mechanisms ./cross.so xlast.tcl $M -p ica.amp=0.05,0.1,0.2,0.3 -j 1 --batch 4 \
    2> sw.err | cut -d, -f1-4 > xlgrid.csv
for a in 0.05 0.1 0.2 0.3; do
    # shellcheck disable=SC2086
    nrn-sweep --mechanisms ./cross.so xlast.tcl $M -p ica.amp=$a -j 1 --batch 1 | tail -1 | cut -d, -f1-4
done > xlalone.csv
check_eq sweep-not-threadsafe-points "$(tail -n +2 xlgrid.csv | wc -l | tr -d ' ') $(cat sw.err)" \
    "4 nrn-sweep: --batch 4: xlast is not thread safe: running the points one at a time"
check_eq sweep-not-threadsafe-alone "$(tail -n +2 xlgrid.csv)" "$(cat xlalone.csv)"
# a POINTER of one cell to a value of a cell on another thread: one line, status 1
cat > xptr.tcl <<'TCL'
load_mechanisms ./cross.so
section a
section b
insert hh a
insert xsrc a
insert xptr b
setpointer b(0.5).p_xptr a(0.5).s_xsrc
setval tstop 5
run
puts [getval b(0.5).v]
TCL
nrn-run --threads 1 xptr.tcl > out 2> err
check_eq threads-pointer-between-cells-one "$(wc -l < out | tr -d ' ')$(cat err)" 1
nrn-run --threads 2 xptr.tcl > out 2> err; rc=$?
check_eq threads-pointer-between-cells-status "$rc" 1
check_eq threads-pointer-between-cells-line "$(cat err)" "nrn-run: xptr.tcl:9: POINTER b(0.5).p_xptr reads a value of a, which is in a cell on another thread (POINTERs between cells need one thread)"

# ---- savestate: the state after a save and a continuation equals restore and continue
ss() { # NAME nrn-run-options...
    name=$1; shift
    nrn-run "$@" -D lib=./cross.so -D rec= "$X/net.tcl" "$X/ss.tcl" 2> "$name.err" |
        grep ' t 100' > "$name.out"
    if [ "$(wc -l < "$name.out")" -eq 2 ] && [ "$(sort -u "$name.out" | wc -l)" -eq 1 ]; then
        pass "$name"
    else fail "$name" "$(cut -c1-120 "$name.out")" "$(cat "$name.err")"; fi
}
ss savestate-fixed -D N=9 -D noise=1
ss savestate-threads-2 --threads 2 -D N=9 -D noise=1
# the same state on 1 and 2 threads
check_files savestate-threads-same savestate-threads-2.out savestate-fixed.out
# CVODE: no LINEAR block (it has no CVODE equations) nor BEFORE STEP
ss savestate-cvode --cvode -D N=9 -D lin=0

# ---- nrn-sweep: a grid of replicas (8 a worker) equals each point swept alone
A="--mechanisms ./cross.so -D lib=./cross.so -D N=1 -D rec=0 -D noise=1 $X/cells.tcl"
M="--on c0.soma(0.5).cai --measure maximum_voltage,minimum_voltage,voltage_base"
# shellcheck disable=SC2086
nrn-sweep $A $M -p c0.soma.tau_xcacc=5,40 -p c0.soma.gbar_xcach=0.001,0.004 \
    -p c0.soma.gbar_xkin=0.005,0.02 -j 2 --batch 8 2> sw.err | cut -d, -f1-6 | tail -n +2 > grid.csv
check_eq sweep-grid-points "$(wc -l < grid.csv | tr -d ' ') $(cat sw.err)" "8 "
while IFS=, read -r a b c rest; do
    # shellcheck disable=SC2086
    nrn-sweep $A $M -p c0.soma.tau_xcacc="$a" -p c0.soma.gbar_xcach="$b" \
        -p c0.soma.gbar_xkin="$c" -j 1 --batch 1 | tail -1 | cut -d, -f1-6
done < grid.csv > single.csv
check_files sweep-replicas-equal-alone grid.csv single.csv

# ---- the translated built-ins (Exp2Syn, NetStim, AlphaSynapse, hh, pas) in groups of
# interleaved cells and on threads keep NEURON's numbers (tests/golden)
grep -v '^#' "$ROOT/tests/golden/exp2syn.csv" | tail -n +2 > ge
grep -v '^#' "$ROOT/tests/golden/alphasynapse.csv" | tail -n +2 > ga
n=$(wc -l < ga | tr -d ' ')
for t in 1 2 3; do
    nrn-run --threads $t "$X/builtins9.tcl" 2> b$t.err | tail -n +2 > b$t.csv
    cut -d, -f1-6 b$t.csv > e4; cut -d, -f1,7-11 b$t.csv > e8
    cut -d, -f1,12-13 b$t.csv | head -n "$n" > a4; cut -d, -f1,14-15 b$t.csv | head -n "$n" > a8
    check_files "builtins-exp2syn-t$t-copy4" e4 ge
    check_files "builtins-exp2syn-t$t-copy8" e8 ge
    check_files "builtins-alphasynapse-t$t-copy4" a4 ga
    check_files "builtins-alphasynapse-t$t-copy8" a8 ga
done
