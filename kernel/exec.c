/*
 * The ELF loader for user programs (see include/exec.h) and the console
 * device every process starts with.
 */
#include "asm/cacheflush.h"
#include "errno.h"
#include "exec.h"
#include "fs.h"
#include "highmem.h"
#include "mm.h"
#include "mm_user.h"
#include "printk.h"
#include "sched.h"
#include "string.h"
#include "uaccess.h"

struct elf32_ehdr {
	uint8_t e_ident[16];
	uint16_t e_type, e_machine;
	uint32_t e_version, e_entry, e_phoff, e_shoff, e_flags;
	uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf32_phdr {
	uint32_t p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_flags, p_align;
};

#define PT_LOAD 1
#define PF_X    1
#define PF_W    2
#define PF_R    4
#define ET_EXEC 2
#define EM_ARM  40

const struct user_image *user_image_find(const char *name)
{
	for (const struct user_image *img = user_images; img < user_images_end; img++)
		if (!strcmp(img->name, name))
			return img;
	return NULL;
}

static int bad_image(const struct user_image *img, const char *why)
{
	printk("exec: %s: not a program this kernel runs: %s\n", img->name, why);
	return -ENOEXEC;
}

/* Fill and map every page of [start, end) for a segment whose file bytes are data[0, filesz) at vaddr. */
static int load_segment(struct mm_struct *mm, struct vm_area_struct *vma, const uint8_t *data,
			uint32_t vaddr, uint32_t filesz)
{
	for (uint32_t va = vma->vm_start; va < vma->vm_end; va += PAGE_SIZE) {
		struct page *page = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_ZERO);
		pte_t *ptep = pt_l2_entry(&mm->arch, va);
		uint32_t lo = max(va, vaddr), hi = min(va + PAGE_SIZE, vaddr + filesz);

		if (!page || !ptep) {
			if (page)
				__free_page(page);
			return -ENOMEM;
		}
		if (lo < hi) {
			char *kva = kmap_atomic(page);

			memcpy(kva + (lo - va), data + (lo - vaddr), hi - lo);
			/* Instructions are fetched from memory the D-cache may still hold. */
			dcache_clean_range((uintptr_t)kva, (uintptr_t)kva + PAGE_SIZE);
			kunmap_atomic(kva);
		}
		*ptep = mk_small_page(page_to_phys(page), vma->vm_page_prot);
		clean_pt_entry(ptep);
		mm->rss++;
	}
	return 0;
}

int exec_load(struct mm_struct *mm, const struct user_image *img, uint32_t *entry)
{
	const struct elf32_ehdr *eh = (const void *)img->start;
	uint32_t size = (uint32_t)(img->end - img->start), top = 0;
	struct vm_area_struct *vma;
	int err;

	if (size < sizeof(*eh) || memcmp(eh->e_ident,
					 "\x7f"
					 "ELF\x01\x01",
					 6))
		return bad_image(img, "no 32-bit little-endian ELF header");
	if (eh->e_type != ET_EXEC || eh->e_machine != EM_ARM)
		return bad_image(img, "not an ARM executable");
	if (eh->e_phentsize != sizeof(struct elf32_phdr) || eh->e_phoff > size ||
	    eh->e_phnum > (size - eh->e_phoff) / sizeof(struct elf32_phdr))
		return bad_image(img, "program headers outside the file");

	const struct elf32_phdr *ph = (const void *)(img->start + eh->e_phoff);

	for (unsigned i = 0; i < eh->e_phnum; i++, ph++) {
		unsigned flags = 0;
		uint32_t start, end;

		if (ph->p_type != PT_LOAD || !ph->p_memsz)
			continue;
		if (ph->p_filesz > ph->p_memsz || ph->p_offset > size ||
		    ph->p_filesz > size - ph->p_offset || ph->p_memsz > TASK_SIZE - ph->p_vaddr ||
		    ph->p_vaddr < USER_TEXT_START)
			return bad_image(img, "a segment outside the file or the user range");
		start = ALIGN_DOWN(ph->p_vaddr, PAGE_SIZE);
		end = ALIGN(ph->p_vaddr + ph->p_memsz, PAGE_SIZE);
		flags |= ph->p_flags & PF_R ? VM_READ : 0;
		flags |= ph->p_flags & PF_W ? VM_WRITE : 0;
		flags |= ph->p_flags & PF_X ? VM_EXEC : 0;
		vma = vma_create(mm, start, end, flags, ph->p_flags & PF_X ? "[text]" : "[data]",
				 &err);
		if (!vma)
			return err == -EEXIST ? bad_image(img, "overlapping segments") : err;
		err = load_segment(mm, vma, img->start + ph->p_offset, ph->p_vaddr, ph->p_filesz);
		if (err)
			return err;
		if (flags & VM_EXEC) {
			mm->start_code = start;
			mm->end_code = end;
		}
		top = max(top, end);
	}
	if (!top || eh->e_entry < mm->start_code || eh->e_entry >= mm->end_code)
		return bad_image(img, "the entry point is not in an executable segment");
	icache_inval_all();
	bp_inval_all();

	vma = vma_create(mm, USER_STACK_TOP - USER_STACK_SIZE, USER_STACK_TOP,
			 VM_READ | VM_WRITE | VM_GROWSDOWN, "[stack]", &err);
	if (!vma)
		return err;
	mm->start_stack = USER_STACK_TOP;
	mm->start_brk = mm->brk = top;
	*entry = eh->e_entry;
	return 0;
}

/* ---- /dev/console ---- */

static long console_write(struct file *file, const void *ubuf, uint32_t len)
{
	char buf[129];
	uint32_t done = 0;

	(void)file;
	while (done < len) {
		uint32_t n = min(len - done, (uint32_t)sizeof(buf) - 1);

		if (copy_from_user(buf, (const char *)ubuf + done, n))
			return done ? (long)done : -EFAULT;
		buf[n] = 0;
		printk("%s", buf);
		done += n;
	}
	return (long)done;
}

static const struct file_operations console_fops = {
	.write = console_write,
};

void console_node_init(void)
{
	BUG_ON(register_device_node("/dev/console", &console_fops, NULL));
}
