/* ARM Versatile Express with a CoreTile Express A9x4 (QEMU -M vexpress-a9). */
#define BOARD_NAME          "vexpress-a9"
#define PHYS_OFFSET         0x60000000 /* RAM base */
#define BOARD_RAM_MAX       0x40000000 /* 1 GB, to 0x9fffffff: all QEMU gives */
#define BOARD_UART_PHYS     0x10009000 /* PL011 UART0 */
#define BOARD_UART_IRQ      37         /* its receive interrupt: SPI 5 */
#define BOARD_SYS_LED       0x10000008 /* motherboard SYS_LED register */
#define BOARD_CYCLE_COUNTER CYCLES_A9_GLOBAL_TIMER
#define BOARD_GLOBAL_TIMER \
	0x1e000200 /* A9 global timer: one tick per 10 instructions under icount */
#define BOARD_IRQCHIP    IRQCHIP_GIC
#define BOARD_GIC_DIST   0x1e001000
#define BOARD_GIC_CPU    0x1e000100
#define BOARD_TIMER      TIMER_SP804
#define BOARD_TIMER_BASE 0x10011000 /* SP804 timer 0 */
#define BOARD_TIMER_IRQ  34
#define BOARD_LED        LED_SYSLED /* user LED 0 of SYS_LED */
#define BOARD_LED_BASE   0x10000008
#define BOARD_LED_LINE   0
#define BOARD_SMP_METHOD \
	SMP_PEN_IPI /* every CPU starts at the entry: a WFI pen, released by an SGI */
#define BOARD_VIRTIO_BASE  0x10013000 /* virtio-mmio transports, 0x200 apart; SPI 40.. = IDs 72.. */
#define BOARD_VIRTIO_COUNT 4
#define BOARD_VIRTIO_IRQ   72
