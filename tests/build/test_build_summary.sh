#!/bin/sh
# test_build_summary.sh: nrn-build --summary (ModelView's facts as text) against reviewed
# expected files in tests/build/data/*.summary: a Tcl cell with a clamp and an artificial
# cell, a dendrite with values that vary along it, a morphology with many synapses, two
# cells with subsets of sections; and the topology text.
. "$(dirname "$0")/../lib.sh"
M="$ROOT/tests/morph"
D="$ROOT/tests/build/data"
cd "$TMP" || exit 1

nrn-build --summary "$D/cell.tcl" > cell.summary
check_files summary-cell cell.summary "$D/cell.summary"
nrn-build --summary "$D/taper.tcl" > taper.summary
check_files summary-taper taper.summary "$D/taper.summary"
nrn-build --insert hh --insert 'dend*:pas' --set '*.Ra=100' --set 'dend*.g_pas=1e-4' --nseg 3 \
    --summary "$M/ball_and_stick.swc" "$D/synapses.tcl" > synapses.summary
check_files summary-synapses synapses.summary "$D/synapses.summary"
nrn-build --insert 'c91662.*:hh' --set 'c91662.dend*.gnabar_hh=0.05' \
    --set 'c91662.apic[1*].Ra=200' --summary "$M/ball_and_stick.swc" "$M/c91662.swc" > two.summary
check_files summary-two-cells two.summary "$D/twocells.summary"

# the facts, one by one, on a model built here
nrn-build --insert hh --set '*.Ra=100' --d-lambda 0.1 --summary "$M/c91662.swc" > c.sum
check_eq summary-counts "$(sed -n 1p c.sum)" "194 sections; 1136 segments"
check_eq summary-cells "$(sed -n 2p c.sum)" "1 real cell"
check_eq summary-root "$(sed -n 3p c.sum)" "  root soma[0]"
check_grep summary-nseg-values '^    9 distinct values of nseg$' c.sum
check_eq summary-nseg-total "$(sed -n 's/^      nseg = \([0-9]*\): \([0-9]*\) sections*$/\1 \2/p' c.sum |
    awk '{ s += $1 * $2; n += $2 } END { print n, s }')" "194 1136"
check_grep summary-mechanisms '^    5 inserted mechanisms$' c.sum
check_grep summary-ra '^      Ra = 100$' c.sum
check_grep summary-reversal '^        ena = 50$' c.sum
check_grep summary-subset-names '^      subset 1, 194 sections: soma\[0\], axon\[0\], dend\[0-57\], apic\[0-133\]$' c.sum
check_grep summary-artificial '^0 artificial cells$' c.sum
check_grep summary-globals '^  celsius = 6\.3$' c.sum
check_grep summary-set-global '^  celsius = 20$' "$(nrn-build --set celsius=20 --summary "$D/cell.tcl" > g.sum; echo g.sum)"
check_grep summary-nonuniform-many '^        g_pas = 1 2 3 4 5 6 7 8 9 10 \.\.\. \(12 values\)$' \
    "$(printf 'section d -nseg 12\ninsert pas d\nfor {set j 0} {$j < 12} {incr j} { setval d([expr {($j + 0.5) / 12}]).g_pas [expr {$j + 1}] }\n' > many.tcl
       nrn-build --summary many.tcl > many.sum; echo many.sum)"
check_eq summary-empty-model "$(echo '' | nrn-build --summary - | sed -n 1,2p | tr '\n' ' ')" "0 sections; 0 segments 0 real cells "
