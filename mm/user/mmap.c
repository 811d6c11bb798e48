/*
 * A process's areas: the sorted list, finding free ranges, mmap, munmap
 * (which may split an area in two or three) and brk.
 */
#include "asm/cacheflush.h"
#include "errno.h"
#include "fs.h"
#include "mm_user.h"
#include "mm_user_internal.h"
#include "hugetlb.h"
#include "printk.h"
#include "seq_file.h"
#include "slab.h"
#include "uapi/unistd.h"

static const char heap_name[] = "[heap]";

static bool user_range_ok(uint32_t start, uint32_t end)
{
	return start >= PAGE_SIZE && start < end && end <= TASK_SIZE;
}

struct vm_area_struct *find_vma(struct mm_struct *mm, uint32_t addr)
{
	struct vm_area_struct *cached = mm->mmap_cache, *vma;

	if (cached && cached->vm_start <= addr && addr < cached->vm_end)
		return cached;
	list_for_each_entry (vma, &mm->mmap, list) {
		if (vma->vm_end > addr) {
			mm->mmap_cache = vma;
			return vma;
		}
	}
	return NULL;
}

/*
 * Is [start, end) free? Then *next is where an area for it goes on the
 * sorted list: before the first area above it (the list head if none).
 */
static bool gap_at(struct mm_struct *mm, uint32_t start, uint32_t end, struct list_head **next)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	*next = vma ? &vma->list : &mm->mmap;
	return !vma || vma->vm_start >= end;
}

static bool range_free(struct mm_struct *mm, uint32_t start, uint32_t end)
{
	struct list_head *next;

	return gap_at(mm, start, end, &next);
}

/*
 * The free-area cache (as Linux's free_area_cache once was, kept exact):
 *   - no byte of [mmap_base, free_area_cache) is free, so a first-fit
 *     search from mmap_base finds nothing below free_area_cache, and
 *   - free_area_next is the list node of the first area with
 *     vm_end > free_area_cache (the list head if there is none).
 * find_gap() starts its walk there; an mmap that fills the hole at
 * free_area_cache moves it up, an unmap below it moves it down. Each
 * change of the list or of an area's bounds keeps the two true (vma_insert,
 * vma_unlink, split_vma, the heap's growth in __do_brk); vma_check() checks
 * them against a walk of the list.
 */
/*
 * In *addr the address get_unmapped_area() gives, and in *next the list position
 * of an area there, so that mmap neither looks the gap up again nor walks
 * the list to link it. len is page aligned, non-zero, at most TASK_SIZE.
 * First fit from mmap_base, which the cache above skips to where the first
 * hole may be. False when no hole is large enough.
 */
static inline bool find_gap(struct mm_struct *mm, uint32_t hint, uint32_t len, uint32_t *addr,
			    struct list_head **next)
{
	struct list_head *pos = mm->free_area_next;
	uint32_t start = mm->free_area_cache;

	if (unlikely(hint)) {
		hint = ALIGN_DOWN(hint, PAGE_SIZE);
		if (hint && len <= TASK_SIZE - hint && user_range_ok(hint, hint + len) &&
		    gap_at(mm, hint, hint + len, next)) {
			*addr = hint;
			return true;
		}
	}
	for (; pos != &mm->mmap; pos = pos->next) {
		struct vm_area_struct *vma = list_entry(pos, struct vm_area_struct, list);

		if (vma->vm_start >= start && vma->vm_start - start >= len) {
			*next = pos; /* the hole below vma */
			*addr = start;
			return true;
		}
		if (vma->vm_end > start)
			start = vma->vm_end;
	}
	*next = pos; /* above every area */
	*addr = start;
	return len <= TASK_SIZE - start;
}

uint32_t get_unmapped_area(struct mm_struct *mm, uint32_t hint, uint32_t len)
{
	struct list_head *next;

	if (len == 0 || len > TASK_SIZE)
		return 0;
	return find_gap(mm, hint, ALIGN(len, PAGE_SIZE), &hint, &next) ? hint : 0;
}

/*
 * How a present page of an area is mapped, by its VM_READ, VM_WRITE and
 * VM_EXEC bits (Linux's protection_map): always Normal memory tagged with
 * the ASID; without any access (PROT_NONE) the kernel may read, the process
 * nothing. A table, as the lookup is on every mmap.
 */
