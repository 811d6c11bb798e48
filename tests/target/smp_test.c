/*
 * The secondary CPUs, checked against what the hardware says: how many CPUs
 * the machine has (the GIC's CPU interface count, L2CTLR on Cortex-A7/A15,
 * PSCI AFFINITY_INFO on virt), the MPIDR each CPU reads on itself, each
 * CPU's translation regime and ATS answers, where an IPI lands, that a
 * broadcast TLB invalidate reaches another CPU's TLB, that vfree, iounmap
 * and vunmap shoot the mapping down on every CPU, and vmap, vunmap,
 * get_vm_area and kmap_atomic run on all CPUs at once; the slab allocator
 * (a kmem_cache, kmalloc, a mempool) on all CPUs at once, objects freed on
 * another CPU than the one that allocated them, and an interrupt handler
 * allocating from the cache the interrupted code is popping and pushing.
 */
#include "asm/cacheflush.h"
#include "asm/cp15.h"
#include "asm/io.h"
#include "asm/memory.h"
#include "asm/psci.h"
#include "asm/traps.h"
#include "atomic.h"
#include "highmem.h"
#include "board.h"
#include "errno.h"
#include "lockdep.h"
#include "mempool.h"
#include "mm.h"
#include "slab.h"
#include "smp.h"
#include "string.h"
#include "timer.h"
#include "vmalloc.h"
#include "mm/buddy/buddy.h"
#include "mmu_fixture.h"
#include "test_util.h"
#include "xorshift.h"

#define MARK_A 0x5a5a0001u
#define MARK_B 0xa5a50002u

#define ACTLR_SMP (1u << 6)

static uint32_t read_actlr(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 0, %0, c1, c0, 1" : "=r"(v));
	return v;
}

static uint32_t read_tpidrprw(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 0, %0, c13, c0, 4" : "=r"(v));
	return v;
}

static unsigned midr_part(void)
{
	return (read_midr() >> 4) & 0xfff;
}

/* Cortex-A7/A15: L2CTLR[25:24] is the number of CPUs in the cluster minus one. */
static unsigned l2ctlr_cpus(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 1, %0, c9, c0, 2" : "=r"(v));
	return ((v >> 24) & 3) + 1;
}

/* GICD_TYPER.CPUNumber + 1, read here rather than asked of the driver. */
static unsigned gic_cpus(void)
{
	void __iomem *d = ioremap(board.irqchip.dist, PAGE_SIZE);
	unsigned n;

	if (!d)
		return 0;
	n = ((readl((char __iomem *)d + 4) >> 5) & 7) + 1;
	iounmap(d);
	return n;
}

static void every_cpu_is_online(struct ktest *t)
{
	unsigned hw = 0, online = num_online_cpus();

	if (board.irqchip.kind == IRQCHIP_GIC) {
		hw = gic_cpus();
		ktest_log("GICD_TYPER: %u CPU interface(s)", hw);
	}
	if (midr_part() == 0xc07 || midr_part() == 0xc0f) {
		unsigned l2 = l2ctlr_cpus();

		ktest_log("L2CTLR: %u CPU(s)", l2);
		if (hw)
			KEXPECT_EQ(t, l2, hw);
		hw = l2;
	}
	if (board.smp_method == SMP_PSCI_HVC) {
		unsigned on = 0;

		for (unsigned cpu = 0; cpu < 8; cpu++) {
			int aff = psci_affinity_info(cpu);

			if (aff == PSCI_RET_INVALID_PARAMS)
				continue;
			on++;
			KEXPECT_EQ(t, aff, PSCI_AFF_ON);
		}
		ktest_log("PSCI AFFINITY_INFO: %u CPU(s)", on);
		KEXPECT_EQ(t, on, hw);
	}
	KASSERT_TRUE(t, hw >= 1);
	KEXPECT_EQ(t, online, min(hw, (unsigned)NR_CPUS));
	KEXPECT_EQ(t, cpu_online_mask(), (1u << online) - 1);
	KEXPECT_EQ(t, smp_processor_id(), 0);
	KEXPECT_EQ(t, smp_call_function_single(NR_CPUS, NULL, NULL, true), -ENODEV);
}

struct cpu_regs {
	uint32_t mpidr, sctlr, ttbr0, ttbr1, ttbcr, dacr, actlr, tpidrprw, cpu;
};

static void read_regs(void *info)
{
	struct cpu_regs *r = &((struct cpu_regs *)info)[smp_processor_id()];

	r->mpidr = read_mpidr();
	r->sctlr = read_sctlr();
	r->ttbr0 = read_ttbr0();
	r->ttbr1 = read_ttbr1();
	r->ttbcr = read_ttbcr();
	r->dacr = read_dacr();
	r->actlr = read_actlr();
	r->tpidrprw = read_tpidrprw();
	r->cpu = smp_processor_id();
}

static void each_cpu_answers_with_its_mpidr(struct ktest *t)
{
	struct cpu_regs regs[NR_CPUS] = { 0 };
	uint32_t mask = cpu_online_mask();

	KASSERT_EQ(t, smp_call_function_many(mask, read_regs, regs, true), 0);
	for (unsigned cpu = 0; cpu < NR_CPUS; cpu++) {
		if (!(mask & (1u << cpu)))
			continue;
		ktest_log("CPU%u: MPIDR %08x", cpu, regs[cpu].mpidr);
		KEXPECT_EQ(t, regs[cpu].cpu, cpu);
		KEXPECT_EQ(t, regs[cpu].mpidr, cpu_logical_map(cpu));
		if (cpu)
			KEXPECT_EQ(t, regs[cpu].mpidr & 0xff, cpu);
		/* Same cluster, multiprocessor format. */
		KEXPECT_EQ(t, regs[cpu].mpidr & ~0xffu, regs[0].mpidr & ~0xffu);
	}
}

