/*
 * mm/memblock.c: sorted, merged region lists and top-down allocation,
 * first case by case, then random calls held against a byte map of a
 * small address space.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "errno.h"
#include "host_env.h"
#include "memblock.h"

static int setup(void **state)
{
	(void)state;
	memset(&memblock, 0, sizeof(memblock));
	host_env_reset();
	return 0;
}

/* The list must be exactly these (base, size) pairs. */
static void expect_regions(const struct memblock_type *t, unsigned n, const uint32_t *pairs)
{
	if (t->count != n)
		fail_msg("%u regions, want %u", t->count, n);
	for (unsigned i = 0; i < n; i++)
		if (t->regions[i].base != pairs[2 * i] || t->regions[i].size != pairs[2 * i + 1])
			fail_msg("region %u is [%#x +%#x], want [%#x +%#x]", i, t->regions[i].base,
				 t->regions[i].size, pairs[2 * i], pairs[2 * i + 1]);
}

#define EXPECT(t, ...)                                           \
	do {                                                     \
		static const uint32_t want_[] = { __VA_ARGS__ }; \
		expect_regions(t, ARRAY_SIZE(want_) / 2, want_); \
	} while (0)

static void add_merges_and_sorts(void **state)
{
	struct memblock_type *mem = &memblock.memory;

	(void)state;
	assert_int_equal(memblock_add(0x5000, 0x1000), 0);
	assert_int_equal(memblock_add(0x1000, 0x1000), 0);
	assert_int_equal(memblock_add(0x9000, 0x1000), 0);
	EXPECT(mem, 0x1000, 0x1000, 0x5000, 0x1000, 0x9000, 0x1000);
	assert_int_equal(memblock_add(0x2000, 0x1000), 0); /* touches: merges */
	EXPECT(mem, 0x1000, 0x2000, 0x5000, 0x1000, 0x9000, 0x1000);
	assert_int_equal(memblock_add(0x5800, 0x100), 0);  /* inside: nothing new */
	assert_int_equal(memblock_add(0x4800, 0x1000), 0); /* overlaps the start */
	EXPECT(mem, 0x1000, 0x2000, 0x4800, 0x1800, 0x9000, 0x1000);
	assert_int_equal(memblock_add(0x2800, 0x7000), 0); /* merges three */
	EXPECT(mem, 0x1000, 0x9000);
	assert_int_equal(memblock_add(0x20000, 0), 0); /* empty: ignored */
	EXPECT(mem, 0x1000, 0x9000);
	assert_int_equal(memblock_total(mem), 0x9000);
	/* Up to the very top of the address space, and not past it. */
	assert_int_equal(memblock_add(0xfff00000, 0x100000), 0);
	assert_int_equal(memblock_add(0xfff00000, 0x100001), -EINVAL);
	assert_int_equal(memblock_add(0xffffffff, 2), -EINVAL);
	EXPECT(mem, 0x1000, 0x9000, 0xfff00000, 0x100000);
	/* A merge that would need a 4 GB size is refused, leaving the list alone. */
	assert_int_equal(memblock_add(0, 0x1000), 0);
	assert_int_equal(memblock_add(0xa000, 0xfff00000 - 0xa000), -EINVAL);
	EXPECT(mem, 0x0, 0xa000, 0xfff00000, 0x100000);
	assert_int_equal(memblock_total(mem), 0x10a000);
}

