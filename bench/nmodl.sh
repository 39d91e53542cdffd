#!/bin/sh
# bench/nmodl.sh: builds the 13-file channel set of bench/nmodl (NEURON's own demo and
# example mechanisms: hh-like channels, calcium channels, a pump, an exchanger, an AMPA
# synapse) into one library with `nrn-build mod`, and, when NEURON 8.2.2 is installed, with
# its nrnivmodl (through tests/golden/_nrnmech_build.sh, which works around the Debian
# package's broken paths; its make step is what nrnivmodl runs). Each side builds from
# scratch in a new folder, three times; the median wall time is printed, and the ratio.
set -u
cd "$(dirname "$0")/.." || exit 1
BIN=${BIN:-bin}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
[ -x "$BIN/nrn-build" ] || make --no-print-directory -s all >/dev/null
n=$(ls bench/nmodl/*.mod | wc -l)

# wall FILE CMD...: appends CMD's wall time in seconds to FILE; fails if CMD fails
wall() {
    f=$1; shift
    t0=$(date +%s.%N)
    "$@" > "$T/log" 2>&1 || { echo "failed: $*" >&2; tail -5 "$T/log" >&2; return 1; }
    t1=$(date +%s.%N)
    echo "$t0 $t1" | awk '{printf "%.3f\n", $2 - $1}' >> "$f"
}
median() { sort -n "$1" | sed -n 2p; }

for i in 1 2 3; do
    rm -rf "$T/ours" && mkdir "$T/ours"
    wall "$T/ours.t" "$BIN/nrn-build" mod -o "$T/ours/nrnmech.so" bench/nmodl || exit 1
done
ours=$(median "$T/ours.t")
printf '\nnrn-build mod, %d files (bench/nmodl), from scratch, median of 3: %s s\n' "$n" "$ours"
if command -v nrnivmodl >/dev/null 2>&1; then
    ok=1
    for i in 1 2 3; do
        wall "$T/nrn.t" sh tests/golden/_nrnmech_build.sh bench/nmodl "$T/nrn$i" || { ok=0; break; }
        [ -f "$T/nrn$i/x86_64/.libs/libnrnmech.so" ] || { ok=0; break; }
    done
    if [ $ok = 1 ]; then
        nrn=$(median "$T/nrn.t")
        printf 'NEURON nrnivmodl, same files, median of 3:            %s s   (ours/NEURON %s)\n' \
            "$nrn" "$(echo "$ours $nrn" | awk '{printf "%.2f", $1 / $2}')"
    else
        echo "NEURON nrnivmodl: the build failed (see above)"
    fi
else
    echo "NEURON nrnivmodl: not installed"
fi
