#!/bin/sh
# test_meet_tui.sh: the LAG and LONGITUDINAL_DIFFUSION model of ldlag.tcl in nrn-tui (tmux):
# a run cut into slices (:continuerun, single steps with n, then c to tstop) gives the
# numbers of one uninterrupted nrn-run (LAG's history and the diffusion go on across the
# slices), and nrn-run replays the session that :save writes with the same numbers.
. "$ROOT/tests/lib.sh"
command -v tmux >/dev/null 2>&1 || { echo "tmux missing: nrn-tui tests skipped"; exit 0; }
. "$ROOT/tests/tui/tmux.sh"
N="$ROOT/tests/nmodl"
cd "$TMP" || exit 1
nrn-build mod -o ld.so "$N/ldifus/nadifl.mod" "$N/misc/vlag.mod" 2> err || fail tui-ldlag-build "$(cat err)"
cp "$ROOT/tests/cross/ldlag.tcl" .
cat > lagcell.tcl <<'TCL'
set lib ./ld.so
set lag 1
source ldlag.tcl
record t
record soma(0.5).v
record la.vl
record dend2(0.5).nai
TCL
nrn-run lagcell.tcl - > ref.csv 2> ref.err <<'TCL'
run
TCL
check_eq tui-ldlag-reference "$(cat ref.err)$(wc -l < ref.csv | tr -d ' ')" 3202

tui_start 100 30 lagcell.tcl
check_screen "tui-ldlag-opens" "soma [1] hh"
keys : ; type_text "finitialize -65"; keys Enter
keys : ; type_text "continuerun 20"; keys Enter
check_screen tui-ldlag-slice "done at t = 20 ms"
keys n n n
check_screen tui-ldlag-steps "t = 20.0750 ms"
keys c
check_screen tui-ldlag-continued "done at t = 80 ms" 30
keys : ; type_text "write_csv tui.csv"; keys Enter
keys : ; type_text "save session.tcl"; keys Enter
check_screen tui-ldlag-saved "saved the session"
check_files tui-ldlag-slices-equal-one-run tui.csv ref.csv
nrn-run session.tcl > replay.csv 2> replay.err
check_files tui-ldlag-replay replay.csv ref.csv
keys q
check_eq tui-ldlag-quit "$(wait_exit)" 0
