#!/bin/sh
# Regenerate the NEURON 8.2.2 reference outputs in this directory from their scripts.
# Usage: sh tests/golden/make-golden.sh [NAME ...]   (from any directory; default: all)
# Each NAME.py is run with /usr/bin/python3 (the Debian python with the neuron module); its stdout
# goes to a temp file that replaces NAME.csv / NAME.txt only if the script exited 0.
PY=/usr/bin/python3
dir=$(cd "$(dirname "$0")" && pwd) || exit 1
if ! "$PY" -c 'import neuron' >/dev/null 2>&1; then
    echo "make-golden.sh: $PY cannot import neuron; NEURON is not installed, nothing regenerated"
    exit 0
fi
# name:extension of every golden
all="hh_soma:csv passive_cable:csv ballstick_netstim:csv pt3d_geometry:txt
branched:csv branched_geom:txt mixed:csv celsius20:csv secondorder1:csv secondorder2:csv
two_cells:csv usetable0:csv cap_pts:csv topology_course:txt topology_misc:txt distance:txt geometry:txt
events_spec98:csv exp2syn:csv alphasynapse:csv seclamp:csv vclamp:csv play_seclamp:csv play_discrete:csv
intfire1_net:csv intfire2_net:csv intfire4_net:csv netcon_cells:csv spike_demo:csv savestate:csv
noise_netstim:txt"
status=0
for entry in $all; do
    name=${entry%:*}; ext=${entry#*:}
    if [ $# -gt 0 ]; then
        want=0; for a in "$@"; do [ "$a" = "$name" ] && want=1; done
        [ $want = 1 ] || continue
    fi
    out="$dir/$name.$ext"; tmp="$out.tmp.$$"
    if (cd "$dir" && "$PY" "$name.py") >"$tmp" 2>"$tmp.err"; then
        mv "$tmp" "$out"; rm -f "$tmp.err"
        echo "wrote $name.$ext ($(wc -l <"$out") lines)"
    else
        echo "FAILED: $name.py (output left unchanged); stderr:" >&2
        cat "$tmp.err" >&2; rm -f "$tmp" "$tmp.err"; status=1
    fi
done
exit $status
