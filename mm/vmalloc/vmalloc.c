/*
 * vmalloc, vmap and the vmalloc area (see include/vmalloc.h). Address
 * ranges come from the vmap_area allocator; an area's node and its
 * vm_struct are one object of the "vmap_area" cache; pages come from the
 * buddy allocator; vmalloc and vmap write their PTEs themselves, as
 * Linux's vmap_pte_range() does, into L2 tables that are kept once made
 * (pt_keep_table), and clear them with one TLB flush per area, which
 * reaches every CPU (flush_tlb_kernel_range).
 *
 * SMP: vmap_lock covers the area allocators (this one's and the coherent
 * DMA one's, which share the node cache), the lazy areas, last_one, the
 * kept L2 tables and the kernel page-table updates made for ioremap and
 * the coherent area. Pages are allocated and freed outside it. It is taken
 * with interrupts masked: cross calls (tests) run in interrupt handlers.
 */
#include "asm/cacheflush.h"
#include "asm/memory.h"
#include "asm/mmu.h"
#include "atomic.h"
#include "errno.h"
#include "kmemleak.h"
#include "mm.h"
#include "printk.h"
#include "seq_file.h"
#include "shrinker.h"
#include "slab.h"
#include "spinlock.h"
#include "string.h"
#include "vmalloc_internal.h"
#include "vmap_area.h"

static struct va_space vmalloc_space;
DEFINE_SPINLOCK(vmap_lock);

static const char *const kind_names[] = {
	[VM_ALLOC] = "vmalloc", [VM_MAP] = "vmap",         [VM_IOREMAP] = "ioremap",
	[VM_AREA] = "area",     [VM_DMA_COHERENT] = "dma",
};

/*
 * A busy area's vmap_area and vm_struct are allocated together (a free
 * area leaves the vm part unused), and small vmallocs keep their page
 * array in it: one object per area instead of three.
 */
#define VM_INLINE_PAGES 4
struct vmap_node {
	struct vmap_area va;
	struct vm_struct vm;
	struct page *pages[VM_INLINE_PAGES];
	struct vmap_node *next_lazy; /* on lazy_areas[] after vfree */
	/*
	 * A one-page area's PTE, found when it is first kept lazily and valid
	 * while the node keeps its address (on lazy_areas[1], or last_one):
	 * the one-page fast paths then skip the L1 read. The L2 table under it
	 * cannot go: tables are only released in whole MBs inside a new area
	 * (or after a purge), and this area's range stays reserved.
	 */
	pte_t *pte;
};
static struct kmem_cache *vmap_node_cache;

/*
 * Lazily freed areas. Linux's vfree() leaves the address range reserved
 * until a purge; so does this one for small vmallocs, and reuses it: vfree
 * unmaps the area, flushes the TLB and frees the pages at once, then keeps
 * the range and its node (owner NULL: to every lookup it is gone) on a
 * stack by page count, and the next vmalloc of that many pages takes it
 * back in O(1), with no search, split, merge or node allocation. At most
 * VM_LAZY_MAX per size; purge_vmap_area_lazy() gives them all back, and an
 * allocation that finds no room purges before it fails.
 */
#define VM_LAZY_MAX 8
static struct vmap_node *lazy_areas[VM_INLINE_PAGES + 1];
static unsigned nr_lazy[VM_INLINE_PAGES + 1];
static pte_t vmalloc_pte_bits; /* PTE bits of PAGE_KERNEL, the PA left out */
/*
 * mem_map's address minus mem_map_pfn struct pages: a page's PTE is then
 * (page - vmalloc_page_base) << 8 | bits (a struct page is 16 bytes, a
 * page 4096), one load where page_to_phys() takes two and two literals.
 */
static uintptr_t vmalloc_page_base;
/*
 * The one-page area vmalloc_one() handed out last, so that its vfree can
 * skip the hash lookup. Only ever a busy one-page vmalloc area or, after
 * its vfree, a lazily kept one (owner NULL). Such a node goes back to the
 * allocator only from vfree_area(), a purge or a failed vmalloc (vunmap,
 * iounmap and free_vm_area never find it), and each of those forgets it,
 * so it never points at a node reused for another area or freed to the slab.
 */
