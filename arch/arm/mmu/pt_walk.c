/*
 * A software table walk that follows ARM ARM B3.5 step by step, starting
 * from the translation-table registers and reading tables through a
 * callback, so the same code walks live tables on target and fake ones on
 * the host. pt_expected_par() predicts the MMU's own answer (ATS + PAR)
 * so tests can hold the walk against the hardware.
 */
#include "asm/traps.h"
#include "asm/pgtable.h"

/*
 * Shareability with TEX remap off (ARM ARM B3.8.2, table B3-10): the S bit
 * counts for Normal memory only. Strongly-ordered (TEX 000 C 0 B 0) and
 * Shareable Device (000 0 1) are Shareable whatever S says, Non-shareable
 * Device (010 0 0) never is; the reserved encodings are taken as
 * Non-shareable.
 */
static bool texcb_shareable(uint32_t texcb, bool s)
{
	if (texcb & 0x10) /* TEX 1BB: cacheable Normal, outer BB, inner CB */
		return s;
	/* TEX 000 C 0 B 0 strongly-ordered, 000 0 1 Shareable Device */
	if (texcb == 0x00 || texcb == 0x01)
		return true;
	/* 000 1 0 write-through, 000 1 1 write-back, 001 0 0 non-cacheable, 001 1 1 WBWA */
	if (texcb == 0x02 || texcb == 0x03 || texcb == 0x04 || texcb == 0x07)
		return s;
	return false; /* 010 0 0 Non-shareable Device, or reserved */
}

bool pt_walk_shareable(const struct pt_walk *w)
{
	return w->kind != PT_FAULT && texcb_shareable(w->tex_c_b, w->prot & PROT_SHARED);
}

static void decode_leaf(struct pt_walk *w, uint32_t desc, enum pt_kind kind)
{
	w->kind = kind;
	w->tex_c_b = desc_texcb_bits(desc, kind);
	w->ap = desc_ap_bits(desc, kind);
	if (kind == PT_SMALL)
		w->prot = small_page_prot(desc, w->domain, &w->memtype_known);
	else if (kind == PT_LARGE)
		w->prot = large_page_prot(desc, w->domain, &w->memtype_known);
	else
		w->prot = section_prot(desc, &w->memtype_known);
}

void pt_walk_hw(const struct pt_walker *hw, uint32_t va, struct pt_walk *w)
{
	/* TTBCR.N: VAs below 2^(32-N) use TTBR0, whose table shrinks to 16 KB >> N. */
	uint32_t n = hw->ttbcr & 7;
	bool use_ttbr0 = n == 0 || (va >> (32 - n)) == 0;
	uint32_t base = use_ttbr0 ? hw->ttbr0 & ~(0x3fffu >> n) : hw->ttbr1 & ~0x3fffu;
	uint32_t desc;

	*w = (struct pt_walk){ .kind = PT_FAULT, .fault_level = 1 };
	w->l1_index = va >> SECTION_SHIFT;
	w->l1_addr = base | (w->l1_index << 2);
	if (use_ttbr0 && n)
		w->l1_addr = base | ((w->l1_index & (0xfffu >> n)) << 2);
	desc = w->l1_desc = hw->read_phys(w->l1_addr, hw->ctx);

	switch (desc & L1_TYPE_MASK) {
	case L1_TYPE_SECT:
		if (desc & SECT_SUPER) {
			w->pa = (desc & SUPERSECT_ADDR_MASK) | (va & (SUPERSECTION_SIZE - 1)) |
				(uint64_t)((desc >> 20) & 0xf) << 32 |
				(uint64_t)((desc >> 5) & 0xf) << 36;
			w->domain = 0;
			decode_leaf(w, desc, PT_SUPERSECTION);
		} else {
			w->pa = (desc & SECT_ADDR_MASK) | (va & (SECTION_SIZE - 1));
			w->domain = (desc >> 5) & 0xf;
			decode_leaf(w, desc, PT_SECTION);
		}
		return;
	case L1_TYPE_TABLE: break;
	default: /* fault, or the reserved encoding 0b11 */ return;
	}

	w->domain = (desc >> 5) & 0xf;
	w->fault_level = 2;
	w->l2_index = (va >> 12) & 0xff;
	w->l2_addr = (desc & L1_TABLE_ADDR_MASK) | (w->l2_index << 2);
	desc = w->l2_desc = hw->read_phys(w->l2_addr, hw->ctx);

	if (desc & L2_TYPE_SMALL) { /* 1x: small page, bit 0 is XN */
		w->pa = (desc & PTE_SMALL_ADDR_MASK) | (va & (SMALL_PAGE_SIZE - 1));
		decode_leaf(w, desc, PT_SMALL);
	} else if ((desc & L2_TYPE_MASK) == L2_TYPE_LARGE) {
		w->pa = (desc & PTE_LARGE_ADDR_MASK) | (va & (LARGE_PAGE_SIZE - 1));
		decode_leaf(w, desc, PT_LARGE);
	}
}

