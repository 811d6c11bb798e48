/*
 * Two (or more) copies run at once with different arg0: each writes its
 * value at the same virtual addresses (a .data word, a heap page, a fixed
 * mmap page), yields arg1 times and checks it still sees its own values.
 * With arg1 0 it goes on until the kernel writes a non-zero word at
 * STOP_ADDR, in its own page (a test's way to end it when it chooses,
 * however fast or slowly its CPU ran). Exit 0 when every check held.
 */
#include "ulib.h"

static volatile unsigned data_word = 1;
#define FIXED_ADDR ((volatile unsigned *)0x50000000)
#define STOP_ADDR  (FIXED_ADDR + 1) /* tests/target/user_test.c: TWINS_STOP */

int main(unsigned value, unsigned rounds)
{
	volatile unsigned *heap = (volatile unsigned *)brk(0);
	void *m = mmap((void *)FIXED_ADDR, PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

	CHECK(m == (void *)FIXED_ADDR);
	CHECK_EQ(brk((void *)((unsigned)heap + PAGE_SIZE)), (unsigned)heap + PAGE_SIZE);
	for (unsigned i = 0; rounds ? i < rounds : !*STOP_ADDR; i++) {
		data_word = value + i;
		*heap = ~(value + i);
		*FIXED_ADDR = value * 3 + i;
		sched_yield();
		CHECK_EQ(data_word, value + i);
		CHECK_EQ(*heap, ~(value + i));
		CHECK_EQ(*FIXED_ADDR, value * 3 + i);
		if (failures)
			break;
	}
	return failures;
}
