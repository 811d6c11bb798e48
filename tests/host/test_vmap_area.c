/*
 * The portable virtual-area allocator (mm/vmalloc/vmap_area.c): alignment
 * and guard bytes, first fit across the size bins, merging with both
 * neighbours, va_find by start, exhaustion and node-allocation failure
 * leaving the space unchanged, extreme sizes, alignments and guards, and
 * a long random run held against a model of one byte per page, with
 * va_check() after every step.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "host_env.h"
#include "mm/vmalloc/vmap_area.h"

#define PG 4096u

/* ---- node memory: malloc, with failure on demand ---- */

static int node_fail_after = -1; /* n >= 0: n more succeed, then fail */
static unsigned nodes_live;

struct vmap_area *va_node_alloc(void)
{
	struct vmap_area *va;

	if (node_fail_after == 0)
		return NULL;
	if (node_fail_after > 0)
		node_fail_after--;
	va = calloc(1, sizeof(*va));
	assert_non_null(va);
	nodes_live++;
	return va;
}

void va_node_free(struct vmap_area *va)
{
	assert_non_null(va);
	nodes_live--;
	free(va);
}

static struct va_space vs;

static int setup(void **state)
{
	(void)state;
	host_env_reset();
	node_fail_after = -1;
	nodes_live = 0;
	return 0;
}

/* Free every busy area and drop the last node. */
static void release_all(void)
{
	struct vmap_area *va;
	bool again = true;

	while (again) { /* va_free may free the next node: start over each time */
		again = false;
		list_for_each_entry (va, &vs.areas, addr)
			if (!va->free) {
				va_free(&vs, va);
				again = true;
				break;
			}
	}
	assert_int_equal(va_check(&vs), 0);
	assert_int_equal(vs.nr_free, 1);
	assert_int_equal(vs.free_bytes, vs.end - vs.start);
	assert_int_equal(nodes_live, 1);
	va = list_first_entry(&vs.areas, struct vmap_area, addr);
	va_node_free(va);
}

struct counters {
	uint32_t nr_busy, nr_free, free_bytes;
	unsigned nodes;
};

static struct counters counters(void)
{
	return (struct counters){ vs.nr_busy, vs.nr_free, vs.free_bytes, nodes_live };
}

static void expect_counters(struct counters c)
{
	assert_int_equal(va_check(&vs), 0);
	assert_int_equal(vs.nr_busy, c.nr_busy);
	assert_int_equal(vs.nr_free, c.nr_free);
	assert_int_equal(vs.free_bytes, c.free_bytes);
	assert_int_equal(nodes_live, c.nodes);
}

static void init_rejects(void **state)
{
	(void)state;
	assert_int_equal(va_space_init(&vs, 0x1000, 0x1000), -EINVAL);
	assert_int_equal(va_space_init(&vs, 0x2000, 0x1000), -EINVAL);
	assert_int_equal(va_space_init(&vs, 0x1001, 0x9000), -EINVAL);
	node_fail_after = 0;
	assert_int_equal(va_space_init(&vs, 0x1000, 0x9000), -ENOMEM);
	assert_int_equal(nodes_live, 0);
}

