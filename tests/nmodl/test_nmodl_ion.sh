#!/bin/sh
# test_nmodl_ion.sh: ions as NEURON 8.2.2 treats them. Mechanisms that WRITE a concentration
# (tests/nmodl/ion: NEURON's cacum.mod with cachan.mod, and naacc.mod) give NEURON's traces bit
# for bit (tests/golden/nmodl_cacum.py, nmodl_naacc.py); the ion styles the mechanisms promote
# and Tcl's ion_style sets are NEURON's numbers; the initial-concentration globals.
. "$(dirname "$0")/../lib.sh"
N="$ROOT/tests/nmodl"
cd "$TMP" || exit 1

check_status ion-build 0 nrn-build mod -o ion.so "$N/ion"

# ion_run NAME MECHS SETVALS VARS: the model of tests/golden/_nmodl_common.run_ion_soma in Tcl
# (soma 20x20 with MECHS, "PATH VALUE" pairs set, IClamp 5/60/0.3, t, v and soma(0.5).VAR
# recorded for 100 ms) run by nrn-run into NAME.csv, compared with tests/golden/nmodl_NAME.csv.
ion_run() {
    { echo "load_mechanisms ./ion.so"; echo "section soma -L 20 -diam 20"
      for mech in $2; do echo "insert $mech soma"; done
      [ -z "$3" ] || echo "$3" | xargs -n 2 printf 'setval %s %s\n'
      echo "IClamp ic soma(0.5) -delay 5 -dur 60 -amp 0.3"
      echo "record t"; echo "record soma(0.5).v"
      for var in $4; do echo "record soma(0.5).$var"; done
      echo "setval tstop 100"; echo "run"; } > "$1.tcl"
    nrn-run "$1.tcl" > "$1.csv" 2> "$1.err"
    check_files "golden-nmodl-$1" "$1.csv" "$ROOT/tests/golden/nmodl_$1.csv"
}

# ---- calcium accumulation: eca by Nernst at init and every step, cai a state
ion_run cacum "hh cachan cacum" "soma.pcabar_cachan 2e-4 soma.depth_cacum 100" \
    "cai ica eca oca_cachan"
# the same with secondorder 2: derivimplicit on dt/2 as NEURON's nrn_state does
ion_run cacum_so2 "hh cachan cacum" \
    "soma.pcabar_cachan 2e-4 soma.depth_cacum 100 secondorder 2" "cai ica eca oca_cachan"
# ---- sodium accumulation: nai, nao states from nai0_na_ion, ena follows them into hh
ion_run naacc "hh naacc" "soma.depth_naacc 0.005 nai0_na_ion 12" "nai nao ena ina m_hh"
# ---- an ion no one defines: made on first use (xacc gives no valence, xchan 2 after it)
ion_run xion "hh xchan xacc" "xo0_x_ion 10" "xi xo ex ix"
# ---- WRITE ena: the mechanism's own value, copied to the ion (style e 3, no Nernst)
ion_run ewrite "hh ewrite" "" "ena ina m_hh"
# ---- NEURON's documentation example table.mod: WRITE cai from a STATE, METHOD euler, TABLEs
ion_run table "hh cachan table" "soma.pcabar_cachan 2e-4" "cai ca_table eca ica"
# ---- a KINETIC scheme writing cai (cabuf.mod: entry, decay, a buffer; METHOD sparse)
ion_run cabuf "hh cachan cabuf" "soma.pcabar_cachan 2e-4" "cai B_cabuf ica eca"
# ---- NEURON's cabpump.mod: a KINETIC scheme over array STATEs with COMPARTMENTs writing cai,
# and a FUNCTION that SOLVEs it STEADYSTATE sparse (translated, though nothing here calls it)
ion_run cabpump "hh cachan cadifpmp" "soma.pcabar_cachan 2e-4" \
    "cai ica eca pump_cadifpmp pumpca_cadifpmp ica_pmp_cadifpmp"