#define USER_PROT(bits) (MT_NORMAL | PROT_NG | PROT_USER | (bits))
static const pgprot_t protection_map[VM_ACCESS + 1] = {
	[0] = MT_NORMAL | PROT_NG,
	[VM_READ] = USER_PROT(0),
	[VM_WRITE] = USER_PROT(PROT_WRITE),
	[VM_READ | VM_WRITE] = USER_PROT(PROT_WRITE),
	[VM_EXEC] = USER_PROT(PROT_EXEC),
	[VM_READ | VM_EXEC] = USER_PROT(PROT_EXEC),
	[VM_WRITE | VM_EXEC] = USER_PROT(PROT_WRITE | PROT_EXEC),
	[VM_READ | VM_WRITE | VM_EXEC] = USER_PROT(PROT_WRITE | PROT_EXEC),
};
_Static_assert(VM_ACCESS == 7, "protection_map is indexed by the three access bits");

pgprot_t vm_get_page_prot(unsigned vm_flags)
{
	return protection_map[vm_flags & VM_ACCESS];
}

/*
 * A new area [start, end), linked before next (which gap_at() or
 * find_gap() gave for exactly this range, under mmap_lock); NULL without
 * memory. Every field is written here: no zeroing.
 */
static inline __attribute__((always_inline)) struct vm_area_struct *
vma_insert(struct mm_struct *mm, uint32_t start, uint32_t end, unsigned flags, const char *name,
	   uint32_t pgoff, struct list_head *next)
{
	struct vm_area_struct *vma = mm->vma_spare;

	if (vma)
		mm->vma_spare = NULL;
	else if (!(vma = kmalloc(sizeof(*vma), GFP_KERNEL)))
		return NULL;
	/*
	 * The free-area cache (first, while its fields are in registers): an
	 * area placed at free_area_cache fills the hole there (the area after
	 * it stays the first to end above); another area that ends above
	 * free_area_cache ahead of free_area_next becomes the first to end
	 * above it.
	 */
	if (next == mm->free_area_next && end > mm->free_area_cache) {
		if (start == mm->free_area_cache)
			mm->free_area_cache = end;
		else
			mm->free_area_next = &vma->list;
	}
	vma->vm_mm = mm;
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_flags = flags;
	vma->vm_page_prot = vm_get_page_prot(flags);
	vma->vm_pgoff = pgoff;
	vma->vm_file = NULL;
	vma->name = name;
	list_add_tail(&vma->list, next); /* before next: sorted */
	mm->mmap_cache = vma;            /* an munmap of it usually follows */
	return vma;
}

static inline __attribute__((always_inline)) void vma_unlink(struct mm_struct *mm,
							     struct vm_area_struct *vma)
{
	if (mm->mmap_cache == vma)
		mm->mmap_cache = NULL;
	/*
	 * The free-area cache: bytes at or above mmap_base freed below
	 * free_area_cache move it down to the first of them; the area after
	 * vma then is the first to end above it (every area before vma ends
	 * at or below vma->vm_start). That area also takes over when vma was
	 * free_area_next.
	 */
	if (vma->vm_start < mm->free_area_cache && vma->vm_end > mm->mmap_base) {
		mm->free_area_cache = max(vma->vm_start, mm->mmap_base);
		mm->free_area_next = vma->list.next;
	} else if (mm->free_area_next == &vma->list) {
		mm->free_area_next = vma->list.next;
	}
	__list_del(
		&vma->list); /* no poison: the spare's links are rewritten, kfree's slab checks */
	/*
	 * Kept for the mm's next area when it has none in reserve: a process
	 * that maps and unmaps in turn (large mallocs) then reaches the slab
	 * allocator neither way. At most one per mm; mmput() frees it.
	 */
	if (!mm->vma_spare)
		mm->vma_spare = vma;
	else
		kfree(vma);
}

struct vm_area_struct *vma_create(struct mm_struct *mm, uint32_t start, uint32_t end,
				  unsigned flags, const char *name, int *err)
{
	struct vm_area_struct *vma;
	struct list_head *next;

	if (!user_range_ok(start, end) || (start | end) & ~PAGE_MASK) {
		*err = -EINVAL;
		return NULL;
	}
	if (!gap_at(mm, start, end, &next)) {
		*err = -EEXIST;
		return NULL;
	}
	vma = vma_insert(mm, start, end, flags, name, 0, next);
	*err = vma ? 0 : -ENOMEM;
	return vma;
}

