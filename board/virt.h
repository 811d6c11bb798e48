/*
 * QEMU's generic "virt" machine with a Cortex-A15. QEMU always writes its
 * device tree (1 MB) at the start of RAM, so the kernel loads 2 MB in.
 */
#define BOARD_NAME          "virt"
#define PHYS_OFFSET         0x40000000
#define TEXT_OFFSET         0x00200000
#define BOARD_RAM_MAX       0xc0000000 /* 3 GB, to 0xffffffff (QEMU wants LPAE for more) */
#define BOARD_UART_PHYS     0x09000000 /* PL011 */
#define BOARD_UART_IRQ      33         /* its receive interrupt: SPI 1 */
#define BOARD_SYS_LED       0          /* no SYS_LED: a PL061 at 0x09030000 */
#define BOARD_CYCLE_COUNTER CYCLES_PMCCNTR
#define BOARD_IRQCHIP       IRQCHIP_GIC
#define BOARD_GIC_DIST      0x08000000
#define BOARD_GIC_CPU       0x08010000
#define BOARD_TIMER         TIMER_ARCH_VIRT
#define BOARD_TIMER_BASE    0
#define BOARD_TIMER_IRQ     27
#define BOARD_LED           LED_PL061 /* line 0 (line 3 is the power button) */
#define BOARD_LED_BASE      0x09030000
#define BOARD_LED_LINE      0
#define BOARD_SMP_METHOD    SMP_PSCI_HVC /* CPUs 1-3 powered off until PSCI CPU_ON (hvc) */
#define BOARD_VIRTIO_BASE   0x0a000000 /* virtio-mmio transports, 0x200 apart; SPI 16.. = IDs 48.. */
#define BOARD_VIRTIO_COUNT  32
#define BOARD_VIRTIO_IRQ    48
