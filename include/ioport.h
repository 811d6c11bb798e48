/*
 * The iomem resource tree: who owns which physical address range. Drivers
 * claim their registers with request_mem_region() before ioremap(); a
 * request that overlaps a claimed range fails and names the owner. Ranges
 * nest: a request inside a range that is not busy goes below it.
 */
#ifndef IOPORT_H
#define IOPORT_H

#include "kernel.h"

#define IORESOURCE_MEM  0x1u
#define IORESOURCE_BUSY 0x2u /* claimed: nothing else may overlap it */

struct resource {
	phys_addr_t start, end; /* inclusive */
	const char *name;
	unsigned flags;
	struct resource *parent, *sibling, *child;
};

extern struct resource iomem_resource;

/* Claim [start, start + n): the new busy resource, or NULL (the conflict is reported). */
struct resource *request_mem_region(phys_addr_t start, size_t n, const char *name);
void release_mem_region(phys_addr_t start, size_t n);
/* Add a range that others may nest inside (e.g. "System RAM"): 0 or -EBUSY. */
int insert_resource(struct resource *parent, struct resource *res);
/* The deepest resource covering addr, or NULL. */
const struct resource *lookup_resource(phys_addr_t addr);
/* The tree as /proc/iomem prints it. */
/* The tree as Linux's /proc/iomem into a seq_file; iomem_show() prints it. */
struct seq_file;
void iomem_seq_show(struct seq_file *m);
void iomem_show(void);

#endif
