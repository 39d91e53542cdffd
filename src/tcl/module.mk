# src/tcl/module.mk: the Tcl layer (libnrntcl) and its Tcl package; nrn-run itself is in src/cli/run/
#   $(O)/libnrntcl.a             the Tcl layer, linked into nrn-run (and later nrn-tui, nrn-sweep)
#   $(O)/tcl/nrn/libnrntcl.so    the same as a Tcl extension with libnrn inside, for tclsh:
#   $(O)/tcl/nrn/pkgIndex.tcl      TCLLIBPATH=$(O)/tcl tclsh, then package require nrn
#   install-tcl                  installs the package under $(PREFIX)/lib/tcltk/nrn (on
#                                Debian's Tcl search path for PREFIX /usr and /usr/local)
MOD_CFLAGS_src_tcl := $(TCL_CFLAGS) -Isrc/plot

NRNTCL_VERSION := $(shell sed -n 's/^\#define NRN_VERSION "\(.*\)"/\1/p' src/engine/nrn.h)
# vector read uses the plotting library's CSV reader (src/plot/csvin.c), as nrn-plot does.
NRNTCL_SRCS := $(wildcard src/tcl/*.c) src/plot/csvin.c
NRNTCL_OBJS := $(patsubst %.c,$(O)/%.o,$(NRNTCL_SRCS))
NRNTCL_LIB  := $(O)/libnrntcl.a
NRNTCL_PKG  := $(O)/tcl/nrn
NRNTCL_LIBS := $(TCL_LIBS) $(CSV_LIBS) $(CVODE_LIBS) -lm -ldl -lpthread -rdynamic
NRNTCL_TCLDIR = $(PREFIX)/lib/tcltk/nrn
ALL_OBJS += $(NRNTCL_OBJS)

$(NRNTCL_LIB): $(NRNTCL_OBJS)
	@mkdir -p $(@D)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

# The extension carries the engine inside it (libnrn's objects are built with -fPIC).
$(NRNTCL_PKG)/libnrntcl.so: $(NRNTCL_OBJS) $(O)/libnrn.a
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_LDFLAGS) -shared -Wl,-soname,libnrntcl.so -o $@ $(NRNTCL_OBJS) $(O)/libnrn.a $(NRNTCL_LIBS)

$(NRNTCL_PKG)/pkgIndex.tcl: src/tcl/pkgIndex.tcl.in src/engine/nrn.h
	@mkdir -p $(@D)
	$(Q)sed 's/@VERSION@/$(NRNTCL_VERSION)/' $< > $@

all: $(NRNTCL_LIB) $(NRNTCL_PKG)/libnrntcl.so $(NRNTCL_PKG)/pkgIndex.tcl

# Unit tests of the Tcl layer's helpers (cmocka).
TCL_UNIT := test_tcl_numfmt test_tcl_csvout
$(eval $(call program,$(O)/tests/test_tcl_numfmt,tests/unit/test_tcl_numfmt.c src/tcl/numfmt.c,,$(CMOCKA_LIBS) -lm))
$(eval $(call program,$(O)/tests/test_tcl_csvout,tests/unit/test_tcl_csvout.c src/tcl/csvout.c src/tcl/numfmt.c,,$(CMOCKA_LIBS) $(CSV_LIBS) -lm))
UNIT_TESTS += $(addprefix $(O)/tests/,$(TCL_UNIT))

# make install: the lead's install target depends on $(INSTALL_TARGETS).
.PHONY: install-tcl uninstall-tcl
install-tcl: $(NRNTCL_PKG)/libnrntcl.so $(NRNTCL_PKG)/pkgIndex.tcl $(BIN)/nrn-run
	install -d "$(DESTDIR)$(NRNTCL_TCLDIR)" "$(DESTDIR)$(PREFIX)/bin" \
	    "$(DESTDIR)$(PREFIX)/share/man/man1" "$(DESTDIR)$(PREFIX)/share/bash-completion/completions" \
	    "$(DESTDIR)$(PREFIX)/share/zsh/site-functions" "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d"
	install -m 755 $(NRNTCL_PKG)/libnrntcl.so "$(DESTDIR)$(NRNTCL_TCLDIR)/libnrntcl.so"
	install -m 644 $(NRNTCL_PKG)/pkgIndex.tcl "$(DESTDIR)$(NRNTCL_TCLDIR)/pkgIndex.tcl"
	install -m 755 $(BIN)/nrn-run "$(DESTDIR)$(PREFIX)/bin/nrn-run"
	install -m 644 man/nrn-run.1 "$(DESTDIR)$(PREFIX)/share/man/man1/nrn-run.1"
	install -m 644 completions/nrn-run.bash "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/nrn-run"
	install -m 644 completions/_nrn-run "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_nrn-run"
	install -m 644 completions/nrn-run.fish "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/nrn-run.fish"
uninstall-tcl:
	rm -f "$(DESTDIR)$(NRNTCL_TCLDIR)/libnrntcl.so" "$(DESTDIR)$(NRNTCL_TCLDIR)/pkgIndex.tcl" \
	    "$(DESTDIR)$(PREFIX)/bin/nrn-run" "$(DESTDIR)$(PREFIX)/share/man/man1/nrn-run.1" \
	    "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/nrn-run" \
	    "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_nrn-run" \
	    "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/nrn-run.fish"
	-rmdir "$(DESTDIR)$(NRNTCL_TCLDIR)" 2>/dev/null
INSTALL_TARGETS += install-tcl
UNINSTALL_TARGETS += uninstall-tcl
