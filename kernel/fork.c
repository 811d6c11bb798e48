/*
 * fork(): a new process that is a copy of the caller (Linux's
 * copy_process() in small). The address space is shared with
 * copy-on-write (dup_mm, mm/user/fork.c), the open files are shared (each
 * gains a reference), and the child starts with the parent's user frame,
 * returning 0 where the parent gets the child's pid. A fork that fails
 * frees everything it made and leaves the parent as it was.
 */
#include "errno.h"
#include "fs.h"
#include "mm.h"
#include "mm_user.h"
#include "sched.h"
#include "slab.h"
#include "string.h"

long do_fork(struct pt_regs *regs)
{
	struct task_struct *parent = current, *t;
	struct pt_regs *child_regs;
	int err = -ENOMEM;

	if (!parent->mm)
		return -EINVAL; /* the boot thread has no address space to copy */
	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	t->stack = (void *)__get_free_pages(GFP_KERNEL, 1);
	if (!t->stack)
		goto fail;
	set_task_stack_end_magic(t);
	t->mm = dup_mm(parent->mm, &err);
	if (!t->mm)
		goto fail;

	/* ret_from_fork returns to user mode through a copy of the parent's frame. */
	child_regs = (struct pt_regs *)((char *)t->stack + THREAD_SIZE) - 1;
	*child_regs = *regs;
	child_regs->r[0] = 0; /* fork() returns 0 in the child */
	t->ctx.sp = (uint32_t)child_regs;
	t->ctx.pc = (uint32_t)ret_from_fork;

	memcpy(t->comm, parent->comm, TASK_COMM_LEN);
	t->parent = parent;
	t->cpus_allowed = parent->cpus_allowed;
	for (unsigned fd = 0; fd < TASK_MAX_FILES; fd++)
		if (parent->files[fd])
			t->files[fd] = file_get(parent->files[fd]);
	return wake_up_new_task(t);
fail:
	if (t->stack)
		free_pages((uintptr_t)t->stack, 1);
	kfree(t);
	return err;
}
