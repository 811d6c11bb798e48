# armv7-mm: build, boot and test.
#
#   make [BOARD=name]   build build/<board>/kernel.elf and kernel.bin
#   make qemu           build and boot the board in QEMU, UART on this terminal
#   make test           every test: host unit tests, then each board's self-tests
#   make gdb            QEMU halted at the entry, gdb-multiarch attached
#   make bench          benchmarks under -icount shift=0 (deterministic counts)
#   V=1                 show the commands

BOARD          ?= vexpress-a9
CROSS_COMPILE  ?= arm-none-eabi-
V              ?= 0
BUILD          ?= build
O              := $(BUILD)/$(BOARD)
BOARDS         := $(patsubst board/%.mk,%,$(wildcard board/*.mk))
TEST_BOARDS    := vexpress-a9 realview-pb-a8 vexpress-a15
BENCH_BOARD    ?= vexpress-a15

ifeq ($(filter $(BOARD),$(BOARDS)),)
$(error unknown BOARD '$(BOARD)': choose one of $(BOARDS))
endif
include board/$(BOARD).mk

ifeq ($(V),1)
Q :=
else
Q := @
endif

CC      := $(CROSS_COMPILE)gcc
OBJCOPY := $(CROSS_COMPILE)objcopy
HOSTCC  ?= gcc

INCLUDES := -Iinclude -Iarch/arm/include -I.
CPPFLAGS := $(INCLUDES) -include board/$(BOARD).h -MMD -MP
ARCHFLAGS := -marm -march=armv7-a -mtune=cortex-a9 -mfloat-abi=soft
CFLAGS   := -std=gnu11 -O2 -g -Wall -Wextra -Werror -ffreestanding -fno-common \
            -fno-pie -fno-stack-protector -fno-strict-aliasing $(ARCHFLAGS)
ASFLAGS  := -g $(ARCHFLAGS) -D__ASSEMBLER__
LDFLAGS  := -nostdlib -static -Wl,--build-id=none -Wl,-z,max-page-size=4096 \
            -Wl,--no-warn-rwx-segments

KERNEL_DIRS := boot arch/arm/mmu arch/arm/kernel board drivers/serial kernel lib mm mm/buddy tests tests/target tests/bench
SRCS := $(foreach d,$(KERNEL_DIRS),$(wildcard $(d)/*.c) $(wildcard $(d)/*.S))
OBJS := $(patsubst %,$(O)/%.o,$(basename $(SRCS)))

all: $(O)/kernel.elf $(O)/kernel.bin

$(O)/%.o: %.c
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  CC      $@")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(O)/%.o: %.S
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  AS      $@")
	$(Q)$(CC) $(CPPFLAGS) $(ASFLAGS) -c $< -o $@

$(O)/linker.lds: linker.ld board/$(BOARD).h arch/arm/include/asm/memory.h
	@mkdir -p $(dir $@)
	$(Q)$(CC) -E -P -x c $(INCLUDES) -include board/$(BOARD).h -D__ASSEMBLER__ $< -o $@

# Relink when the list of objects changes too (a source file added or deleted).
$(O)/objects.list: FORCE
	@mkdir -p $(dir $@)
	@echo '$(OBJS)' | cmp -s - $@ || echo '$(OBJS)' > $@

$(O)/kernel.elf: $(OBJS) $(O)/linker.lds $(O)/objects.list
	$(if $(Q),@echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -T $(O)/linker.lds $(OBJS) -lgcc -o $@

$(O)/kernel.bin: $(O)/kernel.elf
	$(if $(Q),@echo "  OBJCOPY $@")
	$(Q)$(OBJCOPY) -O binary $< $@

-include $(OBJS:.o=.d)

# ---- running ----
# ARGS="ptdump ktest=faults" passes boot arguments; MEM=256M, SMP=4 and
# MACHINE=... override the board's QEMU defaults.
export MEM SMP MACHINE

deps:
	$(Q)scripts/install-deps

qemu: deps all
	$(Q)BUILD=$(BUILD) scripts/qemu-run $(BOARD) $(ARGS)

gdb: deps all
	BUILD=$(BUILD) scripts/gdb/run-gdb $(BOARD)

# ---- tests ----
HOST_O      := $(BUILD)/host
HOST_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror -fsanitize=address,undefined \
               -fno-sanitize-recover=all -iquote include -iquote arch/arm/include -iquote . \
               -DHOST_TEST -include tests/host/host_board.h
HOST_PORTABLE := arch/arm/mmu/pt_encode.c arch/arm/mmu/pt_walk.c arch/arm/mmu/pt_map.c \
                 kernel/cmdline.c mm/memblock.c tests/host/host_env.c
HOST_TESTS  := $(patsubst tests/host/%.c,$(HOST_O)/%,$(wildcard tests/host/test_*.c))

$(HOST_O)/test_%: tests/host/test_%.c $(HOST_PORTABLE) lib/vsprintf.c $(wildcard tests/host/*.h) $(wildcard arch/arm/mmu/*.h) $(wildcard include/*.h)
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  HOSTCC  $@")
	$(Q)$(HOSTCC) $(HOST_CFLAGS) $< $(HOST_PORTABLE) -lcmocka -o $@

test-host: deps $(HOST_TESTS)
	$(Q)set -e; for t in $(HOST_TESTS); do echo "== $$t"; $$t; done

test-boards: deps
	$(Q)for b in $(TEST_BOARDS); do $(MAKE) --no-print-directory BOARD=$$b all || exit 1; done

test-target: test-boards
	$(Q)BUILD=$(BUILD) prove -v --ext .ktest --exec scripts/ktest-run tests/target/

test-gdb: test-boards
	$(Q)BUILD=$(BUILD) scripts/gdb/test-gdb vexpress-a9 realview-pb-a8

test: test-host test-target test-gdb
	$(Q)echo "make test: all tests passed"

bench: deps
	$(Q)$(MAKE) --no-print-directory BOARD=$(BENCH_BOARD) all
	$(Q)BUILD=$(BUILD) scripts/bench-run $(BENCH_BOARD)

clean:
	rm -rf build

.PHONY: FORCE all deps qemu gdb test test-host test-boards test-target test-gdb bench clean
