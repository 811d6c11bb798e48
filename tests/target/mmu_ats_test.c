/*
 * The software walk against the MMU's own answer. A test window is filled
 * with every descriptor kind the code builds, in several access-permission
 * and domain combinations, with holes; then for more than 10,000 addresses
 * (every page of the window, every MB of the 4 GB space, the kernel image,
 * pseudo-random addresses) the walk's predicted PAR must equal what
 * ATS1CPR, ATS1CPW, ATS1CUR and ATS1CUW leave in PAR, and the walk's
 * shareability what the CPU's MPIDR demands: Normal memory Shareable on a
 * multiprocessor only, device and strongly-ordered memory always.
 */
#include "asm/sections.h"
#include "asm/cp15.h"
#include "asm/io.h"
#include "asm/memory.h"
#include "asm/traps.h"
#include "board.h"
#include "errno.h"
#include "mmu_fixture.h"
#include "printk.h"
#include "xorshift.h"

/* Domains used in the window: 0 client (the kernel's), 1 no access, 2 manager, 3 client. */
#define TEST_DACR (DACR_CLIENT(0) | DACR_MANAGER(2) | DACR_CLIENT(3))

struct layout_entry {
	uint32_t offset; /* from the window base */
	uint32_t size;
	uint32_t pa_offset; /* from the backing RAM base */
	pgprot_t prot;
	enum pt_kind max_kind;
};

#define MB(x) ((uint32_t)(x) << 20)
#define KB(x) ((uint32_t)(x) << 10)

static const struct layout_entry window_layout[] = {
	{ MB(0), MB(16), MB(0), PAGE_KERNEL, PT_SUPERSECTION },
	{ MB(16), MB(1), MB(1), PAGE_KERNEL_RO, PT_SECTION },
	{ MB(17), MB(1), MB(2), PAGE_KERNEL | PROT_USER, PT_SECTION },
	{ MB(18), MB(1), MB(3), PAGE_KERNEL | PROT_USER | PROT_USER_RO, PT_SECTION },
	{ MB(19), MB(1), MB(4), MT_NORMAL | PROT_USER | PROT_NG, PT_SECTION },
	{ MB(20), MB(1), MB(5), PAGE_KERNEL | PROT_DOMAIN(1), PT_SECTION },
	{ MB(21), MB(1), MB(6), PAGE_KERNEL_RO | PROT_DOMAIN(2), PT_SECTION },
	{ MB(22), MB(1), MB(7), PAGE_DEVICE | PROT_DOMAIN(3), PT_SECTION },
	/* MB 23: pages of every kind and right, with holes */
	{ MB(23) + KB(0), KB(128), MB(8), PAGE_KERNEL, PT_LARGE },
	{ MB(23) + KB(128), KB(64), MB(8) + KB(512), PAGE_KERNEL_RO | PROT_USER, PT_LARGE },
	{ MB(23) + KB(256), KB(4), MB(9), PAGE_KERNEL | PROT_USER, PT_SMALL },
	{ MB(23) + KB(264), KB(8), MB(9) + KB(64), PAGE_KERNEL | PROT_USER | PROT_USER_RO,
	  PT_SMALL },
	{ MB(23) + KB(320), KB(16), MB(9) + KB(128), PAGE_KERNEL_RO, PT_SMALL },
	{ MB(23) + KB(512), KB(64), MB(10), PAGE_KERNEL_EXEC | PROT_NG, PT_SMALL },
	{ MB(23) + KB(1020), KB(4), MB(10) + KB(256), PAGE_KERNEL_NC, PT_SMALL },
	/* MB 24: a page table in a no-access domain */
	{ MB(24) + KB(64), KB(64), MB(11), PAGE_KERNEL | PROT_DOMAIN(1), PT_LARGE },
	{ MB(24) + KB(200), KB(4), MB(11) + KB(64), PAGE_KERNEL | PROT_DOMAIN(1), PT_SMALL },
	/* MB 25: a manager-domain table */
	{ MB(25) + KB(4), KB(4), MB(12), PAGE_KERNEL_RO | PROT_DOMAIN(2), PT_SMALL },
	/* MB 26-27: a 2 MB run in sections, later cut into pieces below */
	{ MB(26), MB(2), MB(14), PAGE_KERNEL, PT_SECTION },
	/* MB 28-31 stay unmapped */
};

