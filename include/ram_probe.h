/*
 * Finding how much RAM there is when nothing says so (no device tree memory
 * node, no ATAGS): probe it, the way U-Boot's get_ram_size() does, but
 * without destroying what is there. Every word the probe writes was read
 * first and is put back before ram_probe() returns, so a boot loader's
 * data, a device tree or an initrd above the kernel survive.
 *
 * What the probe copes with, seen on the QEMU boards and on real ones:
 *   - beyond the end of RAM reads return 0 and writes are dropped
 *     (vexpress, realview), or the access aborts (virt: a synchronous
 *     external abort, which the accessors turn into -EFAULT);
 *   - address lines that are not decoded, so RAM of S bytes repeats every
 *     S bytes (an alias): a marker at 2S lands on the one at S;
 *   - a floating bus that returns the last value it carried: a read-back
 *     is believed only after another word was accessed in between.
 *
 * The probe runs once at boot, on one CPU with interrupts masked, before
 * anything is allocated: the accessors map each word uncached (strongly
 * ordered), so what is read back is what the memory holds, not a cache line.
 * It has no locking and must not run once other users of RAM exist.
 */
#ifndef RAM_PROBE_H
#define RAM_PROBE_H

#include "types.h"

#define RAM_PROBE_MIN (16u << 20) /* the least RAM the kernel runs in */

struct ram_probe_ops {
	/* The 32-bit word at physical address pa: 0, or -EFAULT when the access aborts. */
	int (*read)(phys_addr_t pa, uint32_t *val);
	int (*write)(phys_addr_t pa, uint32_t val);
};

/*
 * The bytes of RAM that answer from base up, a multiple of 1 MB, at most
 * max (a multiple of 1 MB; base + max may be 2^32). Only the last two words
 * below base + RAM_PROBE_MIN and words above are touched, so the kernel
 * image and its early tables below that are safe. Returns 0 when not even RAM_PROBE_MIN bytes
 * answer (the caller stops with a clear message) and max when all of it does.
 */
uint32_t ram_probe(const struct ram_probe_ops *ops, phys_addr_t base, uint32_t max);

#endif
