/*
 * A process's areas: the sorted list, finding free ranges, mmap, munmap
 * (which may split an area in two or three) and brk.
 */
#include "errno.h"
#include "fs.h"
#include "mm_user.h"
#include "printk.h"
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

static bool range_free(struct mm_struct *mm, uint32_t start, uint32_t end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	return !vma || vma->vm_start >= end;
}

uint32_t get_unmapped_area(struct mm_struct *mm, uint32_t hint, uint32_t len)
{
	struct vm_area_struct *vma;
	uint32_t start = mm->mmap_base;

	if (len == 0 || len > TASK_SIZE)
		return 0;
	hint = ALIGN_DOWN(hint, PAGE_SIZE);
	if (hint && len <= TASK_SIZE - hint && user_range_ok(hint, hint + len) &&
	    range_free(mm, hint, hint + len))
		return hint;
	/* First fit from mmap_base: walk the gaps between the sorted areas. */
	list_for_each_entry (vma, &mm->mmap, list) {
		if (vma->vm_end <= start)
			continue;
		if (vma->vm_start >= start && vma->vm_start - start >= len)
			return start;
		start = vma->vm_end;
	}
	return len <= TASK_SIZE - start ? start : 0;
}

pgprot_t vm_get_page_prot(unsigned vm_flags)
{
	pgprot_t prot = MT_NORMAL | PROT_NG;

	if (!(vm_flags & VM_ACCESS))
		return prot; /* PROT_NONE: the kernel may read, the process nothing */
	prot |= PROT_USER;

	if (vm_flags & VM_WRITE)
		prot |= PROT_WRITE;
	if (vm_flags & VM_EXEC)
		prot |= PROT_EXEC;
	return prot;
}

static void vma_link(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *next = find_vma(mm, vma->vm_start);

	list_add_tail(&vma->list, next ? &next->list : &mm->mmap); /* before next: sorted */
	mm->map_count++;
}

static void vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma)
{
	if (mm->mmap_cache == vma)
		mm->mmap_cache = NULL;
	list_del(&vma->list);
	mm->map_count--;
	kfree(vma);
}

struct vm_area_struct *vma_create(struct mm_struct *mm, uint32_t start, uint32_t end,
				  unsigned flags, const char *name, int *err)
{
	struct vm_area_struct *vma;

	if (!user_range_ok(start, end) || (start | end) & ~PAGE_MASK) {
		*err = -EINVAL;
		return NULL;
	}
	if (!range_free(mm, start, end)) {
		*err = -EEXIST;
		return NULL;
	}
	vma = kzalloc(sizeof(*vma), GFP_KERNEL);
	if (!vma) {
		*err = -ENOMEM;
		return NULL;
	}
	vma->vm_mm = mm;
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_flags = flags;
	vma->vm_page_prot = vm_get_page_prot(flags);
	vma->name = name;
	vma_link(mm, vma);
	*err = 0;
	return vma;
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
	mm->map_count++;
	return 0;
}

/* Split vma at addr when addr falls strictly inside it (vma may be NULL); 0 or -ENOMEM. */
static int split_inside(struct mm_struct *mm, struct vm_area_struct *vma, uint32_t addr)
{
	if (vma && vma->vm_start < addr && vma->vm_end > addr)
		return split_vma(mm, vma, addr);
	return 0;
}

static int __do_munmap(struct mm_struct *mm, uint32_t start, uint32_t len)
{
	struct vm_area_struct *vma, *tmp;
	uint32_t end;
	int err;

	if ((start & ~PAGE_MASK) || len == 0 || len > TASK_SIZE)
		return -EINVAL;
	end = start + ALIGN(len, PAGE_SIZE);
	if (!user_range_ok(start, end))
		return -EINVAL;
	/* Split first, so that a failed allocation leaves everything as it was mapped. */
	err = split_inside(mm, find_vma(mm, start), start);
	if (!err)
		err = split_inside(mm, find_vma(mm, end - 1), end);
	if (err)
		return err;
	list_for_each_entry_safe (vma, tmp, &mm->mmap, list) {
		if (vma->vm_start >= end)
			break;
		if (vma->vm_end <= start)
			continue;
		zap_page_range(mm, vma->vm_start, vma->vm_end, vma->vm_flags & VM_PFNMAP);
		if (vma->vm_file)
			file_put(vma->vm_file);
		vma_unlink(mm, vma);
	}
	return 0;
}

