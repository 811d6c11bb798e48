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

/* unsigned long __copy_from_user(void *to, const void __user *from, unsigned long n) */
	.global __copy_from_user
	.type __copy_from_user, %function
__copy_from_user:
	orr	r3, r0, r1
	tst	r3, #3
	bne	2f
1:	cmp	r2, #4
	blo	2f
10:	ldrt	r3, [r1], #4
	str	r3, [r0], #4
	sub	r2, r2, #4
	b	1b
2:	cmp	r2, #0
	beq	3f
11:	ldrbt	r3, [r1], #1
	strb	r3, [r0], #1
	sub	r2, r2, #1
	b	2b
3:	mov	r0, r2
	bx	lr
	extable 10b, 3b
	extable 11b, 3b

/* unsigned long __copy_to_user(void __user *to, const void *from, unsigned long n) */
	.global __copy_to_user
	.type __copy_to_user, %function
__copy_to_user:
	orr	r3, r0, r1
	tst	r3, #3
	bne	2f
1:	cmp	r2, #4
	blo	2f
	ldr	r3, [r1], #4
10:	strt	r3, [r0], #4
	sub	r2, r2, #4
	b	1b
2:	cmp	r2, #0
	beq	3f
	ldrb	r3, [r1], #1
11:	strbt	r3, [r0], #1
	sub	r2, r2, #1
	b	2b
3:	mov	r0, r2
	bx	lr
	extable 10b, 3b
	extable 11b, 3b

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
