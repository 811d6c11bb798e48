# armv7-mm: build, boot and test.
#
#   make [BOARD=name]   build build/<board>/kernel.elf, kernel.bin and uImage
#                       (raspi2b: also kernel7.img): the kernel alone, no test code
#   make KTEST=y        the test kernel in build/ktest/<board>: the same kernel plus
#                       its self-tests, benchmarks, test programs and gdb check
#   make qemu           build and boot the test kernel in QEMU, UART on this terminal
#                       (KTEST=n: the plain kernel)
#   make test           every test: host unit tests, each board's self-tests, the gdb
#                       check, the U-Boot boot, the LED seen from outside QEMU, the shell
#                       sessions and the docs' boot excerpts (scripts/docs-check)
#   make test-long      what takes longer than make test may: the soaks of
#                       tests/target/long/, and every board at every
#                       supported RAM size, with mem= and with nothing but -m
#   make check          static checks: every kernel and the host code built with strict
#                       warnings, the layer rule (scripts/check-layers), cppcheck,
#                       shellcheck, clang-format (.clang-format)
#   make shell          boot the plain kernel with init=/bin/sh: a shell on this terminal
#                       (Ctrl-C goes to the guest; exit, Ctrl-D or Ctrl-A X ends it)
#   make gdb            QEMU halted at the entry, gdb-multiarch attached
#   make bench          benchmarks under -icount shift=0 (deterministic counts)
#   make bench-smp      page-allocator pairs/s with 1, 2, 4 CPUs, multi-threaded TCG
#   make bench-host     host benchmarks of the portable allocators (callgrind)
#   make fuzz           libFuzzer on the buddy and slab allocators (FUZZ_SECONDS=60 each,
#                       FUZZ_TARGET=buddy|slab for one)
#   V=1                 show the commands

