/*
 * bench=smp-scaling: how the page allocator's throughput scales with the
 * CPUs, in operations per second of wall-clock time (reported, not a test;
 * docs/benchmarks.md). Every online CPU (the others through a cross call
 * without waiting, CPU 0 itself, as the stress cases of the smp suite do)
 * runs alloc_page(GFP_ATOMIC) + __free_page pairs between two instants of
 * the generic timer's system counter (CNTPCT, CNTFRQ ticks a second),
 * which every CPU reads alike, and counts them. scripts/bench-smp boots it
 * under multi-threaded TCG with 1, 2 and 4 CPUs; under -icount (one thread
 * for all CPUs) the figure would say nothing.
 *
 * TODO(kmalloc): kmalloc+kfree pairs join the page pairs once slab is
 * SMP-safe (docs/smp.md "What is left"); today slab has no lock, so
 * kmalloc may only run on one CPU.
 */
#include "asm/barrier.h"
#include "asm/cp15.h"
#include "atomic.h"
#include "bench.h"
#include "mm.h"
#include "printk.h"
#include "smp.h"

#define SCALING_MS       2000u /* the measured interval */
#define SCALING_START_MS 20u   /* from the call until every CPU starts together */
#define CHECK_EVERY      16u   /* pairs between two reads of the counter */

static uint64_t read_cntpct(void)
{
	uint32_t lo, hi;

	__asm__ volatile("isb\n\tmrrc p15, 0, %0, %1, c14" : "=r"(lo), "=r"(hi));
	return (uint64_t)hi << 32 | lo;
}

static uint32_t read_cntfrq(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(v));
	return v;
}

/* One cache line per CPU, so the counters do not bounce between the CPUs' caches. */
struct scaling_cpu {
	uint64_t pairs;
	uint32_t failures; /* alloc_page returned NULL */
} __aligned(64);

static struct {
	uint64_t start, end; /* CNTPCT: all CPUs begin at start and stop at end */
	atomic_t done;       /* CPUs that have finished */
	struct scaling_cpu cpu[NR_CPUS];
} scaling;

/* The work on each CPU; on the others it runs in the cross call's IRQ handler. */
static void page_pairs(void *info)
{
	struct scaling_cpu *me = &scaling.cpu[smp_processor_id()];
	uint64_t pairs = 0;

	(void)info;
	while (read_cntpct() < scaling.start)
		;
	do {
		for (unsigned i = 0; i < CHECK_EVERY; i++) {
			struct page *p = alloc_page(GFP_ATOMIC | __GFP_NOWARN);

			if (!p) {
				me->failures++;
				continue;
			}
			__free_page(p);
			pairs++;
		}
	} while (read_cntpct() < scaling.end);
	me->pairs = pairs;
	smp_mb();
	atomic_inc(&scaling.done);
	sev();
}

static void nop(void *info)
{
	(void)info;
}

/* "1234567": n per second over ticks of a freq Hz counter. */
static uint64_t per_second(uint64_t n, uint64_t ticks, uint32_t freq)
{
	return ticks ? n * freq / ticks : 0;
}

int bench_smp_scaling(void)
{
	uint32_t others = cpu_online_mask() & ~1u, freq;
	unsigned n = num_online_cpus(), i;
	uint64_t total = 0, ticks;
	uint32_t free_before, failures = 0;

	/* ID_PFR1[19:16]: the generic timer (Cortex-A7/A15 boards); the A8/A9 ones have none. */
	if (!((read_id_pfr1() >> 16) & 0xf) || !(freq = read_cntfrq())) {
		printk("bench: smp-scaling: no generic timer on this CPU (use vexpress-a15)\n");
		printk("bench: done: 1 cases run, 1 failed\n");
		return 1;
	}
	drain_all_pages();
	free_before = nr_free_pages();
	for (i = 0; i < NR_CPUS; i++)
		scaling.cpu[i] = (struct scaling_cpu){ 0 };
	atomic_set(&scaling.done, 0);
	scaling.start = read_cntpct() + (uint64_t)freq * SCALING_START_MS / 1000;
	scaling.end = scaling.start + (uint64_t)freq * SCALING_MS / 1000;
	ticks = scaling.end - scaling.start;
	smp_mb();

	printk("bench: smp-scaling: %u CPUs, alloc_page(GFP_ATOMIC)+__free_page pairs for %u ms"
	       " of CNTPCT (%u Hz), wall clock\n",
	       n, SCALING_MS, freq);
	if (smp_call_function_many(others, page_pairs, NULL, false)) {
		printk("bench: smp-scaling: the cross call failed\n");
		printk("bench: done: 1 cases run, 1 failed\n");
		return 1;
	}
	page_pairs(NULL);
	while ((unsigned)atomic_read(&scaling.done) != n)
		wfe();
	for (i = 0; i < 1000 && smp_call_function_many(others, nop, NULL, true); i++)
		;

	for (unsigned cpu = 0; cpu < NR_CPUS; cpu++) {
		if (!cpu_online(cpu))
			continue;
		total += scaling.cpu[cpu].pairs;
		failures += scaling.cpu[cpu].failures;
		printk("bench: smp-scaling: cpu%u %10llu pairs %10llu pairs/s\n", cpu,
		       scaling.cpu[cpu].pairs, per_second(scaling.cpu[cpu].pairs, ticks, freq));
	}
	printk("bench: smp-scaling: total %llu pairs/s with %u CPUs (%llu per CPU)\n",
	       per_second(total, ticks, freq), n, per_second(total, ticks, freq) / n);
	printk("bench: smp-scaling: kmalloc+kfree pairs: not measured (TODO: slab is not SMP-safe"
	       " yet)\n");
	/* Every page came back: the same free count once the hot lists are drained. */
	drain_all_pages();
	if (failures || nr_free_pages() != free_before || i == 1000) {
		printk("bench: smp-scaling: FAILED: %u failed allocations, free pages %u -> %u\n",
		       failures, free_before, nr_free_pages());
		printk("bench: done: 1 cases run, 1 failed\n");
		return 1;
	}
	printk("bench: done: 1 cases run, 0 failed\n");
	return 0;
}
