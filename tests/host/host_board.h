/* Host builds of portable code: a fixed pretend board, so headers resolve. */
#define BOARD_NAME          "host"
#define PHYS_OFFSET         0x60000000
#define BOARD_RAM_SIZE      0x40000000
#define BOARD_RAM_MAX       0x40000000
#define BOARD_UART_PHYS     0x10009000
#define BOARD_SYS_LED       0x10000008
#define BOARD_CYCLE_COUNTER 0
