/*
 * kmemleak (mm/kmemleak.c): leaks planted on purpose are reported with the
 * function that planted them, objects still referenced (from another live
 * object, from a stack, from .data, by a pointer into their middle) are
 * not, and nothing else in the whole boot is. A manual suite: it needs the
 * boot argument kmemleak=on (tests/target/virt-kmemleak.ktest).
 *
 * The first case plants and scans once; the report it reads back (the text
 * of /proc/kmemleak) is kept for the cases after it. Planted pointers are
 * kept complemented, so that the test's own variables do not reference them.
 */
#include "kmemleak.h"
#include "printk.h"
#include "seq_file.h"
#include "slab.h"
#include "string.h"
#include "timer.h"
#include "vmalloc.h"
#include "ktest.h"

#define HIDE(p) (~(uintptr_t)(p))

struct chain {
	struct chain *next;
	char payload[60];
};

static struct kmem_cache *leak_cache;
/* The leaks, hidden; their sizes as reported. */
static uintptr_t leaked_kmalloc, leaked_vmalloc, leaked_cache_obj;
/* Referenced: a chain head in .data holding the only pointer to the next object. */
static struct chain *held_head = (struct chain *)1;
static uintptr_t held_second;
/* Referenced only through a pointer into its middle. */
static char *volatile held_middle = (char *)1; /* volatile: never read, kept */
static uintptr_t held_middle_obj;
static uintptr_t held_on_stack;

static int first_scan = -1;
static char report[4096];
static size_t report_len;

static bool kmemleak_off(struct ktest *t)
{
	if (!kmemleak_enabled)
		ktest_skip(t, "boot with kmemleak=on");
	return !kmemleak_enabled;
}

static __attribute__((noinline)) void kmemleak_plant_kmalloc(void)
{
	leaked_kmalloc = HIDE(kmalloc(100, GFP_KERNEL));
}

static __attribute__((noinline)) void kmemleak_plant_vmalloc(void)
{
	leaked_vmalloc = HIDE(vmalloc(3 * PAGE_SIZE));
}

static __attribute__((noinline)) void kmemleak_plant_cache_object(void)
{
	leaked_cache_obj = HIDE(kmem_cache_alloc(leak_cache, GFP_KERNEL));
}

static __attribute__((noinline)) void kmemleak_keep_referenced(void)
{
	held_head = kzalloc(sizeof(*held_head), GFP_KERNEL);
	if (held_head) {
		held_head->next = kzalloc(sizeof(*held_head), GFP_KERNEL);
		held_second = HIDE(held_head->next);
	}
	held_middle_obj = HIDE(kmalloc(256, GFP_KERNEL));
	held_middle = (char *)~held_middle_obj + 200;
}

/* Clear the dead frames below the caller, where planted pointers may linger. */
static __attribute__((noinline)) void wipe_stack(void)
{
	volatile char buf[2048];

	for (unsigned i = 0; i < sizeof(buf); i++)
		buf[i] = 0;
}

/* The report's text (what /proc/kmemleak shows) into report[]. */
static void read_report(void)
{
	struct seq_file m = { .buf = report, .size = sizeof(report) - 1 };

	kmemleak_seq_show(&m);
	report_len = m.count;
	report[report_len] = '\0';
}

static bool report_has(const char *s)
{
	size_t n = strlen(s);

	for (size_t i = 0; i + n <= report_len; i++)
		if (!memcmp(report + i, s, n))
			return true;
	return false;
}

static unsigned report_count(const char *s)
{
	size_t n = strlen(s);
	unsigned c = 0;

	for (size_t i = 0; i + n <= report_len; i++)
		c += !memcmp(report + i, s, n);
	return c;
}

/* Is the object at hidden address h reported (with its size and the planter's name)? */
static bool reported(uintptr_t h, unsigned size, const char *fn)
{
	char line[80];

	snprintf(line, sizeof(line), "unreferenced object 0x%08lx (size %u):", (unsigned long)~h,
		 size);
	if (!report_has(line))
		return false;
	if (!fn)
		return true;
	snprintf(line, sizeof(line), "] %s+0x", fn);
	return report_has(line);
}

static bool address_reported(uintptr_t h)
{
	char line[40];

	snprintf(line, sizeof(line), "unreferenced object 0x%08lx ", (unsigned long)~h);
	return report_has(line);
}