static struct vmap_node *last_one;

static void vunmap_range(uint32_t va, unsigned n);
static void purge_lazy_locked(void);

/*
 * How many areas are kept lazily, summed where it is wanted (an allocation
 * that failed, the area count) rather than kept up to date on the fast paths.
 */
static unsigned nr_lazy_total(void)
{
	unsigned total = 0;

	for (unsigned n = 1; n <= VM_INLINE_PAGES; n++)
		total += nr_lazy[n];
	return total;
}

static struct vmap_node *node_of(struct vm_struct *vm)
{
	return container_of(vm, struct vmap_node, vm);
}

struct vmap_area *va_node_alloc(void)
{
	struct vmap_node *node = kmem_cache_alloc(vmap_node_cache, GFP_KERNEL);

	return node ? &node->va : NULL;
}

void va_node_free(struct vmap_area *va)
{
	kmem_cache_free(vmap_node_cache, container_of(va, struct vmap_node, va));
}

/*
 * Reclaim's shrinker of the lazy areas (include/shrinker.h): its objects
 * are the areas, whose pages vfree already gave back; a purge returns
 * their ranges to the area allocator and their nodes to the vmap_area
 * cache, whose slabs that empties the slab shrinker (registered before
 * this one, so called after it) gives back in the same pass.
 */
static unsigned long lazy_count_objects(struct shrinker *shrink, struct shrink_control *sc)
{
	unsigned n = nr_lazy_total(); /* unlocked: a moment's estimate */

	(void)shrink;
	(void)sc;
	return n ? n : SHRINK_EMPTY;
}

/* All or nothing: the areas are kept per size on stacks, and a purge is one walk. */
static unsigned long lazy_scan_objects(struct shrinker *shrink, struct shrink_control *sc)
{
	uint32_t flags = local_irq_save();
	unsigned n;

	(void)shrink;
	if (!sc->trylock)
		spin_lock(&vmap_lock);
	else if (!spin_trylock(&vmap_lock)) { /* held by the vmalloc that is reclaiming */
		local_irq_restore(flags);
		return SHRINK_STOP;
	}
	n = nr_lazy_total();
	purge_lazy_locked();
	spin_unlock_irqrestore(&vmap_lock, flags);
	return n;
}

static struct shrinker lazy_shrinker = {
	.count_objects = lazy_count_objects,
	.scan_objects = lazy_scan_objects,
	.name = "vmap-lazy",
};

void vmalloc_init(void)
{
	vmalloc_pte_bits = mk_small_page(0, PAGE_KERNEL);
	_Static_assert(sizeof(struct page) << 8 == PAGE_SIZE, "a struct page is 16 bytes");
	vmalloc_page_base = (uintptr_t)mem_map - mem_map_pfn * sizeof(struct page);
	vmap_node_cache = kmem_cache_create("vmap_area", sizeof(struct vmap_node), 0, SLAB_PANIC,
					    NULL);
	if (va_space_init(&vmalloc_space, vmalloc_start, VMALLOC_END))
		panic("vmalloc_init: no memory for the area allocator");
	register_shrinker(&lazy_shrinker);
}

static void report(const char *who, const void *addr, const char *what, void *caller)
{
	vm_stats.misuse++;
	printk("BUG: %s(%p): %s (caller %pS)\n", who, addr, what, caller);
}