BOARD          ?= vexpress-a9
CROSS_COMPILE  ?= arm-none-eabi-
V              ?= 0
BUILD          ?= build
KTEST          ?= n
# The test kernels live apart, so that a plain build never mixes with them.
TBUILD         := $(BUILD)/ktest
# LAB_SOLUTIONS=y: the test kernel with the labs' reference solutions
# (labs/solutions/) instead of their starting points (labs/), for make
# test-labs only, in a directory of its own.
LAB_SOLUTIONS  ?= n
ifeq ($(LAB_SOLUTIONS),y)
TBUILD         := $(BUILD)/ktest-labsol
endif
# make bench measures the kernel as it ships: the test kernel's runners, but
# no lockdep-lite (its bookkeeping costs ~190 instructions a lock pair), built
# apart in $(BUILD)/bench/<board>.
BENCH_KERNEL   ?= n
ifeq ($(BENCH_KERNEL),y)
KTEST          := y
CONFIG_LOCKDEP := n
endif
BBUILD         := $(BUILD)/bench
O              := $(if $(filter y,$(BENCH_KERNEL)),$(BBUILD),$(if $(filter y,$(KTEST)),$(TBUILD),$(BUILD)))/$(BOARD)
# make qemu, gdb and bench run the test kernel unless KTEST is given.
RUN_KTEST      := $(if $(filter command line environment,$(origin KTEST)),$(KTEST),y)
RUN_BUILD      := $(if $(filter y,$(RUN_KTEST)),$(TBUILD),$(BUILD))
BOARDS         := $(filter-out sub,$(patsubst board/%.mk,%,$(wildcard board/*.mk)))
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

# Stricter than -Wall -Wextra, for target and host alike: every global function has a
# prototype in a header, no local hides a global, no old-style declarations.
WARN_STRICT := -Wmissing-prototypes -Wshadow -Wstrict-prototypes
INCLUDES := -Iinclude -Iarch/arm/include -I.
# The test kernel's sources find the runners' headers (ktest.h, bench.h) by name.
TEST_INCLUDES := -Itests -Ilabs
# lockdep-lite (include/lockdep.h): on in the test kernel, off in the plain one.
CONFIG_LOCKDEP ?= $(KTEST)
CPPFLAGS := $(INCLUDES) $(if $(filter y,$(KTEST)),$(TEST_INCLUDES)) -include board/$(BOARD).h -MMD -MP \
            $(if $(filter y,$(CONFIG_LOCKDEP)),-DCONFIG_LOCKDEP)
ARCHFLAGS := -marm -march=armv7-a -mtune=cortex-a9 -mfloat-abi=soft
# -funwind-tables: the EHABI tables a call trace is read from (arch/arm/kernel/unwind.c);
# they add no instruction to the code, unlike a frame pointer.
CFLAGS   := -std=gnu11 -O2 -g -Wall -Wextra -Werror $(WARN_STRICT) -ffreestanding -fno-common \
            -fno-pie -fno-stack-protector -fno-strict-aliasing -funwind-tables $(ARCHFLAGS)
ASFLAGS  := -g $(ARCHFLAGS) -D__ASSEMBLER__
LDFLAGS  := -nostdlib -static -Wl,--build-id=none -Wl,-z,max-page-size=4096 \
            -Wl,--no-warn-rwx-segments

# Each directory lists its sources in its sub.mk (src-y); the test kernel adds
# the directories of tests/ and the test programs of user/.
SUBDIRS := boot arch/arm/mmu arch/arm/kernel arch/arm/lib board drivers/serial drivers/irqchip init \
           drivers/block drivers/clocksource drivers/gpio drivers/virtio kernel kernel/proc lib mm \
           mm/buddy mm/dma mm/slab mm/vmalloc mm/user
ifeq ($(KTEST),y)
SUBDIRS += tests tests/target tests/bench $(if $(filter y,$(LAB_SOLUTIONS)),labs/solutions,labs)
endif
SRCS :=
define collect_subdir
src-y :=
include $(1)/sub.mk
SRCS += $$(addprefix $(1)/,$$(src-y))
endef
$(foreach d,$(SUBDIRS),$(eval $(call collect_subdir,$(d))))
OBJS := $(patsubst %,$(O)/%.o,$(basename $(SRCS))) $(O)/user_images.o

# User programs (user/*.c): static ELF files linked at 0x10000 with the small
# user library (user/lib, plus lib/'s printf and string functions), carried
# in the kernel image by the generated user_images.S. Every kernel carries the
# shell and its commands (USER_SHELL_PROGS: make qemu ARGS="init=/bin/sh");
# the test kernel also carries the test programs (every other user/*.c).
UO            := $(O)/user
USER_SHELL_PROGS := sh cat free kill led ls memstress ps
USER_PROGS    := $(USER_SHELL_PROGS) $(if $(filter y,$(KTEST)),$(filter-out $(USER_SHELL_PROGS),$(basename $(notdir $(wildcard user/*.c)))))
USER_ELFS     := $(patsubst %,$(UO)/%.elf,$(USER_PROGS))
USER_LIB_SRCS := user/lib/crt0.S user/lib/ulib.c lib/vsprintf.c lib/string.c
USER_CFLAGS   := -std=gnu11 -O2 -g -Wall -Wextra -Werror -ffreestanding -fno-common -fno-pie \
                 -fno-stack-protector -fno-strict-aliasing -fno-builtin $(ARCHFLAGS) -Iuser/include -Iinclude \
                 -DVSPRINTF_NO_SYMBOLS
USER_LDFLAGS  := -nostdlib -static -Wl,--build-id=none -Wl,-z,max-page-size=4096 \
                 -Wl,--no-warn-rwx-segments -T user/user.ld

all: $(O)/kernel.elf $(O)/kernel.bin

$(O)/%.o: %.c
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  CC      $@")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(O)/%.o: %.S
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  AS      $@")
	$(Q)$(CC) $(CPPFLAGS) $(ASFLAGS) -c $< -o $@

$(UO)/%.elf: user/%.c $(USER_LIB_SRCS) user/include/ulib.h $(wildcard user/*.h) user/user.ld include/uapi/unistd.h
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  USER    $@")
	$(Q)$(CC) $(USER_CFLAGS) $(USER_LDFLAGS) -o $@ $< $(USER_LIB_SRCS) -lgcc

$(O)/user_images.S: $(USER_ELFS) Makefile
	$(Q){ printf '/* Generated by the Makefile: the user programs (include/sched.h). */\n'; \
	  printf '\t.section .rodata.user_images, "a"\n\t.balign 4\n\t.global user_images, user_images_end\nuser_images:\n'; \
	  for p in $(USER_PROGS); do printf '\t.word name_%s, elf_%s, elf_%s_end\n' $$p $$p $$p; done; \
	  printf 'user_images_end:\n'; \
	  for p in $(USER_PROGS); do printf 'name_%s:\t.asciz "%s"\n\t.balign 4\nelf_%s:\t.incbin "%s"\nelf_%s_end:\n\t.balign 4\n' \
	    $$p $$p $$p $(UO)/$$p.elf $$p; done; } > $@

$(O)/user_images.o: $(O)/user_images.S
	$(Q)$(CC) $(ASFLAGS) -c $< -o $@

$(O)/linker.lds: linker.ld board/$(BOARD).h arch/arm/include/asm/memory.h
	@mkdir -p $(dir $@)
	$(Q)$(CC) -E -P -x c $(INCLUDES) -include board/$(BOARD).h -D__ASSEMBLER__ $< -o $@

# Relink when the list of objects changes too (a source file added or deleted).
$(O)/objects.list: FORCE
	@mkdir -p $(dir $@)
	@echo '$(OBJS)' | cmp -s - $@ || echo '$(OBJS)' > $@

# The symbol table for %pS (Linux's kallsyms, scripts/kallsyms): link once with
# an empty table, make the table from that kernel's symbols, link again with
# it. The table is in .rodata, after .text, so the code cannot move between
# the links: the second kernel's table must equal the one it carries, or the
# build fails (and leaves no kernel.elf behind).
NM := $(CROSS_COMPILE)nm

$(O)/kallsyms0.S: scripts/kallsyms
	@mkdir -p $(dir $@)
	$(Q)scripts/kallsyms --empty > $@

$(O)/kallsyms%.o: $(O)/kallsyms%.S
	$(Q)$(CC) $(ASFLAGS) -c $< -o $@

$(O)/kernel.tmp.elf: $(OBJS) $(O)/kallsyms0.o $(O)/linker.lds $(O)/objects.list
	$(if $(Q),@echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -T $(O)/linker.lds $(OBJS) $(O)/kallsyms0.o -lgcc -o $@

$(O)/kallsyms1.S: $(O)/kernel.tmp.elf scripts/kallsyms
	$(if $(Q),@echo "  KSYMS   $@")
	$(Q)scripts/kallsyms --nm $(NM) $< > $@.tmp && mv $@.tmp $@

$(O)/kernel.elf: $(OBJS) $(O)/kallsyms1.o $(O)/linker.lds $(O)/objects.list
	$(if $(Q),@echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -T $(O)/linker.lds $(OBJS) $(O)/kallsyms1.o -lgcc -o $@
	$(Q)scripts/kallsyms --nm $(NM) $@ | cmp -s - $(O)/kallsyms1.S || \
	{ echo "$@: the code moved between the links: its symbols differ from" \
		"$(O)/kallsyms1.S (scripts/kallsyms)" >&2; rm -f $@; exit 1; }

$(O)/kernel.bin: $(O)/kernel.elf
	$(if $(Q),@echo "  OBJCOPY $@")
	$(Q)$(OBJCOPY) -O binary $< $@

# Boot images for bootloaders (docs/hardware.md). Every board gets a uImage for
# U-Boot's bootm: loaded at PHYS_OFFSET + TEXT_OFFSET (from the board header,
# through cpp as for linker.lds) and entered at the ELF entry (_start's physical
# address). raspi2b also gets kernel7.img, the raw image that the Raspberry Pi
# firmware loads at 0x8000 and enters at its first byte.
READELF := $(CROSS_COMPILE)readelf
MKIMAGE ?= mkimage
BOOT_IMAGES := $(O)/uImage $(if $(filter raspi2b,$(BOARD)),$(O)/kernel7.img)
ELF_ENTRY = $$($(READELF) -h $(O)/kernel.elf | sed -n 's/^ *Entry point address: *//p')

all: $(BOOT_IMAGES)

# PHYS_OFFSET=0x... and LOAD_ADDR=0x..., for the recipes below to source.
$(O)/boot-addr.sh: board/$(BOARD).h arch/arm/include/asm/memory.h
	@mkdir -p $(dir $@)
	$(Q)vars=$$(printf 'phys=$$((PHYS_OFFSET))\nload=$$((PHYS_OFFSET + TEXT_OFFSET))\n' | \
		$(CC) -E -P -x c $(INCLUDES) -include board/$(BOARD).h -include asm/memory.h -D__ASSEMBLER__ -) && \
	eval "$$vars" && printf 'PHYS_OFFSET=0x%08x\nLOAD_ADDR=0x%08x\n' "$$phys" "$$load" > $@

$(O)/uImage: $(O)/kernel.bin $(O)/kernel.elf $(O)/boot-addr.sh
	$(if $(Q),@echo "  MKIMAGE $@")
	$(Q). $(O)/boot-addr.sh && $(MKIMAGE) -A arm -O linux -T kernel -C none -a $$LOAD_ADDR \
		-e $(ELF_ENTRY) -n armv7-mm-$(BOARD) -d $< $@ $(if $(Q),>/dev/null)

$(O)/kernel7.img: $(O)/kernel.bin $(O)/kernel.elf $(O)/boot-addr.sh
	$(if $(Q),@echo "  IMG     $@")
	$(Q). $(O)/boot-addr.sh && entry=$(ELF_ENTRY) && \
	if [ $$((PHYS_OFFSET)) -ne 0 ] || [ $$((LOAD_ADDR)) -ne $$((0x8000)) ] || [ $$((entry)) -ne $$((0x8000)) ]; then \
		echo "$@: the Pi firmware loads and enters kernel7.img at 0x8000 with RAM at 0, but" \
			"PHYS_OFFSET=$$PHYS_OFFSET, load $$LOAD_ADDR, entry $$entry" >&2; exit 1; fi
	$(Q)cp $< $@

-include $(OBJS:.o=.d)

# ---- running ----
# ARGS="ptdump ktest=faults" passes boot arguments; MEM=256M, SMP=4 and
# MACHINE=... override the board's QEMU defaults.
export MEM SMP MACHINE

deps:
	$(Q)scripts/install-deps

qemu: deps
	$(Q)$(MAKE) --no-print-directory KTEST=$(RUN_KTEST) all
	$(Q)BUILD=$(RUN_BUILD) scripts/qemu-run $(BOARD) $(ARGS)

# The shell as the first process, on the plain kernel unless KTEST=y is given. The
# console is a stdio chardev without signals, so Ctrl-C reaches the guest's tty
# (Ctrl-A X still quits QEMU).
SHELL_KTEST := $(if $(filter command line environment,$(origin KTEST)),$(KTEST),n)
shell: deps
	$(Q)$(MAKE) --no-print-directory KTEST=$(SHELL_KTEST) all
	$(Q)BUILD=$(if $(filter y,$(SHELL_KTEST)),$(TBUILD),$(BUILD)) QEMU_SERIAL=chardev:con0 \
		QEMU_EXTRA="-chardev stdio,id=con0,mux=on,signal=off $(QEMU_EXTRA)" \
		scripts/qemu-run $(BOARD) $(if $(filter y,$(SHELL_KTEST)),ktest=off) init=/bin/sh $(ARGS) || \
		true # QEMU ends with the shell's exit status: not make's failure

gdb: deps
	$(Q)$(MAKE) --no-print-directory KTEST=$(RUN_KTEST) all
	BUILD=$(RUN_BUILD) scripts/gdb/run-gdb $(BOARD)

# ---- tests ----
# Host builds of the portable code (tests/host): unit tests (cmocka, ASan+UBSan),
# the buddy fuzzer's standalone driver, `make fuzz` (libFuzzer) and `make bench-host`.
HOST_O        := $(BUILD)/host
HOST_INCLUDES := -iquote include -iquote arch/arm/include -iquote . \
                 -DHOST_TEST -include tests/host/host_board.h
HOST_WARN     := -std=gnu11 -g -Wall -Wextra -Werror $(WARN_STRICT)
HOST_SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all
HOST_CFLAGS   := $(HOST_WARN) -O1 $(HOST_SANITIZE) $(HOST_INCLUDES) -DCONFIG_LOCKDEP
# The page allocator and its fake memory map (no cmocka, no host_env.c).
HOST_BUDDY    := mm/buddy/buddy.c mm/buddy/page_alloc.c mm/buddy/vmstat.c mm/buddy/describe.c mm/buddy/fail_page_alloc.c lib/seq_file.c \
                 tests/host/buddy_env.c
HOST_PORTABLE := arch/arm/mmu/pt_encode.c arch/arm/mmu/pt_walk.c arch/arm/mmu/pt_map.c \
                 kernel/cmdline.c mm/memblock.c lib/fdt.c tests/host/host_env.c \
                 tests/host/host_printk.c tests/host/host_irq.c lib/lockdep.c $(HOST_BUDDY)
HOST_HEADERS  := kernel/printk_core.c kernel/printk_core.h $(wildcard tests/host/*.h) $(wildcard tests/*.h) $(wildcard arch/arm/include/asm/*.h) \
                 $(wildcard mm/buddy/*.h) $(wildcard mm/slab/*.h) $(wildcard mm/vmalloc/*.h) \
                 $(wildcard mm/user/*.h) \
                 $(wildcard include/*.h)
# The slab allocator over the page allocator's fake RAM (tests/host/slab_env.h):
# linked into test_slab*, fuzz_slab and bench_slab only. page->private holds the
# descriptor's address in 32 bits, so slab_env.c keeps fake RAM below 4 GB by
# wrapping buddy_env.c's aligned_alloc/free; PAGE_SIZE comes from asm/memory.h.
# A slot's free pointer is 4-byte aligned (a pointer's size on target), so UBSan's
# alignment check is off for these builds (x86-64 loads 8-byte pointers from anywhere).
HOST_SLAB     := mm/slab/slab.c mm/slab/slab_debug.c mm/slab/slab_shrinker.c mm/slab/kmalloc.c \
                 mm/slab/mempool.c mm/shrinker.c \
                 tests/host/slab_env.c
HOST_SLAB_CC_FLAGS := -include arch/arm/include/asm/memory.h -Wno-int-to-pointer-cast \
                 -fno-sanitize=alignment
HOST_SLAB_LD_FLAGS := -Wl,--wrap=aligned_alloc -Wl,--wrap=free
HOST_SLAB_FLAGS := $(HOST_SLAB_CC_FLAGS) $(HOST_SLAB_LD_FLAGS)
HOST_TESTS    := $(patsubst tests/host/%.c,$(HOST_O)/%,$(wildcard tests/host/test_*.c))
# The unit tests: every source compiled once into $(HOST_O)/obj, each test linked
# from its own object, HOST_PORTABLE's and its extra ones (slab, vmap_area).
host_obj       = $(patsubst %.c,$(HOST_O)/obj/%.o,$(1))
HOST_SLAB_TESTS := $(filter $(HOST_O)/test_slab%,$(HOST_TESTS))
$(HOST_SLAB_TESTS): $(call host_obj,$(HOST_SLAB))
$(HOST_SLAB_TESTS): HOST_TEST_LDFLAGS := $(HOST_SLAB_LD_FLAGS)
$(call host_obj,$(HOST_SLAB) $(patsubst $(HOST_O)/%,tests/host/%.c,$(HOST_SLAB_TESTS))): \
	HOST_OBJ_FLAGS := $(HOST_SLAB_CC_FLAGS)
$(HOST_O)/test_vmap_area: $(call host_obj,mm/vmalloc/vmap_area.c)
$(HOST_O)/test_asid: $(call host_obj,arch/arm/mmu/asid.c)
$(HOST_O)/test_ram_probe: $(call host_obj,mm/ram_probe.c)
$(HOST_O)/test_kallsyms: $(call host_obj,lib/kallsyms.c)
$(HOST_O)/test_unwind: $(call host_obj,arch/arm/kernel/unwind.c)
# The fuzz targets built with gcc and a main() running fixed pseudo-random inputs;
# an input that fails is kept in fuzz_<name>-failure.bin (replay: BIN FILE).
HOST_FUZZ_RUN := $(HOST_O)/fuzz_buddy_standalone $(HOST_O)/fuzz_slab_standalone
# What both fuzz targets link: the failure report, the standalone main() and printk.
HOST_FUZZ_MAIN := tests/host/fuzz_main.c tests/host/host_printk.c tests/host/host_irq.c lib/lockdep.c

$(HOST_O)/obj/%.o: %.c $(HOST_HEADERS)
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  HOSTCC  $@")
	$(Q)$(HOSTCC) $(HOST_CFLAGS) $(HOST_OBJ_FLAGS) -c $< -o $@

$(HOST_O)/obj/tests/host/test_vsprintf.o: lib/vsprintf.c
$(HOST_O)/obj/tests/host/host_printk.o: kernel/printk_core.c
.PRECIOUS: $(HOST_O)/obj/%.o

$(HOST_O)/test_%: $(HOST_O)/obj/tests/host/test_%.o $(call host_obj,$(HOST_PORTABLE))
	$(if $(Q),@echo "  HOSTLD  $@")
	$(Q)$(HOSTCC) $(HOST_SANITIZE) $(HOST_TEST_LDFLAGS) $^ -lcmocka -lpthread -o $@

$(HOST_O)/fuzz_buddy_standalone: tests/host/fuzz_buddy.c $(HOST_FUZZ_MAIN) $(HOST_BUDDY) $(HOST_HEADERS)
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  HOSTCC  $@")
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -DFUZZ_STANDALONE $< $(HOST_FUZZ_MAIN) $(HOST_BUDDY) -o $@

$(HOST_O)/fuzz_slab_standalone: tests/host/fuzz_slab.c $(HOST_FUZZ_MAIN) $(HOST_BUDDY) $(HOST_SLAB) $(HOST_HEADERS)
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  HOSTCC  $@")
	$(Q)$(HOSTCC) $(HOST_CFLAGS) $(HOST_SLAB_FLAGS) -DFUZZ_STANDALONE $< $(HOST_FUZZ_MAIN) $(HOST_BUDDY) $(HOST_SLAB) -o $@

test-host: deps $(HOST_TESTS) $(HOST_FUZZ_RUN)
	$(Q)set -e; for t in $(HOST_TESTS) $(HOST_FUZZ_RUN); do echo "== $$t"; \
	FUZZ_FAILURE_FILE=$$(echo $$t | sed 's/_standalone$$//')-failure.bin $$t; done

# libFuzzer on each FUZZ_TARGET (buddy, slab) for FUZZ_SECONDS; the corpus grows in
# $(BUILD)/fuzz/<target>-corpus, a failing input is saved as $(BUILD)/fuzz/<target>-crash-*
# (replay it with $(HOST_O)/fuzz_<target>_standalone FILE). FUZZ_ARGS adds libFuzzer options.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_TARGET  ?= buddy slab
FUZZ_ARGS    ?=
FUZZ_DIR     := $(BUILD)/fuzz
FUZZ_CFLAGS  := $(HOST_WARN) -O1 -fsanitize=fuzzer,address,undefined \
                -fno-sanitize-recover=all $(HOST_INCLUDES)

$(HOST_O)/fuzz_buddy: tests/host/fuzz_buddy.c $(HOST_FUZZ_MAIN) $(HOST_BUDDY) $(HOST_HEADERS)
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  FUZZCC  $@")
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) $< $(HOST_FUZZ_MAIN) $(HOST_BUDDY) -o $@

$(HOST_O)/fuzz_slab: tests/host/fuzz_slab.c $(HOST_FUZZ_MAIN) $(HOST_BUDDY) $(HOST_SLAB) $(HOST_HEADERS)
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  FUZZCC  $@")
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) $(HOST_SLAB_FLAGS) $< $(HOST_FUZZ_MAIN) $(HOST_BUDDY) $(HOST_SLAB) -o $@

fuzz-deps:
	$(Q)scripts/install-deps fuzz

fuzz: fuzz-deps $(foreach t,$(FUZZ_TARGET),$(HOST_O)/fuzz_$(t))
	$(Q)set -e; for t in $(FUZZ_TARGET); do mkdir -p $(FUZZ_DIR)/$$t-corpus; echo "== fuzz_$$t"; \
	$(HOST_O)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=30 -print_final_stats=1 \
		-artifact_prefix=$(FUZZ_DIR)/$$t- $(FUZZ_ARGS) $(FUZZ_DIR)/$$t-corpus; done

# Host benchmarks: -O2, no sanitizers, instructions counted by callgrind
# (scripts/bench-host). Never part of `make test`.
HOST_BENCH_CFLAGS := $(HOST_WARN) -O2 $(HOST_INCLUDES)
HOST_BENCH_SRCS   := tests/host/bench_main.c tests/host/host_printk.c tests/host/host_irq.c $(HOST_BUDDY)
HOST_BENCHES      := $(patsubst tests/host/%.c,$(HOST_O)/%,$(filter-out %/bench_main.c,$(wildcard tests/host/bench_*.c)))

$(HOST_O)/bench_slab: HOST_EXTRA_SRCS := $(HOST_SLAB)
$(HOST_O)/bench_slab: HOST_EXTRA_FLAGS := $(HOST_SLAB_FLAGS)
$(HOST_O)/bench_slab: $(HOST_SLAB)

$(HOST_O)/bench_%: tests/host/bench_%.c $(HOST_BENCH_SRCS) $(HOST_HEADERS)
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  HOSTCC  $@")
	$(Q)$(HOSTCC) $(HOST_BENCH_CFLAGS) $(HOST_EXTRA_FLAGS) $< $(HOST_BENCH_SRCS) $(HOST_EXTRA_SRCS) -o $@

bench-host-deps:
	$(Q)scripts/install-deps bench-host

bench-host: bench-host-deps $(HOST_BENCHES)
	$(Q)HOSTCC=$(HOSTCC) BUILD=$(BUILD) scripts/bench-host $(HOST_BENCHES)

test-boards: deps
	$(Q)for b in $(TEST_BOARDS); do $(MAKE) --no-print-directory KTEST=y BOARD=$$b all || exit 1; done

test-target: test-boards
	$(Q)BUILD=$(TBUILD) prove -j2 --ext .ktest --exec scripts/ktest-run tests/target/ || \
	{ for f in $$(grep -l -E '^ *not ok|FAIL' $(TBUILD)/logs/*.log); do \
		echo "== $$f"; grep -E '^ *not ok|FAIL|Unhandled|panic' $$f | head -20; done; exit 1; }

test-gdb: test-boards
	$(Q)BUILD=$(TBUILD) scripts/gdb/test-gdb vexpress-a9 realview-pb-a8

# Debian's U-Boot boots the virt uImage (bootm, device tree in r2): the kernel must
# get there, run its self-tests and exit 0 (scripts/uboot-run, tests/uboot/*.uboot).
test-uboot: test-boards
	$(Q)BUILD=$(TBUILD) prove -j2 --ext .uboot --exec scripts/uboot-run tests/uboot/

# The LED, seen from outside the guest: QEMU's monitor and PL061 trace (scripts/led-check).
test-led: test-boards
	$(Q)BUILD=$(TBUILD) prove -j2 --ext .led --exec scripts/led-check tests/led/

# The shell on the console, typed from outside QEMU character by character through the
# UART's receive interrupt (scripts/shell-check, tests/shell/*.session).
test-shell: test-boards
	$(Q)BUILD=$(TBUILD) prove -j2 --ext .session --exec scripts/shell-check tests/shell/ || \
	{ for f in $$(grep -l '^not ok' $(TBUILD)/logs/shell-*.log); do \
		echo "== $$f"; grep '^not ok' $$f; tail -n 30 $$f; done; exit 1; }

# The excerpts of README.md and docs/ that name the boot or host command printing
# them (a <!-- docs-check ... --> marker): each runs, each excerpt must match it.
# hardware.md quotes test-uboot's TAP: that run is reused, not repeated.
test-docs: test-boards test-uboot
	$(Q)for b in vexpress-a9 virt; do $(MAKE) --no-print-directory KTEST=n BOARD=$$b all || exit 1; done
	$(Q)BUILD=$(TBUILD) scripts/docs-check
	$(Q)scripts/draw-walk --from-doc docs/concepts.md | cmp -s - docs/images/walk.svg || \
	{ echo "docs/images/walk.svg is stale: scripts/draw-walk --from-doc docs/concepts.md -o docs/images/walk.svg"; exit 1; }
	$(Q)scripts/draw-buddy --from-doc docs/physical-memory.md | cmp -s - docs/images/buddy.svg || \
	{ echo "docs/images/buddy.svg is stale: scripts/draw-buddy --from-doc docs/physical-memory.md -o docs/images/buddy.svg"; exit 1; }
	$(Q)scripts/draw-slab --from-doc docs/slab.md | cmp -s - docs/images/slab.svg || \
	{ echo "docs/images/slab.svg is stale: scripts/draw-slab --from-doc docs/slab.md -o docs/images/slab.svg"; exit 1; }
	$(Q)scripts/draw-aspace --from-doc docs/user-space.md | cmp -s - docs/images/aspace.svg || \
	{ echo "docs/images/aspace.svg is stale: scripts/draw-aspace --from-doc docs/user-space.md -o docs/images/aspace.svg"; exit 1; }
	$(Q)scripts/draw-layout --from-doc docs/virtual-memory.md | cmp -s - docs/images/address-space.svg || \
	{ echo "docs/images/address-space.svg is stale: scripts/draw-layout --from-doc docs/virtual-memory.md -o docs/images/address-space.svg"; exit 1; }
	$(Q)scripts/draw-kmap --from-doc docs/virtual-memory.md | cmp -s - docs/images/kmap.svg || \
	{ echo "docs/images/kmap.svg is stale: scripts/draw-kmap --from-doc docs/virtual-memory.md -o docs/images/kmap.svg"; exit 1; }

# The labs (docs/labs/): make lab-NAME builds the test kernel and runs that
# lab's check; make test-labs requires each check to fail on its starting point
# (labs/NAME.c as shipped, by its checksum in labs/start.sha256; a file you
# changed is left out) and to pass with the reference solution (labs/solutions/).
LABS := buddy fault slab-ctor kmap tlb
lab-%: deps
	$(Q)$(MAKE) --no-print-directory KTEST=y BOARD=vexpress-a9 all
	$(Q)BUILD=$(TBUILD) scripts/lab-check $*

test-labs: test-boards
	$(Q)$(MAKE) --no-print-directory KTEST=y LAB_SOLUTIONS=y BOARD=vexpress-a9 all
	$(Q)BUILD=$(TBUILD) SOLUTIONS=$(BUILD)/ktest-labsol scripts/lab-check --self-test $(LABS)

test: test-host test-target test-gdb test-uboot test-led test-shell test-docs test-labs
	$(Q)echo "make test: all tests passed"

# Every board at every RAM size it supports (scripts/ram-sweep), given by mem= and
# found with nothing but -m, plus the vmalloc= splits at the smallest size. A boot
# takes 30-70 s with two side by side on two cores; the limit leaves room for a
# loaded CI host (four vCPUs on a contended lock slow down tenfold there).
test-long: test-boards
	$(Q)BUILD=$(TBUILD) prove -j2 --ext .ktest --exec scripts/ktest-run tests/target/long/
	$(Q)BUILD=$(TBUILD) JOBS=2 NOMEM=yes VMALLOC=yes TIMEOUT=480 scripts/ram-sweep

# ---- static checks (make check, run by .ci/run) ----
# The compilers' warnings are on in every build (CFLAGS, HOST_WARN, with -Werror);
# check builds both kernels of every board and the host tests so none is missed,
# then runs cppcheck on the target and host configurations, shellcheck on the
# shell scripts and clang-format (dry run) on every C file.
CHECK_C_FILES := $(shell find boot arch board drivers init kernel labs lib mm tests user include -name '*.[ch]' | sort)
SHELL_SCRIPTS := scripts/bench-host scripts/bench-run scripts/bench-smp scripts/install-deps scripts/ktest-run \
                 scripts/qemu-run scripts/ram-sweep scripts/uboot-run scripts/lib.sh scripts/lab-check \
                 scripts/gdb/run-gdb scripts/gdb/step-count scripts/gdb/test-gdb tests/target/dts/make-dtb
CPPCHECK      := cppcheck --quiet --std=c11 --enable=warning,portability,performance \
                 --inline-suppr --suppress=missingIncludeSystem --error-exitcode=1 \
                 -U__ASSEMBLER__ --template='{file}:{line}: {severity}: {message} [{id}]'
# Linker-made section bounds (__start/__end arrays) are compared and subtracted on
# purpose: cppcheck cannot know they bound one section.
CPPCHECK_TARGET := $(CPPCHECK) --platform=unix32 -D__arm__ -UHOST_TEST \
                 --suppress=comparePointers --include=board/vexpress-a9.h $(INCLUDES) $(TEST_INCLUDES)
CPPCHECK_HOST := $(CPPCHECK) -DHOST_TEST --include=tests/host/host_board.h $(INCLUDES)

check-deps:
	$(Q)scripts/install-deps check

check: deps check-deps
	$(Q)for b in $(BOARDS); do for k in n y; do \
		$(MAKE) --no-print-directory KTEST=$$k BOARD=$$b all || exit 1; done; done
	$(Q)$(MAKE) --no-print-directory $(HOST_TESTS) $(HOST_FUZZ_RUN)
	$(Q)echo "  CPPCHECK target: boot arch board drivers init kernel lib mm tests"
	$(Q)$(CPPCHECK_TARGET) boot arch board drivers init kernel lib mm tests/target tests/bench tests/*.c
	$(Q)echo "  CPPCHECK host: tests/host"
	$(Q)$(CPPCHECK_HOST) tests/host
	$(Q)echo "  LAYERS  scripts/check-layers"
	$(Q)scripts/check-layers >/dev/null || scripts/check-layers
	$(Q)scripts/check-layers --svg $(BUILD)/layers.svg >/dev/null && cmp -s $(BUILD)/layers.svg docs/images/layers.svg || \
		{ echo "docs/images/layers.svg is stale: scripts/check-layers --svg docs/images/layers.svg"; exit 1; }
	$(Q)echo "  SHELLCHECK $(SHELL_SCRIPTS)"
	$(Q)shellcheck -x --source-path=SCRIPTDIR $(SHELL_SCRIPTS)
	$(Q)echo "  CLANG-FORMAT $(words $(CHECK_C_FILES)) files"
	$(Q)clang-format --dry-run -Werror $(CHECK_C_FILES)
	$(Q)echo "make check: all checks passed"

bench: deps
	$(Q)$(MAKE) --no-print-directory BENCH_KERNEL=y BOARD=$(BENCH_BOARD) all
	$(Q)BUILD=$(BBUILD) scripts/bench-run $(BENCH_BOARD)

# The SMP scaling figure: page-allocator pairs per second with 1, 2 and 4
# CPUs under multi-threaded TCG, wall clock (reported, never part of make test).
bench-smp: deps
	$(Q)$(MAKE) --no-print-directory BENCH_KERNEL=y BOARD=$(BENCH_BOARD) all
	$(Q)BUILD=$(BBUILD) scripts/bench-smp $(BENCH_BOARD)

clean:
	rm -rf build build-*

.PHONY: FORCE all deps qemu shell gdb test test-long check check-deps test-host test-boards test-target test-gdb test-uboot test-led test-shell test-docs test-labs bench bench-smp clean \
        fuzz fuzz-deps bench-host bench-host-deps
