# Makefile: builds libnrn, the Tcl layer and every command; runs tests, benchmarks and demos.
#
# ---- settings: override on the command line (make SAN=address V=1 PREFIX=... O=...) ----
CC      ?= cc
CFLAGS  ?= -O2 -g
PREFIX  ?= /usr/local
DESTDIR ?=
O       ?= build
BIN     ?= bin
SAN     ?=
WARN     = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wwrite-strings
# -ffp-contract=off and no -ffast-math: keep NEURON's floating-point arithmetic, bit for bit.
STD      = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -ffp-contract=off -fPIC
#
# ---- nothing to change below ----
#
# Each module has a module.mk that appends to these variables:
#   PROGRAMS    commands built into bin/ (with a link rule made by $(call program,...))
#   UNIT_TESTS  cmocka test binaries built into $(O)/tests/ (run by tests/run.sh)
#   CLEAN_EXTRA more things to delete on make clean
# and defines its link rules with:  $(eval $(call program,OUTPUT,SOURCES,ARCHIVES,LDLIBS))
# Sources compile with ALL_CFLAGS plus MOD_CFLAGS_<dir> where a module needs more.
Q          = $(if $(V),,@)
SANFLAGS   = $(if $(SAN),-fsanitize=$(SAN) -fno-omit-frame-pointer -fno-sanitize-recover=all)
ALL_CFLAGS = $(STD) $(CFLAGS) $(WARN) $(SANFLAGS) -Isrc/engine
ALL_LDFLAGS = $(LDFLAGS) $(SANFLAGS)

TCL_CFLAGS := $(shell pkg-config --cflags tcl 2>/dev/null || echo -I/usr/include/tcl)
TCL_LIBS   := $(shell pkg-config --libs tcl 2>/dev/null || echo -ltcl8.6)
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)
CURSES_LIBS := $(shell pkg-config --libs ncursesw 2>/dev/null || echo -lncursesw)
SQLITE_LIBS := $(shell pkg-config --libs sqlite3 2>/dev/null || echo -lsqlite3)
CSV_LIBS    := -lcsv
CVODE_LIBS  := -lsundials_cvode -lsundials_nvecserial

PROGRAMS   :=
UNIT_TESTS :=
INSTALL_TARGETS :=
UNINSTALL_TARGETS :=
CLEAN_EXTRA :=
ALL_OBJS   :=

# Commands named bin/X in module.mk files are built into $(BIN)/X (make asan uses its own).
define program
$(patsubst bin/%,$(BIN)/%,$(1)): $(patsubst %.c,$(O)/%.o,$(2)) $(3)
	@mkdir -p $$(@D)
	$$(Q)$$(CC) $$(ALL_LDFLAGS) -o $$@ $(patsubst %.c,$(O)/%.o,$(2)) $(3) $(4)
ALL_OBJS += $(patsubst %.c,$(O)/%.o,$(2))
endef

.PHONY: all test check demo bench asan deps golden diffcheck install uninstall clean valgrind
all:

# Modules in dependency order: a module may use the variables of those before it.
MODULES := src/engine/module.mk src/mpi/module.mk src/tcl/module.mk src/plot/module.mk src/nmodl/module.mk \
           src/cli/module.mk src/cli/run/module.mk src/cli/build/module.mk \
           src/cli/sweep/module.mk src/cli/plot/module.mk src/tui/module.mk \
           tests/unit/module.mk tests/fuzz/module.mk
include $(MODULES)

all: $(patsubst bin/%,$(BIN)/%,$(PROGRAMS)) $(UNIT_TESTS)

$(O)/%.o: %.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) $(MOD_CFLAGS_$(firstword $(subst /, ,$(dir $<)))_$(word 2,$(subst /, ,$(dir $<)))) -MMD -MP -c $< -o $@

-include $(ALL_OBJS:.o=.d)

# Install the Debian packages the build and the tests need (no-op when present).
deps:
	$(Q)sh tools/deps.sh

test: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)O=$(O) BIN=$(BIN) sh tests/run.sh

check: test

# make fuzz (FUZZ_S seconds per harness, FUZZ=names): see tests/fuzz/module.mk.

asan:
	$(Q)$(MAKE) --no-print-directory O=build-asan BIN=build-asan/bin SAN=address,undefined CFLAGS="-O1 -g" test

demo: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)sh tools/demo.sh

bench: all
	$(Q)sh bench/run.sh

# Regenerate the NEURON reference files in tests/golden (needs NEURON 8.2.2 installed).
golden:
	$(Q)sh tools/deps.sh golden
	$(Q)sh tests/golden/make-golden.sh

# Random models against NEURON bit for bit (SEEDS=N per kind, default 200; needs NEURON).
diffcheck: all
	$(Q)sh tools/deps.sh golden
	$(Q)BIN=$(BIN) SEEDS=$(SEEDS) sh tests/diff/run.sh

# make install PREFIX=/usr/local DESTDIR=: commands, libnrn (static and shared), the public
# headers, nrn.pc, the Tcl package, man pages and shell completions (each module adds its part).
install: all $(INSTALL_TARGETS)
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/man/man1"
	for p in $(PROGRAMS); do install -m 755 $$p "$(DESTDIR)$(PREFIX)/bin/"; done
	for m in $(wildcard man/*.1); do install -m 644 $$m "$(DESTDIR)$(PREFIX)/share/man/man1/"; done
	install -d "$(DESTDIR)$(PREFIX)/share/bash-completion/completions" \
	    "$(DESTDIR)$(PREFIX)/share/zsh/site-functions" "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d"
	for c in $(wildcard completions/*.bash); do install -m 644 $$c \
	    "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/$$(basename $$c .bash)"; done
	for c in $(wildcard completions/_*); do install -m 644 $$c "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/"; done
	for c in $(wildcard completions/*.fish); do install -m 644 $$c "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/"; done

uninstall: $(UNINSTALL_TARGETS)
	for p in $(notdir $(PROGRAMS)); do rm -f "$(DESTDIR)$(PREFIX)/bin/$$p"; done
	for m in $(notdir $(wildcard man/*.1)); do rm -f "$(DESTDIR)$(PREFIX)/share/man/man1/$$m"; done

# The command-line tests under valgrind (memcheck; any error fails the run).
valgrind: all
	$(Q)VALGRIND="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect" O=$(O) BIN=$(BIN) sh tests/run.sh

clean:
	rm -rf $(O) build-asan $(PROGRAMS) $(CLEAN_EXTRA)