/* __get_vm_area() with vmap_lock held. */
static struct vm_struct *get_vm_area_locked(size_t size, size_t align, enum vm_kind kind,
					    void *caller)
{
	struct vm_struct *vm;
	struct vmap_area *va;

	va = va_alloc(&vmalloc_space, ALIGN((uint32_t)size, PAGE_SIZE),
		      max(align, (size_t)PAGE_SIZE), PAGE_SIZE);
	if (!va && nr_lazy_total()) {
		purge_lazy_locked();
		va = va_alloc(&vmalloc_space, ALIGN((uint32_t)size, PAGE_SIZE),
			      max(align, (size_t)PAGE_SIZE), PAGE_SIZE);
	}
	if (!va)
		return NULL;
	vm = &container_of(va, struct vmap_node, va)->vm;
	*vm = (struct vm_struct){
		.addr = va->start,
		.size = va->end - va->start - va->guard,
		.kind = kind,
		.caller = caller,
	};
	va->owner = vm;
	/*
	 * Whoever maps this area may want sections, or count the tables it
	 * makes: tables vmalloc kept in the area's whole MBs go back first.
	 */
	if (kind == VM_IOREMAP || kind == VM_AREA)
		pt_release_kept_tables(va->start, va->end);
	return vm;
}

struct vm_struct *__get_vm_area(size_t size, size_t align, enum vm_kind kind, void *caller)
{
	struct vm_struct *vm;
	uint32_t flags;

	if (!size || size > VMALLOC_END - vmalloc_start)
		return NULL;
	spin_lock_irqsave(&vmap_lock, flags);
	vm = get_vm_area_locked(size, align, kind, caller);
	spin_unlock_irqrestore(&vmap_lock, flags);
	return vm;
}

void __free_vm_area(struct vm_struct *vm)
{
	uint32_t flags;

	spin_lock_irqsave(&vmap_lock, flags);
	va_free(&vmalloc_space, &node_of(vm)->va);
	spin_unlock_irqrestore(&vmap_lock, flags);
}

void purge_vmap_area_lazy(void)
{
	uint32_t flags;

	spin_lock_irqsave(&vmap_lock, flags);
	purge_lazy_locked();
	spin_unlock_irqrestore(&vmap_lock, flags);
}

static void purge_lazy_locked(void)
{
	for (unsigned n = 1; n <= VM_INLINE_PAGES; n++)
		while (lazy_areas[n]) {
			struct vmap_node *node = lazy_areas[n];

			lazy_areas[n] = node->next_lazy;
			va_free(&vmalloc_space, &node->va);
		}
	memset(nr_lazy, 0, sizeof(nr_lazy));
	last_one = NULL;
}

/* A lazily freed area of n pages back in use as a vmalloc area, or NULL. vmap_lock held. */
static struct vm_struct *lazy_area_get(unsigned n, void *caller)
{
	struct vmap_node *node = n <= VM_INLINE_PAGES ? lazy_areas[n] : NULL;

	if (!node)
		return NULL;
	lazy_areas[n] = node->next_lazy;
	nr_lazy[n]--;
	node->vm.caller = caller;
	node->va.owner = &node->vm;
	return &node->vm;
}

/*
 * Whether a freed one-page area may be kept on lazy_areas[1] (there is
 * room). Never while kmemleak records areas: vmalloc()'s fast path takes
 * its areas from that list, past the record vmalloc_caller() makes, so
 * with the list kept empty the fast path and vfree()'s own are never
 * taken and need no test of their own. vmap_lock held.
 */
static inline bool keep_one_page_area(void)
{
	return nr_lazy[1] < VM_LAZY_MAX && !kmemleak_enabled;
}

/* Keep a vfreed area (unmapped, pages freed) for reuse if its size has room. vmap_lock held. */
static void vfree_area(struct vm_struct *vm)
{
	struct vmap_node *node = node_of(vm);
	unsigned n = vm->nr_pages;

	if (n > VM_INLINE_PAGES || nr_lazy[n] >= VM_LAZY_MAX || vm->size != n * PAGE_SIZE ||
	    (n == 1 && !keep_one_page_area())) {
		if (node == last_one)
			last_one = NULL;
		va_free(&vmalloc_space, &node->va);
		return;
	}
	node->va.owner = NULL;
	node->next_lazy = lazy_areas[n];
	lazy_areas[n] = node;
	nr_lazy[n]++;
}

