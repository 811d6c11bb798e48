/*
 * Raspberry Pi 2 Model B (QEMU -M raspi2b, BCM2836, 4x Cortex-A7). RAM
 * starts at 0; the top 64 MB of the 1 GB belong to the VideoCore and the
 * peripherals sit at 0x3F000000, so the ARM gets 960 MB.
 */
#define BOARD_NAME          "raspi2b"
#define PHYS_OFFSET         0x00000000
#define BOARD_RAM_MAX       0x3c000000 /* 960 MB: the probe stops below the VideoCore */
#define BOARD_UART_PHYS     0x3f201000 /* PL011 UART0 */
#define BOARD_UART_IRQ      89 /* its receive interrupt: GPU IRQ 57, numbered 32 + 57 (bcm2836.c) */
#define BOARD_SYS_LED       0  /* no SYS_LED: the ACT LED is GPIO 47 */
#define BOARD_CYCLE_COUNTER CYCLES_PMCCNTR
#define BOARD_IRQCHIP       IRQCHIP_BCM2836
#define BOARD_GIC_DIST      0
#define BOARD_GIC_CPU       0
#define BOARD_LOCAL_INTC    0x40000000 /* BCM2836 per-core interrupt controller */
#define BOARD_GPU_INTC      0x3f00b200 /* BCM2835 controller: the peripherals' interrupts */
#define BOARD_TIMER         TIMER_ARCH_VIRT
#define BOARD_TIMER_BASE    0
#define BOARD_TIMER_IRQ     3           /* core 0 IRQ source bit 3: virtual timer */
#define BOARD_LED           LED_BCM2835 /* GPIO 47: the ACT LED of a real Pi 2 */
#define BOARD_LED_BASE      0x3f200000
#define BOARD_LED_LINE      47
#define BOARD_SMP_METHOD \
	SMP_PEN_IPI /* all 4 cores start at the entry: a WFI pen, released by mailbox 0 */