/* The area after vma on the list (its entry is the list head's when vma is the last). */
static inline struct vm_area_struct *next_vma(struct vm_area_struct *vma)
{
	return list_entry(vma->list.next, struct vm_area_struct, list);
}

/* Cut vma in two at addr (strictly inside it); the upper part is a new area. */
static int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, uint32_t addr)
{
	struct vm_area_struct *upper = kmalloc(sizeof(*upper), GFP_KERNEL);

	if (!upper)
		return -ENOMEM;
	*upper = *vma;
	if (upper->vm_file)
		file_get(upper->vm_file); /* each piece holds the file */
	upper->vm_start = addr;
	upper->vm_pgoff += (addr - vma->vm_start) >> PAGE_SHIFT;
	vma->vm_end = addr;
	list_add(&upper->list, &vma->list);
	/* The lower part now ends at or below free_area_cache: the upper one is the first above. */
	if (mm->free_area_next == &vma->list && addr <= mm->free_area_cache)
		mm->free_area_next = &upper->list;
	return 0;
}

/* Unmap all of vma: its pages (and page tables), its file, the area itself. */
static inline __attribute__((always_inline)) void unmap_vma(struct mm_struct *mm,
							    struct vm_area_struct *vma)
{
	zap_page_range(mm, vma->vm_start, vma->vm_end, vma->vm_flags & VM_PFNMAP);
	if (vma->vm_file)
		file_put(vma->vm_file);
	vma_unlink(mm, vma);
}

/*
 * Is [start, start + len) a page-aligned range of user addresses that
 * munmap may take (len rounded up to pages)? One test for what Linux
 * answers with EINVAL: unaligned start, len 0, a range that wraps or
 * leaves [PAGE_SIZE, TASK_SIZE).
 */
static inline bool unmap_range_ok(uint32_t start, uint32_t len)
{
	/* With start page aligned, ALIGN(len) <= TASK_SIZE - start iff len - 1 < TASK_SIZE - start. */
	return !(start & ~PAGE_MASK) && start - PAGE_SIZE < TASK_SIZE - PAGE_SIZE &&
	       len - 1 < TASK_SIZE - start;
}

/*
 * Would cutting [start, end) out of the areas from vma on split a huge
 * area inside one of its MB? (A section cannot be halved: Linux refuses
 * with -EINVAL too.)
 */
static bool huge_cut(struct mm_struct *mm, struct vm_area_struct *vma, uint32_t start, uint32_t end)
{
	for (; &vma->list != &mm->mmap && vma->vm_start < end; vma = next_vma(vma))
		if ((vma->vm_flags & VM_HUGETLB) &&
		    (((start > vma->vm_start ? start : 0) | (end < vma->vm_end ? end : 0)) &
		     (HPAGE_SIZE - 1)))
			return true;
	return false;
}

/*
 * Split the areas from vma on (vma is the first that [start, end) touches)
 * where start and end fall inside one, so that the range is a run of whole
 * areas; its first area in *first (the upper part of a split at start).
 */
static int split_edges(struct mm_struct *mm, struct vm_area_struct *vma, uint32_t start,
		       uint32_t end, struct vm_area_struct **first)
{
	struct vm_area_struct *v;
	int err;

	if (vma->vm_start < start) {
		err = split_vma(mm, vma, start);
		if (err)
			return err;
		vma = next_vma(vma);
	}
	for (v = vma; &v->list != &mm->mmap && v->vm_start < end; v = next_vma(v))
		if (v->vm_end > end) {
			err = split_vma(mm, v, end);
			if (err)
				return err;
			break;
		}
	*first = vma;
	return 0;
}

