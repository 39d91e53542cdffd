#!/bin/sh
# test_nmodl_build.sh: nrn-build mod builds a mechanism library and load_mechanisms loads
# it: NEURON's own hh, pas, IClamp and ExpSyn (tests/nmodl/nrn, renamed copies) translated
# by nrn give the built-ins' traces bit for bit; and the failures: no library written on
# an error, a missing C compiler, a library that is not one, a second mechanism of a name.
. "$(dirname "$0")/../lib.sh"
N="$ROOT/tests/nmodl"
cd "$TMP" || exit 1

# ---- build: one library from a folder, the C kept on request
check_status build-status 0 nrn-build mod -o lib.so --keep-c csrc "$N/nrn"
[ -s lib.so ] && pass build-lib || fail build-lib "no lib.so"
[ -s csrc/hhmod.c ] && [ -s csrc/_mechlib.c ] && pass build-keep-c || fail build-keep-c "$(ls csrc)"

# ---- the translated mechanisms against the built-ins: identical traces
# builtins.tcl with the built-in mechanisms instead of the translated ones
sed -e '/load_mechanisms/d; s/pasmod/pas/g; s/hhmod/hh/g; s/IClampMod/IClamp/; s/ExpSynMod/ExpSyn/' \
    "$N/builtins.tcl" > builtin.tcl
nrn-run -D lib=./lib.so "$N/builtins.tcl" > mod.csv 2> mod.err; rc1=$?
nrn-run builtin.tcl > builtin.csv; rc2=$?
if [ "$rc1" -eq 0 ] && [ "$rc2" -eq 0 ] && [ "$(wc -l < mod.csv)" -gt 1000 ] &&
   sed 's/_hhmod/_hh/' mod.csv | cmp -s - builtin.csv; then
    pass translated-equals-builtin
else
    fail translated-equals-builtin "exit $rc1/$rc2" "$(head -2 mod.err)" "$(diff mod.csv builtin.csv | head -4)"
fi
# and the run is one worth comparing: the soma spikes
if awk -F, 'NR > 1 && $2 > 0 { found = 1 } END { exit !found }' mod.csv; then pass translated-spikes
else fail translated-spikes "no spike in soma(0.5).v"; fi

# ---- a file with an error: exit 1, its one line, and no library
nrn-build mod -o bad.so "$N/good/leak.mod" "$N/bad/undeclared.mod" > out 2> err; rc=$?
check_eq error-status "$rc" 1
check_eq error-one-line "$(wc -l < err | tr -d ' ')" 1
[ ! -e bad.so ] && [ -z "$(ls | grep 'bad.so.tmp')" ] && pass error-no-output || fail error-no-output "$(ls)"

# ---- two files define one mechanism
cp "$N/good/leak.mod" a.mod && cp "$N/good/leak.mod" b.mod
check_status dup-status 1 nrn-build mod -o dup.so a.mod b.mod
check_grep dup-message '^b.mod: mechanism leak is also defined by a.mod$' "$TMP/err"

# ---- no C compiler
CC=/no/such/cc nrn-build mod -o nocc.so a.mod > out 2> err; rc=$?
check_eq nocc-status "$rc" 1
check_grep nocc-message "no C compiler: cannot run '/no/such/cc'" err
[ ! -e nocc.so ] && pass nocc-no-output || fail nocc-no-output "$(ls)"

# ---- the C compiler fails on one of several files (a broken VERBATIM block): the others,
# compiled at the same time, are waited for; exit 1, one message, no library
cp "$N/good/leak.mod" c1.mod
sed 's/SUFFIX leak/SUFFIX leak2/' a.mod > c2.mod
printf 'NEURON { SUFFIX brokenc }\nINITIAL {\nVERBATIM\n this is not C;\nENDVERBATIM\n}\n' > c3.mod
nrn-build mod -o broken.so c1.mod c2.mod c3.mod > out 2> err; rc=$?
check_eq ccfail-status "$rc" 1
check_grep ccfail-message 'the C compiler failed on the generated code' err
check_eq ccfail-one-line "$(wc -l < err | tr -d ' ')" 1
[ ! -e broken.so ] && [ -z "$(ls | grep 'broken.so.tmp')" ] && pass ccfail-no-output || fail ccfail-no-output "$(ls)"
check_eq ccfail-no-compiler-left "$(pgrep -f 'brokenc[.]c|leak2[.]c' | wc -l | tr -d ' ')" 0

