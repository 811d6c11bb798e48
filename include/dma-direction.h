/*
 * Which way a streaming DMA transfer goes, as Linux names it: the device
 * reads the buffer (DMA_TO_DEVICE), writes it (DMA_FROM_DEVICE), or both
 * (DMA_BIDIRECTIONAL). DMA_NONE is for debugging only: mapping with it is
 * refused. The cache maintenance a mapping needs follows from it
 * (asm/dma-cache.h).
 */
#ifndef DMA_DIRECTION_H
#define DMA_DIRECTION_H

#include "types.h"

enum dma_data_direction {
	DMA_BIDIRECTIONAL = 0,
	DMA_TO_DEVICE = 1,
	DMA_FROM_DEVICE = 2,
	DMA_NONE = 3,
};

static inline bool valid_dma_direction(enum dma_data_direction dir)
{
	return dir == DMA_BIDIRECTIONAL || dir == DMA_TO_DEVICE || dir == DMA_FROM_DEVICE;
}

#endif