# ---- the same models under CVODE (atol 1e-5, rtol 0; tests/golden/nmodl_*_cvode.py): the
# written concentration is the ion's own (NEURON's state is its cai), e follows it in every
# evaluation. NEURON's steps through the first ROWS rows (t within TT ms, 2e-6 unless given,
# v 1e-4 mV), v over the 100 ms within 1 mV of NEURON's (interpolated at our t; spikes agree
# to well under their width), the concentration within 2e-3 of its scale, the step count
# within 5%. (cabuf: NEURON's first 9 steps bit for bit; from the 10th (1 ulp) the sequences
# drift apart, 8e-6 ms by row 100, as the rounding of CVODE's step-size heuristics differs
# between SUNDIALS 6.4 and NEURON's CVODES: HACKING, the variable step.)
ion_cvode() {
    sed 's/^record t$/cvode -active 1 -atol 1e-5 -rtol 0\n&/' "$1.tcl" > "$1_cv.tcl"
    nrn-run "$1_cv.tcl" > "$1_cv.csv" 2> "$1_cv.err"
    g="$ROOT/tests/golden/nmodl_$1_cvode.csv"
    check_eq "cvode-$1-neuron-steps" "$(paste -d, "$1_cv.csv" "$g" | awk -F, -v rows="$2" -v tt="${3:-2e-6}" \
        -v nc="$(head -1 "$g" | awk -F, '{ print NF }')" \
        'function ab(x) { return x < 0 ? -x : x }
        NR > 1 && NR <= rows + 1 { if (ab($1 - $(nc + 1)) > tt || ab($2 - $(nc + 2)) > 1e-4) { print NR ": " $1 "," $2; exit } }
        END { if (NR < rows + 1) print "only " NR " rows" }')" ""
    check_eq "cvode-$1-neuron-trace" "$(awk -F, 'function ab(x) { return x < 0 ? -x : x }
        FNR == 1 { next }
        NR == FNR { n++; T[n] = $1; V[n] = $2; C[n] = $3; if (ab($3) > S) S = ab($3); next }
        { while (j < n - 1 && T[j + 1] <= $1) j++; if (j < 1 || T[j + 1] == T[j] || $1 > T[n]) next
          a = ($1 - T[j]) / (T[j + 1] - T[j])
          dv = ab($2 - V[j] - a * (V[j + 1] - V[j])); dc = ab($3 - C[j] - a * (C[j + 1] - C[j]))
          if (dv > 1 || dc > 2e-3 * S) { print "t " $1 ": dv " dv ", dc " dc; exit } }' "$g" "$1_cv.csv")" ""
    check_eq "cvode-$1-step-count" "$(awk -v n="$(wc -l < "$g")" \
        'END { d = NR - n; print (d <= .05 * n && d >= -.05 * n) ? "ok" : NR " rows, NEURON " n }' "$1_cv.csv")" "ok"
}
ion_cvode cacum 60
ion_cvode naacc 60
ion_cvode table 15
ion_cvode cabuf 100 2e-5
check_eq "cvode-cabuf-neuron-steps-exact" "$(paste -d, cabuf_cv.csv "$ROOT/tests/golden/nmodl_cabuf_cvode.csv" |
    awk -F, 'NR > 1 && NR <= 10 && ($1 + 0 != $7 + 0 || $2 + 0 != $8 + 0) { print NR ": " $0; exit }')" ""
# another valence for it: one line naming both
mkdir x1 && printf 'NEURON { SUFFIX xone USEION x WRITE ix VALENCE 1 }\nASSIGNED { ix }\nBREAKPOINT { ix = 0 }\n' > x1/xone.mod
nrn-build mod -o x1.so x1 2> err || fail xone-build "$(cat err)"
printf 'load_mechanisms ./ion.so\nload_mechanisms ./x1.so\n' > conflict.tcl
check_status ion-valence-conflict 1 nrn-run conflict.tcl
check_grep ion-valence-conflict-msg 'xone: USEION x VALENCE 1: x_ion already has valence 2$' "$TMP/err"
check_eq ion-valence-conflict-one-line "$(wc -l < err | tr -d ' ')" 1
# no mechanism gives the new ion a valence: an error once it is used
mkdir y && printf 'NEURON { SUFFIX yuse USEION y READ yi }\nASSIGNED { yi }\n' > y/yuse.mod
nrn-build mod -o y.so y 2> err || fail yuse-build "$(cat err)"
printf 'load_mechanisms ./y.so\nsection s\ninsert yuse s\nfinitialize\n' > novalence.tcl
check_status ion-no-valence 1 nrn-run novalence.tcl
check_grep ion-no-valence-msg 'y_ion: no mechanism using it gave its VALENCE' "$TMP/err"
# na has its valence: a .mod giving another is refused when translated
printf 'NEURON { SUFFIX nab USEION na READ ena VALENCE 2 }\n' > nab.mod
check_status ion-known-valence 1 nrn-build mod --check nab.mod
check_grep ion-known-valence-msg 'USEION na VALENCE 2: na has valence 1' "$TMP/err"