static void each_cpu_has_the_kernel_regime(struct ktest *t)
{
	struct cpu_regs regs[NR_CPUS] = { 0 };
	uint32_t mask = cpu_online_mask();
	uint32_t swapper = __pa(swapper_pg_dir);
	bool mp_core = (read_mpidr() & 0xc0000000) == 0x80000000 &&
		       (midr_part() == 0xc09 || midr_part() == 0xc0f || midr_part() == 0xc07);

	KASSERT_EQ(t, smp_call_function_many(mask, read_regs, regs, true), 0);
	for (unsigned cpu = 0; cpu < NR_CPUS; cpu++) {
		const struct cpu_regs *r = &regs[cpu];

		if (!(mask & (1u << cpu)))
			continue;
		ktest_log("CPU%u: SCTLR %08x TTBR0 %08x TTBR1 %08x TTBCR %x DACR %08x ACTLR %08x",
			  cpu, r->sctlr, r->ttbr0, r->ttbr1, r->ttbcr, r->dacr, r->actlr);
		KEXPECT_EQ(t, r->sctlr, regs[0].sctlr);
		KEXPECT_EQ(t, r->sctlr & (SCTLR_M | SCTLR_C | SCTLR_I | SCTLR_V),
			   SCTLR_M | SCTLR_C | SCTLR_I | SCTLR_V);
		KEXPECT_EQ(t, r->ttbr1, regs[0].ttbr1);
		KEXPECT_EQ(t, r->ttbr1 & ~0x3fffu, swapper);
		if (cpu) /* CPU 0's TTBR0 may hold a process table; the others' never do */
			KEXPECT_EQ(t, r->ttbr0, r->ttbr1);
		KEXPECT_EQ(t, r->ttbcr, 0);
		KEXPECT_EQ(t, r->dacr, regs[0].dacr);
		KEXPECT_EQ(t, r->tpidrprw, cpu);
		if (mp_core) /* inner-shareable walks with the MP extensions */
			KEXPECT_EQ(t, r->ttbr1 & (TTB_S | TTB_NOS), TTB_S | TTB_NOS);
		/* ACTLR.SMP as the boot CPU has it (QEMU may ignore the write: compare). */
		KEXPECT_EQ(t, r->actlr & ACTLR_SMP, regs[0].actlr & ACTLR_SMP);
	}
}

struct ats_req {
	uint32_t va;
	uint32_t par[NR_CPUS];
};

static void ats_on_cpu(void *info)
{
	struct ats_req *q = info;

	q->par[smp_processor_id()] = ats1cpr(q->va);
}

static void ats_agrees_on_every_cpu(struct ktest *t)
{
	static uint32_t data_word;
	void *v = vmalloc(PAGE_SIZE);
	uint32_t vas[] = { (uint32_t)every_cpu_is_online, (uint32_t)&data_word,
			   (uint32_t)__va(PHYS_OFFSET), VECTORS_BASE, (uint32_t)v };
	uint32_t mask = cpu_online_mask();

	KASSERT_TRUE(t, v != NULL);
	for (unsigned i = 0; i < ARRAY_SIZE(vas); i++) {
		struct ats_req q = { .va = vas[i] };

		KEXPECT_EQ(t, smp_call_function_many(mask, ats_on_cpu, &q, true), 0);
		KEXPECT_EQ(t, q.par[0] & 1, 0);
		for (unsigned cpu = 1; cpu < NR_CPUS; cpu++)
			if (mask & (1u << cpu))
				KEXPECT_EQ(t, q.par[cpu], q.par[0]);
	}
	vfree(v);
}

static void ipi_reaches_only_its_target(struct ktest *t)
{
	uint32_t mask = cpu_online_mask();

	for (unsigned target = 0; target < NR_CPUS; target++) {
		unsigned before[NR_CPUS];

		if (!(mask & (1u << target)))
			continue;
		for (unsigned cpu = 0; cpu < NR_CPUS; cpu++)
			before[cpu] = smp_ipi_count(cpu, IPI_PING);
		smp_send_ipi(1u << target, IPI_PING);
		for (unsigned i = 0;
		     i < (1u << 22) && smp_ipi_count(target, IPI_PING) == before[target]; i++)
			__asm__ volatile("wfe" ::: "memory");
		KEXPECT_EQ(t, smp_ipi_count(target, IPI_PING), before[target] + 1);
		/* A cross call to every CPU: anything else pending there is taken by now. */
		KEXPECT_EQ(
			t,
			smp_call_function_many(mask, read_regs, (struct cpu_regs[NR_CPUS]){}, true),
			0);
		for (unsigned cpu = 0; cpu < NR_CPUS; cpu++)
			if (cpu != target)
				KEXPECT_EQ(t, smp_ipi_count(cpu, IPI_PING), before[cpu]);
	}
}

/* ---- TLB maintenance across CPUs ---- */

struct remote_read {
	volatile const uint32_t *va;
	volatile uint32_t value;
};

static void read_word(void *info)
{
	struct remote_read *r = info;

	r->value = *r->va;
}

static uint32_t read_on(unsigned cpu, volatile const uint32_t *va)
{
	struct remote_read r = { .va = va, .value = 0 };

	if (smp_call_function_single(cpu, read_word, &r, true))
		return 0;
	return r.value;
}

struct shared_page {
	struct mmu_fixture f;
	volatile uint32_t *va;
	pte_t *pte;
};

/* Map a page to A, let CPU 1 cache its translation, then point the PTE at B (no TLB op yet). */
static bool remap_behind_cpu1(struct ktest *t, struct shared_page *s)
{
	struct pt_walk w;

	if (num_online_cpus() < 2) {
		ktest_skip(t, "one CPU online");
		return false;
	}
	if (!mmu_fixture_get(t, &s->f))
		return false;
	s->va = (volatile uint32_t *)(s->f.va + SZ_1M + 7 * PAGE_SIZE);
	*(uint32_t *)__va(s->f.pa_a) = MARK_A;
	*(uint32_t *)__va(s->f.pa_b) = MARK_B;
	KEXPECT_EQ(t, pt_map(&kernel_aspace, (uint32_t)s->va, s->f.pa_a, PAGE_SIZE, PAGE_KERNEL),
		   0);
	KEXPECT_EQ(t, read_on(1, s->va), MARK_A); /* CPU 1's TLB holds va -> A now */
	KEXPECT_EQ(t, s->va[0], MARK_A);
	mmu_walk_live((uint32_t)s->va, &w);
	KEXPECT_EQ(t, w.kind, PT_SMALL);
	s->pte = __va(w.l2_addr);
	*s->pte = mk_small_page(s->f.pa_b, PAGE_KERNEL);
	clean_pt_entry(s->pte);
	return !t->failed;
}

/* Undo remap_behind_cpu1(), however far it got. */
static void put_back(struct ktest *t, struct shared_page *s)
{
	if (!s->f.area)
		return;
	if (s->pte) {
		*s->pte = mk_small_page(s->f.pa_a, PAGE_KERNEL);
		clean_pt_entry(s->pte);
		flush_tlb_kernel_page_is((uintptr_t)s->va);
	}
	pt_unmap(&kernel_aspace, (uint32_t)s->va, PAGE_SIZE);
	mmu_fixture_put(t, &s->f);
}

/*
 * Remap the page behind CPU 1's cached entry, flush it on CPU 0 with flush,
 * and read it on both: CPU 0 must see B, CPU 1 cpu1_sees.
 */
static void remap_flush_read(struct ktest *t, void (*flush)(uintptr_t), uint32_t cpu1_sees)
{
	struct shared_page s = { 0 };

	if (!remap_behind_cpu1(t, &s)) {
		put_back(t, &s);
		return;
	}
	flush((uintptr_t)s.va);
	KEXPECT_EQ(t, s.va[0], MARK_B);
	KEXPECT_EQ(t, read_on(1, s.va), cpu1_sees);
	put_back(t, &s);
}

