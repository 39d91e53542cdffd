#!/bin/sh
# test_mpi.sh: nrn-run under mpirun (Open MPI, the plugin build/lib/nrnmpi.so loaded at run
# time): the ring of recipes/ring-parallel.tcl gives the same --spikes file, bit for bit, on
# 1, 2, 3 and 4 ranks, with NEURON 8.2.2's spike times (tests/golden/ring_parallel.csv); the
# errors end every rank non-zero, without hanging; a plain nrn-run does not link libmpi;
# 2 and 3 ranks of 2 or 3 threads give the spikes and records of one thread.
# Skipped when mpirun or the plugin is missing, and under make valgrind.
. "$(dirname "$0")/../lib.sh"
G="$ROOT/tests/golden"
R="$ROOT/recipes"
O=${O:-build}
cd "$TMP" || exit 1

check_eq mpi-nrn-run-links-no-mpi "$(ldd "$ROOT/${BIN:-bin}/nrn-run" | grep -c 'libmpi')" 0
if ! command -v mpirun >/dev/null 2>&1 || [ ! -f "$ROOT/$O/lib/nrnmpi.so" ]; then
    echo "test_mpi.sh: mpirun or $O/lib/nrnmpi.so missing (apt-get install openmpi-bin libopenmpi-dev): MPI tests skipped"
    exit 0
fi
if [ -n "${VALGRIND:-}" ]; then
    # MPI_Init and MPI_Finalize leak and pass uninitialised bytes inside libmpi and libpmix
    echo "test_mpi.sh: Open MPI's own libraries are not valgrind-clean: MPI tests skipped under make valgrind"
    exit 0
fi
# Under make asan, LeakSanitizer reports what Open MPI itself never frees (MPI_Init's
# allocations, its unloaded components) and fails the run: leak checks off for these runs
# only; AddressSanitizer's and UBSan's checks stay on.
if ldd "$ROOT/${BIN:-bin}/nrn-run" | grep -q libasan; then
    export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
fi
# Open MPI refuses root without these; oversubscribe: more ranks than cores is fine here.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1
# mpi N ARGS...: nrn-run on N ranks, at most 60 s.
mpi() {
    n=$1; shift
    timeout 60 mpirun --oversubscribe -np "$n" nrn-run "$@"
}

{ echo gid,t; sed 1d "$G/ring_parallel.csv"; } > want.csv
for n in 1 2 3 4; do
    mpi $n --spikes ring$n.spk "$R/ring-parallel.tcl" > ring$n.out 2> ring$n.err
    check_eq "mpi-ring-np$n-status" "$?" 0
    # the cells' spikes as gid,t (the NetStim has no gid)
    { echo gid,t; awk -F, 'NR > 1 && $3 != "" { print $3 "," $2 }' ring$n.spk; } > got$n.csv
    check_files "mpi-ring-np$n-neuron" got$n.csv want.csv
done
for n in 2 3 4; do
    check_files "mpi-ring-np$n-same-as-np1" ring$n.spk ring1.spk
done
check_eq mpi-ring-spikes-header "$(head -n 1 ring1.spk)" "source,t,gid"
# a recurrent network (tests/parallel/recurrent.tcl): NEURON's spikes on 2, 3 and 4 ranks
for n in 2 3 4; do
    mpi $n --spikes rec$n.spk "$ROOT/tests/parallel/recurrent.tcl" > /dev/null 2>&1
    { echo gid,t; awk -F, 'NR > 1 && $3 != "" { print $3 "," $2 }' rec$n.spk; } > rec$n.csv
    check_files "mpi-recurrent-np$n-neuron" rec$n.csv "$G/recurrent_parallel.csv"
done
# the local variable step (cvode -local 1) under pc psolve: the recurrent network's spikes
# on 2 and 3 ranks are one rank's, bit for bit (NEURON's: tests/cli/test_cvode_local.sh)
printf 'cvode -active 1 -local 1 -atol 1e-5\n' > local.tcl
for n in 1 2 3; do
    mpi $n --spikes recl$n.spk local.tcl "$ROOT/tests/parallel/recurrent.tcl" > /dev/null 2> recl$n.err
    check_eq "mpi-recurrent-local-np$n-status" "$?" 0
    awk -F, 'NR > 1 && $3 != "" { print $3 "," $2 }' recl$n.spk > recl$n.csv
done
check_eq "mpi-recurrent-local-spikes" "$(wc -l < recl1.csv)" 74
for n in 2 3; do
    check_files "mpi-recurrent-local-np$n-same-as-np1" recl$n.csv recl1.csv
