/*
 * kmap over the pkmap area and kmap_atomic over fixmap slots (see
 * include/highmem.h). Both write their PTEs directly: the L2 tables for the
 * two windows are created once at boot and found with pt_l2_entry(). An
 * empty slot is always flushed, so mapping into it needs no TLB maintenance.
 */
#include "asm/cacheflush.h"
#include "asm/mmu.h"
#include "highmem.h"
#include "printk.h"
#include "spinlock.h"

_Static_assert(FIX_KMAP_END - FIX_KMAP_BEGIN + 1 == KM_MAX_IDX * NR_CPUS, "kmap_atomic slots");
_Static_assert(LAST_PKMAP *PAGE_SIZE == PKMAP_SIZE, "pkmap entries");

static pte_t kmap_pte_bits; /* attribute bits of a kmap PTE (kernel RW, XN) */

/* ---- kmap_atomic: the fast paths are inline in highmem.h, misuse is reported here ---- */

struct kmap_atomic_slots kmap_slots[NR_CPUS];

void *kmap_atomic_overflow(struct page *page)
{
	vm_stats.misuse++;
	printk("BUG: kmap_atomic: more than %u nested mappings (pfn %#x), caller %pS\n", KM_MAX_IDX,
	       page_to_pfn(page), __builtin_return_address(0));
	return NULL;
}

void kunmap_atomic_bad(void *addr)
{
	vm_stats.misuse++;
	printk("BUG: kunmap_atomic(%p) out of order: slot %u, %u mapped, caller %pS\n", addr,
	       (unsigned)(__virt_to_fix(addr) - FIX_KMAP_BEGIN), kmap_atomic_depth(),
	       __builtin_return_address(0));
}

/* ---- kmap ---- */

#define PKMAP_ADDR(i) (PKMAP_BASE + ((uint32_t)(i) << PAGE_SHIFT))
#define PKMAP_NONE    0xffff
#define PKMAP_HASH    128

/*
 * pkmap_count[i]: 0 = free and flushed, 1 = released but its PTE may still
 * be in a TLB, n > 1 = mapped with n - 1 users. Everything below, the
 * entries' PTEs included, is under kmap_lock (Linux's lock_kmap()): kmap
 * and kunmap may run on any CPU, never in an interrupt handler.
 */
static DEFINE_SPINLOCK(kmap_lock);
static uint16_t pkmap_count[LAST_PKMAP];
static struct page *pkmap_page[LAST_PKMAP];
static uint16_t pkmap_next[LAST_PKMAP]; /* hash chains */
static uint16_t pkmap_hash[PKMAP_HASH];
static pte_t *pkmap_ptes[PKMAP_SIZE / SZ_1M]; /* one L2 table per MB */
static unsigned last_pkmap_nr;
static unsigned nr_flushes;

static pte_t *pkmap_pte(unsigned i)
{
	return &pkmap_ptes[i / 256][i % 256];
}

static unsigned hash_page(const struct page *page)
{
	return (page_to_pfn(page) * 2654435761u) >> (32 - 7);
}
_Static_assert(PKMAP_HASH == 128, "hash_page gives 7 bits");

static int pkmap_lookup(const struct page *page)
{
	for (unsigned i = pkmap_hash[hash_page(page)]; i != PKMAP_NONE; i = pkmap_next[i])
		if (pkmap_page[i] == page)
			return (int)i;
	return -1;
}

static void hash_remove(unsigned idx)
{
	uint16_t *p = &pkmap_hash[hash_page(pkmap_page[idx])];

	while (*p != idx)
		p = &pkmap_next[*p];
	*p = pkmap_next[idx];
	pkmap_page[idx] = NULL;
}

/* Clear every released entry, then flush the TLB once for the whole area. */
static void flush_all_zero_pkmaps(void)
{
	bool flush = false;

	for (unsigned i = 0; i < LAST_PKMAP; i++)
		if (pkmap_count[i] == 1) {
			pkmap_count[i] = 0;
			*pkmap_pte(i) = 0;
			clean_pt_entry(pkmap_pte(i));
			hash_remove(i);
			flush = true;
		}
	if (flush) {
		flush_tlb_all(); /* every CPU may have used the entries */
		nr_flushes++;
	}
}

