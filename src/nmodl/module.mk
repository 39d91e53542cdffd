# src/nmodl/module.mk: libnmodl, the NMODL translator (lexer, parser, tree printer; later the
# checks and the C generator). No engine, no Tcl: nrn-build mod and the Tcl layer link it.
NMODL_SRCS := $(wildcard src/nmodl/*.c)
NMODL_OBJS := $(patsubst %.c,$(O)/%.o,$(NMODL_SRCS))
LIBNMODL   := $(O)/libnmodl.a
ALL_OBJS   += $(NMODL_OBJS)

$(LIBNMODL): $(NMODL_OBJS)
	@mkdir -p $(@D)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

all: $(LIBNMODL)

# The translator as a build tool: it generates the built-in mechanisms of mechanisms/*.mod
# (src/engine/module.mk), so it links the translator only, never libnrn.
$(NMODLC): tools/nmodlc.c $(LIBNMODL)
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIBNMODL)

# make fuzz: the translator's harness (tests/fuzz/fuzz_nmodl.c) links these sources.
FUZZ_DEPS += $(NMODL_SRCS)
MOD_CFLAGS_tests_fuzz += -Isrc/nmodl
