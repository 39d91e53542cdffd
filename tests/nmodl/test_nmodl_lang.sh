#!/bin/sh
# test_nmodl_lang.sh: the NMODL language beyond the built-ins, on the project's own .mod
# files in tests/nmodl/lang: POINTER and setpointer (a gap junction equal to NEURON 8.2.2,
# through node renumbering; density POINTERs; writing through a POINTER; an unset POINTER
# used at run; bad setpointer targets and sources), record_value and the record subcommand.
. "$(dirname "$0")/../lib.sh"
N="$ROOT/tests/nmodl/lang"
cd "$TMP" || exit 1
nrn-build mod -o lang.so "$N" 2> err || fail lang-build "$(cat err)"

# ---- POINTER: the gap junction, against NEURON (tests/golden/nmodl_gap.py)
nrn-run -D lib=./lang.so -D renumber=0 "$N/gap.tcl" > gap.csv 2> err
check_files pointer-gap-golden gap.csv "$ROOT/tests/golden/nmodl_gap.csv"
# after the setpointers, a new root section and new nseg renumber every node: each side
# still reads the other's v (i at a step = g*(v - vgap) of the step before)
nrn-run -D lib=./lang.so -D renumber=1 "$N/gap.tcl" > gapr.csv 2> err
if awk -F, 'NR > 2 { w = 0.01*(va - vb); d = $4 - w; if (d < 0) d = -d;
                     if (d > 1e-12 || $4 + $5 != 0) bad = 1 }
            NR > 1 { va = $2; vb = $3; if ($4 != 0) moved = 1 }
            END { exit bad || !moved }' gapr.csv; then pass pointer-renumbered
else fail pointer-renumbered "$(sed -n 2,4p gapr.csv)" "$(cat err)"; fi

# ---- record_value: the type's objects take a record vector (as APCount), emptied at
# finitialize, one value a call; no vector given, nothing is recorded
printf 'load_mechanisms ./lang.so\nTicker tk -interval 1.5\ntk record ticks\nsetval tstop 5\nrun\nputs [vector get ticks]\nrun\nputs [vector get ticks]\n' > tick.tcl
check_eq record-value-ticks "$(nrn-run tick.tcl 2>&1)" "$(printf '1.5 3.0 4.5\n1.5 3.0 4.5')"
printf 'load_mechanisms ./lang.so\nTicker tk\nsetval tstop 2\nrun\nputs ok\n' > tick0.tcl
check_eq record-value-no-vector "$(nrn-run tick0.tcl 2>&1)" "ok"

# ---- density POINTERs: reading a global, writing an object's variable at INITIAL
cat > peek.tcl <<'TCL'
load_mechanisms ./lang.so
section a -nseg 3
insert peek a
IClamp ic a(0.5)
setpointer a(0.1).src_peek celsius
setpointer a(0.5).src_peek ic.amp
setval a(0.5).put_peek 0.25
setval celsius 21
finitialize
puts "[getval a(0.1).seen_peek] [getval ic.amp]"
fadvance
puts "[getval a(0.1).seen_peek] [getval a(0.5).seen_peek] [getval a(0.9).seen_peek]"
setpointer a(0.1).src_peek ic.amp
fadvance
puts [getval a(0.1).seen_peek]
TCL
nrn-run peek.tcl > out 2> err
check_eq pointer-density "$(cat out)" "$(printf '21.0 0.25\n21.0 0.25 -1.0\n0.25')"

# ---- an unset POINTER fails the run where it is used, naming the object and variable
cat > unset.tcl <<'TCL'
load_mechanisms ./lang.so
section a
Pointed p1 a(0.5)
setval tstop 1
run
puts ok
setval p1.use 1
run
TCL
nrn-run unset.tcl > out 2> err; rc=$?
check_eq pointer-unused-ok "$(cat out)" "ok"
check_eq pointer-unset-status "$rc" 1
check_eq pointer-unset-one-line "$(wc -l < err | tr -d ' ')" 1
check_grep pointer-unset-message 'POINTER p1\.p is not set \(setpointer p1\.p PATH\)' err

