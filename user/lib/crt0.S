/*
 * Program entry: the kernel starts a process here in user mode with sp at
 * the top of its stack and two arguments in r0 and r1; main's return value
 * is the exit code.
 */
#include <uapi/unistd.h>

	.syntax unified
	.arm
	.section .text.start, "ax"
	.global _start
_start:
	bl	main
	mov	r7, #__NR_exit
	svc	#0
	b	.