# ---- loading: a name the model has already, a file that is no mechanism library
sed 's/SUFFIX leak/SUFFIX hh/' a.mod > clash.mod
nrn-build mod -o clash.so clash.mod 2> err || fail clash-build "$(cat err)"
printf 'load_mechanisms ./clash.so\n' > clash.tcl
check_status clash-status 1 nrn-run clash.tcl
check_grep clash-message 'a mechanism named hh is already loaded' "$TMP/err"
printf 'int x;\n' > notlib.c && ${CC:-cc} -shared -fPIC -o notlib.so notlib.c
printf 'load_mechanisms ./notlib.so\n' > notlib.tcl
check_status notlib-status 1 nrn-run notlib.tcl
check_grep notlib-message 'not a mechanism library' "$TMP/err"
printf 'const void *nrn_mechlib_types(int *n, unsigned long *abi) { *n = 0; *abi = 1; return 0; }\n' > oldabi.c
${CC:-cc} -shared -fPIC -o oldabi.so oldabi.c
printf 'load_mechanisms ./oldabi.so\n' > oldabi.tcl
check_status oldabi-status 1 nrn-run oldabi.tcl
check_grep oldabi-message 'built for another version of the mechanism interface' "$TMP/err"
# loading the same library twice is harmless
printf 'load_mechanisms ./lib.so\nload_mechanisms ./lib.so\ninsert hhmod [section s]\n' > twice.tcl
check_status load-twice 0 nrn-run twice.tcl

# ---- against NEURON 8.2.2 running the same .mod files (tests/golden/nmodl_builtins.py)
check_files golden-nmodl-builtins mod.csv "$ROOT/tests/golden/nmodl_builtins.csv"

# ---- nrn-run --mechanisms LIB, and ./nrnmech.so (nrn-build mod's default output) loaded by itself
printf 'section s\ninsert hhmod s\nputs [getval s(0.5).gnabar_hhmod]\n' > use.tcl
nrn-run --mechanisms ./lib.so use.tcl > out 2> err
check_eq mechanisms-option "$(cat out)" "0.12"
mkdir here && cd here || exit 1
nrn-build mod "$N/nrn/hhmod.mod" 2> err || fail default-output "$(cat err)"
[ -s nrnmech.so ] && pass default-output || fail default-output "no ./nrnmech.so"
nrn-run ../use.tcl > out 2> err
check_eq nrnmech-autoload "$(cat out)" "0.12"
check_eq nrnmech-autoload-said "$(cat err)" "nrn-run: loading ./nrnmech.so (the mechanisms built in this folder)"
cd .. || exit 1
check_status mechanisms-missing 1 nrn-run --mechanisms ./nosuch.so use.tcl
check_grep mechanisms-missing-msg '^nrn-run: load_mechanisms: \./nosuch\.so: cannot open' "$TMP/err"

