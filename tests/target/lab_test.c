/*
 * The labs' checks (docs/labs/): one manual suite per lab, run by
 * `make lab-NAME` (ktest=lab_NAME). Each holds the learner's function
 * (labs/labs.h) against what the hardware and the allocators really do,
 * and says what it expected when it fails.
 */
#include "asm/cacheflush.h"
#include "asm/mmu.h"
#include "asm/pgtable.h"
#include "asm/traps.h"
#include "errno.h"
#include "highmem.h"
#include "mm.h"
#include "slab.h"
#include "string.h"
#include "vmalloc.h"
#include "labs.h"
#include "mm/buddy/buddy.h"
#include "ktest.h"
#include "test_util.h"

/* ---- lab-buddy ---- */

/* Free blocks of each order on the zone's lists of one migrate type, now. */
static void movable_counts(struct zone *z, uint32_t counts[NR_PAGE_ORDERS])
{
	uint32_t flags;

	spin_lock_irqsave(&z->lock, flags);
	for (unsigned o = 0; o < NR_PAGE_ORDERS; o++) {
		const struct list_head *head = &z->area[o].free_list[MIGRATE_MOVABLE];

		counts[o] = 0;
		for (const struct list_head *pos = head->next; pos != head; pos = pos->next)
			counts[o]++;
	}
	spin_unlock_irqrestore(&z->lock, flags);
}

static void print_counts(const char *what, const uint32_t c[NR_PAGE_ORDERS])
{
	ktest_log("%-26s %u %u %u %u %u %u %u %u %u %u %u", what, c[0], c[1], c[2], c[3], c[4],
		  c[5], c[6], c[7], c[8], c[9], c[10]);
}

/*
 * Orders above the hot lists' (PCP_MAX_ORDER), so every allocation comes
 * straight off the buddy lists; movable, from ZONE_NORMAL, whose movable
 * lists hold blocks of every order on a freshly booted machine.
 */
static void buddy_prediction(struct ktest *t)
{
	static const unsigned orders[] = { 5, 7, 6, 9, 5, 10, 8, 5, 6 };
	struct zone *z = &zones[ZONE_NORMAL];
	struct page *held[ARRAY_SIZE(orders)];
	uint32_t before[NR_PAGE_ORDERS], predicted[NR_PAGE_ORDERS], real[NR_PAGE_ORDERS];
	unsigned right = 0;

	if (!z->managed) {
		ktest_skip(t, "no ZONE_NORMAL on this machine (boot with more RAM)");
		return;
	}
	drain_all_pages();
	for (unsigned i = 0; i < ARRAY_SIZE(orders); i++) {
		movable_counts(z, before);
		memcpy(predicted, before, sizeof(before));
		lab_buddy_alloc(predicted, orders[i]);
		held[i] = alloc_pages(GFP_KERNEL | __GFP_MOVABLE, orders[i]);
		KASSERT_TRUE(t, held[i] != NULL);
		movable_counts(z, real);
		if (!memcmp(predicted, real, sizeof(real))) {
			right++;
			continue;
		}
		ktest_log("allocation %u, order %u:", i + 1, orders[i]);
		print_counts("free lists before", before);
		print_counts("you predicted", predicted);
		print_counts("the buddy allocator has", real);
	}
	for (unsigned i = ARRAY_SIZE(orders); i-- > 0;)
		__free_pages(held[i], orders[i]);
	ktest_log("%u of %zu predictions right", right, ARRAY_SIZE(orders));
	KEXPECT_EQ(t, right, ARRAY_SIZE(orders));
}

static const struct ktest_case lab_buddy_cases[] = {
	KTEST_CASE(buddy_prediction),
};
KTEST_SUITE_MANUAL("lab_buddy", lab_buddy_cases);

/* ---- lab-fault ---- */

static const uint32_t read_only_word = 0x600dc0de; /* in .rodata: mapped read-only */

static void write_to_read_only_page(struct ktest *t)
{
	const uint32_t mask = FSR_WNR | 0x40f; /* WnR and the status FS[4:0] */
	uint32_t answer = lab_write_ro_dfsr(), dfsr;

	KASSERT_EQ(t, probe_write32((volatile void *)&read_only_word, 0), -EFAULT);
	dfsr = last_fault.fsr;
	ktest_log("the CPU reported DFSR %08x: status %#x (%s), %s; DFAR %08x", dfsr,
		  fsr_status(dfsr), fault_status_name(fsr_status(dfsr)),
		  dfsr & FSR_WNR ? "a write" : "a read", last_fault.far);
	ktest_log("your answer: %08x", answer);
	KEXPECT_EQ(t, answer & mask, dfsr & mask);
	KEXPECT_EQ(t, read_only_word, 0x600dc0de);
}

static const struct ktest_case lab_fault_cases[] = {
	KTEST_CASE(write_to_read_only_page),
};
KTEST_SUITE_MANUAL("lab_fault", lab_fault_cases);

/* ---- lab-slab-ctor ---- */