/* Why the area vm found at addr (NULL: none) is not one for who: the report. */
static void __attribute__((noinline, cold))
wrong_area(const struct vm_struct *vm, const void *addr, const char *who, void *caller)
{
	char what[64];

	if (!vm) {
		report(who, addr, "not an address this allocator returned", caller);
		return;
	}
	snprintf(what, sizeof(what), "the area was made by %s, not by this call",
		 kind_names[vm->kind]);
	report(who, addr, what, caller);
}

/* The area starting at addr, if it is of the expected kind; otherwise a report. */
struct vm_struct *__find_vm_area(const void *addr, enum vm_kind kind, const char *who, void *caller)
{
	struct vmap_area *va;
	struct vm_struct *vm;
	uint32_t flags;

	spin_lock_irqsave(&vmap_lock, flags);
	va = va_find(&vmalloc_space, (uint32_t)addr & PAGE_MASK);
	vm = va ? va->owner : NULL;
	spin_unlock_irqrestore(&vmap_lock, flags);

	if (!vm || vm->kind != kind) {
		wrong_area(vm, addr, who, caller);
		return NULL;
	}
	return vm;
}

struct vm_struct *get_vm_area(size_t size, size_t align)
{
	return __get_vm_area(size, align, VM_AREA, __builtin_return_address(0));
}

void free_vm_area(struct vm_struct *area)
{
	if (area && __find_vm_area((void *)area->addr, VM_AREA, "free_vm_area",
				   __builtin_return_address(0)) == area)
		__free_vm_area(area);
}

struct vm_struct *find_vm_area(const void *addr)
{
	struct vmap_area *va;
	struct vm_struct *vm;
	uint32_t flags;

	spin_lock_irqsave(&vmap_lock, flags);
	va = va_find(&vmalloc_space, (uint32_t)addr);
	vm = va ? va->owner : NULL;
	spin_unlock_irqrestore(&vmap_lock, flags);
	return vm;
}

/*
 * The PTE of va in swapper_pg_dir. The vmalloc area's tables are kept, so
 * the L2 table is usually there: one L1 read. Otherwise pt_l2_entry()
 * makes it, and it is marked kept. NULL when there is no memory for a
 * table, or when the MB's table is not domain 0 (someone mapped pages of
 * another domain in a get_vm_area() range there): vmalloc pages are domain 0.
 * vmap_lock held (the kept tables).
 */
static inline pte_t *vmalloc_pte(uint32_t va)
{
	pde_t d = swapper_pg_dir[va >> SECTION_SHIFT];
	pte_t *pte;

	if (likely((d & (L1_TYPE_MASK | L1_TABLE_DOMAIN(0xf))) == L1_TYPE_TABLE))
		return (pte_t *)__va(d & L1_TABLE_ADDR_MASK) +
		       ((va >> PAGE_SHIFT) & (L2_ENTRIES - 1));
	if ((d & L1_TYPE_MASK) == L1_TYPE_TABLE)
		return NULL;
	pte = pt_l2_entry(&kernel_aspace, va);
	if (pte)
		pt_keep_table(va);
	return pte;
}

/* PTEs from va to the end of its L2 table, at most left of them. */
static inline unsigned pte_run(uint32_t va, unsigned left)
{
	return min(left, L2_ENTRIES - ((va >> PAGE_SHIFT) & (L2_ENTRIES - 1)));
}

/*
 * Map pages[0..n) at va with PTEs of bits, into the L2 tables of an area
 * the allocator just handed out: one pass per table writing consecutive
 * PTEs, then one clean of that run. vmap_lock held.
 */
static int vmap_pages_range(uint32_t va, struct page *const *pages, unsigned n, pte_t bits)
{
	/* A local, so that the PTE stores cannot make the compiler reload it. */
	const uintptr_t page_base = (uintptr_t)mem_map - mem_map_pfn * sizeof(struct page);
	uint32_t start = va;

	for (unsigned done = 0, count; done < n; done += count, va += count << PAGE_SHIFT) {
		pte_t *pte = vmalloc_pte(va), busy = 0;

		count = pte_run(va, n - done);
		if (!pte) {
			if (done)
				vunmap_range(start, done);
			return -ENOMEM;
		}
		for (unsigned i = 0; i < count; i++) {
			busy |= pte[i];
			pte[i] = ((uintptr_t)pages[done + i] - page_base) / sizeof(struct page)
					 << PAGE_SHIFT |
				 bits;
		}
		/* The allocator owns the range: a PTE already there was written behind its back. */
		BUG_ON(busy);
		dcache_clean_range((uintptr_t)pte, (uintptr_t)(pte + count));
	}
	return 0;
}