# ---- NEURON's intfire1/2/4.mod (ARTIFICIAL_CELL, net_send, net_event, FUNCTIONs with loops)
# translated: the goldens of the built-in IntFire networks (NEURON compiles its built-ins from
# these very files), traces and spike times
cat > if1.tcl <<'TCL'
load_mechanisms ./lib.so
section dummy
IntFire1Mod c0 -tau 10 -refrac 5
IntFire1Mod c1 -tau 5 -refrac 2
NetStim ns -start 1 -interval 2 -number 20 -noise 0
NetCon nc_in ns c0 -delay 1 -weight 0.4
NetCon nc_01 c0 c1 -delay 2 -weight 1.5
NetCon spikes_c1 c1 {}
record t
record c0.m
record c1.m
setval tstop 50
run
TCL
cat > if2.tcl <<'TCL'
load_mechanisms ./lib.so
section dummy
IntFire2Mod f2 -taus 20 -taum 10 -ib 0.5
NetStim ns -start 1 -interval 3 -number 15 -noise 0
NetCon nc ns f2 -delay 1 -weight 0.4
NetCon spikes_f2 f2 {}
record t
record f2.m
record f2.i
setval tstop 60
run
TCL
cat > if4.tcl <<'TCL'
load_mechanisms ./lib.so
section dummy
IntFire4Mod f4
NetStim ns1 -start 1 -interval 2 -number 20 -noise 0
NetStim ns2 -start 10 -interval 4 -number 5 -noise 0
NetCon nc1 ns1 f4 -delay 1 -weight 0.5
NetCon nc2 ns2 f4 -delay 1 -weight -0.3
NetCon spikes_f4 f4 {}
record t
record f4.m
record f4.e
record f4.i2
setval tstop 60
run
TCL
for run in if1:intfire1_net:c1 if2:intfire2_net:f2 if4:intfire4_net:f4; do
    s=${run%%:*} rest=${run#*:}; gold=${rest%:*} src=${rest#*:}
    nrn-run --spikes $s.spk $s.tcl > $s.csv 2> $s.err
    grep -v '^#' "$ROOT/tests/golden/$gold.csv" > ${s}_want.csv
    check_files "$s-mod-trace" $s.csv ${s}_want.csv
    got=$(awk -F, -v s=$src '$1 == s { printf "%s%s", sep, $2; sep = " " }' $s.spk)
    want=$(sed -n "s/^# spikes $src: //p" "$ROOT/tests/golden/$gold.csv")
    check_eq "$s-mod-spikes" "$got" "$want"
done

# ---- NEURON's svclmp.mod and syn.mod translated give the built-in SEClamp and AlphaSynapse
cat > se.tcl <<'TCL'
load_mechanisms ./lib.so
section soma -L 20 -diam 20
insert hh soma
SEClamp se soma(0.5) -dur1 5 -amp1 -65 -dur2 10 -amp2 -20 -dur3 5 -amp3 -70 -rs 1
AlphaSynapse as soma(0.5) -onset 25 -tau 2 -gmax 0.05 -e 0
record t
record soma(0.5).v
record se.i
record as.i
setval tstop 40
run
TCL
sed 's/^SEClamp se/SEClampMod se/; s/^AlphaSynapse as/AlphaSynapseMod as/' se.tcl > semod.tcl
nrn-run se.tcl > se.csv && nrn-run semod.tcl > semod.csv
check_files seclamp-alphasynapse-mod-equal-builtin semod.csv se.csv

# ---- NEURON's exp2syn.mod translated gives the built-in Exp2Syn's trace bit for bit
cat > e2.tcl <<'TCL'
load_mechanisms ./lib.so
section soma -L 20 -diam 20
insert hh soma
Exp2Syn syn soma(0.5) -tau1 0.5 -tau2 3
NetStim ns -start 2 -number 6 -interval 5
NetCon nc ns syn -weight 0.02 -delay 1
record t
record soma(0.5).v
record syn.g
setval tstop 40
run
TCL
sed 's/Exp2Syn /Exp2SynMod /' e2.tcl > e2mod.tcl
nrn-run e2.tcl > e2.csv && nrn-run e2mod.tcl > e2mod.csv
check_files exp2syn-mod-equals-builtin e2mod.csv e2.csv

# ---- nrn-sweep --mechanisms: a sweep over a translated mechanism's parameter
printf 'section soma -L 20 -diam 20\ninsert hhmod soma\nIClamp ic soma(0.5) -delay 1 -dur 20 -amp 0.3\nrecord soma(0.5).v\nsetval tstop 30\n' > sw.tcl
nrn-sweep --mechanisms ./lib.so sw.tcl -p soma.gnabar_hhmod=0:0.12:2 --measure Spikecount -o sw.csv 2> sw.err
check_eq sweep-mechanisms "$(cut -d, -f1-3 sw.csv | tr '\n' ' ')" \
    "soma.gnabar_hhmod,Spikecount,status 0.0,0,ok 0.12,2,ok "

# ---- load_mechanisms of .mod files: compiled on first use into a cache keyed by content
export XDG_CACHE_HOME="$TMP/cache"
printf 'load_mechanisms %s\nsection s\ninsert hhmod s\nputs [getval s(0.5).gnabar_hhmod]\n' "$N/nrn" > c.tcl
nrn-run c.tcl > out 2> err
check_eq cache-first-use "$(cat out)" "0.12"
check_eq cache-one-entry "$(ls cache/nrn | wc -l | tr -d ' ')" 1
entry=$(ls cache/nrn)
touch -d '2000-01-01' "cache/nrn/$entry/nrnmech.so"
nrn-run c.tcl > out 2> err
check_eq cache-reused "$(cat out) $(ls cache/nrn | wc -l | tr -d ' ') $(find cache -newer c.tcl -name nrnmech.so | wc -l | tr -d ' ')" "0.12 1 0"
cp "$N/nrn/hhmod.mod" changed.mod && printf ': a change\n' >> changed.mod
printf 'load_mechanisms changed.mod\n' > c2.tcl
check_status cache-new-content 0 nrn-run c2.tcl
check_eq cache-two-entries "$(ls cache/nrn | wc -l | tr -d ' ')" 2
printf 'load_mechanisms %s\n' "$N/bad/undeclared.mod" > c3.tcl
check_status cache-error-status 1 nrn-run c3.tcl
check_grep cache-error-line "undeclared.mod:6:13: 'gbar' is not declared" "$TMP/err"
check_eq cache-error-no-entry "$(ls cache/nrn | wc -l | tr -d ' ')" 2

# ---- METHOD derivimplicit (Newton on backward Euler, as NEURON's scopmath) and METHOD euler
# against NEURON 8.2.2 (tests/golden/nmodl_derivimplicit.py, nmodl_euler.py: run_soma there)
for m in derivimplicit:hhdi euler:hheu; do
    meth=${m%:*} sfx=${m#*:}
    cat > $sfx.tcl <<TCL
load_mechanisms ./lib.so
section soma -L 20 -diam 20
insert pas soma
insert $sfx soma
setval soma.g_pas 1e-4
setval soma.e_pas -65
IClamp ic soma(0.5) -delay 5 -dur 20 -amp 0.3
record t
record soma(0.5).v
record soma(0.5).m_$sfx
record soma(0.5).n_$sfx
setval tstop 50
run
TCL
    nrn-run $sfx.tcl > $sfx.csv 2> $sfx.err
    check_files golden-nmodl-$meth $sfx.csv "$ROOT/tests/golden/nmodl_$meth.csv"
done

# ---- KINETIC schemes by METHOD sparse (NEURON's MCna with STEADYSTATE sparse, and kintest with
# CONSERVE, COMPARTMENT, a nonlinear reaction and fluxes, karr on STATE arrays) against NEURON
# 8.2.2, bit for bit
# (tests/golden/nmodl_kinetic.py)
cat > kin.tcl <<'TCL'
load_mechanisms ./lib.so
section soma -L 20 -diam 20
foreach m {pas hh MCna kintest karr} { insert $m soma }
setval soma.g_pas 1e-4
setval soma.e_pas -65
setval soma.gnabar_hh 0
IClamp ic soma(0.5) -delay 5 -dur 20 -amp 0.3
record t
foreach n {v N_MCna O_MCna P_MCna O_kintest I1_kintest X_kintest Y_kintest ca0_karr ca3_karr
           B1_karr CB2_karr} { record soma(0.5).$n }
setval tstop 50
run
TCL
nrn-run kin.tcl > kin.csv 2> kin.err
check_files golden-nmodl-kinetic kin.csv "$ROOT/tests/golden/nmodl_kinetic.csv"

# ---- the same kinetic schemes under CVODE (nocmodl's _ode_spec and sparse _ode_matsol) against
# NEURON 8.2.2 (tests/golden/nmodl_kinetic_cvode.py): the first 100 steps at the same times within
# 1e-6 ms, v within 1e-4 mV and the states within 1e-6 (the runs agree to ~1e-16 until the
# current step; the integrator's own rounding then grows, as in test_cvode.sh); as many steps
sed -n '1,/^IClamp/p' kin.tcl > kincv.tcl
cat >> kincv.tcl <<'TCL'
cvode -active 1
record t
foreach n {v N_MCna O_kintest X_kintest Y_kintest ca0_karr CB2_karr} { record soma(0.5).$n }
finitialize -65
continuerun 30
TCL
nrn-run kincv.tcl > kincv.csv 2> kincv.err
check_eq kinetic-cvode-steps "$(paste -d, kincv.csv "$ROOT/tests/golden/nmodl_kinetic_cvode.csv" |
    awk -F, 'NR > 1 && NR <= 101 { for (k = 1; k <= 8; k++) { d = $k - $(k + 8); if (d < 0) d = -d
        if (d > (k == 2 ? 1e-4 : 1e-6)) { print NR ": column " k ": " $0; exit } } }')" ""
