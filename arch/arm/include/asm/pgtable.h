/*
 * ARMv7-A short-descriptor page tables: the contract.
 *
 * Everything that maps memory describes it with a pgprot_t (memory type,
 * access rights, XN, global or ASID-tagged, domain); pt_encode.c is the one
 * place that turns those into descriptor bits and back. pt_map() picks the
 * largest descriptor that alignment and size allow (16 MB supersection,
 * 1 MB section, 64 KB large page, 4 KB small page), allocating L2 tables as
 * needed (a block never replaces an L2 table, even an empty one); pt_unmap()
 * and pt_protect() split blocks at the edges of their range, and pt_unmap()
 * frees L2 tables that become empty unless the environment pins them. Every call validates its
 * arguments first and leaves the tables unchanged when it fails.
 *
 * Calls that change a table take its address space (struct arch_aspace):
 * they may have to flush TLB entries, and a process's entries are tagged
 * with its ASID, so the owner is handed down rather than looked up. Calls
 * that only read (pt_query, pt_for_each_range) take the table itself.
 *
 * This code is portable: it builds for the host (tests/host) against the
 * environment hooks at the end of this file.
 */
#ifndef ASM_PGTABLE_H
#define ASM_PGTABLE_H

#include "asm/pgtable-hwdef.h"
#include "types.h"

typedef uint32_t pde_t; /* first-level descriptor */
typedef uint32_t pte_t; /* second-level descriptor */
typedef uint32_t pgprot_t;

/*
 * An address space as the page-table code sees it (LK's arch_aspace): a
 * first-level table and how the TLB tags its entries. Its owner (mm/user's
 * mm_struct, or kernel_aspace for swapper_pg_dir) hands it to every call
 * that changes the table. The last two fields belong to the switch and
 * ASID code (arch/arm/mmu/context.c).
 */
struct arch_aspace {
	pde_t *pgd;          /* 16 KB first-level table */
	bool user;           /* a process's: entries below TASK_SIZE carry its ASID */
	uint32_t context_id; /* ASID generation << 8 | ASID (0: none yet) */
	uint32_t kernel_seq; /* kernel_pgd_seq when the kernel entries were copied */
	/* One bit per MB whose L2 table stays when it empties (NULL: none do). */
	const uint32_t *table_stays;
};

/* Memory types (bits 1:0 of a pgprot_t). */
#define MT_NORMAL           0u /* normal, write-back write-allocate cached */
#define MT_NORMAL_NC        1u /* normal, non-cacheable */
#define MT_DEVICE           2u /* shareable device */
#define MT_STRONGLY_ORDERED 3u
#define PROT_MT_MASK        3u
#define PROT_MT(p)          ((p)&PROT_MT_MASK)

#define PROT_WRITE        (1u << 2) /* privileged writes allowed (reads always are) */
#define PROT_EXEC         (1u << 3) /* instruction fetch allowed; without it: XN */
#define PROT_USER         (1u << 4) /* user mode has the same read/write rights */
#define PROT_USER_RO      (1u << 5) /* with PROT_USER|PROT_WRITE: user may only read */
#define PROT_NG           (1u << 6) /* not global: tagged with the ASID */
#define PROT_SHARED       (1u << 7) /* the S bit (forced on Normal memory on SMP) */
#define PROT_DOMAIN(d)    ((pgprot_t)(d) << 8)
#define PROT_DOMAIN_OF(p) (((p) >> 8) & 0xf)
#define PROT_VALID_MASK   0xfffu

/* The kernel's usual kinds of memory. */
#define PAGE_KERNEL      (MT_NORMAL | PROT_WRITE)
#define PAGE_KERNEL_RO   (MT_NORMAL)
#define PAGE_KERNEL_EXEC (MT_NORMAL | PROT_EXEC) /* .text: read + execute */
#define PAGE_KERNEL_NC   (MT_NORMAL_NC | PROT_WRITE)
#define PAGE_DEVICE      (MT_DEVICE | PROT_WRITE)
#define PAGE_SO          (MT_STRONGLY_ORDERED | PROT_WRITE)

/* Linux's pgprot_noncached(): the same rights, strongly-ordered memory (for device registers). */
static inline pgprot_t pgprot_noncached(pgprot_t prot)
{
	return (prot & ~PROT_MT_MASK) | MT_STRONGLY_ORDERED;
}

enum pt_kind {
	PT_FAULT = 0,
	PT_SUPERSECTION,
	PT_SECTION,
	PT_LARGE,
	PT_SMALL,
};

