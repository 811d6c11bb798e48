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
#include "string.h"

#define KERNEL_PGD_FIRST (TASK_SIZE >> SECTION_SHIFT) /* pkmap and up */

static struct asid_space asids;
static uint32_t ttb_flags;         /* TTBR0 walk attributes, as head.S set them */
static struct arch_aspace *active; /* the live process table, or NULL */
static uint32_t kernel_pgd_seq;    /* changes of swapper_pg_dir's kernel entries */

static void flush_all_user_tlb(void)
{
	local_flush_tlb_all();
}

void asid_set_limit(uint32_t limit)
{
	asid_space_set_limit(&asids, limit);
}

unsigned asid_rollovers(void)
{
	return asids.rollovers;
}

uint32_t aspace_asid(const struct arch_aspace *as)
{
	return asid_current(&asids, as->context_id) ? as->context_id & ASID_MASK : 0;
}

void arch_mm_init(void)
{
	asid_space_init(&asids, ASID_MASK, flush_all_user_tlb);
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
 * swapper_pg_dir changed at or above TASK_SIZE (pt_sync_entries): the live
 * table gets the same entries now, the others when they are switched in.
 */
void kernel_pgd_changed(const pde_t *start, const pde_t *end)
{
	kernel_pgd_seq++;
	if (!active)
		return;
	pde_t *dst = active->pgd + (start - swapper_pg_dir);

	memcpy(dst, start, (size_t)(end - start) * sizeof(pde_t));
	dcache_clean_range((uintptr_t)dst, (uintptr_t)(dst + (end - start)));
	active->kernel_seq = kernel_pgd_seq;
}

void switch_aspace(struct arch_aspace *next)
{
	uint32_t asid = 0;

	if (next && next->kernel_seq != kernel_pgd_seq)
		sync_kernel_entries(next);
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
	if (next)
		asid = asid_get(&asids, &next->context_id);
	write_contextidr(asid);
	isb();
	if (next) {
		write_ttbr0(__pa(next->pgd) | ttb_flags);
		isb();
	}
	bp_inval_all(); /* predictions made for the old address space */
	isb();
	active = next;
}

void flush_tlb_user_range(const struct arch_aspace *as, uint32_t va, uint32_t size)
{
	/* No entry can carry an ASID from an older generation. */
	if (asid_current(&asids, as->context_id))
		local_flush_tlb_user_range(va, va + size, as->context_id & ASID_MASK);
}