check_eq kinetic-cvode-step-count "$(awk -v n="$(wc -l < "$ROOT/tests/golden/nmodl_kinetic_cvode.csv")" \
    'END { d = NR - n; print (d <= 10 && d >= -10) ? "ok" : NR " rows against " n }' kincv.csv)" "ok"

# a kinetic synapse (events into a STATE of a KINETIC scheme) against NEURON (nmodl_kinsyn.py)
cat > ks.tcl <<'TCL'
load_mechanisms ./lib.so
section soma -L 20 -diam 20
insert hh soma
KinSyn syn soma(0.5)
NetStim ns -start 5 -interval 8 -number 4 -noise 0
NetCon nc ns syn -weight 1 -delay 1
record t
foreach r {soma(0.5).v syn.O syn.T syn.D syn.i} { record $r }
setval tstop 50
run
TCL
nrn-run ks.tcl > ks.csv 2> ks.err
check_files golden-nmodl-kinsyn ks.csv "$ROOT/tests/golden/nmodl_kinsyn.csv"

# NEURON's release.mod: rates computed in the KINETIC block from cai (nmodl_release.py)
cat > rel.tcl <<'TCL'
load_mechanisms ./lib.so
section soma -L 20 -diam 20
insert trel soma
setval tauGen_trel 2
setval al_trel 1e6
setval soma.cai 5e-3
record t
foreach n {Ves B Ach X} { record soma(0.5).${n}_trel }
setval tstop 20
run
TCL
nrn-run rel.tcl > rel.csv 2> rel.err
check_files golden-nmodl-release rel.csv "$ROOT/tests/golden/nmodl_release.csv"

