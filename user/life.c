/*
 * A process's whole life in one run, for the fault injection suite
 * (tests/target/failinject_test.c), which fails each of its page
 * allocations in turn: mmap, demand faults (zero page reads, writes), fork
 * with the pages shared copy-on-write, write faults on both sides, an
 * execve in the child, munmap, exit and wait.
 *
 * How it ends tells the suite what it saw. 0: everything worked and every
 * page held its values. LIFE_ENOMEM + step: that step's system call
 * failed with -ENOMEM (a clean failure; the child's is passed on by the
 * parent). LIFE_WRONG: a system call failed otherwise, or data was wrong:
 * never acceptable. A fault's failed allocation is not seen here: the
 * kernel retries the access once the OOM killer has had its say.
 *
 * Run with arg0 = LIFE_RUN; the execve runs it again with argc = 2.
 */
#include "ulib.h"

#define LIFE_RUN    0
#define LIFE_EXECED 2 /* argc of the program the child execs */
#define PAGES       8
#define ENOMEM      12
#define LIFE_ENOMEM 20
#define LIFE_WRONG  60
#define LIFE_SIGNAL 70 /* + the signal that ended the child */

enum {
	STEP_MMAP = 1,
	STEP_FORK,
	STEP_EXEC,
	STEP_MUNMAP
};

static volatile unsigned char *area;

/* A system call's result: go on if it worked, else end with the step's code. */
static void check(long ret, int step)
{
	if (ret >= 0)
		return;
	exit(ret == -ENOMEM ? LIFE_ENOMEM + step : LIFE_WRONG);
}

/* The child: break the sharing of half the pages, check them, and become a new program. */
static void child(void)
{
	static char arg0[] = "life", arg1[] = "execed";
	char *const argv[] = { arg0, arg1, 0 };

	for (unsigned i = 0; i < PAGES / 2; i++) {
		if (area[i * PAGE_SIZE] != i + 1)
			exit(LIFE_WRONG);
		area[i * PAGE_SIZE] = (unsigned char)(0xc0 + i);
	}
	check(execve("life", argv, 0), STEP_EXEC);
	exit(LIFE_WRONG); /* execve returns only with an error */
}

int main(int run)
{
	int status = -1;
	long pid;

	if (run == LIFE_EXECED) {
		volatile char stack[2 * PAGE_SIZE];

		stack[0] = stack[PAGE_SIZE] = 1; /* the new program's own stack faults */
		return stack[0] + stack[PAGE_SIZE] == 2 ? 0 : LIFE_WRONG;
	}
	area = mmap(0, PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
		    0);
	check(mmap_err((void *)area), STEP_MMAP);
	if (area[PAGES * PAGE_SIZE - 1] != 0) /* a read: the zero page */
		return LIFE_WRONG;
	for (unsigned i = 0; i < PAGES; i++)
		area[i * PAGE_SIZE] = (unsigned char)(i + 1); /* demand faults */
	pid = fork();
	check(pid, STEP_FORK);
	if (pid == 0)
		child();
	for (unsigned i = PAGES / 2; i < PAGES; i++)
		area[i * PAGE_SIZE] = (unsigned char)(0xa0 + i); /* copies while the child shares */
	check(munmap((void *)(area + PAGE_SIZE), PAGE_SIZE), STEP_MUNMAP); /* a hole: a split */
	if (waitpid(pid, &status, 0) != pid)
		return LIFE_WRONG;
	if (WIFSIGNALED(status))
		return LIFE_SIGNAL + WTERMSIG(status);
	if (WEXITSTATUS(status))
		return WEXITSTATUS(status);
	for (unsigned i = 0; i < PAGES; i++)
		if (i != 1 && area[i * PAGE_SIZE] != (i < PAGES / 2 ? i + 1 : 0xa0 + i))
			return LIFE_WRONG;
	return 0;
}
