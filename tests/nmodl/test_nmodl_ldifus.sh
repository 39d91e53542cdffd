#!/bin/sh
# test_nmodl_ldifus.sh: LONGITUDINAL_DIFFUSION (src/engine/ldifus.c, src/nmodl/gen_ldifus.c).
# NEURON's cadif.mod (radial and longitudinal calcium diffusion, buffers) and nadifl.mod
# (longitudinal sodium diffusion) on a branched cell give NEURON 8.2.2's traces bit for bit
# in the fixed step (tests/golden/nmodl_ldifus.py) and follow its CVODE steps; two cells on
# two threads, ten identical cells (interleaved), and a SaveState restore give the numbers of
# one thread, of the lone cell and of a straight run;
# cadifusl.mod (its own calcium current) gives NEURON's numbers (nmodl_ldifusl.py).
. "$(dirname "$0")/../lib.sh"
N="$ROOT/tests/nmodl"
cd "$TMP" || exit 1

check_status ldifus-build-ion 0 nrn-build mod -o ion.so "$N/ion"
check_status ldifus-build 0 nrn-build mod -o ldifus.so "$N/ldifus"

# ---- the fixed step: NEURON's numbers bit for bit
nrn-run -D ion=./ion.so -D lib=./ldifus.so "$N/ldifus/ldifus.tcl" > ld.csv 2> err
check_files golden-nmodl-ldifus ld.csv "$ROOT/tests/golden/nmodl_ldifus.csv"
# a second model built in the same process after reset computes cadif's factors again: a
# file-scope LOCAL (factors_done) is the model's own, not a C static left at 1 by the first
printf 'source %s\nreset\nsource %s\n' "$N/ldifus/ldifus.tcl" "$N/ldifus/ldifus.tcl" > twice.tcl
nrn-run -D ion=./ion.so -D lib=./ldifus.so twice.tcl > twice.csv 2> err
check_files ldifus-after-reset twice.csv "$ROOT/tests/golden/nmodl_ldifus.csv"
# the diffusion is what moves the dendrites' sodium and calcium (nothing enters there)
check_eq ldifus-moves "$(awk -F, 'END { print ($6 > 1e-3 && $13 > 10.1) }' ld.csv)" 1

# ---- CVODE (atol 1e-5, rtol 0; cadif's ca states at 1e-6 of it, their own <1e-6>):
# NEURON's steps through the first 40 rows (t within 2e-6 ms, v 1e-4 mV, each concentration
# within 1e-7 of its value), the concentrations at 100 ms within 2e-3 of theirs, the step
# count within 3% (the integrator itself follows NEURON's only so far; test_nmodl_ion.sh; NEURON's
# own count moves by a few % when a parameter moves by 1e-13, tests/golden/cvode_spread.txt)
sed 's/^record t$/cvode -active 1 -atol 1e-5 -rtol 0\n&/' "$N/ldifus/ldifus.tcl" > cv.tcl
nrn-run -D ion=./ion.so -D lib=./ldifus.so cv.tcl > cv.csv 2> err
g="$ROOT/tests/golden/nmodl_ldifus_cvode.csv"
check_eq cvode-ldifus-neuron-steps "$(paste -d, cv.csv "$g" | awk -F, '
    function ab(x) { return x < 0 ? -x : x }
    NR == 1 { nc = NF / 2; next }
    NR <= 41 { if (ab($1 - $(nc + 1)) > 2e-6 || ab($2 - $(nc + 2)) > 1e-4) { print NR ": " $1 "," $2; exit }
               for (k = 4; k <= nc; k++) if (ab($k - $(nc + k)) > 1e-7 * ab($(nc + k))) {
                   print NR ": column " k ": " $k " " $(nc + k); exit } }')" ""
check_eq cvode-ldifus-end "$(printf '%s,%s\n' "$(tail -1 cv.csv)" "$(tail -1 "$g")" | awk -F, '
    function ab(x) { return x < 0 ? -x : x }
    { nc = NF / 2; for (k = 4; k <= nc; k++) if (ab($k - $(nc + k)) > 2e-3 * ab($(nc + k))) print k }')" ""
