/*
 * Faults nobody expects: the handler must print its report and stop the
 * kernel with a failing exit status. Each case ends the kernel, so the
 * suite is manual (ktest=crash) and crash=<kind> picks the fault; the
 * host runner (tests/target/crash-*.ktest) checks the status and report.
 */
#include "asm/sections.h"
#include "asm/memory.h"
#include "cmdline.h"
#include "printk.h"
#include "sched.h"
#include "string.h"
#include "ktest.h"

CMDLINE_PARAM(crash, "crash=KIND", "the crash suite's fault: null, undef, exec, text, stack-end");

static uint32_t data_word = 0xe12fff1e; /* bx lr, in XN data */

static void unhandled_fault(struct ktest *t)
{
	char kind[16] = "";

	cmdline_value("crash", kind, sizeof(kind));
	printk("crash: provoking '%s'\n", kind);
	if (!strcmp(kind, "null")) {
		/* cppcheck-suppress nullPointer ; the fault this case is about */
		printk("crash: read %08x\n", *(volatile uint32_t *)0);
	} else if (!strcmp(kind, "text")) {
		*(volatile uint32_t *)(_text + 0x40) = 0;
	} else if (!strcmp(kind, "exec")) {
		((void (*)(void))(uintptr_t)&data_word)();
	} else if (!strcmp(kind, "undef")) {
		__asm__ volatile(".word 0xe7f000f0");
	} else if (!strcmp(kind, "stack-end")) {
		/* A process whose kernel stack end is overwritten: its first switch-out panics. */
		int err;
		struct task_struct *p = process_create_on("spin", 0, 0, 1u << smp_processor_id(),
							  &err);

		if (!p) {
			ktest_fail(t, __FILE__, __LINE__, "no spin process: %d", err);
			return;
		}
		*(volatile uint32_t *)p->stack = 0;
		for (unsigned i = 0; i < 100; i++)
			schedule(); /* it runs until the tick ends its slice */
	} else {
		ktest_fail(t, __FILE__, __LINE__,
			   "crash=%s: expected null, text, exec, undef or stack-end", kind);
		return;
	}
	ktest_fail(t, __FILE__, __LINE__, "the kernel survived an unhandled fault");
}

static const struct ktest_case crash_cases[] = {
	KTEST_CASE(unhandled_fault),
};
KTEST_SUITE_MANUAL("crash", crash_cases);
