/*
 * What execve() hands a program: prints its arguments and exits with
 * argc * 10 + the total length of the strings, so the kernel test knows
 * they all arrived, in order (the last must be NULL).
 */
#include "ulib.h"

int main(int argc, char **argv)
{
	unsigned total = 0;

	for (int i = 0; i < argc; i++) {
		printf("args: argv[%d] = \"%s\"\n", i, argv[i]);
		total += strlen(argv[i]);
	}
	if (argv[argc])
		return 255;
	return argc * 10 + (int)total;
}
