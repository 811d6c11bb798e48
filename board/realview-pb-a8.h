/* ARM RealView Platform Baseboard for Cortex-A8 (QEMU -M realview-pb-a8). No Security Extensions. */
#define BOARD_NAME        "realview-pb-a8"
#define PHYS_OFFSET       0x70000000   /* RAM base (the first 256 MB also alias at 0) */
#define BOARD_RAM_SIZE    0x08000000   /* 128 MB, QEMU's default */
#define BOARD_RAM_MAX     0x20000000   /* QEMU allows 512 MB */
#define BOARD_UART_PHYS   0x10009000   /* PL011 UART0 */
#define BOARD_SYS_LED     0x10000008
#define BOARD_CYCLE_COUNTER CYCLES_NONE
