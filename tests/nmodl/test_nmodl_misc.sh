#!/bin/sh
# test_nmodl_misc.sh: LAG (NEURON's vlag.mod, equal to NEURON 8.2.2 bit for bit; queues
# emptied at finitialize; its checks), on the files of tests/nmodl/misc; a THREADSAFE GLOBAL
# carried from step to step in a sweep; BBCOREPOINTER; a refusal naming the first problem;
# save_model with setpointer bindings and FUNCTION_TABLE values.
. "$(dirname "$0")/../lib.sh"
N="$ROOT/tests/nmodl/misc"
cd "$TMP" || exit 1
nrn-build mod -o misc.so "$N" 2> err || fail misc-build "$(cat err)"

# ---- LAG v BY dur: lags of 1 ms and 0.33 ms (interpolated), against NEURON
nrn-run -D lib=./misc.so "$N/lag.tcl" > lag.csv 2> err
check_files lag-golden lag.csv "$ROOT/tests/golden/nmodl_lag.csv"
# a second run starts from empty queues (the records hold the last run)
sed 's/^run$/run\nrun/' "$N/lag.tcl" > lag2.tcl
nrn-run -D lib=./misc.so lag2.tcl > lag2.csv 2> err
check_files lag-rerun lag2.csv "$ROOT/tests/golden/nmodl_lag.csv"

# the queues are the model's, which a threaded run's parts do not carry: not thread safe
nrn-build mod --keep-c lagc -o lagc.so "$N/vlag.mod" 2> err
check_eq lag-not-threadsafe "$(grep -o 'not_threadsafe = [0-9]' lagc/LagV.c)" "not_threadsafe = 1"

# ---- LAG's checks: x a STATE or ASSIGNED, d a PARAMETER or CONSTANT
cat > lagbad.mod <<'MOD'
NEURON { SUFFIX lagbad RANGE d }
PARAMETER { d = 1 }
ASSIGNED { x y }
BREAKPOINT {
    LAG x BY y
}
MOD
nrn-build mod --check lagbad.mod > out 2> err
check_grep lag-by-parameter "^lagbad.mod:5:5: LAG x BY y: 'y' is not a PARAMETER or CONSTANT$" err
sed 's/LAG x BY y/LAG z BY d/' lagbad.mod > lagbad2.mod
nrn-build mod --check lagbad2.mod > out 2> err
check_grep lag-undeclared "^lagbad2.mod:5:5: LAG z: 'z' is not declared$" err

# ---- a THREADSAFE GLOBAL that carries a count from step to step (gcount.mod): each point
# of a sweep has its own, as separate NEURON runs; replicas of one model would share it
printf 'load_mechanisms ./misc.so\nsection soma -L 20 -diam 20\ninsert pas soma\ninsert gcount soma\n' > gc_model.tcl
printf 'record soma(0.5).v\nsetval tstop 5\nrun\n' > gc_run.tcl
nrn-sweep -m gc_model.tcl gc_run.tcl -p soma.inc_gcount=1,2,3,4 -j 1 --batch 4 \
    --measure maximum_voltage -o grid.csv 2> err
nrn-sweep -m gc_model.tcl gc_run.tcl -p soma.inc_gcount=3 -j 1 --batch 1 \
    --measure maximum_voltage -o one.csv 2>> err
if [ -s one.csv ] && grep -q "^$(sed -n 2p one.csv | cut -d, -f1-2)," grid.csv; then
    pass global-carried-sweep
else fail global-carried-sweep "$(cat err)" "$(cat one.csv grid.csv)"; fi
# hh.mod's GLOBALs (minf ...) are written before they are read: hh stays batched
nrn-build mod --keep-c kc -o hhc.so "$ROOT/tests/nmodl/nrn/hhmod.mod" "$N/gcount.mod" 2> err
check_eq global-carried-flag "$(grep -ho 'not_threadsafe = [0-9]' kc/*.c | tr '\n' ' ')" \
    "not_threadsafe = 2 "

# ---- BBCOREPOINTER: accepted (CoreNEURON's opaque pointer, NULL here); VERBATIM decides
cat > bbp.mod <<'MOD'
NEURON { SUFFIX bbp BBCOREPOINTER q RANGE x }
ASSIGNED { q x }
INITIAL {
    x = 1
VERBATIM
    if (!_p_q) x = 2;
ENDVERBATIM
}
MOD
nrn-build mod -o bbp.so bbp.mod 2> err || fail bbcorepointer-build "$(cat err)"
printf 'load_mechanisms ./bbp.so\nsection s\ninsert bbp s\nfinitialize\nputs [getval s(0.5).x_bbp]\n' > bbp.tcl
nrn-run bbp.tcl > out 2> err
check_eq bbcorepointer-verbatim "$(cat out)" "2.0"