# ---- bad setpointers: one line each
badptr() { # NAME COMMAND PATTERN
    printf 'load_mechanisms ./lang.so\nsection a\nsection b\ninsert peek a\nPointed p1 a(0.5)\n%s\n' "$2" > bad.tcl
    nrn-run bad.tcl > out 2> err; rc=$?
    if [ "$rc" -ne 0 ] && [ "$(wc -l < err)" -eq 1 ] && grep -Eq -- "$3" err; then pass "$1"
    else fail "$1" "exit $rc" "$(cat err)"; fi
}
badptr setpointer-no-such-var 'setpointer p1.q a(0.5).v' 'Pointed has no POINTER named "q"'
badptr setpointer-no-object 'setpointer zz.p a(0.5).v' 'no object in "zz.p"'
badptr setpointer-computed 'setpointer p1.p a.L' 'a.L is computed, not stored'
badptr setpointer-bad-source 'setpointer p1.p a(0.5).nosuch' 'nosuch'
badptr setpointer-not-inserted 'setpointer b(0.5).src_peek a(0.5).v' 'peek is not inserted in b'
badptr setpointer-not-pointer 'setpointer a(0.5).seen_peek a(0.5).v' '"seen_peek" is not a POINTER'
badptr setpointer-args 'setpointer p1.p' 'wrong # args'

# ---- random functions: deterministic for a seed, whatever the split; right statistics
noise() { # OUT SPLIT TSTOP [TCL-LINE]
    sed "s/^record t$/$4\n&/" "$N/noise.tcl" > noise.tcl
    nrn-run -D lib=./lang.so -D split="$2" -D tstop="$3" noise.tcl > "$1" 2> "$1.err"
}
noise r0.csv 0 20 && noise r0b.csv 0 20 && noise r1.csv 1 20 && noise s5.csv 0 20 'setval seed 5'
check_files random-same-seed-same r0.csv r0b.csv
check_files random-split-same r0.csv r1.csv
if ! cmp -s r0.csv s5.csv && [ "$(wc -l < s5.csv)" -eq "$(wc -l < r0.csv)" ]; then pass random-seed-differs
else fail random-seed-differs "$(head -3 s5.csv)"; fi
noise m0.csv 0 20 'setval r2.myseed 3' && noise m1.csv 0 20 'setval r2.myseed 3'
if cmp -s m0.csv m1.csv && ! cmp -s m0.csv r0.csv; then pass random-set-seed
else fail random-set-seed "$(cat m0.csv.err)"; fi
noise long.csv 0 100
if awk -F, 'NR > 2 { n++; s += $3; q += $3*$3; u += $4; e += $5 }
            END { m = s/n; sd = sqrt(q/n - m*m)
                  ok = m*m < 0.00063^2 && (sd - 0.01)^2 < 0.0005^2 &&
                       (u/n - 0.5)^2 < 0.015^2 && (e/n - 2)^2 < 0.13^2
                  if (!ok) print n, m, sd, u/n, e/n
                  exit !ok }' long.csv; then pass random-statistics
else fail random-statistics "$(awk -F, 'NR > 2 { n++; s += $3; u += $4; e += $5 } END { print n, s/n, u/n, e/n }' long.csv)"; fi

# ---- a POINT_PROCESS calling net_event is a NetCon source: every event it relays arrives
check_grep netevent-source '^spikes ([1-9][0-9]*) relayed \1\.0$' r0.csv.err

# ---- NEURON's own files (tests/nmodl/corpus): WATCH, INITIAL in NET_RECEIVE, FOR_NETCONS,
# state_discontinuity and POINTER together, equal to NEURON 8.2.2 (tests/golden/nmodl_corpus.py)
C="$ROOT/tests/nmodl/corpus"
nrn-build mod -o corpus.so "$C" 2> err || fail corpus-build "$(cat err)"
nrn-run -D lib=./corpus.so "$C/corpus.tcl" > corpus.csv 2> err
check_files corpus-golden corpus.csv "$ROOT/tests/golden/nmodl_corpus.csv"
# each feature acted: WATCH switched hw.g to gna, FOR_NETCONS counted n4's posts, the
# INITIAL in NET_RECEIVE set tpre to -1 at t = 0 and K2Syn's state jumped
if awk -F, 'NR == 2 && $9 == -1 { init = 1 } NR > 1 && $4 == 0.1 { watch = 1 }
            NR > 1 && $11 > 0 { fornc = 1 } NR > 1 && $7 > 0 { disc = 1 }
            END { exit !(init && watch && fornc && disc) }' corpus.csv; then pass corpus-features
