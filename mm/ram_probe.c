/*
 * The RAM probe (include/ram_probe.h): how many bytes of RAM answer at a
 * base address, found without losing what they hold.
 *
 * A size S is "there" when the last word below base + S is RAM. Two steps:
 *
 *  1. Markers at the last word below every power-of-two size from
 *     RAM_PROBE_MIN up, and below max. They are written largest first, so
 *     where address lines are not decoded and a large boundary aliases a
 *     smaller one, the smaller marker overwrites it; then read back smallest
 *     first, each read after a write elsewhere. The first boundary that does not hold its own marker bounds
 *     the size: RAM is at least the boundary before it and less than this
 *     one. If it holds a smaller boundary's marker (and still does after
 *     that word changes again), RAM wraps there: the size is the boundary
 *     before. Every marker word is put back, in the reverse order of the
 *     writes, so an aliased word ends up with its original value.
 *  2. Between those two boundaries, a binary search in 1 MB steps, each step
 *     a write, a write elsewhere (to defeat a floating bus) and a read back.
 *
 * At most 2 * 9 marker accesses and 11 search steps for 3 GB.
 */
#include "ram_probe.h"

#define MAX_MARKS 32
#define MARK(i)   (0x52414d00u + (i)) /* "RAM\0" plus the boundary's index */

/* The word that is RAM when size bytes of RAM are there. */
static phys_addr_t last_word(phys_addr_t base, uint32_t size)
{
	return base + size - 4; /* wraps to 0xfffffffc when base + size is 2^32 */
}

/*
 * Write x at `at` and then ~x at `other` (a floating bus now carries ~x), read
 * the word at pa into *val; put `other` and `at` back. A non-zero return: an
 * access aborted (pa or at is not there at all).
 */
static int echo(const struct ram_probe_ops *ops, phys_addr_t at, phys_addr_t other, phys_addr_t pa,
		uint32_t x, uint32_t *val)
{
	uint32_t old_at, old_other;
	int err;

	if (ops->read(at, &old_at) || ops->read(other, &old_other))
		return -1;
	ops->write(at, x);
	ops->write(other, ~x);
	err = ops->read(pa, val);
	ops->write(other, old_other);
	ops->write(at, old_at);
	return err;
}

/* The word at pa is RAM of its own, not an alias of ref (a word known to be RAM). */
static bool word_is_ram(const struct ram_probe_ops *ops, phys_addr_t pa, phys_addr_t ref)
{
	uint32_t old, v;

	if (ops->read(pa, &old))
		return false;
	/* ~old differs from what a dead address keeps returning. */
	return !echo(ops, pa, ref, pa, ~old, &v) && v == ~old;
}

uint32_t ram_probe(const struct ram_probe_ops *ops, phys_addr_t base, uint32_t max)
{
	/* Written before each marker is read back, so that a floating bus carries something else. */
	const phys_addr_t scratch = base + RAM_PROBE_MIN - 8;
	uint32_t size[MAX_MARKS], saved[MAX_MARKS], old_scratch, v;
	bool held[MAX_MARKS], wraps = false;
	unsigned n = 0, good = 0, i;
	uint32_t lo, hi;

	if (max < RAM_PROBE_MIN || ops->read(scratch, &old_scratch))
		return 0;
	for (uint64_t s = RAM_PROBE_MIN; s < max; s <<= 1)
		size[n++] = (uint32_t)s;
	size[n++] = max;

	for (i = n; i-- > 0;) {
		held[i] = !ops->read(last_word(base, size[i]), &saved[i]);
		if (held[i])
			ops->write(last_word(base, size[i]), MARK(i));
	}
	for (; good < n; good++) {
		ops->write(scratch, ~MARK(good));
		if (ops->read(last_word(base, size[good]), &v))
			v = 0; /* not there at all */
		if (v != MARK(good))
			break;
	}
	ops->write(scratch, old_scratch);
	if (good && good < n && v >= MARK(0) && v < MARK(good)) {
		/* Another boundary's marker: an alias of that word, or a bus remembering it? */
		uint32_t mark = v;
		phys_addr_t other = last_word(base, size[mark - MARK(0)]);

		wraps = !echo(ops, other, other - 4, last_word(base, size[good]), ~mark, &v) &&
			v == ~mark;
	}
	for (i = 0; i < n; i++)
		if (held[i])
			ops->write(last_word(base, size[i]), saved[i]);

	if (good == 0)
		return 0;
	if (good == n)
		return max;
	if (wraps)
		return size[good - 1];

	/* size[good - 1] is there, size[good] is not: search the 1 MB steps between. */
	lo = size[good - 1] >> 20;
	hi = size[good] >> 20;
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (word_is_ram(ops, last_word(base, mid << 20), last_word(base, size[good - 1])))
			lo = mid;
		else
			hi = mid;
	}
	return lo << 20;
}
