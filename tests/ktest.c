/* The KTAP runner for on-target self-tests. */
#include <stdarg.h>
#include "cmdline.h"
#include "init.h"
#include "ktest.h"
#include "printk.h"
#include "string.h"

CMDLINE_PARAM(ktest, "ktest=SUITE,...",
	      "the self-test suites to run: all (default), off, or names");

static struct ktest *current_test;
static bool current_reports; /* the running case is a KTEST_CASE_REPORTS */

/* The case's own diagnostics are not among the reports it expects: never marked. */
static void ktest_diag(const char *name, const char *lead, const char *fmt, va_list ap)
{
	if (current_reports)
		printk_expect_end();
	printk("    # %s: %s", name, lead);
	vprintk(fmt, ap);
	printk("\n");
	if (current_reports)
		printk_expect_begin();
}

void ktest_fail(struct ktest *t, const char *file, int line, const char *fmt, ...)
{
	char where[96];
	va_list ap;

	t->failed = true;
	snprintf(where, sizeof(where), "FAIL at %s:%d: ", file, line);
	va_start(ap, fmt);
	ktest_diag(t->name, where, fmt, ap);
	va_end(ap);
}

void ktest_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ktest_diag(current_test ? current_test->name : "", "", fmt, ap);
	va_end(ap);
}

void ktest_skip(struct ktest *t, const char *reason)
{
	t->skipped = true;
	t->skip_reason = reason;
}

/* Is name in the comma-separated filter list? An empty filter selects all. */
static bool selected(const char *filter, const struct ktest_suite *s)
{
	const char *name = s->name;
	size_t n = strlen(name);

	if (!filter || !*filter || !strcmp(filter, "all"))
		return !s->manual;
	for (const char *p = filter; *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len == n && !strncmp(p, name, n))
			return true;
		p += len + (end ? 1 : 0);
	}
	return false;
}

int ktest_run_all(const char *filter)
{
	unsigned nsuites = 0, index = 0, passed = 0, failed = 0, skipped = 0;

	for (const struct ktest_suite *s = __ktest_suites_start; s < __ktest_suites_end; s++)
		nsuites += selected(filter, s);

	printk("KTAP version 1\n1..%u\n", nsuites);
	for (const struct ktest_suite *s = __ktest_suites_start; s < __ktest_suites_end; s++) {
		bool suite_failed = false;

		if (!selected(filter, s))
			continue;
		printk("    KTAP version 1\n    # Subtest: %s\n    1..%u\n", s->name, s->count);
		for (unsigned i = 0; i < s->count; i++) {
			struct ktest t = { .name = s->cases[i].name };

			current_test = &t;
			current_reports = s->cases[i].reports;
			if (current_reports)
				printk_expect_begin();
			s->cases[i].run(&t);
			if (current_reports)
				printk_expect_end();
			current_reports = false;
			current_test = NULL;
			if (t.skipped && !t.failed) {
				printk("    ok %u %s # SKIP %s\n", i + 1, t.name, t.skip_reason);
				skipped++;
			} else {
				printk("    %s %u %s\n", t.failed ? "not ok" : "ok", i + 1, t.name);
				if (t.failed) {
					failed++;
					suite_failed = true;
				} else {
					passed++;
				}
			}
		}
		printk("%s %u %s\n", suite_failed ? "not ok" : "ok", ++index, s->name);
	}
	printk("# Totals: pass:%u fail:%u skip:%u total:%u\n", passed, failed, skipped,
	       passed + failed + skipped);
	return (int)failed;
}

/* The suite called name[0..len), or NULL. */
static const struct ktest_suite *suite_named(const char *name, size_t len)
{
	for (const struct ktest_suite *s = __ktest_suites_start; s < __ktest_suites_end; s++)
		if (strlen(s->name) == len && !strncmp(s->name, name, len))
			return s;
	return NULL;
}

/*
 * Names in the filter that no suite has: each is refused with the list of
 * the suites there are, so that a typo (ktest=vmallo) fails the boot
 * instead of running nothing and passing. Returns how many.
 */
static unsigned unknown_suites(const char *filter)
{
	unsigned bad = 0;

	for (const char *p = filter; *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (!suite_named(p, len)) {
			printk("ktest: no suite named '%.*s'; the suites are:", (int)len, p);
			for (const struct ktest_suite *s = __ktest_suites_start;
			     s < __ktest_suites_end; s++)
				printk(" %s%s", s->name, s->manual ? " (only when named)" : "");
			printk(", or all, or off\n");
			bad++;
		}
		p += len + (end ? 1 : 0);
	}
	return bad;
}

/* ktest= picks the suites (all by default, none with ktest=off); the benchmarks' boot runs none. */
static int ktest_boot(void)
{
	char filter[128] = "all";
	unsigned bad;

	if (cmdline_flag("bench") || cmdline_value("bench", filter, sizeof(filter)))
		return 0;
	cmdline_value("ktest", filter, sizeof(filter));
	if (!strcmp(filter, "off"))
		return 0;
	if (strcmp(filter, "all") && (bad = unknown_suites(filter)))
		return (int)bad;
	return ktest_run_all(filter);
}
test_initcall(ktest_boot);
