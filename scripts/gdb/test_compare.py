#!/usr/bin/env python3
"""Compare gdb's page-table walks with the kernel's own (scripts/gdb/test-gdb).

    test_compare.py BOARD UART_LOG GDB_RESULTS

UART_LOG is the kernel's console from a boot with "gdbcheck": for each
round (TTBCR.N = 0, then 2) one line per address walked by mmu_walk_live()
(format in tests/gdbcheck.c) and the kernel's ptdump. GDB_RESULTS is what
scripts/gdb/test_session.py recorded with ptwalk and ptdump at each stop in
gdb_checkpoint(). Prints TAP (one test per round and address, plus the
session, early-boot and ptdump checks) and a summary line; exits 1 if
anything differs or is missing.
"""

import re
import sys

FIELDS = ("kind", "lvl", "pa", "l1", "l2", "ap", "texcb", "dom", "attrs")
SUMMARY = re.compile(r'va=(?P<va>[0-9a-f]{8}) kind=(?P<kind>\S+) lvl=(?P<lvl>\S+) '
                     r'pa=(?P<pa>\S+) l1=(?P<l1>\S+) l2=(?P<l2>\S+) ap=(?P<ap>\S+) '
                     r'texcb=(?P<texcb>\S+) dom=(?P<dom>\S+) attrs="(?P<attrs>[^"]*)"$')


class Tap:
    def __init__(self):
        self.results = []

    def check(self, ok, name, detail=()):
        self.results.append((ok, name, list(detail)))

    def report(self, board):
        print("1..%d" % len(self.results))
        for n, (ok, name, detail) in enumerate(self.results, 1):
            print("%s %d - %s" % ("ok" if ok else "not ok", n, name))
            for line in detail:
                print("#   " + line)
        failed = sum(1 for ok, _, _ in self.results if not ok)
        print("# test-gdb %s: %d passed, %d failed" % (board, len(self.results) - failed,
                                                      failed))
        return failed


def parse_summary(line):
    m = SUMMARY.search(line)
    return m.groupdict() if m else None


