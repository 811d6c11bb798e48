/*
 * The RAM probe (mm/ram_probe.c) against model buses: RAM of a given size
 * at a base, and beyond it what real and emulated boards do: reads of 0
 * with writes dropped (vexpress, realview), an abort (virt), a floating bus
 * that returns the last value it carried, and address lines not decoded so
 * RAM repeats (an alias). The probe must find the size, to the megabyte,
 * leave every word as it was, and never touch the kernel below 16 MB.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdbool.h>
#include <string.h>

#include "ram_probe.h"

enum beyond {
	ZERO,
	ABORT,
	FLOATING,
	ALIAS
};

static struct {
	phys_addr_t base;
	uint64_t ram; /* bytes of RAM */
	enum beyond beyond;
	uint32_t bus; /* the last value on the bus */
	unsigned accesses;
	phys_addr_t lowest; /* the lowest address touched */
	/* Words written so far (the rest hold content(pa)). */
	unsigned nwords;
	struct {
		phys_addr_t pa;
		uint32_t val;
	} words[256];
} m;

/* What RAM holds before the probe: something different at every word. */
static uint32_t content(phys_addr_t pa)
{
	return pa * 2654435761u ^ 0xdeadbeef;
}

static void model(phys_addr_t base, uint64_t ram, enum beyond beyond)
{
	memset(&m, 0, sizeof(m));
	m.base = base;
	m.ram = ram;
	m.beyond = beyond;
	m.lowest = 0xffffffff;
}

/* The RAM word behind pa, or false when pa is past the end of RAM (and not an alias). */
static bool decode(phys_addr_t pa, phys_addr_t *word)
{
	uint64_t off = (uint64_t)(pa - m.base);

	if (off < m.ram) {
		*word = pa;
		return true;
	}
	if (m.beyond == ALIAS) { /* the address lines above the RAM's size are ignored */
		*word = m.base + (phys_addr_t)(off % m.ram);
		return true;
	}
	return false;
}

static uint32_t *slot(phys_addr_t pa)
{
	for (unsigned i = 0; i < m.nwords; i++)
		if (m.words[i].pa == pa)
			return &m.words[i].val;
	assert_true(m.nwords < 256);
	m.words[m.nwords].pa = pa;
	m.words[m.nwords].val = content(pa);
	return &m.words[m.nwords++].val;
}

static void touch(phys_addr_t pa)
{
	m.accesses++;
	assert_true(pa - m.base >= RAM_PROBE_MIN - 8); /* never below: the kernel is there */
	assert_int_equal(pa & 3, 0);
	if (pa < m.lowest)
		m.lowest = pa;
}

static int model_read(phys_addr_t pa, uint32_t *val)
{
	phys_addr_t word;

	touch(pa);
	if (decode(pa, &word))
		m.bus = *slot(word);
	else if (m.beyond == ABORT)
		return -14;
	else if (m.beyond == ZERO)
		m.bus = 0;
	*val = m.bus; /* FLOATING: whatever the bus carried last */
	return 0;
}

static int model_write(phys_addr_t pa, uint32_t val)
{
	phys_addr_t word;

	touch(pa);
	if (decode(pa, &word))
		*slot(word) = val;
	else if (m.beyond == ABORT)
		return -14;
	m.bus = val;
	return 0;
}

static const struct ram_probe_ops ops = { model_read, model_write };

/* Every word the probe touched holds what it held before. */
static void assert_nothing_changed(void)
{
	for (unsigned i = 0; i < m.nwords; i++)
		assert_int_equal(m.words[i].val, content(m.words[i].pa));
}

static void check(phys_addr_t base, uint64_t ram, uint32_t max, enum beyond beyond, uint32_t want)
{
	model(base, ram, beyond);
	assert_int_equal(ram_probe(&ops, base, max), want);
	assert_nothing_changed();
	assert_true(m.accesses < 200);
}

static const uint64_t MB = 1u << 20;

/* Every size a board can have, each kind of bus beyond it. */
static void finds_every_size(void **state)
{
	static const uint32_t sizes_mb[] = { 16,  17,  31,  32,  33,  48,  64,   100,  129,
					     255, 256, 257, 511, 512, 768, 1000, 1023, 1024 };
	(void)state;
	for (enum beyond b = ZERO; b <= FLOATING; b++)
		for (unsigned i = 0; i < sizeof(sizes_mb) / sizeof(sizes_mb[0]); i++) {
			check(0x60000000, sizes_mb[i] * MB, 1024 * MB, b, sizes_mb[i] * MB);
			check(0x00000000, sizes_mb[i] * MB, 1024 * MB, b, sizes_mb[i] * MB);
		}
}

/* RAM up to the end of the address space: base + size is 2^32 and must not wrap. */
static void ram_to_the_top_of_the_address_space(void **state)
{
	(void)state;
	for (enum beyond b = ZERO; b <= FLOATING; b++) {
		check(0x80000000, 2048 * MB, 2048 * MB, b, 2048 * MB); /* vexpress-a15, 2 GB */
		check(0x80000000, 1536 * MB, 2048 * MB, b, 1536 * MB);
		check(0x40000000, 3072 * MB, 3072 * MB, b, 3072 * MB); /* virt, 3 GB */
		check(0x40000000, 2049 * MB, 3072 * MB, b, 2049 * MB);
		check(0x40000000, 2047 * MB, 3072 * MB, b, 2047 * MB);
	}
}

/* More RAM than the board takes: the board's maximum (raspi2b leaves the VideoCore's 64 MB). */
static void stops_at_the_maximum(void **state)
{
	(void)state;
	check(0x00000000, 1024 * MB, 960 * MB, ZERO, 960 * MB);
	check(0x70000000, 1024 * MB, 512 * MB, ZERO, 512 * MB);
	check(0x70000000, 512 * MB, 512 * MB, ABORT, 512 * MB);
	assert_true(m.lowest - 0x70000000 == RAM_PROBE_MIN - 8);
}

/* Less than the kernel needs: 0, for the caller to stop with a clear line. */
static void too_little(void **state)
{
	(void)state;
	for (enum beyond b = ZERO; b <= FLOATING; b++) {
		check(0x60000000, 8 * MB, 1024 * MB, b, 0);
		check(0x60000000, 16 * MB - 4096, 1024 * MB, b, 0);
	}
	model(0x60000000, 1024 * MB, ZERO);
	assert_int_equal(ram_probe(&ops, 0x60000000, 8 * MB), 0);
	assert_int_equal(m.accesses, 0);
}

/* RAM that repeats every S bytes past its end: S, not the whole range, and no word lost. */
static void aliases_are_not_ram(void **state)
{
	static const uint32_t sizes_mb[] = { 16, 32, 64, 128, 256, 512, 1024 };

	(void)state;
	for (unsigned i = 0; i < sizeof(sizes_mb) / sizeof(sizes_mb[0]); i++) {
		check(0x60000000, sizes_mb[i] * MB, 1024 * MB, ALIAS, sizes_mb[i] * MB);
		check(0x40000000, sizes_mb[i] * MB, 3072 * MB, ALIAS, sizes_mb[i] * MB);
	}
	check(0x80000000, 2048 * MB, 2048 * MB, ALIAS, 2048 * MB);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(finds_every_size),
		cmocka_unit_test(ram_to_the_top_of_the_address_space),
		cmocka_unit_test(stops_at_the_maximum),
		cmocka_unit_test(too_little),
		cmocka_unit_test(aliases_are_not_ram),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