/* Clear the n PTEs at va (the tables stay), then flush the range from every TLB. vmap_lock held. */
static void vunmap_range(uint32_t va, unsigned n)
{
	uint32_t start = va;

	for (unsigned done = 0, count; done < n; done += count, va += count << PAGE_SHIFT) {
		pte_t *pte = vmalloc_pte(va);

		count = pte_run(va, n - done);
		for (unsigned i = 0; i < count; i++)
			pte[i] = 0;
		dcache_clean_range((uintptr_t)pte, (uintptr_t)(pte + count));
	}
	flush_tlb_kernel_range(start, start + (n << PAGE_SHIFT));
}

static void free_vm_pages(struct vm_struct *vm)
{
	if (vm->nr_pages == 1)
		__free_page(vm->pages[0]);
	else
		free_pages_bulk(vm->pages, vm->nr_pages);
	if (vm->pages != node_of(vm)->pages)
		kfree(vm->pages);
}

static void *vmalloc_caller(size_t size, gfp_t gfp, void *caller)
{
	struct vm_struct *vm;
	uint32_t flags;
	unsigned n;
	int err;

	if (!size || size > VMALLOC_END - vmalloc_start) {
		report("vmalloc", (void *)size, size ? "larger than the vmalloc area" : "size 0",
		       caller);
		return NULL;
	}
	n = ALIGN((uint32_t)size, PAGE_SIZE) >> PAGE_SHIFT;
	spin_lock_irqsave(&vmap_lock, flags);
	vm = lazy_area_get(n, caller);
	if (!vm)
		vm = get_vm_area_locked(size, PAGE_SIZE, VM_ALLOC, caller);
	spin_unlock_irqrestore(&vmap_lock, flags);
	if (!vm)
		goto fail;
	vm->pages = n <= VM_INLINE_PAGES
			    ? node_of(vm)->pages
			    : kmalloc(n * sizeof(struct page *), GFP_KERNEL | __GFP_NOWARN);
	if (!vm->pages)
		goto fail_area;
	vm->nr_pages =
		n == 1 ? !!(vm->pages[0] = alloc_page(GFP_KERNEL | __GFP_HIGHMEM | __GFP_NOWARN))
		       : alloc_pages_bulk(GFP_KERNEL | __GFP_HIGHMEM | __GFP_NOWARN, n, vm->pages);
	if (vm->nr_pages < n)
		goto fail_pages;
	spin_lock_irqsave(&vmap_lock, flags);
	err = vmap_pages_range(vm->addr, vm->pages, n, vmalloc_pte_bits);
	spin_unlock_irqrestore(&vmap_lock, flags);
	if (err)
		goto fail_pages;
	if (gfp & __GFP_ZERO)
		memset((void *)vm->addr, 0, n * PAGE_SIZE);
	if (unlikely(kmemleak_enabled))
		kmemleak_vmalloc((void *)vm->addr, size, vmap_node_cache, caller);
	return (void *)vm->addr;

fail_pages:
	free_vm_pages(vm);
fail_area:
	spin_lock_irqsave(&vmap_lock, flags);
	if (node_of(vm) == last_one) /* a kept area taken back, see last_one */
		last_one = NULL;
	va_free(&vmalloc_space, &node_of(vm)->va);
	spin_unlock_irqrestore(&vmap_lock, flags);
fail:
	vm_stats.alloc_failures++;
	printk("WARNING: vmalloc(%zu): out of memory or address space (caller %pS)\n", size,
	       caller);
	return NULL;
}

