/* ARM RealView Platform Baseboard for Cortex-A8 (QEMU -M realview-pb-a8). No Security Extensions. */
#define BOARD_NAME  "realview-pb-a8"
#define PHYS_OFFSET 0x70000000 /* RAM base (the first 256 MB also alias at 0) */
#define BOARD_RAM_MAX \
	0x20000000 /* 512 MB at 0x70000000 (QEMU puts more in a 2nd bank at 0x20000000, unused) */
#define BOARD_UART_PHYS     0x10009000 /* PL011 UART0 */
#define BOARD_UART_IRQ      44         /* its receive interrupt: SPI 12 */
#define BOARD_SYS_LED       0x10000008
#define BOARD_CYCLE_COUNTER CYCLES_NONE
#define BOARD_IRQCHIP       IRQCHIP_GIC
#define BOARD_GIC_DIST      0x1e001000
#define BOARD_GIC_CPU       0x1e000000 /* the CPU interface sits below the distributor here */
#define BOARD_TIMER         TIMER_SP804
#define BOARD_TIMER_BASE    0x10011000
#define BOARD_TIMER_IRQ     36
#define BOARD_LED           LED_PL061 /* PL061 GPIO0, line 0 */
#define BOARD_LED_BASE      0x10013000
#define BOARD_LED_LINE      0
#define BOARD_SMP_METHOD    SMP_NONE /* one Cortex-A8 */
