/*
 * Every system call with bad pointers, bad lengths (each length at its
 * extremes), unaligned and overlapping ranges: each must fail with the
 * right errno and leave the process (and the kernel) running. arg0 is a
 * kernel address to pass as a pointer. Exit code: the number of failed
 * checks.
 */
#include "ulib.h"

#define EBADF        9
#define ENOENT       2
#define ENOMEM       12
#define EACCES       13
#define EFAULT       14
#define EINVAL       22
#define EMFILE       24
#define ENAMETOOLONG 36
#define ENOSYS       38

static char buf[64] = "bytes";

static void files(const char *kernel_ptr)
{
	struct uapi_timespec bad_ts = { 0, 2000000000L };
	char *edge;
	long fds[8], n = 0, fd;

	CHECK_EQ(write(1, 0, 10), -EFAULT);
	CHECK_EQ(write(1, kernel_ptr, 4), -EFAULT);
	CHECK_EQ(write(1, buf, 0xffffffffu), -EFAULT);         /* wraps */
	CHECK_EQ(write(1, (void *)0xbfdffff0, 0x20), -EFAULT); /* runs into the kernel */
	CHECK_EQ(write(9, buf, 1), -EBADF);
	CHECK_EQ(write(-1, buf, 1), -EBADF);
	CHECK_EQ(write(1, buf, 0), 0);
	CHECK_EQ(open(0, O_RDONLY), -EFAULT);
	CHECK_EQ(open(kernel_ptr, O_RDONLY), -EFAULT);
	CHECK_EQ(open("/dev/nothing", O_RDONLY), -ENOENT);
	CHECK_EQ(open("/dev/led", 7), -EINVAL);
	memset(buf, 'a', sizeof(buf));
	CHECK_EQ(open(buf, O_RDONLY), -ENAMETOOLONG);
	/* A name running off the end of a mapping: the copy faults. */
	edge = mmap(0, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(edge + PAGE_SIZE - 8, 'b', 8);
	CHECK_EQ(open(edge + PAGE_SIZE - 8, O_RDONLY), -EFAULT);
	CHECK_EQ(munmap(edge, PAGE_SIZE), 0);
	CHECK_EQ(close(42), -EBADF);
	CHECK_EQ(close(-3), -EBADF);
	while ((fd = open("/dev/led", O_RDONLY)) >= 0 && n < 8)
		fds[n++] = fd;
	CHECK_EQ(fd, -EMFILE);
	CHECK_EQ(n, 5); /* 8 slots, 3 taken by the console */
	CHECK_EQ(read(fds[0], 0, 64), -EFAULT);
	CHECK_EQ(read(fds[0], (void *)kernel_ptr, 64), -EFAULT);
	CHECK_EQ(read(fds[0], buf, 4), -EINVAL); /* too short for the description */
	CHECK_EQ(read(1, buf, 0), 0); /* the console: nothing asked, no wait for a line */
	CHECK_EQ(read(1, (void *)kernel_ptr, 4), -EFAULT); /* refused before it waits */
	CHECK_EQ(write(fds[0], buf, 4), -EINVAL);          /* nor the LED written */
	while (n > 0)
		CHECK_EQ(close(fds[--n]), 0);
	CHECK_EQ(close(fds[0]), -EBADF); /* twice */
	CHECK_EQ(nanosleep(0, 0), -EFAULT);
	CHECK_EQ(nanosleep((void *)kernel_ptr, 0), -EFAULT);
	CHECK_EQ(nanosleep(&bad_ts, 0), -EINVAL);
	/* The table's edges and holes: 0, a number between two calls, one past the last, the top. */
	static const unsigned nosys[] = { 0, 7, 219, 249, 999, 0x80000000u, 0xffffffffu };
	for (unsigned i = 0; i < sizeof(nosys) / sizeof(nosys[0]); i++)
		CHECK_EQ(syscall(nosys[i], 0), -ENOSYS);
}

static void mappings(const char *kernel_ptr)
{
	const unsigned rw = PROT_READ | PROT_WRITE, anon = MAP_PRIVATE | MAP_ANONYMOUS;
	volatile char *m;
	long led;

	CHECK_EQ(mmap_err(mmap(0, 0, rw, anon, -1, 0)), -EINVAL);
	CHECK_EQ(mmap_err(mmap((void *)0x50000001, PAGE_SIZE, rw, anon | MAP_FIXED, -1, 0)),
		 -EINVAL);
	CHECK_EQ(mmap_err(mmap((void *)kernel_ptr, PAGE_SIZE, rw, anon | MAP_FIXED, -1, 0)),
		 -EINVAL);
	CHECK_EQ(mmap_err(mmap((void *)0xbfdff000, 2 * PAGE_SIZE, rw, anon | MAP_FIXED, -1, 0)),
		 -EINVAL);
	CHECK_EQ(mmap_err(mmap((void *)0xfffff000, 2 * PAGE_SIZE, rw, anon | MAP_FIXED, -1, 0)),
		 -EINVAL);
	CHECK_EQ(mmap_err(mmap(0, PAGE_SIZE, rw, MAP_ANONYMOUS | MAP_SHARED | MAP_PRIVATE, -1, 0)),
		 -EINVAL);
	CHECK_EQ(mmap_err(mmap(0, PAGE_SIZE, rw, MAP_ANONYMOUS, -1, 0)), -EINVAL);
	CHECK_EQ(mmap_err(mmap(0, PAGE_SIZE, 0x80, anon, -1, 0)), -EINVAL);
	CHECK_EQ(mmap_err(mmap(0, PAGE_SIZE, rw, anon | 0x10000000, -1, 0)), -EINVAL);
	CHECK_EQ(mmap_err(mmap(0, 0xf0000000, rw, anon, -1, 0)), -ENOMEM);
	CHECK_EQ(mmap_err(mmap(0, 0x7fff0000, rw, anon, -1, 0)), -ENOMEM); /* no gap that big */
	CHECK_EQ(mmap_err(mmap(0, PAGE_SIZE, rw, MAP_SHARED, 7, 0)), -EBADF);
	led = open("/dev/led", O_RDONLY);
	CHECK(led >= 3);
	CHECK_EQ(mmap_err(mmap(0, PAGE_SIZE, rw, MAP_SHARED, led, 0)), -EACCES);
	CHECK_EQ(mmap_err(mmap(0, PAGE_SIZE, PROT_READ, MAP_SHARED, led, PAGE_SIZE)), -EINVAL);
	CHECK_EQ(mmap_err(mmap(0, 2 * PAGE_SIZE, PROT_READ, MAP_SHARED, led, 0)), -EINVAL);
	CHECK_EQ(mmap_err(mmap(0, PAGE_SIZE, PROT_READ | PROT_EXEC, MAP_SHARED, led, 0)), -EINVAL);
	/* Device frames cannot be copied on write: no private mapping, so no way round O_RDONLY. */
	CHECK_EQ(mmap_err(mmap(0, PAGE_SIZE, rw, MAP_PRIVATE, led, 0)), -EINVAL);
	{
		long wo = open("/dev/led", O_WRONLY);

		CHECK_EQ(mmap_err(mmap(0, PAGE_SIZE, PROT_WRITE, MAP_SHARED, wo, 0)), -EACCES);
		CHECK_EQ(close(wo), 0);
	}
	/* A mapping keeps the file open after close(); exit must drop it (the kernel test counts files). */
	CHECK(!mmap_err(mmap(0, PAGE_SIZE, PROT_READ, MAP_SHARED, led, 0)));
	CHECK_EQ(close(led), 0);

	CHECK_EQ(munmap((void *)0x50000004, PAGE_SIZE), -EINVAL);
	CHECK_EQ(munmap((void *)0x50000000, 0), -EINVAL);
	CHECK_EQ(munmap((void *)kernel_ptr, PAGE_SIZE), -EINVAL);
	CHECK_EQ(munmap((void *)0xbfdff000, 2 * PAGE_SIZE), -EINVAL);
	CHECK_EQ(munmap((void *)0x60000000, PAGE_SIZE), 0); /* nothing there: fine, as in Linux */

	/* Unmapping the middle of an area splits it; what is left keeps its contents. */
	m = mmap((void *)0x50000000, 4 * PAGE_SIZE, rw, anon | MAP_FIXED, -1, 0);
	CHECK(m == (void *)0x50000000);
	for (unsigned i = 0; i < 4; i++)
		m[i * PAGE_SIZE] = (char)(i + 1);
	CHECK_EQ(munmap((void *)(m + PAGE_SIZE), 2 * PAGE_SIZE), 0);
	CHECK_EQ(m[0], 1);
	CHECK_EQ(m[3 * PAGE_SIZE], 4);
	/* A new mapping fits exactly in the hole (a hint is honoured when free). */
	CHECK(mmap((void *)(m + PAGE_SIZE), 2 * PAGE_SIZE, rw, anon, -1, 0) == m + PAGE_SIZE);
	CHECK_EQ(m[PAGE_SIZE], 0);
	/* MAP_FIXED over existing pages replaces them: zeros again. */
	CHECK(mmap((void *)m, PAGE_SIZE, rw, anon | MAP_FIXED, -1, 0) == m);
	CHECK_EQ(m[0], 0);
	/* A hint that overlaps is not honoured. */
	CHECK(mmap((void *)(m + PAGE_SIZE), PAGE_SIZE, rw, anon, -1, 0) != m + PAGE_SIZE);
	/* One munmap across several areas and holes. */
	CHECK_EQ(munmap((void *)m, 8 * PAGE_SIZE), 0);
}

static void heap(void)
{
	unsigned start = (unsigned)brk(0);
	volatile char *h = (volatile char *)start;

	CHECK(start > 0x10000 && !(start & (PAGE_SIZE - 1)));
	CHECK_EQ(brk((void *)(start - PAGE_SIZE)), start); /* below the start: refused */
	CHECK_EQ(brk((void *)0xb0000000), start);          /* too far: refused */
	CHECK_EQ(brk((void *)(start + 3 * PAGE_SIZE + 5)), start + 3 * PAGE_SIZE + 5);
	h[3 * PAGE_SIZE + 4] = 9;
	CHECK_EQ(h[3 * PAGE_SIZE + 4], 9);
	CHECK_EQ(brk((void *)(start + PAGE_SIZE)), start + PAGE_SIZE);
	CHECK_EQ(brk((void *)(start + 4 * PAGE_SIZE)), start + 4 * PAGE_SIZE);
	CHECK_EQ(h[3 * PAGE_SIZE + 4], 0); /* shrinking dropped it */
	/* The heap cannot grow over a mapping. */
	CHECK(mmap((void *)(start + 6 * PAGE_SIZE), PAGE_SIZE, PROT_READ,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1,
		   0) == (void *)(start + 6 * PAGE_SIZE));
	CHECK_EQ(brk((void *)(start + 8 * PAGE_SIZE)), start + 4 * PAGE_SIZE);
	CHECK_EQ(brk((void *)start), start);
}

/*
 * Lengths at their extremes: 0, 1, a page less one, 2^31, 2^32 - 1, and
 * ranges that end past TASK_SIZE or wrap past 4 GB. A length rounds up to
 * whole pages; one no gap can hold is -ENOMEM; a range that cannot be is
 * -EINVAL. Nothing is left mapped (the kernel test counts the pages).
 */
static void lengths(void)
{
	static const unsigned small[] = { 1, PAGE_SIZE - 1, PAGE_SIZE };
	const unsigned rw = PROT_READ | PROT_WRITE, anon = MAP_PRIVATE | MAP_ANONYMOUS;
	unsigned start = (unsigned)brk(0);
	volatile char *m;

	for (unsigned i = 0; i < sizeof(small) / sizeof(small[0]); i++) {
		m = mmap(0, small[i], rw, anon, -1, 0);
		CHECK(!mmap_err((void *)m));
		m[0] = 1;
		m[PAGE_SIZE - 1] = 2;                     /* the whole page is there */
		CHECK_EQ(munmap((void *)m, small[i]), 0); /* and goes: the hint is free again */
		CHECK(mmap((void *)m, PAGE_SIZE, rw, anon, -1, 0) == m);
		CHECK_EQ(m[0], 0);
		CHECK_EQ(munmap((void *)m, PAGE_SIZE), 0);
		m = mmap((void *)0x50000000, small[i], rw, anon | MAP_FIXED, -1, 0);
		CHECK(m == (void *)0x50000000);
		m[PAGE_SIZE - 1] = 3;
		CHECK_EQ(munmap((void *)m, small[i]), 0);
		CHECK_EQ(munmap((void *)0x50000000, small[i]), 0); /* nothing there: fine */
	}
	CHECK_EQ(mmap_err(mmap(0, 0x80000000u, rw, anon, -1, 0)), -ENOMEM);
	CHECK_EQ(mmap_err(mmap(0, 0xfffff001u, rw, anon, -1, 0)), -ENOMEM); /* rounds past 4 GB */
	CHECK_EQ(mmap_err(mmap(0, 0xffffffffu, rw, anon, -1, 0)), -ENOMEM);
	CHECK_EQ(mmap_err(mmap((void *)0x50000000, 0xb0000000u, rw, anon, -1, 0)), -ENOMEM);
	m = mmap((void *)0xfffff000u, PAGE_SIZE, rw, anon, -1, 0); /* a hint past the end */
	CHECK(!mmap_err((void *)m) && (unsigned)m < 0xbfe00000u);
	CHECK_EQ(munmap((void *)m, PAGE_SIZE), 0);
	CHECK_EQ(mmap_err(mmap((void *)0x50000000, 0x80000000u, rw, anon | MAP_FIXED, -1, 0)),
		 -EINVAL);
	CHECK_EQ(mmap_err(mmap((void *)0x50000000, 0xb0000000u, rw, anon | MAP_FIXED, -1, 0)),
		 -EINVAL);
	CHECK_EQ(mmap_err(mmap((void *)0x50000000, 0xffffffffu, rw, anon | MAP_FIXED, -1, 0)),
		 -ENOMEM);
	CHECK_EQ(mmap_err(mmap((void *)0xfffff000u, 0x2000, rw, anon | MAP_FIXED, -1, 0)), -EINVAL);

	CHECK_EQ(munmap((void *)0x50000000, 0x80000000u), -EINVAL); /* ends past TASK_SIZE */
	CHECK_EQ(munmap((void *)0x50000000, 0xffffffffu), -EINVAL);
	CHECK_EQ(munmap((void *)0x50000000, 0xfffff001u), -EINVAL);
	CHECK_EQ(munmap((void *)0xfffff000u, PAGE_SIZE), -EINVAL);
	CHECK_EQ(munmap((void *)0xfffff000u, 0x2000), -EINVAL);      /* wraps to 0x1000 */
	CHECK_EQ(munmap((void *)0x80000000u, 0x80000000u), -EINVAL); /* wraps to 0 */

	CHECK_EQ(brk((void *)(start + 1)), start + 1); /* one page */
	CHECK_EQ(brk((void *)(start + PAGE_SIZE - 1)), start + PAGE_SIZE - 1);
	((volatile char *)start)[PAGE_SIZE - 1] = 4;
	CHECK_EQ(brk((void *)(start + 0x80000000u)), start + PAGE_SIZE - 1); /* refused */
	CHECK_EQ(brk((void *)0xffffffffu), start + PAGE_SIZE - 1);           /* would round to 0 */
	CHECK_EQ(brk((void *)0xfffff000u), start + PAGE_SIZE - 1);
	CHECK_EQ(brk((void *)(start - 1)), start + PAGE_SIZE - 1);
	CHECK_EQ(brk((void *)start), start);
}

int main(unsigned kernel_addr)
{
	files((const char *)kernel_addr);
	mappings((const char *)kernel_addr);
	heap();
	lengths();
	printf("sysbad: %d failed checks\n", failures);
	return failures;
}
