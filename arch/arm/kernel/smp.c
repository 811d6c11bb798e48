/*
 * Secondary CPUs: bring-up, the per-CPU bookkeeping, IPIs and cross calls
 * (include/smp.h, asm/smp.h, docs/smp.md).
 *
 * A CPU's online flag, MPIDR and IPI counters are written by that CPU
 * only. Cross calls are made under call_lock: a call slot's function,
 * argument and request number are written by the lock holder, its done
 * number by the target only, and barriers order them.
 */
#include "asm/cacheflush.h"
#include "asm/cp15.h"
#include "asm/irqflags.h"
#include "asm/memory.h"
#include "asm/psci.h"
#include "board.h"
#include "errno.h"
#include "printk.h"
#include "smp.h"
#include "spinlock.h"

/*
 * How long a CPU waits for another to answer (wfe iterations; QEMU makes each
 * a yield). Only a CPU that is dead should ever reach it: with 2^24, a loaded
 * host running two QEMUs on two cores once timed out a healthy cross call
 * (single-threaded TCG shares its time between the vCPUs by the host clock).
 */
#define SMP_WAIT_LOOPS (1u << 27)

struct secondary_boot secondary_boot;

static const struct smp_ipi_ops *ipi_ops;

static DEFINE_PER_CPU(volatile uint32_t, cpu_mpidr);
static DEFINE_PER_CPU(volatile uint32_t, cpu_is_online);
struct ipi_stat {
	volatile uint32_t count[NR_IPI];
};
static DEFINE_PER_CPU(struct ipi_stat, ipi_stats);

struct call_slot {
	smp_call_func_t fn;
	void *info;
	volatile uint32_t req;  /* the caller's request number */
	volatile uint32_t done; /* the last request the target finished */
};
static DEFINE_PER_CPU(struct call_slot, call_slots);
/* One cross-call caller at a time; never taken with interrupts off (include/smp.h). */
static DEFINE_SPINLOCK(call_lock);

static void (*ipi_handlers[NR_IPI])(void);
static void (*secondary_entry)(unsigned cpu);

/* What a waiter rechecks is visible before the event that wakes it. */
static inline void dsb_sev(void)
{
	__asm__ volatile("dsb\n\tsev" ::: "memory");
}

void set_smp_ipi_ops(const struct smp_ipi_ops *ops)
{
	ipi_ops = ops;
}

void smp_set_ipi_handler(enum ipi ipi, void (*fn)(void))
{
	if (ipi < NR_IPI)
		ipi_handlers[ipi] = fn;
}

void smp_set_secondary_entry(void (*fn)(unsigned cpu))
{
	secondary_entry = fn;
}

bool cpu_online(unsigned cpu)
{
	return cpu < NR_CPUS && per_cpu(cpu_is_online, cpu);
}

uint32_t cpu_online_mask(void)
{
	uint32_t mask = 0;

	for (unsigned cpu = 0; cpu < NR_CPUS; cpu++)
		if (cpu_online(cpu))
			mask |= 1u << cpu;
	return mask;
}

unsigned num_online_cpus(void)
{
	return (unsigned)__builtin_popcount(cpu_online_mask());
}

uint32_t cpu_logical_map(unsigned cpu)
{
	return cpu_online(cpu) ? per_cpu(cpu_mpidr, cpu) : 0;
}

unsigned smp_ipi_count(unsigned cpu, enum ipi ipi)
{
	return cpu < NR_CPUS && ipi < NR_IPI ? per_cpu(ipi_stats, cpu).count[ipi] : 0;
}

static void send_ipi(uint32_t cpu_mask, enum ipi ipi)
{
	if (cpu_mask && ipi_ops) {
		dsb(); /* what the target is to see, before the interrupt */
		ipi_ops->send(cpu_mask, ipi);
	}
}

void smp_send_ipi(uint32_t cpu_mask, enum ipi ipi)
{
	send_ipi(cpu_mask & cpu_online_mask(), ipi);
}

/* Spin (with wfe, so single-threaded QEMU runs the others) until *word == value. */
static bool wait_for(volatile uint32_t *word, uint32_t value)
{
	for (unsigned i = 0; i < SMP_WAIT_LOOPS; i++) {
		if (*word == value) {
			dmb();
			return true;
		}
		wfe();
	}
	return false;
}

static void run_call(unsigned cpu)
{
	struct call_slot *s = &per_cpu(call_slots, cpu);
	uint32_t req = s->req;

	if (req == s->done)
		return;
	dmb(); /* fn and info were written before req */
	s->fn(s->info);
	dmb();
	s->done = req;
	dsb_sev();
}

void smp_handle_ipi(unsigned ipi)
{
	unsigned cpu = smp_processor_id();

	if (ipi >= NR_IPI)
		return;
	per_cpu(ipi_stats, cpu).count[ipi]++;
	if (ipi == IPI_CALL_FUNC)
		run_call(cpu);
	else if (ipi_handlers[ipi])
		ipi_handlers[ipi]();
}

/*
 * Fill cpu's call slot (call_lock held); the caller sends the IPI. A call
 * made earlier without waiting may still run there: wait for it first.
 */
