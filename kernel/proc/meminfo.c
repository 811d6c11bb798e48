/*
 * /proc/meminfo in Linux's layout ("MemTotal:       %8u kB"), from the
 * page allocator's, the slab's and vmalloc's own counters. Fields this
 * kernel has no notion of (page cache, swap, huge pages yet) are there
 * with 0, as on a Linux without them, so tools that parse it find them.
 */
#include "asm/memory.h"
#include "asm/mmu.h"
#include "hugetlb.h"
#include "compaction.h"
#include "mm.h"
#include "mm_user.h"
#include "oom.h"
#include "proc_fs.h"
#include "shrinker.h"
#include "slab.h"
#include "swap.h"
#include "vmalloc.h"

static void show_val_kb(struct seq_file *m, const char *name, uint32_t pages)
{
	seq_printf(m, "%-16s%8u kB\n", name, pages * (uint32_t)(PAGE_SIZE / 1024));
}

static void add_slab_pages(struct kmem_cache *s, void *ctx)
{
	struct slabinfo i;

	kmem_cache_info(s, &i);
	*(uint32_t *)ctx += i.num_slabs * i.pagesperslab;
}

void meminfo_proc_show(struct seq_file *m)
{
	struct sysinfo_pages si;
	unsigned huge_total, huge_free;
	uint32_t slab = 0, vmalloc_total, available, swap_total, swap_free, swap_cached;

	si_meminfo(&si);
	swap_counts(&swap_total, &swap_free, &swap_cached);
	kmem_cache_for_each(add_slab_pages, &slab);
	/* As Linux's si_mem_available() without a page cache: free above the reserves. */
	available = si.freeram > si.reserve ? si.freeram - si.reserve : 0;
	vmalloc_total = (VMALLOC_END - vmalloc_start) / PAGE_SIZE;

	show_val_kb(m, "MemTotal:", si.totalram);
	show_val_kb(m, "MemFree:", si.freeram);
	show_val_kb(m, "MemAvailable:", available);
	show_val_kb(m, "Buffers:", 0);
	show_val_kb(m, "Cached:", 0);
	show_val_kb(m, "SwapCached:", swap_cached);
	show_val_kb(m, "HighTotal:", si.totalhigh);
	show_val_kb(m, "HighFree:", si.freehigh);
	show_val_kb(m, "LowTotal:", si.totalram - si.totalhigh);
	show_val_kb(m, "LowFree:", si.freeram - si.freehigh);
	show_val_kb(m, "SwapTotal:", swap_total);
	show_val_kb(m, "SwapFree:", swap_free);
	show_val_kb(m, "Slab:", slab);
	show_val_kb(m, "VmallocTotal:", vmalloc_total);
	/* Address space in use, guard pages included: what vmalloc() cannot have. */
	show_val_kb(m, "VmallocUsed:", vmalloc_total - vmalloc_free_bytes() / PAGE_SIZE);
	/* The hugepages= pool (mm/hugetlb.c): no reservations, no surplus pages. */
	hugetlb_counts(&huge_total, &huge_free);
	seq_printf(m, "HugePages_Total:   %5u\n", huge_total);
	seq_printf(m, "HugePages_Free:    %5u\n", huge_free);
	seq_printf(m, "HugePages_Rsvd:    %5u\n", 0);
	seq_printf(m, "HugePages_Surp:    %5u\n", 0);
	show_val_kb(m, "Hugepagesize:", HPAGE_SIZE / PAGE_SIZE);
	show_val_kb(m, "Hugetlb:", huge_total * (HPAGE_SIZE / PAGE_SIZE));
}

/*
 * /proc/vmstat: Linux's "name value" lines, for the counters this kernel
 * keeps, in Linux's order.
 */
void vmstat_proc_show(struct seq_file *m)
{
	const struct mm_fault_stats *f = &mm_fault_stats;
	const struct compact_stats *c = &compact_stats;
	const struct {
		const char *name;
		uint32_t value;
	} lines[] = {
		{ "nr_free_pages", nr_free_pages() },
		{ "nr_inactive_anon", swap_inactive_pages() },
		{ "pgfault", f->zero_maps + f->anon_pages + f->cow_zero + f->cow_copies +
				     f->cow_reuse + f->huge_faults + f->swapins },
		{ "pswpin", swap_stats.pswpin },
		{ "pswpout", swap_stats.pswpout },
		{ "pgactivate", reclaim_stats.pgactivate },
		{ "pgdeactivate", reclaim_stats.pgdeactivate },
		{ "pgsteal_kswapd", reclaim_stats.pgsteal_kswapd },
		{ "pgsteal_direct", reclaim_stats.pgsteal_direct },
		{ "pgscan_kswapd", reclaim_stats.pgscan_kswapd },
		{ "pgscan_direct", reclaim_stats.pgscan_direct },
		{ "slabs_scanned", slabs_scanned },
		{ "oom_kill", oom_stats.kills },
		{ "pgmigrate_success", c->pgmigrate_success },
		{ "pgmigrate_fail", c->pgmigrate_fail },
		{ "compact_migrate_scanned", c->compact_migrate_scanned },
		{ "compact_free_scanned", c->compact_free_scanned },
		{ "compact_isolated", c->compact_isolated },
		{ "compact_stall", c->compact_stall },
		{ "compact_fail", c->compact_fail },
		{ "compact_success", c->compact_success },
	};

	for (unsigned i = 0; i < ARRAY_SIZE(lines); i++)
		seq_printf(m, "%s %u\n", lines[i].name, lines[i].value);
}
