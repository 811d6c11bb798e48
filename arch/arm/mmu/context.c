/*
 * Process address spaces on the CPU: ASIDs, TTBR0 and CONTEXTIDR, user TLB
 * flushes, and the copies of the kernel's first-level entries in process
 * tables (see asm/mmu_context.h).
 */
#include "asm/asid.h"
#include "asm/cacheflush.h"
#include "asm/cp15.h"
#include "asm/memory.h"
#include "asm/mmu.h"
#include "asm/mmu_context.h"
#include "atomic.h"
#include "smp.h"
#include "spinlock.h"
#include "string.h"

#define KERNEL_PGD_FIRST (TASK_SIZE >> SECTION_SHIFT) /* pkmap and up */

static struct asid_space asids;
static DEFINE_SPINLOCK(asid_lock); /* asids; taken inside rq_lock, interrupts off */
static uint32_t ttb_flags;         /* TTBR0 walk attributes, as head.S set them */
/*
 * Per CPU, the live process table (NULL: kernel only), and the count of
 * swapper_pg_dir's kernel-entry changes: both under pgd_lock, so that a
 * change reaches every live table and every table switched in later.
 */
static DEFINE_PER_CPU(struct arch_aspace *, active);
static uint32_t kernel_pgd_seq;
static DEFINE_SPINLOCK(pgd_lock);

static void flush_all_user_tlb(unsigned cpu)
{
	(void)cpu; /* asid_get() runs on cpu itself */
	local_flush_tlb_all();
}

void asid_set_limit(uint32_t limit)
{
	uint32_t flags;

	spin_lock_irqsave(&asid_lock, flags);
	asid_space_set_limit(&asids, limit);
	spin_unlock_irqrestore(&asid_lock, flags);
}

unsigned asid_rollovers(void)
{
	return asids.rollovers;
}

unsigned asid_conflicts(void)
{
	return asids.conflicts;
}

uint32_t aspace_asid(const struct arch_aspace *as)
{
	uint32_t ctx = READ_ONCE(as->context_id);

	return asid_current(&asids, ctx) ? ctx & ASID_MASK : 0;
}

void arch_mm_init(void)
{
	asid_space_init(&asids, NR_CPUS, ASID_MASK, flush_all_user_tlb);
	ttb_flags = read_ttbr0() & 0x7f;
	/*
	 * User mode may read the cycle counter (the user benchmarks do). EN also
	 * lets it write the PMU's controls: a process could stop or reset the
	 * counter; acceptable for a teaching kernel whose counter only times benchmarks.
	 */
	__asm__ volatile("mcr p15, 0, %0, c9, c14, 0" ::"r"(1)); /* PMUSERENR.EN */
}

static void sync_kernel_entries(struct arch_aspace *as)
{
	pde_t *dst = &as->pgd[KERNEL_PGD_FIRST];

	memcpy(dst, &swapper_pg_dir[KERNEL_PGD_FIRST],
	       (L1_ENTRIES - KERNEL_PGD_FIRST) * sizeof(pde_t));
	dcache_clean_range((uintptr_t)dst, (uintptr_t)&as->pgd[L1_ENTRIES]);
	as->kernel_seq = kernel_pgd_seq;
}

void arch_aspace_init(struct arch_aspace *as, pde_t *pgd)
{
	*as = (struct arch_aspace){ .pgd = pgd, .user = true };
	sync_kernel_entries(as);
	dcache_clean_range((uintptr_t)pgd, (uintptr_t)&pgd[KERNEL_PGD_FIRST]);
}

/*
 * swapper_pg_dir changed at or above TASK_SIZE (pt_sync_entries): the
 * tables live on any CPU get the same entries now, the others when they
 * are switched in. Table memory is shared: this CPU writes them all.
 */
void kernel_pgd_changed(const pde_t *start, const pde_t *end)
{
	uint32_t flags;

	spin_lock_irqsave(&pgd_lock, flags);
	kernel_pgd_seq++;
	for (unsigned cpu = 0; cpu < NR_CPUS; cpu++) {
		struct arch_aspace *as = per_cpu(active, cpu);

		if (!as)
			continue;
		pde_t *dst = as->pgd + (start - swapper_pg_dir);

		memcpy(dst, start, (size_t)(end - start) * sizeof(pde_t));
		dcache_clean_range((uintptr_t)dst, (uintptr_t)(dst + (end - start)));
		as->kernel_seq = kernel_pgd_seq;
	}
	spin_unlock_irqrestore(&pgd_lock, flags);
}

void switch_aspace(struct arch_aspace *next)
{
	unsigned cpu = smp_processor_id();
	uint32_t asid = 0, flags;

	/* Kernel entries current from here on: later changes find it in active. */
	spin_lock_irqsave(&pgd_lock, flags);
	if (next && next->kernel_seq != kernel_pgd_seq)
		sync_kernel_entries(next);
	per_cpu(active, cpu) = next;
	spin_unlock_irqrestore(&pgd_lock, flags);
	/*
	 * TTBR0 and the ASID cannot change together. Go through swapper_pg_dir,
	 * which maps nothing below TASK_SIZE and only global entries above it,
	 * so that no walk made in between can tag a user entry with the wrong
	 * ASID (ARM ARM B3.10.4, "Synchronization of changes of ASID and TTBR").
	 * The new ASID is taken only now: a rollover's TLB flush must not run
	 * while the old table is live, or a speculative walk could refill it
	 * with entries under an ASID about to be handed to another mm.
	 */
	dsb();
	write_ttbr0(__pa(swapper_pg_dir) | ttb_flags);
	isb();
	spin_lock_irqsave(&asid_lock, flags);
	if (next)
		asid = asid_get(&asids, cpu, &next->context_id);
	else
		asid_put(&asids, cpu);
	spin_unlock_irqrestore(&asid_lock, flags);
	write_contextidr(asid);
	isb();
	if (next) {
		write_ttbr0(__pa(next->pgd) | ttb_flags);
		isb();
	}
	bp_inval_all(); /* predictions made for the old address space */
	isb();
}

/*
 * Every CPU: the process may have run on any. A stale context id is
 * flushed too: its ASID may be reserved, still live on a CPU that has run
 * it since the rollover; flushing an ASID another mm took costs only time.
 */
void flush_tlb_user_range(const struct arch_aspace *as, uint32_t va, uint32_t size)
{
	uint32_t ctx = READ_ONCE(as->context_id);

	if (ctx)
		flush_tlb_asid_range(va, va + size, ctx & ASID_MASK);
}