# ---- styles set by hand on a two-section cell (tests/golden/nmodl_ionstyle.py)
cat > ionstyle.tcl <<'TCL'
load_mechanisms ./ion.so
section soma -L 20 -diam 20
section dend -L 200 -diam 2 -nseg 3
connect dend(0) soma(1)
foreach m {hh cachan cacum} { insert $m soma }
foreach m {pas cachan cacum naacc} { insert $m dend }
setval dend.pcabar_cachan 5e-4
setval dend.depth_cacum 50
setval dend.g_pas 1e-4
setval dend.e_pas -65
setval cai0_ca_ion 1e-4
ion_style ca_ion dend 3 2 1 1 0
ion_style na_ion dend 2 2 1 0 1
IClamp ic soma(0.5) -delay 5 -dur 60 -amp 0.3
foreach r {t soma(0.5).v dend(0.5).v soma(0.5).cai dend(0.1).cai dend(0.9).eca dend(0.5).nai
           dend(0.5).ena} { record $r }
setval tstop 100
run
puts stderr "# styles [ion_style ca_ion dend] [ion_style na_ion dend] [ion_style ca_ion soma]"
TCL
nrn-run ionstyle.tcl > ionstyle.csv 2> ionstyle.err
grep -v '^#' "$ROOT/tests/golden/nmodl_ionstyle.csv" > ionstyle_want.csv
check_files golden-nmodl-ionstyle ionstyle.csv ionstyle_want.csv
check_eq golden-nmodl-ionstyle-styles "$(cat ionstyle.err)" "$(head -1 "$ROOT/tests/golden/nmodl_ionstyle.csv")"

# ---- NEURON's example nacum.mod (SUFFIX na) on a tapered cable: NMODL's diam per segment
cat > nacum.tcl <<'TCL'
load_mechanisms ./ion.so
section dend
pt3dadd dend 0 0 0 4
pt3dadd dend 100 0 0 1
setval dend.nseg 3
insert hh dend
insert na dend
setval dend.fhspace_na 20
setval dend.k_na 0.5
setval nai0_na_ion 12
IClamp ic dend(0.5) -delay 5 -dur 60 -amp 0.5
foreach r {t dend(0.5).v dend(0.1).nai dend(0.5).nai dend(0.9).nai dend(0.9).nao dend(0.9).ena} {
    record $r
}
setval tstop 100
run
TCL
nrn-run nacum.tcl > nacum.csv 2> nacum.err
check_files golden-nmodl-nacum nacum.csv "$ROOT/tests/golden/nmodl_nacum.csv"
# diam and area are the segment's: a mechanism cannot assign them
printf 'NEURON { SUFFIX dw }\nASSIGNED { diam }\nINITIAL { diam = 2 }\n' > dw.mod
check_status diam-assign 1 nrn-build mod --check dw.mod
check_grep diam-assign-msg "dw.mod:3:11: 'diam' is the segment's: a mechanism cannot assign it" "$TMP/err"

# ---- a point process writing cai: called right after the ions, as NEURON orders such types
cat > casink.tcl <<'TCL'
load_mechanisms ./ion.so
section soma -L 20 -diam 20 -nseg 3
insert hh soma
insert cachan soma
CaSink cs soma(0.5)
IClamp ic soma(0.5) -delay 5 -dur 60 -amp 0.3
foreach r {t soma(0.5).v soma(0.5).cai soma(0.5).eca soma(0.1).eca cs.i} { record $r }
setval tstop 50
run
puts stderr "# style [ion_style ca_ion soma]"
TCL
nrn-run casink.tcl > casink.csv 2> casink.err
grep -v '^#' "$ROOT/tests/golden/nmodl_casink.csv" > casink_want.csv
check_files golden-nmodl-casink casink.csv casink_want.csv
check_eq golden-nmodl-casink-style "$(cat casink.err)" "$(head -1 "$ROOT/tests/golden/nmodl_casink.csv")"

