/* ARM Versatile Express with a CoreTile Express A15x2 (QEMU -M vexpress-a15). */
#define BOARD_NAME          "vexpress-a15"
#define PHYS_OFFSET         0x80000000 /* RAM base */
#define BOARD_RAM_MAX       0x80000000 /* 2 GB, to 0xffffffff (QEMU wants LPAE for more) */
#define BOARD_UART_PHYS     0x1c090000 /* PL011 UART0 */
#define BOARD_UART_IRQ      37         /* its receive interrupt: SPI 5 */
#define BOARD_SYS_LED       0x1c010008
#define BOARD_CYCLE_COUNTER CYCLES_PMCCNTR
#define BOARD_IRQCHIP       IRQCHIP_GIC
#define BOARD_GIC_DIST      0x2c001000
#define BOARD_GIC_CPU       0x2c002000
#define BOARD_TIMER         TIMER_ARCH_VIRT
#define BOARD_TIMER_BASE    0
#define BOARD_TIMER_IRQ     27 /* virtual timer PPI */
#define BOARD_LED           LED_SYSLED
#define BOARD_LED_BASE      0x1c010008
#define BOARD_LED_LINE      0
#define BOARD_SMP_METHOD \
	SMP_PEN_IPI /* every CPU starts at the entry: a WFI pen, released by an SGI */
#define BOARD_VIRTIO_BASE  0x1c130000 /* virtio-mmio transports, 0x200 apart; SPI 40.. = IDs 72.. */
#define BOARD_VIRTIO_COUNT 4
#define BOARD_VIRTIO_IRQ   72
