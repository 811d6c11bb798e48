# shellcheck shell=bash
# Shared shell helpers for the runner scripts. Source it; needs bash.
#   board_var BOARD NAME     value of NAME (QEMU_MACHINE, QEMU_MEM, QEMU_CPU, QEMU_SMP)
#                            in board/BOARD.mk
#   kernel_elf BOARD         path of the built kernel for BOARD
#   qemu_cmd BOARD MEM ARG.. fills the array QEMU_CMD: QEMU running the kernel with
#                            semihosting (exit status and the boot arguments ARG..).
#                            MACHINE (e.g. "vexpress-a15,secure=off") and SMP (CPU
#                            count) in the environment override the board's defaults.
#                            MEM_ARG=no leaves out the mem=MEM boot argument (the
#                            kernel then sizes RAM from a device tree or its board
#                            description); QEMU_EXTRA adds QEMU arguments at the end
#                            (split at white space, e.g. "-dtb $BUILD/x.dtb").
#                            QEMU_SERIAL replaces the console's "-serial stdio"
#                            (make shell: a chardev that passes Ctrl-C on).
#                            No network card (-nic none): the kernel has no
#                            network driver, and virt's default card needs a ROM
#                            file that only Debian's ipxe-qemu provides. No sound:
#                            the boards' PL041 gets the silent backend, so QEMU
#                            looks for no audio module and prints no warning.
#   unmarked_reports LOG     print the reports in a boot log that no test marked
#                            as expected (printk_expect_begin, KTEST_CASE_REPORTS):
#                            BUG: (and the slab's "BUG cache:"), WARNING:, ERROR:,
#                            a process's fault[N]: line,
#                            Unhandled ..., Kernel panic; status 0 if there are any.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-build}

board_var() {
	sed -n "s/^$2[[:space:]]*:*=[[:space:]]*//p" "$ROOT/board/$1.mk" | head -n1
}

kernel_elf() {
	case "$BUILD" in
	/*) echo "$BUILD/$1/kernel.elf" ;;
	*)  echo "$ROOT/$BUILD/$1/kernel.elf" ;;
	esac
}

qemu_cmd() {
	local board=$1 mem=$2 semi="enable=on,target=native,arg=kernel" a
	shift 2
	[ -n "$mem" ] || mem=$(board_var "$board" QEMU_MEM)
	# mem= tells the kernel how much RAM QEMU has (a device tree may tell it too).
	# A board whose CPU sees less than QEMU's -m (raspi2b: the VideoCore keeps the top 64 MB
	# of its 1 GB) says so with ARM_MEM; mem= is that, so the kernel has nothing to refuse.
	local kmem=$mem arm
	arm=$(board_var "$board" ARM_MEM)
	[ -n "$arm" ] && [ "$mem" = "$(board_var "$board" QEMU_MEM)" ] && kmem=$arm
	[ "${MEM_ARG:-yes}" = no ] || set -- "mem=$kmem" "$@"
	for a in "$@"; do semi="$semi,arg=${a//,/,,}"; done   # QEMU writes a comma as ",,"
	local cpu smp extra=()
	read -r -a extra <<<"${QEMU_EXTRA:-}"
	cpu=$(board_var "$board" QEMU_CPU)
	smp=${SMP:-$(board_var "$board" QEMU_SMP)}
	# shellcheck disable=SC2034  # QEMU_CMD is this function's result, for the caller
	QEMU_CMD=(qemu-system-arm -M "${MACHINE:-$(board_var "$board" QEMU_MACHINE)}" -m "$mem"
		${cpu:+-cpu "$cpu"} -smp "${smp:-1}" -nographic -nic none
		-audiodev "none,id=snd0" -global "pl041.audiodev=snd0" -monitor none -serial "${QEMU_SERIAL:-stdio}" -kernel "$(kernel_elf "$board")"
		-semihosting-config "$semi" "${extra[@]}")
}

unmarked_reports() {
	tr -d '\r' <"$1" | grep -E '^(BUG[: ]|WARNING: |ERROR: |fault\[[0-9]+\]: |Unhandled |Kernel panic)'
}
