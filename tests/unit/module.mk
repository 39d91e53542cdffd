# tests/unit/module.mk: the engine's cmocka unit tests (one binary per test_*.c here
# that is not claimed by another module: those are named test_plot_*, test_tcl_*, test_cli_*, test_tui_*).
# test_blocks also links a user mechanism translated from tests/unit/mech/kx.mod.
ENGINE_TESTS := $(filter-out tests/unit/test_plot_% tests/unit/test_tcl_% tests/unit/test_cli_% tests/unit/test_tui_% tests/unit/test_blocks.c,$(wildcard tests/unit/test_*.c))
$(foreach t,$(ENGINE_TESTS),$(eval $(call program,$(O)/tests/$(basename $(notdir $(t))),$(t),$(LIBNRN),$(CMOCKA_LIBS) $(CVODE_LIBS) -lm)))
UNIT_TESTS += $(foreach t,$(ENGINE_TESTS),$(O)/tests/$(basename $(notdir $(t))))

$(O)/gen/testmech/%.c: tests/unit/mech/%.mod $(NMODLC)
	@mkdir -p $(@D)
	$(Q)$(NMODLC) $< nrn_mech_$* $@
$(O)/gen/testmech/%.o: $(O)/gen/testmech/%.c
	$(Q)$(CC) $(ALL_CFLAGS) $(MOD_CFLAGS_mechanisms_) -Wno-unused-variable -Wno-unused-parameter \
	    -Wno-unused-function -c $< -o $@
.PRECIOUS: $(O)/gen/testmech/%.c
$(eval $(call program,$(O)/tests/test_blocks,tests/unit/test_blocks.c,$(O)/gen/testmech/kx.o $(LIBNRN),$(CMOCKA_LIBS) $(CVODE_LIBS) -lm))
UNIT_TESTS += $(O)/tests/test_blocks