static bool build_window(struct ktest *t, const struct mmu_fixture *f)
{
	for (unsigned i = 0; i < ARRAY_SIZE(window_layout); i++) {
		const struct layout_entry *e = &window_layout[i];
		int err = pt_map_max(&kernel_aspace, f->va + e->offset, f->pa + e->pa_offset,
				     e->size, e->prot, e->max_kind);

		if (err) {
			ktest_fail(t, __FILE__, __LINE__, "layout entry %u: %s", i, errname(err));
			return false;
		}
	}
	/* Splits: holes punched into a section, and a protect of part of one. */
	KEXPECT_EQ(t, pt_unmap(&kernel_aspace, f->va + MB(26) + KB(68), KB(8)), 0);
	KEXPECT_EQ(t,
		   pt_protect(&kernel_aspace, f->va + MB(27) + KB(512), KB(128),
			      PAGE_KERNEL_RO | PROT_USER),
		   0);
	return !t->failed;
}

static const enum ats_op ops[] = { ATS_PRIV_READ, ATS_PRIV_WRITE, ATS_USER_READ, ATS_USER_WRITE };
static const char *const op_names[] = { "ATS1CPR", "ATS1CPW", "ATS1CUR", "ATS1CUW" };

static uint32_t ats(enum ats_op op, uint32_t va)
{
	switch (op) {
	case ATS_PRIV_READ: return ats1cpr(va);
	case ATS_PRIV_WRITE: return ats1cpw(va);
	case ATS_USER_READ: return ats1cur(va);
	default: return ats1cuw(va);
	}
}

struct ats_stats {
	bool smp;       /* MPIDR: a multiprocessor, so Normal memory must be Shareable */
	bool par_attrs; /* this MMU reports memory attributes in PAR (QEMU does not) */
	unsigned addresses, compared, mismatches, share_mismatches, lookup_mismatches;
	unsigned kinds[PT_SMALL + 1];
	unsigned faults_seen[32];
};

/*
 * The machine's answer, not the walker's: with TEX remap off (ARM ARM
 * B3.8.2) the kernel's Normal types are Shareable exactly when S is set,
 * which the kernel must do on a multiprocessor; its device type (TEX 000
 * C 0 B 1) and strongly-ordered memory are Shareable whatever S says.
 */
static bool expected_shareable(const struct pt_walk *w, bool smp)
{
	return PROT_MT(w->prot) <= MT_NORMAL_NC ? smp : true;
}

/* The S bit itself, read at the ARM ARM's position for the descriptor kind. */
static bool desc_s_bit(const struct pt_walk *w)
{
	switch (w->kind) {
	case PT_SUPERSECTION:
	case PT_SECTION: return w->l1_desc & (1u << 16);
	case PT_LARGE:
	case PT_SMALL: return w->l2_desc & (1u << 10);
	default: return false;
	}
}

/* Does this MMU fill in PAR's attribute fields? Kernel data is Normal WBWA: Inner != 000 if so. */
static bool mmu_reports_par_attrs(void)
{
	extern char _sdata[];

	return ats1cpr((uintptr_t)_sdata) & PAR_ATTR_MASK;
}

static void compare_address(struct ktest *t, struct ats_stats *s, uint32_t va, bool nonsecure)
{
	struct pt_walk w;
	uint32_t dacr = read_dacr();

	mmu_walk_live(va, &w);
	s->addresses++;
	s->kinds[w.kind]++;
	/* The fast lookup finds the walk's PA in the same table (held against the MMU below). */
	{
		const pde_t *pgd = __va(w.l1_addr - w.l1_index * 4);
		uint64_t pa = ~0ull;
		bool found = pt_lookup(pgd, va, &pa);

		if ((found != (w.kind != PT_FAULT) || (found && pa != w.pa)) &&
		    s->lookup_mismatches++ < 10)
			ktest_fail(t, __FILE__, __LINE__,
				   "va %08x: pt_lookup %d %llx, walk %s %llx", va, found,
				   (unsigned long long)pa, pt_kind_name(w.kind),
				   (unsigned long long)w.pa);
	}
	if (w.kind != PT_FAULT && (pt_walk_shareable(&w) != expected_shareable(&w, s->smp) ||
				   (PROT_MT(w.prot) <= MT_NORMAL_NC && desc_s_bit(&w) != s->smp))) {
		if (s->share_mismatches++ < 10)
			ktest_fail(t, __FILE__, __LINE__,
				   "va %08x (%s, l1 %08x l2 %08x): walk says %sshareable, "
				   "MPIDR %08x wants %sshareable",
				   va, pt_kind_name(w.kind), w.l1_desc, w.l2_desc,
				   pt_walk_shareable(&w) ? "" : "non-", read_mpidr(),
				   expected_shareable(&w, s->smp) ? "" : "non-");
	}
	for (unsigned i = 0; i < ARRAY_SIZE(ops); i++) {
		uint32_t want = pt_expected_par(&w, va, ops[i], dacr, nonsecure);
		uint32_t got = ats(ops[i], va);

		s->compared++;
		if (got & 1)
			s->faults_seen[(got >> 1) & 0x1f]++;
		/* An MMU that reports attributes must report exactly the walk's (SH included). */
		if (!(want & 1) && s->par_attrs)
			want |= pt_par_attrs(&w);
		if (got != want) {
			if (s->mismatches++ < 10)
				ktest_fail(
					t, __FILE__, __LINE__,
					"va %08x %s: PAR %08x, walk (%s, l1 %08x l2 %08x) predicts %08x",
					va, op_names[i], got, pt_kind_name(w.kind), w.l1_desc,
					w.l2_desc, want);
		}
	}
}

