/*
 * The board the kernel was built for. Facts live in board/<name>.h (one
 * file per board, which the Makefile force-includes with -include); this is
 * their C view.
 */
#ifndef BOARD_H
#define BOARD_H

#define CYCLES_NONE            0 /* no usable counter */
#define CYCLES_PMCCNTR         1 /* PMU cycle counter: 1 per instruction under icount */
#define CYCLES_A9_GLOBAL_TIMER 2 /* 1 per 10 instructions under icount */

#define IRQCHIP_GIC     1 /* ARM GIC v1/v2: distributor + CPU interface */
#define IRQCHIP_BCM2836 2 /* BCM2836 per-core controller (raspi2b) */
#define TIMER_SP804     1 /* dual timer, 1 MHz, an SPI */
#define TIMER_ARCH_VIRT 2 /* the ARMv7 generic timer, virtual */
#define LED_SYSLED      1 /* Versatile Express / RealView SYS_LED register */
#define LED_PL061       2 /* a line of an ARM PL061 GPIO block */
#define LED_BCM2835     3 /* a line of the BCM2835 GPIO block */

/*
 * How the secondary CPUs start (BOARD_SMP_METHOD; docs/smp.md). The
 * mechanisms live in arch/arm/kernel/ (head-smp.S, smp.c, psci.c).
 */
#define SMP_NONE 0 /* one CPU only */
#define SMP_PEN_IPI \
	1              /* every CPU starts at the entry; the others wait in a WFI pen
			  until an IPI (GIC SGI or BCM2836 mailbox, as BOARD_IRQCHIP) */
#define SMP_PSCI_HVC 2 /* the others are powered off: PSCI CPU_ON through HVC */

#ifndef __ASSEMBLER__
#include "types.h"

struct board_desc {
	const char *name;
	phys_addr_t ram_base;
	uint32_t ram_max; /* the most RAM the kernel takes here (the probe stops there) */
	phys_addr_t uart_phys;
	unsigned uart_irq; /* the console PL011's interrupt (0: none, input is not read) */
	phys_addr_t sys_led_phys;
	int cycle_counter;
	phys_addr_t global_timer_phys;
	struct {
		int kind;
		phys_addr_t dist, cpu, local;
		phys_addr_t
			gpu; /* raspi2b: the BCM2835 controller of the peripherals' interrupts */
	} irqchip;
	struct {
		int kind;
		phys_addr_t base;
		unsigned irq;
	} timer;
	struct {
		int kind;
		phys_addr_t base;
		unsigned line;
	} led;
	int smp_method; /* SMP_*: how the secondary CPUs are started */
	struct {
		phys_addr_t base; /* the first virtio-mmio transport; the next 0x200 on */
		unsigned count;   /* 0: none on this board */
		unsigned irq;     /* the first transport's interrupt; the next one up */
	} virtio;
};

extern const struct board_desc board;

/* Probe the board's devices: interrupt controller, tick source, LED (board/devices.c). */
void board_devices_init(void);

#endif /* __ASSEMBLER__ */
#endif
