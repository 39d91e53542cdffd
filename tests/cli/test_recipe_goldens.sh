# The recipes against NEURON 8.2.2: each recipe's CSV must equal, byte for byte, the output
# of the NEURON script in tests/golden that reproduces it (our numbers print as Python's
# repr, so equal doubles give equal text).
. "$ROOT/tests/lib.sh"
G="$ROOT/tests/golden"

nrn-run "$ROOT/recipes/hh.tcl" >"$TMP/hh.csv" 2>/dev/null
cut -d, -f1,2 "$G/hh_soma.csv" >"$TMP/hh_want.csv"
check_files "recipe hh.tcl equals NEURON (hh_soma t,v)" "$TMP/hh.csv" "$TMP/hh_want.csv"

nrn-run -r 'soma(0.5).m_hh' "$ROOT/recipes/hh.tcl" >"$TMP/hhm.csv" 2>/dev/null
check_files "recipe hh.tcl with -r m_hh equals NEURON's hh_soma.csv" "$TMP/hhm.csv" "$G/hh_soma.csv"

nrn-run "$ROOT/recipes/cell-class.tcl" >"$TMP/cc.csv" 2>/dev/null
check_files "recipe cell-class.tcl (1000 cells) equals NEURON" "$TMP/cc.csv" "$G/recipe_cell_class.csv"

nrn-run "$ROOT/recipes/nonuniform.tcl" >"$TMP/nu.csv" 2>/dev/null
check_files "recipe nonuniform.tcl equals NEURON" "$TMP/nu.csv" "$G/recipe_nonuniform.csv"

nrn-run "$ROOT/recipes/topology.tcl" >"$TMP/topo.txt" 2>/dev/null
check_files "recipe topology.tcl prints NEURON's topology text" "$TMP/topo.txt" "$G/topology_course.txt"