static void walk_matches_mmu(struct ktest *t)
{
	struct mmu_fixture f;
	struct ats_stats s = { .smp = cpu_is_smp(), .par_attrs = mmu_reports_par_attrs() };
	bool nonsecure = cpu_nonsecure();
	uint32_t saved_dacr = read_dacr();
	uint32_t rnd = 0x12345678;

	if (!mmu_fixture_get(t, &f))
		return;
	if (build_window(t, &f)) {
		write_dacr(TEST_DACR);
		isb();
		for (uint32_t off = 0; off < FIXTURE_SIZE; off += PAGE_SIZE)
			compare_address(t, &s, f.va + off + (xorshift32(&rnd) & 0xffc), nonsecure);
		for (uint64_t mb = 0; mb < 0x100000000ull; mb += SZ_1M)
			compare_address(t, &s, (uint32_t)mb + (xorshift32(&rnd) & 0xffffc),
					nonsecure);
		for (uintptr_t a = (uintptr_t)_text; a < (uintptr_t)_end; a += PAGE_SIZE)
			compare_address(t, &s, a, nonsecure);
		for (unsigned i = 0; i < 2000; i++)
			compare_address(t, &s, xorshift32(&rnd), nonsecure);
		write_dacr(saved_dacr);
		isb();
	}
	mmu_fixture_put(t, &f);

	ktest_log("%u addresses, %u ATS comparisons, %u mismatches, %u shareability mismatches",
		  s.addresses, s.compared, s.mismatches, s.share_mismatches);
	ktest_log("MPIDR %08x: %s, Normal memory %sshareable; PAR attributes %s", read_mpidr(),
		  s.smp ? "multiprocessor" : "uniprocessor", s.smp ? "" : "non-",
		  s.par_attrs ? "reported, compared exactly" : "not reported (all zero)");
	ktest_log("walks: %u fault, %u supersection, %u section, %u large, %u small",
		  s.kinds[PT_FAULT], s.kinds[PT_SUPERSECTION], s.kinds[PT_SECTION],
		  s.kinds[PT_LARGE], s.kinds[PT_SMALL]);
	ktest_log("PAR faults: translation %u/%u, domain %u/%u, permission %u/%u (section/page)",
		  s.faults_seen[0x05], s.faults_seen[0x07], s.faults_seen[0x09],
		  s.faults_seen[0x0b], s.faults_seen[0x0d], s.faults_seen[0x0f]);
	KEXPECT_EQ(t, s.mismatches, 0);
	KEXPECT_EQ(t, s.share_mismatches, 0);
	KEXPECT_EQ(t, s.lookup_mismatches, 0);
	KEXPECT_TRUE(t, s.addresses >= 10000);
	/* Every kind and every fault class was really exercised. */
	for (int k = PT_FAULT; k <= PT_SMALL; k++)
		KEXPECT_TRUE(t, s.kinds[k] > 0);
	KEXPECT_TRUE(t, s.faults_seen[0x05] && s.faults_seen[0x07]);
	KEXPECT_TRUE(t, s.faults_seen[0x09] && s.faults_seen[0x0b]);
	KEXPECT_TRUE(t, s.faults_seen[0x0d] && s.faults_seen[0x0f]);
}

/* One mapping of each kind and memory type, for the shareability table below. */
struct share_case {
	const char *name;
	uint32_t offset, pa_offset, size; /* as in window_layout */
	pgprot_t prot;
	enum pt_kind kind;
};

