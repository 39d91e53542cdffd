# tests/unit/module.mk: the engine's cmocka unit tests (one binary per test_*.c here
# that is not claimed by another module: those are named test_plot_*, test_tcl_*, test_cli_*, test_tui_*).
ENGINE_TESTS := $(filter-out tests/unit/test_plot_% tests/unit/test_tcl_% tests/unit/test_cli_% tests/unit/test_tui_%,$(wildcard tests/unit/test_*.c))

# Mechanisms that only tests use (tests/unit/mech/NAME.mod), translated as the built-in ones
# are, with the descriptor nrn_testmech_NAME; a test that registers them lists their objects
# in TEST_MECHS_<test>.
TEST_MECH_OBJS := $(patsubst tests/unit/mech/%.mod,$(O)/gen/testmech/%.o,$(wildcard tests/unit/mech/*.mod))
TEST_MECHS_test_cable := $(O)/gen/testmech/kdrtab.o $(O)/gen/testmech/gleak.o
TEST_MECHS_test_units_step := $(O)/gen/testmech/usk.o
TEST_MECHS_test_blocks := $(O)/gen/testmech/kx.o
$(O)/gen/testmech/%.c: tests/unit/mech/%.mod $(NMODLC)
	@mkdir -p $(@D)
	$(Q)$(NMODLC) $< nrn_testmech_$* $@
$(O)/gen/testmech/%.o: $(O)/gen/testmech/%.c
	$(Q)$(CC) $(ALL_CFLAGS) $(MOD_CFLAGS_mechanisms_) -Wno-unused-variable -Wno-unused-parameter \
	    -Wno-unused-function -MMD -MP -c $< -o $@
.PRECIOUS: $(O)/gen/testmech/%.c
ALL_OBJS += $(TEST_MECH_OBJS)

$(foreach t,$(ENGINE_TESTS),$(eval $(call program,$(O)/tests/$(basename $(notdir $(t))),$(t),$(TEST_MECHS_$(basename $(notdir $(t)))) $(LIBNRN),$(CMOCKA_LIBS) $(CVODE_LIBS) -lm)))
UNIT_TESTS += $(foreach t,$(ENGINE_TESTS),$(O)/tests/$(basename $(notdir $(t))))

