/* The iomem resource tree (see include/ioport.h). Children are kept sorted by address. */
#include "errno.h"
#include "ioport.h"
#include "printk.h"
#include "seq_file.h"
#include "slab.h"

struct resource iomem_resource = {
	.start = 0,
	.end = 0xffffffff,
	.name = "iomem",
	.flags = IORESOURCE_MEM,
};

/* The child of parent overlapping [start, end], or NULL. */
static struct resource *find_overlap(struct resource *parent, phys_addr_t start, phys_addr_t end)
{
	for (struct resource *r = parent->child; r; r = r->sibling)
		if (r->start <= end && start <= r->end)
			return r;
	return NULL;
}

static void link_child(struct resource *parent, struct resource *res)
{
	struct resource **p = &parent->child;

	while (*p && (*p)->start < res->start)
		p = &(*p)->sibling;
	res->sibling = *p;
	res->child = NULL;
	res->parent = parent;
	*p = res;
}

int insert_resource(struct resource *parent, struct resource *res)
{
	struct resource *conflict;

	for (;;) {
		conflict = find_overlap(parent, res->start, res->end);
		if (!conflict)
			break;
		if (!(conflict->flags & IORESOURCE_BUSY) && conflict->start <= res->start &&
		    res->end <= conflict->end) {
			parent = conflict; /* nests inside a range that is not claimed */
			continue;
		}
		return -EBUSY;
	}
	link_child(parent, res);
	return 0;
}

struct resource *request_mem_region(phys_addr_t start, size_t n, const char *name)
{
	phys_addr_t end = start + (phys_addr_t)n - 1;
	struct resource *parent = &iomem_resource, *conflict, *res;

	if (!n || end < start) {
		printk("request_mem_region(%#x, %#zx, %s): empty or wrapping range\n", start, n,
		       name);
		return NULL;
	}
	for (;;) {
		conflict = find_overlap(parent, start, end);
		if (!conflict)
			break;
		if (!(conflict->flags & IORESOURCE_BUSY) && conflict->start <= start &&
		    end <= conflict->end) {
			parent = conflict;
			continue;
		}
		printk("request_mem_region(%#x-%#x, %s): busy, owned by %s [%#x-%#x]\n", start, end,
		       name, conflict->name, conflict->start, conflict->end);
		return NULL;
	}
	res = kzalloc(sizeof(*res), GFP_KERNEL);
	if (!res)
		return NULL;
	res->start = start;
	res->end = end;
	res->name = name;
	res->flags = IORESOURCE_MEM | IORESOURCE_BUSY;
	link_child(parent, res);
	return res;
}

/* The busy resource exactly [start, end] anywhere below parent. */
static struct resource *find_exact(struct resource *parent, phys_addr_t start, phys_addr_t end)
{
	for (struct resource *r = parent->child; r; r = r->sibling) {
		struct resource *found;

		if (r->start == start && r->end == end && (r->flags & IORESOURCE_BUSY))
			return r;
		if (r->start <= start && end <= r->end && (found = find_exact(r, start, end)))
			return found;
	}
	return NULL;
}

void release_mem_region(phys_addr_t start, size_t n)
{
	phys_addr_t end = start + (phys_addr_t)n - 1;
	struct resource *res = find_exact(&iomem_resource, start, end), **p;

	if (!res || res->child) {
		printk("release_mem_region(%#x-%#x): %s\n", start, end,
		       res ? "other regions are nested inside it" : "no such claimed region");
		return;
	}
	for (p = &res->parent->child; *p != res; p = &(*p)->sibling)
		;
	*p = res->sibling;
	kfree(res);
}

const struct resource *lookup_resource(phys_addr_t addr)
{
	const struct resource *r = &iomem_resource, *deepest = NULL;

	while (r) {
		const struct resource *c;

		for (c = r->child; c && !(c->start <= addr && addr <= c->end); c = c->sibling)
			;
		if (c)
			deepest = c;
		r = c;
	}
	return deepest;
}

/* Linux's /proc/iomem: each level indented by two more spaces. */
static void show(struct seq_file *m, const struct resource *r, int depth)
{
	for (; r; r = r->sibling) {
		seq_printf(m, "%*s%08x-%08x : %s\n", depth * 2, "", r->start, r->end, r->name);
		show(m, r->child, depth + 1);
	}
}

void iomem_seq_show(struct seq_file *m)
{
	show(m, iomem_resource.child, 0);
}

void iomem_show(void)
{
	struct seq_file m = SEQ_FILE_CONSOLE(vprintk);

	iomem_seq_show(&m);
}