# a KINETIC block by METHOD euler (nocmodl's derivative form) against NEURON (nmodl_kinetic_euler.py)
cat > eu.tcl <<'TCL'
load_mechanisms ./lib.so
section soma -L 20 -diam 20
insert pas soma
insert kinteu soma
setval soma.g_pas 1e-4
setval soma.e_pas -65
IClamp ic soma(0.5) -delay 5 -dur 20 -amp 0.3
record t
foreach n {v C1_kinteu O_kinteu I1_kinteu X_kinteu Y_kinteu} { record soma(0.5).$n }
setval tstop 50
run
TCL
nrn-run eu.tcl > eu.csv 2> eu.err
check_files golden-nmodl-kinetic-euler eu.csv "$ROOT/tests/golden/nmodl_kinetic_euler.csv"

# ---- GLOBAL arrays and a TABLE of them: NEURON's fh.mod against NEURON 8.2.2 (nmodl_fh.py)
cat > fh.tcl <<'TCL'
load_mechanisms ./lib.so
section soma -L 20 -diam 20
insert fh soma
IClamp ic soma(0.5) -delay 5 -dur 20 -amp 0.3
record t
foreach n {v m_fh h_fh n_fh p_fh} { record soma(0.5).$n }
setval tstop 30
run
TCL
nrn-run fh.tcl > fh.csv 2> fh.err
check_files golden-nmodl-fh fh.csv "$ROOT/tests/golden/nmodl_fh.csv"
# a GLOBAL array's elements are globals NAME<k>_SUFFIX (inf[0] is m at INITIAL)
printf 'load_mechanisms ./lib.so\nsection soma\ninsert fh soma\nfinitialize -65\nputs [getval inf0_fh]\n' > fhg.tcl
check_eq global-array-element "$(nrn-run fhg.tcl 2>&1)" "$(sed -n 2p fh.csv | cut -d, -f3)"

