/*
 * fork() and copy-on-write, checkpoint by checkpoint: at each
 * ktest_gate() the kernel test (tests/target/fork_test.c, which knows this
 * sequence) looks at both processes' page tables, the MMU's answers and
 * the page counts while neither runs.
 *
 * arg0 picks the run: COW_RUN, or COW_FORK_FAIL (the test makes page 2
 * too shared to share once more: fork must fail and change nothing).
 * Four pages at the first mmap address: 0-2 written before the fork, 3
 * only read (the zero page); the parent writes page 2 again at once
 * after the fork. The data is checked here too: each side
 * sees its own writes and never the other's.
 */
#include "ulib.h"

#define COW_RUN       0
#define COW_FORK_FAIL 1
#define PAGES         4

static volatile unsigned char *area;

static unsigned fill(unsigned page)
{
	return 0x10 + page;
}

static int child(long parent)
{
	CHECK_EQ(getppid(), parent);
	ktest_gate();               /* A: nothing written since the fork */
	area[0 * PAGE_SIZE] = 0xc0; /* a copy: the parent still maps it */
	ktest_gate();               /* B */
	area[1 * PAGE_SIZE] = 0xc1; /* a copy again */
	CHECK_EQ(area[0 * PAGE_SIZE], 0xc0);
	CHECK_EQ(area[1 * PAGE_SIZE], 0xc1);
	/* The parent wrote page 2 at once after the fork: never seen here. */
	CHECK_EQ(area[2 * PAGE_SIZE], fill(2));
	CHECK_EQ(area[3 * PAGE_SIZE], 0);
	return failures;
}

int main(int run)
{
	long pid, self = getpid();
	int status = -1;

	area = mmap(0, PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
		    0);
	if (mmap_err((void *)area))
		return 100;
	for (unsigned i = 0; i < 3; i++)
		area[i * PAGE_SIZE] = (unsigned char)fill(i);
	CHECK_EQ(area[3 * PAGE_SIZE], 0); /* the zero page, read-only */
	if (run == COW_FORK_FAIL) {
		ktest_gate(); /* X: the test makes page 2 too shared */
		CHECK_EQ(fork(), -11 /* EAGAIN */);
		area[0] = 0x77; /* still ours alone: taken back without a copy */
		ktest_gate();   /* Y: the test checks that nothing changed */
		CHECK_EQ(area[0], 0x77);
		return failures;
	}
	pid = fork();
	if (pid == 0)
		return child(self);
	CHECK(pid > 0);
	/*
	 * At once, through whatever the TLB still holds from before the fork:
	 * a copy for us, the child keeps the old page (a writable TLB entry
	 * fork failed to flush would write the shared page).
	 */
	area[2 * PAGE_SIZE] = 0xa2;
	ktest_gate(); /* A */
	/* The child runs to its end meanwhile: its copies were its own. */
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
	CHECK_EQ(area[0 * PAGE_SIZE], fill(0)); /* never the child's writes */
	CHECK_EQ(area[1 * PAGE_SIZE], fill(1));
	area[0 * PAGE_SIZE] = 0xa0; /* mapped once now: made writable in place */
	area[1 * PAGE_SIZE] = 0xa1;
	ktest_gate(); /* C */
	CHECK_EQ(area[0 * PAGE_SIZE], 0xa0);
	CHECK_EQ(area[2 * PAGE_SIZE], 0xa2);
	return failures;
}