/* The inner-shareable TLBIMVAIS on CPU 0 drops CPU 1's entry: CPU 1 reads B. */
static void tlbimvais_reaches_cpu1(struct ktest *t)
{
	remap_flush_read(t, flush_tlb_kernel_page_is, MARK_B);
}

/*
 * Why the broadcast form: a local TLBIMVA on CPU 0 leaves CPU 1 reading
 * the OLD page A (PLATFORM.md saw it on every SMP board; QEMU models it),
 * which is what a missing shootdown would do to a vmalloc area.
 */
static void local_tlbimva_leaves_cpu1_stale(struct ktest *t)
{
	remap_flush_read(t, local_flush_tlb_kernel_page, MARK_A);
}

/* ---- the page allocator on every CPU at once ---- */

#define STRESS_OPS   4000 /* allocations and frees per CPU */
#define STRESS_SLOTS 48   /* blocks a CPU holds at most */
#define HANDOFF      1024 /* pages allocated on one CPU and freed on another */

struct stress {
	atomic_t done;              /* CPUs that have finished */
	uint32_t failures[NR_CPUS]; /* allocations that returned NULL */
	uint32_t bad[NR_CPUS];      /* blocks found with the wrong pattern */
	struct page *pages[HANDOFF];
	unsigned order[HANDOFF];
};

static struct stress stress;

static void nop(void *info)
{
	(void)info;
}

/*
 * Run fn(info) on every online CPU at once (cross calls without waiting,
 * then fn here), wait until all have counted themselves done in *done, and
 * until every call slot is free again (a waited-for empty call succeeds).
 */
static bool on_all_cpus(struct ktest *t, smp_call_func_t fn, void *info, atomic_t *done)
{
	uint32_t others = cpu_online_mask() & ~1u;
	unsigned n = num_online_cpus(), i;

	atomic_set(done, 0);
	KEXPECT_EQ(t, smp_call_function_many(others, fn, info, false), 0);
	fn(info);
	/*
	 * No time limit: how long the others take depends on how QEMU schedules
	 * its vCPUs and on the host's load, and a CPU that never finishes (a
	 * deadlock) hangs the boot, which the runner reports after its timeout.
	 */
	while ((unsigned)atomic_read(done) != n)
		wfe();
	for (i = 0; i < 1000 && smp_call_function_many(others, nop, NULL, true); i++)
		;
	return (unsigned)atomic_read(done) == n && i < 1000;
}

/* on_all_cpus() with the page cases' state. */
static bool run_everywhere(struct ktest *t, smp_call_func_t fn)
{
	return on_all_cpus(t, fn, &stress, &stress.done);
}

/*
 * Each CPU: random orders 0..3, up to STRESS_SLOTS live, each block's first
 * word its own. The workers run in the cross call's interrupt handler, where
 * only atomic allocations are allowed (as in Linux): GFP_ATOMIC never drains
 * the other CPUs' hot lists, which would wait for CPUs that are busy here.
 */
static void page_churn(void *info)
{
	struct stress *st = info;
	unsigned cpu = smp_processor_id();
	struct page *held[STRESS_SLOTS] = { 0 };
	unsigned order[STRESS_SLOTS] = { 0 };
	uint32_t seed = 0x9e3779b9u * (cpu + 1);

	for (unsigned op = 0; op < STRESS_OPS; op++) {
		unsigned i = xorshift32(&seed) % STRESS_SLOTS;

		if (held[i]) {
			uint32_t *w = page_address(held[i]);

			if (*w != (cpu << 16 | i))
				st->bad[cpu]++;
			__free_pages(held[i], order[i]);
			held[i] = NULL;
			continue;
		}
		order[i] = xorshift32(&seed) & 3;
		held[i] = alloc_pages(GFP_ATOMIC | __GFP_NOWARN, order[i]);
		if (!held[i]) {
			st->failures[cpu]++;
			continue;
		}
		*(uint32_t *)page_address(held[i]) = cpu << 16 | i;
	}
	for (unsigned i = 0; i < STRESS_SLOTS; i++)
		if (held[i])
			__free_pages(held[i], order[i]);
	atomic_inc(&stress.done);
}

/* Free pages in all zones once every CPU has drained its hot lists. */
static uint32_t drained_free_pages(void)
{
	drain_all_pages();
	return nr_free_pages();
}

/* Pages parked on one CPU's hot lists of orders above 0, all zones. */
static uint32_t cpu_high_order_hot_pages(unsigned cpu)
{
	uint32_t n = 0;

	for (unsigned i = 0; i < MAX_NR_ZONES; i++)
		n += pcpo_pages(&zones[i].pcpo[cpu]);
	return n;
}

/* Pages on one CPU's hot lists of every order, all zones. */
static uint32_t cpu_hot_pages(unsigned cpu)
{
	uint32_t n = cpu_high_order_hot_pages(cpu);

	for (unsigned i = 0; i < MAX_NR_ZONES; i++)
		n += zones[i].pcp[cpu].count;
	return n;
}

static void pages_on_every_cpu_at_once(struct ktest *t)
{
	uint32_t before = drained_free_pages();

	memset(&stress, 0, sizeof(stress));
	KASSERT_TRUE(t, run_everywhere(t, page_churn));
	for (unsigned cpu = 0; cpu < NR_CPUS; cpu++) {
		KEXPECT_EQ(t, stress.failures[cpu], 0u);
		KEXPECT_EQ(t, stress.bad[cpu], 0u);
		/* Each CPU freed blocks of orders 1..3 last: its own hot lists hold them. */
		if (cpu_online_mask() & 1u << cpu)
			KEXPECT_TRUE(t, cpu_high_order_hot_pages(cpu) > 0);
	}
	KEXPECT_EQ(t, buddy_check(), 0u);
	KEXPECT_EQ(t, drained_free_pages(), before);
	/* drain_all_pages() emptied every CPU's hot lists, of every order. */
	for (unsigned cpu = 0; cpu < NR_CPUS; cpu++)
		KEXPECT_EQ(t, cpu_hot_pages(cpu), 0u);
	KEXPECT_EQ(t, buddy_check(), 0u);
}

/* CPU n frees the handoff pages i with i % ncpu == n (allocated on another CPU). */
static void free_share(void *info)
{
	struct stress *st = info;
	unsigned cpu = smp_processor_id(), n = num_online_cpus();

	for (unsigned i = (cpu + 1) % n; i < HANDOFF; i += n) {
		__free_pages(st->pages[i], st->order[i]);
		st->pages[i] = NULL;
	}
	atomic_inc(&stress.done);
}

