/*
 * Blink the board LED from user space: open /dev/led, read how its
 * registers work, mmap them and write them directly. arg0 is the number of
 * blinks; arg1 = 1 makes each state last half a second and announces it
 * with a "LEDCHECK <register> <mask> <value>" line for an outside observer
 * (scripts/led-check); with arg1 = 0 the program yields after each change
 * instead, for the kernel test to read the register itself.
 */
#include "ulib.h"

static struct led_user_info info;
static volatile char *regs;
static unsigned switched_on;

static void led_set(int on)
{
	volatile unsigned *reg = (volatile unsigned *)(regs +
						       (on ? info.on_offset : info.off_offset));

	if (info.rmw)
		*reg = on ? *reg | info.on_value : *reg & ~info.off_value;
	else
		*reg = on ? info.on_value : info.off_value;
	switched_on += on;
}

static void hold(int announce, int on)
{
	if (!announce) {
		sched_yield();
		return;
	}
	printf("LEDCHECK %#x %#x %#x\n", info.observe_phys, info.observe_mask,
	       on ? info.observe_mask : 0);
	sleep_ms(500);
}

int main(unsigned blinks, unsigned announce)
{
	long fd = open("/dev/led", O_RDWR);

	if (fd < 0) {
		printf("blink: no /dev/led (%ld)\n", fd);
		return 2;
	}
	CHECK_EQ(read(fd, &info, sizeof(info)), sizeof(info));
	regs = mmap(0, info.map_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (mmap_err((void *)regs))
		return 3;
	printf("blink: LED registers mapped at %p\n", regs);
	for (unsigned i = 0; i < blinks; i++) {
		led_set(1);
		hold(announce, 1);
		led_set(0);
		hold(announce, 0);
	}
	if (announce)
		printf("LEDTRACE line=%u on=%u\n", info.trace_line, switched_on);
	CHECK_EQ(munmap((void *)regs, info.map_size), 0);
	CHECK_EQ(close(fd), 0);
	return failures;
}
