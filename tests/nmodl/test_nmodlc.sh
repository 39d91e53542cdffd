#!/bin/sh
# test_nmodlc.sh: tools/nmodlc, the translator as the build tool of the built-in mechanisms:
# each mechanisms/*.mod gives C whose descriptor is nrn_mech_NAME (the extern of nrn_mech.h),
# and a file with an error gives its one line, exit 1 and no output file.
. "$(dirname "$0")/../lib.sh"
T="$ROOT/${O:-build}/gen/nmodlc"
[ -x "$T" ] || { fail nmodlc-built "no $T (make builds it before libnrn)"; exit 0; }
cd "$TMP" || exit 1
for f in "$ROOT"/mechanisms/*.mod; do
    n=$(basename "$f" .mod)
    if "$T" "$f" "nrn_mech_$n" "$n.c" 2> err && grep -q "^#define nrnmod_[A-Za-z0-9_]* nrn_mech_$n\$" "$n.c" &&
       grep -q "extern const nrn_mech_type.*nrn_mech_$n\b" "$ROOT/src/engine/nrn_mech.h"; then
        pass "nmodlc-$n"
    else
        fail "nmodlc-$n" "$(cat err)"
    fi
done
"$T" "$ROOT/tests/nmodl/bad/undeclared.mod" nrn_mech_x bad.c > out 2> err; rc=$?
check_eq nmodlc-error-status "$rc" 1
check_eq nmodlc-error-one-line "$(wc -l < err | tr -d ' ')" 1
check_grep nmodlc-error-names-file 'undeclared.mod:[0-9]+:[0-9]+: ' "$TMP/err"
[ ! -e bad.c ] && [ ! -e bad.c.tmp ] && pass nmodlc-error-no-output || fail nmodlc-error-no-output "$(ls)"
check_status nmodlc-usage 2 "$T" only-one-arg
