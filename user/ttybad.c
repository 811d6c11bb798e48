/*
 * The tty and kill calls with bad arguments, from user space: each must
 * fail with Linux's errno. Exits with the number of failed checks.
 */
#include "ulib.h"

int main(void)
{
	int pid = (int)getpid(), got = -1;
	long led;

	/* TIOCSPGRP / TIOCGPGRP */
	CHECK_EQ(ioctl(0, UAPI_TIOCSPGRP, 0), -14);                  /* NULL */
	CHECK_EQ(ioctl(0, UAPI_TIOCSPGRP, (void *)0xc0000000), -14); /* the kernel */
	CHECK_EQ(ioctl(0, UAPI_TIOCGPGRP, (void *)0xbfffffff), -14); /* straddles TASK_SIZE */
	CHECK_EQ(tcsetpgrp(0, -1), -22);
	CHECK_EQ(tcsetpgrp(0, -2147483647 - 1), -22);
	CHECK_EQ(tcsetpgrp(0, 2147483647), -3);
	CHECK_EQ(tcsetpgrp(0, pid), 0);
	CHECK_EQ(ioctl(0, UAPI_TIOCGPGRP, &got), 0);
	CHECK_EQ(got, pid);
	CHECK_EQ(tcgetpgrp(2), pid);
	CHECK_EQ(ioctl(0, 0x5401 /* TCGETS: not here */, &got), -25);
	CHECK_EQ(ioctl(0, 0xffffffffu, &got), -25);
	CHECK_EQ(ioctl(-1, UAPI_TIOCGPGRP, &got), -9);
	CHECK_EQ(ioctl(8, UAPI_TIOCGPGRP, &got), -9);
	CHECK_EQ(ioctl(0x7fffffff, UAPI_TIOCGPGRP, &got), -9);
	led = open("/dev/led", O_RDONLY);
	if (led >= 0) {
		CHECK_EQ(ioctl((int)led, UAPI_TIOCGPGRP, &got), -25); /* not a tty */
		close(led);
	}
	/* kill */
	CHECK_EQ(kill(pid, 0), 0);
	CHECK_EQ(kill(pid, -1), -22);
	CHECK_EQ(kill(pid, 32), -22);
	CHECK_EQ(kill(pid, 0x7fffffff), -22);
	CHECK_EQ(kill(pid, -2147483647 - 1), -22);
	CHECK_EQ(kill(0, SIGTERM), -1);
	CHECK_EQ(kill(-1, SIGTERM), -3);
	CHECK_EQ(kill(-2147483647 - 1, SIGTERM), -3);
	CHECK_EQ(kill(2147483647, SIGTERM), -3);
	CHECK_EQ(kill(2147483647, 0), -3);
	CHECK_EQ(kill(pid, 17), 0); /* SIGCHLD: ignored by default, it goes on */
	/* read of the console with a length that reaches the kernel: refused before it blocks */
	CHECK_EQ(read(0, (void *)0xbffff000, 0x2000), -14);
	CHECK_EQ(read(0, (void *)0x10000, 0xffffffffu), -14);
	return failures;
}
