#!/bin/sh
# _nrnmech_build.sh SRCDIR OUTDIR: builds SRCDIR's .mod files with NEURON 8.2.2's nrnivmodl into
# OUTDIR/x86_64/.libs/libnrnmech.so, for the golden scripts of translated mechanisms. Debian's
# nrnivmodl (package neuron-dev) looks for its makefile in the wrong place and its headers include
# a missing InterViews header, so when plain nrnivmodl fails this runs its make step itself with
# the right paths and a stub header (the recipe of the project's shared nmodl/neuron-build-set.sh).
set -u
src=$(cd "$1" && pwd) || exit 1
out=$2
rm -rf "$out" && mkdir -p "$out" && cp "$src"/*.mod "$out"/ || exit 1
cd "$out" || exit 1
if nrnivmodl > nrnivmodl.log 2>&1 && [ -f x86_64/.libs/libnrnmech.so ]; then exit 0; fi
mk=$(dpkg -L neuron-dev | grep '/nrnmech_makefile$' | head -1)
lib=$(dirname "$(dpkg -L neuron | grep '/libnrniv.so$' | head -1)")
mkdir -p x86_64/stubinc
printf '#include <iostream>\n#include <fstream>\n' > x86_64/stubinc/ivstream.h
objs=""
for f in *.mod; do objs="$objs ./${f%.mod}.o"; done
cd x86_64 && CPLUS_INCLUDE_PATH="$PWD/stubinc" make -f "$mk" ROOT=/usr libdir="$lib" \
    MODOBJFILES="$objs" special >> ../nrnivmodl.log 2>&1
