/* Small helpers used everywhere. */
#ifndef KERNEL_H
#define KERNEL_H

#include "types.h"

#define ARRAY_SIZE(a)                 (sizeof(a) / sizeof((a)[0]))
#define ALIGN(x, a)                   (((x) + ((a)-1)) & ~((__typeof__(x))(a)-1))
#define ALIGN_DOWN(x, a)              ((x) & ~((__typeof__(x))(a)-1))
#define IS_ALIGNED(x, a)              (((x) & ((__typeof__(x))(a)-1)) == 0)
#define DIV_ROUND_UP(n, d)            (((n) + (d)-1) / (d))
#define min(a, b)                     ((a) < (b) ? (a) : (b))
#define max(a, b)                     ((a) > (b) ? (a) : (b))
#define likely(x)                     __builtin_expect(!!(x), 1)
#define unlikely(x)                   __builtin_expect(!!(x), 0)
#define container_of(p, type, member) ((type *)((char *)(p)-offsetof(type, member)))
#define SZ_1K                         0x00000400u
#define SZ_4K                         0x00001000u
#define SZ_64K                        0x00010000u
#define SZ_1M                         0x00100000u
#define SZ_16M                        0x01000000u

#define __noreturn     __attribute__((noreturn))
#define __printf(a, b) __attribute__((format(printf, a, b)))
#define __used         __attribute__((used))
#define __aligned(n)   __attribute__((aligned(n)))
#define __section(s)   __attribute__((section(s)))
#define __weak         __attribute__((weak))
#define __maybe_unused __attribute__((unused))

/* boot/head.S enters the kernel here, with the MMU on and the early table live. */
void start_kernel(void);

/* Stop the machine: QEMU exits with status (semihosting); hardware idles (kernel/halt.c). */
void machine_halt(int status) __attribute__((noreturn));
/* Idle forever with interrupts on, after running the idle hook once. */
void idle_forever(void) __attribute__((noreturn));
/* What idle_forever() starts first (the board's LED heartbeat); set by the drivers that provide it. */
void set_idle_hook(void (*fn)(void));
#endif
