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
#define MAP_HUGETLB   UAPI_MAP_HUGETLB
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

/* Processes (Linux's calls and status macros). */
#define WNOHANG        UAPI_WNOHANG
#define WIFEXITED(s)   (((s)&0x7f) == 0)
#define WEXITSTATUS(s) (((s) >> 8) & 0xff)
#define WIFSIGNALED(s) (((s)&0x7f) != 0 && ((s)&0x7f) != 0x7f)
#define WTERMSIG(s)    ((s)&0x7f)
#define SIGINT         UAPI_SIGINT
#define SIGILL         UAPI_SIGILL
#define SIGKILL        UAPI_SIGKILL
#define SIGSEGV        UAPI_SIGSEGV
#define SIGTERM        UAPI_SIGTERM
static inline long fork(void)
{
	return syscall(__NR_fork, 0);
}
/* argv and envp end with a NULL pointer; envp may be NULL. */
static inline long execve(const char *path, char *const argv[], char *const envp[])
{
	return syscall(__NR_execve, path, argv, envp);
}
static inline long wait4(long pid, int *status, int options, void *rusage)
{
	return syscall(__NR_wait4, pid, status, options, rusage);
}
static inline long waitpid(long pid, int *status, int options)
{
	return wait4(pid, status, options, 0);
}
static inline long getppid(void)
{
	return syscall(__NR_getppid, 0);
}
static inline long kill(long pid, int sig)
{
	return syscall(__NR_kill, pid, sig);
}
static inline long ioctl(int fd, unsigned cmd, void *arg)
{
	return syscall(__NR_ioctl, fd, cmd, arg);
}
/* The terminal's foreground process (Linux's tcsetpgrp/tcgetpgrp, on a pid). */
static inline long tcsetpgrp(int fd, int pid)
{
	return ioctl(fd, UAPI_TIOCSPGRP, &pid);
}
static inline long tcgetpgrp(int fd)
{
	int pid;
	long err = ioctl(fd, UAPI_TIOCGPGRP, &pid);

	return err ? err : pid;
}
static inline long mprotect(void *addr, unsigned len, unsigned prot)
{
	return syscall(__NR_mprotect, addr, len, prot);
}
#define MADV_NORMAL    UAPI_MADV_NORMAL
#define MADV_WILLNEED  UAPI_MADV_WILLNEED
#define MADV_DONTNEED  UAPI_MADV_DONTNEED
#define MCL_CURRENT    UAPI_MCL_CURRENT
#define MCL_FUTURE     UAPI_MCL_FUTURE
#define MREMAP_MAYMOVE UAPI_MREMAP_MAYMOVE
/* The new address, or a negative errno cast to a pointer (mmap_err() tells). */
static inline void *mremap(void *old, unsigned old_len, unsigned new_len, unsigned flags)
{
	return (void *)syscall(__NR_mremap, old, old_len, new_len, flags);
}
static inline long madvise(void *addr, unsigned len, int advice)
{
	return syscall(__NR_madvise, addr, len, advice);
}
static inline long mlock(const void *addr, unsigned len)
{
	return syscall(__NR_mlock, addr, len);
}
static inline long munlock(const void *addr, unsigned len)
{
	return syscall(__NR_munlock, addr, len);
}
static inline long mlockall(int flags)
{
	return syscall(__NR_mlockall, flags);
}
static inline long munlockall(void)
{
	return syscall(__NR_munlockall, 0);
}

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void *memset(void *s, int c, size_t n);
void *memcpy(void *restrict d, const void *restrict s, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
int memcmp(const void *a, const void *b, size_t n);
/* Linux's message for a negative errno ("No such file or directory"), or "Error N". */
const char *strerror(long err);
/* A decimal number (optionally negative): 0, or -1 when s is not one. */
int parse_long(const char *s, long *out);

void sleep_ms(unsigned ms);

/* PMCCNTR: one per instruction under QEMU -icount shift=0 (the kernel lets user mode read it). */
static inline uint32_t cycles(void)
{
	uint32_t v;

	__asm__ volatile("isb\n\tmrc p15, 0, %0, c9, c13, 0" : "=r"(v)::"memory");
	return v;
}

/*
 * A checkpoint for the kernel's tests (tests/target/gate.h): sleep until
 * the test that runs this program lets it go on.
 */
static inline void ktest_gate(void)
{
	static int fd = -1;
	char c;

	if (fd < 0)
		fd = (int)open("/dev/ktest_gate", O_RDONLY);
	read(fd, &c, 0);
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

/* Linux's getdents64: struct linux_dirent64 records (uapi/dirent.h) of the directory fd. */
static inline long getdents64(int fd, void *dirp, unsigned count)
{
	return syscall(__NR_getdents64, fd, dirp, count);
}

#endif
