# src/engine/module.mk: libnrn, the engine library, with the built-in mechanisms.
ENGINE_SRCS := $(wildcard src/engine/*.c) $(wildcard mechanisms/*.c)
ENGINE_OBJS := $(patsubst %.c,$(O)/%.o,$(ENGINE_SRCS)) $(O)/gen/exp_table.o
# Built-in mechanisms written in NMODL (mechanisms/NAME.mod): translated at build time by the
# translator, built first as a tool (NMODLC, src/nmodl/module.mk), into $(O)/gen/mech/NAME.c
# with the descriptor nrn_mech_NAME, and compiled into libnrn like the hand-written ones.
NMODLC        := $(O)/gen/nmodlc
MECH_MODS     := $(wildcard mechanisms/*.mod)
MECH_GEN_OBJS := $(patsubst mechanisms/%.mod,$(O)/gen/mech/%.o,$(MECH_MODS))
ENGINE_OBJS   += $(MECH_GEN_OBJS)
LIBNRN      := $(O)/libnrn.a
# Mechanism kernels marked "#pragma omp simd" are vectorized (no OpenMP runtime is used);
# vectorizing never reorders floating-point operations, so the numbers stay the same.
MOD_CFLAGS_mechanisms_ := -fopenmp-simd
MOD_CFLAGS_src_engine := -fopenmp-simd
ALL_OBJS    += $(ENGINE_OBJS)

$(LIBNRN): $(ENGINE_OBJS)
	@mkdir -p $(@D)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

all: $(LIBNRN)

# exp_exact.c's table of 2^(k/128), computed at build time (tools/gen_exp_table.c says why).
$(O)/gen/gen_exp_table: tools/gen_exp_table.c
	@mkdir -p $(@D)
	$(Q)$(CC) -O2 -std=gnu11 -o $@ $< -lm
$(O)/gen/exp_table.c: $(O)/gen/gen_exp_table
	$(Q)$< > $@.tmp && mv $@.tmp $@
$(O)/gen/exp_table.o: $(O)/gen/exp_table.c
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

$(O)/gen/mech/%.c: mechanisms/%.mod $(NMODLC)
	@mkdir -p $(@D)
	$(Q)$(NMODLC) $< nrn_mech_$* $@
# (generated code may leave a name unused, e.g. a function's _args where it reads nothing)
$(O)/gen/mech/%.o: $(O)/gen/mech/%.c
	$(Q)$(CC) $(ALL_CFLAGS) $(MOD_CFLAGS_mechanisms_) -Wno-unused-variable -Wno-unused-parameter \
	    -Wno-unused-function -MMD -MP -c $< -o $@
.PRECIOUS: $(O)/gen/mech/%.c
ALL_OBJS += $(MECH_GEN_OBJS)

# The shared library and the pkg-config file for programs that link the engine.
LIBNRN_SO := $(O)/libnrn.so
$(LIBNRN_SO): $(ENGINE_OBJS)
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_LDFLAGS) -shared -Wl,-soname,libnrn.so.0 -o $@ $^ $(CVODE_LIBS) -lm -lpthread

$(O)/nrn.pc: src/engine/nrn.pc.in src/engine/nrn.h
	@mkdir -p $(@D)
	$(Q)sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(shell sed -n 's/^\#define NRN_VERSION "\(.*\)"/\1/p' src/engine/nrn.h)|' $< > $@

all: $(LIBNRN_SO) $(O)/nrn.pc

.PHONY: install-engine uninstall-engine
install-engine: $(LIBNRN) $(LIBNRN_SO) $(O)/nrn.pc
	install -d "$(DESTDIR)$(PREFIX)/lib/pkgconfig" "$(DESTDIR)$(PREFIX)/include/nrn"
	install -m 644 $(LIBNRN) "$(DESTDIR)$(PREFIX)/lib/libnrn.a"
	install -m 755 $(LIBNRN_SO) "$(DESTDIR)$(PREFIX)/lib/libnrn.so.0"
	ln -sf libnrn.so.0 "$(DESTDIR)$(PREFIX)/lib/libnrn.so"
	install -m 644 src/engine/nrn.h src/engine/nrn_mech.h src/engine/nrn_mechlib.h \
	    src/engine/nrn_exp_inline.h "$(DESTDIR)$(PREFIX)/include/nrn/"
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(shell sed -n 's/^\#define NRN_VERSION "\(.*\)"/\1/p' src/engine/nrn.h)|' \
	    src/engine/nrn.pc.in > "$(DESTDIR)$(PREFIX)/lib/pkgconfig/nrn.pc"
uninstall-engine:
	rm -f "$(DESTDIR)$(PREFIX)/lib/libnrn.a" "$(DESTDIR)$(PREFIX)/lib/libnrn.so.0" \
	    "$(DESTDIR)$(PREFIX)/lib/libnrn.so" "$(DESTDIR)$(PREFIX)/lib/pkgconfig/nrn.pc" \
	    "$(DESTDIR)$(PREFIX)/include/nrn/nrn.h" "$(DESTDIR)$(PREFIX)/include/nrn/nrn_mech.h" \
	    "$(DESTDIR)$(PREFIX)/include/nrn/nrn_mechlib.h" "$(DESTDIR)$(PREFIX)/include/nrn/nrn_exp_inline.h"
	-rmdir "$(DESTDIR)$(PREFIX)/include/nrn" 2>/dev/null
INSTALL_TARGETS += install-engine
UNINSTALL_TARGETS += uninstall-engine
