# tests/unit/module.mk: the engine's cmocka unit tests (one binary per test_*.c here
# that is not claimed by another module: those are named test_plot_*, test_tcl_*, test_cli_*, test_tui_*).
ENGINE_TESTS := $(filter-out tests/unit/test_plot_% tests/unit/test_tcl_% tests/unit/test_cli_% tests/unit/test_tui_%,$(wildcard tests/unit/test_*.c))
$(foreach t,$(ENGINE_TESTS),$(eval $(call program,$(O)/tests/$(basename $(notdir $(t))),$(t),$(LIBNRN),$(CMOCKA_LIBS) $(CVODE_LIBS) -lm)))
UNIT_TESTS += $(foreach t,$(ENGINE_TESTS),$(O)/tests/$(basename $(notdir $(t))))
