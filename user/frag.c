/*
 * frag PAGES: compaction's test subject (tests/target/compaction_test.c).
 * Maps PAGES private anonymous pages and one MAP_SHARED page, fills every
 * word of each with a pattern made from the page's index, and forks: the
 * child shares every private page copy-on-write and the shared page
 * writable. Both sit at the gate while the test marks pages to drop (word
 * 1 set to FRAG_DROP), then drop the marked ones (MADV_DONTNEED: no area is split), leaving free pages
 * between the kept ones, and sit at the gate while the test compacts.
 * Then both check every word they still map. Exit status: 0 if all held
 * (the parent's includes its child's), 1 if a private word did not, 2 if
 * the mmap failed (or PAGES is 0 or above 8192), 3 if the shared page did not, 4 if the fork failed,
 * 5 if the child failed.
 *
 * frag PAGES FRAG_ALONE|ROUNDS: no fork, no drop, no shared page. After
 * the fill, the gate; then ROUNDS rounds that each add 1 to word 0 of
 * every page (0 after the fill), as fast as it can, while the test
 * moves the pages under it from another CPU (or, with no rounds, the
 * benchmark moves them while it sits at the gate); the gate again (the
 * test reads the pages through the page tables), then the check of every
 * word. A write that went through a TLB entry left behind by a move landed
 * in the old frame: the page table's frame lacks it.
 */
#include "ulib.h"

#define FRAG_DROP  0xd509d509u
#define WORDS      (PAGE_SIZE / 4)
#define MAX_PAGES  8192u
#define FRAG_ALONE 0x80000000u /* kernel/tests' flag in the second argument */

static bool dropped[MAX_PAGES];

static unsigned pattern(unsigned page, unsigned word)
{
	return (page * 2654435761u) ^ (word * 40503u) ^ 0x5a5a0000u;
}

static void fill(volatile unsigned *p, unsigned page)
{
	for (unsigned w = 0; w < WORDS; w++)
		p[w] = pattern(page, w);
}

static bool intact(volatile unsigned *p, unsigned page)
{
	for (unsigned w = 0; w < WORDS; w++)
		if (p[w] != pattern(page, w))
			return false;
	return true;
}

/* FRAG_ALONE: fill, gate, write for rounds rounds, gate, check; as frag's codes. */
static int write_alone(volatile unsigned *p, unsigned pages, unsigned rounds)
{
	for (unsigned i = 0; i < pages; i++) {
		fill(p + i * WORDS, i);
		if (rounds)
			p[i * WORDS] = 0;
	}
	ktest_gate(); /* the test notes where the pages are */
	/* Increments, not stores of r: a round lost to an old frame stays lost. */
	for (unsigned r = 1; r <= rounds; r++)
		for (unsigned i = 0; i < pages; i++)
			p[i * WORDS]++;
	ktest_gate(); /* the test reads them through the tables */
	for (unsigned i = 0; i < pages; i++) {
		if (p[i * WORDS] != (rounds ? rounds : pattern(i, 0)))
			return 1;
		p[i * WORDS] = pattern(i, 0); /* the rest of the page: as filled */
		if (!intact(p + i * WORDS, i))
			return 1;
	}
	return 0;
}

int main(unsigned pages, unsigned mode)
{
	volatile unsigned *p, *s;
	unsigned bad = 0;
	long child;
	int status = 0;

	if (pages == 0 || pages > MAX_PAGES)
		return 2;
	if (mode & FRAG_ALONE) {
		p = mmap(0, pages * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			 -1, 0);
		return mmap_err((void *)p) ? 2 : write_alone(p, pages, mode & ~FRAG_ALONE);
	}
	p = mmap(0, pages * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	s = mmap(0, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (mmap_err((void *)p) || mmap_err((void *)s))
		return 2;
	for (unsigned i = 0; i < pages; i++)
		fill(p + i * WORDS, i);
	fill(s, pages);
	child = fork();
	if (child < 0)
		return 4;
	ktest_gate(); /* the test marks the pages to drop */
	for (unsigned i = 0; i < pages; i++)
		if ((dropped[i] = p[i * WORDS + 1] == FRAG_DROP))
			madvise((void *)(p + i * WORDS), PAGE_SIZE, MADV_DONTNEED);
	ktest_gate(); /* the test compacts */
	for (unsigned i = 0; i < pages; i++)
		if (!dropped[i] && !intact(p + i * WORDS, i))
			bad++;
	if (bad)
		return 1;
	if (!intact(s, pages))
		return 3;
	if (child == 0)
		return 0;
	waitpid(child, &status, 0);
	return status ? 5 : 0;
}