/*
 * Map page into the lazily freed one-page area node: its range, node and
 * PTE pointer are known, so it is one PTE write and one line clean.
 * vmap_lock held.
 */
static inline void *vmalloc_one(struct vmap_node *node, struct page *page, void *caller)
{
	uint32_t addr = node->vm.addr;

	lazy_areas[1] = node->next_lazy;
	nr_lazy[1]--;
	node->vm.caller = caller;
	node->va.owner = &node->vm;
	node->pages[0] = page;
	last_one = node;
	/* The allocator owns the range: a PTE already there was written behind its back. */
	BUG_ON(*node->pte);
	/* An empty slot: no TLB entry can exist for it. */
	set_kernel_pte_fresh(node->pte,
			     ((uintptr_t)page - vmalloc_page_base) << 8 | vmalloc_pte_bits);
	return (void *)addr;
}

void *vmalloc(size_t size)
{
	if (likely(size - 1 < PAGE_SIZE && READ_ONCE(lazy_areas[1]))) {
		struct page *page = alloc_page(GFP_KERNEL | __GFP_HIGHMEM | __GFP_NOWARN);
		struct vmap_node *node;
		uint32_t flags;

		/* Without a page the general path retries, and reports. */
		if (likely(page)) {
			spin_lock_irqsave(&vmap_lock, flags);
			node = lazy_areas[1]; /* again: another CPU may have taken it */
			if (likely(node)) {
				void *addr = vmalloc_one(node, page, __builtin_return_address(0));

				spin_unlock_irqrestore(&vmap_lock, flags);
				return addr;
			}
			spin_unlock_irqrestore(&vmap_lock, flags);
			__free_page(page);
		}
	}
	return vmalloc_caller(size, GFP_KERNEL, __builtin_return_address(0));
}

void *vzalloc(size_t size)
{
	return vmalloc_caller(size, GFP_KERNEL | __GFP_ZERO, __builtin_return_address(0));
}

/* Why vfree(addr) found no vmalloc area starting at addr: the report. */
static void __attribute__((noinline, cold)) vfree_bad(const void *addr, void *caller)
{
	if (__find_vm_area(addr, VM_ALLOC, "vfree", caller))
		report("vfree", addr, "not the start of the area", caller);
}

/*
 * vfree (or iounmap) of a one-page area at addr, whose PTE is pte, that
 * will be kept lazily: clear the PTE, clean that line, invalidate the page on every
 * CPU and keep the area, with no loops and no range arithmetic. Returns
 * the page, for the caller to free once vmap_lock is dropped.
 */
static inline struct page *vfree_one(struct vmap_node *node, uint32_t addr, pte_t *pte)
{
	set_kernel_pte_flush(pte, 0, addr);
	node->va.owner = NULL;
	node->next_lazy = lazy_areas[1];
	lazy_areas[1] = node;
	nr_lazy[1]++;
	return node->pages[0];
}

/*
 * vfree() with kmemleak on: the record goes first, and not under vmap_lock
 * (a scan takes the two the other way round). Out of line, so that
 * vfree()'s fast path keeps its registers. Returns the new flags.
 */
static __attribute__((noinline, cold)) uint32_t vfree_kmemleak(const void *addr, uint32_t flags)
{
	spin_unlock_irqrestore(&vmap_lock, flags);
	kmemleak_free(addr);
	spin_lock_irqsave(&vmap_lock, flags);
	return flags;
}

