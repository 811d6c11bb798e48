# armv7-mm gdb helpers: walk and dump the ARMv7-A short-descriptor page
# tables of a kernel running under QEMU, the way the MMU does.
#
#   ptwalk VA            one translation, level by level, from TTBR0/TTBR1/TTBCR
#   ptdump [START [END]] every mapping, merged into runs like the kernel's ptdump
#   mmuregs              SCTLR, TTBRs, TTBCR, DACR, fault registers, decoded
#   boot-symbols [off]   kernel symbols at the physical load address too
#   uart [N]             the last N lines of the UART log (make gdb)
#   $cp15("DFAR")        a CP15 register from the live bank, in expressions
#
# The tables are read from *physical* memory through QEMU's gdbstub
# ("maintenance packet Qqemu.PhyMemMode:1"), so the walk works whatever the
# MMU currently maps and never goes through the tables it is decoding.
#
# CP15 registers: on a CPU with Security Extensions that runs Secure (QEMU
# vexpress-a9, vexpress-a15, raspi2b) the live copies are the Secure bank,
# named with _S (TTBR0_EL1_S, TTBCR_S, ...); the plain names are the
# Non-secure copies and read 0. Without Security Extensions (realview-pb-a8,
# virt) only the plain names exist. The bank is found by trying.
#
# Source it from gdb (scripts/gdb/gdbinit does). Needs Python 3 in gdb.

import os

import gdb

PAGE_OFFSET = 0xC0000000
MASK32 = 0xFFFFFFFF

# ---------------------------------------------------------------------------
# CP15 registers
# ---------------------------------------------------------------------------

# Register names as QEMU's gdbstub exposes them: (Non-secure or only copy,
# Secure copy). Several alternatives where QEMU versions differ.
CP15_NAMES = {
    "SCTLR": (["SCTLR"], ["SCTLR_S"]),
    "TTBR0": (["TTBR0_EL1", "TTBR0"], ["TTBR0_EL1_S", "TTBR0_S"]),
    "TTBR1": (["TTBR1_EL1", "TTBR1"], ["TTBR1_EL1_S", "TTBR1_S"]),
    "TTBCR": (["TTBCR", "TCR_EL1"], ["TTBCR_S"]),
    "DACR": (["DACR"], ["DACR_S"]),
    "CONTEXTIDR": (["CONTEXTIDR_EL1", "CONTEXTIDR"], ["CONTEXTIDR_S"]),
    "DFSR": (["DFSR"], ["DFSR_S"]),
    "DFAR": (["DFAR"], ["DFAR_S"]),
    "IFSR": (["IFSR"], ["IFSR_S"]),
    "IFAR": (["IFAR"], ["IFAR_S"]),
    "PAR": (["PAR"], ["PAR_S"]),
    "VBAR": (["VBAR", "VBAR_EL1"], ["VBAR_S"]),
}


def _read_reg(name):
    """The register's value, or None if this target has no such register."""
    try:
        return int(gdb.selected_frame().read_register(name)) & MASK32
    except (ValueError, gdb.error):
        return None


def secure_bank():
    """True when the live CP15 registers are the Secure (_S) copies.

    The _S names exist only with Security Extensions. The CPU then runs
    Secure in Monitor mode or when SCR.NS (bit 0) is clear; the vexpress
    boards boot Secure and this kernel stays there.
    """
    if _read_reg("TTBR0_EL1_S") is None and _read_reg("SCTLR_S") is None:
        return False
    cpsr = _read_reg("cpsr") or 0
    if cpsr & 0x1F == 0x16:   # Monitor mode is always Secure
        return True
    for name in ("SCR", "SCR_S", "SCR_EL3"):
        scr = _read_reg(name)
        if scr is not None:
            return not scr & 1
    return True


def cp15(reg, secure=None):
    """(value, register name used) of the live copy of a CP15 register."""
    if secure is None:
        secure = secure_bank()
    plain, banked = CP15_NAMES[reg]
    for name in (banked if secure else plain):
        value = _read_reg(name)
        if value is not None:
            return value, name
    raise gdb.GdbError("cannot read %s: the target has no register named %s"
                       % (reg, " or ".join(banked if secure else plain)))


def require_target():
    if not gdb.selected_inferior().pid or not gdb.selected_inferior().threads():
        raise gdb.GdbError("no target: connect first (target remote ...)")


