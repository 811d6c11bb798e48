/*
 * Several CPUs (docs/smp.md). CPU numbers are MPIDR.Aff0: the boot CPU is 0
 * and the others 1 .. NR_CPUS-1. The secondary CPUs come up in smp_init()
 * and then run the scheduler's idle task (kernel/sched.c): processes run on
 * every CPU, and IPIs wake an idle CPU and carry CPU 0's tick to the others.
 *
 * Per-CPU data: DEFINE_PER_CPU(type, name) is an array with one slot per
 * CPU; per_cpu(name, cpu) names a slot and this_cpu(name) the running
 * CPU's. Unless a variable's comment says otherwise a slot is written only
 * by its own CPU, so no lock is needed to update it.
 *
 * Cross calls: any CPU may make them, one at a time (call_lock). The
 * mailbox is a slot per target CPU that only the lock holder writes and a
 * done counter that only the target writes. A caller that targets other
 * CPUs must have interrupts on and not be in a handler: a CPU spinning
 * with interrupts off on the call lock, or waiting in a handler, could not
 * answer the holder's call, and the two would wait for each other.
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

/*
 * The running CPU's number (TPIDRPRW, set at bring-up). Stable until the
 * task calls schedule(): the kernel is never preempted, but a task may
 * resume on another CPU after a switch.
 */
static inline unsigned smp_processor_id(void)
{
	return raw_smp_processor_id();
}

/* The IPIs: numbered SGIs on a GIC, bits of mailbox 0 on the BCM2836. */
enum ipi {
	IPI_WAKEUP,     /* releases a CPU from the boot pen; nothing once it runs */
	IPI_CALL_FUNC,  /* run the function the caller left in this CPU's call slot */
	IPI_PING,       /* nothing but counted: tests see which CPU got it */
	IPI_RESCHEDULE, /* a task became runnable: an idle CPU looks for it */
	IPI_TIMER,      /* CPU 0's tick, broadcast to the others (Linux's tick broadcast) */
	NR_IPI,
};

/* Bring the secondary CPUs up (the board's method) and print the summary. Boot CPU only. */
void smp_init(void);

unsigned num_online_cpus(void);
bool cpu_online(unsigned cpu);
uint32_t cpu_online_mask(void);
/* The MPIDR the CPU read on itself when it came online (0 for an offline CPU). */
uint32_t cpu_logical_map(unsigned cpu);

/* What a CPU runs for ipi, after counting it (IRQ context). Set once, at boot. */
void smp_set_ipi_handler(enum ipi ipi, void (*fn)(void));
/* What a secondary runs once it is online, IRQs still off (the scheduler's idle loop). */
void smp_set_secondary_entry(void (*fn)(unsigned cpu));

/* Raise ipi on every CPU in cpu_mask (bit n: CPU n; offline CPUs are dropped). */
void smp_send_ipi(uint32_t cpu_mask, enum ipi ipi);
/* How many times ipi reached cpu. */
unsigned smp_ipi_count(unsigned cpu, enum ipi ipi);

typedef void (*smp_call_func_t)(void *info);
/*
 * Run fn(info) on cpu, in its IRQ handler (interrupts off; it must not sleep,
 * allocate or print). On the calling CPU itself it runs at once. With wait,
 * returns when fn has returned. 0, -ENODEV (cpu offline), -ETIMEDOUT (no
 * answer: the CPU is stuck), -EBUSY (its previous call never finished) or
 * -EDEADLK (another CPU targeted with interrupts off or from a handler).
 */
int smp_call_function_single(unsigned cpu, smp_call_func_t fn, void *info, bool wait);
/* The same on every CPU in cpu_mask (the caller included when its bit is set). */
int smp_call_function_many(uint32_t cpu_mask, smp_call_func_t fn, void *info, bool wait);

#endif