static void capacity(void **state)
{
	(void)state;
	for (uint32_t i = 0; i < MEMBLOCK_MAX_REGIONS; i++)
		assert_int_equal(memblock_reserve(0x10000 * (i + 1), 0x100), 0);
	assert_int_equal(memblock.reserved.count, MEMBLOCK_MAX_REGIONS);
	assert_int_equal(memblock_reserve(0x1000000, 0x100), -ENOMEM);
	assert_int_equal(memblock_reserve(0x100, 0x100), -ENOMEM);
	/* Merging still works when full. */
	assert_int_equal(memblock_reserve(0x10100, 0x100), 0);
	assert_int_equal(memblock.reserved.regions[0].size, 0x200);
	/* So does a free that does not split; one that would split is refused. */
	assert_int_equal(memblock_free(0x20000, 0x80), 0);
	assert_int_equal(memblock_free(0x30010, 0x10), -ENOMEM);
	assert_int_equal(memblock.reserved.regions[2].base, 0x30000);
	assert_int_equal(memblock.reserved.regions[2].size, 0x100);
	assert_int_equal(memblock.reserved.count, MEMBLOCK_MAX_REGIONS);
}

static void free_splits(void **state)
{
	struct memblock_type *rsv = &memblock.reserved;

	(void)state;
	assert_int_equal(memblock_reserve(0x1000, 0xf000), 0);
	assert_int_equal(memblock_free(0x4000, 0x1000), 0); /* a hole */
	EXPECT(rsv, 0x1000, 0x3000, 0x5000, 0xb000);
	assert_int_equal(memblock_free(0x0, 0x1800), 0);    /* the start */
	assert_int_equal(memblock_free(0xf000, 0x5000), 0); /* the end */
	EXPECT(rsv, 0x1800, 0x2800, 0x5000, 0xa000);
	assert_int_equal(memblock_reserve(0x14000, 0xd000), 0);
	assert_int_equal(memblock_free(0x3000, 0x18000), 0); /* over three */
	EXPECT(rsv, 0x1800, 0x1800, 0x1b000, 0x6000);
	assert_int_equal(memblock_free(0x40000, 0x1000), 0); /* nothing there */
	assert_int_equal(memblock_free(0x1800, 0x1800), 0);  /* exactly one */
	EXPECT(rsv, 0x1b000, 0x6000);
	assert_true(memblock_is_reserved(0x1b000));
	assert_true(memblock_is_reserved(0x20fff));
	assert_false(memblock_is_reserved(0x21000));
	assert_false(memblock_is_reserved(0x1afff));
}

static void reserve_overlaps(void **state)
{
	struct memblock_type *rsv = &memblock.reserved;

	(void)state;
	assert_int_equal(memblock_reserve(0x1000, 0x2000), 0);
	assert_int_equal(memblock_reserve(0x2000, 0x2000), 0);
	EXPECT(rsv, 0x1000, 0x3000);
	assert_int_equal(memblock_reserve(0x0800, 0x1000), 0);
	assert_int_equal(memblock_reserve(0x6000, 0x1000), 0);
	assert_int_equal(memblock_reserve(0x0000, 0x10000), 0);
	EXPECT(rsv, 0x0, 0x10000);
	assert_int_equal(memblock_total(rsv), 0x10000);
}

static void alloc_top_down(void **state)
{
	phys_addr_t a, b, c;

	(void)state;
	assert_int_equal(memblock_add(0x60000000, 0x10000000), 0);
	assert_int_equal(memblock_reserve(0x60008000, 0x100000), 0);
	a = memblock_phys_alloc(0x1000, 0x1000);
	assert_int_equal(a, 0x6ffff000);
	b = memblock_phys_alloc(0x1000, 0x1000);
	assert_int_equal(b, 0x6fffe000);
	c = memblock_phys_alloc(0x100, 0x10000); /* aligned below b */
	assert_int_equal(c, 0x6fff0000);
	assert_int_equal(memblock_phys_alloc(3, 4), 0x6fffdffc); /* fills the gap's top */
	assert_int_equal(memblock_phys_alloc(5, 4), 0x6fffdff4); /* rounded up to 8 */
	EXPECT(&memblock.reserved, 0x60008000, 0x100000, 0x6fff0000, 0x100, 0x6fffdff4, 0x200c);
	/* Under a limit: the block ends at or below it. */
	memblock_set_limit(0x68000001);
	assert_int_equal(memblock_phys_alloc(0x1000, 0x1000), 0x67fff000);
	memblock_set_limit(0x60100000); /* inside the kernel */
	assert_int_equal(memblock_phys_alloc(0x1000, 4), 0x60007000);
	memblock_set_limit(0x50000000); /* below all RAM */
	assert_int_equal(memblock_phys_alloc(4, 4), 0);
	memblock_set_limit(0);
	assert_int_equal(memblock_phys_alloc(0x1000, 0x1000), 0x6fffc000);
}

