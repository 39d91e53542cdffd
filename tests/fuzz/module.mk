# tests/fuzz/module.mk: the fuzz harnesses, one program per tests/fuzz/fuzz_NAME.c.
#   make fuzz [FUZZ_S=60] [FUZZ=swc asc]  builds them with clang's libFuzzer (in build-fuzz/)
#                            and runs each for FUZZ_S seconds (tests/fuzz/run.sh)
#   $(O)/fuzz-replay/NAME    the same harness with replay_main.c instead of libFuzzer, built
#                            by every build; tests/fuzz/test_fuzz_replay.sh (make test) feeds it
#                            tests/fuzz/corpus/NAME/ and tests/fuzz/regress/NAME/
# A new harness is one file: tests/fuzz/fuzz_NAME.c defining LLVMFuzzerTestOneInput, plus a
# seed corpus in tests/fuzz/corpus/NAME/. It links against FUZZ_DEPS (below) and libnrn; a
# parser outside those adds its library sources to FUZZ_DEPS (+=, in its own module.mk:
# this one is included last).
FUZZ_SRCS  := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES := $(patsubst tests/fuzz/fuzz_%.c,%,$(FUZZ_SRCS))
FUZZ_DEPS  += $(PLOT_LIB_SRCS) src/cli/sweep/sweep_plan.c src/cli/sweep/sweep_points.c src/cli/sweep/sweep_sha256.c \
              src/tcl/numfmt.c
FUZZ_DEPS_LIB := $(O)/libfuzzdeps.a
FUZZ_LIBS  := $(CSV_LIBS) $(CVODE_LIBS) -lm
MOD_CFLAGS_tests_fuzz += -Isrc/plot -Isrc/cli/sweep -Isrc/tcl
ALL_OBJS   += $(patsubst %.c,$(O)/%.o,$(FUZZ_DEPS) tests/fuzz/replay_main.c $(FUZZ_SRCS))

# (remade when a module adds sources to FUZZ_DEPS: the objects may be older than the archive)
$(FUZZ_DEPS_LIB): $(patsubst %.c,$(O)/%.o,$(FUZZ_DEPS)) $(MODULES)
	@mkdir -p $(@D)
	$(Q)rm -f $@ && $(AR) rcs $@ $(filter %.o,$^)

# The replay programs (every build, so make test and make asan run them).
FUZZ_REPLAY := $(addprefix $(O)/fuzz-replay/,$(FUZZ_NAMES))
$(O)/fuzz-replay/%: $(O)/tests/fuzz/fuzz_%.o $(O)/tests/fuzz/replay_main.o $(FUZZ_DEPS_LIB) $(LIBNRN)
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(FUZZ_LIBS)
all: $(FUZZ_REPLAY)

# The libFuzzer programs (make fuzz, with clang: every object built with coverage).
FUZZ_BIN := $(addprefix $(O)/fuzz/fuzz_,$(FUZZ_NAMES))
$(O)/fuzz/fuzz_%: $(O)/tests/fuzz/fuzz_%.o $(FUZZ_DEPS_LIB) $(LIBNRN)
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_LDFLAGS) -fsanitize=fuzzer -o $@ $^ $(FUZZ_LIBS)
.PHONY: fuzz fuzz-build
fuzz-build: $(FUZZ_BIN)

FUZZ_S ?= 60
FUZZ   ?= $(FUZZ_NAMES)
fuzz:
	$(Q)sh tools/deps.sh fuzz
	$(Q)$(MAKE) --no-print-directory O=build-fuzz BIN=build-fuzz/bin CC=clang \
	    SAN=address,undefined CFLAGS="-O1 -g -fsanitize=fuzzer-no-link" fuzz-build
	$(Q)FUZZ_S=$(FUZZ_S) sh tests/fuzz/run.sh build-fuzz $(FUZZ)

CLEAN_EXTRA += build-fuzz
# the harness objects are kept between runs (they are intermediates of two pattern rules)
.SECONDARY: $(patsubst %.c,$(O)/%.o,$(FUZZ_SRCS) tests/fuzz/replay_main.c)
