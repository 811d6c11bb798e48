/*
 * User memory while the kernel changes it from another CPU (the SMP cases
 * of tests/target/user_test.c). The process runs on one CPU; the test, on
 * another, unmaps its pages under it. Modes (arg0):
 *
 *  SMPMM_STALE (0): map a page, write a mark, say so with getpid() (the
 *    test counts the system calls), then read the page arg1 times. The
 *    test takes the page away (zap_page_range: the PTE cleared, the TLB
 *    flushed on every CPU, the page freed); the next read must fault and
 *    find a zero page. Exit 0 when it read 0, 2 if it kept reading the
 *    mark: its CPU kept a translation of a page that was freed.
 *  SMPMM_RACE (1): write and read back 16 pages arg1 times, a sched_yield()
 *    after each round (the test paces its zaps by them), while the test
 *    keeps zapping them: every page must read back what was just written
 *    or 0 (taken away in between). Exit 0, or 3 on another value.
 *  SMPMM_TABLES (2): arg1 times, map 4 MB, write one word in each MB (a
 *    page table made for each) and unmap it all (each table freed): run on
 *    every CPU at once, the kernel's pool of page tables grows and shrinks
 *    on all of them together. Exit 0, or 5 if a word did not read back.
 */
#include "ulib.h"

#define SMPMM_STALE  0
#define SMPMM_RACE   1
#define SMPMM_TABLES 2
#define TABLE_MBS    4
#define MARK         0x5ad1e5u
#define RACE_PAGES   16

static volatile unsigned *map(unsigned pages)
{
	void *p = mmap(0, pages * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);

	if (mmap_err(p))
		exit(100);
	return p;
}

static int stale(unsigned reads)
{
	volatile unsigned *p = map(1);

	*p = MARK;
	getpid(); /* the mark is written: the test may take the page now */
	for (unsigned i = 0; i < reads; i++) {
		if (*p != MARK)
			return *p == 0 ? 0 : 4;
		if (i % 1024 == 1023)
			sched_yield(); /* let the test's CPU run (QEMU); no TLB flush */
	}
	return 2;
}

static int race(unsigned rounds)
{
	volatile unsigned *p = map(RACE_PAGES);

	getpid();
	for (unsigned r = 1; r <= rounds; r++) {
		for (unsigned i = 0; i < RACE_PAGES; i++) {
			volatile unsigned *w = p + i * (PAGE_SIZE / 4) + (r % 64);
			unsigned v;

			*w = r;
			v = *w;
			if (v != r && v != 0)
				return 3;
		}
		sched_yield(); /* a round done: the test zaps again */
	}
	return 0;
}

static int tables(unsigned rounds)
{
	const unsigned words_per_mb = (1u << 20) / 4;

	for (unsigned r = 1; r <= rounds; r++) {
		volatile unsigned *p = map(TABLE_MBS * 256);

		for (unsigned i = 0; i < TABLE_MBS; i++)
			p[i * words_per_mb] = r + i;
		for (unsigned i = 0; i < TABLE_MBS; i++)
			if (p[i * words_per_mb] != r + i)
				return 5;
		if (munmap((void *)p, TABLE_MBS << 20))
			return 6;
	}
	return 0;
}

int main(unsigned mode, unsigned arg)
{
	switch (mode) {
	case SMPMM_STALE: return stale(arg);
	case SMPMM_RACE: return race(arg);
	case SMPMM_TABLES: return tables(arg);
	default: return 101;
	}
}
