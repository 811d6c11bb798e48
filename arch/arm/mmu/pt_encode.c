/*
 * The one place where abstract attributes become descriptor bits.
 * With TEX remap off, TEX/C/B select the memory type directly and
 * APX:AP[1:0] the access rights (ARM ARM B3.7 and B3.8). On a
 * multiprocessor every Normal mapping also gets S = 1 (pt_encode_init()).
 */
#include "kernel.h"
#include "asm/pgtable.h"
#include "printk.h"
#include "pt_env.h"

/* TEX[2:0] C B for each memory type, packed as (tex << 2 | c << 1 | b). */
#define TEXCB_NORMAL           (1 << 2 | 1 << 1 | 1) /* outer and inner WBWA */
#define TEXCB_NORMAL_NC        (1 << 2)              /* outer and inner non-cacheable */
#define TEXCB_DEVICE           1                     /* shareable device */
#define TEXCB_STRONGLY_ORDERED 0
static const uint8_t memtype_texcb[4] = {
	[MT_NORMAL] = TEXCB_NORMAL,
	[MT_NORMAL_NC] = TEXCB_NORMAL_NC,
	[MT_DEVICE] = TEXCB_DEVICE,
	[MT_STRONGLY_ORDERED] = TEXCB_STRONGLY_ORDERED,
};

static const char *const memtype_names[4] = {
	"normal",
	"normal-nc",
	"device",
	"strongly-ordered",
};

/*
 * Set S on every Normal mapping, cacheable or not, as Linux's
 * build_mem_type_table() does when is_smp(): hardware keeps the CPUs' data
 * caches coherent only for Shareable memory (ARM ARM A3.5, Normal memory),
 * and the non-cacheable kind gets it too so that no page is ever mapped
 * with two shareabilities at once (A3.5, mismatched memory attributes).
 * Device and strongly-ordered memory keep S = 0: with TEX remap off their
 * shareability is fixed by TEX/C/B (B3.8.2, table B3-10: TEX 000 C 0 B 1 is
 * Shareable Device, strongly-ordered is always Shareable) and S is ignored.
 * Written once, by paging_init() before the first mapping and before any
 * other CPU runs; only read afterwards.
 */
static bool normal_shareable;

/*
 * A small page's attribute bits (memory type, rights, XN, nG, S: all of
 * prot but its domain, which lives in the L1 entry) by prot's low byte,
 * filled as each prot is first encoded, so that mapping a page costs one
 * load rather than an encoding. 0: not filled yet (no prot encodes to 0: AP
 * never does). Only valid prots are filled; validity, like the encoding,
 * depends on the low byte alone. Two CPUs filling one entry store the same
 * word. Emptied when what Normal memory encodes to changes.
 */
uint32_t pt_small_attrs[256];
_Static_assert(PROT_VALID_MASK >> 8 == 0xf, "prot's low byte is all a small page encodes");

void pt_encode_init(bool smp)
{
	normal_shareable = smp;
	for (unsigned i = 0; i < ARRAY_SIZE(pt_small_attrs); i++)
		pt_small_attrs[i] = 0;
}

bool pt_normal_shareable(void)
{
	return normal_shareable;
}

bool pgprot_valid(pgprot_t prot)
{
	if (prot & ~PROT_VALID_MASK)
		return false;
	/* Executing from device memory is never wanted. */
	if (PROT_MT(prot) >= MT_DEVICE && (prot & PROT_EXEC))
		return false;
	/* "User read-only" only makes sense where the kernel may write. */
	if ((prot & PROT_USER_RO) && (prot & (PROT_USER | PROT_WRITE)) != (PROT_USER | PROT_WRITE))
		return false;
	return true;
}

/*
 * APX:AP1:AP0 for the rights in prot, looked up by PROT_WRITE (index bit 0),
 * PROT_USER (bit 1) and PROT_USER_RO (bit 2): kernel-only RW 1 or RO 5,
 * user RW 3 or RO 7, kernel RW with user RO 2. PROT_USER_RO without
 * PROT_USER is refused by pgprot_valid() and encodes as kernel-only.
 */
static const uint8_t ap_of_prot[8] = { 0x5, 0x1, 0x7, 0x3, 0x5, 0x1, 0x2, 0x2 };

_Static_assert(PROT_WRITE == 1u << 2 && PROT_USER == 1u << 4 && PROT_USER_RO == 1u << 5,
	       "access_bits() indexes ap_of_prot by these bits");