struct pt_walk {
	enum pt_kind kind;
	int fault_level;    /* 1 or 2 when kind == PT_FAULT */
	uint64_t pa;        /* physical address of the VA (40 bits for supersections) */
	pgprot_t prot;      /* decoded attributes; domain from the L1 entry */
	bool memtype_known; /* TEX/C/B is one of the four MT_* encodings */
	uint32_t tex_c_b;   /* raw TEX[2:0]:C:B as found */
	uint32_t ap;        /* raw APX:AP[1:0] as found (0 = no access at all) */
	unsigned domain;    /* from the L1 entry (0 for supersections) */
	uint32_t l1_index;
	phys_addr_t l1_addr; /* where the L1 descriptor lives */
	uint32_t l1_desc;
	uint32_t l2_index; /* the L2 fields are valid after an L1 table entry */
	phys_addr_t l2_addr;
	uint32_t l2_desc;
};

const char *pt_kind_name(enum pt_kind kind);
uint32_t pt_kind_size(enum pt_kind kind);

/* ---- encoding (pt_encode.c) ---- */
/*
 * smp: the CPU is part of a multiprocessor (MPIDR.M = 1, U = 0): from now
 * on every Normal mapping gets S = 1, whether or not prot has PROT_SHARED.
 * Called once, before the first mapping and before other CPUs run.
 */
void pt_encode_init(bool smp);
bool pt_normal_shareable(void);
bool pgprot_valid(pgprot_t prot);
pde_t mk_supersection(uint64_t pa, pgprot_t prot);
pde_t mk_section(phys_addr_t pa, pgprot_t prot);
pde_t mk_l1_table(phys_addr_t l2_pa, unsigned domain);
pte_t mk_large_page(phys_addr_t pa, pgprot_t prot);
pte_t mk_small_page(phys_addr_t pa, pgprot_t prot);
/* A valid descriptor (small or large page): the MMU translates through it. */
static inline bool pte_present(pte_t pte)
{
	return (pte & L2_TYPE_MASK) != L2_TYPE_FAULT;
}
/*
 * A user small page's write permission and referenced ("young") state, in
 * place (copy-on-write and reclaim flip them without re-encoding the
 * entry). User read/write is APX:AP = 0b011, user read-only 0b111, so
 * APX alone takes the write away and gives it back. AP[1] is the user's
 * access: reclaim clears it to make the entry old (0b001 or 0b101, the
 * kernel's rights alone), and the user's next access takes a permission
 * fault that sets it again. That is the referenced bit ARMv7's short
 * descriptors lack with SCTLR.AFE = 0 (docs/memory-pressure.md says why
 * not the access flag). Only for entries made from a user prot
 * (PROT_USER, no PROT_USER_RO).
 */
static inline bool pte_write(pte_t pte)
{
	return (pte & (PTE_APX | PTE_AP0)) == PTE_AP0; /* young or old */
}
static inline bool pte_young(pte_t pte)
{
	return pte & PTE_AP1;
}
static inline pte_t pte_mkold(pte_t pte)
{
	return pte & ~PTE_AP1;
}
static inline pte_t pte_mkyoung(pte_t pte)
{
	return pte | PTE_AP1;
}
static inline pte_t pte_wrprotect(pte_t pte)
{
	return pte | PTE_APX;
}
static inline pte_t pte_mkwrite(pte_t pte)
{
	return pte & ~PTE_APX;
}
/* The same, 0 if prot is not valid (pgprot_valid()); fills the cache of mk_small_page_cached(). */
pte_t mk_small_page_valid(phys_addr_t pa, pgprot_t prot);
/* Decode a descriptor's attributes; *known says whether TEX/C/B was ours. */
pgprot_t section_prot(pde_t desc, bool *known);
pgprot_t large_page_prot(pte_t desc, unsigned domain, bool *known);
pgprot_t small_page_prot(pte_t desc, unsigned domain, bool *known);
/* The raw APX:AP[1:0] and TEX:C:B fields of any section or page descriptor. */
uint32_t desc_ap_bits(uint32_t desc, enum pt_kind kind);
uint32_t desc_texcb_bits(uint32_t desc, enum pt_kind kind);
/* "normal RW XN global dom0" style text for logs. */
int pgprot_describe(pgprot_t prot, char *buf, size_t size);

/* ---- walking (pt_walk.c) ---- */
struct pt_walker {
	uint32_t ttbr0, ttbr1, ttbcr;
	uint32_t (*read_phys)(phys_addr_t pa, void *ctx);
	void *ctx;
};
/* Walk as the MMU would, from translation-table registers. */
void pt_walk_hw(const struct pt_walker *hw, uint32_t va, struct pt_walk *w);

