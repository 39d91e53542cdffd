#!/bin/sh
# test_meet_speed.sh: the fused fixed steps (cable.c's two sweeps on an axon, units_step.c's
# on a tree, blocks_step.c's tiles on interleaved cells) where they meet the rest of the
# product. speed/model.tcl builds each shape with hh, pas, user mechanisms built by nrn-build
# (a TABLE'd potassium channel, a point process synapse) and an ExpSyn; its $force 1 plays a
# parameter continuously to its own value, which makes the step run the separate passes
# (NEURON's order, tested against NEURON elsewhere). For each shape the two agree bit for bit:
# records of v, states, currents and ion concentrations (every step and record -dt), the
# GLOBALs a TABLE leaves after the run, SaveState restore in the middle of a run, a switch to
# CVODE and back, a second run after nseg changed and a point process was added (which also
# equals that model run from the start), discrete plays into v and a parameter; the tree and
# the cells give the same on 2 threads, nrn-sweep's batches of replicas the points alone,
# and the ring on 2 MPI ranks its one-rank numbers. A GLOBAL that BREAKPOINT's TABLE writes
# (btab/xbt.mod) keeps NEURON's last instance's value (tests/golden/cross_btab.txt).
. "$(dirname "$0")/../lib.sh"
X="$ROOT/tests/cross"
S="$X/speed"
cd "$TMP" || exit 1
nrn-build mod -o sp.so "$S" 2> err || fail speed-build "$(cat err)"
echo run > run.tcl

# both SHAPE NAME SCRIPT [-D NAME=VALUE]...: nrn-run of model.tcl then SCRIPT, fused (out.0)
# and with the passes forced (out.1); stdout and stderr of each, the same and not empty
both() {
    shape=$1; name=$2; s=$3; shift 3
    for f in 0 1; do
        nrn-run -D lib=./sp.so -D shape="$shape" -D force=$f "$@" "$S/model.tcl" "$s" > out.$f 2>&1
    done
    if [ -s out.0 ] && ! grep -q '^nrn-run:' out.0; then check_files "$name-$shape" out.0 out.1
    else fail "$name-$shape" "$(head -c 300 out.0)"; fi
}

cat > globals.tcl <<'TCL'
run
puts stderr "[getval minf_hh] [getval ninf_xkd] [getval ntau_xkd] [getval t]"
TCL
cat > ss.tcl <<'TCL'
proc state {} {
    set s {}
    foreach p $::probes { foreach x {v m_hh n_xkd nai} { lappend s [getval $p.$x] } }
    lappend s [getval syn.g] [getval xps.g]
    return $s
}
finitialize -65
continuerun 12
savestate save s
foreach run {first restored} {
    continuerun 30
    puts [state]
    savestate restore s
}
TCL
cat > cvs.tcl <<'TCL'
finitialize -65
continuerun 10
cvode -active 1
continuerun 20
cvode -active 0
continuerun 40
TCL
# a second run after nseg changed (a recompile) and a new point process ($two 0: the changes
# made before the first run)
cat > recomp.tcl <<'TCL'
proc state {} {
    set s {}
    foreach p $::probes { foreach x {v m_hh n_xkd} { lappend s [getval $p.$x] } }
    return [concat $s [getval xps.g] [getval xps2.g] [getval minf_hh] [getval ninf_xkd]]
}
proc change {} {
    setval [lindex $::secs end].nseg 7
    Xps xps2 $::syn -tau 2
    NetCon nc3 ns xps2 -delay 2 -weight 0.002
}
if {$two} { run; puts "one [getval [lindex $::probes 1].v]" }
change
run
puts [state]
TCL
cat > dplay.tcl <<'TCL'
vector set vv {-40 -20}
vector set tv {12 12.5}
vector play vv [lindex $::probes 1].v tv
vector set gg {1 5}
vector set tg {0 20}
vector play gg syn.tau tg
run
TCL
# changes between continueruns: celsius (the TABLEs rebuilt), dt, a parameter, a
# concentration, secondorder 1 (Crank-Nicolson's v update in the sweeps), dt again
cat > mid.tcl <<'TCL'
finitialize -65
continuerun 8
setval celsius 16.3
continuerun 14
setval dt 0.0125
continuerun 20
setval [lindex $::secs 0].gnabar_hh 0.2
setval [lindex $::probes 1].nai 15
continuerun 27
setval secondorder 1
continuerun 33
setval dt 0.05
continuerun 40
TCL
for shape in axon tree cells; do
    both $shape records run.tcl
    both $shape mid-run-changes mid.tcl
    # the mechanisms in some sections only: a type's instances in some chunks, tiles, cells
    both $shape mixed globals.tcl -D mix=1
    both $shape mixed-mid-run-changes mid.tcl -D mix=1
    # the model does something: some v above 0 mV
    check_eq "records-active-$shape" "$(awk -F, 'NR > 1 && $2 > 0 { n++ } END { print (n > 0) }' out.0)" 1
    both $shape records-dt run.tcl -D rdt=0.1
    check_eq "records-dt-rows-$shape" "$(wc -l < out.0 | tr -d ' ')" 402
    both $shape globals globals.tcl -D rec=0
    both $shape savestate ss.tcl -D rec=0
    check_eq "savestate-restored-$shape" "$(sort -u out.0 | wc -l | tr -d ' ') $(wc -l < out.0 | tr -d ' ')" "1 2"
    both $shape cvode-and-back cvs.tcl
    # the CVODE part took its own steps: rows between 10 and 20 ms not those of dt 0.025
    check_eq "cvode-and-back-steps-$shape" "$(awk -F, 'NR > 1 && $1 > 10 && $1 < 20 { n++ }
        END { print (n != 399) }' out.0)" 1
    both $shape recompile recomp.tcl -D rec=0 -D two=1
    tail -1 out.0 > second
    nrn-run -D lib=./sp.so -D shape=$shape -D rec=0 -D two=0 "$S/model.tcl" recomp.tcl > fresh 2>&1
    check_files "recompile-as-fresh-$shape" second fresh
    both $shape discrete-play dplay.tcl