static uint32_t access_bits(pgprot_t prot)
{
	return ap_of_prot[((prot >> 2) & 1) | ((prot >> 3) & 6)];
}

static pgprot_t access_prot(uint32_t apx_ap)
{
	switch (apx_ap) {
	case 0x1: return PROT_WRITE;
	case 0x2: return PROT_WRITE | PROT_USER | PROT_USER_RO;
	case 0x3: return PROT_WRITE | PROT_USER;
	case 0x5: return 0;
	case 0x6:
	case 0x7: return PROT_USER;
	default: return 0; /* no access at all (0x0, 0x4) */
	}
}

static pgprot_t memtype_prot(uint32_t texcb, bool *known)
{
	for (unsigned mt = 0; mt < 4; mt++)
		if (memtype_texcb[mt] == texcb) {
			*known = true;
			return mt;
		}
	*known = false;
	return MT_STRONGLY_ORDERED;
}

/*
 * Where each attribute field sits in the three leaf descriptor formats.
 * C and B are bits 3 and 2 in all of them. mt_bits holds each memory
 * type's TEX/C/B already in place, once without and once with the S bit
 * that SMP adds to Normal memory (indexed by normal_shareable), so that
 * the choice costs the encoder nothing.
 */
struct leaf_layout {
	uint8_t tex_shift;
	uint8_t ap_shift; /* AP[1:0] */
	uint32_t apx, xn, ng, s;
	uint32_t mt_bits[2][4]; /* [normal_shareable][memory type] */
};

#define TEXCB_BITS(texcb, tex_shift) ((uint32_t)((texcb) >> 2) << (tex_shift) | ((texcb)&3) << 2)
/* One row of mt_bits: s is added to the two Normal types. */
#define MT_ROW(tex_shift, s)                                          \
	{                                                             \
		TEXCB_BITS(TEXCB_NORMAL, tex_shift) | (s),            \
			TEXCB_BITS(TEXCB_NORMAL_NC, tex_shift) | (s), \
			TEXCB_BITS(TEXCB_DEVICE, tex_shift),          \
			TEXCB_BITS(TEXCB_STRONGLY_ORDERED, tex_shift) \
	}

static const struct leaf_layout section_layout = {
	.tex_shift = 12,
	.ap_shift = 10,
	.apx = SECT_APX,
	.xn = SECT_XN,
	.ng = SECT_NG,
	.s = SECT_S,
	.mt_bits = { MT_ROW(12, 0), MT_ROW(12, SECT_S) },
};
static const struct leaf_layout large_layout = {
	.tex_shift = 12,
	.ap_shift = 4,
	.apx = PTE_APX,
	.xn = PTE_LARGE_XN,
	.ng = PTE_NG,
	.s = PTE_S,
	.mt_bits = { MT_ROW(12, 0), MT_ROW(12, PTE_S) },
};
static const struct leaf_layout small_layout = {
	.tex_shift = 6,
	.ap_shift = 4,
	.apx = PTE_APX,
	.xn = PTE_SMALL_XN,
	.ng = PTE_NG,
	.s = PTE_S,
	.mt_bits = { MT_ROW(6, 0), MT_ROW(6, PTE_S) },
};

static const struct leaf_layout *layout_of(enum pt_kind kind)
{
	return kind == PT_SMALL   ? &small_layout
	       : kind == PT_LARGE ? &large_layout
				  : &section_layout;
}

static uint32_t encode_attrs(const struct leaf_layout *l, pgprot_t prot)
{
	uint32_t ap = access_bits(prot);
	uint32_t d = l->mt_bits[normal_shareable][PROT_MT(prot)];

	d |= (ap & 3) << l->ap_shift | (ap & 4 ? l->apx : 0);
	if (!(prot & PROT_EXEC))
		d |= l->xn;
	if (prot & PROT_NG)
		d |= l->ng;
	if (prot & PROT_SHARED)
		d |= l->s;
	return d;
}

uint32_t desc_texcb_bits(uint32_t d, enum pt_kind kind)
{
	return ((d >> layout_of(kind)->tex_shift) & 7) << 2 | (d >> 2 & 3);
}

uint32_t desc_ap_bits(uint32_t d, enum pt_kind kind)
{
	const struct leaf_layout *l = layout_of(kind);

	return (d >> l->ap_shift & 3) | (d & l->apx ? 4 : 0);
}

