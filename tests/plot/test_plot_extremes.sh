#!/bin/sh
# test_plot_extremes.sh: nrn-plot draws data and limits at the ends of the double range
# (denormals like 1e-320, spans beyond 1e308, constant series) with exit 0 and true labels;
# before, --ylim 0:1e-320 negated INT_MIN in ticks.c and -1e308:1e308 could not be drawn.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
printf 't,v\n0,0\n1,1e-320\n2,5e-321\n' > tiny.csv
printf 't,v\n0,-1e308\n1,1e308\n2,0\n' > huge.csv
printf 't,v\n0,5e-324\n1,5e-324\n' > denormal-const.csv
printf 't,v\n0,1e308\n1,1e308\n' > huge-const.csv

# plots NAME ARGS...: text and SVG plots both succeed, silently
plots() {
    name=$1
    shift
    nrn-plot -W 60 -H 12 --ascii "$@" > out.txt 2> err.txt
    check_eq "$name" "$? $(cat err.txt)" "0 "
    nrn-plot --svg out.svg "$@" 2> err.txt
    check_eq "$name-svg" "$? $(cat err.txt)" "0 "
}
plots ylim-denormal --ylim 0:1e-320 tiny.csv
plots ylim-smallest --ylim 0:5e-324 tiny.csv
plots data-denormal tiny.csv
plots xlim-denormal --xlim 0:1e-320 tiny.csv
plots data-huge huge.csv
plots ylim-huge --ylim -1e308:1e308 tiny.csv
plots ylim-max --ylim -1.7976931348623157e308:1.7976931348623157e308 tiny.csv
plots logy-whole-range --logy --ylim 5e-324:1e308 tiny.csv
plots const-denormal denormal-const.csv
plots const-huge huge-const.csv
plots const-huge-logy --logy huge-const.csv

# the labels say the true values
nrn-plot -W 60 -H 12 --ascii --ylim 0:1e-320 tiny.csv > out.txt
check_grep ylim-denormal-label '^9\.99989e-321 \+' out.txt
nrn-plot -W 60 -H 12 --ascii huge.csv > out.txt
check_grep huge-label-top '^ 1e308 \+' out.txt
check_grep huge-label-bottom '^-1e308 \+' out.txt
check_grep huge-label-zero '^ +0 \+' out.txt
# equal limits are refused with one line
nrn-plot --ylim 1:1 tiny.csv > /dev/null 2> err.txt
check_eq equal-limits "$? $(wc -l < err.txt | tr -d ' ')" "2 1"

# 10,100 columns (nrn-run -r all.v of a 10,100-segment cell): plotted, not refused with a
# stale errno ("cannot create a temporary file: Inappropriate ioctl for device")
awk 'BEGIN { n = 10100; printf "t"; for (i = 0; i < n; i++) printf ",c%d", i; print "";
             for (r = 0; r < 5; r++) { printf "%d", r;
                 for (i = 0; i < n; i++) printf ",%g", r * 0.1 + i * 1e-4; print "" } }' > wide.csv
plots wide-10100-columns wide.csv
nrn-plot -W 60 -H 12 -y c10099 wide.csv > out.txt 2> err.txt
check_eq wide-last-column "$? $(cat err.txt)" "0 "
