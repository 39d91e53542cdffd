# src/engine/module.mk: libnrn, the engine library, with the built-in mechanisms.
ENGINE_SRCS := $(wildcard src/engine/*.c) $(wildcard mechanisms/*.c)
ENGINE_OBJS := $(patsubst %.c,$(O)/%.o,$(ENGINE_SRCS))
LIBNRN      := $(O)/libnrn.a
ALL_OBJS    += $(ENGINE_OBJS)

$(LIBNRN): $(ENGINE_OBJS)
	@mkdir -p $(@D)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

all: $(LIBNRN)

# The shared library and the pkg-config file for programs that link the engine.
LIBNRN_SO := $(O)/libnrn.so
$(LIBNRN_SO): $(ENGINE_OBJS)
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_LDFLAGS) -shared -Wl,-soname,libnrn.so.0 -o $@ $^ -lm

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
	install -m 644 src/engine/nrn.h src/engine/nrn_mech.h src/engine/nrn_mechlib.h "$(DESTDIR)$(PREFIX)/include/nrn/"
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(shell sed -n 's/^\#define NRN_VERSION "\(.*\)"/\1/p' src/engine/nrn.h)|' \
	    src/engine/nrn.pc.in > "$(DESTDIR)$(PREFIX)/lib/pkgconfig/nrn.pc"
uninstall-engine:
	rm -f "$(DESTDIR)$(PREFIX)/lib/libnrn.a" "$(DESTDIR)$(PREFIX)/lib/libnrn.so.0" \
	    "$(DESTDIR)$(PREFIX)/lib/libnrn.so" "$(DESTDIR)$(PREFIX)/lib/pkgconfig/nrn.pc" \
	    "$(DESTDIR)$(PREFIX)/include/nrn/nrn.h" "$(DESTDIR)$(PREFIX)/include/nrn/nrn_mech.h" \
	    "$(DESTDIR)$(PREFIX)/include/nrn/nrn_mechlib.h"
	-rmdir "$(DESTDIR)$(PREFIX)/include/nrn" 2>/dev/null
INSTALL_TARGETS += install-engine
UNINSTALL_TARGETS += uninstall-engine
