/* Compute for a while without calling the kernel: only the tick can take the CPU away. */
#include "ulib.h"

int main(unsigned iterations)
{
	volatile unsigned x = 1;

	for (unsigned i = 0; i < iterations; i++)
		x = x * 1664525u + 1013904223u;
	return x == 0; /* 0 (x is odd, never 0): only the time matters */
}
