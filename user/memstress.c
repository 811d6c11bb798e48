/*
 * memstress N [ROUNDS]: each round maps N MB, writes every page, forks a
 * child that checks and rewrites them (copy on write), checks its own copy
 * is unchanged, then unmaps it all. ROUNDS defaults to 1; 0 runs until
 * Ctrl-C. Exit status: 0, or 1 on a wrong value.
 */
#include "ulib.h"

static int touch(volatile unsigned *p, unsigned words, unsigned seed, int check)
{
	for (unsigned i = 0; i < words; i += PAGE_SIZE / 4) {
		if (check && p[i] != seed + i)
			return 1;
		p[i] = seed + i;
	}
	return 0;
}

int main(int argc, char **argv)
{
	long mb = 1, rounds = 1;

	if (argv && argc > 1 && (parse_long(argv[1], &mb) || mb <= 0 || mb > 1024)) {
		printf("usage: memstress N [ROUNDS]   (N in MB, 1..1024)\n");
		return 2;
	}
	if (argv && argc > 2 && (parse_long(argv[2], &rounds) || rounds < 0))
		return 2;
	for (long r = 0; !rounds || r < rounds; r++) {
		unsigned len = (unsigned)mb << 20, words = len / 4;
		volatile unsigned *p = mmap(0, len, PROT_READ | PROT_WRITE,
					    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		long pid;
		int status;

		if (mmap_err((void *)p)) {
			printf("memstress: mmap of %ld MB: %s\n", mb,
			       strerror(mmap_err((void *)p)));
			return 1;
		}
		touch(p, words, (unsigned)r, 0);
		pid = fork();
		if (pid == 0)
			exit(touch(p, words, (unsigned)r, 1) ? 1 : touch(p, words, 0x5000000u, 0));
		if (pid > 0 && (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
				WEXITSTATUS(status))) {
			printf("memstress: round %ld: the child saw wrong values\n", r);
			return 1;
		}
		if (touch(p, words, (unsigned)r, 1)) {
			printf("memstress: round %ld: the parent's pages changed\n", r);
			return 1;
		}
		munmap((void *)p, len);
		printf("memstress: round %ld: %ld MB%s\n", r + 1, mb,
		       pid > 0 ? " (and a child)" : "");
	}
	return 0;
}