class TranslationRegs:
    """A snapshot of the registers a table walk starts from."""

    def __init__(self):
        require_target()
        self.secure = secure_bank()
        self.sctlr, self.sctlr_name = cp15("SCTLR", self.secure)
        self.ttbr0, self.ttbr0_name = cp15("TTBR0", self.secure)
        self.ttbr1, self.ttbr1_name = cp15("TTBR1", self.secure)
        self.ttbcr, self.ttbcr_name = cp15("TTBCR", self.secure)
        try:
            self.dacr, self.dacr_name = cp15("DACR", self.secure)
        except gdb.GdbError:
            self.dacr, self.dacr_name = None, None
        if self.ttbcr & (1 << 31):
            raise gdb.GdbError("TTBCR.EAE is set: the long-descriptor format is in "
                               "use, which this script does not decode")
        self.n = self.ttbcr & 7   # TTBCR.N

    def bank(self):
        return "Secure bank" if self.secure else "Non-secure/only bank"

    def warnings(self):
        """This decoder assumes SCTLR.TRE = SCTLR.AFE = 0, as the kernel sets."""
        notes = []
        if bit(self.sctlr, 28):
            notes.append("warning: SCTLR.TRE is set: TEX/C/B select PRRR/NMRR entries, "
                         "decoded here as if TEX remap were off")
        if bit(self.sctlr, 29):
            notes.append("warning: SCTLR.AFE is set: AP[0] is the access flag, "
                         "decoded here as a permission bit")
        return notes

    def table_for(self, va):
        """(TTBR name, TTBR value, L1 table base, L1 table size) for a VA.

        TTBCR.N = 0: TTBR0 translates everything with a 16 KB table.
        N > 0: VAs below 2^(32-N) use TTBR0 with a table of 16 KB >> N,
        the rest TTBR1 with a full 16 KB table (only its top part is used).
        """
        n = self.n
        if n == 0 or va >> (32 - n) == 0:
            size = 0x4000 >> n
            return "TTBR0", self.ttbr0, self.ttbr0 & ~(size - 1) & MASK32, size
        return "TTBR1", self.ttbr1, self.ttbr1 & ~0x3FFF & MASK32, 0x4000

    def l1_entry_addr(self, va):
        _, _, base, size = self.table_for(va)
        index = va >> 20
        return base | ((index << 2) & (size - 1))


# ---------------------------------------------------------------------------
# Physical memory
# ---------------------------------------------------------------------------

class PhysMem:
    """Reads physical memory while in use as a context manager:

        with PhysMem() as mem:
            mem.word(0x60004000)

    QEMU's gdbstub reads physical addresses after Qqemu.PhyMemMode:1; the
    mode is switched back off on the way out, even after an error, so the
    rest of the session sees virtual addresses again.
    """

    def __init__(self):
        self.cache = {}

    @staticmethod
    def _mode(on):
        reply = gdb.execute("maintenance packet Qqemu.PhyMemMode:%d" % on,
                            to_string=True)
        if '"OK"' not in reply:
            raise gdb.GdbError("the stub refused Qqemu.PhyMemMode (not QEMU?): "
                               + reply.strip())
        # gdb may hold memory it read in the other mode: forget it.
        gdb.execute("maintenance flush dcache", to_string=True)

    def __enter__(self):
        self._mode(1)
        return self

    def __exit__(self, *exc):
        self._mode(0)
        return False

    def read(self, addr, length):
        try:
            return bytes(gdb.selected_inferior().read_memory(addr, length))
        except gdb.MemoryError:
            raise gdb.GdbError("cannot read physical memory at %08x" % addr)

    def word(self, addr):
        """A 32-bit little-endian word; 1 KB blocks are cached for ptdump."""
        block = addr & ~0x3FF
        if block not in self.cache:
            self.cache[block] = self.read(block, 0x400)
        off = addr - block
        return int.from_bytes(self.cache[block][off:off + 4], "little")


# ---------------------------------------------------------------------------
# Descriptor decoding (ARM ARM B3.5; TEX remap and access flag off)
# ---------------------------------------------------------------------------

def bit(value, n):
    return (value >> n) & 1


def bits(value, hi, lo):
    return (value >> lo) & ((1 << (hi - lo + 1)) - 1)


KIND_SIZE = {"supersection": 1 << 24, "section": 1 << 20,
             "large page": 1 << 16, "small page": 1 << 12}

# Fault status codes a failed walk produces (DFSR/IFSR FS field).
FS_TRANSLATION_SECTION = 0x05
FS_TRANSLATION_PAGE = 0x07