/* May this access go ahead under APX:AP[1:0] (SCTLR.AFE = 0)? */
static bool ap_allows(uint32_t ap, bool user, bool write)
{
	switch (ap) {
	case 0x1: return !user;           /* priv RW */
	case 0x2: return !user || !write; /* priv RW, user RO */
	case 0x3: return true;            /* RW everywhere */
	case 0x5: return !user && !write; /* priv RO */
	case 0x6:
	case 0x7: return !write; /* RO everywhere */
	default: return false;   /* no access, or reserved */
	}
}

static uint32_t par_fault(uint32_t status)
{
	return status << 1 | 1;
}

uint32_t pt_expected_par(const struct pt_walk *w, uint32_t va, enum ats_op op, uint32_t dacr,
			 bool nonsecure)
{
	bool page = w->kind == PT_SMALL || w->kind == PT_LARGE ||
		    (w->kind == PT_FAULT && w->fault_level == 2);
	bool user = op == ATS_USER_READ || op == ATS_USER_WRITE;
	bool write = op == ATS_PRIV_WRITE || op == ATS_USER_WRITE;
	uint32_t access;
	uint32_t par;

	if (w->kind == PT_FAULT && w->fault_level == 1)
		return par_fault(FS_TRANSLATION_SECT);
	/*
	 * The domain comes from the L1 entry and is checked as soon as that
	 * entry is read: an L1 table entry in a no-access domain gives a page
	 * domain fault even when its L2 entry is invalid (QEMU does this; the
	 * ARM ARM's fault-checking flowchart puts the domain check before the
	 * access-permission check and says no more for this case).
	 */
	access = (dacr >> (2 * w->domain)) & 3;
	if (access == 0 || access == 2) /* no access, or reserved */
		return par_fault(page ? FS_DOMAIN_PAGE : FS_DOMAIN_SECT);
	if (w->kind == PT_FAULT)
		return par_fault(FS_TRANSLATION_PAGE);
	if (access == 1 && !ap_allows(w->ap, user, write))
		return par_fault(page ? FS_PERMISSION_PAGE : FS_PERMISSION_SECT);

	(void)va;
	if (w->kind == PT_SUPERSECTION)
		par = ((uint32_t)w->pa & SUPERSECT_ADDR_MASK) | 1u << 1;
	else
		par = (uint32_t)w->pa & PTE_SMALL_ADDR_MASK;
	if (nonsecure)
		par |= 1u << 9;
	return par;
}

uint32_t pt_par_attrs(const struct pt_walk *w)
{
	/*
	 * SH from the walk. NOS stays 0: without TEX remap Shareable memory is
	 * Outer Shareable (the Inner Shareable choice, PRRR.NOSn, exists only
	 * with TRE = 1).
	 */
	uint32_t sh = pt_walk_shareable(w) ? PAR_SH : 0;

	/* PAR[6:4] inner: 001 strongly ordered, 011 device, 000 non-cacheable, 101 WBWA; PAR[3:2] outer. */
	switch (PROT_MT(w->prot)) {
	case MT_STRONGLY_ORDERED: return sh | 0x1u << 4;
	case MT_DEVICE: return sh | 0x3u << 4;
	case MT_NORMAL_NC: return sh;
	default: return sh | 0x5u << 4 | 0x1u << 2;
	}
}
