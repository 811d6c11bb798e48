/* The host benchmarks' shared driver: see bench_main.h and scripts/bench-host. */
#include <stdio.h>
#include <string.h>

#include "bench_main.h"
#include "host_printk.h"

const struct buddy_env_layout bench_layout = {
	.dma_pages = 4096,
	.normal_pages = 28672,
	.highmem_pages = 0,
	.reserved = { { 0, 512 } }, /* the kernel image and its tables */
	.nr_reserved = 1,
};

void bench_buddy_init(void)
{
	buddy_env_init(&bench_layout);
}

unsigned bench_buddy_finish(void)
{
	drain_all_pages();
	return buddy_check();
}

void bench_empty_loop(unsigned iterations)
{
	for (unsigned i = 0; i < iterations; i++)
		__asm__ volatile("");
}

/* What callgrind counts (--toggle-collect=bench_timed): the timed part only. */
__attribute__((noinline, noclone)) void bench_timed(const struct bench_case *c);
__attribute__((noinline, noclone)) void bench_timed(const struct bench_case *c)
{
	c->timed(c->iterations);
}

/* Anything the allocator printed since the case began fails it (shown on stderr). */
static bool printed(void)
{
	const char *log = host_printk_output();

	fputs(log, stderr);
	return *log;
}

static int run(const struct bench_case *c)
{
	const char *name = bench_target.name;
	uint32_t free_before;
	unsigned problems;
	bool ok;

	bench_target.init();
	free_before = nr_free_pages();
	*bench_target.failed = 0;
	host_printk_clear();
	if (c->setup && !c->setup()) {
		printed();
		fprintf(stderr, "%s: %s: set-up failed\n", name, c->name);
		return 1;
	}
	bench_timed(c);
	ok = !c->check || c->check();
	ok = !printed() && ok && !*bench_target.failed &&
	     (!bench_target.clean || bench_target.clean());
	if (!ok) {
		fprintf(stderr, "%s: %s: the timed loop failed\n", name, c->name);
		return 1;
	}
	problems = bench_target.finish();
	printed();
	if (problems || nr_free_pages() != free_before) {
		fprintf(stderr, "%s: %s: %u problems, %u pages free of %u\n", name, c->name,
			problems, nr_free_pages(), free_before);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const struct bench_case *cases = bench_target.cases;

	if (argc == 2 && !strcmp(argv[1], "--list")) {
		for (unsigned i = 0; i < bench_target.nr_cases; i++)
			printf("%s\t%u\t%u\t%u\t%s\t%s\n", cases[i].name, cases[i].iterations,
			       cases[i].loops, cases[i].ops,
			       cases[i].base ? cases[i].base : "empty",
			       cases[i].label ? cases[i].label : "-");
		return 0;
	}
	for (unsigned i = 0; argc == 2 && i < bench_target.nr_cases; i++)
		if (!strcmp(argv[1], cases[i].name))
			return run(&cases[i]);
	fprintf(stderr, "usage: %s --list | CASE\n", argv[0]);
	return 2;
}