/* CPU n allocates the handoff pages i with i % ncpu == n. */
static void alloc_share(void *info)
{
	struct stress *st = info;
	unsigned cpu = smp_processor_id(), n = num_online_cpus();

	for (unsigned i = cpu; i < HANDOFF; i += n) {
		st->order[i] = i & 1; /* orders 0 and 1 */
		st->pages[i] = alloc_pages(GFP_ATOMIC | __GFP_NOWARN, st->order[i]);
		if (!st->pages[i])
			st->failures[cpu]++;
	}
	atomic_inc(&stress.done);
}

/* Pages allocated on CPU a and freed on CPU a + 1 (mod n), all CPUs at once, both ways. */
static void pages_freed_on_another_cpu(struct ktest *t)
{
	uint32_t before = drained_free_pages();

	memset(&stress, 0, sizeof(stress));
	for (unsigned round = 0; round < 4; round++) {
		KASSERT_TRUE(t, run_everywhere(t, alloc_share));
		for (unsigned cpu = 0; cpu < NR_CPUS; cpu++)
			KASSERT_EQ(t, stress.failures[cpu], 0u);
		KASSERT_TRUE(t, run_everywhere(t, free_share));
		for (unsigned i = 0; i < HANDOFF; i++)
			KASSERT_TRUE(t, !stress.pages[i]);
		KEXPECT_EQ(t, buddy_check(), 0u);
	}
	KEXPECT_EQ(t, drained_free_pages(), before);
	KEXPECT_EQ(t, buddy_check(), 0u);
}

/* ---- the slab allocator on every CPU at once ---- */

#define SLAB_OPS     4000 /* allocations and frees per CPU and phase */
#define SLAB_SLOTS   64   /* objects a CPU holds at most */
#define SLAB_HANDOFF 2048 /* objects allocated on one CPU and freed on another */
#define SLAB_OBJ     72   /* not a power of two: the reciprocal slot check */

struct slab_stress {
	atomic_t done;
	struct kmem_cache *cache, *big, *debug;
	mempool_t *pool;
	uint32_t failures[NR_CPUS]; /* allocations that returned NULL */
	uint32_t bad[NR_CPUS];      /* objects found with another owner's pattern */
	void *obj[SLAB_HANDOFF];
	uint8_t kind[SLAB_HANDOFF];
	uint16_t size[SLAB_HANDOFF]; /* kmalloc's */
};

static struct slab_stress sst;

/* The word an object of this owner and slot carries at both ends. */
static uint32_t slab_tag(unsigned cpu, unsigned i)
{
	return 0x5ab00000u | cpu << 16 | i;
}

static void slab_fill(void *p, size_t size, uint32_t tag)
{
	((uint32_t *)p)[0] = tag;
	((uint32_t *)p)[size / 4 - 1] = tag;
}

static bool slab_holds(const void *p, size_t size, uint32_t tag)
{
	return ((const uint32_t *)p)[0] == tag && ((const uint32_t *)p)[size / 4 - 1] == tag;
}

/* A kmalloc size from 8 to 2048 (several classes, the 96 and 192 ones too). */
static uint16_t slab_random_size(uint32_t *seed)
{
	static const uint16_t sizes[] = { 8, 24, 64, 80, 100, 128, 180, 256, 500, 1000, 2048 };

	return sizes[xorshift32(seed) % ARRAY_SIZE(sizes)];
}

/* What slab_churn holds in a slot: an object of one of the caches, the pool, or kmalloc. */
enum slab_kind {
	K_CACHE, /* sst.cache: 72 bytes, 56 per slab, 112 on a CPU freelist */
	K_BIG,   /* sst.big: 1000 bytes, 4 per slab, 8 on a CPU freelist: slow paths often */
	K_DEBUG, /* sst.debug: red zones and poison, every operation under the lock */
	K_POOL,  /* sst.pool: kmalloc(200) with a reserve */
	K_KMALLOC,
	NR_SLAB_KINDS
};

static void *slab_kind_alloc(struct slab_stress *st, enum slab_kind kind, size_t size)
{
	switch (kind) {
	case K_CACHE: return kmem_cache_alloc(st->cache, GFP_ATOMIC | __GFP_NOWARN);
	case K_BIG: return kmem_cache_alloc(st->big, GFP_ATOMIC | __GFP_NOWARN);
	case K_DEBUG: return kmem_cache_alloc(st->debug, GFP_ATOMIC | __GFP_NOWARN);
	case K_POOL: return mempool_alloc(st->pool, GFP_ATOMIC);
	default: return kmalloc(size, GFP_ATOMIC | __GFP_NOWARN);
	}
}

static void slab_kind_free(struct slab_stress *st, enum slab_kind kind, void *p)
{
	switch (kind) {
	case K_CACHE: kmem_cache_free(st->cache, p); break;
	case K_BIG: kmem_cache_free(st->big, p); break;
	case K_DEBUG: kmem_cache_free(st->debug, p); break;
	case K_POOL: mempool_free(p, st->pool); break;
	default: kfree(p);
	}
}

/* The bytes of an object of this kind that slab_fill may write. */
static size_t slab_kind_size(enum slab_kind kind, size_t size)
{
	static const uint16_t bytes[] = {
		[K_CACHE] = SLAB_OBJ, [K_BIG] = 1000, [K_DEBUG] = 40, [K_POOL] = 200
	};

	return kind == K_KMALLOC ? size : bytes[kind];
}

/*
 * Each CPU: up to SLAB_SLOTS objects live, of every kind at random, each
 * filled with its owner's pattern at both ends and checked before it is
 * freed (two CPUs handed the same object overwrite each other's pattern).
 * GFP_ATOMIC: the workers run in the cross call's interrupt handler (see
 * page_churn).
 */
static void slab_churn(void *info)
{
	struct slab_stress *st = info;
	unsigned cpu = smp_processor_id();
	void *held[SLAB_SLOTS] = { 0 };
	uint8_t kind[SLAB_SLOTS] = { 0 };
	uint16_t size[SLAB_SLOTS] = { 0 };
	uint32_t seed = 0x2545f491u * (cpu + 1);

	for (unsigned op = 0; op < SLAB_OPS; op++) {
		unsigned i = xorshift32(&seed) % SLAB_SLOTS;

		if (held[i]) {
			if (!slab_holds(held[i], slab_kind_size(kind[i], size[i]),
					slab_tag(cpu, i)))
				st->bad[cpu]++;
			slab_kind_free(st, kind[i], held[i]);
			held[i] = NULL;
			continue;
		}
		kind[i] = (uint8_t)(xorshift32(&seed) % NR_SLAB_KINDS);
		size[i] = slab_random_size(&seed);
		held[i] = slab_kind_alloc(st, kind[i], size[i]);
		if (!held[i]) {
			st->failures[cpu]++;
			continue;
		}
		slab_fill(held[i], slab_kind_size(kind[i], size[i]), slab_tag(cpu, i));
	}
	for (unsigned i = 0; i < SLAB_SLOTS; i++)
		if (held[i])
			slab_kind_free(st, kind[i], held[i]);
	atomic_inc(&st->done);
}

