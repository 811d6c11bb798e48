/*
 * User-space benchmarks, in guest instructions, timed by the user program
 * itself (user/ubench.c reads PMCCNTR, which the kernel lets user mode
 * read) and handed back as its exit code:
 *
 *   - system-call round trip: getpid() from user mode and back;
 *   - context switch: two processes calling sched_yield() in turn (the
 *     figure is per switch: each yield is a system call and one switch);
 *   - demand-zero page fault: the first write to an untouched anonymous
 *     page (abort, VMA lookup, a zeroed page, the PTE) and the retried store;
 *   - mmap+munmap of 16 anonymous pages, untouched;
 *   - fork + exit + wait of a process with one touched page, and per
 *     touched page (the same with 256 pages, less the first, over 255):
 *     the child runs on the same CPU, so its life is in the parent's count;
 *   - a copy-on-write break: the first write to a page fork shared with a
 *     child that still maps it (a copy: abort, copy_page, the PTE, a flush);
 *   - mprotect of 16 touched pages, read-only and read-write in turn;
 *   - a huge page fault: the first touch of a MAP_HUGETLB MB (the pool is
 *     made for the case and given back);
 *   - clear_page and copy_page of one lowmem page (arch/arm/lib), the
 *     kernel alone, which the fault's figure holds: each checks its result
 *     after the timed loop.
 *
 * The program's own empty loop (ubench 0) is subtracted, so the runner's
 * usual subtraction of the kernel's empty loop comes out right.
 */
#include "asm/page.h"
#include "board.h"
#include "hugetlb.h"
#include "mm.h"
#include "string.h"
#include "sched.h"
#include "bench.h"

enum {
	UBENCH_EMPTY,
	UBENCH_GETPID,
	UBENCH_YIELD,
	UBENCH_FAULT,
	UBENCH_MMAP16,
	UBENCH_FORK1,
	UBENCH_FORK256,
	UBENCH_COW,
	UBENCH_MPROTECT16,
	UBENCH_HUGE_FAULT
};

static uint64_t ubench(unsigned which, unsigned iterations, unsigned procs)
{
	struct task_struct *t[2];
	/* On this CPU: PMCCNTR is per CPU, and two yielding processes must share one. */
	uint32_t here = 1u << smp_processor_id();
	int err, code = 0, empty;

	if (board.cycle_counter != CYCLES_PMCCNTR)
		return BENCH_FAILED; /* user mode can only time with PMCCNTR */
	t[0] = process_create_on("ubench", UBENCH_EMPTY, iterations, here, &err);
	empty = t[0] ? task_wait(t[0]) : err;
	for (unsigned i = 0; i < procs; i++)
		if (!(t[i] = process_create_on("ubench", which, iterations, here, &err)))
			return BENCH_FAILED;
	for (unsigned i = 0; i < procs; i++)
		code = task_wait(t[i]); /* the first one's delta covers both */
	if (code < 0 || empty < 0 || last_exit.faulted)
		return BENCH_FAILED;
	/* With two processes each loop iteration holds two switches. */
	return (uint64_t)(code - empty) / procs + bench_empty_loop(iterations);
}

static uint64_t syscall_round_trip(unsigned n)
{
	return ubench(UBENCH_GETPID, n, 1);
}
static uint64_t context_switch(unsigned n)
{
	return ubench(UBENCH_YIELD, n, 2);
}
static uint64_t demand_zero_fault(unsigned n)
{
	return ubench(UBENCH_FAULT, n, 1);
}
static uint64_t mmap_munmap_16(unsigned n)
{
	return ubench(UBENCH_MMAP16, n, 1);
}

static uint64_t fork_exit_wait(unsigned n)
{
	return ubench(UBENCH_FORK1, n, 1);
}
static uint64_t fork_per_page(unsigned n)
{
	uint64_t one = ubench(UBENCH_FORK1, n, 1), many = ubench(UBENCH_FORK256, n, 1);

	if (one == BENCH_FAILED || many == BENCH_FAILED || many < one)
		return BENCH_FAILED;
	return (many - one) / 255 + bench_empty_loop(n);
}
static uint64_t cow_break(unsigned n)
{
	return ubench(UBENCH_COW, n, 1);
}

static uint64_t mprotect_16(unsigned n)
{
	return ubench(UBENCH_MPROTECT16, n, 1);
}
/* The pool is made for the case (n MB) and given back. */
static uint64_t huge_fault(unsigned n)
{
	unsigned added = hugetlb_reserve(n);
	uint64_t t = added == n ? ubench(UBENCH_HUGE_FAULT, n, 1) : BENCH_FAILED;

	hugetlb_shrink(added);
	return t;
}

BENCH_CASE(user_syscall, "syscall round trip (getpid)", syscall_round_trip, 2000);
BENCH_CASE(user_switch, "context switch (sched_yield between two processes)", context_switch, 1000);
BENCH_CASE(user_fault, "demand-zero page fault (first write)", demand_zero_fault, 200);
BENCH_CASE(user_mmap16, "mmap+munmap 16 pages", mmap_munmap_16, 200);
BENCH_CASE(user_fork, "fork+exit+wait, 1 page touched", fork_exit_wait, 50);
BENCH_CASE(user_fork_page, "fork+exit+wait, per touched page (256 - 1)", fork_per_page, 20);
BENCH_CASE(user_cow, "copy-on-write break (a copy)", cow_break, 200);
BENCH_CASE(user_mprotect, "mprotect 16 pages (touched)", mprotect_16, 200);
BENCH_CASE(user_huge, "huge page fault (1 MB zeroed, a section)", huge_fault, 8);

/* Every byte of the page at va is c. */
static bool page_is(const void *va, unsigned char c)
{
	const unsigned char *p = va;

	for (unsigned i = 0; i < PAGE_SIZE; i++)
		if (p[i] != c)
			return false;
	return true;
}

static uint64_t clear_page_case(unsigned iterations)
{
	struct page *pg = alloc_page(GFP_KERNEL);
	void *va;
	uint64_t t0, t;

	if (!pg)
		return BENCH_FAILED;
	va = page_address(pg);
	t0 = bench_counter_read();
	for (unsigned i = 0; i < iterations; i++) {
		clear_page(va);
		__asm__ volatile("" ::: "memory");
	}
	t = bench_counter_read() - t0;
	memset(va, 0xa5, PAGE_SIZE);
	clear_page(va);
	if (!page_is(va, 0))
		t = BENCH_FAILED;
	__free_page(pg);
	return t;
}

static uint64_t copy_page_case(unsigned iterations)
{
	struct page *pg = alloc_pages(GFP_KERNEL, 1);
	unsigned char *from, *to;
	uint64_t t0, t;

	if (!pg)
		return BENCH_FAILED;
	to = page_address(pg);
	from = to + PAGE_SIZE;
	memset(from, 0x3c, PAGE_SIZE);
	memset(to, 0, PAGE_SIZE);
	t0 = bench_counter_read();
	for (unsigned i = 0; i < iterations; i++) {
		copy_page(to, from);
		__asm__ volatile("" ::: "memory");
	}
	t = bench_counter_read() - t0;
	if (!page_is(to, 0x3c))
		t = BENCH_FAILED;
	__free_pages(pg, 1);
	return t;
}

BENCH_CASE(clear_page, "clear_page 4 KB (lowmem)", clear_page_case, 1000);
BENCH_CASE(copy_page, "copy_page 4 KB (lowmem)", copy_page_case, 1000);
