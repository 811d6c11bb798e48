/*
 * hog PAGES [MODE]: the OOM killer's test subject (tests/target/oom_test.c).
 * Sits at the test's gate, maps PAGES pages of anonymous memory and writes
 * a value made from its pid and the page's index into the first and last
 * words of every page, sits at the gate again, then checks every page.
 * Exit status: 0 if every page held its values, 1 if one did not, 2 if
 * the mmap failed. The OOM killer may end it anywhere (137: SIGKILL).
 *
 * MODE 1 (HOG_FORK): after the second gate, fork until a fork succeeds
 * (the child exits at once), a millisecond apart: exit 0 if the first
 * fork failed with -ENOMEM and a later one succeeded, 3 if the first
 * succeeded, 4 if none did in five seconds, 5 on another error.
 */
#include "ulib.h"

static unsigned value(unsigned seed, unsigned i, unsigned word)
{
	return (seed * 2654435761u) ^ (i << 12) ^ word;
}

#define HOG_FORK 1
#define ENOMEM   12

static int fork_until_it_works(void)
{
	long first = 0;

	/* A millisecond between tries, five seconds in all: the victim's exit may wait for a CPU. */
	for (int i = 0; i < 5000; i++) {
		long pid = fork();
		int status;

		if (pid == 0)
			exit(0);
		if (pid > 0) {
			waitpid(pid, &status, 0);
			return i == 0 ? 3 : first == -ENOMEM ? 0 : 5;
		}
		if (i == 0)
			first = pid;
		sleep_ms(1);
	}
	return 4;
}

int main(unsigned pages, unsigned mode)
{
	unsigned seed = (unsigned)getpid(), bad = 0, last = PAGE_SIZE / 4 - 1;
	volatile unsigned *p;

	ktest_gate();
	p = mmap(0, pages * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mmap_err((void *)p))
		return 2;
	for (unsigned i = 0; i < pages; i++) {
		p[i * (PAGE_SIZE / 4)] = value(seed, i, 0);
		p[i * (PAGE_SIZE / 4) + last] = value(seed, i, last);
	}
	ktest_gate();
	if (mode == HOG_FORK)
		return fork_until_it_works();
	for (unsigned i = 0; i < pages; i++)
		bad += p[i * (PAGE_SIZE / 4)] != value(seed, i, 0) ||
		       p[i * (PAGE_SIZE / 4) + last] != value(seed, i, last);
	return bad ? 1 : 0;
}