/* __do_munmap for anything but exactly the cached area: checks, splits, several areas. */
static __attribute__((noinline)) int munmap_areas(struct mm_struct *mm, uint32_t start,
						  uint32_t len)
{
	struct vm_area_struct *vma, *tmp;
	uint32_t end;
	int err;

	if (!unmap_range_ok(start, len))
		return -EINVAL;
	end = start + ALIGN(len, PAGE_SIZE);
	vma = find_vma(mm, start); /* the first area the range may touch */
	if (!vma || vma->vm_start >= end)
		return 0; /* nothing mapped there: fine, as in Linux */
	if (huge_cut(mm, vma, start, end))
		return -EINVAL;
	/* Split first, at both ends, so that a failed allocation leaves everything mapped as it was. */
	err = split_edges(mm, vma, start, end, &vma);
	if (err)
		return err;
	/* Now the areas from vma on that start below end lie inside the range. */
	for (; &vma->list != &mm->mmap && vma->vm_start < end; vma = tmp) {
		tmp = next_vma(vma);
		unmap_vma(mm, vma);
	}
	return 0;
}

int vma_isolate(struct mm_struct *mm, uint32_t start, uint32_t end, struct vm_area_struct **first)
{
	struct vm_area_struct *vma = find_vma(mm, start), *v;
	uint32_t covered = start;

	/* Every byte mapped, with no hole between the areas (Linux: -ENOMEM). */
	for (v = vma; v && &v->list != &mm->mmap && covered < end; v = next_vma(v)) {
		if (v->vm_start > covered)
			return -ENOMEM;
		covered = v->vm_end;
	}
	if (!vma || covered < end)
		return -ENOMEM;
	if (huge_cut(mm, vma, start, end))
		return -EINVAL;
	return split_edges(mm, vma, start, end, first);
}

/* Can b, just above a, become part of a? The same rights, file, name and offsets. */
static bool vma_mergeable(const struct vm_area_struct *a, const struct vm_area_struct *b)
{
	return a->vm_end == b->vm_start && a->vm_flags == b->vm_flags &&
	       a->vm_page_prot == b->vm_page_prot && a->vm_file == b->vm_file &&
	       a->name == b->name &&
	       (!a->vm_file ||
		a->vm_pgoff + ((a->vm_end - a->vm_start) >> PAGE_SHIFT) == b->vm_pgoff);
}

void vma_merge_range(struct mm_struct *mm, uint32_t start, uint32_t end)
{
	struct vm_area_struct *vma = find_vma(mm, start ? start - 1 : 0), *next;
	bool merged = false;

	if (!vma)
		return;
	/* From the area below start (if it touches it) to the one just above end. */
	while (&vma->list != &mm->mmap && vma->vm_start <= end) {
		next = next_vma(vma);
		if (&next->list == &mm->mmap || !vma_mergeable(vma, next)) {
			vma = next;
			continue;
		}
		vma->vm_end = next->vm_end;
		if (next->vm_file)
			file_put(next->vm_file); /* vma holds it already */
		if (mm->mmap_cache == next)
			mm->mmap_cache = vma;
		list_del(&next->list);
		if (!mm->vma_spare)
			mm->vma_spare = next;
		else
			kfree(next);
		merged = true;
	}
	/*
	 * Merging frees no address, but free_area_next may have been the area
	 * that went: start the cache afresh (exact, and rare enough to walk).
	 */
	if (merged) {
		struct vm_area_struct *v;

		mm->free_area_cache = mm->mmap_base;
		mm->free_area_next = &mm->mmap;
		list_for_each_entry (v, &mm->mmap, list)
			if (v->vm_end > mm->mmap_base) {
				mm->free_area_next = &v->list;
				break;
			}
	}
}

static inline __attribute__((always_inline)) int __do_munmap(struct mm_struct *mm, uint32_t start,
							     uint32_t len)
{
	struct vm_area_struct *vma = mm->mmap_cache;

	/*
	 * The usual case first: exactly the area mmap made last (find_vma's
	 * cache), nothing to split, no list to walk. An area is a valid
	 * range (page aligned, inside the user range), so start == vm_start
	 * and ALIGN(len) == its size (len - 1 in [size - PAGE_SIZE, size),
	 * which len 0 is not) make the range valid too: the checks come after.
	 */
	if (likely(vma && vma->vm_start == start &&
		   len - 1 - (vma->vm_end - start - PAGE_SIZE) < PAGE_SIZE)) {
		unmap_vma(mm, vma);
		return 0;
	}
	return munmap_areas(mm, start, len);
}

#define MAP_KNOWN                                                                   \
	(UAPI_MAP_SHARED | UAPI_MAP_PRIVATE | UAPI_MAP_FIXED | UAPI_MAP_ANONYMOUS | \
	 UAPI_MAP_HUGETLB)