/* Plant, age, scan once; the report is kept for the cases below. */
static void planted_leaks_are_reported(struct ktest *t)
{
	volatile uintptr_t on_stack; /* a live frame's only reference */
	bool tick = tick_active();

	if (kmemleak_off(t))
		return;
	leak_cache = kmem_cache_create("kmemleak_test", 48, 0, 0, NULL);
	KASSERT_TRUE(t, leak_cache);
	kmemleak_plant_kmalloc();
	kmemleak_plant_vmalloc();
	kmemleak_plant_cache_object();
	kmemleak_keep_referenced();
	on_stack = (uintptr_t)kmalloc(32, GFP_KERNEL);
	held_on_stack = HIDE(on_stack);
	KASSERT_TRUE(t, leaked_kmalloc != HIDE(NULL) && leaked_vmalloc != HIDE(NULL) &&
				leaked_cache_obj != HIDE(NULL) && held_head && on_stack);
	wipe_stack();
	KASSERT_TRUE(t, tick || !tick_init());
	tick_wait(KMEMLEAK_MIN_AGE + 1);
	if (!tick)
		tick_stop();
	first_scan = kmemleak_scan();
	read_report();
	ktest_log("first scan: %d new leaks, %u objects tracked", first_scan,
		  kmemleak_nr_objects());
	KEXPECT_TRUE(t, reported(leaked_kmalloc, 128, "kmemleak_plant_kmalloc"));
	KEXPECT_TRUE(t, reported(leaked_vmalloc, 3 * PAGE_SIZE, "kmemleak_plant_vmalloc"));
	KEXPECT_TRUE(t, reported(leaked_cache_obj, 48, "kmemleak_plant_cache_object"));
	KEXPECT_TRUE(t, report_has("  comm \"kernel\", pid 0, jiffies "));
	KEXPECT_TRUE(t, !address_reported(held_on_stack));
	kfree((void *)on_stack);
}

static void object_referenced_from_object_is_not_reported(struct ktest *t)
{
	if (kmemleak_off(t))
		return;
	KASSERT_TRUE(t, first_scan >= 0);
	KEXPECT_TRUE(t, !address_reported(held_second));
}

static void objects_referenced_from_data_or_stack_are_not_reported(struct ktest *t)
{
	if (kmemleak_off(t))
		return;
	KASSERT_TRUE(t, first_scan >= 0);
	KEXPECT_TRUE(t, !address_reported(HIDE(held_head)));
	KEXPECT_TRUE(t, !address_reported(held_middle_obj)); /* only a pointer into its middle */
	KEXPECT_TRUE(t, !address_reported(held_on_stack));
}

/* Zero false positives: the three planted leaks are the boot's only ones. */
static void nothing_else_is_reported(struct ktest *t)
{
	if (kmemleak_off(t))
		return;
	KEXPECT_EQ(t, first_scan, 3);
	KEXPECT_EQ(t, report_count("unreferenced object "), 3);
	if (report_count("unreferenced object ") != 3)
		ktest_log("report:\n%s", report);
}

/* A second scan reports nothing new; a leak younger than the minimum age waits. */
static void each_leak_reported_once_and_not_young(struct ktest *t)
{
	uintptr_t young;

	if (kmemleak_off(t))
		return;
	young = HIDE(kmalloc(24, GFP_KERNEL));
	wipe_stack();
	KEXPECT_EQ(t, kmemleak_scan(), 0);
	read_report();
	KEXPECT_EQ(t, report_count("unreferenced object "), 3);
	KEXPECT_TRUE(t, !address_reported(young));
	kfree((void *)~young);
}

/* Freed, a leak's record goes: the report is empty again, and so is the test's memory. */
static void freed_leaks_leave_the_report(struct ktest *t)
{
	unsigned before;

	if (kmemleak_off(t))
		return;
	before = kmemleak_nr_objects();
	kfree((void *)~leaked_kmalloc);
	vfree((void *)~leaked_vmalloc);
	kmem_cache_free(leak_cache, (void *)~leaked_cache_obj);
	kfree((void *)~held_second);
	kfree(held_head);
	kfree((void *)~held_middle_obj);
	held_head = NULL;
	held_middle = NULL;
	KEXPECT_EQ(t, kmemleak_nr_objects(), before - 6);
	KEXPECT_EQ(t, kmem_cache_destroy(leak_cache), 0);
	read_report();
	KEXPECT_EQ(t, report_len, 0);
	KEXPECT_EQ(t, kmemleak_scan(), 0);
}

static const struct ktest_case kmemleak_cases[] = {
	KTEST_CASE_REPORTS(planted_leaks_are_reported),
	KTEST_CASE(object_referenced_from_object_is_not_reported),
	KTEST_CASE(objects_referenced_from_data_or_stack_are_not_reported),
	KTEST_CASE(nothing_else_is_reported),
	KTEST_CASE(each_leak_reported_once_and_not_young),
	KTEST_CASE(freed_leaks_leave_the_report),
};
KTEST_SUITE_MANUAL("kmemleak", kmemleak_cases);