/* on_all_cpus() with the slab cases' state. */
static bool slab_everywhere(struct ktest *t, smp_call_func_t fn)
{
	return on_all_cpus(t, fn, &sst, &sst.done);
}

/* Lock problems lockdep-lite has reported so far (0 without CONFIG_LOCKDEP). */
static unsigned lock_reports(void)
{
#ifdef CONFIG_LOCKDEP
	struct lockdep_stats st;

	lockdep_get_stats(&st);
	return st.inversions + st.inconsistent + st.recursive + st.bad_unlock + st.held_at_switch;
#else
	return 0;
#endif
}

static unsigned cache_active(struct kmem_cache *s)
{
	struct slabinfo info;

	kmem_cache_info(s, &info);
	return info.active_objs;
}

/* The cache and the pool the cases use; false (and the case failed) when they cannot be made. */
static bool slab_setup(struct ktest *t)
{
	memset(&sst, 0, sizeof(sst));
	sst.cache = kmem_cache_create("smp-obj", SLAB_OBJ, 0, 0, NULL);
	sst.big = kmem_cache_create("smp-big", 1000, 0, 0, NULL);
	sst.debug = kmem_cache_create("smp-debug", 40, 0, SLAB_RED_ZONE | SLAB_POISON, NULL);
	sst.pool = mempool_create_kmalloc_pool(16, 200);
	KEXPECT_TRUE(t, sst.cache && sst.big && sst.debug && sst.pool);
	return sst.cache && sst.big && sst.debug && sst.pool;
}

static void slab_teardown(struct ktest *t)
{
	mempool_destroy(sst.pool);
	KEXPECT_EQ(t, kmem_cache_destroy(sst.cache), 0);
	KEXPECT_EQ(t, kmem_cache_destroy(sst.big), 0);
	KEXPECT_EQ(t, kmem_cache_destroy(sst.debug), 0);
}

/*
 * Three phases of slab_churn on every CPU at once; between them every cache
 * validates (which first has each CPU give its freelist back, by cross
 * call), no object is left allocated and no slab error was reported; at the
 * end the pages come back to the buddy allocator exactly.
 */
static void slab_on_every_cpu_at_once(struct ktest *t)
{
	unsigned errors = slab_errors, reports = lock_reports(), live0, live;
	uint32_t pages0 = settled_free_pages(), before;

	live0 = slab_live_objects();
	if (!slab_setup(t))
		return;
	before = settled_free_pages();
	live = slab_live_objects();
	for (unsigned phase = 0; phase < 3; phase++) {
		KASSERT_TRUE(t, slab_everywhere(t, slab_churn));
		for (unsigned cpu = 0; cpu < NR_CPUS; cpu++) {
			KEXPECT_EQ(t, sst.failures[cpu], 0u);
			KEXPECT_EQ(t, sst.bad[cpu], 0u);
		}
		KEXPECT_EQ(t, kmem_cache_validate(sst.cache), 0u);
		KEXPECT_EQ(t, validate_all_caches(), 0u);
		KEXPECT_EQ(t, cache_active(sst.cache), 0u);
		KEXPECT_EQ(t, cache_active(sst.big), 0u);
		KEXPECT_EQ(t, cache_active(sst.debug), 0u);
		KEXPECT_EQ(t, slab_errors, errors);
		KEXPECT_EQ(t, settled_free_pages(), before);
		KEXPECT_EQ(t, slab_live_objects(), live);
	}
	slab_teardown(t);
	KEXPECT_EQ(t, settled_free_pages(), pages0);
	KEXPECT_EQ(t, slab_live_objects(), live0);
	KEXPECT_EQ(t, lock_reports(), reports);
}

/* CPU n allocates the handoff objects i with i % ncpu == n: the cache and kmalloc in turn. */
static void slab_alloc_share(void *info)
{
	struct slab_stress *st = info;
	unsigned cpu = smp_processor_id(), n = num_online_cpus();
	uint32_t seed = 0x68e31da4u * (cpu + 1);

	for (unsigned i = cpu; i < SLAB_HANDOFF; i += n) {
		st->kind[i] = (uint8_t)(i % 3 == 0 ? K_CACHE : i % 3 == 1 ? K_BIG : K_KMALLOC);
		st->size[i] = slab_random_size(&seed);
		st->obj[i] = slab_kind_alloc(st, st->kind[i], st->size[i]);
		if (!st->obj[i]) {
			st->failures[cpu]++;
			continue;
		}
		slab_fill(st->obj[i], slab_kind_size(st->kind[i], st->size[i]), slab_tag(cpu, i));
	}
	atomic_inc(&st->done);
}

/* CPU n frees the handoff objects i with i % ncpu == n - 1: allocated on the CPU before it. */
static void slab_free_share(void *info)
{
	struct slab_stress *st = info;
	unsigned cpu = smp_processor_id(), n = num_online_cpus();
	unsigned from = (cpu + n - 1) % n;

	for (unsigned i = from; i < SLAB_HANDOFF; i += n) {
		if (!slab_holds(st->obj[i], slab_kind_size(st->kind[i], st->size[i]),
				slab_tag(from, i)))
			st->bad[cpu]++;
		slab_kind_free(st, st->kind[i], st->obj[i]);
		st->obj[i] = NULL;
	}
	atomic_inc(&st->done);
}

/*
 * Objects allocated on CPU a and freed on CPU a + 1 (mod n), all CPUs at
 * once, four rounds: the frees go to the freeing CPU's freelist (or its
 * slabs), which later allocations there take again. After each round the
 * cache counts no live object and validates; at the end the pages return.
 */
