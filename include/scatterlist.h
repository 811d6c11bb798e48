/*
 * A scatterlist: the pieces of one transfer, each a range of one page (or
 * of pages that follow it in memory), as Linux's struct scatterlist. An
 * array of entries, the last one marked; dma_map_sg() fills each entry's
 * bus address and length (no IOMMU here: one bus range per entry).
 *
 *   struct scatterlist sg[3];
 *   sg_init_table(sg, 3);
 *   sg_set_buf(&sg[0], hdr, sizeof(*hdr));         a direct-map buffer
 *   sg_set_page(&sg[1], page, PAGE_SIZE, 0);       any page, highmem too
 *   ...
 *   for_each_sg(sg, s, n, i) use sg_dma_address(s), sg_dma_len(s)
 */
#ifndef SCATTERLIST_H
#define SCATTERLIST_H

#include "dma-mapping.h"
#include "mm.h"
#include "string.h"

struct scatterlist {
	struct page *page;
	unsigned int offset; /* into page */
	unsigned int length;
	dma_addr_t dma_address;
	unsigned int dma_length;
	bool end; /* the last entry */
};

static inline void sg_init_table(struct scatterlist *sg, unsigned n)
{
	memset(sg, 0, n * sizeof(*sg));
	if (n)
		sg[n - 1].end = true;
}

static inline void sg_mark_end(struct scatterlist *sg)
{
	sg->end = true;
}

static inline void sg_set_page(struct scatterlist *sg, struct page *page, unsigned len,
			       unsigned offset)
{
	sg->page = page;
	sg->offset = offset;
	sg->length = len;
}

/* buf in the direct map. */
static inline void sg_set_buf(struct scatterlist *sg, const void *buf, unsigned len)
{
	sg_set_page(sg, virt_to_page(buf), len, (uintptr_t)buf & ~PAGE_MASK);
}

static inline struct scatterlist *sg_next(struct scatterlist *sg)
{
	return sg->end ? NULL : sg + 1;
}

static inline phys_addr_t sg_phys(const struct scatterlist *sg)
{
	return page_to_phys(sg->page) + sg->offset;
}

#define sg_dma_address(sg) ((sg)->dma_address)
#define sg_dma_len(sg)     ((sg)->dma_length)

#define for_each_sg(sglist, sg, nr, i) \
	for ((i) = 0, (sg) = (sglist); (i) < (nr) && (sg); (i)++, (sg) = sg_next(sg))

#endif