FAULT_NAMES = {
    0x01: "alignment fault", 0x02: "debug event",
    0x03: "access flag fault (section)", 0x04: "instruction cache maintenance fault",
    0x05: "translation fault (section)", 0x06: "access flag fault (page)",
    0x07: "translation fault (page)", 0x08: "synchronous external abort",
    0x09: "domain fault (section)", 0x0B: "domain fault (page)",
    0x0C: "external abort on table walk (level 1)",
    0x0D: "permission fault (section)",
    0x0E: "external abort on table walk (level 2)",
    0x0F: "permission fault (page)", 0x10: "TLB conflict abort",
    0x16: "asynchronous external abort", 0x18: "asynchronous parity error",
    0x19: "synchronous parity error",
    0x1C: "parity error on table walk (level 1)",
    0x1E: "parity error on table walk (level 2)",
}

# Cache policies in the TEX[1:0] / C:B fields of "normal, TEX = 1xx".
CACHE_POLICY = {0: "NC", 1: "WBWA", 2: "WT", 3: "WB"}


def memory_type(texcb):
    """Name for TEX[2:0]:C:B (5 bits). The kernel's four types use the names
    its pgprot_describe() prints; the rest get descriptive names."""
    tex, cb = texcb >> 2, texcb & 3
    if tex == 0:
        # TEX=000: C:B 00 strongly-ordered, 01 shareable device,
        # 10 normal write-through, 11 normal write-back (no write-allocate)
        return ("strongly-ordered", "device", "normal-wt", "normal-wb")[cb]
    if tex == 1 and cb == 0:
        return "normal-nc"            # outer and inner non-cacheable
    if tex == 1 and cb == 3:
        return "normal"               # outer and inner write-back write-allocate
    if tex == 2 and cb == 0:
        return "device-nonshared"
    if tex & 4:                       # TEX=1BB: outer BB, inner CB
        return "normal(o:%s,i:%s)" % (CACHE_POLICY[tex & 3], CACHE_POLICY[cb])
    return "reserved(texcb=%02x)" % texcb


# APX:AP[1:0] -> (privileged, user) rights, with SCTLR.AFE = 0.
ACCESS = {
    0b000: ("--", "--"),   # no access
    0b001: ("RW", "--"),   # privileged only
    0b010: ("RW", "RO"),   # user read-only
    0b011: ("RW", "RW"),   # full access
    0b100: ("??", "??"),   # reserved
    0b101: ("RO", "--"),   # privileged read-only
    0b110: ("RO", "RO"),   # read-only (deprecated encoding)
    0b111: ("RO", "RO"),   # read-only
}


class Leaf:
    """The attributes of a section, supersection, large or small page."""

    def __init__(self, kind, desc, domain):
        self.kind = kind
        self.desc = desc
        self.domain = domain
        if kind in ("section", "supersection"):
            # L1: B[2] C[3] XN[4] AP[11:10] TEX[14:12] APX[15] S[16] nG[17] NS[19]
            self.xn = bit(desc, 4)
            self.tex = bits(desc, 14, 12)
            self.ap = bits(desc, 11, 10) | bit(desc, 15) << 2
            self.s, self.ng, self.ns = bit(desc, 16), bit(desc, 17), bit(desc, 19)
        elif kind == "large page":
            # L2 large: B[2] C[3] AP[5:4] APX[9] S[10] nG[11] TEX[14:12] XN[15]
            self.xn = bit(desc, 15)
            self.tex = bits(desc, 14, 12)
            self.ap = bits(desc, 5, 4) | bit(desc, 9) << 2
            self.s, self.ng, self.ns = bit(desc, 10), bit(desc, 11), None
        else:
            # L2 small: XN[0] B[2] C[3] AP[5:4] TEX[8:6] APX[9] S[10] nG[11]
            self.xn = bit(desc, 0)
            self.tex = bits(desc, 8, 6)
            self.ap = bits(desc, 5, 4) | bit(desc, 9) << 2
            self.s, self.ng, self.ns = bit(desc, 10), bit(desc, 11), None
        self.c, self.b = bit(desc, 3), bit(desc, 2)
        self.texcb = self.tex << 2 | self.c << 1 | self.b

    def key(self):
        """What must be equal for two pages to merge into one ptdump run."""
        return (self.kind, self.texcb, self.ap, self.xn, self.ng, self.s,
                self.domain, self.ns)

    def describe(self):
        """The kernel's pgprot_describe() wording: type, rights, XN, G, S, domain."""
        kern, user = ACCESS[self.ap]
        return "%s k:%s u:%s %s %s%s dom%u" % (
            memory_type(self.texcb), kern, user, "XN" if self.xn else "X ",
            "nG" if self.ng else "G", " S" if self.s else "", self.domain)

    def field_lines(self):
        kern, user = ACCESS[self.ap]
        lines = [
            "AP        APX=%d AP[1:0]=%d%d -> kernel %s, user %s" % (
                self.ap >> 2, bit(self.ap, 1), bit(self.ap, 0), kern, user),
            "TEX/C/B   %d%d%d/%d/%d -> %s" % (
                bit(self.tex, 2), bit(self.tex, 1), bit(self.tex, 0), self.c,
                self.b, memory_type(self.texcb)),
            "XN=%d  S=%d  nG=%d%s" % (self.xn, self.s, self.ng,
                                      "" if self.ns is None else "  NS=%d" % self.ns),
        ]
        return lines


