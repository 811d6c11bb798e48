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
TEST_BOARDS    := vexpress-a9 vexpress-a15 realview-pb-a8 realview-pbx-a9 raspi2b virt
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

KERNEL_DIRS := boot arch/arm/mmu arch/arm/kernel board drivers/serial kernel lib mm mm/buddy mm/slab mm/vmalloc tests tests/target tests/bench
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
# Host builds of the portable code (tests/host): unit tests (cmocka, ASan+UBSan),
# the buddy fuzzer's standalone driver, `make fuzz` (libFuzzer) and `make bench-host`.
HOST_O        := $(BUILD)/host
HOST_INCLUDES := -iquote include -iquote arch/arm/include -iquote . \
                 -DHOST_TEST -include tests/host/host_board.h
HOST_WARN     := -std=gnu11 -g -Wall -Wextra -Werror
HOST_SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all
HOST_CFLAGS   := $(HOST_WARN) -O1 $(HOST_SANITIZE) $(HOST_INCLUDES)
# The page allocator and its fake memory map (no cmocka, no host_env.c).
HOST_BUDDY    := mm/buddy/buddy.c mm/buddy/page_alloc.c tests/host/buddy_env.c
HOST_PORTABLE := arch/arm/mmu/pt_encode.c arch/arm/mmu/pt_walk.c arch/arm/mmu/pt_map.c \
                 kernel/cmdline.c mm/memblock.c tests/host/host_env.c $(HOST_BUDDY)
HOST_HEADERS  := $(wildcard tests/host/*.h) $(wildcard arch/arm/mmu/*.h) \
                 $(wildcard mm/buddy/*.h) $(wildcard include/*.h)
HOST_TESTS    := $(patsubst tests/host/%.c,$(HOST_O)/%,$(wildcard tests/host/test_*.c))
# The fuzz target built with gcc and a main() running fixed pseudo-random inputs;
# an input that fails is kept in fuzz_buddy-failure.bin (replay: BIN FILE).
HOST_FUZZ_RUN := $(HOST_O)/fuzz_buddy_standalone

$(HOST_O)/test_%: tests/host/test_%.c $(HOST_PORTABLE) lib/vsprintf.c $(HOST_HEADERS)
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  HOSTCC  $@")
	$(Q)$(HOSTCC) $(HOST_CFLAGS) $< $(HOST_PORTABLE) -lcmocka -o $@

$(HOST_FUZZ_RUN): tests/host/fuzz_buddy.c $(HOST_BUDDY) $(HOST_HEADERS)
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  HOSTCC  $@")
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -DFUZZ_STANDALONE $< $(HOST_BUDDY) -o $@

test-host: deps $(HOST_TESTS) $(HOST_FUZZ_RUN)
	$(Q)set -e; export FUZZ_FAILURE_FILE=$(HOST_O)/fuzz_buddy-failure.bin; \
	for t in $(HOST_TESTS) $(HOST_FUZZ_RUN); do echo "== $$t"; $$t; done

# libFuzzer on the buddy allocator for FUZZ_SECONDS; the corpus grows in
# $(BUILD)/fuzz/buddy-corpus, a failing input is saved as $(BUILD)/fuzz/crash-*
# (replay it with $(HOST_FUZZ_RUN) FILE). FUZZ_ARGS adds libFuzzer options.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_ARGS    ?=
FUZZ_DIR     := $(BUILD)/fuzz
FUZZ_CFLAGS  := $(HOST_WARN) -O1 -fsanitize=fuzzer,address,undefined \
                -fno-sanitize-recover=all $(HOST_INCLUDES)

$(HOST_O)/fuzz_buddy: tests/host/fuzz_buddy.c $(HOST_BUDDY) $(HOST_HEADERS)
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  FUZZCC  $@")
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) $< $(HOST_BUDDY) -o $@

fuzz-deps:
	$(Q)scripts/install-deps fuzz

fuzz: fuzz-deps $(HOST_O)/fuzz_buddy
	@mkdir -p $(FUZZ_DIR)/buddy-corpus
	$(Q)$(HOST_O)/fuzz_buddy -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=30 -print_final_stats=1 \
		-artifact_prefix=$(FUZZ_DIR)/ $(FUZZ_ARGS) $(FUZZ_DIR)/buddy-corpus

# Host benchmarks: -O2, no sanitizers, instructions counted by callgrind
# (scripts/bench-host). Never part of `make test`.
HOST_BENCH_CFLAGS := $(HOST_WARN) -O2 $(HOST_INCLUDES)
HOST_BENCH_SRCS   := $(HOST_BUDDY)
HOST_BENCHES      := $(patsubst tests/host/%.c,$(HOST_O)/%,$(wildcard tests/host/bench_*.c))

$(HOST_O)/bench_%: tests/host/bench_%.c $(HOST_BENCH_SRCS) $(HOST_HEADERS)
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  HOSTCC  $@")
	$(Q)$(HOSTCC) $(HOST_BENCH_CFLAGS) $< $(HOST_BENCH_SRCS) -o $@

bench-host-deps:
	$(Q)scripts/install-deps bench-host

bench-host: bench-host-deps $(HOST_BENCHES)
	$(Q)HOSTCC=$(HOSTCC) BUILD=$(BUILD) scripts/bench-host $(HOST_BENCHES)

test-boards: deps
	$(Q)for b in $(TEST_BOARDS); do $(MAKE) --no-print-directory BOARD=$$b all || exit 1; done

test-target: test-boards
	$(Q)BUILD=$(BUILD) prove -j2 --ext .ktest --exec scripts/ktest-run tests/target/ || \
	{ for f in $$(grep -l -E '^ *not ok|FAIL' $(BUILD)/logs/*.log); do \
		echo "== $$f"; grep -E '^ *not ok|FAIL|Unhandled|panic' $$f | head -20; done; exit 1; }

test-gdb: test-boards
	$(Q)BUILD=$(BUILD) scripts/gdb/test-gdb vexpress-a9 realview-pb-a8

test: test-host test-target test-gdb
	$(Q)echo "make test: all tests passed"

bench: deps
	$(Q)$(MAKE) --no-print-directory BOARD=$(BENCH_BOARD) all
	$(Q)BUILD=$(BUILD) scripts/bench-run $(BENCH_BOARD)

clean:
	rm -rf build build-*

.PHONY: FORCE all deps qemu gdb test test-host test-boards test-target test-gdb bench clean \
        fuzz fuzz-deps bench-host bench-host-deps
