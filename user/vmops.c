/*
 * Shared memory across fork, mprotect, madvise and mlock from user space.
 * arg0 picks the run; at each ktest_gate() the kernel test
 * (tests/target/fork_test.c) looks at the tables, the MMU's answers and
 * the counts. Faults that must fire are tried in a forked child, whose
 * wait status must say SIGSEGV. The exit code is the number of failed
 * checks.
 */
#include "ulib.h"

#define RUN_SHARED   0
#define RUN_MPROTECT 1
#define RUN_MADVISE  2
#define RUN_MLOCK    3
#define RUN_HUGE     4
#define RUN_MREMAP   5
#define RUN_DEVFORK  6
#define EFAULT_      14
#define HP           (1u << 20)

#define EINVAL_ 22
#define ENOMEM_ 12

/* Does reading (write 0) or writing (1) p end a child with SIGSEGV? */
static bool faults(volatile unsigned char *p, int write)
{
	int status = 0;
	long pid = fork();

	if (pid == 0) {
		if (write)
			*p = 1;
		else
			(void)*p;
		exit(0);
	}
	return waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) &&
	       WTERMSIG(status) == SIGSEGV;
}

static unsigned char *map(unsigned pages, unsigned flags)
{
	unsigned char *m = mmap(0, pages * PAGE_SIZE, PROT_READ | PROT_WRITE, flags | MAP_ANONYMOUS,
				-1, 0);

	if (mmap_err(m))
		exit(100);
	return m;
}

static int shared_run(void)
{
	volatile unsigned char *s = map(4, MAP_SHARED), *p = map(1, MAP_PRIVATE);
	int status;
	long pid;

	p[0] = 1;
	pid = fork();
	if (pid == 0) {
		ktest_gate();            /* the test sees both map the same four pages, writable */
		s[2 * PAGE_SIZE] = 0x5c; /* never touched before: the parent sees it */
		p[0] = 2;                /* private: the parent does not */
		exit(0);
	}
	/* Read-write again while the child shares p: it must stay read-only until a write copies it. */
	CHECK_EQ(mprotect((void *)p, PAGE_SIZE, PROT_READ | PROT_WRITE), 0);
	ktest_gate();
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK_EQ(status, 0);
	CHECK_EQ(s[2 * PAGE_SIZE], 0x5c);
	CHECK_EQ(p[0], 1);
	/* DONTNEED in a shared area keeps the data, as Linux's shared memory does. */
	CHECK_EQ(madvise((void *)s, 4 * PAGE_SIZE, MADV_DONTNEED), 0);
	CHECK_EQ(s[2 * PAGE_SIZE], 0x5c);
	return failures;
}

static int mprotect_run(void)
{
	unsigned char *m = map(8, MAP_PRIVATE);
	volatile unsigned char *v = m;

	for (unsigned i = 0; i < 4; i++)
		v[i * PAGE_SIZE] = (unsigned char)(0x40 + i);
	CHECK_EQ(mprotect(m + 2 * PAGE_SIZE, 4 * PAGE_SIZE, PROT_READ), 0);
	ktest_gate(); /* three areas; 2-5 read-only in the MMU */
	CHECK(faults(v + 2 * PAGE_SIZE, 1));
	CHECK(faults(v + 5 * PAGE_SIZE, 1)); /* never touched: read-only from the start */
	CHECK(!faults(v + 1 * PAGE_SIZE, 1));
	CHECK_EQ(v[2 * PAGE_SIZE], 0x42);
	CHECK_EQ(mprotect(m, 8 * PAGE_SIZE, PROT_NONE), 0);
	CHECK(faults(v, 0));
	CHECK_EQ(mprotect(m, 8 * PAGE_SIZE, PROT_READ | PROT_WRITE), 0);
	ktest_gate(); /* one area again */
	v[2 * PAGE_SIZE] = 0x52;
	CHECK_EQ(v[2 * PAGE_SIZE], 0x52);
	CHECK_EQ(v[3 * PAGE_SIZE], 0x43);
	/* The extremes. */
	CHECK_EQ(mprotect(m + 1, PAGE_SIZE, PROT_READ), -EINVAL_);
	CHECK_EQ(mprotect(m, PAGE_SIZE, 0x80), -EINVAL_);
	CHECK_EQ(mprotect(m, 0, PROT_READ), 0);
	CHECK_EQ(mprotect(m, 9 * PAGE_SIZE, PROT_READ), -ENOMEM_); /* one page past the area */
	CHECK_EQ(mprotect(m, 0xffffffffu, PROT_READ), -ENOMEM_);
	CHECK_EQ(mprotect((void *)0xfffff000u, 2 * PAGE_SIZE, PROT_READ), -ENOMEM_);
	CHECK_EQ(mprotect((void *)0x30000000, PAGE_SIZE, PROT_READ), -ENOMEM_);
	CHECK(!faults(v + 7 * PAGE_SIZE, 1)); /* the failures changed nothing */
	return failures;
}