# ---- LINEAR (simeq; solved from a FUNCTION and from a PROCEDURE) and NONLINEAR (newton, solved
# by BREAKPOINT) against NEURON 8.2.2, bit for bit (tests/golden/nmodl_linear.py)
cat > lin.tcl <<'TCL'
load_mechanisms ./lib.so
section soma -L 20 -diam 20
insert hh soma
section spine -L 10 -diam 10
insert pas spine
section nl -L 10 -diam 10
insert pas nl
insert nltest nl
vc1 vc soma(0.5)
foreach k {0 1 2} d {5 10 15} a {-65 -30 -65} { setval vc.dur$k $d; setval vc.amp$k $a }
ExpSynSpine syn spine(0.5) -tau 2 -rsp 20
NetStim ns -start 3 -interval 6 -number 4 -noise 0
NetCon nc ns syn -weight 0.005 -delay 1
IClamp ic nl(0.5) -delay 2 -dur 10 -amp 0.05
record t
foreach r {soma(0.5).v vc.I spine(0.5).v syn.i syn.vsp syn.g nl(0.5).v nl(0.5).xx_nltest
           nl(0.5).yy_nltest} { record $r }
setval tstop 30
run
TCL
nrn-run lin.tcl > lin.csv 2> lin.err
check_files golden-nmodl-linear lin.csv "$ROOT/tests/golden/nmodl_linear.csv"

# a NONLINEAR block solved by BREAKPOINT has no CVODE equations: CVODE is refused, as in NEURON
printf 'load_mechanisms ./lib.so\nsection nl\ninsert nltest nl\ncvode -active 1\nsetval tstop 1\nrun\n' > nlcv.tcl
check_status nonlinear-cvode-refused 1 nrn-run nlcv.tcl
check_grep nonlinear-cvode-message 'mechanism nltest has states without CVODE equations' "$TMP/err"
# ... but STATEs computed by a PROCEDURE SOLVEd METHOD after_cvode are no ODEs (nocmodl's
# _ode_count 0): the built-in VClamp (vclamp.mod, its LINEAR amplifier) runs under CVODE
printf 'section s -L 10 -diam 10\ninsert hh s\nVClamp vc s(0.5)\nsetval vc.dur0 1 vc.amp0 -20 vc.dur1 1 vc.amp1 -65\ncvode -active 1\nrecord vc.i\nsetval tstop 3\nrun\n' > vccv.tcl
check_status after-cvode-states-cvode 0 nrn-run vccv.tcl
# the built-in VClamp from vclamp.mod is NEURON's to the last bit, its amplifier's 3x3 solve
# included (tests/golden/vclamp.py; the hand-written one differed in the last bits)
printf 'section soma -L 10 -diam 10\ninsert hh soma\nVClamp vc soma(0.5)\nsetval vc.dur0 2 vc.amp0 -70 vc.dur1 5 vc.amp1 -10 vc.dur2 3 vc.amp2 -70\nrecord t\nrecord soma(0.5).v\nrecord vc.i\nrecord vc.vo\nrecord vc.e\nrecord vc.vi\nsetval tstop 12\nrun\n' > vcg.tcl
nrn-run vcg.tcl > vcg.csv 2> vcg.err
check_files golden-vclamp-bits vcg.csv "$ROOT/tests/golden/vclamp.csv"

# NEURON's nonlin.mod: an ARTIFICIAL_CELL's INITIAL solving a NONLINEAR block (nmodl_nonlin.py)
printf 'load_mechanisms ./lib.so\nNonLinTest c -x0 0.5 -a 1.2 -y0 0.3 -b 0.7 -z0 0.1 -c 2.0\nfinitialize -65\nputs "[getval c.x] [getval c.y] [getval c.z]"\n' > nonlin.tcl
check_eq golden-nmodl-nonlin "$(nrn-run nonlin.tcl 2>&1)" "$(cat "$ROOT/tests/golden/nmodl_nonlin.txt")"

# ---- rebuilding only what changed: an up-to-date library is left alone; a newer input
# (the .mod file or a file it INCLUDEs) or another set of mechanisms rebuilds it
mkdir rb && cd rb || exit 1
printf 'FUNCTION two() { two = 2 }\n' > f.inc
printf 'NEURON { SUFFIX rb RANGE x }\nINCLUDE "f.inc"\nASSIGNED { x }\nINITIAL { x = two() }\n' > rb.mod
nrn-build mod -o rb.so rb.mod 2> err || fail rebuild-first "$(cat err)"
touch -d '2001-01-01' rb.mod f.inc
before=$(stat -c %y rb.so)
nrn-build mod -o rb.so rb.mod
check_eq rebuild-skipped "$(stat -c %y rb.so)" "$before"
sleep 0.01; touch f.inc
nrn-build mod -o rb.so rb.mod
[ "$(stat -c %y rb.so)" != "$before" ] && pass rebuild-include-changed || fail rebuild-include-changed "not rebuilt"
before=$(stat -c %y rb.so)
cp "$N/good/leak.mod" . && touch -d '2001-01-01' leak.mod
nrn-build mod -o rb.so rb.mod leak.mod
[ "$(stat -c %y rb.so)" != "$before" ] && pass rebuild-new-set || fail rebuild-new-set "not rebuilt"
cd .. || exit 1

