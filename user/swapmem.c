/*
 * swapmem PAGES [MODE]: the swap suite's test subject (tests/target/swap_test.c).
 * Maps PAGES pages of anonymous memory and fills every word of every page
 * with a value made from a seed, the page and the word; then reads every
 * word back. On a machine with less free memory than that, the pages only
 * fit because reclaim writes them out to swap and faults bring them back.
 *
 * MODE 0: fill, check, exit.
 * MODE 1 (SWAPMEM_FORK): fill, fork. The child maps and fills as many
 * pages again of its own (so that the shared ones must go out to swap),
 * checks the shared ones, writes new values into every other one of
 * them (copy-on-write of pages brought back from swap) and checks all of
 * them; the parent waits for it, then checks that its own copy still
 * holds the first values.
 *
 * MODE 2 (SWAPMEM_SHARED): the PAGES pages are MAP_SHARED, filled, then
 * fork. The child fills twice as many pages of its own (the shared ones go out
 * to swap), writes new values into every other shared page (they come
 * back and are written through a writable entry), fills its own again
 * (out they go again: the new values must be written, not dropped as
 * clean) and checks the shared ones; the parent, after it, sees the
 * child's values in the shared pages.
 *
 * MODE 3 (SWAPMEM_HOTCOLD): fill, ktest_gate() (A: the test makes every
 * entry old), read the first third of the pages (the hot ones: their
 * entries fault and become young), ktest_gate() (B: the test reclaims and
 * finds the cold ones gone, the hot ones kept), read the first cold page
 * (read ahead brings its neighbours into the swap cache, unmapped),
 * ktest_gate() (C: the test reclaims those first), check them all.
 *
 * Exit status: 0 when every word held its value; 1 a word did not; 2 an
 * mmap failed; 3 the fork failed; 4 the child failed (its status lost).
 */
#include "ulib.h"

#define SWAPMEM_FORK    1
#define SWAPMEM_SHARED  2
#define SWAPMEM_HOTCOLD 3
#define WORDS           (PAGE_SIZE / 4)

static unsigned value(unsigned seed, unsigned page, unsigned word)
{
	return (seed * 2654435761u) ^ (page << 12) ^ word;
}

static unsigned *map_pages(unsigned pages, unsigned share)
{
	unsigned *p = mmap(0, pages * PAGE_SIZE, PROT_READ | PROT_WRITE, share | MAP_ANONYMOUS, -1,
			   0);

	return mmap_err(p) ? 0 : p;
}

/* Every stride-th page from first: fill (check == 0) or count the words that differ. */
static unsigned pass(volatile unsigned *p, unsigned pages, unsigned seed, unsigned first,
		     unsigned stride, int check)
{
	unsigned bad = 0;

	for (unsigned i = first; i < pages; i += stride)
		for (unsigned w = 0; w < WORDS; w++) {
			if (check)
				bad += p[i * WORDS + w] != value(seed, i, w);
			else
				p[i * WORDS + w] = value(seed, i, w);
		}
	return bad;
}

int main(unsigned pages, unsigned mode)
{
	unsigned *p = map_pages(pages, mode == SWAPMEM_SHARED ? MAP_SHARED : MAP_PRIVATE), *own;
	int status;
	long child;

	if (!p)
		return 2;
	pass(p, pages, 1, 0, 1, 0);
	if (mode == SWAPMEM_HOTCOLD) {
		ktest_gate(); /* A */
		if (pass(p, pages / 3, 1, 0, 1, 1))
			return 1;
		ktest_gate(); /* B */
		if (pass(p, pages / 3 + 1, 1, pages / 3, 1, 1))
			return 1;
		ktest_gate(); /* C */
	}
	if (mode != SWAPMEM_FORK && mode != SWAPMEM_SHARED)
		return pass(p, pages, 1, 0, 1, 1) ? 1 : 0;
	child = fork();
	if (child < 0)
		return 3;
	if (child == 0 && mode == SWAPMEM_SHARED) {
		/* Twice as many of its own: the shared ones cannot stay in memory beside them. */
		own = map_pages(2 * pages, MAP_PRIVATE);
		if (!own)
			exit(2);
		pass(own, 2 * pages, 2, 0, 1, 0);
		pass(p, pages, 3, 0, 2, 0);
		pass(own, 2 * pages, 4, 0, 1, 0);
		exit(pass(p, pages, 3, 0, 2, 1) || pass(p, pages, 1, 1, 2, 1) ||
		     pass(own, 2 * pages, 4, 0, 1, 1));
	}
	if (child == 0) {
		own = map_pages(pages, MAP_PRIVATE);
		if (!own)
			exit(2);
		pass(own, pages, 2, 0, 1, 0);
		if (pass(p, pages, 1, 0, 1, 1))
			exit(1);
		pass(p, pages, 3, 0, 2, 0); /* the even pages become the child's own */
		exit(pass(p, pages, 3, 0, 2, 1) || pass(p, pages, 1, 1, 2, 1) ||
		     pass(own, pages, 2, 0, 1, 1));
	}
	if (waitpid(child, &status, 0) != child || !WIFEXITED(status))
		return 4;
	if (WEXITSTATUS(status))
		return WEXITSTATUS(status);
	if (mode == SWAPMEM_SHARED) /* the child's values in the even pages, the first in the odd */
		return pass(p, pages, 3, 0, 2, 1) || pass(p, pages, 1, 1, 2, 1) ? 1 : 0;
	return pass(p, pages, 1, 0, 1, 1) ? 1 : 0;
}