static void align_and_guard(void **state)
{
	static const uint32_t aligns[] = { PG, 2 * PG, 16 * PG, 64 * PG, 1u << 20 };
	struct vmap_area *va[40];
	unsigned n = 0;

	(void)state;
	assert_int_equal(va_space_init(&vs, 0xf0001000u, 0xf8000000u), 0);
	for (unsigned i = 0; i < ARRAY_SIZE(aligns); i++)
		for (unsigned g = 0; g < 3; g++) {
			uint32_t size = (1 + i + g) * PG, guard = g * PG;

			va[n] = va_alloc(&vs, size, aligns[i], guard);
			assert_non_null(va[n]);
			assert_int_equal(va[n]->start % aligns[i], 0);
			assert_int_equal(va[n]->end - va[n]->start, size + guard);
			assert_int_equal(va[n]->guard, guard);
			assert_false(va[n]->free);
			assert_ptr_equal(va_find(&vs, va[n]->start), va[n]);
			assert_int_equal(va_check(&vs), 0);
			/* The guard is not handed out again: the next area starts past it. */
			for (unsigned j = 0; j < n; j++)
				assert_true(va[n]->start >= va[j]->end ||
					    va[n]->end <= va[j]->start);
			n++;
		}
	/* Bad requests. */
	assert_null(va_alloc(&vs, 0, PG, 0));
	assert_null(va_alloc(&vs, PG + 1, PG, 0));
	assert_null(va_alloc(&vs, PG, PG, 5));
	assert_null(va_alloc(&vs, PG, 3 * PG, 0));
	assert_null(va_alloc(&vs, PG, PG / 2, 0));
	assert_null(va_alloc(&vs, 0xfffff000u, PG, 2 * PG)); /* size + guard overflows */
	/* va_find: busy starts only. */
	assert_null(va_find(&vs, va[n - 1]->start + PG));
	assert_null(va_find(&vs, 0xf7fff000u));
	release_all();
}

static void first_fit_across_bins(void **state)
{
	struct vmap_area *a, *b, *c, *d, *e, *x;

	(void)state;
	assert_int_equal(va_space_init(&vs, 0x100000, 0x100000 + 64 * PG), 0);
	a = va_alloc(&vs, 1 * PG, PG, 0); /* [0,1) */
	b = va_alloc(&vs, 2 * PG, PG, 0); /* [1,3) */
	c = va_alloc(&vs, 1 * PG, PG, 0); /* [3,4) */
	d = va_alloc(&vs, 8 * PG, PG, 0); /* [4,12) */
	e = va_alloc(&vs, 1 * PG, PG, 0); /* [12,13) */
	assert_int_equal(a->start, 0x100000);
	assert_int_equal(e->start, 0x100000 + 12 * PG);
	va_free(&vs, b); /* a hole of 2: bin 1 */
	va_free(&vs, d); /* a hole of 8: bin 3 */
	assert_int_equal(va_check(&vs), 0);
	/* 3 pages: not in bin 1's hole; bin 3's hole serves it. */
	x = va_alloc(&vs, 3 * PG, PG, 0);
	assert_int_equal(x->start, 0x100000 + 4 * PG);
	va_free(&vs, x);
	/* 2 pages fit the small hole exactly. */
	x = va_alloc(&vs, 2 * PG, PG, 0);
	assert_int_equal(x->start, 0x100000 + 1 * PG);
	va_free(&vs, x);
	/* 1 page aligned to 8: only the 8-page hole at page 4 can hold it aligned at 8. */
	x = va_alloc(&vs, PG, 8 * PG, 0);
	assert_int_equal(x->start, 0x100000 + 8 * PG);
	assert_int_equal(va_check(&vs), 0);
	va_free(&vs, x);
	/* 20 pages: only the tail [13,64) holds them. */
	x = va_alloc(&vs, 20 * PG, PG, 0);
	assert_int_equal(x->start, 0x100000 + 13 * PG);
	va_free(&vs, x);
	va_free(&vs, a);
	va_free(&vs, c);
	va_free(&vs, e);
	release_all();
}

