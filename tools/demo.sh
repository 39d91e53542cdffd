#!/bin/sh
# make demo: the classic Hodgkin-Huxley soma, simulated and plotted in the terminal.
set -e
cd "$(dirname "$0")/.."
echo "nrn-run recipes/hh.tcl | nrn-plot --title 'HH soma: 1 nA for 0.1 ms at 2 ms'" >&2
bin/nrn-run recipes/hh.tcl | bin/nrn-plot -y 'soma(0.5).v' --title 'HH soma: 1 nA for 0.1 ms at 2 ms'
