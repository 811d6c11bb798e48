/*
 * Differential test: random pt_map_max / pt_unmap / pt_protect calls over
 * a 64 MB window, held against a model with one entry per 4 KB page.
 * After every call the return code must be the model's and every page
 * must translate as the model says; refused calls must leave the tables
 * byte-for-byte unchanged. Fixed seeds, so a failure reproduces.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "pt_check.h"

#define WIN_VA    0x40000000u /* 16 MB aligned */
#define WIN_SIZE  (64u << 20)
#define WIN_PAGES (WIN_SIZE / SZ_4K)
#define OPS       1500 /* per seed */

struct page {
	bool mapped;
	uint32_t pa;
	pgprot_t prot;
};

static struct page model[WIN_PAGES];
static enum pt_kind seen_kind[WIN_PAGES];
static pde_t *pgd;
static struct arch_aspace as; /* pgd as an address space, for the calls that change it */
static uint64_t rng;

/* Counters proving that the random calls reach every outcome. */
static unsigned outcomes[5]; /* 0, -EINVAL, -EEXIST, -ENOENT, -ENOMEM */
static unsigned kinds_seen[PT_SMALL + 1];

static uint32_t rnd(uint32_t n)
{
	/* splitmix64 */
	uint64_t z = (rng += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return (uint32_t)((z ^ (z >> 31)) % n);
}

static void count_outcome(int err)
{
	unsigned i = err == 0         ? 0
		     : err == -EINVAL ? 1
		     : err == -EEXIST ? 2
		     : err == -ENOENT ? 3
		     : err == -ENOMEM ? 4
				      : 99;

	assert_true(i < ARRAY_SIZE(outcomes));
	outcomes[i]++;
}

/* A valid domain-0 prot (domains are covered by the deterministic tests). */
static pgprot_t random_prot(void)
{
	pgprot_t p;

	do
		p = rnd(0x100);
	while (!pgprot_valid(p));
	return p;
}

/* A 4 KB aligned range inside the window, its start and size often aligned. */
static void random_range(uint32_t *va, uint32_t *size)
{
	static const uint32_t units[] = { SZ_4K, SZ_64K, SZ_1M, SZ_16M };
	uint32_t unit = units[rnd(4)];
	uint32_t start = rnd(WIN_SIZE / unit) * unit;
	uint32_t len = (1 + rnd(unit == SZ_16M ? 2 : 24)) * unit;

	if (rnd(3) == 0) /* ragged edges */
		start += rnd(16) * SZ_4K;
	if (rnd(3) == 0)
		len += rnd(16) * SZ_4K;
	if (start >= WIN_SIZE)
		start = WIN_SIZE - SZ_4K;
	*va = WIN_VA + start;
	*size = min(len, WIN_SIZE - start);
}

/*
 * A range aimed at the model: inside the run of mapped (or unmapped) pages
 * around a random page, often the whole run, else a part aligned to a
 * random unit when it fits. False when no page is in that state.
 */
static bool aimed_range(bool mapped, uint32_t *va, uint32_t *size)
{
	static const uint32_t units[] = { 1, 16, 256, 4096 }; /* in pages */
	unsigned i = rnd(WIN_PAGES), rs, re, start, len, unit;

	for (unsigned tries = 0; model[i].mapped != mapped; i = rnd(WIN_PAGES))
		if (++tries == 64)
			return false;
	for (rs = i; rs > 0 && model[rs - 1].mapped == mapped; rs--)
		;
	for (re = i + 1; re < WIN_PAGES && model[re].mapped == mapped; re++)
		;
	start = rs;
	len = re - rs;
	if (rnd(2)) {
		start = rs + rnd(re - rs);
		len = 1 + rnd(re - start);
		unit = units[rnd(4)];
		if (ALIGN(start, unit) + unit <= re) {
			start = ALIGN(start, unit);
			len = max(ALIGN_DOWN(min(len, re - start), unit), unit);
		}
	}
	*va = WIN_VA + start * SZ_4K;
	*size = len * SZ_4K;
	return true;
}

/* A PA for va whose alignment relative to it lets each kind occur. */
static uint32_t random_pa(uint32_t va)
{
	static const uint32_t units[] = { SZ_4K, SZ_64K, SZ_1M, SZ_16M, SZ_16M };

	return va + (1 + rnd(32)) * units[rnd(5)];
}

/* Spoil one of the first `args` kinds of argument so the call must fail with -EINVAL. */
static void spoil(uint32_t *va, uint32_t *pa, uint32_t *size, pgprot_t *prot, unsigned args)
{
	switch (rnd(args)) {
	case 0: *va += 0x800; break;
	case 1: *size += 4; break;
	case 2: *size = 0; break;
	case 3:
		*va = 0xfffff000;
		*size = 2 * SZ_4K;
		break;
	case 4:
		*prot = rnd(2) ? PAGE_DEVICE | PROT_EXEC : PAGE_KERNEL | 1u << (12 + rnd(20));
		break;
	case 5: *pa += 0x10; break;
	default:
		*pa = 0xffff0000;
		*size = SZ_1M;
		break;
	}
}

/* -EEXIST / -ENOENT / 0 as the model sees [va, va + size). */
static int model_expect(uint32_t va, uint32_t size, bool want_mapped)
{
	for (uint32_t i = (va - WIN_VA) / SZ_4K; i < (va - WIN_VA + size) / SZ_4K; i++)
		if (model[i].mapped != want_mapped)
			return want_mapped ? -ENOENT : -EEXIST;
	return 0;
}

static void check_page(unsigned i)
{
	uint32_t va = WIN_VA + i * SZ_4K;
	struct pt_walk w;

	uint64_t pa = ~0ull;
	bool found = pt_lookup(pgd, va + 0x10, &pa);

	pt_query(pgd, va + 0x10, &w);
	seen_kind[i] = w.kind;
	/* The fast lookup finds what the full walk finds. */
	if (found != (w.kind != PT_FAULT) || (found && pa != w.pa))
		fail_msg("va %#x: pt_lookup %d pa %#llx, pt_query %s pa %#llx", va, found,
			 (unsigned long long)pa, pt_kind_name(w.kind), (unsigned long long)w.pa);
	if (w.kind == PT_FAULT) {
		if (model[i].mapped)
			fail_msg("va %#x: fault, model has pa %#x", va, model[i].pa);
		return;
	}
	kinds_seen[w.kind]++;
	if (!model[i].mapped || w.pa != model[i].pa + 0x10 || w.prot != model[i].prot)
		fail_msg("va %#x: %s pa %#llx prot %#x; model %s pa %#x prot %#x", va,
			 pt_kind_name(w.kind), (unsigned long long)w.pa, w.prot,
			 model[i].mapped ? "mapped" : "unmapped", model[i].pa, model[i].prot);
}

/* Every page against the model, and every block whole and uniform in the model. */
static void check_pages(void)
{
	for (unsigned i = 0; i < WIN_PAGES; i++)
		check_page(i);
	for (unsigned i = 0; i < WIN_PAGES; i++) {
		unsigned span, b;

		if (seen_kind[i] == PT_FAULT)
			continue;
		span = kind_bytes[seen_kind[i]] / SZ_4K;
		b = i & ~(span - 1);
		if (seen_kind[b] != seen_kind[i] || model[i].pa - model[b].pa != (i - b) * SZ_4K ||
		    model[i].prot != model[b].prot)
			fail_msg("va %#x: %s not uniform with its block at %#x", WIN_VA + i * SZ_4K,
				 pt_kind_name(seen_kind[i]), WIN_VA + b * SZ_4K);
	}
}

static void model_set(uint32_t va, uint32_t size, bool mapped, const uint32_t *pa, pgprot_t prot)
{
	for (uint32_t off = 0; off < size; off += SZ_4K) {
		struct page *p = &model[(va - WIN_VA + off) / SZ_4K];

		p->mapped = mapped;
		p->prot = mapped ? prot : 0;
		if (pa)
			p->pa = *pa + off;
	}
}

enum op_type {
	OP_MAP,
	OP_UNMAP,
	OP_PROTECT
};

struct op {
	enum op_type type;
	uint32_t va, pa, size;
	pgprot_t prot;
	enum pt_kind max_kind;
	bool bad;    /* spoiled: must be refused with -EINVAL */
	bool starve; /* pt_alloc_l2() fails after a few tables */
};

static const char *const op_names[] = { "pt_map_max", "pt_unmap", "pt_protect" };

/* Run one call, hold it against the model, then update the model and check every page. */
static void run_op(unsigned n, const struct op *o)
{
	struct host_snapshot *snap;
	int want, got;

	if (o->bad)
		want = -EINVAL;
	else
		want = model_expect(o->va, o->size, o->type != OP_MAP);

	snap = host_snapshot_take();
	if (o->starve)
		host_l2_fail_after((int)rnd(3));
	if (o->type == OP_MAP)
		got = pt_map_max(&as, o->va, o->pa, o->size, o->prot, o->max_kind);
	else if (o->type == OP_UNMAP)
		got = pt_unmap(&as, o->va, o->size);
	else
		got = pt_protect(&as, o->va, o->size, o->prot);
	host_l2_fail_after(-1);

	if (!(got == want || (o->starve && want == 0 && got == -ENOMEM)))
		fail_msg(
			"op %u: %s(va %#x, pa %#x, size %#x, prot %#x, max %d) = %d, model says %d",
			n, op_names[o->type], o->va, o->pa, o->size, o->prot, o->max_kind, got,
			want);
	count_outcome(got);
	/* Refusals change nothing; only unmap/protect may have split under -ENOMEM. */
	if (got && (got != -ENOMEM || o->type == OP_MAP))
		assert_true(host_snapshot_same(snap));
	host_snapshot_free(snap);

	if (got == 0 && o->type == OP_MAP) {
		model_set(o->va, o->size, true, &o->pa, o->prot);
		expect_mapped(pgd, o->va, o->pa, o->size, o->prot, o->max_kind);
	} else if (got == 0) {
		model_set(o->va, o->size, o->type == OP_PROTECT, NULL, o->prot);
	}
	check_pages();
}

static void random_op(unsigned n)
{
	unsigned r = rnd(10);
	struct op o = {
		.type = r < 4   ? OP_MAP
			: r < 8 ? OP_UNMAP
				: OP_PROTECT,
		.prot = random_prot(),
		.max_kind = rnd(3) ? PT_SUPERSECTION : PT_SUPERSECTION + rnd(4),
		.bad = rnd(12) == 0,
	};

	o.starve = !o.bad && rnd(8) == 0;
	if (o.bad || rnd(2) || !aimed_range(o.type != OP_MAP, &o.va, &o.size))
		random_range(&o.va, &o.size);
	o.pa = random_pa(o.va);
	if (o.bad)
		spoil(&o.va, &o.pa, &o.size, &o.prot,
		      o.type == OP_MAP     ? 7
		      : o.type == OP_UNMAP ? 4
					   : 5);
	run_op(n, &o);
}

/*
 * Now and then empty a 16 MB block (one unmap per mapped run in it) and
 * map it again with a PA that allows a supersection, which later calls
 * then split: random calls alone rarely find 16 MB free.
 */
static void reclaim_block(unsigned n)
{
	uint32_t block = WIN_VA + rnd(WIN_SIZE / SZ_16M) * SZ_16M;
	unsigned first = (block - WIN_VA) / SZ_4K;

	for (unsigned i = first; i < first + SZ_16M / SZ_4K;) {
		unsigned j = i;

		while (j < first + SZ_16M / SZ_4K && model[j].mapped)
			j++;
		if (j > i)
			run_op(n, &(struct op){ .type = OP_UNMAP,
						.va = WIN_VA + i * SZ_4K,
						.size = (j - i) * SZ_4K });
		i = j + 1;
	}
	run_op(n, &(struct op){ .type = OP_MAP,
				.va = block,
				.size = SZ_16M,
				.pa = block + (1 + rnd(32)) * SZ_16M,
				.prot = random_prot(),
				.max_kind = PT_SUPERSECTION });
}

static void unmap_everything(void)
{
	for (unsigned i = 0; i < WIN_PAGES;) {
		unsigned j = i;

		while (j < WIN_PAGES && model[j].mapped)
			j++;
		if (j > i) {
			assert_int_equal(pt_unmap(&as, WIN_VA + i * SZ_4K, (j - i) * SZ_4K), 0);
			model_set(WIN_VA + i * SZ_4K, (j - i) * SZ_4K, false, NULL, 0);
		}
		i = j + 1;
	}
	check_pages();
	expect_empty(pgd);
}

static void run_seed(uint64_t seed)
{
	host_env_reset();
	pgd = host_l1_table(0);
	as = (struct arch_aspace){ .pgd = pgd };
	memset(model, 0, sizeof(model));
	rng = seed;
	for (unsigned n = 1; n <= OPS; n++) {
		if (n % 64 == 0)
			reclaim_block(n);
		random_op(n);
	}
	unmap_everything();
}

static void random_ops(void **state)
{
	static const uint64_t seeds[] = { 1, 0x5eed, 0xc0ffee };

	(void)state;
	memset(outcomes, 0, sizeof(outcomes));
	memset(kinds_seen, 0, sizeof(kinds_seen));
	for (unsigned s = 0; s < ARRAY_SIZE(seeds); s++)
		run_seed(seeds[s]);
	print_message("outcomes: ok %u, EINVAL %u, EEXIST %u, ENOENT %u, ENOMEM %u; "
		      "pages seen: super %u, section %u, large %u, small %u\n",
		      outcomes[0], outcomes[1], outcomes[2], outcomes[3], outcomes[4],
		      kinds_seen[PT_SUPERSECTION], kinds_seen[PT_SECTION], kinds_seen[PT_LARGE],
		      kinds_seen[PT_SMALL]);
	for (unsigned i = 0; i < ARRAY_SIZE(outcomes); i++)
		assert_true(outcomes[i] > 0);
	for (unsigned k = PT_SUPERSECTION; k <= PT_SMALL; k++)
		assert_true(kinds_seen[k] > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(random_ops),
	};

	return cmocka_run_group_tests_name("pgtable_random", tests, NULL, NULL);
}
