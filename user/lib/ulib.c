/* The user library (see ulib.h). Formatting and string functions are lib/'s, built again for user mode. */
#include "ulib.h"

int failures;

long syscall6(long nr, long a, long b, long c, long d, long e, long f)
{
	register long r0 __asm__("r0") = a;
	register long r1 __asm__("r1") = b;
	register long r2 __asm__("r2") = c;
	register long r3 __asm__("r3") = d;
	register long r4 __asm__("r4") = e;
	register long r5 __asm__("r5") = f;
	register long r7 __asm__("r7") = nr;

	__asm__ volatile("svc #0"
			 : "+r"(r0)
			 : "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5), "r"(r7)
			 : "memory");
	return r0;
}

void exit(int code)
{
	syscall(__NR_exit, code);
	for (;;)
		;
}

int printf(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	write(1, buf, n < (int)sizeof(buf) ? (unsigned)n : sizeof(buf) - 1);
	return n;
}

void sleep_ms(unsigned ms)
{
	struct uapi_timespec ts = { (long)(ms / 1000), (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, 0);
}
