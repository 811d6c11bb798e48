/*
 * Fault injection for the page allocator (include/fault-inject.h): the
 * decision Linux's should_fail_ex() makes, its report, and the arming,
 * which switches the page allocator's fast paths off while it lasts.
 */
#include "fault-inject.h"
#include "mm.h"
#include "printk.h"

/* Set by setup_fail_page_alloc() or fail_page_alloc_nth(). */
struct fail_page_alloc_attr fail_page_alloc;
bool fail_page_alloc_armed;
unsigned long fail_page_alloc_fired;

/* The probability's dice: a linear congruential generator is random enough for tests. */
static uint32_t fail_seed = 1;

static unsigned dice_percent(void)
{
	fail_seed = fail_seed * 1664525u + 1013904223u;
	return (fail_seed >> 16) % 100;
}

/* Arm or disarm, and rebuild the fast tables, which page_alloc_init_fast() rigs while armed. */
static void fail_page_alloc_set_armed(bool armed)
{
	fail_page_alloc_armed = armed;
	page_alloc_init_fast();
}

/* One decimal number, maybe negative, ending at end: false on anything else. */
static bool parse_int(const char **s, char end, long *out)
{
	const char *p = *s;
	bool neg = *p == '-';
	long v = 0;

	p += neg;
	if (*p < '0' || *p > '9')
		return false;
	for (; *p >= '0' && *p <= '9'; p++) {
		v = v * 10 + (*p - '0');
		if (v > 0x7fffffffL)
			return false;
	}
	if (*p != end)
		return false;
	*s = p + (end != '\0');
	*out = neg ? -v : v;
	return true;
}

bool setup_fail_page_alloc(const char *str)
{
	long v[4];

	for (int i = 0; i < 4; i++)
		if (!parse_int(&str, i < 3 ? ',' : '\0', &v[i]))
			return false;
	if (v[0] < 0 || v[1] < 0 || v[1] > 100 || v[2] < 0 || v[3] < -1)
		return false;
	fail_page_alloc = (struct fail_page_alloc_attr){
		.attr = {
			.interval = v[0] ? (unsigned long)v[0] : 1, /* Linux reads 0 as 1 too */
			.probability = (unsigned long)v[1],
			.space = (int)v[2],
			.times = (int)v[3],
		},
		.ignore_gfp_highmem = true, /* Linux's defaults */
		.ignore_gfp_wait = true,
		.min_order = 1,
	};
	fail_page_alloc_set_armed(true);
	return true;
}

void fail_page_alloc_nth(unsigned long nth)
{
	fail_page_alloc = (struct fail_page_alloc_attr){
		.attr = { .interval = 1, .probability = 0, .times = nth ? 1 : 0, .nth = nth },
	};
	fail_page_alloc_set_armed(true);
}

unsigned long fail_page_alloc_disarm(void)
{
	fail_page_alloc_set_armed(false);
	return fail_page_alloc.attr.count;
}

/* Linux's fail_dump(): the attributes, then the trace of the allocation that is made to fail. */
static void fail_dump(const struct fault_attr *attr)
{
	printk("FAULT_INJECTION: forcing a failure.\n"
	       "name fail_page_alloc, interval %lu, probability %lu, space %d, times %d\n",
	       attr->interval, attr->probability, attr->space, attr->times);
#ifndef HOST_TEST
	dump_stack();
#endif
}

/* Linux's should_fail_ex() for one allocation of size bytes. */
static bool should_fail(struct fault_attr *attr, unsigned long size)
{
	unsigned long n = ++attr->count;

	if (attr->times == 0)
		return false;
	if (attr->nth) {
		if (n != attr->nth)
			return false;
	} else {
		if (attr->space > 0 && (unsigned long)attr->space > size) {
			attr->space -= (int)size;
			return false;
		}
		if (attr->interval > 1 && n % attr->interval)
			return false;
		if (attr->probability <= dice_percent())
			return false;
	}
	fail_dump(attr);
	if (attr->times > 0)
		attr->times--;
	fail_page_alloc_fired++;
	return true;
}

bool should_fail_alloc_page(gfp_t gfp, unsigned order)
{
	const struct fail_page_alloc_attr *f = &fail_page_alloc;

	if (order < f->min_order || (f->ignore_gfp_highmem && (gfp & __GFP_HIGHMEM)) ||
	    (f->ignore_gfp_wait && (gfp & __GFP_RECLAIM)))
		return false;
	return should_fail(&fail_page_alloc.attr, PAGE_SIZE << order);
}
