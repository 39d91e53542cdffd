# test_exp_variants.sh: nrn_exp matches glibc's exp in both of glibc's builds. The unit test
# test_exp checks the variant glibc runs on this CPU; here glibc is told to ignore FMA and
# AVX2 (GLIBC_TUNABLES), so it falls back to its plain build, and test_exp must find that our
# plain variant agrees with it too.
. "$ROOT/tests/lib.sh"
t="$ROOT/${O:-build}/tests/test_exp"
if [ ! -x "$t" ]; then
    fail "exp_variants: test_exp built" "$t missing"
    exit 0
fi
GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX2,-FMA "$t" >"$TMP/out" 2>&1
check_eq "exp_variants: plain glibc build agrees" "$? $(grep -c '^\[  PASSED  \] 7 test' "$TMP/out")" "0 1"