else fail corpus-features "$(sed -n 2p corpus.csv)"; fi
# WATCH under CVODE (tests/golden/nmodl_watch_cvode.py): each condition checked at the end
# of each step, its handler delivered there and the integrator restarted (NEURON restarts
# after every delivery to a cell's point process, though hhwatch changes no state): NEURON's
# steps, g switching on the same rows, t within 1e-4 ms and v 1e-2 mV on every row
# (1); with -condition_order 2 (nmodl_watch_cvode2.py) each crossing interpolated inside the
# step, the integrator back there, a row before and after the delivery (2)
for o in 1 2; do
    sed "s/-rtol 0\$/-rtol 0 -condition_order $o/" "$C/watch_cvode.tcl" > wcv$o.tcl
    nrn-run -D lib=./corpus.so wcv$o.tcl > wcv$o.csv 2> err
    g="$ROOT/tests/golden/nmodl_watch_cvode.csv"; [ $o = 1 ] || g="$ROOT/tests/golden/nmodl_watch_cvode$o.csv"
    check_eq watch-cvode-neuron-order$o "$(paste -d, wcv$o.csv "$g" | awk -F, '
        function ab(x) { return x < 0 ? -x : x }
        NR > 1 && $5 != "" && $5 < 17 { if ($3 != $7 || ab($1 - $5) > 1e-4 || ab($2 - $6) > 1e-2) { print NR ": " $0; exit } }
        END { if (NR < 150) print "only " NR " rows" }')" ""
done

# ---- FUNCTION_TABLE (NEURON's cagkftab.mod: 2-D tables of v and log(cai)) equal to NEURON
nrn-run -D lib=./corpus.so "$C/ftab.tcl" > ftab.csv 2> err
check_files ftable-golden ftab.csv "$ROOT/tests/golden/nmodl_ftab.csv"
ftab() { # NAME TCL-EDIT PATTERN: the model with one edit fails with one line matching PATTERN
    sed "$2" "$C/ftab.tcl" > f.tcl
    nrn-run -D lib=./corpus.so f.tcl > out 2> err; rc=$?
    if [ "$rc" -ne 0 ] && [ "$(wc -l < err)" -eq 1 ] && grep -Eq -- "$3" err; then pass "$1"
    else fail "$1" "exit $rc" "$(cat err)"; fi
}
ftab ftable-unset '/^function_table bet/d' 'FUNCTION_TABLE bet_cagkftab has no values'
ftab ftable-nargs 's/^function_table bet.*/function_table bet_cagkftab bet 80 -100 50/' 'takes 2 arguments, not 1'
ftab ftable-unknown 's/^function_table tst_cagkftab/function_table nosuch_cagkftab/' 'no FUNCTION_TABLE named "nosuch_cagkftab"'
ftab ftable-short 's/^function_table bet_cagkftab bet 16/function_table bet_cagkftab bet 17/' 'bet has 80 values, the grid needs 85'
ftab ftable-grid 's/^vector create lnca .*/vector create lnca {-12 -10 -10 -6 -4}/' 'values of argument 2 do not increase'
# one argument at given values, then evenly spaced, then a constant: linear between,
# clamped outside (BREAKPOINT sees t at the step's middle: 0.25, 0.75, ...)
cat > f1.tcl <<'TCL'
load_mechanisms ./lang.so
section a
insert ftab1 a
vector create y {1 3 7}
vector create x {0 1 3}
function_table f_ftab1 y x
setval dt 0.5
finitialize
set out {}
for {set i 0} {$i < 8} {incr i} { fadvance; lappend out [getval a(0.5).y_ftab1] }
function_table f_ftab1 y 3 0 10
fadvance
lappend out [getval a(0.5).y_ftab1]
function_table f_ftab1 2.5
fadvance
lappend out [getval a(0.5).y_ftab1]
puts $out
TCL
nrn-run f1.tcl > out 2> err
# (y = f(t) runs in nrn_state as in NEURON: f at each step's new t)
check_eq ftable-1d "$(cat out)" "2.0 3.0 4.0 5.0 6.0 7.0 7.0 7.0 2.8000000000000003 2.5"