static void slab_freed_on_another_cpu(struct ktest *t)
{
	unsigned errors = slab_errors, reports = lock_reports(), live0, live;
	uint32_t pages0 = settled_free_pages(), before;

	live0 = slab_live_objects();
	if (!slab_setup(t))
		return;
	before = settled_free_pages();
	live = slab_live_objects();
	for (unsigned round = 0; round < 4; round++) {
		KASSERT_TRUE(t, slab_everywhere(t, slab_alloc_share));
		for (unsigned cpu = 0; cpu < NR_CPUS; cpu++)
			KASSERT_EQ(t, sst.failures[cpu], 0u);
		KEXPECT_EQ(t, cache_active(sst.cache), (SLAB_HANDOFF + 2) / 3);
		KEXPECT_EQ(t, cache_active(sst.big), (SLAB_HANDOFF + 1) / 3);
		KASSERT_TRUE(t, slab_everywhere(t, slab_free_share));
		for (unsigned i = 0; i < SLAB_HANDOFF; i++)
			KASSERT_TRUE(t, !sst.obj[i]);
		for (unsigned cpu = 0; cpu < NR_CPUS; cpu++)
			KEXPECT_EQ(t, sst.bad[cpu], 0u);
		KEXPECT_EQ(t, cache_active(sst.cache), 0u);
		KEXPECT_EQ(t, cache_active(sst.big), 0u);
		KEXPECT_EQ(t, kmem_cache_validate(sst.cache), 0u);
		KEXPECT_EQ(t, kmem_cache_validate(sst.big), 0u);
		KEXPECT_EQ(t, validate_all_caches(), 0u);
		KEXPECT_EQ(t, settled_free_pages(), before);
		KEXPECT_EQ(t, slab_live_objects(), live);
	}
	KEXPECT_EQ(t, slab_errors, errors);
	slab_teardown(t);
	KEXPECT_EQ(t, settled_free_pages(), pages0);
	KEXPECT_EQ(t, slab_live_objects(), live0);
	KEXPECT_EQ(t, lock_reports(), reports);
}

/*
 * An interrupt handler allocating from the caches the interrupted code is
 * popping and pushing on the same CPU: the tick handler on CPU 0 (cross
 * calls are not for this: a CPU that makes one must have interrupts on, and
 * a cross call's function runs with them off) allocates a few objects from
 * a cache with room for 8 on a CPU freelist (so its refills and trims take
 * the cache lock in the handler), from a 72-byte cache and kmalloc-64,
 * checks and frees them, while CPU 0 runs alloc/free loops on the same
 * caches with interrupts on. A handler that ran between a fast path's load
 * and store of the freelist would hand out an object twice or lose one
 * (the patterns, the validator and the exact counts see either); a cache
 * lock taken without masking interrupts would deadlock here, and
 * lockdep-lite reports it.
 */
#define IRQ_HANDLERS_MIN 60 /* ticks CPU 0 waits for (HZ 100) */
#define IRQ_BATCH        6

struct irq_stress {
	struct kmem_cache *cache, *big;
	volatile uint32_t runs; /* handler runs */
	uint32_t bad, failures; /* in the handler */
};

static struct irq_stress ist;

/* Allocate IRQ_BATCH objects of each kind with the pattern base | j, check them, free them. */
static void irq_batch(struct irq_stress *st, gfp_t gfp, uint32_t base, uint32_t *bad,
		      uint32_t *failures)
{
	void *o[IRQ_BATCH], *b[IRQ_BATCH], *k[IRQ_BATCH];

	for (unsigned j = 0; j < IRQ_BATCH; j++) {
		o[j] = kmem_cache_alloc(st->cache, gfp);
		b[j] = kmem_cache_alloc(st->big, gfp);
		k[j] = kmalloc(64, gfp);
		if (!o[j] || !b[j] || !k[j]) {
			(*failures)++;
			kmem_cache_free(st->cache, o[j]);
			kmem_cache_free(st->big, b[j]);
			kfree(k[j]);
			o[j] = NULL;
			continue;
		}
		slab_fill(o[j], SLAB_OBJ, base | j);
		slab_fill(b[j], 1000, base | 0x100 | j);
		slab_fill(k[j], 64, base | 0x200 | j);
	}
	for (unsigned j = 0; j < IRQ_BATCH; j++) {
		if (!o[j])
			continue;
		if (!slab_holds(o[j], SLAB_OBJ, base | j) ||
		    !slab_holds(b[j], 1000, base | 0x100 | j) ||
		    !slab_holds(k[j], 64, base | 0x200 | j))
			(*bad)++;
		kmem_cache_free(st->cache, o[j]);
		kmem_cache_free(st->big, b[j]);
		kfree(k[j]);
	}
}

static void irq_alloc_free(void)
{
	if (smp_processor_id() != 0)
		return;
	irq_batch(&ist, GFP_ATOMIC | __GFP_NOWARN, 0x1ee00000u, &ist.bad, &ist.failures);
	ist.runs++;
}

static void slab_alloc_in_irq_on_same_cpu(struct ktest *t)
{
	unsigned errors = slab_errors, reports = lock_reports(), live, loops = 0;
	uint32_t bad = 0, failures = 0, before;
	bool tick_was_on = tick_active();

	if (tick_init()) {
		ktest_skip(t, "no tick on this board");
		return;
	}
	local_irq_enable();
#ifdef CONFIG_LOCKDEP
	/*
	 * lockdep-lite reports a class once: start afresh (no CPU holds a lock
	 * here) so that a cache lock taken without masking interrupts is
	 * reported, and counted, during this case.
	 */
	lockdep_reset();
	reports = lock_reports();
#endif
	memset(&ist, 0, sizeof(ist));
	ist.cache = kmem_cache_create("smp-irq", SLAB_OBJ, 0, 0, NULL);
	ist.big = kmem_cache_create("smp-irq-big", 1000, 0, 0, NULL);
	KEXPECT_TRUE(t, ist.cache && ist.big);
	if (!ist.cache || !ist.big)
		goto out;
	before = settled_free_pages();
	live = slab_live_objects();
	KEXPECT_EQ(t, tick_register(irq_alloc_free), 0);
	while (ist.runs < IRQ_HANDLERS_MIN) {
		irq_batch(&ist, GFP_KERNEL, 0xc0000000u | (loops & 0xff) << 12, &bad, &failures);
		loops++;
	}
	tick_unregister(irq_alloc_free);
	ktest_log("%u loops on CPU 0, %u tick handlers in them", loops, ist.runs);
	KEXPECT_EQ(t, bad, 0u);
	KEXPECT_EQ(t, failures, 0u);
	KEXPECT_EQ(t, ist.bad, 0u);
	KEXPECT_EQ(t, ist.failures, 0u);
	KEXPECT_EQ(t, kmem_cache_validate(ist.cache), 0u);
	KEXPECT_EQ(t, kmem_cache_validate(ist.big), 0u);
	KEXPECT_EQ(t, validate_all_caches(), 0u);
	KEXPECT_EQ(t, cache_active(ist.cache), 0u);
	KEXPECT_EQ(t, cache_active(ist.big), 0u);
	KEXPECT_EQ(t, slab_errors, errors);
	KEXPECT_EQ(t, settled_free_pages(), before);
	KEXPECT_EQ(t, slab_live_objects(), live);
	KEXPECT_EQ(t, lock_reports(), reports); /* the cache locks are irq-safe */
out:
	KEXPECT_EQ(t, kmem_cache_destroy(ist.cache), 0);
	KEXPECT_EQ(t, kmem_cache_destroy(ist.big), 0);
	if (!tick_was_on)
		tick_stop();
}