static int madvise_run(void)
{
	unsigned char *m = map(4, MAP_PRIVATE), *l = map(1, MAP_PRIVATE);
	volatile unsigned char *v = m;

	for (unsigned i = 0; i < 4; i++)
		v[i * PAGE_SIZE] = 0x33;
	l[0] = 1;     /* in the same MB: its page table stays when the four pages go */
	ktest_gate(); /* four pages of its own */
	CHECK_EQ(madvise(m, 4 * PAGE_SIZE, MADV_DONTNEED), 0);
	ktest_gate(); /* gone: the free pages are back */
	for (unsigned i = 0; i < 4; i++)
		CHECK_EQ(v[i * PAGE_SIZE], 0);
	CHECK_EQ(madvise(m + 1, PAGE_SIZE, MADV_DONTNEED), -EINVAL_);
	CHECK_EQ(madvise(m, PAGE_SIZE, 99), -EINVAL_);
	CHECK_EQ(madvise(m, PAGE_SIZE, MADV_WILLNEED), 0);
	CHECK_EQ(madvise((void *)0x30000000, PAGE_SIZE, MADV_DONTNEED), -ENOMEM_);
	CHECK_EQ(madvise(m, 0xffffffffu, MADV_DONTNEED), -ENOMEM_);
	CHECK_EQ(mlock(l, PAGE_SIZE), 0);
	CHECK_EQ(madvise(l, PAGE_SIZE, MADV_DONTNEED), -EINVAL_); /* locked */
	return failures;
}

static int mlock_run(void)
{
	unsigned char *m = map(8, MAP_PRIVATE);

	CHECK_EQ(mlock(m + 100, 3 * PAGE_SIZE), 0); /* touches pages 0-3 */
	ktest_gate(); /* pages 0-3 present, writable, locked; 4-7 not */
	CHECK_EQ(munlock(m, 8 * PAGE_SIZE), 0);
	CHECK_EQ(mlock(m, 9 * PAGE_SIZE), -ENOMEM_);
	CHECK_EQ(mlockall(0), -EINVAL_);
	CHECK_EQ(mlockall(8), -EINVAL_);
	CHECK_EQ(mlockall(MCL_CURRENT | MCL_FUTURE), 0);
	m = map(2, MAP_PRIVATE); /* locked as it is made */
	ktest_gate();            /* everything present and locked */
	CHECK_EQ(munlockall(), 0);
	ktest_gate(); /* nothing locked */
	return failures;
}

