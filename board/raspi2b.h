/*
 * Raspberry Pi 2 Model B (QEMU -M raspi2b, BCM2836, 4x Cortex-A7). RAM
 * starts at 0; the top 64 MB of the 1 GB belong to the VideoCore and the
 * peripherals sit at 0x3F000000, so the ARM gets 960 MB.
 */
#define BOARD_NAME        "raspi2b"
#define PHYS_OFFSET       0x00000000
#define BOARD_RAM_SIZE    0x3c000000   /* 960 MB */
#define BOARD_RAM_MAX     0x3c000000
#define BOARD_UART_PHYS   0x3f201000   /* PL011 UART0 */
#define BOARD_SYS_LED     0            /* no SYS_LED: the ACT LED is GPIO 47 */
#define BOARD_CYCLE_COUNTER CYCLES_PMCCNTR