static const struct share_case share_cases[] = {
	{ "normal", MB(0), MB(0), MB(16), PAGE_KERNEL, PT_SUPERSECTION },
	{ "normal, user", MB(16), MB(1), MB(1), PAGE_KERNEL | PROT_USER, PT_SECTION },
	{ "normal-nc", MB(17), MB(2), MB(1), PAGE_KERNEL_NC, PT_SECTION },
	{ "device", MB(18), MB(3), MB(1), PAGE_DEVICE, PT_SECTION },
	{ "strongly-ordered", MB(19), MB(4), MB(1), PAGE_SO, PT_SECTION },
	{ "normal, user", MB(20), MB(5), KB(64), PAGE_KERNEL | PROT_USER, PT_LARGE },
	{ "normal-nc", MB(20) + KB(64), MB(6), KB(64), PAGE_KERNEL_NC, PT_LARGE },
	{ "normal, exec nG", MB(20) + KB(128), MB(7), KB(4), PAGE_KERNEL_EXEC | PROT_NG, PT_SMALL },
	{ "normal-nc", MB(20) + KB(132), MB(7) + KB(4), KB(4), PAGE_KERNEL_NC, PT_SMALL },
	{ "device", MB(20) + KB(136), MB(7) + KB(8), KB(4), PAGE_DEVICE, PT_SMALL },
	{ "strongly-ordered", MB(20) + KB(140), MB(7) + KB(12), KB(4), PAGE_SO, PT_SMALL },
};

/*
 * Check one mapping: the descriptor's S bit and the walk's shareability
 * against what MPIDR demands, and the whole PAR against the prediction
 * (attributes only where this MMU reports them). Logs one table row.
 */
static void check_shareability(struct ktest *t, const char *name, uint32_t va, bool smp,
			       bool par_attrs)
{
	struct pt_walk w;
	uint32_t par = ats1cpr(va), want;
	bool normal;

	mmu_walk_live(va, &w);
	normal = PROT_MT(w.prot) <= MT_NORMAL_NC;
	want = pt_expected_par(&w, va, ATS_PRIV_READ, read_dacr(), cpu_nonsecure());
	if (par_attrs)
		want |= pt_par_attrs(&w);
	ktest_log("%-18s %-12s S=%u walk:%-14s PAR %08x SH=%u NOS=%u (predicted %08x)", name,
		  pt_kind_name(w.kind), desc_s_bit(&w),
		  pt_walk_shareable(&w) ? "shareable" : "non-shareable", par, !!(par & PAR_SH),
		  !!(par & PAR_NOS), want);
	KEXPECT_TRUE(t, w.kind != PT_FAULT && w.memtype_known);
	KEXPECT_EQ(t, pt_walk_shareable(&w), expected_shareable(&w, smp));
	if (normal)
		KEXPECT_EQ(t, desc_s_bit(&w), smp);
	else
		KEXPECT_EQ(t, desc_s_bit(&w), false); /* S is ignored there: left 0 */
	KEXPECT_EQ(t, par, want);
}

/*
 * Shareability per mapping type: the kernel's own mappings as paging_init()
 * made them, head.S's early table, an ioremap() of the UART, then every descriptor kind with every memory
 * type in the test window. On this QEMU PAR.SH and NOS are always 0 (no
 * attributes in a short-descriptor PAR), so the descriptor and the walk
 * carry the check there; an MMU that reports attributes is held to SH too.
 */
