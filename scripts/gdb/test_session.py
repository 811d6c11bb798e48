# gdb side of scripts/gdb/test-gdb: sourced by a batch gdb (after gdbinit)
# attached to a QEMU that is halted at the kernel's entry and booted with
# "gdbcheck ktest=off". It records what gdb sees in $GDBTEST_OUT, one fact
# per line, for scripts/gdb/test_compare.py to hold against the kernel:
#
#   entry pc=P elf=E symbol=S       where QEMU stopped, the ELF entry, boot-symbols' name for it
#   mmap pc=P want=W                the hbreak on __mmap_switched, across the MMU switch-on
#   early summary: ...              ptwalk $pc in head.S's early table
#   checkpoint R pc=P want=W        stopped in gdb_checkpoint() for round R
#   round R                         then, for round R:
#   summary: va=...                 ptwalk's summary line, one per address the kernel printed
#   ptdump| LINE                    gdb's ptdump
#   kernel exited                   the kernel halted instead of stopping again
#   session: complete | session-error: MESSAGE
#
# Environment: GDBTEST_REMOTE (target remote argument), GDBTEST_UART (the
# kernel's UART log, read for the addresses), GDBTEST_OUT.

import os
import re
import traceback

import gdb

MAX_ROUNDS = 4
OUT = open(os.environ["GDBTEST_OUT"], "w")


def emit(line):
    OUT.write(line + "\n")
    OUT.flush()


def run(cmd):
    return gdb.execute(cmd, to_string=True)


def pc():
    return int(gdb.parse_and_eval("$pc")) & 0xFFFFFFFF


def addr_of(sym):
    return int(gdb.parse_and_eval("(unsigned int)&%s" % sym)) & 0xFFFFFFFF


def summary_of(output):
    lines = [l for l in output.splitlines() if l.startswith("summary: ")]
    return lines[-1] if lines else "summary: (none) " + output.replace("\n", " | ")


def session():
    run("target remote " + os.environ["GDBTEST_REMOTE"])

    # The first instruction runs at the physical address, the ELF entry.
    entry_elf = addr_of("_start_phys")
    mmap_va = addr_of("__mmap_switched")
    checkpoint_va = addr_of("gdb_checkpoint")
    run("boot-symbols")
    sym = run("info symbol $pc").split(" in section")[0].strip()
    emit("entry pc=%08x elf=%08x symbol=%s" % (pc(), entry_elf, sym.split()[0]))

    # Cross the MMU switch-on with a hardware breakpoint on the virtual side.
    run("hbreak __mmap_switched")
    run("continue")
    emit("mmap pc=%08x want=%08x" % (pc(), mmap_va))
    emit("early " + summary_of(run("ptwalk $pc")))
    run("delete")
    run("boot-symbols off")

    # gdbcheck_run() stops in gdb_checkpoint() once per round.
    run("break gdb_checkpoint")
    for rnd in range(1, MAX_ROUNDS + 1):
        try:
            run("continue")
        except gdb.error as e:
            if rnd == 1:
                raise
            # After the last round the kernel halts and QEMU exits; gdb may
            # see that as a closed connection instead of an exit status.
            emit("kernel exited: %s" % e)
            break
        if not gdb.selected_inferior().threads():
            emit("kernel exited")
            break
        emit("checkpoint %d pc=%08x want=%08x" % (rnd, pc(), checkpoint_va))
        if pc() != checkpoint_va:
            break
        emit("round %d" % rnd)
        with open(os.environ["GDBTEST_UART"], "rb") as f:
            uart = f.read().decode("utf-8", "replace")
        block = re.search(r"^gdbcheck: round %d: .*?^gdbcheck: round %d done" % (rnd, rnd),
                          uart, re.M | re.S)
        vas = re.findall(r"^gdbcheck: va=([0-9a-f]{8}) ", block.group(0) if block else "",
                         re.M)
        for va in vas:
            emit(summary_of(run("ptwalk 0x" + va)))
        for line in run("ptdump").splitlines():
            emit("ptdump| " + line)
        run("mmuregs")           # must not fail on this board
    emit("session: complete")


try:
    session()
except Exception as e:      # recorded; the comparison reports it
    emit("session-error: %s: %s" % (type(e).__name__, e))
    emit("session-error: " + traceback.format_exc().replace("\n", " | "))
finally:
    OUT.close()