done

# threads: the tree's and the cells' records on 2 threads are one thread's (each thread's
# part takes its own fused step); so are SaveState's, the switch to CVODE's and the changes
# between continueruns' (a THREADSAFE GLOBAL such as ninf_xkd has one value per thread, as
# NEURON's: globals.tcl is not compared)
for shape in tree cells; do
    nrn-run -D lib=./sp.so -D shape=$shape "$S/model.tcl" run.tcl > rec.$shape.1 2>&1
    nrn-run --threads 2 -D lib=./sp.so -D shape=$shape "$S/model.tcl" run.tcl > rec.$shape.2 2>&1
    check_files "threads-2-records-$shape" rec.$shape.2 rec.$shape.1
    for sc in ss cvs mid; do
        nrn-run -D lib=./sp.so -D shape=$shape "$S/model.tcl" $sc.tcl > $sc.$shape.1 2>&1
        nrn-run --threads 2 -D lib=./sp.so -D shape=$shape "$S/model.tcl" $sc.tcl > $sc.$shape.2 2>&1
        check_eq "threads-2-$sc-$shape-rows" "$(awk -F, 'NF > 20 { n++ } END { print (n > 1000) }' $sc.$shape.1)" 1
        check_files "threads-2-$sc-$shape" $sc.$shape.2 $sc.$shape.1
    done
done

# nrn-sweep: a batch of 6 replicas (one model of 6 axons, trees or cell groups, laid out as
# interleaved cells) gives each point's measures as the point alone (the shape's own step);
# the replicas whose v overflows fail alone, with the message of the point run alone
M="--measure maximum_voltage,minimum_voltage,voltage_base,Spikecount"
for shape in axon tree cells; do
    case $shape in axon) on="ax(0.9).v" ;; tree) on="d3(0.9).v" ;; cells) on="c9.dend(0.5).v" ;; esac
    for b in 8 1; do
        nrn-sweep --mechanisms ./sp.so -D lib=./sp.so -D shape=$shape -D rec=0 "$S/model.tcl" \
            --on "$on" $M -p ic.amp=0.2,-1e308,0.4 -p syn.tau=1,3 -j 1 --batch $b > sw$b.csv 2> sw$b.err
        cut -d, -f1-8 sw$b.csv > m$b.csv
    done
    check_eq "sweep-batch-$shape-ran" "$(cat sw8.err) $(grep -c ',ok,' sw8.csv) $(grep -c ',failed,.*-inf at t = 5.025 ms' sw8.csv) $(cut -d, -f9 sw8.csv | sed 1d | sort -u | wc -l | tr -d ' ')" \
        "nrn-sweep: 2 of 6 points failed (see the error column) 4 2 1"
    check_files "sweep-batch-$shape-alone" m8.csv m1.csv
