/* ARM semihosting calls: `svc 0x123456` in ARM state, r0 = operation, r1 = argument. */
#include "asm/semihost.h"
#include "string.h"

#define SYS_GET_CMDLINE              0x15
#define SYS_EXIT_EXTENDED            0x20
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

static int semihost_call(uint32_t op, void *arg)
{
	register uint32_t r0 __asm__("r0") = op;
	register void *r1 __asm__("r1") = arg;

	/* Taken in SVC mode on hardware, the exception overwrites lr. */
	__asm__ volatile("svc 0x123456" : "+r"(r0) : "r"(r1) : "memory", "lr");
	return (int)r0;
}

void semihost_exit(int status)
{
	uint32_t block[2] = { ADP_STOPPED_APPLICATION_EXIT, (uint32_t)status };

	semihost_call(SYS_EXIT_EXTENDED, block);
}

int semihost_get_cmdline(char *buf, size_t size)
{
	uint32_t block[2] = { (uint32_t)(uintptr_t)buf, size };

	if (size == 0)
		return -1;
	buf[0] = '\0';
	if (semihost_call(SYS_GET_CMDLINE, block) != 0)
		return -1;
	buf[size - 1] = '\0';
	/*
	 * The host gives argv[0] first (QEMU: the arg=kernel of
	 * -semihosting-config): a program name, not a boot parameter.
	 */
	char *args = buf;

	while (*args && *args != ' ')
		args++;
	while (*args == ' ')
		args++;
	memmove(buf, args, strlen(args) + 1);
	return 0;
}