# ---- BEFORE/AFTER blocks run when NEURON runs them (tests/golden/nmodl_ba.py)
nrn-run -D lib=./lang.so "$N/ba.tcl" > ba.csv 2> err
check_files ba-golden ba.csv "$ROOT/tests/golden/nmodl_ba.csv"
# under CVODE (tests/golden/nmodl_ba_cvode.py): AFTER SOLVE at the end of every f (so vas is
# each row's v), BEFORE STEP once before each step's records (nstep counts the rows), as
# NEURON; its rows through the IClamp onset (25 rows: t within 1e-9 ms, the rest 1e-7)
sed 's/^record t$/cvode -active 1 -atol 1e-5 -rtol 0\n&/' "$N/ba.tcl" > bacv.tcl
nrn-run -D lib=./lang.so bacv.tcl > bacv.csv 2> err
check_eq ba-cvode-each-row "$(awk -F, 'NR > 1 && ($6 != NR - 1 || $3 != $2 || $5 != $2 || $4 != $1 || $7 != 123) { print NR ": " $0; exit }
    END { if (NR < 300) print "only " NR " rows" }' bacv.csv)" ""
check_eq ba-cvode-neuron "$(paste -d, bacv.csv "$ROOT/tests/golden/nmodl_ba_cvode.csv" | awk -F, '
    function ab(x) { return x < 0 ? -x : x }
    NR > 1 && NR <= 26 { if (ab($1 - $8) > 1e-9) { print NR ": t " $1; exit }
        for (c = 2; c <= 7; c++) if (ab($c - $(c + 7)) > 1e-7) { print NR ": column " c; exit } }')" ""
# ---- a BREAKPOINT without currents runs in nrn_state as NEURON's: once per step after the
# SOLVE with the new v, not at finitialize (tests/golden/nmodl_bkcount.py); under CVODE once
# before each step with the v at its start (nmodl_bkcount_cvode.py: each row's count and v
# seen up to the IClamp onset, where the reinitialization skips one, and the first 25 rows
# within 1e-9)
nrn-run -D lib=./lang.so "$N/bkcount.tcl" > bk.csv 2> err
check_files bkcount-golden bk.csv "$ROOT/tests/golden/nmodl_bkcount.csv"
nrn-run -D lib=./lang.so -D cvode=1 "$N/bkcount.tcl" > bkcv.csv 2> err
check_eq bkcount-cvode-each-step "$(awk -F, 'NR > 2 && NR < 14 && ($3 != NR - 2 || $4 != pv) { print NR ": " $0; exit }
    { pv = $2 } END { if (NR < 300) print "only " NR " rows" }' bkcv.csv)" ""
check_eq bkcount-cvode-neuron "$(paste -d, bkcv.csv "$ROOT/tests/golden/nmodl_bkcount_cvode.csv" | awk -F, '
    function ab(x) { return x < 0 ? -x : x }
    NR > 1 && NR <= 26 { for (c = 1; c <= 4; c++) if (ab($c - $(c + 4)) > 1e-9) { print NR ": column " c; exit } }')" ""
printf 'NEURON { SUFFIX bad }\nAFTER BREAKPOINT { }\n' > badba.mod
nrn-build mod --check badba.mod > out 2> err
check_grep ba-refused '^badba.mod:2:1: AFTER BREAKPOINT: NEURON has BEFORE BREAKPOINT' err

# ---- EXTERNAL: a global of the model by name (usetable_hh); an unknown one fails the run
cat > extr.mod <<'MOD'
NEURON { SUFFIX extr RANGE seen EXTERNAL usetable_hh, nosuch_x }
PARAMETER { which = 0 }
ASSIGNED { seen }
BREAKPOINT { if (which == 0) { seen = usetable_hh } else { seen = nosuch_x } }
MOD
nrn-build mod -o extr.so extr.mod 2> err || fail external-build "$(cat err)"
printf 'load_mechanisms ./extr.so\nsection a\ninsert hh a\ninsert extr a\nfinitialize\nfadvance\nputs [getval a(0.5).seen_extr]\nsetval usetable_hh 0\nfadvance\nputs [getval a(0.5).seen_extr]\nsetval which_extr 1\nfadvance\n' > extr.tcl
nrn-run extr.tcl > out 2> err; rc=$?
check_eq external-reads "$(cat out)" "$(printf '1.0\n0.0')"
check_eq external-unknown-status "$rc" 1
check_grep external-unknown 'EXTERNAL nosuch_x: the model has no global of that name' err

