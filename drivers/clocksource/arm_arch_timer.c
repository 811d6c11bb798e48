/*
 * The ARMv7 generic timer's virtual channel: CNTV_CVAL compared with the
 * virtual count CNTVCT; the handler moves the compare value one period on.
 * It works in Secure and Non-secure state alike (PLATFORM.md), and its
 * frequency comes from CNTFRQ, never hard-coded.
 */
#include "errno.h"
#include "irq.h"
#include "printk.h"
#include "timer.h"

static bool announced; /* the start line was printed */
static uint32_t period;
static unsigned timer_irq;

static inline uint64_t read_cntvct(void)
{
	uint32_t lo, hi;

	__asm__ volatile("isb\n\tmrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi));
	return (uint64_t)hi << 32 | lo;
}

static inline uint64_t read_cntv_cval(void)
{
	uint32_t lo, hi;

	__asm__ volatile("mrrc p15, 3, %0, %1, c14" : "=r"(lo), "=r"(hi));
	return (uint64_t)hi << 32 | lo;
}

static inline void write_cntv_cval(uint64_t v)
{
	__asm__ volatile("mcrr p15, 3, %0, %1, c14" ::"r"((uint32_t)v), "r"((uint32_t)(v >> 32)));
	__asm__ volatile("isb");
}

static inline void write_cntv_ctl(uint32_t v)
{
	__asm__ volatile("mcr p15, 0, %0, c14, c3, 1\n\tisb" ::"r"(v));
}

static inline uint32_t read_cntfrq(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(v));
	return v;
}

static void arch_timer_interrupt(unsigned irq, void *data)
{
	uint64_t next = read_cntv_cval() + period;

	/* If we fell behind by more than a period, start again from now. */
	if (next <= read_cntvct())
		next = read_cntvct() + period;
	write_cntv_cval(next);
	tick_handler(irq, data);
}

int arch_timer_start(unsigned irq, unsigned hz)
{
	uint32_t freq = read_cntfrq();
	int err;

	if (!freq)
		return -ENODEV;
	period = freq / hz;
	timer_irq = irq;
	write_cntv_ctl(0);
	write_cntv_cval(read_cntvct() + period);
	err = request_irq(irq, arch_timer_interrupt, "arch_timer", NULL);
	if (err)
		return err;
	write_cntv_ctl(1); /* enabled, interrupt not masked */
	/* Once: the tick starts and stops with the processes, dozens of times a boot. */
	if (!announced)
		printk("timer: generic timer (virtual), CNTFRQ %u Hz, interrupt %u, %u Hz\n", freq,
		       irq, hz);
	announced = true;
	return 0;
}

void arch_timer_stop(void)
{
	write_cntv_ctl(0);
	free_irq(timer_irq);
}