static void merge_both_neighbours(void **state)
{
	struct vmap_area *va[5];

	(void)state;
	assert_int_equal(va_space_init(&vs, 0x400000, 0x400000 + 5 * PG), 0);
	for (unsigned i = 0; i < 5; i++)
		assert_non_null(va[i] = va_alloc(&vs, PG, PG, 0));
	assert_int_equal(vs.nr_free, 0);
	assert_int_equal(vs.free_bytes, 0);
	assert_null(va_alloc(&vs, PG, PG, 0));
	va_free(&vs, va[1]);
	va_free(&vs, va[3]);
	assert_int_equal(vs.nr_free, 2);
	va_free(&vs, va[2]); /* both neighbours free */
	assert_int_equal(va_check(&vs), 0);
	assert_int_equal(vs.nr_free, 1);
	assert_int_equal(vs.free_bytes, 3 * PG);
	assert_int_equal(nodes_live, 3);
	va[1] = va_alloc(&vs, 3 * PG, PG, 0); /* the merged area, whole */
	assert_int_equal(va[1]->start, 0x400000 + PG);
	va_free(&vs, va[1]);
	va_free(&vs, va[0]); /* next only */
	assert_int_equal(vs.nr_free, 1);
	va_free(&vs, va[4]); /* prev only: one area left */
	assert_int_equal(vs.nr_free, 1);
	assert_int_equal(vs.nr_busy, 0);
	release_all();
}

static void exhaustion_changes_nothing(void **state)
{
	struct vmap_area *va[16];
	struct counters c;

	(void)state;
	assert_int_equal(va_space_init(&vs, 0x801000, 0x801000 + 16 * PG), 0);
	for (unsigned i = 0; i < 8; i++)
		assert_non_null(va[i] = va_alloc(&vs, PG, PG, PG)); /* page + guard */
	c = counters();
	assert_null(va_alloc(&vs, PG, PG, 0));
	expect_counters(c);
	for (unsigned i = 0; i < 8; i += 2)
		va_free(&vs, va[i]); /* holes of 2 pages */
	c = counters();
	assert_null(va_alloc(&vs, 3 * PG, PG, 0));
	expect_counters(c);
	assert_null(va_alloc(&vs, 2 * PG, PG, PG));
	expect_counters(c);
	assert_null(va_alloc(&vs, PG, 32 * PG, 0)); /* no address aligned to 128 KB */
	expect_counters(c);
	assert_non_null(va[0] = va_alloc(&vs, PG, PG, PG));
	for (unsigned i = 1; i < 8; i += 2)
		va_free(&vs, va[i]);
	va_free(&vs, va[0]);
	release_all();
}

static void node_failure_changes_nothing(void **state)
{
	struct vmap_area *a, *b;
	struct counters c;

	(void)state;
	assert_int_equal(va_space_init(&vs, 0x1001000, 0x1001000 + 64 * PG), 0);
	a = va_alloc(&vs, 4 * PG, PG, 0);
	b = va_alloc(&vs, 4 * PG, PG, 0);
	va_free(&vs, a); /* hole [0,4), tail [8,64) */
	c = counters();
	/* Needs a tail node: fails, nothing changes. */
	node_fail_after = 0;
	assert_null(va_alloc(&vs, 2 * PG, PG, 0));
	expect_counters(c);
	/* Needs a head and a tail node: the second fails, the first is given back. */
	node_fail_after = 1;
	assert_null(va_alloc(&vs, PG, 16 * PG, 0)); /* at 0x1010000, inside [8,64) */
	expect_counters(c);
	/* Needs a head node only. */
	node_fail_after = 0;
	assert_null(va_alloc(&vs, 49 * PG, 16 * PG, 0)); /* 0x1010000 to the end: a head */
	expect_counters(c);
	/* Needs no node: an exact fit still works while nodes fail. */
	a = va_alloc(&vs, 4 * PG, PG, 0);
	assert_non_null(a);
	assert_int_equal(a->start, 0x1001000);
	assert_int_equal(va_check(&vs), 0);
	node_fail_after = -1;
	va_free(&vs, a);
	va_free(&vs, b);
	release_all();
}

/*
 * Every combination of extreme sizes, alignments and guards in a space of
 * almost 4 GB: a request is served exactly when the size and guard are
 * page multiples whose sum does not wrap, the alignment is a power of two
 * of at least a page, and the aligned range ends inside the space (held
 * against 64-bit arithmetic); anything else is NULL, silent, and changes
 * nothing.
 */
