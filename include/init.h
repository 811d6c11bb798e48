/*
 * Work that registers itself to run at the end of boot, once every
 * subsystem is up: start_kernel() calls what is in the sections below and
 * knows nothing else of it. The test kernel (make KTEST=y) links its
 * self-tests, benchmarks and gdb check this way; the default image has
 * none, so its sections are empty.
 *
 *   late_initcall(fn)   runs before the heartbeat starts (the gdb check)
 *   test_initcall(fn)   runs after it (self-tests, benchmarks)
 *
 * fn returns how many things failed (0: all well); the kernel's exit
 * status is 1 when any call reported a failure.
 */
#ifndef INIT_H
#define INIT_H

#include "kernel.h"

typedef int (*initcall_t)(void);

#define __define_initcall(fn, level) \
	static const initcall_t __initcall_##fn __section(".initcall" #level) __used = fn
#define late_initcall(fn) __define_initcall(fn, 0)
#define test_initcall(fn) __define_initcall(fn, 1)

/* The sections' bounds, from linker.ld. */
extern const initcall_t __initcall0_start[], __initcall1_start[], __initcall_end[];

/* Run every call of one level (0 or 1), in link order; the sum of what they returned. */
int do_initcalls(unsigned level);

#endif