check_eq cvode-ldifus-step-count "$(awk -v a="$(wc -l < cv.csv)" -v b="$(wc -l < "$g")" \
    'BEGIN { d = a - b; if (d < 0) d = -d; print (d <= 0.03 * b) }')" 1
# the atolscale the user gives wins over the STATE's own tolerance (NEURON's atolscale sets
# the same factor): 1e-6 given is the same run, 1 fewer steps
sed 's/^cvode .*/& -atolscale {ca?_cadifus 1e-6}/' cv.tcl > cv6.tcl
nrn-run -D ion=./ion.so -D lib=./ldifus.so cv6.tcl > cv6.csv 2> err
check_files cvode-state-tol-as-atolscale cv6.csv cv.csv
sed 's/^cvode .*/& -atolscale {ca?_cadifus 1}/' cv.tcl > cv1.tcl
nrn-run -D ion=./ion.so -D lib=./ldifus.so cv1.tcl > cv1.csv 2> err
check_eq cvode-atolscale-overrides-state-tol "$(awk -v a="$(wc -l < cv1.csv)" \
    -v b="$(wc -l < cv.csv)" 'BEGIN { print (a < 0.8 * b) }')" 1

# ---- two cells on two threads: each thread's tree is its own cells'; the same rows
sed -e '/^record/d' -e '/^setval tstop/d' -e '/^run$/d' -e '/^load_mechanisms/d' \
    -e '/^#/d' "$N/ldifus/ldifus.tcl" > cell.tcl
{ echo 'load_mechanisms $ion'; echo 'load_mechanisms $lib'
  sed -e 's/\(soma\|dend[23]\?\)/a\1/g' -e 's/^IClamp ic /IClamp ic_a /' cell.tcl
  sed -e 's/\(soma\|dend[23]\?\)/b\1/g' -e 's/^IClamp ic /IClamp ic_b /' -e 's/-amp 0.5/-amp 0.4/' cell.tcl
  printf 'record %s\n' t asoma\(0.5\).v adend\(0.1\).cai adend\(0.5\).nai bsoma\(0.5\).v \
      bdend\(0.1\).cai bdend2\(0.5\).nai bdend3\(0.25\).cai
  echo 'setval tstop 30'; echo 'run'; } > two.tcl
nrn-run -D ion=./ion.so -D lib=./ldifus.so two.tcl > two1.csv 2> err
nrn-run --threads 2 -D ion=./ion.so -D lib=./ldifus.so two.tcl > two2.csv 2> err2
check_files threads-ldifus two2.csv two1.csv
check_eq threads-ldifus-rows "$(wc -l < two2.csv)" 1202
# the first cell is the golden cell: its v is NEURON's
cut -d, -f2 two2.csv | sed 1d > two_v
head -1202 "$ROOT/tests/golden/nmodl_ldifus.csv" | cut -d, -f2 | sed 1d > gold_v
check_files threads-ldifus-golden two_v gold_v

# ---- ten identical cells: eight interleaved node by node (interleave.c's blocks), two after
# them; the first, a blocked one and the last each give NEURON's numbers of the lone cell
{ echo 'load_mechanisms $ion'; echo 'load_mechanisms $lib'
  for c in 0 1 2 3 4 5 6 7 8 9; do
      sed -e "s/\(soma\|dend[23]\?\)/c$c\1/g" -e "s/^IClamp ic /IClamp ic$c /" cell.tcl
  done
  for c in 0 3 9; do
      printf 'record %s\n' "c${c}soma(0.5).v" "c${c}dend(0.1).cai" "c${c}dend(0.1).ca0_cadifus" \
          "c${c}dend2(0.5).nai" "c${c}dend3(0.75).nai"
  done
  echo 'setval tstop 100'; echo 'run'; } > ten.tcl