static int huge_run(void)
{
	volatile unsigned char *h = mmap(0, 2 * HP, PROT_READ | PROT_WRITE,
					 MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB, -1, 0);
	int status = -1;
	long pid;

	if (mmap_err((void *)h))
		return 100;
	CHECK_EQ((unsigned)h & (HP - 1), 0);
	CHECK_EQ(h[5], 0); /* zeroed */
	h[5] = 0x11;
	h[HP - 1] = 0x22;
	ktest_gate(); /* the first MB is one section; the second is not there */
	pid = fork();
	if (pid == 0) { /* a copy of its own */
		CHECK_EQ(h[5], 0x11);
		CHECK_EQ(h[HP - 1], 0x22);
		h[5] = 0x33;
		exit(failures);
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK_EQ(status, 0);
	CHECK_EQ(h[5], 0x11);
	CHECK_EQ(munmap((void *)(h + PAGE_SIZE), PAGE_SIZE), -EINVAL_); /* half a section */
	CHECK_EQ(mprotect((void *)h, HP, PROT_READ), 0);
	CHECK(faults(h, 1));
	CHECK_EQ(mprotect((void *)h, 2 * HP, PROT_READ | PROT_WRITE), 0);
	h[6] = 0x44;
	CHECK_EQ(madvise((void *)h, HP, MADV_DONTNEED), -EINVAL_);
	CHECK_EQ(mmap_err(mmap(0, 512 * HP, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB,
			       -1, 0)),
		 -ENOMEM_);
	CHECK_EQ(munmap((void *)h, 2 * HP), 0);
	ktest_gate(); /* the pool has both again */
	return failures;
}

static int mremap_run(void)
{
	unsigned char *m = map(4, MAP_PRIVATE), *n;
	volatile unsigned char *v = m;

	for (unsigned i = 0; i < 4; i++)
		v[i * PAGE_SIZE] = (unsigned char)(0x60 + i);
	/* Nothing above: grown where it is, the new pages zero. */
	CHECK(mremap(m, 4 * PAGE_SIZE, 6 * PAGE_SIZE, 0) == m);
	CHECK_EQ(v[5 * PAGE_SIZE], 0);
	/* Something in the way: refused without MREMAP_MAYMOVE, moved with it. */
	CHECK(mmap(m + 6 * PAGE_SIZE, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		   -1, 0) == m + 6 * PAGE_SIZE);
	CHECK_EQ(mmap_err(mremap(m, 6 * PAGE_SIZE, 8 * PAGE_SIZE, 0)), -ENOMEM_);
	ktest_gate(); /* the test notes where page 0 is */
	n = mremap(m, 6 * PAGE_SIZE, 8 * PAGE_SIZE, MREMAP_MAYMOVE);
	CHECK(!mmap_err(n) && n != m);
	ktest_gate(); /* the same page at the new address: moved, not copied */
	v = n;
	for (unsigned i = 0; i < 4; i++)
		CHECK_EQ(v[i * PAGE_SIZE], 0x60 + i);
	CHECK(faults(m, 0)); /* the old range is gone */
	CHECK(mremap(n, 8 * PAGE_SIZE, 2 * PAGE_SIZE, 0) == n);
	CHECK(faults(n + 2 * PAGE_SIZE, 0));
	/* The extremes. */
	CHECK_EQ(mmap_err(mremap(n + 1, PAGE_SIZE, 2 * PAGE_SIZE, 0)), -EINVAL_);
	CHECK_EQ(mmap_err(mremap(n, PAGE_SIZE, 0, 0)), -EINVAL_);
	CHECK_EQ(mmap_err(mremap(n, PAGE_SIZE, 2 * PAGE_SIZE, 4)), -EINVAL_);
	CHECK_EQ(mmap_err(mremap(n, 3 * PAGE_SIZE, 4 * PAGE_SIZE, 0)), -EFAULT_);
	CHECK_EQ(mmap_err(mremap((void *)0x30000000, PAGE_SIZE, 2 * PAGE_SIZE, 0)), -EFAULT_);
	CHECK_EQ(mmap_err(mremap(n, PAGE_SIZE, 0xfffff000u, MREMAP_MAYMOVE)), -ENOMEM_);
	CHECK_EQ(v[0], 0x60);
	return failures;
}

/*
 * A device mapping across fork: /dev/led's registers mapped, then a fork.
 * The child's entry is the parent's (the frames are the driver's: nothing
 * counted, nothing copied); the file is one, held by both. The child ends
 * with exit_group, as a C library's exit() does.
 */
static int devfork_run(void)
{
	struct led_user_info info;
	long fd = open("/dev/led", O_RDWR), pid;
	volatile unsigned char *regs;
	int status = -1;

	if (fd < 0 || read((int)fd, &info, sizeof(info)) != sizeof(info))
		return 100;
	regs = mmap(0, info.map_size, PROT_READ | PROT_WRITE, MAP_SHARED, (int)fd, 0);
	if (mmap_err((void *)regs))
		return 101;
	(void)regs[info.on_offset];
	pid = fork();
	if (pid == 0) {
		ktest_gate(); /* both map the device page */
		(void)regs[info.on_offset];
		syscall(__NR_exit_group, 7);
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 7);
	CHECK_EQ(close((int)fd), 0);
	ktest_gate(); /* the mapping alone holds the file now */
	return failures;
}

int main(int run)
{
	switch (run) {
	case RUN_SHARED: return shared_run();
	case RUN_MPROTECT: return mprotect_run();
	case RUN_MADVISE: return madvise_run();
	case RUN_MLOCK: return mlock_run();
	case RUN_HUGE: return huge_run();
	case RUN_MREMAP: return mremap_run();
	case RUN_DEVFORK: return devfork_run();
	}
	return 99;
}
