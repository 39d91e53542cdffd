# src/engine/module.mk: libnrn, the engine library, with the built-in mechanisms.
ENGINE_SRCS := $(wildcard src/engine/*.c) $(wildcard mechanisms/*.c)
ENGINE_OBJS := $(patsubst %.c,$(O)/%.o,$(ENGINE_SRCS))
LIBNRN      := $(O)/libnrn.a
ALL_OBJS    += $(ENGINE_OBJS)

$(LIBNRN): $(ENGINE_OBJS)
	@mkdir -p $(@D)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

all: $(LIBNRN)
