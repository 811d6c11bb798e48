/* mm/buddy/describe.c: GFP masks and page flags in words, as the reports print them. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "gfp.h"
#include "mm.h"
#include "mm_types.h"

static void gfp_masks(void **state)
{
	char buf[128];

	(void)state;
	assert_string_equal(gfp_describe(0, buf, sizeof(buf)), "GFP_NOWAIT");
	assert_string_equal(gfp_describe(GFP_KERNEL, buf, sizeof(buf)), "GFP_KERNEL");
	assert_string_equal(gfp_describe(GFP_KERNEL | __GFP_ZERO, buf, sizeof(buf)),
			    "GFP_KERNEL|__GFP_ZERO");
	assert_string_equal(gfp_describe(GFP_KERNEL | GFP_DMA, buf, sizeof(buf)),
			    "GFP_KERNEL|__GFP_DMA");
	assert_string_equal(gfp_describe(GFP_ATOMIC, buf, sizeof(buf)), "GFP_ATOMIC");
	assert_string_equal(gfp_describe(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN, buf, sizeof(buf)),
			    "GFP_HIGHUSER_MOVABLE|__GFP_NOWARN");
	assert_string_equal(gfp_describe(__GFP_HIGHMEM, buf, sizeof(buf)), "__GFP_HIGHMEM");
	/* Bits gfp.h does not name stay visible, in hex. */
	assert_string_equal(gfp_describe(GFP_KERNEL | 0x4, buf, sizeof(buf)), "GFP_KERNEL|0x4");
	assert_string_equal(gfp_describe(0xffffffffu, buf, sizeof(buf)),
			    "GFP_HIGHUSER_MOVABLE|GFP_ATOMIC|__GFP_DMA|__GFP_RECLAIMABLE|"
			    "__GFP_ZERO|__GFP_NOWARN|__GFP_NORETRY|0xfffff804");
}

static void page_flags(void **state)
{
	char buf[64];

	(void)state;
	assert_string_equal(page_flags_describe(0x281, buf, sizeof(buf)), "Normal|head|order=2");
	assert_string_equal(page_flags_describe(0x10, buf, sizeof(buf)), "DMA|reserved");
	assert_string_equal(page_flags_describe(0x1, buf, sizeof(buf)), "Normal");
	/* A free block: its order and migrate type. */
	assert_string_equal(page_flags_describe(PG_buddy | 3u << PG_ORDER_SHIFT |
							MIGRATE_MOVABLE << PG_MT_SHIFT |
							ZONE_HIGHMEM,
						buf, sizeof(buf)),
			    "HighMem|buddy|order=3|Movable");
	assert_string_equal(page_flags_describe(PG_slab | PG_head, buf, sizeof(buf)),
			    "DMA|head|slab|order=0");
	assert_string_equal(page_flags_describe(0x3, buf, sizeof(buf)), "zone?");
}

/* A short buffer is cut, never overrun, and always terminated. */
static void short_buffers(void **state)
{
	char buf[12];

	(void)state;
	memset(buf, '#', sizeof(buf));
	gfp_describe(GFP_HIGHUSER_MOVABLE | __GFP_ZERO, buf, 8);
	assert_int_equal(strlen(buf), 7);
	assert_int_equal(buf[8], '#');
	memset(buf, '#', sizeof(buf));
	page_flags_describe(0x281, buf, 5);
	assert_int_equal(strlen(buf), 4);
	assert_int_equal(buf[5], '#');
	buf[0] = 'x';
	page_flags_describe(0x281, buf, 0); /* nothing written */
	assert_int_equal(buf[0], 'x');
	page_flags_describe(0x281, buf, 1);
	assert_string_equal(buf, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(gfp_masks),
		cmocka_unit_test(page_flags),
		cmocka_unit_test(short_buffers),
	};

	return cmocka_run_group_tests_name("describe", tests, NULL, NULL);
}