# L1 descriptor type, bits[1:0]: 00 fault, 01 page table, 10 section or
# supersection (bit 18), 11 reserved (a translation fault for this walker,
# as for the kernel's).
L1_FAULT, L1_TABLE, L1_SECTION, L1_RESERVED = 0, 1, 2, 3


def l1_block(d, va):
    """(kind, PA of va, domain) for an L1 section or supersection descriptor."""
    if bit(d, 18):
        # Supersection, 16 MB: PA[31:24] in bits 31:24, PA[35:32] in bits
        # 23:20, PA[39:36] in bits 8:5 where a section has its domain. The
        # domain is always 0.
        pa = ((d & 0xFF000000) | (va & 0x00FFFFFF) |
              bits(d, 23, 20) << 32 | bits(d, 8, 5) << 36)
        return "supersection", pa, 0
    # Section, 1 MB: PA[31:20] in bits 31:20, domain in bits 8:5.
    return "section", (d & 0xFFF00000) | (va & 0x000FFFFF), bits(d, 8, 5)


def l2_page(d, va):
    """(kind, PA of va) for an L2 descriptor, or (None, None) for a fault.

    Bit 1 set: small page, 4 KB, PA[31:12] in bits 31:12 (bit 0 is XN).
    Bits[1:0] = 01: large page, 64 KB, PA[31:16] in bits 31:16, written to
    16 consecutive entries. Bits[1:0] = 00: fault.
    """
    if bit(d, 1):
        return "small page", (d & 0xFFFFF000) | (va & 0xFFF)
    if d & 3 == 0b01:
        return "large page", (d & 0xFFFF0000) | (va & 0xFFFF)
    return None, None


def l2_table_base(d):
    """An L1 page-table descriptor: the 1 KB L2 table at bits 31:10."""
    return d & 0xFFFFFC00


class Walk:
    """One translation: what each level read and what came out."""

    def __init__(self, va):
        self.va = va
        self.kind = "fault"
        self.level = 1
        self.pa = None
        self.leaf = None
        self.fault_status = None
        self.l1_index = va >> 20
        self.l1_addr = self.l1_desc = None
        self.l2_index = self.l2_addr = self.l2_desc = None
        self.domain = None
        self.notes = []        # (level, text) lines for the verbose report

    def summary(self):
        """One line in the format tests/gdbcheck.c prints (the test compares them)."""
        l2 = ("%08x:%08x" % (self.l2_addr, self.l2_desc)
              if self.l2_addr is not None else "-")
        head = "va=%08x kind=%s lvl=%d" % (self.va, self.kind.replace(" ", "-"),
                                           self.level)
        l1 = "l1=%08x:%08x l2=%s" % (self.l1_addr, self.l1_desc, l2)
        if self.kind == "fault":
            return '%s pa=- %s ap=- texcb=- dom=- attrs="-"' % (head, l1)
        return '%s pa=%010x %s ap=%x texcb=%02x dom=%u attrs="%s"' % (
            head, self.pa, l1, self.leaf.ap, self.leaf.texcb, self.leaf.domain,
            self.leaf.describe())


