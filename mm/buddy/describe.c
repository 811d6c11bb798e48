/*
 * GFP masks and page flags in words, for the reports (warn_alloc, bad page
 * frees) and anyone printing them: "mode:0x182(GFP_HIGHUSER|__GFP_ZERO)"
 * rather than a number to look up in gfp.h, as Linux's %pGg and %pGp give.
 */
#include "gfp.h"
#include "mm.h"
#include "mm_types.h"
#include "printk.h"

struct flag_name {
	uint32_t mask;
	const char *name;
};

/*
 * Composites first, each taken whole only when all its bits are there, then
 * the single bits that remain (Linux's order: the composite names people
 * write, not a list of bits).
 */
static const struct flag_name gfp_names[] = {
	{ GFP_HIGHUSER_MOVABLE, "GFP_HIGHUSER_MOVABLE" },
	{ GFP_HIGHUSER, "GFP_HIGHUSER" },
	{ GFP_ATOMIC, "GFP_ATOMIC" },
	{ GFP_KERNEL, "GFP_KERNEL" },
	{ __GFP_DMA, "__GFP_DMA" },
	{ __GFP_HIGHMEM, "__GFP_HIGHMEM" },
	{ __GFP_MOVABLE, "__GFP_MOVABLE" },
	{ __GFP_RECLAIMABLE, "__GFP_RECLAIMABLE" },
	{ __GFP_HIGH, "__GFP_HIGH" },
	{ __GFP_ATOMIC, "__GFP_ATOMIC" },
	{ __GFP_ZERO, "__GFP_ZERO" },
	{ __GFP_NOWARN, "__GFP_NOWARN" },
	{ __GFP_NORETRY, "__GFP_NORETRY" },
};

/* Append "|name" (or "name" at the start) to buf[*len], cut at size. */
static void add(char *buf, size_t size, size_t *len, const char *name)
{
	int n = snprintf(buf + *len, size - *len, "%s%s", *len ? "|" : "", name);

	if (n > 0)
		*len = *len + (size_t)n < size ? *len + (size_t)n : size - 1;
}

const char *gfp_describe(gfp_t gfp, char *buf, size_t size)
{
	size_t len = 0;
	gfp_t left = gfp;

	if (!size)
		return buf;
	buf[0] = '\0';
	if (!gfp)
		return "GFP_NOWAIT";
	for (unsigned i = 0; i < ARRAY_SIZE(gfp_names); i++) {
		if ((left & gfp_names[i].mask) == gfp_names[i].mask && (left & gfp_names[i].mask)) {
			add(buf, size, &len, gfp_names[i].name);
			left &= ~gfp_names[i].mask;
		}
	}
	if (left) { /* bits gfp.h has no name for: the misuse warn_alloc reports */
		char hex[16];

		snprintf(hex, sizeof(hex), "%#x", left);
		add(buf, size, &len, hex);
	}
	return buf;
}

static const char *const mt_names[MIGRATE_TYPES] = { "Unmovable", "Reclaimable", "Movable" };

static const struct flag_name page_flag_names[] = {
	{ PG_reserved, "reserved" }, { PG_buddy, "buddy" }, { PG_pcp, "pcp" },
	{ PG_head, "head" },         { PG_slab, "slab" },   { PG_kmalloc, "kmalloc" },
};

const char *page_flags_describe(uint32_t flags, char *buf, size_t size)
{
	size_t len = 0;
	char part[24];

	if (!size)
		return buf;
	buf[0] = '\0';
	add(buf, size, &len,
	    (flags & PG_ZONE_MASK) < MAX_NR_ZONES ? zone_name(flags & PG_ZONE_MASK) : "zone?");
	for (unsigned i = 0; i < ARRAY_SIZE(page_flag_names); i++)
		if (flags & page_flag_names[i].mask)
			add(buf, size, &len, page_flag_names[i].name);
	/* The order and the migrate type mean something only on a block's head or a free page. */
	if (flags & (PG_buddy | PG_head)) {
		snprintf(part, sizeof(part), "order=%u", (flags & PG_ORDER_MASK) >> PG_ORDER_SHIFT);
		add(buf, size, &len, part);
	}
	if (flags & (PG_buddy | PG_pcp))
		add(buf, size, &len, mt_names[(flags & PG_MT_MASK) >> PG_MT_SHIFT]);
	return buf;
}
