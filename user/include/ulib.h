/*
 * The user programs' small C library: system-call wrappers (the kernel's
 * negative errno comes back as the return value, no errno variable),
 * printf to the console, and the cycle counter for benchmarks.
 */
#ifndef ULIB_H
#define ULIB_H

#include <stdarg.h>
#include "types.h"
#include "uapi/unistd.h"

#define PROT_NONE     UAPI_PROT_NONE
#define PROT_READ     UAPI_PROT_READ
#define PROT_WRITE    UAPI_PROT_WRITE
#define PROT_EXEC     UAPI_PROT_EXEC
#define MAP_SHARED    UAPI_MAP_SHARED
#define MAP_PRIVATE   UAPI_MAP_PRIVATE
#define MAP_FIXED     UAPI_MAP_FIXED
#define MAP_ANONYMOUS UAPI_MAP_ANONYMOUS
#define O_RDONLY      UAPI_O_RDONLY
#define O_WRONLY      UAPI_O_WRONLY
#define O_RDWR        UAPI_O_RDWR
#define PAGE_SIZE     4096u

long syscall6(long nr, long a, long b, long c, long d, long e, long f);
#define syscall(nr, ...) syscall_n(nr, __VA_ARGS__, 0, 0, 0, 0, 0, 0)
#define syscall_n(nr, a, b, c, d, e, f, ...) \
	syscall6(nr, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

static inline long write(int fd, const void *buf, unsigned len)
{
	return syscall(__NR_write, fd, buf, len);
}
static inline long read(int fd, void *buf, unsigned len)
{
	return syscall(__NR_read, fd, buf, len);
}
static inline long open(const char *path, unsigned flags)
{
	return syscall(__NR_open, path, flags);
}
static inline long close(int fd)
{
	return syscall(__NR_close, fd);
}
static inline long getpid(void)
{
	return syscall(__NR_getpid, 0);
}
static inline long sched_yield(void)
{
	return syscall(__NR_sched_yield, 0);
}
static inline long brk(void *addr)
{
	return syscall(__NR_brk, addr);
}
static inline long munmap(void *addr, unsigned len)
{
	return syscall(__NR_munmap, addr, len);
}
static inline long nanosleep(const struct uapi_timespec *req, struct uapi_timespec *rem)
{
	return syscall(__NR_nanosleep, req, rem);
}
/* The address, or a negative errno (-4095..-1) cast to a pointer. */
static inline void *mmap(void *addr, unsigned len, unsigned prot, unsigned flags, int fd,
			 unsigned off)
{
	return (void *)syscall(__NR_mmap2, addr, len, prot, flags, fd, off / PAGE_SIZE);
}
static inline long mmap_err(const void *p)
{
	unsigned long v = (unsigned long)p;

	return v >= -(unsigned long)UAPI_MAP_FAILED_MAX ? (long)v : 0;
}
void __attribute__((noreturn)) exit(int code);

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void *memset(void *s, int c, size_t n);
void *memcpy(void *restrict d, const void *restrict s, size_t n);
size_t strlen(const char *s);

void sleep_ms(unsigned ms);

/* PMCCNTR: one per instruction under QEMU -icount shift=0 (the kernel lets user mode read it). */
static inline uint32_t cycles(void)
{
	uint32_t v;

	__asm__ volatile("isb\n\tmrc p15, 0, %0, c9, c13, 0" : "=r"(v)::"memory");
	return v;
}

/* Check helper for the test programs: count and report failures. */
extern int failures;
#define CHECK(cond)                                                                              \
	do {                                                                                     \
		if (!(cond)) {                                                                   \
			failures++;                                                              \
			printf("  user check failed at %s:%d: %s\n", __FILE__, __LINE__, #cond); \
		}                                                                                \
	} while (0)
#define CHECK_EQ(a, b)                                                                           \
	do {                                                                                     \
		long _a = (long)(a), _b = (long)(b);                                             \
		if (_a != _b) {                                                                  \
			failures++;                                                              \
			printf("  user check failed at %s:%d: %s == %s: %ld != %ld\n", __FILE__, \
			       __LINE__, #a, #b, _a, _b);                                        \
		}                                                                                \
	} while (0)

#endif