static void sizes_at_extremes(void **state)
{
	static const uint32_t sizes[] = { 0,      1,           PG - 1,      PG,
					  PG + 1, 0x80000000u, 0xfffff000u, 0xffffffffu };
	static const uint32_t aligns[] = { 0,      1,        PG - 1,      PG,
					   3 * PG, 1u << 20, 0x80000000u, 0xffffffffu };
	static const uint32_t guards[] = { 0, 1, PG, 0x80000000u, 0xfffff000u, 0xffffffffu };
	const uint32_t start = PG, end = 0xfffff000u;
	struct counters c;

	(void)state;
	assert_int_equal(va_space_init(&vs, start, end), 0);
	c = counters();
	for (unsigned i = 0; i < ARRAY_SIZE(sizes); i++)
		for (unsigned a = 0; a < ARRAY_SIZE(aligns); a++)
			for (unsigned g = 0; g < ARRAY_SIZE(guards); g++) {
				uint64_t size = sizes[i], align = aligns[a], guard = guards[g];
				uint64_t at = align ? (start + align - 1) / align * align : 0;
				bool valid = size && !(size % PG) && !(guard % PG) &&
					     size + guard <= 0xffffffffu && align >= PG &&
					     !(align & (align - 1));
				bool fits = valid && at + size + guard <= end;
				struct vmap_area *va;

				host_printk_clear();
				va = va_alloc(&vs, sizes[i], aligns[a], guards[g]);
				assert_string_equal(host_printk_output(), "");
				if (!fits) {
					if (va)
						fail_msg(
							"va_alloc(%#x, %#x, %#x) served a bad request at %#x",
							sizes[i], aligns[a], guards[g], va->start);
					expect_counters(c);
					continue;
				}
				if (!va) {
					fail_msg("va_alloc(%#x, %#x, %#x) refused", sizes[i],
						 aligns[a], guards[g]);
					return; /* not reached: fail_msg() ends the test */
				}
				assert_int_equal(va->start, at);
				assert_int_equal((uint64_t)va->end - va->start, size + guard);
				assert_int_equal(va_check(&vs), 0);
				va_free(&vs, va);
				expect_counters(c);
			}
	release_all();
}

/* A space starting at address 0 hands out its first page too. */
static void space_at_zero(void **state)
{
	struct vmap_area *a, *b;

	(void)state;
	assert_int_equal(va_space_init(&vs, 0, 16 * PG), 0);
	a = va_alloc(&vs, PG, PG, 0);
	assert_non_null(a);
	assert_int_equal(a->start, 0);
	assert_ptr_equal(va_find(&vs, 0), a);
	b = va_alloc(&vs, 15 * PG, PG, 0);
	assert_non_null(b);
	assert_int_equal(b->start, PG);
	va_free(&vs, a);
	a = va_alloc(&vs, PG, 8 * PG, 0);
	assert_non_null(a);
	assert_int_equal(a->start, 0);
	va_free(&vs, b);
	va_free(&vs, a);
	release_all();
}

/* ---- random run against a model ---- */

#define MODEL_PAGES 2048
#define MAX_LIVE    256

static uint32_t rnd_state;

static uint32_t rnd(void)
{
	uint32_t x = rnd_state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return rnd_state = x;
}

/* Could [size+guard] fit aligned anywhere in the model's free pages? */
static bool model_fits(const uint8_t *model, uint32_t base_pg, uint32_t need_pg, uint32_t align_pg)
{
	for (uint32_t p = 0; p + need_pg <= MODEL_PAGES; p++) {
		uint32_t q;

		if ((base_pg + p) % align_pg)
			continue;
		for (q = 0; q < need_pg && !model[p + q]; q++)
			;
		if (q == need_pg)
			return true;
	}
	return false;
}

