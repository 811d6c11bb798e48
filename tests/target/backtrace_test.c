/*
 * The call trace (arch/arm/kernel/unwind.c, dump_stack() in traps.c): a
 * chain of three functions of known names calls dump_stack(), and the
 * lines it printed, read back from the console, must name each of them
 * in order, each "from" its caller at the exact return address the
 * hardware's lr held (recorded by the callee itself), and go on past the
 * test to the ktest runner. A wrong table lookup, a wrong opcode or a
 * stack read off by a word prints another caller or offset, or stops.
 */
#include "printk.h"
#include "string.h"
#include "ktest.h"

/* The console's text while a trace prints (one trace is about 0.5 KB). */
static char captured[2048];
static unsigned captured_len;
static console_putc_t real_putc;

static void capture_putc(char c)
{
	if (captured_len < sizeof(captured) - 1)
		captured[captured_len++] = c;
	real_putc(c);
}

/* Where each link of the chain returns to: __builtin_return_address(0) inside it. */
static void *ret_a, *ret_b, *ret_c;

static __attribute__((noinline)) void backtrace_test_c(void)
{
	ret_c = __builtin_return_address(0);
	dump_stack();
	__asm__ volatile(""); /* no tail call: the frame must stay */
}

static __attribute__((noinline)) void backtrace_test_b(void)
{
	ret_b = __builtin_return_address(0);
	backtrace_test_c();
	__asm__ volatile("");
}

static __attribute__((noinline)) void backtrace_test_a(void)
{
	ret_a = __builtin_return_address(0);
	backtrace_test_b();
	__asm__ volatile("");
}

/* The line after *pos that contains want; moves *pos past it. */
static bool find_line(const char **pos, const char *want)
{
	const char *hit = strstr(*pos, want);

	if (!hit)
		return false;
	*pos = hit + strlen(want);
	return true;
}

static void dump_stack_names_the_chain(struct ktest *t)
{
	char want[4][96];
	const char *pos = captured;

	captured_len = 0;
	real_putc = console_set_putc(capture_putc);
	KASSERT_TRUE(t, real_putc);
	backtrace_test_a();
	console_set_putc(real_putc);
	captured[captured_len] = '\0';

	/* Each line is " callee from caller+off/size", the offset that of the return address. */
	snprintf(want[0], sizeof(want[0]), " dump_stack from %ps+", backtrace_test_c);
	snprintf(want[1], sizeof(want[1]), " backtrace_test_c from %pS\r\n", ret_c);
	snprintf(want[2], sizeof(want[2]), " backtrace_test_b from %pS\r\n", ret_b);
	snprintf(want[3], sizeof(want[3]), " backtrace_test_a from %pS\r\n", ret_a);
	KEXPECT_TRUE(t, find_line(&pos, "CPU: "));
	KEXPECT_TRUE(t, find_line(&pos, "Call trace: \r\n"));
	for (unsigned i = 0; i < ARRAY_SIZE(want); i++) {
		if (!find_line(&pos, want[i])) {
			ktest_fail(t, __FILE__, __LINE__, "no line \"%s\" after the ones before",
				   want[i]);
			return;
		}
	}
	/* ...and beyond the test, up to the runner that called it. */
	KEXPECT_TRUE(t, find_line(&pos, " dump_stack_names_the_chain from ktest_"));
	KEXPECT_TRUE(t, !strstr(captured, "(unwind stopped"));
}

static const struct ktest_case backtrace_cases[] = {
	KTEST_CASE_REPORTS(dump_stack_names_the_chain),
};
KTEST_SUITE("backtrace", backtrace_cases);
