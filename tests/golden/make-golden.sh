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
# Every NAME.py here is a golden; its output is NAME.txt when that file exists, else NAME.csv.
all=""
for py in "$dir"/*.py; do
    name=$(basename "$py" .py); case $name in _*) continue;; esac  # _NAME.py: shared code, not a golden
    if [ -f "$dir/$name.txt" ]; then all="$all $name:txt"; else all="$all $name:csv"; fi
done
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