static void random_against_model(void **state)
{
	static uint8_t model[MODEL_PAGES]; /* 0 free, else 1 + slot of the owner */
	struct vmap_area *live[MAX_LIVE];
	const uint32_t base = 0xe0000000u + 5 * PG; /* not aligned to big alignments */
	unsigned nr_live = 0, allocs = 0, fails = 0, node_fails = 0;

	(void)state;
	rnd_state = 0x12345678;
	memset(model, 0, sizeof(model));
	assert_int_equal(va_space_init(&vs, base, base + MODEL_PAGES * PG), 0);
	for (unsigned step = 0; step < 20000; step++) {
		uint32_t r = rnd();

		if (nr_live && (r % 100 < 45 || nr_live == MAX_LIVE)) {
			unsigned i = rnd() % nr_live;
			struct vmap_area *va = live[i];
			uint32_t first = (va->start - base) / PG, last = (va->end - base) / PG;

			for (uint32_t p = first; p < last; p++) {
				assert_int_equal(model[p], 1);
				model[p] = 0;
			}
			va_free(&vs, va);
			live[i] = live[--nr_live];
		} else {
			uint32_t size_pg = 1 + (rnd() % 8 == 0 ? rnd() % 200 : rnd() % 8);
			uint32_t guard_pg = rnd() % 3 == 0 ? 1 : 0;
			uint32_t align_pg = 1u << (rnd() % 4 == 0 ? rnd() % 8 : 0);
			bool fail_node = rnd() % 50 == 0;
			struct counters c = counters();
			bool could = model_fits(model, base / PG, size_pg + guard_pg, align_pg);
			struct vmap_area *va;

			if (fail_node)
				node_fail_after = (int)(rnd() % 2);
			va = va_alloc(&vs, size_pg * PG, align_pg * PG, guard_pg * PG);
			node_fail_after = -1;
			if (!va) {
				if (could && !fail_node)
					fail_msg(
						"step %u: %u pages (+%u guard, align %u) refused, the model has room",
						step, size_pg, guard_pg, align_pg);
				node_fails += could;
				fails++;
				expect_counters(c);
			} else {
				uint32_t first = (va->start - base) / PG;

				assert_true(could);
				assert_int_equal(va->start % (align_pg * PG), 0);
				assert_int_equal(va->end - va->start, (size_pg + guard_pg) * PG);
				assert_true(va->start >= base &&
					    va->end <= base + MODEL_PAGES * PG);
				for (uint32_t p = first; p < first + size_pg + guard_pg; p++) {
					if (model[p])
						fail_msg("step %u: page %u handed out twice", step,
							 p);
					model[p] = 1;
				}
				live[nr_live++] = va;
				allocs++;
			}
		}
		if (va_check(&vs))
			fail_msg("step %u: va_check found problems", step);
		{
			uint32_t free_pg = 0;

			for (uint32_t p = 0; p < MODEL_PAGES; p++)
				free_pg += !model[p];
			assert_int_equal(vs.free_bytes, free_pg * PG);
			assert_int_equal(vs.nr_busy, nr_live);
		}
		if (step % 97 == 0 && nr_live) {
			struct vmap_area *va = live[rnd() % nr_live];

			assert_ptr_equal(va_find(&vs, va->start), va);
		}
	}
	assert_true(allocs > 8000);
	assert_true(fails > 10);
	assert_true(node_fails > 5);
	release_all();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(init_rejects, setup),
		cmocka_unit_test_setup(align_and_guard, setup),
		cmocka_unit_test_setup(first_fit_across_bins, setup),
		cmocka_unit_test_setup(merge_both_neighbours, setup),
		cmocka_unit_test_setup(exhaustion_changes_nothing, setup),
		cmocka_unit_test_setup(node_failure_changes_nothing, setup),
		cmocka_unit_test_setup(space_at_zero, setup),
		cmocka_unit_test_setup(sizes_at_extremes, setup),
		cmocka_unit_test_setup(random_against_model, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
