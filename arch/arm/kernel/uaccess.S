/*
 * Copies between kernel memory and user memory (include/uaccess.h).
 *
 * Every access to the user side is an unprivileged load or store
 * (ldrt/strt, ldrbt/strbt): the MMU checks it with the user's rights, so a
 * user pointer into the kernel, or to a read-only page such as the shared
 * zero page, faults instead of being honoured. A fault on a user address
 * the mm can resolve (demand paging) is resolved and the access retried;
 * any other fault resumes at the fixup through __ex_table, which returns
 * how many bytes were not copied.
 *
 * Word copies when both sides are word aligned, bytes otherwise.
 */
#include <asm/assembler.h>

	.syntax unified
	.arm
	.text

/* One load and store of n bytes; the access to user memory ("user" = src or dst) may fault. */
	.macro copy_unit user, n, load, store, uload, ustore
	.ifc \user, src
9:	\uload	r3, [r1], #\n
	\store	r3, [r0], #\n
	.else
	\load	r3, [r1], #\n
9:	\ustore	r3, [r0], #\n
	.endif
	extable 9b, 3f
	.endm

/*
 * The copy loop: r0 destination, r1 source, r2 bytes; returns in r0 the
 * bytes not copied (words while both are aligned, then bytes).
 */
	.macro copy_user user
	orr	r3, r0, r1
	tst	r3, #3
	bne	2f
1:	cmp	r2, #4
	blo	2f
	copy_unit \user, 4, ldr, str, ldrt, strt
	sub	r2, r2, #4
	b	1b
2:	cmp	r2, #0
	beq	3f
	copy_unit \user, 1, ldrb, strb, ldrbt, strbt
	sub	r2, r2, #1
	b	2b
3:	mov	r0, r2
	bx	lr
	.endm

/* unsigned long __copy_from_user(void *to, const void __user *from, unsigned long n) */
	.global __copy_from_user
	.type __copy_from_user, %function
__copy_from_user:
	copy_user src

/* unsigned long __copy_to_user(void __user *to, const void *from, unsigned long n) */
	.global __copy_to_user
	.type __copy_to_user, %function
__copy_to_user:
	copy_user dst

/*
 * long __strncpy_from_user(char *to, const char __user *from, long n):
 * the length of the string copied (its NUL copied too), n if no NUL came in
 * n bytes, -EFAULT after a fault.
 */
	.global __strncpy_from_user
	.type __strncpy_from_user, %function
__strncpy_from_user:
	mov	r12, r2
1:	cmp	r2, #0
	beq	2f
10:	ldrbt	r3, [r1], #1
	strb	r3, [r0], #1
	cmp	r3, #0
	subne	r2, r2, #1
	bne	1b
2:	sub	r0, r12, r2
	bx	lr
3:	mvn	r0, #13			@ -EFAULT
	bx	lr
	extable 10b, 3b