def walk(regs, mem, va):
    """The short-descriptor walk for va, reading tables through mem."""
    w = Walk(va)
    w.l1_addr = regs.l1_entry_addr(va)
    d = w.l1_desc = mem.word(w.l1_addr)

    l1_type = d & 3
    if l1_type == L1_SECTION:
        w.kind, w.pa, w.domain = l1_block(d, va)
        if w.kind == "supersection":
            w.notes.append((1, "type      supersection (bits[1:0]=10, bit 18=1), domain 0"))
            w.notes.append((1, "base      %010x (PA[39:24] from bits 8:5, 23:20, 31:24)"
                            % (w.pa & ~0xFFFFFF)))
        else:
            w.notes.append((1, "type      section (bits[1:0]=10, bit 18=0)"))
            w.notes.append((1, "domain    %d (bits 8:5)" % w.domain))
            w.notes.append((1, "base      %08x (PA[31:20])" % (d & 0xFFF00000)))
        w.leaf = Leaf(w.kind, d, w.domain)
        w.notes += [(1, line) for line in w.leaf.field_lines()]
        return w
    if l1_type != L1_TABLE:
        w.fault_status = FS_TRANSLATION_SECTION
        w.notes.append((1, "type      %s (bits[1:0]=%d%d)" % (
            "fault" if l1_type == L1_FAULT else "reserved", bit(d, 1), bit(d, 0))))
        return w

    # Page table: domain in bits 8:5, NS bit 3, PXN bit 2 (where implemented).
    w.domain = bits(d, 8, 5)
    w.level = 2
    w.notes.append((1, "type      page table (bits[1:0]=01)"))
    w.notes.append((1, "domain    %d (bits 8:5)" % w.domain))
    w.notes.append((1, "NS=%d  PXN=%d" % (bit(d, 3), bit(d, 2))))
    w.notes.append((1, "L2 table  %08x (bits 31:10)" % l2_table_base(d)))

    w.l2_index = (va >> 12) & 0xFF          # VA[19:12]
    w.l2_addr = l2_table_base(d) | w.l2_index << 2
    d = w.l2_desc = mem.word(w.l2_addr)

    kind, pa = l2_page(d, va)
    if kind is None:
        w.fault_status = FS_TRANSLATION_PAGE
        w.notes.append((2, "type      fault (bits[1:0]=00)"))
        return w
    w.kind, w.pa = kind, pa
    if kind == "small page":
        w.notes.append((2, "type      small page (bit 1=1)"))
        w.notes.append((2, "base      %08x (PA[31:12])" % (d & 0xFFFFF000)))
    else:
        w.notes.append((2, "type      large page (bits[1:0]=01)"))
        w.notes.append((2, "base      %08x (PA[31:16])" % (d & 0xFFFF0000)))
    w.leaf = Leaf(w.kind, d, w.domain)
    w.notes += [(2, line) for line in w.leaf.field_lines()]
    return w


# DACR: two bits per domain.
DOMAIN_ACCESS = {0: "no access (any access faults)",
                 1: "client (AP permissions checked)",
                 2: "reserved",
                 3: "manager (permissions not checked)"}


def access_check(leaf, dacr, user, write, fetch=False):
    """None if the access is allowed, else the fault status it raises.

    Order as in the MMU: the domain's DACR field first (no access: domain
    fault; manager: no further checks), then AP for a client domain, then XN
    for an instruction fetch.
    """
    page = leaf.kind in ("small page", "large page")
    access = (dacr >> (2 * leaf.domain)) & 3
    if access in (0, 2):
        return 0x0B if page else 0x09
    if access == 1:
        kern, usr = ACCESS[leaf.ap]
        rights = usr if user else kern
        if rights in ("--", "??") or (write and rights != "RW"):
            return 0x0F if page else 0x0D
    if fetch and leaf.xn:
        return 0x0F if page else 0x0D
    return None


def access_lines(leaf, dacr):
    def outcome(**kw):
        fs = access_check(leaf, dacr, **kw)
        return "ok" if fs is None else "%s (FS 0x%02x)" % (FAULT_NAMES[fs], fs)

    return ["kernel: read %s, write %s, execute %s" % (
                outcome(user=False, write=False), outcome(user=False, write=True),
                outcome(user=False, write=False, fetch=True)),
            "user:   read %s, write %s, execute %s" % (
                outcome(user=True, write=False), outcome(user=True, write=True),
                outcome(user=True, write=False, fetch=True))]


def parse_address(arg):
    """A gdb expression (number, symbol, $reg, pointer...) as a 32-bit VA."""
    if not arg.strip():
        raise gdb.GdbError("an address is needed")
    value = gdb.parse_and_eval(arg)
    code = value.type.strip_typedefs().code
    if code in (gdb.TYPE_CODE_ARRAY, gdb.TYPE_CODE_FUNC):
        value = value.address
    return int(value) & MASK32


# ---------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------