#define PROT_KNOWN (UAPI_PROT_READ | UAPI_PROT_WRITE | UAPI_PROT_EXEC)
_Static_assert(UAPI_PROT_READ == VM_READ && UAPI_PROT_WRITE == VM_WRITE &&
		       UAPI_PROT_EXEC == VM_EXEC,
	       "mmap copies the protection bits into vm_flags");

int do_munmap(struct mm_struct *mm, uint32_t start, uint32_t len)
{
	int err;

	spin_lock(&mm->mmap_lock);
	err = __do_munmap(mm, start, len);
	spin_unlock(&mm->mmap_lock);
	return err;
}

/* MAP_FIXED: the range as given, emptied first. 0 and the list position in *next, or an errno. */
static __attribute__((noinline)) int fixed_range(struct mm_struct *mm, uint32_t addr, uint32_t len,
						 struct list_head **next)
{
	int err;

	if ((addr & ~PAGE_MASK) || len > TASK_SIZE - addr || !user_range_ok(addr, addr + len))
		return -EINVAL;
	err = __do_munmap(mm, addr, len);
	if (err)
		return err;
	if (!gap_at(mm, addr, addr + len, next))
		return -EEXIST; /* cannot be: the range was just emptied */
	return 0;
}

/* The file's own mmap on a new area vma; on failure the area goes again. */
static __attribute__((noinline)) long mmap_file(struct mm_struct *mm, struct vm_area_struct *vma,
						struct file *file)
{
	int err;

	vma->name = file->path;
	err = file->f_op->mmap ? file->f_op->mmap(file, vma) : -ENODEV;
	if (err) {
		zap_page_range(mm, vma->vm_start, vma->vm_end, true);
		vma_unlink(mm, vma);
		return err;
	}
	vma->vm_file = file_get(file);
	return (long)vma->vm_start;
}

/*
 * Fault in every page of a new anonymous area now: shared memory (both
 * sides of a later fork must find the same pages, and there is no shared
 * object to find a page faulted in after the fork: so all of them are
 * there from the start) and locked memory (mlockall(MCL_FUTURE)). Without
 * the memory the area goes again: -ENOMEM.
 */
static __attribute__((noinline)) long populate_new(struct mm_struct *mm, struct vm_area_struct *vma)
{
	if (populate_range(mm, vma, vma->vm_start, vma->vm_end) == VM_FAULT_OK)
		return (long)vma->vm_start;
	unmap_vma(mm, vma);
	return -ENOMEM;
}

/*
 * MAP_HUGETLB: anonymous only, len rounded up to whole MB, the address 1 MB
 * aligned (MAP_FIXED: given so, else the first aligned gap from
 * mmap_base). Not a reservation, but a fair answer: -ENOMEM at once when
 * the pool has fewer free pages than the area needs (huge.c faults them).
 */
static __attribute__((noinline)) long mmap_huge(struct mm_struct *mm, uint32_t addr, uint32_t len,
						unsigned prot, unsigned flags, struct file *file)
{
	struct vm_area_struct *vma, *v;
	struct list_head *next;
	unsigned total, free;
	int err;

	if (file)
		return -EINVAL;
	if (len > TASK_SIZE - HPAGE_SIZE)
		return -ENOMEM;
	len = ALIGN(len, HPAGE_SIZE);
	hugetlb_counts(&total, &free);
	if (len / HPAGE_SIZE > free)
		return -ENOMEM;
	if (flags & UAPI_MAP_FIXED) {
		if (addr & (HPAGE_SIZE - 1))
			return -EINVAL;
		err = fixed_range(mm, addr, len, &next);
		if (err)
			return err;
	} else {
		addr = ALIGN(mm->mmap_base, HPAGE_SIZE);
		next = &mm->mmap;
		list_for_each_entry (v, &mm->mmap, list) {
			if (v->vm_end <= addr)
				continue;
			if (v->vm_start >= addr && v->vm_start - addr >= len) {
				next = &v->list;
				break;
			}
			addr = ALIGN(v->vm_end, HPAGE_SIZE);
			if (!addr) /* past the top */
				return -ENOMEM;
		}
		if (next == &mm->mmap && len > TASK_SIZE - addr)
			return -ENOMEM;
	}
	vma = vma_insert(mm, addr, addr + len,
			 prot | VM_HUGETLB | mm->def_flags |
				 (flags & UAPI_MAP_SHARED ? VM_SHARED : 0),
			 "/anon_hugepage", 0, next);
	if (!vma)
		return -ENOMEM;
	if (vma->vm_flags & VM_LOCKED)
		return populate_new(mm, vma);
	return (long)addr;
}