static int map_new_virtual(struct page *page)
{
	unsigned count;

	for (count = LAST_PKMAP; count; count--) {
		last_pkmap_nr = (last_pkmap_nr + 1) % LAST_PKMAP;
		if (!last_pkmap_nr)
			flush_all_zero_pkmaps();
		if (!pkmap_count[last_pkmap_nr])
			break;
	}
	if (!count)
		return -1;
	/* A free entry was flushed when it was cleared: no TLB maintenance needed. */
	set_kernel_pte_fresh(pkmap_pte(last_pkmap_nr), page_to_phys(page) | kmap_pte_bits);
	pkmap_count[last_pkmap_nr] = 1;
	pkmap_page[last_pkmap_nr] = page;
	pkmap_next[last_pkmap_nr] = pkmap_hash[hash_page(page)];
	pkmap_hash[hash_page(page)] = (uint16_t)last_pkmap_nr;
	return (int)last_pkmap_nr;
}

void *kmap(struct page *page)
{
	int idx;

	if (!PageHighMem(page))
		return page_address(page);
	spin_lock(&kmap_lock);
	idx = pkmap_lookup(page);
	if (idx < 0 && (idx = map_new_virtual(page)) < 0) {
		spin_unlock(&kmap_lock);
		vm_stats.misuse++;
		printk("BUG: kmap(pfn %#x): all %u pkmap entries are in use (caller %pS)\n",
		       page_to_pfn(page), LAST_PKMAP, __builtin_return_address(0));
		return NULL;
	}
	pkmap_count[idx]++;
	spin_unlock(&kmap_lock);
	return (void *)PKMAP_ADDR(idx);
}

void kunmap(struct page *page)
{
	int idx;

	if (!PageHighMem(page))
		return;
	spin_lock(&kmap_lock);
	idx = pkmap_lookup(page);
	if (idx < 0 || pkmap_count[idx] < 2) {
		spin_unlock(&kmap_lock);
		vm_stats.misuse++;
		printk("BUG: kunmap(pfn %#x) without kmap (caller %pS)\n", page_to_pfn(page),
		       __builtin_return_address(0));
		return;
	}
	pkmap_count[idx]--;
	spin_unlock(&kmap_lock);
}

void *kmap_high_address(const struct page *page)
{
	int idx;

	spin_lock(&kmap_lock);
	idx = pkmap_lookup(page);
	spin_unlock(&kmap_lock);
	return idx >= 0 ? (void *)PKMAP_ADDR(idx) : NULL;
}

unsigned kmap_count(const struct page *page)
{
	unsigned n;
	int idx;

	spin_lock(&kmap_lock);
	idx = pkmap_lookup(page);
	n = idx >= 0 && pkmap_count[idx] > 1 ? pkmap_count[idx] - 1u : 0;
	spin_unlock(&kmap_lock);
	return n;
}

unsigned kmap_flushes(void)
{
	return nr_flushes;
}

void kmap_init(void)
{
	kmap_pte_bits = mk_small_page(0, PAGE_KERNEL);
	/* One L2 table holds every slot's PTE, so slot i's PTE is ptes[i]. */
	_Static_assert(__fix_to_virt(FIX_KMAP_BEGIN) >> 20 == __fix_to_virt(FIX_KMAP_END) >> 20,
		       "kmap_atomic slots share an L2 table");
	for (unsigned cpu = 0; cpu < NR_CPUS; cpu++) {
		struct kmap_atomic_slots *s = &kmap_slots[cpu];
		uint32_t first = FIX_KMAP_BEGIN + cpu * KM_MAX_IDX;

		s->ptes = pt_l2_entry(&kernel_aspace, __fix_to_virt(first));
		BUG_ON(!s->ptes);
		s->base = __fix_to_virt(first);
		s->bits = kmap_pte_bits;
		s->page_base = (uintptr_t)mem_map - mem_map_pfn * sizeof(struct page);
	}
	for (unsigned mb = 0; mb < PKMAP_SIZE / SZ_1M; mb++) {
		pkmap_ptes[mb] = pt_l2_entry(&kernel_aspace, PKMAP_BASE + mb * SZ_1M);
		BUG_ON(!pkmap_ptes[mb]);
	}
	for (unsigned i = 0; i < PKMAP_HASH; i++)
		pkmap_hash[i] = PKMAP_NONE;
}