# ---- a refusal names the file's first problem: a VERBATIM using NEURON's internals
# before a CONSTRUCTOR (netstim.mod's order)
cat > first.mod <<'MOD'
NEURON { SUFFIX first RANGE x }
ASSIGNED { x }
VERBATIM
static double peek(void) { return hoc_getarg(1); }
ENDVERBATIM
CONSTRUCTOR { x = 1 }
MOD
nrn-build mod --check first.mod > out 2> err
check_grep refusal-first-problem "^first.mod:3:1: VERBATIM uses 'hoc_getarg'" err

# ---- save_model keeps the setpointer bindings and the FUNCTION_TABLE values: a saved
# model reloads to the same numbers (save, reload, run, compare)
C="$ROOT/tests/nmodl/corpus"
nrn-build mod -o corpus.so "$C" 2> err || fail corpus-build "$(cat err)"
save_reload() { # NAME SCRIPT: the script's model saved, reloaded and run gives its output
    nrn-run -D lib=./corpus.so "$2" > orig.csv 2> err
    { sed -e '/^record/,$d' "$2"; echo 'save_model m.csv'; } > save.tcl
    { echo 'load_mechanisms ./corpus.so'; echo 'load_model m.csv'; sed -n '/^record/,$p' "$2"; } > load.tcl
    nrn-run -D lib=./corpus.so save.tcl 2>> err && nrn-run load.tcl > load.csv 2>> err
    if [ -s orig.csv ] && cmp -s orig.csv load.csv; then pass "$1"
    else fail "$1" "$(head -3 err)" "$(diff orig.csv load.csv | head -4)"; fi
}
save_reload save-model-ftable "$C/ftab.tcl"
check_status plot-reads-ftable-rows 0 nrn-plot shape m.csv
grep -Ev 'NetStim|NetCon|GSyn|K2Syn|ForNetCon|n[134]\.|gs\.g|ks\.g' "$C/corpus.tcl" > gap.tcl
save_reload save-model-pointer gap.tcl
check_status plot-reads-pointer-rows 0 nrn-plot shape m.csv
# a density POINTER (SEC(X).VAR_MECH) at an x between segment centres, and an unset one
cat > dens.tcl <<'TCL'
load_mechanisms $lib
section a -L 20 -diam 20 -nseg 3
insert pas a
insert gapd a
section b -L 20 -diam 20
insert pas b
IClamp ic b(0.5) -del 1 -dur 5 -amp 0.1
setval a.r_gapd 1e4
setpointer a(0.1666666666666667).vgap_gapd b(0.5).v
setpointer a(0.5).vgap_gapd b(0.5).v
setpointer a(0.9).vgap_gapd ic.amp
record t
record a(0.1).v
record a(0.9).v
setval tstop 10
run
TCL
sed -e 's/POINT_PROCESS gap/SUFFIX gapd/' "$C/gap.mod" > gapd.mod
nrn-build mod -o gapd.so gapd.mod "$C"/*.mod 2> err && cp gapd.so corpus.so
save_reload save-model-pointer-density dens.tcl
# bad FUNCTION_TABLE rows: one line naming the file and line
{ echo 'kind,section,index,object,name,value,x,y,z,diam'; echo 'ftaby,,,,tst_cagkftab,1,,,,'; } > bad1.csv
printf 'load_mechanisms ./corpus.so\nload_model bad1.csv\n' > bad1.tcl
nrn-run bad1.tcl > out 2> err
check_grep ftable-row-outside "bad1.csv:2: ftaby row of tst_cagkftab outside its table" err
{ echo 'kind,section,index,object,name,value,x,y,z,diam'; echo 'ftable,,,,alp_cagkftab,2,,,,'
  echo 'ftabdim,,0,,alp_cagkftab,3,0,1,,'; echo 'ftabdim,,1,,alp_cagkftab,2,0,1,,'
  echo 'ftaby,,,,alp_cagkftab,1,,,,'; } > bad2.csv
sed 's/bad1/bad2/' bad1.tcl > bad2.tcl
nrn-run bad2.tcl > out 2> err
check_grep ftable-values-missing "bad2.csv:5: FUNCTION_TABLE alp_cagkftab: 5 values missing" err
{ echo 'kind,section,index,object,name,value,x,y,z,diam'; echo 'ftable,,,,alp_cagkftab,4,,,,'
  for d in 0 1 2 3; do echo "ftabdim,,$d,,alp_cagkftab,10000,0,1,,"; done; } > bad3.csv
sed 's/bad1/bad3/' bad1.tcl > bad3.tcl
nrn-run bad3.tcl > out 2> err
check_grep ftable-too-many "bad3.csv:6: FUNCTION_TABLE alp_cagkftab: too many values" err

# ---- NEURON's variabletypes.mod: a BBCOREPOINTER and VERBATIM helpers declared with
# nocmodl's _threadargsproto_ (built with the folder above); its INITIAL and nrn_pointing
printf 'load_mechanisms ./misc.so\nsection s\ninsert testvars s\nfinitialize\nputs [getval s(0.5).range_var_testvars]\n' > vt.tcl
nrn-run vt.tcl > out 2> err
check_eq variabletypes-initial "$(cat out)" "42.0"