# ---- the styles, as NEURON 8.2.2 prints them for the same inserts (h.ion_style): hh only
# reads ena (8); reading cai makes eca computed at init (49); writing it makes the
# concentrations states with cinit and eadvance, and marks ci written (247); ion_style
# keeps that mark; an insert after ion_style promotes again; uninserting or a new nseg
# demotes nothing.
cat > style.tcl <<'TCL'
load_mechanisms ./ion.so
section a; insert hh a
section b; insert cachan b
section c; insert cachan c; insert cacum c
puts "[ion_style na_ion a] [ion_style ca_ion b] [ion_style ca_ion c] [ion_style ca_ion a]"
puts "[ion_style ca_ion c 1 1 0 0 0] [ion_style ca_ion c]"
insert hh c
puts [ion_style ca_ion c]
section d; insert cachan d; ion_style ca_ion d 1 1 0 0 0; insert cacum d; puts [ion_style ca_ion d]
section e; insert cachan e; insert cacum e; uninsert cacum e; setval e.nseg 3; puts [ion_style ca_ion e]
TCL
check_eq ion-style-numbers "$(nrn-run style.tcl 2>&1 | tr '\n' ' ')" "8 49 247 -1 247 137 137 247 247 "

# ion_style 1 1 0 0 0: eca stays the constant it was set to, cai is not reset by cinit
cat > const.tcl <<'TCL'
load_mechanisms ./ion.so
section soma -L 20 -diam 20
insert cachan soma
insert cacum soma
ion_style ca_ion soma 1 1 0 0 0
setval soma.eca 100
finitialize
puts "[getval soma(0.5).eca] [getval soma(0.5).cai]"
TCL
check_eq ion-style-constant "$(nrn-run const.tcl 2>&1)" "100.0 5e-5"

# ---- the globals: read and set; cinit uses them; a style without cinit ignores them
printf 'puts "[getval nai0_na_ion] [getval nao0_na_ion] [getval ki0_k_ion] [getval ko0_k_ion] [getval cai0_ca_ion] [getval cao0_ca_ion]"\n' > g.tcl
check_eq ion-globals "$(nrn-run g.tcl 2>&1)" "10.0 140.0 54.4 2.5 5e-5 2.0"
cat > cinit.tcl <<'TCL'
load_mechanisms ./ion.so
section a; insert hh a
section b; insert naacc b
setval nai0_na_ion 20
setval cao0_ca_ion 3
finitialize
puts "[getval a(0.5).nai] [getval b(0.5).nai] [getval b(0.5).ena]"
TCL
check_eq ion-cinit "$(nrn-run cinit.tcl 2>&1)" "10.0 20.0 46.859730447891344" # h.nernst(20, 140, 1) in NEURON 8.2.2

# ---- the model CSV keeps a style set by hand and a changed ion global
printf 'load_mechanisms ./ion.so\nsection soma\ninsert cachan soma\ninsert cacum soma\nion_style ca_ion soma 1 1 0 0 0\nsetval cao0_ca_ion 3\n' > mc.tcl
nrn-build --mechanisms ./ion.so mc.tcl > mc.csv 2> mc.err || fail modelcsv-build "$(cat mc.err)"
check_grep modelcsv-ionstyle-row '^ionstyle,soma,,,ca_ion,137,' mc.csv
check_grep modelcsv-ion-global '^global,,,,cao0_ca_ion,3,' mc.csv
printf 'puts "[ion_style ca_ion soma] [getval cao0_ca_ion]"\n' > q.tcl
check_eq modelcsv-ionstyle-read "$(nrn-run --mechanisms ./ion.so -m mc.csv q.tcl 2>&1)" "137 3.0"

# ---- errors
printf 'section s\nion_style foo_ion s\n' > bad1.tcl
check_status ion-style-not-ion 1 nrn-run bad1.tcl
check_grep ion-style-not-ion-msg 'foo_ion is not an ion' "$TMP/err"
printf 'section s\ninsert hh s\nion_style na_ion s 4 0 0 0 0\n' > bad2.tcl
check_status ion-style-range 1 nrn-run bad2.tcl
check_grep ion-style-range-msg 'argument 2 must be in 0..3, not 4' "$TMP/err"
printf 'section s\nion_style na_ion s 1 1\n' > bad3.tcl
check_status ion-style-args 1 nrn-run bad3.tcl