class PtWalk(gdb.Command):
    """Walk the live page tables for one virtual address, level by level.

Usage: ptwalk EXPR    (e.g. ptwalk 0xc0008000, ptwalk &swapper_pg_dir, ptwalk $pc)

Starts from TTBCR, TTBR0 and TTBR1 (the Secure _S copies on boards that boot
Secure), reads each descriptor from physical memory and decodes it: L1 index,
descriptor address and value, type, domain, AP/APX, TEX/C/B, XN, S, nG and
base address, then the same for L2, then the physical address and attributes
or the translation fault the MMU would raise. The last line, "summary:", is
in the format tests/gdbcheck.c prints."""

    def __init__(self):
        super().__init__("ptwalk", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        va = parse_address(arg)
        regs = TranslationRegs()
        with PhysMem() as mem:
            w = walk(regs, mem, va)
        out = []
        ttbr, ttbr_val, base, size = regs.table_for(va)
        names = (regs.ttbr0_name if ttbr == "TTBR0" else regs.ttbr1_name)
        out.append("VA %08x  (registers: %s)" % (va, regs.bank()))
        out.append("  %-11s %08x  MMU %s, TEX remap %s, access flag %s" % (
            regs.sctlr_name, regs.sctlr, "on" if regs.sctlr & 1 else "OFF: VA = PA now",
            "on" if bit(regs.sctlr, 28) else "off", "on" if bit(regs.sctlr, 29) else "off"))
        out.append("  %-11s %08x  N=%d: %s" % (
            regs.ttbcr_name, regs.ttbcr, regs.n,
            "TTBR0 translates every VA" if regs.n == 0 else
            "TTBR0 below %08x, TTBR1 above" % (1 << (32 - regs.n))))
        out.append("  %-11s %08x  L1 table at %08x (%d KB)" % (
            names, ttbr_val, base, size >> 10))
        out += ["  " + note for note in regs.warnings()]
        out.append("L1  index %03x = VA[31:20], descriptor at %08x = %08x" % (
            w.l1_index, w.l1_addr, w.l1_desc))
        out += ["    " + text for level, text in w.notes if level == 1]
        if w.l2_addr is not None:
            out.append("L2  index %02x = VA[19:12], descriptor at %08x = %08x" % (
                w.l2_index, w.l2_addr, w.l2_desc))
            out += ["    " + text for level, text in w.notes if level == 2]
        if w.kind == "fault":
            out.append("Result: %s (FS 0x%02x): an access to %08x aborts with "
                       "FAR = %08x" % (FAULT_NAMES[w.fault_status], w.fault_status,
                                       va, va))
        else:
            out.append("Result: VA %08x -> PA %08x, %s (%d KB)" % (
                va, w.pa, w.kind, KIND_SIZE[w.kind] >> 10))
            out.append("    %s" % w.leaf.describe())
            if regs.dacr is not None:
                access = (regs.dacr >> (2 * w.domain)) & 3
                out.append("    domain %d in %s (%08x): %s" % (
                    w.domain, regs.dacr_name, regs.dacr, DOMAIN_ACCESS[access]))
                out += ["    " + line for line in access_lines(w.leaf, regs.dacr)]
        out.append("summary: " + w.summary())
        gdb.write("\n".join(out) + "\n")


def leaves(regs, mem, start, end):
    """(va, size, pa, Leaf) for each mapped piece of [start, end), in order;
    (va, size, None, None) for holes. Pieces are 1 MB (L1) or 4 KB (L2)."""
    va = start
    while va < end:
        d = mem.word(regs.l1_entry_addr(va))
        mb_end = min((va | 0xFFFFF) + 1, end)
        if d & 3 == L1_SECTION:
            kind, pa, domain = l1_block(d, va)
            yield va, mb_end - va, pa, Leaf(kind, d, domain)
        elif d & 3 == L1_TABLE:
            while va < mb_end:
                p = mem.word(l2_table_base(d) | ((va >> 12) & 0xFF) << 2)
                step = min((va | 0xFFF) + 1, mb_end) - va
                kind, pa = l2_page(p, va)
                yield va, step, pa, Leaf(kind, p, bits(d, 8, 5)) if kind else None
                va += step
            continue
        else:
            yield va, mb_end - va, None, None
        va = mb_end


def mapping_runs(regs, mem, start, end):
    """Maximal runs of pieces with one kind and attributes, contiguous in
    both VA and PA: [va, pa, size, Leaf]."""
    run = None
    for va, size, pa, leaf in leaves(regs, mem, start, end):
        if leaf is None:
            if run:
                yield run
                run = None
            continue
        if run and run[3].key() == leaf.key() and run[0] + run[2] == va \
                and run[1] + run[2] == pa:
            run[2] += size
            continue
        if run:
            yield run
        run = [va, pa, size, leaf]
    if run:
        yield run


class PtDump(gdb.Command):
    """List every mapping of the live page tables.

Usage: ptdump [START [END]]    (default: the whole 4 GB)

Contiguous pieces with the same kind and attributes are merged, as in the
kernel's own dump (boot argument "ptdump"); each line shows the VA range,
the PA, the size, the descriptor kind and the attributes."""

    def __init__(self):
        super().__init__("ptdump", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        argv = gdb.string_to_argv(arg)
        start = parse_address(argv[0]) if argv else 0
        end = parse_address(argv[1]) if len(argv) > 1 else 1 << 32
        if end == 0:
            end = 1 << 32
        regs = TranslationRegs()
        with PhysMem() as mem:
            runs = list(mapping_runs(regs, mem, start & ~0xFFF, end))
        gdb.write("Page tables: %s=%08x %s=%08x %s=%08x (%s)\n" % (
            regs.ttbcr_name, regs.ttbcr, regs.ttbr0_name, regs.ttbr0,
            regs.ttbr1_name, regs.ttbr1, regs.bank()))
        for note in regs.warnings():
            gdb.write("  %s\n" % note)
        for va, pa, size, leaf in runs:
            gdb.write("  %08x-%08x -> %08x %8u KB %-12s %s\n" % (
                va, va + size - 1, pa, size >> 10, leaf.kind, leaf.describe()))


SCTLR_BITS = [(0, "M", "MMU"), (1, "A", "alignment check"), (2, "C", "D-cache"),
              (11, "Z", "branch prediction"), (12, "I", "I-cache"),
              (13, "V", "high vectors"), (28, "TRE", "TEX remap"),
              (29, "AFE", "access flag")]


def fault_text(fsr, data):
    status = (fsr & 0xF) | (bit(fsr, 10) << 4)
    if fsr == 0:
        return "no fault recorded"
    text = "status 0x%02x %s" % (status, FAULT_NAMES.get(status, "(unknown status)"))
    if data:
        text += ", %s, domain %d" % ("write" if bit(fsr, 11) else "read", bits(fsr, 7, 4))
    return text


class MmuRegs(gdb.Command):
    """Show the MMU's CP15 registers, decoded (live bank: _S on Secure boards).

Usage: mmuregs"""

    def __init__(self):
        super().__init__("mmuregs", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        require_target()
        secure = secure_bank()
        gdb.write("CP15 registers (%s)\n" % ("Secure bank, _S names" if secure
                                             else "Non-secure/only bank"))

        def show(reg, decode):
            try:
                value, name = cp15(reg, secure)
            except gdb.GdbError:
                gdb.write("  %-15s unavailable\n" % reg)
                return
            gdb.write("  %-15s %08x  %s\n" % (name, value, decode(value)))

        show("SCTLR", lambda v: " ".join(
            "%s=%d" % (short, bit(v, n)) for n, short, _ in SCTLR_BITS))
        show("TTBCR", lambda v: "N=%d EAE=%d PD0=%d PD1=%d" % (
            v & 7, bit(v, 31), bit(v, 4), bit(v, 5)))
        show("TTBR0", lambda v: "table %08x, walk attrs %02x" % (v & ~0x3FFF & MASK32, v & 0x7F))
        show("TTBR1", lambda v: "table %08x, walk attrs %02x" % (v & ~0x3FFF & MASK32, v & 0x7F))
        show("DACR", lambda v: " ".join(
            "d%d=%s" % (d, "-CRM"[(v >> 2 * d) & 3]) for d in range(16)
            if (v >> 2 * d) & 3) or "all domains no access")
        show("CONTEXTIDR", lambda v: "ASID %d, PROCID %d" % (v & 0xFF, v >> 8))
        show("DFSR", lambda v: fault_text(v, True))
        show("DFAR", lambda v: "faulting data address")
        show("IFSR", lambda v: fault_text(v, False))
        show("IFAR", lambda v: "faulting instruction address")
        show("PAR", lambda v: ("fault, FS 0x%02x" % bits(v, 6, 1)) if v & 1 else
             "PA %08x%s" % (v & ~0xFFF & MASK32, " (supersection)" if bit(v, 1) else ""))
        show("VBAR", lambda v: "vector base")
        gdb.write("  DACR: C = client, M = manager, R = reserved, unlisted = no access\n")


def kernel_elf():
    """The kernel ELF gdb was started with."""
    name = gdb.current_progspace().filename
    if not name:
        raise gdb.GdbError("no kernel ELF loaded (file build/<board>/kernel.elf)")
    return name


def phys_offset():
    """PHYS_OFFSET: from run-gdb (board/<BOARD>.h), else from the ELF's
    _start_phys - _start (the linker script defines both)."""
    env = os.environ.get("ARMV7MM_PHYS_OFFSET")
    if env:
        return int(env, 0)
    try:
        start = int(gdb.parse_and_eval("(unsigned int)&_start"))
        start_phys = int(gdb.parse_and_eval("(unsigned int)&_start_phys"))
    except gdb.error:
        raise gdb.GdbError("PHYS_OFFSET unknown: give it, e.g. boot-symbols 0x60000000")
    return (start_phys - start + PAGE_OFFSET) & MASK32


class BootSymbols(gdb.Command):
    """Load the kernel's symbols a second time at its physical load address.

Usage: boot-symbols [PHYS_OFFSET]    add the copy (default: the board's)
       boot-symbols off              remove it again

Until head.S turns the MMU on, the kernel runs at PHYS_OFFSET + TEXT_OFFSET
while the ELF is linked at PAGE_OFFSET + TEXT_OFFSET. With the second copy,
offset by PHYS_OFFSET - PAGE_OFFSET, gdb knows where it is before the switch
and "break _start" gets two locations, one physical and one virtual."""

    def __init__(self):
        super().__init__("boot-symbols", gdb.COMMAND_FILES)
        self.loaded = None

    def invoke(self, arg, from_tty):
        elf = kernel_elf()
        arg = arg.strip()
        if arg == "off":
            if self.loaded is None:
                raise gdb.GdbError("no boot symbols loaded")
            gdb.execute("remove-symbol-file -a 0x%x" % self.loaded, to_string=True)
            gdb.write("boot symbols removed\n")
            self.loaded = None
            return
        if self.loaded is not None:
            gdb.write("boot symbols already loaded (text at %08x)\n" % self.loaded)
            return
        phys = int(gdb.parse_and_eval(arg)) & MASK32 if arg else phys_offset()
        offset = phys - PAGE_OFFSET        # negative: the copy sits below the ELF
        gdb.execute("add-symbol-file %s -o %d" % (elf, offset), to_string=True)
        text = int(gdb.parse_and_eval("(unsigned int)&_text")) + offset
        self.loaded = text & MASK32
        gdb.write("boot symbols: %s also at PHYS_OFFSET %08x (offset %s0x%x), "
                  ".text at %08x\n" % (os.path.basename(elf), phys,
                                       "-" if offset < 0 else "+", abs(offset),
                                       self.loaded))


class Uart(gdb.Command):
    """Show the end of the UART log that run-gdb writes.

Usage: uart [N]    the last N lines (default 20)"""

    def __init__(self):
        super().__init__("uart", gdb.COMMAND_STATUS)

    def invoke(self, arg, from_tty):
        path = os.environ.get("ARMV7MM_UART_LOG")
        if not path:
            raise gdb.GdbError("no UART log known (ARMV7MM_UART_LOG is set by run-gdb)")
        count = int(arg) if arg.strip() else 20
        try:
            with open(path, "rb") as f:
                text = f.read().decode("utf-8", "replace").replace("\r", "")
        except OSError as e:
            raise gdb.GdbError("cannot read %s: %s" % (path, e))
        lines = text.splitlines()
        gdb.write("==> %s (%d lines)\n" % (path, len(lines)))
        for line in lines[-count:]:
            gdb.write(line + "\n")


class Cp15Function(gdb.Function):
    """$cp15("NAME"): the live copy of a CP15 register, whichever bank that is.

NAME is one of SCTLR TTBR0 TTBR1 TTBCR DACR CONTEXTIDR DFSR DFAR IFSR IFAR
PAR VBAR. E.g. p/x $cp15("DFAR"), ptwalk $cp15("DFAR")."""

    def __init__(self):
        super().__init__("cp15")

    def invoke(self, name):
        reg = name.string().upper()
        if reg not in CP15_NAMES:
            raise gdb.GdbError("$cp15: unknown register %s (one of %s)"
                               % (reg, " ".join(CP15_NAMES)))
        value, _ = cp15(reg)
        return gdb.Value(value).cast(gdb.lookup_type("unsigned int"))


PtWalk()
PtDump()
MmuRegs()
BootSymbols()
Uart()
Cp15Function()
