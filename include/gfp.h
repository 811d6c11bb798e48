/*
 * GFP ("get free pages") flags: what an allocation may do and where its
 * memory may come from. Names and meanings follow Linux; each flag has an
 * effect the tests can observe.
 */
#ifndef GFP_H
#define GFP_H

typedef unsigned int gfp_t;

/* Zone modifiers: where the memory may come from. */
#define __GFP_DMA     0x001u /* only ZONE_DMA */
#define __GFP_HIGHMEM 0x002u /* ZONE_HIGHMEM first, then lower zones */
/* Mobility: which migrate-type free lists serve the allocation. */
#define __GFP_MOVABLE     0x008u
#define __GFP_RECLAIMABLE 0x010u
/* Reserves: how far below the min watermark the allocation may go. */
#define __GFP_HIGH   0x020u /* may use half of the reserve */
#define __GFP_ATOMIC 0x040u /* cannot wait: may use three quarters of it */
/* Behaviour. */
#define __GFP_RECLAIM   0x080u /* may do work to find memory (drain the hot lists, retry) */
#define __GFP_ZERO      0x100u /* return zeroed memory */
#define __GFP_NOWARN    0x200u /* no warning when the allocation fails */
#define __GFP_NORETRY   0x400u /* fail at once rather than drain and retry */
#define __GFP_BITS_MASK 0x7fbu /* bit 2 is unused: an unknown bit */

#define GFP_KERNEL           (__GFP_RECLAIM)
#define GFP_ATOMIC           (__GFP_HIGH | __GFP_ATOMIC)
#define GFP_NOWAIT           0u
#define GFP_USER             (__GFP_RECLAIM)
#define GFP_DMA              (__GFP_DMA)
#define GFP_HIGHUSER         (GFP_USER | __GFP_HIGHMEM)
#define GFP_HIGHUSER_MOVABLE (GFP_HIGHUSER | __GFP_MOVABLE)

#endif
