/*
 * The system-call interface, shared by the kernel and the user programs in
 * user/. Numbers are ARM EABI Linux's: the call number goes in r7, the
 * arguments in r0-r5, `svc #0` enters the kernel and the result comes back
 * in r0 (a negative errno on failure).
 */
#ifndef UAPI_UNISTD_H
#define UAPI_UNISTD_H

#define __NR_exit        1
#define __NR_fork        2
#define __NR_read        3
#define __NR_write       4
#define __NR_open        5
#define __NR_close       6
#define __NR_execve      11
#define __NR_getpid      20
#define __NR_kill        37
#define __NR_brk         45
#define __NR_ioctl       54
#define __NR_getppid     64
#define __NR_munmap      91
#define __NR_wait4       114
#define __NR_mprotect    125
#define __NR_mlock       150
#define __NR_munlock     151
#define __NR_mlockall    152
#define __NR_munlockall  153
#define __NR_sched_yield 158
#define __NR_nanosleep   162
#define __NR_mremap      163
#define __NR_mmap2       192 /* offset in pages, as EABI's mmap2 */
#define __NR_getdents64  217
#define __NR_madvise     220
#define __NR_exit_group  248

/* wait4's options and the status it stores (Linux's encoding). */
#define UAPI_WNOHANG 1
/* status: (code & 0xff) << 8 after exit(code); the signal's number when a signal ended it. */
#define UAPI_W_EXITCODE(code) (((code)&0xff) << 8)

/* ioctl requests on a tty (Linux's numbers): the foreground process's pid. */
#define UAPI_TIOCGPGRP 0x540F
#define UAPI_TIOCSPGRP 0x5410

/* Signal numbers (Linux's, ARM). */
#define UAPI_SIGINT  2
#define UAPI_SIGILL  4
#define UAPI_SIGKILL 9
#define UAPI_SIGSEGV 11
#define UAPI_SIGTERM 15

/* mmap's prot and flags (Linux's values). */
#define UAPI_PROT_NONE      0x0
#define UAPI_PROT_READ      0x1
#define UAPI_PROT_WRITE     0x2
#define UAPI_PROT_EXEC      0x4
#define UAPI_MAP_SHARED     0x01
#define UAPI_MAP_PRIVATE    0x02
#define UAPI_MAP_FIXED      0x10
#define UAPI_MAP_ANONYMOUS  0x20
#define UAPI_MAP_HUGETLB    0x40000 /* 1 MB pages from the hugepages= pool */
#define UAPI_MAP_FAILED_MAX 4095u   /* results in [-4095, -1] are errors */

/* madvise's advice and mlockall's flags (Linux's values). */
#define UAPI_MADV_NORMAL     0
#define UAPI_MADV_RANDOM     1
#define UAPI_MADV_SEQUENTIAL 2
#define UAPI_MADV_WILLNEED   3
#define UAPI_MADV_DONTNEED   4
#define UAPI_MCL_CURRENT     1
#define UAPI_MCL_FUTURE      2
#define UAPI_MREMAP_MAYMOVE  1

/* open's flags. */
#define UAPI_O_RDONLY 0
#define UAPI_O_WRONLY 1
#define UAPI_O_RDWR   2

#ifndef __ASSEMBLER__
struct uapi_timespec {
	long tv_sec;
	long tv_nsec;
};

/*
 * What read() of /dev/led returns: how to drive the LED through an mmap of
 * the device (offset 0 maps the page holding its registers). Writing
 * on_value at on_offset lights it, off_value at off_offset puts it out
 * (read-modify-write when rmw is set: the register holds other bits);
 * observe_phys/observe_mask is where an outside observer reads it.
 */
struct led_user_info {
	unsigned int map_size;
	unsigned int on_offset, on_value;
	unsigned int off_offset, off_value;
	unsigned int rmw;
	unsigned int observe_phys, observe_mask;
	unsigned int trace_line; /* the GPIO line, for QEMU's PL061 trace */
};
#endif

#endif