# ---- unit factors: NEURON 8.2.2's values (its _nrnunit_ tables, modern units) exactly;
# (faraday) (10000 coulomb) is cadif.mod's, 0x1.34c0c8b92a9b7p+3 in nocmodl's output
nrn-build mod -o factors.so "$N/good/factors.mod" 2> err || fail factors-build "$(cat err)"
cat > factors.tcl <<'TCL'
load_mechanisms ./factors.so
section s
insert factors s
finitialize -65
foreach v {f fk f4 r rmv k e pi} { puts [getval s(0.5).${v}_factors] }
TCL
nrn-run factors.tcl > factors.out 2> err
check_eq unit-factors "$(tr '\n' ' ' < factors.out)" \
    "96485.33212331001 96.48533212331002 9.648533212331001 8.31446261815324 8314.462618153239 1.380649e-23 1.602176634e-19 3.141592653589793 "

# ---- the recipe: a .mod file of its own compiled on first use, against NEURON on the same file
nrn-run "$ROOT/recipes/nmodl.tcl" > recipe.csv 2> recipe.err
check_files recipe-nmodl recipe.csv "$ROOT/tests/golden/recipe_nmodl.csv"

# ---- VERBATIM: plain C on the NMODL names passes through (a file-scope helper, a LOCAL as _lk)
nrn-build mod -o vb.so "$N/good/verbatim.mod" 2> err || fail verbatim-build "$(cat err)"
printf 'load_mechanisms ./vb.so\nsection s\ninsert vb s\nfinitialize -65\nputs "[getval s(0.5).x_vb] [getval s(0.5).y_vb]"\n' > vb.tcl
check_eq verbatim-runs "$(nrn-run vb.tcl 2>&1)" "9.0 10.0"

# ---- nrn-build --mechanisms: a model CSV with a translated mechanism, run again by nrn-run
nrn-build --mechanisms ./lib.so --insert hhmod --set 'soma*.gnabar_hhmod=0.1' -o hm.csv \
    "$ROOT/tests/morph/$(ls "$ROOT/tests/morph" | grep '\.swc$' | head -1)" 2> err
check_grep build-mechanisms-insert '^insert,.*,hhmod' hm.csv
printf 'record {soma[0](0.5).v}\nsetval tstop 5\nrun\n' > hmrun.tcl
check_status build-mechanisms-run 0 nrn-run --mechanisms ./lib.so -m hm.csv hmrun.tcl

# ---- arrays: a RANGE array is the columns x0, x1, ... of every instance; LOCAL arrays in C
nrn-build mod -o arr.so "$N/good/arrays.mod" 2> err || fail arrays-build "$(cat err)"
printf 'load_mechanisms ./arr.so\nsection s\ninsert arr s\nfinitialize -65\nputs "[getval s(0.5).x0_arr] [getval s(0.5).x1_arr] [getval s(0.5).x2_arr] [getval s(0.5).s_arr]"\n' > arr.tcl
check_eq arrays-run "$(nrn-run arr.tcl 2>&1)" "3.0 5.0 7.0 15.0"

# ---- the library's mode is a new file's: 0777 less the umask (mkstemp's 0600 was kept)
(umask 022 && nrn-build mod -o mode.so "$N/good/leak.mod" 2> err) || fail mode-build "$(cat err)"
check_eq library-mode-umask-022 "$(stat -c %a mode.so)" "755"
(umask 077 && nrn-build mod -o mode2.so "$N/good/leak.mod" 2> err) || fail mode2-build "$(cat err)"
check_eq library-mode-umask-077 "$(stat -c %a mode2.so)" "700"
