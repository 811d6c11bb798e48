/*
 * On-target self-tests reported in KTAP (the format of Linux's KUnit):
 *
 *   KTAP version 1
 *   1..<suites>
 *       KTAP version 1
 *       # Subtest: <suite>
 *       1..<cases>
 *       ok 1 <case>
 *   ok 1 <suite>
 *
 * A suite is a list of cases registered with KTEST_SUITE(); a case fails
 * when any KEXPECT_* in it fails (KASSERT_* also returns from the case).
 * The boot argument ktest=<suite>[,<suite>...] picks suites; ktest=off
 * runs none; manual suites run only when named. machine_halt() reports 0 only when every case passed.
 */
#ifndef KTEST_H
#define KTEST_H

#include "kernel.h"

struct ktest {
	const char *name;
	bool failed;
	bool skipped;
	const char *skip_reason;
	unsigned checks;
};

struct ktest_case {
	const char *name;
	void (*run)(struct ktest *t);
	bool reports; /* provokes BUG:/WARNING:/fault reports on purpose: they print as expected */
};

struct ktest_suite {
	const char *name;
	const struct ktest_case *cases;
	unsigned count;
	bool manual; /* only runs when named in ktest=, never in "all" */
};

#define KTEST_CASE(fn)         \
	{                      \
#fn, fn, false \
	}
/*
 * A case whose point is to provoke reports (misuse caught, a process
 * killed by its fault): every line printed while it runs is marked with
 * PRINTK_EXPECT_PREFIX, except the case's own KTAP lines; ktest-run fails
 * a boot on any report outside such a case.
 */
#define KTEST_CASE_REPORTS(fn) \
	{                      \
#fn, fn, true  \
	}
#define __KTEST_SUITE(suite_name, case_array, is_manual)                                      \
	static const struct ktest_suite __ktest_suite_##case_array __section(".ktest_suites") \
		__used = { suite_name, case_array, ARRAY_SIZE(case_array), is_manual }
#define KTEST_SUITE(suite_name, case_array) __KTEST_SUITE(suite_name, case_array, false)
/* For suites that end the kernel on purpose (e.g. an unhandled fault). */
#define KTEST_SUITE_MANUAL(suite_name, case_array) __KTEST_SUITE(suite_name, case_array, true)

void ktest_fail(struct ktest *t, const char *file, int line, const char *fmt, ...) __printf(4, 5);
/* A "# " diagnostic line inside the current case. */
void ktest_log(const char *fmt, ...) __printf(1, 2);
void ktest_skip(struct ktest *t, const char *reason);

#define KEXPECT_TRUE(t, cond)                                                    \
	do {                                                                     \
		(t)->checks++;                                                   \
		if (!(cond))                                                     \
			ktest_fail(t, __FILE__, __LINE__, "expected %s", #cond); \
	} while (0)

#define KEXPECT_EQ(t, a, b)                                                                     \
	do {                                                                                    \
		unsigned long long _a = (unsigned long long)(a);                                \
		unsigned long long _b = (unsigned long long)(b);                                \
		(t)->checks++;                                                                  \
		if (_a != _b)                                                                   \
			ktest_fail(t, __FILE__, __LINE__, "%s == %s: 0x%llx != 0x%llx", #a, #b, \
				   _a, _b);                                                     \
	} while (0)

#define KEXPECT_PTR_EQ(t, a, b)                                                                  \
	do {                                                                                     \
		const void *_a = (a), *_b = (b);                                                 \
		(t)->checks++;                                                                   \
		if (_a != _b)                                                                    \
			ktest_fail(t, __FILE__, __LINE__, "%s == %s: %p != %p", #a, #b, _a, _b); \
	} while (0)

#define KEXPECT_NE(t, a, b)                                                                     \
	do {                                                                                    \
		unsigned long long _a = (unsigned long long)(a);                                \
		unsigned long long _b = (unsigned long long)(b);                                \
		(t)->checks++;                                                                  \
		if (_a == _b)                                                                   \
			ktest_fail(t, __FILE__, __LINE__, "%s != %s: both 0x%llx", #a, #b, _a); \
	} while (0)

#define KASSERT_TRUE(t, cond)          \
	do {                           \
		KEXPECT_TRUE(t, cond); \
		if ((t)->failed)       \
			return;        \
	} while (0)

#define KASSERT_EQ(t, a, b)          \
	do {                         \
		KEXPECT_EQ(t, a, b); \
		if ((t)->failed)     \
			return;      \
	} while (0)

/* Run the selected suites; returns the number of failed cases. */
int ktest_run_all(const char *filter);

/* The registered suites or cases, in link order (linker.ld). */
extern const struct ktest_suite __ktest_suites_start[], __ktest_suites_end[];

#endif
