/*
 * Kernel access to user memory, with Linux's names and meanings.
 *
 * access_ok() refuses ranges that reach TASK_SIZE or wrap; the copies use
 * unprivileged loads and stores, so the MMU applies the user's rights, and
 * a fault the mm cannot resolve ends the copy through the exception table
 * instead of crashing the kernel (arch/arm/kernel/uaccess.S).
 */
#ifndef UACCESS_H
#define UACCESS_H

#include "asm/memory.h"
#include "errno.h"
#include "kernel.h"

#define __user

static inline bool access_ok(const void __user *addr, unsigned long size)
{
	uintptr_t a = (uintptr_t)addr;

	return a <= TASK_SIZE && size <= TASK_SIZE - a;
}

unsigned long __copy_from_user(void *to, const void __user *from, unsigned long n);
unsigned long __copy_to_user(void __user *to, const void *from, unsigned long n);
long __strncpy_from_user(char *to, const char __user *from, long n);

/* Bytes not copied: 0 on success. */
static inline unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	return access_ok(from, n) ? __copy_from_user(to, from, n) : n;
}

static inline unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	return access_ok(to, n) ? __copy_to_user(to, from, n) : n;
}

/*
 * Copy a NUL-terminated string of at most n bytes: its length without the
 * NUL, n when there was no NUL in n bytes, -EFAULT on a bad pointer.
 */
static inline long strncpy_from_user(char *to, const char __user *from, long n)
{
	uintptr_t a = (uintptr_t)from;
	long limit;

	if (n <= 0 || a >= TASK_SIZE)
		return n <= 0 ? 0 : -EFAULT;
	limit = (long)min((uintptr_t)n, TASK_SIZE - a);  /* stop at the end of user space */
	long len = __strncpy_from_user(to, from, limit); /* strlen, or limit if no NUL came */

	if (len == limit && limit < n)
		return -EFAULT; /* the string runs into the kernel */
	return len;
}

#endif