static pgprot_t decode_attrs(uint32_t d, enum pt_kind kind, unsigned domain, bool *known)
{
	const struct leaf_layout *l = layout_of(kind);
	pgprot_t p = memtype_prot(desc_texcb_bits(d, kind), known);

	p |= access_prot(desc_ap_bits(d, kind)) | PROT_DOMAIN(domain);
	if (!(d & l->xn))
		p |= PROT_EXEC;
	if (d & l->ng)
		p |= PROT_NG;
	if (d & l->s)
		p |= PROT_SHARED;
	return p;
}

pde_t mk_section(phys_addr_t pa, pgprot_t prot)
{
	return (pa & SECT_ADDR_MASK) | L1_TYPE_SECT | SECT_DOMAIN(PROT_DOMAIN_OF(prot)) |
	       encode_attrs(&section_layout, prot);
}

/*
 * Supersection: PA[31:24] in bits 31:24, PA[35:32] in bits 23:20 and
 * PA[39:36] in bits 8:5, where a section has its domain (always domain 0).
 */
pde_t mk_supersection(uint64_t pa, pgprot_t prot)
{
	return ((uint32_t)pa & SUPERSECT_ADDR_MASK) | L1_TYPE_SECT | SECT_SUPER |
	       (uint32_t)((pa >> 32) & 0xf) << 20 | (uint32_t)((pa >> 36) & 0xf) << 5 |
	       encode_attrs(&section_layout, prot);
}

pde_t mk_l1_table(phys_addr_t l2_pa, unsigned domain)
{
	return (l2_pa & L1_TABLE_ADDR_MASK) | L1_TABLE_DOMAIN(domain) | L1_TYPE_TABLE;
}

pte_t mk_large_page(phys_addr_t pa, pgprot_t prot)
{
	return (pa & PTE_LARGE_ADDR_MASK) | L2_TYPE_LARGE | encode_attrs(&large_layout, prot);
}

pte_t mk_small_page(phys_addr_t pa, pgprot_t prot)
{
	uint32_t attrs = pt_small_attrs[prot & 0xff];

	if (unlikely(!attrs || (prot & ~PROT_VALID_MASK))) {
		attrs = encode_attrs(&small_layout, prot);
		if (pgprot_valid(prot))
			pt_small_attrs[prot & 0xff] = attrs;
	}
	return (pa & PTE_SMALL_ADDR_MASK) | L2_TYPE_SMALL | attrs;
}

pte_t mk_small_page_valid(phys_addr_t pa, pgprot_t prot)
{
	return pgprot_valid(prot) ? mk_small_page(pa, prot) : 0;
}

pgprot_t section_prot(pde_t d, bool *known)
{
	return decode_attrs(d, PT_SECTION, d & SECT_SUPER ? 0 : (d >> 5) & 0xf, known);
}

pgprot_t large_page_prot(pte_t d, unsigned domain, bool *known)
{
	return decode_attrs(d, PT_LARGE, domain, known);
}

pgprot_t small_page_prot(pte_t d, unsigned domain, bool *known)
{
	return decode_attrs(d, PT_SMALL, domain, known);
}

int pgprot_describe(pgprot_t prot, char *buf, size_t size)
{
	const char *kern = prot & PROT_WRITE ? "RW" : "RO";
	const char *user = !(prot & PROT_USER)                             ? "--"
			   : (prot & PROT_USER_RO) || !(prot & PROT_WRITE) ? "RO"
									   : "RW";

	return snprintf(buf, size, "%s k:%s u:%s %s %s%s dom%u", memtype_names[PROT_MT(prot)], kern,
			user, prot & PROT_EXEC ? "X " : "XN", prot & PROT_NG ? "nG" : "G",
			prot & PROT_SHARED ? " S" : "", PROT_DOMAIN_OF(prot));
}

const char *pt_kind_name(enum pt_kind kind)
{
	switch (kind) {
	case PT_SUPERSECTION: return "supersection";
	case PT_SECTION: return "section";
	case PT_LARGE: return "large page";
	case PT_SMALL: return "small page";
	default: return "fault";
	}
}

uint32_t pt_kind_size(enum pt_kind kind)
{
	switch (kind) {
	case PT_SUPERSECTION: return SUPERSECTION_SIZE;
	case PT_SECTION: return SECTION_SIZE;
	case PT_LARGE: return LARGE_PAGE_SIZE;
	case PT_SMALL: return SMALL_PAGE_SIZE;
	default: return 0;
	}
}