static inline long __do_mmap(struct mm_struct *mm, uint32_t addr, uint32_t len, unsigned prot,
			     unsigned flags, struct file *file, uint32_t pgoff)
{
	/* Unknown bits, and neither or both of MAP_SHARED and MAP_PRIVATE. */
	bool bad = (flags & ~MAP_KNOWN) || (prot & ~PROT_KNOWN) ||
		   (flags & (UAPI_MAP_SHARED | UAPI_MAP_PRIVATE)) - 1 > 1;
	struct vm_area_struct *vma;
	struct list_head *next;
	unsigned vm_flags;
	int err;

	if (unlikely(len - 1 >= TASK_SIZE || bad)) /* len 0 or more than the user range */
		return len && !bad ? -ENOMEM : -EINVAL;
	if (unlikely(flags & UAPI_MAP_HUGETLB))
		return mmap_huge(mm, addr, len, prot, flags, file);
	len = ((len - 1) | (PAGE_SIZE - 1)) + 1; /* ALIGN(len, PAGE_SIZE), len > 0 */
	if (unlikely(flags & UAPI_MAP_FIXED)) {
		err = fixed_range(mm, addr, len, &next);
		if (err)
			return err;
	} else {
		if (!find_gap(mm, addr, len, &addr, &next))
			return -ENOMEM;
	}
	/* PROT_ and VM_ read, write and exec are the same bits (the static assert above). */
	vm_flags = prot | (flags & UAPI_MAP_SHARED ? VM_SHARED : 0) | mm->def_flags;
	vma = vma_insert(mm, addr, addr + len, vm_flags, "[anon]", pgoff, next);
	if (!vma)
		return -ENOMEM;
	if (unlikely(file))
		return mmap_file(mm, vma, file);
	if (unlikely(vm_flags & (VM_SHARED | VM_LOCKED)))
		return populate_new(mm, vma);
	return (long)addr;
}

long do_mmap(struct mm_struct *mm, uint32_t addr, uint32_t len, unsigned prot, unsigned flags,
	     struct file *file, uint32_t pgoff)
{
	long ret;

	spin_lock(&mm->mmap_lock);
	ret = __do_mmap(mm, addr, len, prot, flags, file, pgoff);
	spin_unlock(&mm->mmap_lock);
	return ret;
}

/* The entry for va in mm's tables, or NULL when its MB has no page table. */
static pte_t *pte_lookup(struct mm_struct *mm, uint32_t va)
{
	pde_t d = mm->arch.pgd[va >> SECTION_SHIFT];

	if ((d & L1_TYPE_MASK) != L1_TYPE_TABLE)
		return NULL;
	return (pte_t *)pt_phys_to_virt(d & L1_TABLE_ADDR_MASK) + ((va >> PAGE_SHIFT) & 0xff);
}

/*
 * Move the present entries of [from, from + len) to [to, to + len): the
 * pages are neither copied nor recounted, only their entries change
 * place. The tables at the destination are made first, so that a failure
 * (-ENOMEM) leaves everything where it was.
 */
static int move_page_tables(struct mm_struct *mm, uint32_t from, uint32_t to, uint32_t len)
{
	for (uint32_t off = 0; off < len; off += PAGE_SIZE) {
		pte_t *src = pte_lookup(mm, from + off);

		if (src && *src && !pt_l2_entry(&mm->arch, to + off))
			return -ENOMEM;
	}
	for (uint32_t off = 0; off < len; off += PAGE_SIZE) {
		pte_t *src = pte_lookup(mm, from + off), *dst;

		if (!src || !*src)
			continue;
		dst = pte_lookup(mm, to + off);
		*dst = *src;
		clean_pt_entry(dst);
		*src = 0;
		clean_pt_entry(src);
	}
	/* The old addresses may be in any CPU's TLB (the process may have run anywhere). */
	flush_tlb_user_range(&mm->arch, from, len);
	return 0;
}

