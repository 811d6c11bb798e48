/*
 * Processes from user space: wait4's answers and errors, execve's errors
 * and arguments, and an orphan. arg0 picks the run (tests/target/
 * fork_test.c); the exit code is the number of failed checks unless the
 * run says otherwise.
 */
#include "ulib.h"

#define RUN_WAIT     0
#define RUN_EXEC     1
#define RUN_ORPHAN   2
#define RUN_STORM    3
#define RUN_KILLWAIT 4

#define EFAULT_       14
#define ECHILD_       10
#define EINVAL_       22
#define ENOENT_       2
#define E2BIG_        7
#define ENAMETOOLONG_ 36

static const char kernel_ptr[] = "";
#define KERNEL_ADDR ((void *)0xc0000000u)

static int wait_run(void)
{
	int status = 0;
	long a, b, pid;

	CHECK_EQ(wait4(-1, &status, 0, 0), -ECHILD_);
	CHECK_EQ(waitpid(getpid(), &status, 0), -ECHILD_);
	a = fork();
	if (a == 0)
		exit(3);
	b = fork();
	if (b == 0)
		return *(volatile int *)0; /* a segfault: SIGSEGV */
	CHECK(a > 0 && b > 0 && a != b);
	CHECK_EQ(waitpid(a, &status, 0x100), -EINVAL_);
	CHECK_EQ(wait4(a, &status, 0, (void *)&status), -EINVAL_);
	/* WNOHANG: 0 while it runs, its pid once it has ended. */
	while ((pid = waitpid(a, &status, WNOHANG)) == 0)
		sched_yield();
	CHECK_EQ(pid, a);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 3);
	CHECK_EQ(waitpid(a, &status, 0), -ECHILD_); /* collected already */
	/* A bad status pointer: -EFAULT, and the child is gone all the same. */
	CHECK_EQ(waitpid(b, KERNEL_ADDR, 0), -EFAULT_);
	CHECK_EQ(waitpid(-1, &status, 0), -ECHILD_);
	/* And a segfault seen properly. */
	b = fork();
	if (b == 0)
		return *(volatile int *)0;
	CHECK_EQ(waitpid(-1, &status, 0), b);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGSEGV);
	return failures;
}

static char *many[300];

static int exec_run(void)
{
	char *argv[] = { "args", "one", "two", 0 };
	char *bad_string[] = { "args", (char *)KERNEL_ADDR, 0 };
	char long_path[100];
	int status = 0;
	long pid;

	memset(long_path, 'a', sizeof(long_path) - 1);
	long_path[sizeof(long_path) - 1] = 0;
	CHECK_EQ(execve("/bin/no-such-program", argv, 0), -ENOENT_);
	CHECK_EQ(execve("/usr/bin/args", argv, 0), -ENOENT_);
	CHECK_EQ(execve(KERNEL_ADDR, argv, 0), -EFAULT_);
	CHECK_EQ(execve((const char *)0x10, argv, 0), -EFAULT_);
	CHECK_EQ(execve(long_path, argv, 0), -ENAMETOOLONG_);
	CHECK_EQ(execve("args", (char *const *)KERNEL_ADDR, 0), -EFAULT_);
	CHECK_EQ(execve("args", bad_string, 0), -EFAULT_);
	for (unsigned i = 0; i < 299; i++)
		many[i] = "x";
	CHECK_EQ(execve("args", many, 0), -E2BIG_);
	(void)kernel_ptr;
	/* fork + execve + wait, as a shell runs a command. */
	pid = fork();
	if (pid == 0) {
		execve("/bin/args", argv, 0);
		exit(254); /* execve returned: a failure */
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 3 * 10 + 4 + 3 + 3);
	if (failures)
		return 200 + failures;
	/* Last: this process becomes args (the test checks the exit code, 3 * 10 + 10). */
	execve("args", argv, 0);
	return 201;
}

/*
 * Many forks at once (the test runs one copy of this on every CPU): each
 * round the parent forks a child that checks it sees the parent's data
 * as of the fork, writes over it and checks its own; the parent writes
 * too, at the same time, and must never see the child's values. Pages
 * shared across processes on several CPUs: the counts must come out
 * exact (the test checks the free pages after).
 */
static int storm_run(unsigned rounds)
{
	volatile unsigned *m = mmap(0, 8 * PAGE_SIZE, PROT_READ | PROT_WRITE,
				    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (mmap_err((void *)m))
		return 100;
	for (unsigned r = 0; r < rounds; r++) {
		int status = -1;
		long pid;

		for (unsigned i = 0; i < 8; i++)
			m[i * PAGE_SIZE / 4] = r * 16 + i;
		pid = fork();
		if (pid == 0) {
			for (unsigned i = 0; i < 8; i++) {
				if (m[i * PAGE_SIZE / 4] != r * 16 + i)
					exit(1);
				m[i * PAGE_SIZE / 4] = 0xc0de0000 + i;
			}
			for (unsigned i = 0; i < 8; i++)
				if (m[i * PAGE_SIZE / 4] != 0xc0de0000 + i)
					exit(2);
			exit(0);
		}
		if (pid < 0)
			return 3;
		for (unsigned i = 0; i < 8; i += 2)
			m[i * PAGE_SIZE / 4] = 0xaaaa0000 + i;
		CHECK_EQ(waitpid(pid, &status, 0), pid);
		CHECK_EQ(status, 0);
		for (unsigned i = 0; i < 8; i++)
			CHECK_EQ(m[i * PAGE_SIZE / 4], i % 2 ? r * 16 + i : 0xaaaa0000 + i);
	}
	return failures;
}

int main(int run, unsigned arg)
{
	long parent = getpid(), pid;

	switch (run) {
	case RUN_KILLWAIT:
		/*
		 * Blocked in wait4 for a child that sits at the test's gate, this
		 * process is killed by its other child: the signal must end the
		 * wait (the test sees 128 + SIGTERM, with the first child still there).
		 */
		pid = fork();
		if (pid == 0) {
			ktest_gate();
			return 0;
		}
		if (fork() == 0) {
			kill(parent, SIGTERM);
			return 0;
		}
		waitpid(pid, 0, 0);
		return 1; /* the wait ended without the signal acting */
	case RUN_STORM: return storm_run(arg);
	case RUN_WAIT: return wait_run();
	case RUN_EXEC: return exec_run();
	case RUN_ORPHAN:
		pid = fork();
		if (pid == 0) {
			ktest_gate(); /* the parent has ended by now */
			CHECK(getppid() != parent);
			CHECK_EQ(getppid(), 0); /* the boot thread took it */
			return 5 + failures;
		}
		return pid > 0 ? 0 : 1;
	}
	return 99;
}
