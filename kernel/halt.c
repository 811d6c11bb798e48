/*
 * Where the kernel ends: machine_halt() hands the exit status to a
 * debugger or QEMU (semihosting); when nobody takes it (real hardware),
 * idle_forever() runs the idle hook a driver registered (the LED
 * heartbeat: drivers/gpio/heartbeat.c) and idles with interrupts on.
 */
#include "asm/irqflags.h"
#include "asm/semihost.h"
#include "kernel.h"

static void (*idle_hook)(void);

void set_idle_hook(void (*fn)(void))
{
	idle_hook = fn;
}

void __noreturn machine_halt(int status)
{
	semihost_exit(status);
	/* Nobody took the exit status (real hardware): keep the LED blinking. */
	idle_forever();
}

void __noreturn idle_forever(void)
{
	if (idle_hook)
		idle_hook();
	local_irq_enable();
	for (;;)
		cpu_idle();
}