def main(board, uart_path, gdb_path):
    tap = Tap()
    uart = open(uart_path, "rb").read().decode("utf-8", "replace").replace("\r", "")
    try:
        gdb_lines = open(gdb_path).read().splitlines()
    except OSError:
        gdb_lines = []
    facts = {}
    for line in gdb_lines:
        key = line.split(" ", 1)[0]
        facts.setdefault(key, line)

    # The gdb session itself.
    errors = [l for l in gdb_lines if l.startswith("session-error:")]
    tap.check("session: complete" in gdb_lines and not errors,
              "gdb session ran to the end",
              errors or ([] if gdb_lines else ["no gdb results: gdb or QEMU hung or crashed"]))

    # Early boot: symbols at the physical entry, hbreak across the MMU switch-on.
    m = re.match(r"entry pc=(\w+) elf=(\w+) symbol=(\S+)", facts.get("entry", ""))
    tap.check(bool(m) and m.group(1) == m.group(2) and m.group(3) in ("_start", "_text", "_stext"),
              "halted at the ELF entry (physical), boot-symbols name it",
              [facts.get("entry", "entry: missing")])
    m = re.match(r"mmap pc=(\w+) want=(\w+)", facts.get("mmap", ""))
    tap.check(bool(m) and m.group(1) == m.group(2),
              "hbreak __mmap_switched stops at its virtual address after the MMU switch-on",
              [facts.get("mmap", "mmap: missing")])
    early = parse_summary(facts.get("early", ""))
    mm = m.group(1) if m else None
    tap.check(bool(early) and early["kind"] == "section" and mm is not None
              and early["va"] == mm and int(early["pa"], 16) & 0xFFFFF == int(mm, 16) & 0xFFFFF,
              "ptwalk in head.S's early table: __mmap_switched in a section",
              [facts.get("early", "early: missing")])

    # The kernel's rounds: its walks and its ptdump each time.
    missing = re.findall(r"^gdbcheck: sample mapping .* not made.*$", uart, re.M)
    tap.check(bool(re.search(r"^gdbcheck: \d+ sample mappings and a 40-bit", uart, re.M))
              and not missing, "kernel made all its sample mappings", missing)
    krounds = {}
    for m in re.finditer(r"^gdbcheck: round (\d+): (.*?)^gdbcheck: round \1 done, (\d+) "
                         r"addresses$", uart, re.M | re.S):
        body = m.group(2)
        walks = [parse_summary(l) for l in body.splitlines() if l.startswith("gdbcheck: va=")]
        dump = re.search(r"^gdbcheck: ptdump begin\n(.*?)^gdbcheck: ptdump end$", body,
                         re.M | re.S)
        krounds[int(m.group(1))] = {
            "head": body.splitlines()[0], "walks": walks, "count": int(m.group(3)),
            "dump": [l.rstrip() for l in dump.group(1).splitlines()] if dump else []}
    skipped = re.findall(r"^gdbcheck: round \d+ skipped.*$", uart, re.M)
    done = re.search(r"^gdbcheck: done, (\d+) rounds of (\d+) addresses$", uart, re.M)
    tap.check(bool(done) and sorted(krounds) == [1, 2] and not skipped
              and all(None not in r["walks"] and len(r["walks"]) == r["count"] > 0
                      for r in krounds.values()),
              "kernel printed both rounds (TTBCR.N = 0, then 2) completely",
              skipped + ([] if done else ["no 'gdbcheck: done' line: the kernel did not "
                                          "get there (booted with gdbcheck?)"]))

    # What gdb saw, per round.
    grounds = {}
    cur = None
    for line in gdb_lines:
        m = re.match(r"round (\d+)$", line)
        if m:
            cur = grounds.setdefault(int(m.group(1)), {"walks": {}, "dump": []})
        elif cur is not None and line.startswith("summary: "):
            g = parse_summary(line)
            if g:
                cur["walks"][g["va"]] = g
        elif cur is not None and line.startswith("ptdump|   "):
            cur["dump"].append(line[len("ptdump| "):].rstrip())

    for rnd in sorted(krounds):
        k_round, g_round = krounds[rnd], grounds.get(rnd, {"walks": {}, "dump": []})
        cp = [l for l in gdb_lines if l.startswith("checkpoint %d " % rnd)]
        m = re.match(r"checkpoint \d+ pc=(\w+) want=(\w+)", cp[0] if cp else "")
        tap.check(bool(m) and m.group(1) == m.group(2),
                  "round %d: gdb stopped in gdb_checkpoint() (%s)" % (rnd, k_round["head"]),
                  cp or ["checkpoint %d: missing" % rnd])
        for k in k_round["walks"]:
            if k is None:
                continue
            va, g = k["va"], g_round["walks"].get(k["va"])
            if g is None:
                tap.check(False, "round %d va %s: gdb walked it" % (rnd, va),
                          ["no ptwalk summary from gdb"])
                continue
            diffs = ["%s: kernel %s, gdb %s" % (f, k[f], g[f]) for f in FIELDS if k[f] != g[f]]
            what = k["kind"] if k["kind"] != "fault" else "fault at level %s" % k["lvl"]
            tap.check(not diffs, "round %d va %s: %s%s" % (
                rnd, va, what, "" if k["pa"] == "-" else " pa " + k["pa"]), diffs)

        # ptdump: gdb's runs against the kernel's pt_dump_kernel().
        kdump, gdump = k_round["dump"], g_round["dump"]
        detail = []
        for i in range(max(len(kdump), len(gdump))):
            kl = kdump[i] if i < len(kdump) else "(nothing)"
            gl = gdump[i] if i < len(gdump) else "(nothing)"
            if kl != gl:
                detail += ["kernel: " + kl.strip(), "gdb:    " + gl.strip()]
        tap.check(bool(kdump) and not detail,
                  "round %d: ptdump matches the kernel's (%d runs)" % (rnd, len(kdump)),
                  detail or ([] if kdump else ["no kernel ptdump in the UART log"]))

    return 1 if tap.report(board) else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
