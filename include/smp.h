/*
 * Several CPUs (docs/smp.md). CPU numbers are MPIDR.Aff0: the boot CPU is 0
 * and the others 1 .. NR_CPUS-1. The secondary CPUs come up in smp_init()
 * and then only idle in WFI with interrupts on, answering IPIs: today they
 * run no allocator and no task.
 *
 * Per-CPU data: DEFINE_PER_CPU(type, name) is an array with one slot per
 * CPU; per_cpu(name, cpu) names a slot and this_cpu(name) the running
 * CPU's. Unless a variable's comment says otherwise a slot is written only
 * by its own CPU, so no lock is needed to update it.
 *
 * Cross calls: one caller at a time (today CPU 0, the only CPU that runs
 * kernel code). The mailbox is a slot per target CPU that only the caller
 * writes and a done counter that only the target writes; a second caller
 * needs the lock the spinlock work brings.
 */
#ifndef SMP_H
#define SMP_H

#ifdef HOST_TEST
#include "asm-generic/smp.h"
#else
#include "asm/smp.h"
#endif
#include "kernel.h"

#define DEFINE_PER_CPU(type, name) __typeof__(type) name[NR_CPUS]
#define per_cpu(name, cpu)         ((name)[(cpu)])
#define this_cpu(name)             per_cpu(name, smp_processor_id())

/* The running CPU's number (TPIDRPRW, set at bring-up). Stable: nothing migrates. */
static inline unsigned smp_processor_id(void)
{
	return raw_smp_processor_id();
}

/* The IPIs: numbered SGIs on a GIC, bits of mailbox 0 on the BCM2836. */
enum ipi {
	IPI_WAKEUP,    /* releases a CPU from the boot pen; nothing once it runs */
	IPI_CALL_FUNC, /* run the function the caller left in this CPU's call slot */
	IPI_PING,      /* nothing but counted: tests see which CPU got it */
	NR_IPI,
};

/* Bring the secondary CPUs up (the board's method) and print the summary. Boot CPU only. */
void smp_init(void);

unsigned num_online_cpus(void);
bool cpu_online(unsigned cpu);
uint32_t cpu_online_mask(void);
/* The MPIDR the CPU read on itself when it came online (0 for an offline CPU). */
uint32_t cpu_logical_map(unsigned cpu);

/* Raise ipi on every CPU in cpu_mask (bit n: CPU n; offline CPUs are dropped). */
void smp_send_ipi(uint32_t cpu_mask, enum ipi ipi);
/* How many times ipi reached cpu. */
unsigned smp_ipi_count(unsigned cpu, enum ipi ipi);

typedef void (*smp_call_func_t)(void *info);
/*
 * Run fn(info) on cpu, in its IRQ handler (interrupts off; it must not sleep,
 * allocate or print). On the calling CPU itself it runs at once. With wait,
 * returns when fn has returned. 0, -ENODEV (cpu offline), -ETIMEDOUT (no
 * answer: the CPU is stuck) or -EBUSY (its previous call has not finished).
 */
int smp_call_function_single(unsigned cpu, smp_call_func_t fn, void *info, bool wait);
/* The same on every CPU in cpu_mask (the caller included when its bit is set). */
int smp_call_function_many(uint32_t cpu_mask, smp_call_func_t fn, void *info, bool wait);

#endif