void vfree(const void *addr)
{
	struct vmap_area *va;
	struct vm_struct *vm;
	struct page *page;
	uint32_t flags;

	if (!addr)
		return;
	spin_lock_irqsave(&vmap_lock, flags);
	/*
	 * The one-page area just handed out: its busy owner proves it is the
	 * one at addr. Only vmalloc's fast path hands it out, which kmemleak
	 * keeps from running (keep_one_page_area()): none has a record.
	 */
	if (last_one && (uint32_t)addr == last_one->vm.addr && last_one->va.owner &&
	    nr_lazy[1] < VM_LAZY_MAX) {
		page = vfree_one(last_one, (uint32_t)addr, last_one->pte);
		spin_unlock_irqrestore(&vmap_lock, flags);
		__free_page(page);
		return;
	}
	if (unlikely(kmemleak_enabled))
		flags = vfree_kmemleak(addr, flags);
	va = va_find(&vmalloc_space, (uint32_t)addr);
	vm = va ? va->owner : NULL;
	if (unlikely(!vm || vm->kind != VM_ALLOC)) {
		spin_unlock_irqrestore(&vmap_lock, flags);
		vfree_bad(addr, __builtin_return_address(0));
		return;
	}
	if (vm->nr_pages == 1 && keep_one_page_area() && vm->size == PAGE_SIZE) {
		struct vmap_node *node = node_of(vm);

		/* Found again for each area that comes this way: the node may have had another address. */
		node->pte = vmalloc_pte(vm->addr);
		page = vfree_one(node, vm->addr, node->pte);
		spin_unlock_irqrestore(&vmap_lock, flags);
		__free_page(page);
		return;
	}
	/* The area stays busy (its owner set) while its pages are freed unlocked. */
	vunmap_range(vm->addr, vm->nr_pages);
	spin_unlock_irqrestore(&vmap_lock, flags);
	free_vm_pages(vm);
	spin_lock_irqsave(&vmap_lock, flags);
	vfree_area(vm);
	spin_unlock_irqrestore(&vmap_lock, flags);
}

struct vm_struct *vm_map_lazy_one(pte_t pte, phys_addr_t pa, enum vm_kind kind, void *caller)
{
	struct vmap_node *node;
	struct vm_struct *vm;
	uint32_t flags;

	spin_lock_irqsave(&vmap_lock, flags);
	vm = lazy_area_get(1, caller);
	if (unlikely(!vm)) {
		spin_unlock_irqrestore(&vmap_lock, flags);
		return NULL;
	}
	node = node_of(vm);
	/* last_one may only be a vmalloc area (see there): vfree must not find this one. */
	if (node == last_one)
		last_one = NULL;
	vm->kind = kind;
	vm->pages = NULL;
	vm->nr_pages = 0;
	vm->phys_addr = pa;
	/* The allocator owns the range: a PTE already there was written behind its back. */
	BUG_ON(*node->pte);
	set_kernel_pte_fresh(node->pte, pte); /* an empty slot: no TLB entry to drop */
	spin_unlock_irqrestore(&vmap_lock, flags);
	return vm;
}

void remove_vm_area_kind(const void *addr, enum vm_kind kind, const char *who, void *caller)
{
	struct vmap_node *node;
	struct vmap_area *va;
	struct vm_struct *vm;
	uint32_t flags;
	pte_t *pte;

	spin_lock_irqsave(&vmap_lock, flags);
	va = va_find(&vmalloc_space, (uint32_t)addr & PAGE_MASK);
	vm = va ? va->owner : NULL;
	if (unlikely(!vm || vm->kind != kind)) {
		spin_unlock_irqrestore(&vmap_lock, flags);
		wrong_area(vm, addr, who, caller);
		return;
	}
	node = node_of(vm);
	/*
	 * A one-page area in a domain-0 table is kept, as vfree keeps one, so
	 * that the next one-page vmalloc or ioremap takes it back with one PTE
	 * write. Its table is marked kept: node->pte must stay valid.
	 */
	if (vm->size == PAGE_SIZE && keep_one_page_area() && (pte = vmalloc_pte(vm->addr))) {
		pt_keep_table(vm->addr);
		node->pte = pte;
		vm->kind = VM_ALLOC; /* what a kept one-page area is to vmalloc_one() */
		vm->pages = node->pages;
		vm->nr_pages = 1;
		vfree_one(node, vm->addr, pte);
	} else {
		pt_unmap(&kernel_aspace, vm->addr, vm->size);
		va_free(&vmalloc_space, &node->va);
	}
	spin_unlock_irqrestore(&vmap_lock, flags);
}