static int post_call(unsigned cpu, smp_call_func_t fn, void *info)
{
	struct call_slot *s = &per_cpu(call_slots, cpu);

	if (!cpu_online(cpu))
		return -ENODEV;
	if (s->done != s->req && !wait_for(&s->done, s->req))
		return -EBUSY;
	s->fn = fn;
	s->info = info;
	dmb();
	s->req = s->req + 1;
	return 0;
}

int smp_call_function_many(uint32_t cpu_mask, smp_call_func_t fn, void *info, bool wait)
{
	unsigned self = smp_processor_id();
	uint32_t sent = 0;
	int err = 0;

	if ((cpu_mask & cpu_online_mask() & ~(1u << self)) && (irqs_disabled() || in_irq()))
		return -EDEADLK;
	spin_lock(&call_lock);
	for (unsigned cpu = 0; cpu < NR_CPUS; cpu++) {
		int e;

		if (!(cpu_mask & (1u << cpu)) || cpu == self)
			continue;
		e = post_call(cpu, fn, info);
		if (e)
			err = err ?: e;
		else
			sent |= 1u << cpu;
	}
	send_ipi(sent, IPI_CALL_FUNC);
	if (cpu_mask & (1u << self)) {
		uint32_t flags = local_irq_save();

		fn(info);
		local_irq_restore(flags);
	}
	for (unsigned cpu = 0; wait && cpu < NR_CPUS; cpu++) {
		struct call_slot *s = &per_cpu(call_slots, cpu);

		if ((sent & (1u << cpu)) && !wait_for(&s->done, s->req))
			err = err ?: -ETIMEDOUT;
	}
	spin_unlock(&call_lock);
	return err;
}

int smp_call_function_single(unsigned cpu, smp_call_func_t fn, void *info, bool wait)
{
	if (cpu >= NR_CPUS)
		return -ENODEV;
	return smp_call_function_many(1u << cpu, fn, info, wait);
}

/* Linux's words (arch/arm/kernel/topology.c) for a CPU's place in the machine. */
static void print_cpu(unsigned cpu, uint32_t mpidr)
{
	bool mt = mpidr & (1u << 24);
	int aff0 = mpidr & 0xff, aff1 = (mpidr >> 8) & 0xff, aff2 = (mpidr >> 16) & 0xff;

	printk("CPU%u: thread %d, cpu %d, socket %d, mpidr %x\n", cpu, mt ? aff0 : -1,
	       mt ? aff1 : aff0, mt ? aff2 : aff1, mpidr);
}

/* First C code of a secondary CPU: on its own stacks, in swapper_pg_dir, IRQs off. */
void secondary_start_kernel(unsigned cpu)
{
	if (ipi_ops && ipi_ops->cpu_init)
		ipi_ops->cpu_init();
	per_cpu(cpu_mpidr, cpu) = read_mpidr();
	dmb();
	per_cpu(cpu_is_online, cpu) = 1;
	dsb_sev();
	if (secondary_entry)
		secondary_entry(cpu); /* the scheduler's idle task: never returns */
	local_irq_enable();
	for (;;)
		cpu_idle(); /* IPIs only: smp_handle_ipi() */
}

static int boot_secondary(unsigned cpu)
{
	uint32_t entry = __pa(secondary_startup);

	if (board.smp_method == SMP_PEN_IPI) {
		secondary_release[cpu] = entry;
		dcache_clean_range((uintptr_t)&secondary_release[cpu],
				   (uintptr_t)&secondary_release[cpu] + 4);
		send_ipi(1u << cpu, IPI_WAKEUP);
		return 0;
	}
	if (board.smp_method == SMP_PSCI_HVC) {
		int ret = psci_cpu_on((read_mpidr() & 0x00ffff00) | cpu, entry, cpu);

		return ret == PSCI_RET_SUCCESS ? 0 : -EIO;
	}
	return -ENODEV;
}

void smp_init(void)
{
	unsigned possible = ipi_ops ? min(ipi_ops->nr_cpus, (unsigned)NR_CPUS) : 1;

	per_cpu(cpu_mpidr, 0) = read_mpidr();
	per_cpu(cpu_is_online, 0) = 1;
	print_cpu(0, per_cpu(cpu_mpidr, 0));
	if (board.smp_method == SMP_NONE)
		possible = 1;

	if (possible > 1) {
		printk("smp: Bringing up secondary CPUs ...\n");
		secondary_boot.ttbr = read_ttbr1(); /* always swapper_pg_dir */
		secondary_boot.sctlr = read_sctlr();
		dcache_clean_range((uintptr_t)&secondary_boot,
				   (uintptr_t)&secondary_boot + sizeof(secondary_boot));
	}
	for (unsigned cpu = 1; cpu < possible; cpu++) {
		int err = boot_secondary(cpu);

		if (!err && !wait_for(&per_cpu(cpu_is_online, cpu), 1))
			err = -ETIMEDOUT;
		if (err)
			printk("CPU%u: failed to come online: %s\n", cpu, errname(err));
		else
			print_cpu(cpu, per_cpu(cpu_mpidr, cpu));
	}
	printk("smp: Brought up 1 node, %u CPU%s\n", num_online_cpus(),
	       num_online_cpus() > 1 ? "s" : "");
}
