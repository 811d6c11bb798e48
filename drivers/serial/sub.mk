# drivers/serial: the PL011 console.
src-y += pl011.c