void *vmap(struct page **pages, unsigned count, uint32_t prot)
{
	struct vm_struct *vm;
	uint32_t flags;

	if (!count || !pages) {
		report("vmap", pages, "no pages", __builtin_return_address(0));
		return NULL;
	}
	/* Before count * PAGE_SIZE, which a count of 2^20 pages or more wraps to a small size. */
	if (count > (VMALLOC_END - vmalloc_start) >> PAGE_SHIFT) {
		report("vmap", pages, "larger than the vmalloc area", __builtin_return_address(0));
		return NULL;
	}
	/* The area's tables are shared and kept, so they are all domain 0. */
	if (!pgprot_valid(prot) || PROT_DOMAIN_OF(prot)) {
		report("vmap", pages, "bad attributes (the vmalloc area is domain 0)",
		       __builtin_return_address(0));
		return NULL;
	}
	spin_lock_irqsave(&vmap_lock, flags);
	vm = get_vm_area_locked((size_t)count * PAGE_SIZE, PAGE_SIZE, VM_MAP,
				__builtin_return_address(0));
	if (vm && vmap_pages_range(vm->addr, pages, count, mk_small_page(0, prot))) {
		va_free(&vmalloc_space, &node_of(vm)->va);
		vm = NULL;
	}
	if (vm) {
		vm->pages = pages;
		vm->nr_pages = count;
	}
	spin_unlock_irqrestore(&vmap_lock, flags);
	return vm ? (void *)vm->addr : NULL;
}

void vunmap(const void *addr)
{
	struct vm_struct *vm;
	uint32_t flags;

	if (!addr)
		return;
	vm = __find_vm_area(addr, VM_MAP, "vunmap", __builtin_return_address(0));
	if (!vm || (uint32_t)addr != vm->addr) {
		if (vm)
			report("vunmap", addr, "not the start of the area",
			       __builtin_return_address(0));
		return;
	}
	spin_lock_irqsave(&vmap_lock, flags);
	vunmap_range(vm->addr, vm->nr_pages);
	va_free(&vmalloc_space, &node_of(vm)->va);
	spin_unlock_irqrestore(&vmap_lock, flags);
}

unsigned vmalloc_nr_areas(void)
{
	uint32_t flags;
	unsigned n;

	spin_lock_irqsave(&vmap_lock, flags);
	n = vmalloc_space.nr_busy - nr_lazy_total();
	spin_unlock_irqrestore(&vmap_lock, flags);
	return n;
}

uint32_t vmalloc_free_bytes(void)
{
	return READ_ONCE(vmalloc_space.free_bytes);
}

unsigned vmalloc_check(void)
{
	uint32_t flags;
	unsigned n;

	spin_lock_irqsave(&vmap_lock, flags);
	n = va_check(&vmalloc_space);
	spin_unlock_irqrestore(&vmap_lock, flags);
	return n;
}

/* As Linux's /proc/vmallocinfo: range, size, caller, pages, phys, kind. */
void vmallocinfo_seq_show(struct seq_file *m)
{
	const struct vmap_area *va;
	uint32_t flags;

	spin_lock_irqsave(&vmap_lock, flags);
	list_for_each_entry (va, &vmalloc_space.areas, addr) {
		const struct vm_struct *vm = va->owner;

		if (va->free || !vm) /* free, or lazily freed */
			continue;
		seq_printf(m, "0x%08x-0x%08x %7u %pS", va->start, va->end, va->end - va->start,
			   vm->caller);
		if (vm->nr_pages)
			seq_printf(m, " pages=%u", vm->nr_pages);
		if (vm->kind == VM_IOREMAP || vm->kind == VM_DMA_COHERENT)
			seq_printf(m, " phys=0x%08x", vm->phys_addr);
		seq_printf(m, " %s\n", kind_names[vm->kind]);
	}
	spin_unlock_irqrestore(&vmap_lock, flags);
}

void vmallocinfo_show(void)
{
	struct seq_file m = SEQ_FILE_CONSOLE(vprintk);

	vmallocinfo_seq_show(&m);
}
