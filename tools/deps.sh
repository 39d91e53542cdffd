#!/bin/sh
# Installs the Debian packages the build, the tests and the NEURON references need, if missing.
# "deps.sh fuzz" installs what make fuzz needs besides (clang and its libFuzzer runtime);
# "deps.sh golden" what make golden and make diffcheck need besides the NEURON of the tests
# (neuron-dev: nrnivmodl and its headers, for the references of translated mechanisms).
set -e
PKGS="build-essential pkg-config libncurses-dev libcsv-dev libsqlite3-dev libsundials-dev tcl-dev tcl
libcmocka-dev sqlite3 tmux libxml2-utils neuron python3-neuron python3-numpy libopenmpi-dev openmpi-bin screen"
[ "${1:-}" = fuzz ] && PKGS="clang libclang-rt-dev"
[ "${1:-}" = golden ] && PKGS="$PKGS neuron-dev"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing$missing" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2
$SUDO apt-get install -y -qq --no-install-recommends $missing >&2