done
# a ring of 8 on 3 ranks (an uneven split) equals ring.tcl's
nrn-run -D N=8 --spikes ring8.spk "$R/ring.tcl" > /dev/null 2>&1
{ echo gid,t; sed -n 's/^cell\([0-9]*\)\.soma(0\.5)\.v,/\1,/p' ring8.spk | sort -t, -k2,2g; } > ring8_want.csv
mpi 3 -D N=8 --spikes ring8p.spk "$R/ring-parallel.tcl" > /dev/null 2>&1
{ echo gid,t; awk -F, 'NR > 1 && $3 != "" { print $3 "," $2 }' ring8p.spk; } > ring8p.csv
check_files mpi-ring8-np3-equals-ring.tcl ring8p.csv ring8_want.csv

# errors: every rank exits non-zero, in time
cat > nopsolve.tcl <<'TCL'
section soma
insert hh soma
finitialize -65
continuerun 1
TCL
mpi 2 nopsolve.tcl > out 2> err
check_eq mpi-no-psolve-status "$?" 1
check_grep mpi-no-psolve-message "nrn-run: running on 2 ranks, but the scripts never called pc psolve" err
cat > twice.tcl <<'TCL'
NetStim ns
pc set_gid2node 0 [pc id]
pc cell 0 ns
pc psolve 1
TCL
mpi 2 twice.tcl > out 2> err
check_eq mpi-gid-twice-status "$?" 1
check_grep mpi-gid-twice-message "gid 0 is set on two ranks" err
cat > unowned.tcl <<'TCL'
section soma
ExpSyn syn soma(0.5)
pc gid_connect nc 9 syn
pc psolve 1
TCL
mpi 2 unowned.tcl > out 2> err
check_eq mpi-unowned-status "$?" 1
check_grep mpi-unowned-message "gid 9 is owned by no rank \(NetCon nc\)" err
# found on one rank of three: that rank says it, once; all end (MPI_Finalize, no abort)
cat > unowned1.tcl <<'TCL'
section soma
ExpSyn syn soma(0.5)
if {[pc id] == 1} { pc gid_connect nc 9 syn }
pc psolve 1
TCL
mpi 3 unowned1.tcl > out 2> err
check_eq mpi-unowned-one-rank-status "$?" 1
check_eq mpi-unowned-one-rank-one-line "$(grep -c '^nrn-run: ' err)" 1
check_grep mpi-unowned-one-rank-message "^nrn-run: unowned1.tcl:4: gid 9 is owned by no rank \(NetCon nc\)" err
cat > delay0.tcl <<'TCL'
section soma
ExpSyn syn soma(0.5)
NetStim ns
pc set_gid2node [pc id] [pc id]
pc cell [pc id] ns
pc gid_connect nc [expr {1 - [pc id]}] syn -delay 0
pc psolve 1
TCL
mpi 2 delay0.tcl > out 2> err
check_eq mpi-delay0-status "$?" 1
check_grep mpi-delay0-message "NetCon nc: delay 0 ms between ranks is less than dt = 0.025 ms" err
# one rank fails while the other waits in psolve: MPI_Abort ends both
cat > onefails.tcl <<'TCL'
NetStim ns
pc set_gid2node [pc id] [pc id]
pc cell [pc id] ns
if {[pc id] == 1} { error "rank 1 broke" }
pc psolve 1
TCL
mpi 2 onefails.tcl > out 2> err
rc=$?
[ "$rc" -ne 0 ] && [ "$rc" -ne 124 ] && pass mpi-one-rank-fails-status ||
    fail mpi-one-rank-fails-status "exit $rc (124: hung)"
check_grep mpi-one-rank-fails-message "onefails.tcl:4: rank 1 broke" err
# records: each rank's columns gathered on rank 0, t first, then rank by rank
nrn-run -D record_v=1 -o v1.csv "$R/ring-parallel.tcl" > /dev/null 2>&1
mpi 2 -D record_v=1 -o v2.csv "$R/ring-parallel.tcl" > v2.out 2> v2.err
check_eq mpi-records-status "$?" 0
check_eq mpi-records-order "$(head -n 1 v2.csv)" \
    "t,cell0.soma(0.5).v,cell2.soma(0.5).v,cell4.soma(0.5).v,cell1.soma(0.5).v,cell3.soma(0.5).v"
check_eq mpi-records-rows "$(wc -l < v2.csv)" "$(wc -l < v1.csv)"
bad=""
for name in t "cell0.soma(0.5).v" "cell1.soma(0.5).v" "cell2.soma(0.5).v" "cell3.soma(0.5).v" "cell4.soma(0.5).v"; do
    c1=$(head -n 1 v1.csv | tr ',' '\n' | grep -nxF "$name" | cut -d: -f1)
    c2=$(head -n 1 v2.csv | tr ',' '\n' | grep -nxF "$name" | cut -d: -f1)
    [ "$(cut -d, -f"$c1" v1.csv)" = "$(cut -d, -f"$c2" v2.csv)" ] || bad="$bad $name"