/*
 * The same for the page allocator's hot lists of orders 1..3: the tick
 * handler on CPU 0 allocates a few blocks (GFP_ATOMIC), marks, checks and
 * frees them while CPU 0 allocates and frees blocks of the same orders and
 * type with interrupts on. A fast path that did not mask interrupts around
 * its list and count would lose a block or hand one out twice: the marks,
 * buddy_check() and the exact free count after a drain see either.
 */
#define PAGE_IRQ_BATCH 6

static struct {
	volatile uint32_t runs; /* handler runs */
	uint32_t bad, failures; /* in the handler */
} pist;

/* Allocate PAGE_IRQ_BATCH blocks of orders 1..3, mark their first words, check, free. */
static void page_irq_batch(gfp_t gfp, uint32_t base, uint32_t *bad, uint32_t *failures)
{
	struct page *p[PAGE_IRQ_BATCH];

	for (unsigned j = 0; j < PAGE_IRQ_BATCH; j++) {
		p[j] = alloc_pages(gfp, 1 + j % 3);
		if (!p[j]) {
			(*failures)++;
			continue;
		}
		*(volatile uint32_t *)page_address(p[j]) = base | j;
	}
	for (unsigned j = 0; j < PAGE_IRQ_BATCH; j++) {
		if (!p[j])
			continue;
		if (*(volatile uint32_t *)page_address(p[j]) != (base | j))
			(*bad)++;
		__free_pages(p[j], 1 + j % 3);
	}
}

static void irq_pages(void)
{
	if (smp_processor_id() != 0)
		return;
	page_irq_batch(GFP_ATOMIC | __GFP_NOWARN, 0x1ee00000u, &pist.bad, &pist.failures);
	pist.runs++;
}

static void pages_alloc_in_irq_on_same_cpu(struct ktest *t)
{
	uint32_t bad = 0, failures = 0, loops = 0, before;
	bool tick_was_on = tick_active();

	if (tick_init()) {
		ktest_skip(t, "no tick on this board");
		return;
	}
	local_irq_enable();
	memset(&pist, 0, sizeof(pist));
	before = drained_free_pages();
	KEXPECT_EQ(t, tick_register(irq_pages), 0);
	while (pist.runs < IRQ_HANDLERS_MIN) {
		page_irq_batch(GFP_KERNEL, 0xc0000000u | (loops & 0xff) << 12, &bad, &failures);
		loops++;
	}
	tick_unregister(irq_pages);
	ktest_log("%u loops on CPU 0, %u tick handlers in them", loops, pist.runs);
	KEXPECT_EQ(t, bad, 0u);
	KEXPECT_EQ(t, failures, 0u);
	KEXPECT_EQ(t, pist.bad, 0u);
	KEXPECT_EQ(t, pist.failures, 0u);
	KEXPECT_EQ(t, buddy_check(), 0u);
	KEXPECT_EQ(t, drained_free_pages(), before);
	if (!tick_was_on)
		tick_stop();
}

/* ---- TLB shootdown of kernel mappings (vfree, iounmap, vunmap) ---- */

struct remote_probe {
	const volatile void *va;
	uint32_t value;
	int err;
};

static void probe_word(void *info)
{
	struct remote_probe *r = info;

	r->err = probe_read32(r->va, &r->value);
}

/* probe_read32(va) on cpu: 0 and the word, or -EFAULT when va does not translate there. */
static int probe_on(unsigned cpu, const volatile void *va, uint32_t *value)
{
	struct remote_probe r = { .va = va, .value = 0, .err = -EINVAL };
	int err = smp_call_function_single(cpu, probe_word, &r, true);

	*value = r.value;
	return err ? err : r.err;
}

/* Every other online CPU reads want at va: each of them now caches the translation. */
static void others_read(struct ktest *t, const volatile void *va, uint32_t want)
{
	for (unsigned cpu = 1; cpu < NR_CPUS; cpu++) {
		uint32_t v = 0;

		if (!cpu_online(cpu))
			continue;
		KEXPECT_EQ(t, probe_on(cpu, va, &v), 0);
		KEXPECT_EQ(t, v, want);
	}
}

/* After the unmap returned, no CPU may still reach va through its TLB. */
static void others_fault(struct ktest *t, const volatile void *va)
{
	for (unsigned cpu = 1; cpu < NR_CPUS; cpu++) {
		uint32_t v = 0;

		if (!cpu_online(cpu))
			continue;
		KEXPECT_EQ(t, probe_on(cpu, va, &v), -EFAULT);
	}
}

static bool two_cpus(struct ktest *t)
{
	if (num_online_cpus() >= 2)
		return true;
	ktest_skip(t, "one CPU online");
	return false;
}

/* CPUs 1..n read a vmalloc page; once vfree returns, every one of them faults on it. */
static void vfree_shoots_down_every_cpu(struct ktest *t)
{
	volatile uint32_t *p;

	if (!two_cpus(t))
		return;
	p = vmalloc(PAGE_SIZE);
	KEXPECT_TRUE(t, p != NULL);
	if (!p)
		return;
	p[0] = MARK_A;
	others_read(t, p, MARK_A);
	vfree((void *)p);
	others_fault(t, p);
}

/* The same through a larger vmalloc area: vunmap_range's flush_tlb_kernel_range. */
static void vfree_range_shoots_down_every_cpu(struct ktest *t)
{
	volatile uint32_t *p;

	if (!two_cpus(t))
		return;
	p = vmalloc(6 * PAGE_SIZE);
	KEXPECT_TRUE(t, p != NULL);
	if (!p)
		return;
	p[5 * 1024] = MARK_B;
	others_read(t, &p[5 * 1024], MARK_B);
	vfree((void *)p);
	others_fault(t, &p[5 * 1024]);
}

/* A device page (the UART's flag register) read on CPUs 1..n, then iounmapped. */
static void iounmap_shoots_down_every_cpu(struct ktest *t)
{
	char __iomem *uart;
	const volatile uint32_t *fr;
	uint32_t v = 0;

	if (!two_cpus(t))
		return;
	uart = ioremap(board.uart_phys, PAGE_SIZE);
	KEXPECT_TRUE(t, uart != NULL);
	if (!uart)
		return;
	fr = (const volatile uint32_t *)(uart + 0x18); /* UARTFR: reading it changes nothing */
	for (unsigned cpu = 1; cpu < NR_CPUS; cpu++)
		if (cpu_online(cpu))
			KEXPECT_EQ(t, probe_on(cpu, fr, &v), 0);
	iounmap(uart);
	others_fault(t, fr);
}

/*
 * vmap page A, let CPUs 1..n read it, vunmap, vmap page B: the allocator
 * hands out the same range again, and every CPU must see B, not A.
 */
