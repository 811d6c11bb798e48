/*
 * Swap at boot and the reclaim thread (kernel/kswapd.c).
 *
 *   swap_setup()   with swap=DISK on the command line: swapon_disk(DISK), then
 *                  start kswapd0 and give the page allocator its doorbell
 *                  (set_kswapd_wakeup). After the disks are probed and the
 *                  secondary CPUs are up. 0, or swapon()'s error (printed).
 *
 * kswapd0 sleeps until the allocator's slow path sees the free pages below
 * the zones' low watermarks, then reclaims (try_to_free_pages) in batches
 * until they are above the high ones or nothing more can go, yielding the
 * CPU between batches.
 */
#ifndef KSWAPD_H
#define KSWAPD_H

int swap_setup(void);
/* swapon() of the registered disk name ("vda"): 0, -ENODEV (no such disk), or swapon()'s error. */
int swapon_disk(const char *name);

#endif