static void shareability_per_mapping_type(struct ktest *t)
{
	extern char _sdata[];
	bool smp = cpu_is_smp(), par_attrs = mmu_reports_par_attrs();
	void __iomem *uart;
	struct mmu_fixture f;

	ktest_log("MPIDR %08x: %s; PAR attributes %s", read_mpidr(),
		  smp ? "multiprocessor, Normal memory Shareable"
		      : "uniprocessor, Normal memory Non-shareable",
		  par_attrs ? "reported" : "not reported");
	check_shareability(t, ".text", (uintptr_t)_text, smp, par_attrs);
	check_shareability(t, ".data", (uintptr_t)_sdata, smp, par_attrs);
	check_shareability(t, "lowmem (end)", (uint32_t)high_memory - PAGE_SIZE, smp, par_attrs);
	check_shareability(t, "vectors", VECTORS_BASE, smp, par_attrs);
	/*
	 * head.S's early table, through which every secondary CPU turns its MMU
	 * on: its RAM sections (identity and PAGE_OFFSET) and vector page must
	 * have the same shareability as swapper_pg_dir's.
	 */
	for (unsigned i = 0; i < 3; i++) {
		static const char *const what[] = { "early identity", "early lowmem",
						    "early vectors" };
		uint32_t va = i == 0 ? __pa(_text) : i == 1 ? PAGE_OFFSET : VECTORS_BASE;
		struct pt_walk w;

		pt_query(early_pg_dir, va, &w);
		ktest_log("%-18s %-12s S=%u walk:%s", what[i], pt_kind_name(w.kind), desc_s_bit(&w),
			  pt_walk_shareable(&w) ? "shareable" : "non-shareable");
		KEXPECT_EQ(t, PROT_MT(w.prot), MT_NORMAL);
		KEXPECT_EQ(t, desc_s_bit(&w), smp);
		KEXPECT_EQ(t, pt_walk_shareable(&w), smp);
	}
	uart = ioremap(board.uart_phys, PAGE_SIZE);
	KEXPECT_TRUE(t, uart != NULL);
	if (uart) {
		check_shareability(t, "ioremap UART", (uintptr_t)uart & PAGE_MASK, smp, par_attrs);
		iounmap(uart);
	}

	if (!mmu_fixture_get(t, &f))
		return;
	for (unsigned i = 0; i < ARRAY_SIZE(share_cases); i++) {
		const struct share_case *c = &share_cases[i];
		struct pt_walk w;

		KEXPECT_EQ(t,
			   pt_map_max(&kernel_aspace, f.va + c->offset, f.pa + c->pa_offset,
				      c->size, c->prot, c->kind),
			   0);
		pt_query(swapper_pg_dir, f.va + c->offset, &w);
		KEXPECT_EQ(t, w.kind, c->kind);
		check_shareability(t, c->name, f.va + c->offset, smp, par_attrs);
	}
	mmu_fixture_put(t, &f);
}

/* The kernel image has the permissions paging_init promised, per the MMU. */
static void kernel_image_protection(struct ktest *t)
{
	extern char _etext[], __start_rodata[], _sdata[];
	extern char init_stack_bottom[];
	struct {
		const char *name;
		uintptr_t va;
		bool writable;
		bool exec;
	} cases[] = {
		{ ".text", (uintptr_t)_text, false, true },
		{ ".text end", (uintptr_t)_etext - 4, false, true },
		{ ".rodata", (uintptr_t)__start_rodata, false, false },
		{ ".data", (uintptr_t)_sdata, true, false },
		{ "stack", (uintptr_t)init_stack_bottom, true, false },
		{ "swapper_pg_dir", (uintptr_t)swapper_pg_dir, true, false },
	};

	for (unsigned i = 0; i < ARRAY_SIZE(cases); i++) {
		struct pt_walk w;
		uint32_t par_r = ats1cpr(cases[i].va), par_w = ats1cpw(cases[i].va);

		mmu_walk_live(cases[i].va, &w);
		KEXPECT_EQ(t, par_r & 1, 0); /* readable */
		KEXPECT_EQ(t, par_r & PAGE_MASK, __pa(cases[i].va) & PAGE_MASK);
		KEXPECT_EQ(t, !(par_w & 1), cases[i].writable); /* the MMU's verdict */
		KEXPECT_EQ(t, !!(w.prot & PROT_EXEC), cases[i].exec);
		KEXPECT_EQ(t, !!(w.prot & PROT_USER), 0);
		KEXPECT_TRUE(t, ats1cur(cases[i].va) & 1); /* no user access */
		if (t->failed)
			ktest_log("%s at %08x: %s", cases[i].name, cases[i].va,
				  pt_kind_name(w.kind));
	}
}

/* Nothing maps page 0, and no identity mapping of the kernel survived boot. */
static void no_null_or_identity_mapping(struct ktest *t)
{
	struct pt_walk w;

	mmu_walk_live(0, &w);
	KEXPECT_EQ(t, w.kind, PT_FAULT);
	KEXPECT_EQ(t, ats1cpr(0), (FS_TRANSLATION_SECT << 1) | 1);
	KEXPECT_TRUE(t, ats1cpr(__pa(_text)) & 1);
	KEXPECT_TRUE(t, ats1cpr(PHYS_OFFSET) & 1);
	mmu_walk_live(__pa(_text), &w);
	KEXPECT_EQ(t, w.kind, PT_FAULT);
}

static const struct ktest_case mmu_ats_cases[] = {
	KTEST_CASE(walk_matches_mmu),
	KTEST_CASE(shareability_per_mapping_type),
	KTEST_CASE(kernel_image_protection),
	KTEST_CASE(no_null_or_identity_mapping),
};
KTEST_SUITE("mmu_ats", mmu_ats_cases);
