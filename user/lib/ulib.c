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

const char *strerror(long err)
{
	static char other[16];

	switch (-err) {
	case 1: return "Operation not permitted";
	case 2: return "No such file or directory";
	case 3: return "No such process";
	case 4: return "Interrupted system call";
	case 9: return "Bad file descriptor";
	case 10: return "No child processes";
	case 11: return "Resource temporarily unavailable";
	case 12: return "Cannot allocate memory";
	case 13: return "Permission denied";
	case 14: return "Bad address";
	case 20: return "Not a directory";
	case 21: return "Is a directory";
	case 22: return "Invalid argument";
	case 24: return "Too many open files";
	case 25: return "Inappropriate ioctl for device";
	case 36: return "File name too long";
	case 38: return "Function not implemented";
	default: snprintf(other, sizeof(other), "Error %ld", -err); return other;
	}
}

int parse_long(const char *s, long *out)
{
	long v = 0;
	int neg = *s == '-';

	s += neg;
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > 100000000)
			return -1;
		v = v * 10 + (*s - '0');
	}
	*out = neg ? -v : v;
	return 0;
}