enum ats_op {
	ATS_PRIV_READ,
	ATS_PRIV_WRITE,
	ATS_USER_READ,
	ATS_USER_WRITE
};
/*
 * Is the mapping the walk found Shareable, as the MMU derives it with TEX
 * remap off? The S bit for Normal memory; strongly-ordered and Shareable
 * Device always, Non-shareable Device never. Worked out from the walk's
 * raw fields on demand, so that walking costs nothing more.
 */
bool pt_walk_shareable(const struct pt_walk *w);
/*
 * The PAR value ATS1C{P,U}{R,W} should leave for this walk: PA[31:12] (or
 * PA[31:24] with bit 1 for a supersection) on success, FS << 1 | 1 on a
 * translation, domain or permission fault. nonsecure sets PAR.NS.
 */
uint32_t pt_expected_par(const struct pt_walk *w, uint32_t va, enum ats_op op, uint32_t dacr,
			 bool nonsecure);
/*
 * The memory attributes a successful PAR reports on hardware that fills
 * them in (ARM ARM B4.1, PAR): NOS (bit 10), SH (bit 7), Inner[2:0] (6:4)
 * and Outer[1:0] (3:2). QEMU 7.2 leaves all of them zero for the
 * short-descriptor format (its do_ats_write sets only PA, SS and NS), so
 * a test finds out once which kind of MMU it has and then compares
 * exactly. PAR_ATTR_MASK covers these fields.
 */
#define PAR_ATTR_MASK 0x4fcu /* NOS, SH, Inner[2:0], Outer[1:0] */
#define PAR_SH        (1u << 7)
#define PAR_NOS       (1u << 10)
uint32_t pt_par_attrs(const struct pt_walk *w);

/* ---- map, unmap, protect, query (pt_map.c) ---- */
int pt_map(struct arch_aspace *as, uint32_t va, phys_addr_t pa, uint32_t size, pgprot_t prot);
/* As pt_map, using descriptors no larger than max_kind (tests force each kind). */
int pt_map_max(struct arch_aspace *as, uint32_t va, phys_addr_t pa, uint32_t size, pgprot_t prot,
	       enum pt_kind max_kind);
int pt_unmap(struct arch_aspace *as, uint32_t va, uint32_t size);
/*
 * The L2 entry for va, creating an empty L2 table (domain 0) if the MB has
 * none; NULL if va is covered by a section or no table can be allocated.
 * For users that manage a window of PTEs themselves (kmap, fixmap): the
 * environment pins such tables (pt_table_pinned), so pt_unmap() keeps them.
 */
pte_t *pt_l2_entry(struct arch_aspace *as, uint32_t va);
/*
 * Free the L2 table of the MB holding va if no entry in it is in use, pinned
 * or not: 0, -EBUSY (entries in use) or -ENOENT (no table). For tables kept
 * empty on purpose (the vmalloc area's) when their MB is wanted otherwise.
 */
int pt_free_empty_l2(struct arch_aspace *as, uint32_t va);
int pt_protect(struct arch_aspace *as, uint32_t va, uint32_t size, pgprot_t prot);
void pt_query(const pde_t *pgd, uint32_t va, struct pt_walk *out);
/*
 * The fast lookup: the physical address va translates to in pgd, whatever
 * the descriptor kind, in *pa; false if va is not mapped. Two reads at
 * most and nothing decoded (pt_query() decodes everything, for tests and
 * gdb). As vmalloc_to_page() in Linux, it reads the tables unlocked: the
 * caller keeps the mapping from changing.
 */
bool pt_lookup(const pde_t *pgd, uint32_t va, uint64_t *pa);

/* Visit maximal runs of VA space mapped contiguously with one kind and prot. */
struct pt_range {
	uint32_t va;
	uint64_t pa;
	uint64_t size;
	enum pt_kind kind;
	pgprot_t prot;
};
void pt_for_each_range(const pde_t *pgd, uint32_t va_start, uint64_t va_end,
		       void (*fn)(const struct pt_range *r, void *ctx), void *ctx);

/* ---- hooks the environment provides (arch/arm/mmu/mmu.c, tests/host) ---- */
pte_t *pt_alloc_l2(void); /* zeroed, 1 KB aligned; NULL if none */
void pt_free_l2(pte_t *table);
void *pt_phys_to_virt(phys_addr_t pa); /* for tables only */
phys_addr_t pt_virt_to_phys(const void *va);
void pt_sync_entries(const void *start, const void *end); /* make writes visible to the walker */
/* Flush the TLB entries of [va, va + size) in as (by its ASID for a process's). */
void pt_flush_tlb_range(const struct arch_aspace *as, uint32_t va, uint32_t size);
/* Must the L2 table covering va stay even when empty (a window someone writes directly)? */
bool pt_table_pinned(const struct arch_aspace *as, uint32_t va);

#endif
