/*
 * The ELF loader for user programs (see include/exec.h) and execve() on
 * top of it. /dev/console, which every process starts with, is the
 * console tty's (kernel/tty.c).
 */
#include "asm/cacheflush.h"
#include "errno.h"
#include "exec.h"
#include "fs.h"
#include "highmem.h"
#include "mm.h"
#include "mm_user.h"
#include "page_ref.h"
#include "printk.h"
#include "sched.h"
#include "slab.h"
#include "string.h"
#include "uaccess.h"
#include "uapi/unistd.h"

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
		page_set_mapped_once(page);
		*ptep = mk_small_page(page_to_phys(page), vma->vm_page_prot);
		clean_pt_entry(ptep);
		if (++mm->rss > mm->hiwater_rss)
			mm->hiwater_rss = mm->rss;
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

/* ---- execve ---- */

#define EXEC_PATH_MAX 64
#define EXEC_ARGC_MAX 256 /* and the strings with their pointers fit one page */

/*
 * The image a path names: "NAME" or "/bin/NAME" (every program the kernel
 * carries is in /bin), or NULL.
 */
static const struct user_image *exec_lookup(const char *path)
{
	static const char bin[] = "/bin/";

	if (!strncmp(path, bin, sizeof(bin) - 1))
		path += sizeof(bin) - 1;
	return strchr(path, '/') ? NULL : user_image_find(path);
}

struct exec_args {
	char *strings; /* one page: the strings, packed, each with its NUL */
	uint32_t len;  /* bytes used */
	unsigned argc;
	uint16_t offset[EXEC_ARGC_MAX];
};

/* Copy the NULL-terminated user array uargv and its strings into a. */
static long copy_args(struct exec_args *a, const uint32_t *uargv)
{
	a->argc = 0;
	a->len = 0;
	for (; uargv; a->argc++) {
		uint32_t p;
		long n;

		if (copy_from_user(&p, &uargv[a->argc], sizeof(p)))
			return -EFAULT;
		if (!p)
			break;
		if (a->argc == EXEC_ARGC_MAX)
			return -E2BIG;
		n = strncpy_from_user(a->strings + a->len, (const char *)p, PAGE_SIZE - a->len);
		if (n < 0)
			return n;
		if ((uint32_t)n == PAGE_SIZE - a->len)
			return -E2BIG; /* no room for its NUL */
		a->offset[a->argc] = (uint16_t)a->len;
		a->len += (uint32_t)n + 1;
	}
	/* The pointers go below the strings, on the same page. */
	if (ALIGN(a->len, 4) + (a->argc + 1) * 4 > PAGE_SIZE)
		return -E2BIG;
	return 0;
}

/*
 * Put the arguments at the top of the new stack (the mm is live): the
 * strings, then argv[] below them; returns the initial sp (8-byte
 * aligned, as the AAPCS wants) or 0 if the stack could not be written.
 */
static uint32_t push_args(const struct exec_args *a, uint32_t *argv_out)
{
	uint32_t strings = USER_STACK_TOP - ALIGN(a->len, 4);
	uint32_t argv = strings - (a->argc + 1) * 4;
	uint32_t *ptrs = (uint32_t *)(a->strings + ALIGN(a->len, 4));

	for (unsigned i = 0; i < a->argc; i++)
		ptrs[i] = strings + a->offset[i];
	ptrs[a->argc] = 0;
	if (copy_to_user((void *)strings, a->strings, a->len) ||
	    copy_to_user((void *)argv, ptrs, (a->argc + 1) * 4))
		return 0;
	*argv_out = argv;
	return ALIGN_DOWN(argv, 8);
}

/* The arguments' copy, once they are on the new stack or the execve has failed. */
static void exec_args_free(struct exec_args *a)
{
	if (a->strings)
		free_pages((uintptr_t)a->strings, 0);
	kfree(a);
}

long do_execve(const char *upath, const uint32_t *uargv, struct pt_regs *regs)
{
	const struct user_image *img;
	char path[EXEC_PATH_MAX];
	struct exec_args *a;
	struct mm_struct *mm;
	uint32_t entry, sp, argv = 0;
	long err = strncpy_from_user(path, upath, sizeof(path));

	if (err < 0)
		return err;
	if (err == sizeof(path))
		return -ENAMETOOLONG;
	if (!current->mm)
		return -EINVAL; /* the boot thread runs no program */
	img = exec_lookup(path);
	if (!img)
		return -ENOENT;
	a = kmalloc(sizeof(*a), GFP_KERNEL);
	if (!a)
		return -ENOMEM;
	a->strings = (char *)__get_free_page(GFP_KERNEL);
	err = a->strings ? copy_args(a, uargv) : -ENOMEM;
	mm = err ? NULL : mm_alloc();
	if (!err && !mm)
		err = -ENOMEM;
	if (!err)
		err = exec_load(mm, img, &entry);
	if (err) {
		if (mm)
			mmput(mm);
		goto out;
	}
	/* No way back from here: the old program is gone. */
	exec_mmap(mm);
	sp = push_args(a, &argv);
	if (!sp) {
		printk("%s[%d]: execve: no memory for the arguments\n", current->comm,
		       current->pid);
		current->term_sig = UAPI_SIGSEGV;
		exec_args_free(a); /* do_exit() does not return to out: */
		do_exit(EXIT_SEGV);
	}
	memset(current->comm, 0, TASK_COMM_LEN);
	memcpy(current->comm, img->name, strnlen(img->name, TASK_COMM_LEN - 1));
	memset(regs, 0, sizeof(*regs));
	regs->r[1] = argv;
	regs->sp = sp;
	regs->pc = entry;
	regs->cpsr = PSR_MODE_USR;
	err = (long)a->argc; /* the system call's result goes to r0: main's argc */
out:
	exec_args_free(a);
	return err;
}