done
check_eq mpi-records-columns-as-one-rank "$bad" ""
check_eq mpi-records-no-stray-files "$(ls -a | grep -c '^\.v2')" 0
# Tcl's exit: 0 writes the gathered outputs and ends MPI cleanly; another status ends all
printf 'source {%s}\nexit 0\n' "$R/ring-parallel.tcl" > exit0.tcl
mpi 2 --spikes exit0.spk exit0.tcl > /dev/null 2> exit0.err
check_eq mpi-exit0-status "$?" 0
check_files mpi-exit0-spikes exit0.spk ring1.spk
printf 'source {%s}\nexit 3\n' "$R/ring-parallel.tcl" > exit3.tcl
mpi 2 --spikes exit3.spk exit3.tcl > /dev/null 2> exit3.err
check_eq mpi-exit3-status "$?" 3
check_eq mpi-exit3-no-file "$(ls exit3.spk .exit3* 2>/dev/null)" ""
# ranks and threads: 2 ranks of 2 threads give the spikes of one rank and one thread, and
# the records of 2 ranks of one thread
mpi 2 --threads 2 --spikes ringt.spk "$R/ring-parallel.tcl" > /dev/null 2> ringt.err
check_eq mpi-threads-ring-status "$?" 0
check_files mpi-threads-ring-np2-t2-as-np1 ringt.spk ring1.spk
mpi 2 --threads 2 --spikes rect.spk "$ROOT/tests/parallel/recurrent.tcl" > /dev/null 2>&1
check_files mpi-threads-recurrent-np2-t2-as-np2 rect.spk rec2.spk
mpi 3 --threads 2 --spikes rect3.spk "$ROOT/tests/parallel/recurrent.tcl" > /dev/null 2>&1
check_files mpi-threads-recurrent-np3-t2-as-np2 rect3.spk rec2.spk
mpi 2 --threads 3 -D record_v=1 -o v2t.csv "$R/ring-parallel.tcl" > /dev/null 2>&1
check_files mpi-threads-records-as-np2 v2t.csv v2.csv
# a NetCon between threads under dt: every rank fails together (no MPI_Abort)
cat > tdelay.tcl <<'TCL'
pc nthread 2
foreach c {a b} {
    section $c.soma -L 20 -diam 20
    insert hh $c.soma
    ExpSyn $c.syn $c.soma(0.5)
}
if {[pc id] == 1} { NetCon n1 a.soma(0.5).v b.syn -delay 0.01 }
pc psolve 1
TCL
mpi 2 tdelay.tcl > out 2> err
check_eq mpi-threads-delay-status "$?" 1
check_eq mpi-threads-delay-one-line "$(grep -c '^nrn-run: ' err)" 1
check_grep mpi-threads-delay-message "^nrn-run: tdelay.tcl:8: NetCon n1: delay 0.01 ms between threads is less than dt = 0.025 ms \(pc nthread\)" err
check_eq mpi-threads-delay-no-abort "$(grep -c MPI_ABORT err)" 0
# records on standard output stream at each exchange: the same CSV as -o's, and the rows
# before a failure are out already
mpi 2 -D record_v=1 "$R/ring-parallel.tcl" > vs.csv 2> vs.err
check_eq mpi-stream-status "$?" 0
check_files mpi-stream-as-o vs.csv v2.csv
mpi 2 --threads 2 -D record_v=1 -D N=8 "$R/ring-parallel.tcl" > vs8.csv 2> /dev/null
mpi 2 -D record_v=1 -D N=8 -o vo8.csv "$R/ring-parallel.tcl" > /dev/null 2>&1
check_files mpi-stream-threads-as-o vs8.csv vo8.csv
printf 'set TSTOP 50\nsource {%s}\nerror "stopped after psolve"\n' "$R/ring-parallel.tcl" > fail50.tcl
mpi 2 -D record_v=1 fail50.tcl > vf.csv 2> vf.err
check_eq mpi-stream-failed-status "$?" 1
check_eq mpi-stream-rows-before-failure "$(wc -l < vf.csv)" 2002
check_eq mpi-stream-rows-are-the-run "$(head -n 2002 v2.csv | cmp - vf.csv && echo same)" same
# records restarted after output began (a second finitialize): a warning, and the rows
# gathered before it (to the last exchange, t = 15)
cat > twice.tcl <<TCL
set TSTOP 20
source {$R/ring-parallel.tcl}
finitialize -65
pc psolve 20
TCL
mpi 2 -D record_v=1 twice.tcl > vt.csv 2> vt.err
check_eq mpi-stream-restart-status "$?" 0
check_grep mpi-stream-restart-warning "^nrn-run: warning: the recorded columns changed after output began" vt.err
check_eq mpi-stream-restart-rows "$(wc -l < vt.csv)" 602
