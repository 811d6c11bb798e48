/*
 * led on | off | blink N: the board LED, driven through an mmap of
 * /dev/led's registers (see user/blink.c); blink holds each state for
 * half a second, so an observer outside QEMU sees every change.
 */
#include "ulib.h"

static struct led_user_info info;
static volatile char *regs;

static void led_set(int on)
{
	volatile unsigned *reg = (volatile unsigned *)(regs +
						       (on ? info.on_offset : info.off_offset));

	if (info.rmw)
		*reg = on ? *reg | info.on_value : *reg & ~info.off_value;
	else
		*reg = on ? info.on_value : info.off_value;
}

static int usage(void)
{
	printf("usage: led on|off|blink N\n");
	return 2;
}

int main(int argc, char **argv)
{
	long fd, n = 0;

	if (!argv || argc < 2)
		return usage();
	if (!strcmp(argv[1], "blink") && (argc < 3 || parse_long(argv[2], &n) || n < 0))
		return usage();
	if (strcmp(argv[1], "on") && strcmp(argv[1], "off") && strcmp(argv[1], "blink"))
		return usage();
	fd = open("/dev/led", O_RDWR);
	if (fd < 0) {
		printf("led: /dev/led: %s\n", strerror(fd));
		return 1;
	}
	if (read(fd, &info, sizeof(info)) != sizeof(info)) {
		printf("led: cannot read /dev/led\n");
		return 1;
	}
	regs = mmap(0, info.map_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (mmap_err((void *)regs)) {
		printf("led: mmap: %s\n", strerror(mmap_err((void *)regs)));
		return 1;
	}
	if (!strcmp(argv[1], "blink")) {
		for (long i = 0; i < n; i++) {
			led_set(1);
			sleep_ms(500);
			led_set(0);
			sleep_ms(500);
		}
	} else {
		led_set(!strcmp(argv[1], "on"));
	}
	munmap((void *)regs, info.map_size);
	close(fd);
	return 0;
}