static void constructed_objects(struct ktest *t)
{
	struct kmem_cache *s = lab_point_cache_create();
	struct lab_point *p[64];
	struct slabinfo info;

	KASSERT_TRUE(t, s != NULL);
	kmem_cache_info(s, &info);
	KEXPECT_TRUE(t, !strcmp(info.name, "lab_point"));
	KEXPECT_TRUE(t, info.objsize >= sizeof(struct lab_point));
	/* Every object arrives constructed, from the first slab and from later ones. */
	for (unsigned round = 0; round < 2; round++) {
		for (unsigned i = 0; i < ARRAY_SIZE(p); i++) {
			p[i] = kmem_cache_alloc(s, GFP_KERNEL);
			KASSERT_TRUE(t, p[i] != NULL);
			if (p[i]->magic != LAB_POINT_MAGIC || p[i]->x || p[i]->y)
				ktest_fail(
					t, __FILE__, __LINE__,
					"object %u of round %u: magic %08x x %d y %d, not constructed",
					i, round, p[i]->magic, p[i]->x, p[i]->y);
			/* Used, then put back in the constructed state before the free (the rule). */
			p[i]->x = (int)i;
			p[i]->x = 0;
		}
		for (unsigned i = 0; i < ARRAY_SIZE(p); i++)
			kmem_cache_free(s, p[i]);
	}
	KEXPECT_EQ(t, kmem_cache_destroy(s), 0);
}

static const struct ktest_case lab_slab_ctor_cases[] = {
	KTEST_CASE(constructed_objects),
};
KTEST_SUITE_MANUAL("lab_slab_ctor", lab_slab_ctor_cases);

/* ---- lab-kmap ---- */

static void sum_one(struct ktest *t, gfp_t gfp, const char *what)
{
	struct page *page = alloc_page(gfp);
	unsigned depth0 = kmap_slots[smp_processor_id()].depth;
	uint32_t *w, want = 0, got;

	KASSERT_TRUE(t, page != NULL);
	w = kmap_atomic(page);
	for (unsigned i = 0; i < PAGE_SIZE / 4; i++) {
		w[i] = 0x01010101u * (i & 0xff) + i;
		want += w[i];
	}
	kunmap_atomic(w);
	got = lab_page_sum(page);
	ktest_log("%s page (pfn %#x): sum %08x, yours %08x", what, (unsigned)page_to_pfn(page),
		  want, got);
	KEXPECT_EQ(t, got, want);
	/* Every kmap_atomic undone: this CPU's slots are as they were. */
	KEXPECT_EQ(t, kmap_slots[smp_processor_id()].depth, depth0);
	__free_page(page);
}

static void page_sums(struct ktest *t)
{
	sum_one(t, GFP_KERNEL, "a lowmem");
	if (zone_nr_free(ZONE_HIGHMEM))
		sum_one(t, GFP_HIGHUSER, "a highmem");
	else
		ktest_log("no highmem on this machine: the lowmem page only");
}

static const struct ktest_case lab_kmap_cases[] = {
	KTEST_CASE(page_sums),
};
KTEST_SUITE_MANUAL("lab_kmap", lab_kmap_cases);

/* ---- lab-tlb ---- */

/*
 * A page of vmalloc space mapped to frame A, read (the translation is now
 * in the TLB), remapped to frame B by lab_remap(), read again: the read
 * must reach B. Ten frames in turn, so that a stale entry cannot hide.
 */
static void remap_reaches_the_new_frame(struct ktest *t)
{
	struct page *frames[2] = { alloc_page(GFP_KERNEL), alloc_page(GFP_KERNEL) };
	volatile uint32_t *va;
	unsigned stale = 0;

	KASSERT_TRUE(t, frames[0] && frames[1]);
	*(uint32_t *)page_address(frames[0]) = 0xaaaa0000;
	*(uint32_t *)page_address(frames[1]) = 0xbbbb0000;
	va = vmap(frames, 1, PAGE_KERNEL);
	KASSERT_TRUE(t, va != NULL);
	for (unsigned i = 0; i < 10; i++) {
		unsigned next = (i + 1) % 2;
		uint32_t seen;

		(void)*va; /* the current translation, in the TLB */
		lab_remap((uintptr_t)va, page_to_phys(frames[next]));
		seen = *va;
		if (seen != 0xaaaa0000 + 0x11110000 * next) {
			stale++;
			ktest_log("after remapping to frame %u the CPU read %08x: frame %u's word",
				  next, seen, 1 - next);
		}
		/* Whatever lab_remap did, the next round starts from a flushed translation. */
		flush_tlb_kernel_page((uintptr_t)va);
	}
	/* vunmap() clears the entry whatever frame it holds; the frames are this test's. */
	vunmap((void *)va);
	__free_page(frames[0]);
	__free_page(frames[1]);
	KEXPECT_EQ(t, stale, 0);
}

static const struct ktest_case lab_tlb_cases[] = {
	KTEST_CASE(remap_reaches_the_new_frame),
};
KTEST_SUITE_MANUAL("lab_tlb", lab_tlb_cases);
