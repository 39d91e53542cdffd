# tests/unit/module.mk: the engine's cmocka unit tests (one binary per test_*.c here
# that is not claimed by another module: those are named test_plot_*, test_tcl_*, test_cli_*, test_tui_*).
ENGINE_TESTS := $(filter-out tests/unit/test_plot_% tests/unit/test_tcl_% tests/unit/test_cli_% tests/unit/test_tui_%,$(wildcard tests/unit/test_*.c))
# test_units_step links a user mechanism, tests/unit/usk.mod, translated at build time
ENGINE_TESTS_MOD := tests/unit/test_units_step.c
$(foreach t,$(filter-out $(ENGINE_TESTS_MOD),$(ENGINE_TESTS)),$(eval $(call program,$(O)/tests/$(basename $(notdir $(t))),$(t),$(LIBNRN),$(CMOCKA_LIBS) $(CVODE_LIBS) -lm)))
$(eval $(call program,$(O)/tests/test_units_step,tests/unit/test_units_step.c,$(O)/gen/test/usk.o $(LIBNRN),$(CMOCKA_LIBS) $(CVODE_LIBS) -lm))
UNIT_TESTS += $(foreach t,$(ENGINE_TESTS),$(O)/tests/$(basename $(notdir $(t))))

$(O)/gen/test/%.c: tests/unit/%.mod $(NMODLC)
	@mkdir -p $(@D)
	$(Q)$(NMODLC) $< nrn_mech_$* $@
$(O)/gen/test/%.o: $(O)/gen/test/%.c
	$(Q)$(CC) $(ALL_CFLAGS) $(MOD_CFLAGS_mechanisms_) -Wno-unused-variable -Wno-unused-parameter \
	    -Wno-unused-function -MMD -MP -c $< -o $@
.PRECIOUS: $(O)/gen/test/%.c
ALL_OBJS += $(O)/gen/test/usk.o