done

# MPI: recipes/ring-parallel.tcl with 40 cells (blocks of interleaved cells on each rank):
# the spikes and soma records on 2 ranks are one rank's, fused and with the passes forced
cat > ringforce.tcl <<'TCL'
if {$force} {
    vector set aa {0.001 0.001}
    vector set tt {0 1000}
    vector play aa cell[pc id].dend(0.5).g_pas tt -continuous
}
run
TCL
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
if command -v mpirun > /dev/null 2>&1 && [ -f "$ROOT/${O:-build}/lib/nrnmpi.so" ] && [ -z "${VALGRIND:-}" ]; then
    if ldd "$ROOT/${BIN:-bin}/nrn-run" | grep -q libasan; then
        export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
    fi
    for f in 0 1; do
        nrn-run -D N=40 -D force=$f -D record_v=1 --spikes r1$f.spk "$ROOT/recipes/ring-parallel.tcl" ringforce.tcl > r1$f.csv 2>&1
        timeout 120 mpirun --oversubscribe -np 2 nrn-run -D N=40 -D force=$f -D record_v=1 --spikes r2$f.spk \
            -o r2$f.csv "$ROOT/recipes/ring-parallel.tcl" ringforce.tcl > /dev/null 2> r2$f.err
    done
    # the NetStim and 14 cells in 100 ms (one rank's file has no gid column)
    check_eq mpi-ring-spikes "$(cat r2*.err)$(sed 1d r10.spk | wc -l | tr -d ' ')" 15
    check_files mpi-ring-passes-spikes r11.spk r10.spk
    for f in 0 1; do cut -d, -f1,2 r2$f.spk > r2$f.st; done
    check_files mpi-ring-np2-spikes r20.st r10.spk
    check_files mpi-ring-np2-passes-spikes r21.st r10.spk
    check_files mpi-ring-np2-passes-records r21.csv r20.csv
else
    echo "test_meet_speed.sh: mpirun or the MPI plugin missing, or under valgrind: MPI checks skipped"
fi

# a TABLE's GLOBAL computed in BREAKPOINT (btab/xbt.mod): what it holds after a step is the
# last instance's, as NEURON's (the axon's fused sweeps computed the currents last chunk first
# and left the first chunk's: the translator now keeps such a type off the fused step)
nrn-build mod -o bt.so "$X/btab/xbt.mod" 2> err || fail btab-build "$(cat err)"
for f in 0 1; do
    nrn-run -D lib=./bt.so -D force=$f "$X/btab/axon.tcl" > bt$f.out 2>&1
    check_files "btab-global-neuron-force-$f" bt$f.out "$ROOT/tests/golden/cross_btab.txt"
done

# dt changed in a run, then secondorder 1: cj stays that of secondorder 0 until dt changes
# again, as NEURON's (tests/golden/cross_dtso.txt), on 1 and 2 threads (the thread parts of
# the next run took m's cj from before the dt change: 2 threads differed)
cat > dtso.tcl <<'TCL'
foreach s {a b} { section $s -L 20 -diam 20; insert hh $s }
IClamp ic a(0.5) -del 1 -dur 30 -amp 0.1
finitialize -65
continuerun 10
setval dt 0.0125
continuerun 20
setval secondorder 1
foreach T {30 40} {
    continuerun $T
    puts "[getval t] [getval a(0.5).v] [getval b(0.5).v]"
}
TCL
for t in 1 2; do
    nrn-run --threads $t dtso.tcl > dtso$t.out 2>&1
    check_files "dt-then-secondorder-neuron-threads-$t" dtso$t.out "$ROOT/tests/golden/cross_dtso.txt"
done