#define MAP_KNOWN  (UAPI_MAP_SHARED | UAPI_MAP_PRIVATE | UAPI_MAP_FIXED | UAPI_MAP_ANONYMOUS)
#define PROT_KNOWN (UAPI_PROT_READ | UAPI_PROT_WRITE | UAPI_PROT_EXEC)

int do_munmap(struct mm_struct *mm, uint32_t start, uint32_t len)
{
	int err;

	spin_lock(&mm->mmap_lock);
	err = __do_munmap(mm, start, len);
	spin_unlock(&mm->mmap_lock);
	return err;
}

static long __do_mmap(struct mm_struct *mm, uint32_t addr, uint32_t len, unsigned prot,
		      unsigned flags, struct file *file, uint32_t pgoff)
{
	struct vm_area_struct *vma;
	unsigned vm_flags = 0;
	int err;

	if (len == 0 || (flags & ~MAP_KNOWN) || (prot & ~PROT_KNOWN) ||
	    !(flags & UAPI_MAP_SHARED) == !(flags & UAPI_MAP_PRIVATE))
		return -EINVAL;
	if (len > TASK_SIZE)
		return -ENOMEM;
	len = ALIGN(len, PAGE_SIZE);
	if (flags & UAPI_MAP_FIXED) {
		if ((addr & ~PAGE_MASK) || len > TASK_SIZE - addr ||
		    !user_range_ok(addr, addr + len))
			return -EINVAL;
		err = __do_munmap(mm, addr, len);
		if (err)
			return err;
	} else {
		addr = get_unmapped_area(mm, addr, len);
		if (!addr)
			return -ENOMEM;
	}
	if (prot & UAPI_PROT_READ)
		vm_flags |= VM_READ;
	if (prot & UAPI_PROT_WRITE)
		vm_flags |= VM_WRITE;
	if (prot & UAPI_PROT_EXEC)
		vm_flags |= VM_EXEC;
	if (flags & UAPI_MAP_SHARED)
		vm_flags |= VM_SHARED;
	vma = vma_create(mm, addr, addr + len, vm_flags, file ? file->path : "[anon]", &err);
	if (!vma)
		return err;
	vma->vm_pgoff = pgoff;
	if (file) {
		err = file->f_op->mmap ? file->f_op->mmap(file, vma) : -ENODEV;
		if (err) {
			zap_page_range(mm, vma->vm_start, vma->vm_end, true);
			vma_unlink(mm, vma);
			return err;
		}
		vma->vm_file = file_get(file);
	}
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
			heap->vm_end = new_end;
		} else if (!vma_create(mm, old_end, new_end, VM_READ | VM_WRITE, heap_name, &err)) {
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

void show_maps(struct mm_struct *mm)
{
	struct vm_area_struct *vma;

	/* Not under the lock: printk may be slow, and only tests show another's maps. */
	list_for_each_entry (vma, &mm->mmap, list)
		printk("  %08x-%08x %c%c%c%c %08x %s\n", vma->vm_start, vma->vm_end,
		       vma->vm_flags & VM_READ ? 'r' : '-', vma->vm_flags & VM_WRITE ? 'w' : '-',
		       vma->vm_flags & VM_EXEC ? 'x' : '-', vma->vm_flags & VM_SHARED ? 's' : 'p',
		       vma->vm_pgoff << PAGE_SHIFT, vma->name ? vma->name : "");
}
