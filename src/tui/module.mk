# src/tui/module.mk: nrn-tui, the interactive front end in the terminal (curses).
#   bin/nrn-tui   src/tui/*.c with the shared CLI helpers, the Tcl layer, the plotting
#                 library (traces, shape) and nrn-build's summary, over libnrn
#   $(O)/tests/test_tui_*   cmocka tests of the pure parts (layout, ANSI spans, line editor, wrapping)
MOD_CFLAGS_src_tui += $(TCL_CFLAGS) -Isrc/cli -Isrc/cli/build -Isrc/tcl -Isrc/plot
NRNTUI_SRCS := $(sort $(wildcard src/tui/*.c)) src/cli/build/build_summary.c \
               $(CLI_OPT_SRCS) $(CLI_TCL_SRCS) $(PLOT_LIB_SRCS)
PROGRAMS += bin/nrn-tui
$(eval $(call program,bin/nrn-tui,$(NRNTUI_SRCS),$(NRNTCL_LIB) $(O)/libnrn.a,$(NRNTCL_LIBS) $(CURSES_LIBS) $(PLOT_LIBS)))

TUI_TESTS := test_tui_layout test_tui_ansi test_tui_cmdline test_tui_wrap
$(eval $(call program,$(O)/tests/test_tui_layout,tests/unit/test_tui_layout.c src/tui/layout.c,,$(CMOCKA_LIBS)))
$(eval $(call program,$(O)/tests/test_tui_ansi,tests/unit/test_tui_ansi.c src/tui/ansi.c,,$(CMOCKA_LIBS)))
$(eval $(call program,$(O)/tests/test_tui_cmdline,tests/unit/test_tui_cmdline.c src/tui/cmdline.c,,$(CMOCKA_LIBS)))
$(eval $(call program,$(O)/tests/test_tui_wrap,tests/unit/test_tui_wrap.c src/tui/wrap.c,,$(CMOCKA_LIBS)))
UNIT_TESTS += $(addprefix $(O)/tests/,$(TUI_TESTS))