static void vmap_remap_reaches_every_cpu(struct ktest *t)
{
	struct page *a, *b;
	volatile uint32_t *va, *vb;

	if (!two_cpus(t))
		return;
	a = alloc_page(GFP_KERNEL);
	b = alloc_page(GFP_KERNEL);
	KEXPECT_TRUE(t, a && b);
	if (!a || !b)
		goto out;
	*(uint32_t *)page_address(a) = MARK_A;
	*(uint32_t *)page_address(b) = MARK_B;
	va = vmap(&a, 1, PAGE_KERNEL);
	KEXPECT_TRUE(t, va != NULL);
	if (!va)
		goto out;
	others_read(t, va, MARK_A);
	vunmap((void *)va);
	vb = vmap(&b, 1, PAGE_KERNEL);
	KEXPECT_TRUE(t, vb != NULL);
	if (!vb)
		goto out;
	ktest_log("vmap: A at %p, B at %p", (void *)va, (void *)vb);
	KEXPECT_EQ(t, (uintptr_t)vb, (uintptr_t)va);
	KEXPECT_EQ(t, vb[0], MARK_B);
	others_read(t, vb, MARK_B);
	vunmap((void *)vb);
out:
	if (a)
		__free_page(a);
	if (b)
		__free_page(b);
}

/* ---- vmap, vunmap, get_vm_area and kmap_atomic on every CPU at once ---- */

#define STRESS_ROUNDS 32

struct kva_stress {
	struct page *pages[NR_CPUS][2];
	atomic_t done;
	atomic_t errors;
	atomic_t kmap_highmem; /* kmap_atomic calls that used a fixmap slot */
};

/* One CPU's share: its own two pages, mapped and unmapped STRESS_ROUNDS times. */
static void stress_worker(void *info)
{
	struct kva_stress *st = info;
	unsigned cpu = smp_processor_id();
	uintptr_t slots = KMAP_ATOMIC_BASE + cpu * KM_MAX_IDX * PAGE_SIZE;
	unsigned errors = 0;

	for (uint32_t i = 0; i < STRESS_ROUNDS; i++) {
		uint32_t tag = cpu << 24 | i;
		volatile uint32_t *v = vmap(st->pages[cpu], 2, PAGE_KERNEL);
		struct vm_struct *area;
		uint32_t *k;

		if (!v) {
			errors++;
			break;
		}
		v[0] = tag;
		v[1024] = ~tag;
		errors += v[0] != tag || v[1024] != ~tag;
		vunmap((void *)v);
		area = get_vm_area(3 * PAGE_SIZE, PAGE_SIZE);
		errors += !area;
		if (area)
			free_vm_area(area);
		k = kmap_atomic(st->pages[cpu][1]);
		if (PageHighMem(st->pages[cpu][1])) {
			errors += (uintptr_t)k != slots;
			atomic_inc(&st->kmap_highmem);
		}
		errors += k[0] != ~tag;
		kunmap_atomic(k);
		errors += kmap_atomic_depth() != 0;
	}
	if (errors)
		atomic_add((int)errors, &st->errors);
	(void)atomic_inc_return(&st->done); /* ordered after everything above */
}

static void vmap_and_kmap_atomic_on_every_cpu(struct ktest *t)
{
	static struct kva_stress st;
	unsigned n = num_online_cpus();
	uint32_t free_pages, free_bytes, others = cpu_online_mask() & ~1u;
	unsigned areas, live;

	memset(&st, 0, sizeof(st));
	for (unsigned cpu = 0; cpu < NR_CPUS; cpu++)
		for (unsigned j = 0; j < 2; j++) {
			st.pages[cpu][j] = alloc_page(GFP_HIGHUSER);
			KEXPECT_TRUE(t, st.pages[cpu][j] != NULL);
			if (!st.pages[cpu][j])
				goto out;
		}
	/*
	 * Pages free or in slabs, settled and lazy areas purged, and the live
	 * objects: a vmap_area freed and made again on another CPU comes from
	 * that CPU's slab freelist, so the same live objects may end up spread
	 * over one more slab; what must not change is the pages in neither.
	 */
	free_pages = settled_vmalloc_free_pages() + slab_pages(false);
	live = slab_live_objects();
	areas = vmalloc_nr_areas();
	free_bytes = vmalloc_free_bytes();
	if (others)
		KEXPECT_EQ(t, smp_call_function_many(others, stress_worker, &st, false), 0);
	stress_worker(&st);
	/*
	 * No early give-up: the pages must not be freed while another CPU may
	 * still map them. A CPU that never finishes is the runner's timeout.
	 */
	while (atomic_read(&st.done) < (int)n)
		__asm__ volatile("yield");
	ktest_log("%u CPUs x %u rounds, %d kmap_atomic of highmem", n, STRESS_ROUNDS,
		  atomic_read(&st.kmap_highmem));
	KEXPECT_EQ(t, atomic_read(&st.done), (int)n);
	KEXPECT_EQ(t, atomic_read(&st.errors), 0);
	KEXPECT_EQ(t, settled_vmalloc_free_pages() + slab_pages(false), free_pages);
	KEXPECT_EQ(t, slab_live_objects(), live);
	KEXPECT_EQ(t, vmalloc_nr_areas(), areas);
	KEXPECT_EQ(t, vmalloc_free_bytes(), free_bytes);
	KEXPECT_EQ(t, vmalloc_check(), 0u);
out:
	for (unsigned cpu = 0; cpu < NR_CPUS; cpu++)
		for (unsigned j = 0; j < 2; j++)
			if (st.pages[cpu][j])
				__free_page(st.pages[cpu][j]);
}

static const struct ktest_case smp_cases[] = {
	KTEST_CASE(every_cpu_is_online),
	KTEST_CASE(each_cpu_answers_with_its_mpidr),
	KTEST_CASE(each_cpu_has_the_kernel_regime),
	KTEST_CASE(ats_agrees_on_every_cpu),
	KTEST_CASE(ipi_reaches_only_its_target),
	KTEST_CASE(tlbimvais_reaches_cpu1),
	KTEST_CASE(local_tlbimva_leaves_cpu1_stale),
	KTEST_CASE(pages_on_every_cpu_at_once),
	KTEST_CASE(pages_freed_on_another_cpu),
	KTEST_CASE(slab_on_every_cpu_at_once),
	KTEST_CASE(slab_freed_on_another_cpu),
	KTEST_CASE(slab_alloc_in_irq_on_same_cpu),
	KTEST_CASE(pages_alloc_in_irq_on_same_cpu),
	KTEST_CASE(vfree_shoots_down_every_cpu),
	KTEST_CASE(vfree_range_shoots_down_every_cpu),
	KTEST_CASE(iounmap_shoots_down_every_cpu),
	KTEST_CASE(vmap_remap_reaches_every_cpu),
	KTEST_CASE(vmap_and_kmap_atomic_on_every_cpu),
};
KTEST_SUITE("smp", smp_cases);
