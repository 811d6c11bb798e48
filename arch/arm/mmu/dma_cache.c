/* Cache maintenance for streaming DMA (see asm/dma-cache.h). */
#include "asm/cacheflush.h"
#include "asm/dma-cache.h"
#include "atomic.h"

struct dma_cache_stats dma_cache_stats;

/* log2 of the smallest data cache line (CTR.DminLine is log2 of its words). */
static inline unsigned line_shift(void)
{
	return 2 + ((read_ctr() >> 16) & 0xf);
}

/*
 * n lines from a (line aligned) with the maintenance op, eight per loop
 * turn: a DMA buffer is usually many lines, and the plain loop spends three
 * instructions of four on the loop itself. One address register stepped by
 * the line size keeps it out of the stack. No barrier: the caller's.
 */
#define LINE_STEP(crm, op2) "mcr p15, 0, %0, c7, " #crm ", " #op2 "\n\tadd %0, %0, %2\n\t"
#define LINES_OP(name, crm, op2)                                                            \
	static void name(uintptr_t a, unsigned n, unsigned shift)                           \
	{                                                                                   \
		uint32_t l = 1u << shift, eights = n / 8;                                   \
                                                                                            \
		if (eights)                                                                 \
			__asm__ volatile(                                                   \
				"1:\n\t" LINE_STEP(crm, op2) LINE_STEP(crm, op2) LINE_STEP( \
					crm, op2) LINE_STEP(crm, op2) LINE_STEP(crm, op2)   \
					LINE_STEP(crm, op2) LINE_STEP(crm, op2)             \
						LINE_STEP(crm, op2) "subs %1, %1, #1\n\t"   \
								    "bne 1b"                \
				: "+r"(a), "+r"(eights)                                     \
				: "r"(l)                                                    \
				: "cc", "memory");                                          \
		for (n %= 8; n; n--, a += l)                                                \
			__asm__ volatile("mcr p15, 0, %0, c7, " #crm ", " #op2 ::"r"(a)     \
					 : "memory");                                       \
	}
LINES_OP(clean_lines, c10, 1) /* DCCMVAC */
LINES_OP(inval_lines, c6, 1)  /* DCIMVAC */

/* Clean [start, end) to the point of coherency: every line it touches. */
static void dma_clean_range(uintptr_t start, uintptr_t end)
{
	unsigned shift = line_shift();
	uintptr_t a = start >> shift << shift;
	unsigned n = (unsigned)((end - a + (1u << shift) - 1) >> shift);

	atomic_add((int)n, &dma_cache_stats.clean);
	clean_lines(a, n, shift);
	dsb();
}

/*
 * Invalidate [start, end). A line only partly inside holds someone else's
 * data too: it is cleaned and invalidated, so that data reaches memory
 * first (the device does not write there, so nothing of its is lost).
 */
static void dma_inv_range(uintptr_t start, uintptr_t end)
{
	unsigned shift = line_shift(), edges = 0;
	uint32_t mask = (1u << shift) - 1;

	if (start & mask) {
		start &= ~(uintptr_t)mask;
		__asm__ volatile("mcr p15, 0, %0, c7, c14, 1" ::"r"(start)
				 : "memory"); /* DCCIMVAC */
		start += mask + 1;
		edges++;
	}
	if (end & mask) {
		end &= ~(uintptr_t)mask;
		__asm__ volatile("mcr p15, 0, %0, c7, c14, 1" ::"r"(end) : "memory");
		edges++;
	}
	if (edges)
		atomic_add((int)edges, &dma_cache_stats.clean_inval);
	if (start < end) {
		atomic_add((int)((end - start) >> shift), &dma_cache_stats.inval);
		inval_lines(start, (unsigned)((end - start) >> shift), shift);
	}
	dsb();
}

void dmac_map_area(const void *start, size_t size, enum dma_data_direction dir)
{
	uintptr_t s = (uintptr_t)start;

	if (dir == DMA_FROM_DEVICE)
		dma_inv_range(s, s + size);
	else
		dma_clean_range(s, s + size);
}

void dmac_unmap_area(const void *start, size_t size, enum dma_data_direction dir)
{
	uintptr_t s = (uintptr_t)start;

	if (dir != DMA_TO_DEVICE)
		dma_inv_range(s, s + size);
}