static void alloc_refusals_and_exhaustion(void **state)
{
	(void)state;
	assert_int_equal(memblock_add(0x1000, 0x1000), 0);
	assert_int_equal(memblock_add(0x10000, 0x2000), 0);
	assert_int_equal(memblock_phys_alloc(0, 4), 0);
	assert_int_equal(memblock_phys_alloc(4, 0), 0);
	assert_int_equal(memblock_phys_alloc(4, 12), 0);
	assert_int_equal(memblock_phys_alloc(0x3000, 4), 0);     /* no region that big */
	assert_int_equal(memblock_phys_alloc(0xfffffffe, 4), 0); /* would round to 0 */
	assert_int_equal(memblock_phys_alloc(0xffffffff, 1), 0);
	assert_int_equal(memblock.reserved.count, 0);
	/* Top region first, then the lower one, then nothing. */
	assert_int_equal(memblock_phys_alloc(0x1800, 0x800), 0x10800);
	assert_int_equal(memblock_phys_alloc(0x1000, 4), 0x1000);
	assert_int_equal(memblock_phys_alloc(0x800, 0x800), 0x10000);
	assert_int_equal(memblock_phys_alloc(4, 4), 0);
	assert_int_equal(memblock_total(&memblock.reserved), 0x3000);
	/* Address 0 is never handed out: 0 means failure. */
	setup(NULL);
	assert_int_equal(memblock_add(0, 0x1000), 0);
	assert_int_equal(memblock_phys_alloc(0x1000, 4), 0);
	assert_int_equal(memblock_phys_alloc(0x800, 4), 0x800);
}

static void dump(void **state)
{
	(void)state;
	assert_int_equal(memblock_add(0x60000000, 0x10000000), 0);
	assert_int_equal(memblock_reserve(0x60008000, 0x2000), 0);
	memblock_dump();
	assert_string_equal(host_printk_output(), "memblock:\n"
						  "  memory: 1 region(s), 262144 KB\n"
						  "    [0x60000000-0x6fffffff] 262144 KB\n"
						  "  reserved: 1 region(s), 8 KB\n"
						  "    [0x60008000-0x60009fff] 8 KB\n");
}

static void retired(void **state)
{
	(void)state;
	assert_int_equal(memblock_add(0x60000000, 0x10000000), 0);
	memblock_retire();
	assert_int_equal(memblock_phys_alloc(0x1000, 0x1000), 0);
	assert_int_equal(memblock.reserved.count, 0);
	assert_non_null(strstr(host_printk_output(), "WARNING: memblock_phys_alloc(4096)"));
}

/*
 * Random calls against a byte map of SPACE bytes at BASE: which bytes are
 * RAM, which reserved. The lists must be exactly the map's maximal runs,
 * and each allocation the highest aligned free block below the limit.
 */
#define BASE  0x40000u
#define SPACE 0x10000u

static uint8_t is_mem[SPACE], is_rsv[SPACE];
static uint32_t seed;

static uint32_t rnd(uint32_t n)
{
	seed = seed * 1664525u + 1013904223u;
	return (seed >> 8) % n;
}

static void expect_runs(const struct memblock_type *t, const uint8_t *map)
{
	unsigned n = 0;

	for (uint32_t i = 0; i < SPACE;) {
		uint32_t j = i;

		while (j < SPACE && map[j])
			j++;
		if (j > i) {
			assert_true(n < t->count);
			if (t->regions[n].base != BASE + i || t->regions[n].size != j - i)
				fail_msg("region %u is [%#x +%#x], map says [%#x +%#x]", n,
					 t->regions[n].base, t->regions[n].size, BASE + i, j - i);
			n++;
		}
		i = j + 1;
	}
	assert_int_equal(t->count, n);
}

