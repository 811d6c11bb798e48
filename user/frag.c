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
 */
#include "ulib.h"

#define FRAG_DROP 0xd509d509u
#define WORDS     (PAGE_SIZE / 4)
#define MAX_PAGES 8192u

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

int main(unsigned pages, unsigned unused)
{
	volatile unsigned *p, *s;
	unsigned bad = 0;
	long child;
	int status = 0;

	(void)unused;
	if (pages == 0 || pages > MAX_PAGES)
		return 2;
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
