#!/bin/sh
# test_plot_lone.sh: a CSV of one variable without t (a run's column cut out with cut(1), or
# any one-column table): nrn-plot plots the lone column against the row number, and nrn-plot shape shows the last row, or says what is
# missing (the t column for --at; which columns there are when none names a segment).
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
nrn-build -o hh.csv "$ROOT/recipes/hh.tcl" 2> /dev/null
printf 'record soma(0.5).v\nfinitialize -65\ncontinuerun 2\n' > v.tcl
nrn-run -m hh.csv v.tcl > full.csv
check_eq record-adds-t "$(head -1 full.csv)" "t,soma(0.5).v"
cut -d, -f2 full.csv > v.csv
check_eq lone-column-header "$(head -1 v.csv)" "soma(0.5).v"

nrn-plot -W 50 -H 10 --ascii v.csv > out.txt 2> err.txt
check_eq lone-column-plots "$? $(cat err.txt)" "0 "
check_grep lone-column-x-is-row '^ +row$' out.txt
check_grep lone-column-x-ticks '^ +20 +40 +60 +80$' out.txt  # 81 rows
nrn-plot --svg out.svg v.csv 2> err.txt
check_eq lone-column-svg "$? $(cat err.txt)" "0 "
check_grep lone-column-svg-label '>row<' out.svg
printf 'v\n1\n3\n2\n' | nrn-plot -W 50 -H 10 --ascii > out.txt 2> err.txt
check_eq lone-column-stdin "$? $(cat err.txt)" "0 "
# -x names the only column: then there is nothing left for y
nrn-plot -x 1 v.csv > /dev/null 2> err.txt
check_eq lone-column-as-x "$? $(cat err.txt)" "1 nrn-plot: v.csv:1: nothing to plot: the only column is 'soma(0.5).v'"

# shape: no t column
nrn-plot shape hh.csv --values v.csv -W 40 -H 10 --ascii > out.txt 2> err.txt
check_eq shape-no-t-last-row "$? $(cat err.txt)" "0 "
check_grep shape-no-t-title '^v, last row' out.txt
nrn-plot shape hh.csv --values v.csv --at 1 > /dev/null 2> err.txt
check_eq shape-no-t-at "$? $(cat err.txt)" "1 nrn-plot: v.csv:1: --at 1: the values CSV has no t column (record t in the script, or leave --at out to show the last row)"
# shape: no column of the variable shown
printf 'record t\nrecord soma(0.5).m_hh\nfinitialize -65\ncontinuerun 2\n' > m.tcl
nrn-run -m hh.csv m.tcl > m.csv
nrn-plot shape hh.csv --values m.csv > /dev/null 2> err.txt
check_eq shape-wrong-var "$? $(cat err.txt)" "1 nrn-plot: m.csv:1: no column SEC(X).v names a segment of hh.csv; columns are: t, soma(0.5).m_hh"
nrn-plot shape hh.csv --values m.csv --var m_hh -W 40 -H 10 > /dev/null 2> err.txt
check_eq shape-right-var "$? $(cat err.txt)" "0 "