/* The model's answer: scan every aligned address from the top. */
static phys_addr_t model_alloc(uint32_t size, uint32_t align, uint32_t limit)
{
	uint32_t top = limit && limit < BASE + SPACE ? limit : BASE + SPACE;

	size = (size + 3) & ~3u;
	if (top < BASE + size)
		return 0;
	for (uint32_t a = (top - size) & ~(align - 1); a >= BASE; a -= align) {
		uint32_t k = 0;

		while (k < size && is_mem[a - BASE + k] && !is_rsv[a - BASE + k])
			k++;
		if (k == size)
			return a;
		if (a - BASE < align)
			break;
	}
	return 0;
}

static void random_against_byte_map(void **state)
{
	unsigned found = 0, none = 0;

	(void)state;
	memset(is_mem, 0, sizeof(is_mem));
	memset(is_rsv, 0, sizeof(is_rsv));
	seed = 12345;
	for (unsigned r = 0; r < 4; r++) {
		uint32_t b = rnd(SPACE - 0x1000), sz = 1 + rnd(0x3000);

		sz = min(sz, SPACE - b);
		assert_int_equal(memblock_add(BASE + b, sz), 0);
		memset(is_mem + b, 1, sz);
	}
	expect_runs(&memblock.memory, is_mem);

	for (unsigned n = 0; n < 3000; n++) {
		unsigned op = rnd(10);
		uint32_t b = rnd(SPACE), sz = 1 + rnd(op < 3 ? 0x400 : 0x1000);

		sz = min(sz, SPACE - b);
		if (memblock.reserved.count >= MEMBLOCK_MAX_REGIONS - 4) {
			/* Room to spare: allocations need a slot, a split free one more. */
			const struct memblock_region *r =
				&memblock.reserved.regions[rnd(memblock.reserved.count)];

			memset(is_rsv + (r->base - BASE), 0, r->size);
			assert_int_equal(memblock_free(r->base, r->size), 0);
		} else if (op < 3) {
			assert_int_equal(memblock_reserve(BASE + b, sz), 0);
			memset(is_rsv + b, 1, sz);
		} else if (op < 6) {
			assert_int_equal(memblock_free(BASE + b, sz), 0);
			memset(is_rsv + b, 0, sz);
		} else if (op == 6) {
			memblock_set_limit(rnd(3) ? 0 : BASE + rnd(SPACE));
		} else {
			uint32_t size = 1 + rnd(0x800), align = 1u << rnd(13);
			phys_addr_t want = model_alloc(size, align, memblock.limit);
			phys_addr_t got = memblock_phys_alloc(size, align);

			if (got != want)
				fail_msg("step %u: alloc(%#x, %#x) limit %#x = %#x, model %#x", n,
					 size, align, memblock.limit, got, want);
			if (got)
				memset(is_rsv + (got - BASE), 1, (size + 3) & ~3u);
			got ? found++ : none++;
		}
		expect_runs(&memblock.reserved, is_rsv);
	}
	expect_runs(&memblock.memory, is_mem);
	print_message("allocations: %u found, %u refused\n", found, none);
	assert_true(found > 100 && none > 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(add_merges_and_sorts, setup),
		cmocka_unit_test_setup(capacity, setup),
		cmocka_unit_test_setup(free_splits, setup),
		cmocka_unit_test_setup(reserve_overlaps, setup),
		cmocka_unit_test_setup(alloc_top_down, setup),
		cmocka_unit_test_setup(alloc_refusals_and_exhaustion, setup),
		cmocka_unit_test_setup(dump, setup),
		cmocka_unit_test_setup(retired, setup),
		cmocka_unit_test_setup(random_against_byte_map, setup),
	};

	return cmocka_run_group_tests_name("memblock", tests, NULL, NULL);
}