nrn-run -D ion=./ion.so -D lib=./ldifus.so ten.tcl > ten.csv 2> err
cut -d, -f2,6,7,14,15 "$ROOT/tests/golden/nmodl_ldifus.csv" | sed 1d > ten_g
for k in 0 1 2; do
    cut -d, -f$((2 + 5 * k))-$((6 + 5 * k)) ten.csv | sed 1d > ten_$k
    check_files "interleaved-ldifus-cell$k" ten_$k ten_g
done

# ---- SaveState: the diffusing states (the mechanism's ca[], the ion's nai) come back
{ cat two.tcl | sed -e '/^record/d' -e '/^setval tstop/d' -e '/^run$/d'
  cat <<'TCL'
finitialize -65
continuerun 10
savestate save mid
continuerun 25
set first "[getval adend(0.1).cai] [getval adend(0.1).ca0_cadifus] [getval bdend2(0.5).nai]"
savestate restore mid
continuerun 25
puts [expr {$first eq "[getval adend(0.1).cai] [getval adend(0.1).ca0_cadifus] [getval bdend2(0.5).nai]"}]
TCL
} > ss.tcl
nrn-run -D ion=./ion.so -D lib=./ldifus.so ss.tcl > out 2> err
check_eq savestate-ldifus "$(cat out)" "1"

# ---- NEURON's other example, cadifusl.mod (its own calcium current icabar; GLOBAL Buffer0,
# the initial value of STATE Buffer that nocmodl makes a parameter): NEURON's numbers too
# (tests/golden/nmodl_ldifusl.py)
check_status ldifusl-build 0 nrn-build mod -o ldifusl.so "$N/ldifusl"
nrn-run -D lib=./ldifusl.so "$N/ldifusl/ldifusl.tcl" > ldl.csv 2> err
check_files golden-nmodl-ldifusl ldl.csv "$ROOT/tests/golden/nmodl_ldifusl.csv"
# x0 declared as a PARAMETER gives STATE x its value before INITIAL (nocmodl's initmodel),
# except for a concentration the ion holds
cat > x0.mod <<'MOD'
NEURON { SUFFIX tx0 USEION ca READ ica WRITE cai RANGE m0 }
PARAMETER { m0 = 0.3 cai0 = 0.01 }
ASSIGNED { ica }
STATE { m cai }
BREAKPOINT { SOLVE s METHOD cnexp }
DERIVATIVE s { m' = -m  cai' = -ica }
MOD
nrn-build mod -o x0.so x0.mod 2> err || fail x0-build "$(cat err)"
printf 'load_mechanisms ./x0.so\nsection a\ninsert tx0 a\nsetval a.m0_tx0 0.25\nfinitialize\nputs "[getval a(0.5).m_tx0] [getval a(0.5).cai]"\n' > x0.tcl
check_eq state0-param "$(nrn-run x0.tcl 2>&1)" "0.25 5e-5"

# ---- a LONGITUDINAL_DIFFUSION of a non-STATE, or in a POINT_PROCESS, is one line naming it
cat > bad1.mod <<'MOD'
NEURON { SUFFIX bad1 }
STATE { x }
ASSIGNED { y }
BREAKPOINT { SOLVE k METHOD sparse }
KINETIC k {
    LONGITUDINAL_DIFFUSION 1 {y}
    ~ x << (1)
}
MOD
nrn-build mod --check bad1.mod 2> err; rc=$?
check_eq ldifus-nonstate-status "$rc" 1
check_grep ldifus-nonstate "bad1.mod:6:31: LONGITUDINAL_DIFFUSION: 'y' is not a STATE" err
sed -e 's/SUFFIX bad1/POINT_PROCESS bad2/' -e 's/{y}/{x}/' bad1.mod > bad2.mod
nrn-build mod --check bad2.mod 2> err; rc=$?
check_eq ldifus-pp-status "$rc" 1
check_grep ldifus-pp "bad2.mod:6:5: LONGITUDINAL_DIFFUSION in a POINT_PROCESS" err
