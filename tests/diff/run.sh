#!/bin/sh
# make diffcheck: random models against NEURON 8.2.2, bit for bit (diff_neuron.py). Builds
# bench/nmodl's channels with nrn-build mod and with NEURON's nrnivmodl (tests/golden's
# _nrnmech_build.sh), then runs SEEDS models (default 200) of each kind: the built-in
# mechanisms on 1 and 2 threads, and with the translated channels on 1 and 2 threads; and
# SEEDS random SWC morphologies through load_swc and Import3d (diff_swc.py).
# Needs NEURON (python3-neuron, neuron-dev: tools/deps.sh golden); not part of make test,
# which runs where NEURON may be missing and must stay within CI's time.
set -u
cd "$(dirname "$0")/../.." || exit 1
BIN=${BIN:-bin}
SEEDS=${SEEDS:-200}
PY=/usr/bin/python3
export PYTHONDONTWRITEBYTECODE=1 # no __pycache__ beside the scripts (seeds.py is imported)
if ! "$PY" -c 'import neuron' >/dev/null 2>&1; then
    echo "diffcheck: $PY cannot import neuron; install NEURON (sh tools/deps.sh golden)" >&2
    exit 1
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$BIN/nrn-build" mod -o "$T/ours.so" bench/nmodl > "$T/build.log" 2>&1 &&
    sh tests/golden/_nrnmech_build.sh bench/nmodl "$T/nrn" >> "$T/build.log" 2>&1 || {
    echo "diffcheck: building bench/nmodl failed:" >&2; tail -5 "$T/build.log" >&2; exit 1; }
MOD="$T/ours.so:$T/nrn/x86_64/.libs/libnrnmech.so"
status=0
for th in 1 2; do
    "$PY" tests/diff/diff_neuron.py --bin "$BIN" --seeds "0:$SEEDS" --threads $th --dir "$T/b$th" || status=1
    "$PY" tests/diff/diff_neuron.py --bin "$BIN" --seeds "0:$SEEDS" --threads $th --dir "$T/m$th" --mod "$MOD" || status=1
done
"$PY" tests/diff/diff_swc.py --bin "$BIN" --seeds "0:$SEEDS" --dir "$T/swc" || status=1
# the scripts of a failing seed go with the temporary folder: keep them
[ $status = 0 ] || { mkdir -p diffcheck-failures && cp -r "$T"/b* "$T"/m* "$T"/swc diffcheck-failures/ 2>/dev/null;
    echo "diffcheck: the failing models' scripts are in diffcheck-failures/" >&2; }
exit $status
