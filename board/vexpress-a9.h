/* ARM Versatile Express with a CoreTile Express A9x4 (QEMU -M vexpress-a9). */
#define BOARD_NAME        "vexpress-a9"
#define PHYS_OFFSET       0x60000000   /* RAM base */
#define BOARD_RAM_SIZE    0x40000000   /* 1 GB: run QEMU with -m 1G */
#define BOARD_RAM_MAX     0x40000000   /* QEMU allows 1 GB */
#define BOARD_UART_PHYS   0x10009000   /* PL011 UART0 */
#define BOARD_SYS_LED     0x10000008   /* motherboard SYS_LED register */
#define BOARD_CYCLE_COUNTER CYCLES_A9_GLOBAL_TIMER
#define BOARD_GLOBAL_TIMER  0x1e000200 /* A9 global timer: one tick per 10 instructions under icount */
