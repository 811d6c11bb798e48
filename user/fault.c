/*
 * Faults on purpose, one per run (arg0 picks it, arg1 is an address for
 * the kernel-address cases). The kernel must end the process with a
 * report and go on; reaching the end is a failure (exit 0 would lie, so 1).
 */
#include "ulib.h"

static const int rodata_word = 42;

enum {
	READ_ADDR,
	WRITE_ADDR,
	EXEC_ADDR,
	NULL_READ,
	WRITE_TEXT,
	WRITE_RODATA,
	EXEC_STACK,
	UNDEFINED,
	OUTSIDE_AREAS,
	USE_AFTER_MUNMAP,
	PROT_NONE_READ,
};

int main(int which, unsigned addr)
{
	volatile unsigned *p = (volatile unsigned *)addr;
	unsigned code[2] = { 0xe12fff1e, 0 }; /* bx lr, on the stack */
	void *m;

	switch (which) {
	case READ_ADDR: return (int)*p + 1;
	case WRITE_ADDR: *p = 0xdeadbeef; break;
	case EXEC_ADDR: ((void (*)(void))addr)(); break;
	case NULL_READ: return *(volatile int *)0 + 1;
	case WRITE_TEXT: *(volatile unsigned *)(void *)main = 0; break;
	case WRITE_RODATA: *(volatile int *)&rodata_word = 1; break;
	case EXEC_STACK: ((void (*)(void))code)(); break;
	case UNDEFINED:
		__asm__ volatile(".word 0xe7f000f0"); /* udf #0 */
		break;
	case OUTSIDE_AREAS: return *(volatile int *)0x30000000 + 1;
	case USE_AFTER_MUNMAP:
		m = mmap(0, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		*(volatile int *)m = 1;
		munmap(m, PAGE_SIZE);
		return *(volatile int *)m + 1;
	case PROT_NONE_READ:
		m = mmap(0, PAGE_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		return *(volatile int *)m + 1;
	}
	return 1;
}
