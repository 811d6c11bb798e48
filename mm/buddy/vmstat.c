/*
 * The zones and free lists as text, in Linux's /proc formats (mm/vmstat.c
 * there): buddyinfo, pagetypeinfo, zoneinfo, and the boot log's zone
 * summary. Each formats into a seq_file, so /proc reads the same function
 * the boot log prints through (show_buddyinfo(), show_meminfo()).
 */
#include "buddy.h"
#include "printk.h"
#include "seq_file.h"

static const char *const migratetype_names[MIGRATE_TYPES] = {
	[MIGRATE_UNMOVABLE] = "Unmovable",
	[MIGRATE_RECLAIMABLE] = "Reclaimable",
	[MIGRATE_MOVABLE] = "Movable",
};

void buddyinfo_seq_show(struct seq_file *m)
{
	for (unsigned i = 0; i < MAX_NR_ZONES; i++) {
		uint32_t counts[NR_PAGE_ORDERS];

		if (!zones[i].managed)
			continue;
		buddyinfo_get(i, counts);
		seq_printf(m, "Node 0, zone %8s ", zones[i].name);
		for (unsigned o = 0; o < NR_PAGE_ORDERS; o++)
			seq_printf(m, "%6u ", counts[o]);
		seq_putc(m, '\n');
	}
}

void show_buddyinfo(void)
{
	struct seq_file m = SEQ_FILE_CONSOLE(vprintk);

	buddyinfo_seq_show(&m);
}

/* Blocks on one buddy list (the caller holds z->lock). */
static uint32_t list_blocks(const struct list_head *head)
{
	const struct list_head *p;
	uint32_t n = 0;

	for (p = head->next; p != head; p = p->next)
		n++;
	return n;
}

/*
 * As Linux, the buddy lists only: blocks on the CPUs' hot lists are not
 * counted here (buddyinfo counts them).
 */
void pagetypeinfo_seq_show(struct seq_file *m)
{
	seq_printf(m, "Page block order: %u\n", PAGEBLOCK_ORDER);
	seq_printf(m, "Pages per block:  %u\n\n", 1u << PAGEBLOCK_ORDER);
	seq_printf(m, "%-43s ", "Free pages count per migrate type at order");
	for (unsigned o = 0; o < NR_PAGE_ORDERS; o++)
		seq_printf(m, "%6u ", o);
	seq_putc(m, '\n');
	for (unsigned i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = &zones[i];

		if (!z->managed)
			continue;
		for (unsigned mt = 0; mt < MIGRATE_TYPES; mt++) {
			uint32_t counts[NR_PAGE_ORDERS], flags;

			spin_lock_irqsave(&z->lock, flags);
			for (unsigned o = 0; o < NR_PAGE_ORDERS; o++)
				counts[o] = list_blocks(&z->area[o].free_list[mt]);
			spin_unlock_irqrestore(&z->lock, flags);
			seq_printf(m, "Node %4d, zone %8s, type %12s ", 0, z->name,
				   migratetype_names[mt]);
			for (unsigned o = 0; o < NR_PAGE_ORDERS; o++)
				seq_printf(m, "%6u ", counts[o]);
			seq_putc(m, '\n');
		}
	}
	seq_printf(m, "\n%-23s", "Number of blocks type ");
	for (unsigned mt = 0; mt < MIGRATE_TYPES; mt++)
		seq_printf(m, "%12s ", migratetype_names[mt]);
	seq_putc(m, '\n');
	for (unsigned i = 0; i < MAX_NR_ZONES; i++) {
		const struct zone *z = &zones[i];
		uint32_t blocks[MIGRATE_TYPES] = { 0 };

		if (!z->managed)
			continue;
		for (uint32_t b = 0; b < z->nr_pageblocks; b++)
			if (z->pageblock_mt[b] < MIGRATE_TYPES)
				blocks[z->pageblock_mt[b]]++;
		seq_printf(m, "Node %d, zone %8s ", 0, z->name);
		for (unsigned mt = 0; mt < MIGRATE_TYPES; mt++)
			seq_printf(m, "%12u ", blocks[mt]);
		seq_putc(m, '\n');
	}
}

/*
 * Linux's zoneinfo, the zone part only. present is spanned: a zone here
 * is one contiguous run of RAM, with no holes.
 */
void zoneinfo_seq_show(struct seq_file *m)
{
	for (unsigned i = 0; i < MAX_NR_ZONES; i++) {
		const struct zone *z = &zones[i];

		if (!z->spanned)
			continue;
		seq_printf(m, "Node 0, zone %8s", z->name);
		seq_printf(m, "\n  pages free     %u", zone_free_pages(z));
		seq_printf(m, "\n        min      %u", z->wmark_min);
		seq_printf(m, "\n        low      %u", z->wmark_low);
		seq_printf(m, "\n        high     %u", z->wmark_high);
		seq_printf(m, "\n        spanned  %u", z->spanned);
		seq_printf(m, "\n        present  %u", z->spanned);
		seq_printf(m, "\n        managed  %u", z->managed);
		seq_printf(m, "\n  start_pfn:           %u\n", z->start_pfn);
	}
}

/* The boot log's summary of the zones (not /proc/meminfo: see kernel/proc/meminfo.c). */
void zones_summary_seq_show(struct seq_file *m)
{
	uint32_t total = 0;

	for (unsigned i = 0; i < MAX_NR_ZONES; i++) {
		const struct zone *z = &zones[i];

		if (!z->spanned)
			continue;
		total += z->managed;
		seq_printf(m,
			   "%-8s pfns %#07x-%#07x: %7u kB managed, %7u kB free "
			   "(hot %u pages), watermarks min %u low %u high %u\n",
			   z->name, z->start_pfn, z->start_pfn + z->spanned - 1, z->managed * 4,
			   zone_free_pages(z) * 4, zone_pcp_count(z), z->wmark_min, z->wmark_low,
			   z->wmark_high);
	}
	seq_printf(m, "MemTotal: %u kB, MemFree: %u kB\n", total * 4, nr_free_pages() * 4);
}

void show_meminfo(void)
{
	struct seq_file m = SEQ_FILE_CONSOLE(vprintk);

	zones_summary_seq_show(&m);
}

void si_meminfo(struct sysinfo_pages *val)
{
	*val = (struct sysinfo_pages){ 0 };
	for (unsigned i = 0; i < MAX_NR_ZONES; i++) {
		const struct zone *z = &zones[i];
		uint32_t free = zone_free_pages(z);

		val->totalram += z->managed;
		val->freeram += free;
		val->reserve += z->wmark_high;
		if (i == ZONE_HIGHMEM) {
			val->totalhigh += z->managed;
			val->freehigh += free;
		}
	}
}