static long __do_mremap(struct mm_struct *mm, uint32_t addr, uint32_t old_len, uint32_t new_len,
			unsigned flags)
{
	struct vm_area_struct *vma, *moved;
	struct list_head *next;
	uint32_t new_addr, delta;
	int err;

	if ((flags & ~UAPI_MREMAP_MAYMOVE) || (addr & ~PAGE_MASK) || !new_len || !old_len)
		return -EINVAL;
	if (new_len > TASK_SIZE || old_len > TASK_SIZE)
		return old_len > TASK_SIZE ? -EFAULT : -ENOMEM; /* no area is that long, no room */
	old_len = ALIGN(old_len, PAGE_SIZE);
	new_len = ALIGN(new_len, PAGE_SIZE);
	vma = find_vma(mm, addr);
	if (!vma || vma->vm_start > addr || old_len > vma->vm_end - addr)
		return -EFAULT; /* the old range must lie in one area */
	if (vma->vm_flags & (VM_PFNMAP | VM_HUGETLB))
		return -EINVAL;
	if (new_len <= old_len) {
		err = new_len < old_len ? __do_munmap(mm, addr + new_len, old_len - new_len) : 0;
		return err ? err : (long)addr;
	}
	delta = new_len - old_len;
	/* In place: the area ends where the range does and the addresses above are free. */
	if (addr + old_len == vma->vm_end && delta <= TASK_SIZE - vma->vm_end &&
	    range_free(mm, vma->vm_end, vma->vm_end + delta)) {
		uint32_t old_end = vma->vm_end;

		/* As the heap's growth: across free_area_cache it becomes the first area above. */
		if (old_end <= mm->free_area_cache && old_end + delta > mm->free_area_cache)
			mm->free_area_next = &vma->list;
		vma->vm_end += delta;
		if ((vma->vm_flags & (VM_LOCKED | VM_SHARED)) &&
		    populate_range(mm, vma, old_end, vma->vm_end) != VM_FAULT_OK) {
			__do_munmap(mm, old_end, delta);
			return -ENOMEM;
		}
		return (long)addr;
	}
	if (!(flags & UAPI_MREMAP_MAYMOVE) || !find_gap(mm, 0, new_len, &new_addr, &next))
		return -ENOMEM;
	moved = vma_insert(mm, new_addr, new_addr + new_len, vma->vm_flags, vma->name,
			   vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT), next);
	if (!moved)
		return -ENOMEM;
	moved->vm_page_prot = vma->vm_page_prot;
	if (vma->vm_file)
		moved->vm_file = file_get(vma->vm_file);
	err = move_page_tables(mm, addr, new_addr, old_len);
	if (!err && (moved->vm_flags & (VM_LOCKED | VM_SHARED)) &&
	    populate_range(mm, moved, new_addr + old_len, new_addr + new_len) != VM_FAULT_OK)
		err = -ENOMEM;
	if (err) {
		/* Back where they were (the tables there are still in place), the new area gone. */
		if (move_page_tables(mm, new_addr, addr, old_len) == 0)
			__do_munmap(mm, new_addr, new_len);
		return err;
	}
	/* The old range has no entries left: unmapping it frees only areas and empty tables. */
	__do_munmap(mm, addr, old_len);
	return (long)new_addr;
}

long do_mremap(struct mm_struct *mm, uint32_t addr, uint32_t old_len, uint32_t new_len,
	       unsigned flags)
{
	long ret;

	spin_lock(&mm->mmap_lock);
	ret = __do_mremap(mm, addr, old_len, new_len, flags);
	spin_unlock(&mm->mmap_lock);
	return ret;
}