# ---- SaveState keeps the active WATCH conditions: restore then run equals the straight run
sed -e '/^record/d' -e 's/^run$//' -e 's/^setval tstop 100$//' "$C/corpus.tcl" > ss.tcl
cat >> ss.tcl <<'TCL'
finitialize -65
continuerun 2.6
savestate save mid
continuerun 40
set first "[getval a(0.5).v] [getval hw.g] [getval b(0.5).v]"
savestate restore mid
continuerun 40
puts [expr {$first eq "[getval a(0.5).v] [getval hw.g] [getval b(0.5).v]"}]
TCL
nrn-run -D lib=./corpus.so ss.tcl > out 2> err
check_eq savestate-watch "$(cat out)" "1"

# ---- POINTERs in a sweep's model copies: a point of a grid equals the same point alone
cat > sw_model.tcl <<'TCL'
load_mechanisms ./lang.so
section a -L 20 -diam 20
section b -L 20 -diam 20
insert pas a b
HalfGap ga a(0.5) -g 0.01
HalfGap gb b(0.5) -g 0.01
setpointer ga.vgap b(0.5).v
setpointer gb.vgap a(0.5).v
IClamp ic a(0.5) -del 1 -dur 5 -amp 0.1
TCL
printf 'record b(0.5).v\nsetval tstop 10\nrun\n' > sw_run.tcl
nrn-sweep -m sw_model.tcl sw_run.tcl -p ga.g=0.01,0.02,0.04 -p gb.g=0.01,0.02 -j 2 \
    --measure maximum_voltage,minimum_voltage -o grid.csv 2> err
nrn-sweep -m sw_model.tcl sw_run.tcl -p ga.g=0.02 -p gb.g=0.02 -j 1 \
    --measure maximum_voltage,minimum_voltage -o one.csv 2>> err
if [ -s one.csv ] && grep -q "^$(sed -n 2p one.csv | cut -d, -f1-4)," grid.csv &&
   [ "$(cut -d, -f3 grid.csv | sort -u | wc -l)" -gt 3 ]; then pass pointer-sweep
else fail pointer-sweep "$(cat err)" "$(cat one.csv)"; fi

# ---- a POINTER whose source object is deleted fails where it is used; a deleted target
# takes its binding with it
cat > del.tcl <<'TCL'
load_mechanisms ./lang.so
section a
Pointed p1 a(0.5) -use 1
Pointed p2 a(0.5) -use 1
IClamp ic a(0.5) -amp 0.5
setpointer p1.p ic.amp
setpointer p2.p ic.amp
setval tstop 0.1
run
puts [getval p1.seen]
p2 delete
run
ic delete
run
TCL
nrn-run del.tcl > out 2> err; rc=$?
check_eq pointer-source-deleted-status "$rc" 1
check_eq pointer-source-deleted-out "$(cat out)" "0.5"
check_grep pointer-source-deleted 'del.tcl:14: POINTER p1\.p is not set' err

# ---- VERBATIM may use a POINTER's address _p_NAME (NULL until set), no other _p_ name
cat > vp.mod <<'MOD'
NEURON { POINT_PROCESS VP RANGE seen POINTER p }
ASSIGNED { p seen }
BREAKPOINT {
VERBATIM
    if (_p_p) { seen = p; } else { seen = -7; }
ENDVERBATIM
}
MOD
nrn-build mod -o vp.so vp.mod 2> err || fail verbatim-pointer-build "$(cat err)"
printf 'load_mechanisms ./vp.so\nsection a\nVP x a(0.5)\nIClamp ic a(0.5) -amp 0.25\nfinitialize\nfadvance\nputs [getval x.seen]\nsetpointer x.p ic.amp\nfinitialize\nfadvance\nputs [getval x.seen]\n' > vp.tcl
nrn-run vp.tcl > out 2> err
check_eq verbatim-pointer "$(cat out)" "$(printf -- '-7.0\n0.25')"
sed 's/_p_p/_p_q/' vp.mod > vpbad.mod
nrn-build mod --check vpbad.mod > out 2> err
check_grep verbatim-pointer-other "^vpbad.mod:4:1: VERBATIM uses '_p_q'" err