static uint32_t __do_brk(struct mm_struct *mm, uint32_t new_brk)
{
	uint32_t old_end = ALIGN(mm->brk, PAGE_SIZE), new_end;
	struct vm_area_struct *heap;
	int err;

	if (new_brk < mm->start_brk || new_brk - mm->start_brk > USER_BRK_MAX)
		return mm->brk;
	new_end = ALIGN(new_brk, PAGE_SIZE);
	if (new_end < old_end) {
		if (__do_munmap(mm, new_end, old_end - new_end))
			return mm->brk;
	} else if (new_end > old_end) {
		if (!range_free(mm, old_end, new_end))
			return mm->brk; /* something is mapped in the way */
		heap = old_end > mm->start_brk ? find_vma(mm, old_end - 1) : NULL;
		if (heap && heap->name == heap_name && heap->vm_end == old_end) {
			/* Growing across free_area_cache makes the heap the first area to end above it. */
			if (old_end <= mm->free_area_cache && new_end > mm->free_area_cache)
				mm->free_area_next = &heap->list;
			heap->vm_end = new_end;
		} else if (!(heap = vma_create(mm, old_end, new_end,
					       VM_READ | VM_WRITE | mm->def_flags, heap_name,
					       &err))) {
			return mm->brk;
		}
		/* After mlockall(MCL_FUTURE) the heap's new pages are locked, so present. */
		if ((heap->vm_flags & VM_LOCKED) &&
		    populate_range(mm, heap, old_end, new_end) != VM_FAULT_OK) {
			__do_munmap(mm, old_end, new_end - old_end);
			return mm->brk;
		}
	}
	mm->brk = new_brk;
	return mm->brk;
}

uint32_t do_brk(struct mm_struct *mm, uint32_t new_brk)
{
	uint32_t ret;

	spin_lock(&mm->mmap_lock);
	ret = __do_brk(mm, new_brk);
	spin_unlock(&mm->mmap_lock);
	return ret;
}

/*
 * One line per area: range, rwx and private/shared, offset, device 00:00,
 * inode 0 (no file here has one), and the name from column 49 as Linux
 * pads it on 32 bits (25 + 6 * sizeof(void *) - 1 characters, then a space).
 */
void show_map_vmas(struct seq_file *m, struct mm_struct *mm)
{
	struct vm_area_struct *vma;

	list_for_each_entry (vma, &mm->mmap, list) {
		size_t line = m->count;

		seq_printf(
			m, "%08x-%08x %c%c%c%c %08x %02x:%02x %u ", vma->vm_start, vma->vm_end,
			vma->vm_flags & VM_READ ? 'r' : '-', vma->vm_flags & VM_WRITE ? 'w' : '-',
			vma->vm_flags & VM_EXEC ? 'x' : '-', vma->vm_flags & VM_SHARED ? 's' : 'p',
			vma->vm_pgoff << PAGE_SHIFT, 0, 0, 0);
		if (vma->name) {
			seq_pad_to(m, line, 25 + 6 * 4 - 1 + 1);
			seq_puts(m, vma->name);
		}
		seq_putc(m, '\n');
	}
}

unsigned vma_check(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *prev = NULL;
	struct list_head *first_above = &mm->mmap;
	uint32_t hole = mm->mmap_base; /* the first free byte from mmap_base */
	unsigned errors = 0;
	bool cache_seen = !mm->mmap_cache;

#define VMA_BUG(...) (printk("vma_check: BUG: " __VA_ARGS__), errors++)
	list_for_each_entry (vma, &mm->mmap, list) {
		if (!user_range_ok(vma->vm_start, vma->vm_end) ||
		    (vma->vm_start | vma->vm_end) & ~PAGE_MASK)
			VMA_BUG("area %08x-%08x is not a user range\n", vma->vm_start, vma->vm_end);
		if (prev && prev->vm_end > vma->vm_start)
			VMA_BUG("area %08x-%08x after %08x-%08x\n", vma->vm_start, vma->vm_end,
				prev->vm_start, prev->vm_end);
		if (vma->vm_mm != mm)
			VMA_BUG("area %08x-%08x belongs to another mm\n", vma->vm_start,
				vma->vm_end);
		if (vma == mm->mmap_cache)
			cache_seen = true;
		if (vma == mm->vma_spare)
			VMA_BUG("the spare area is on the list\n");
		if (vma->vm_start <= hole && vma->vm_end > hole)
			hole = vma->vm_end;
		if (vma->vm_end > mm->free_area_cache && first_above == &mm->mmap)
			first_above = &vma->list;
		prev = vma;
	}
	if (!cache_seen)
		VMA_BUG("mmap_cache is not on the list\n");
	if (mm->free_area_cache < mm->mmap_base || mm->free_area_cache > hole)
		VMA_BUG("free_area_cache %08x, first hole from %08x at %08x\n", mm->free_area_cache,
			mm->mmap_base, hole);
	if (mm->free_area_next != first_above)
		VMA_BUG("free_area_next is not the first area ending above %08x\n",
			mm->free_area_cache);
#undef VMA_BUG
	return errors;
}
