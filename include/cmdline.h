/*
 * The boot command line ("key=value" and bare "flag" words separated by
 * spaces), from semihosting on QEMU.
 *
 * Every word the kernel understands is registered next to the code that
 * reads it, so that a word nobody registered is a typo:
 *
 *   CMDLINE_PARAM(mem, "mem=SIZE", "use at most SIZE of RAM");
 *   CMDLINE_FLAG(ptdump, "print the kernel's page tables at boot");
 *   CMDLINE_FLAG_OR_VALUE(bench, "bench[=NAME]", "run the benchmarks, or one");
 *
 * cmdline_check() at boot refuses the command line if a word is not
 * registered, or is a flag given a value, or a key given none, and prints
 * every parameter there is: start_kernel() then halts with status 1 rather
 * than boot with an argument silently ignored (ARGS="ptdmup").
 */
#ifndef CMDLINE_H
#define CMDLINE_H

#include "kernel.h"
#include "types.h"

enum cmdline_kind {
	CMDLINE_KIND_VALUE = 1, /* key=value */
	CMDLINE_KIND_FLAG = 2,  /* a bare word */
	CMDLINE_KIND_EITHER = 3,
};

struct cmdline_param {
	const char *name;  /* the key or the flag */
	const char *usage; /* how it is written: "mem=SIZE" */
	const char *help;  /* what it does, one line */
	unsigned kind;
};

#define __CMDLINE_REGISTER(nm, use, h, k)                                                  \
	static const struct cmdline_param __cmdline_param_##nm __section("cmdline_params") \
		__used __aligned(4) = { .name = #nm, .usage = use, .help = h, .kind = k }
#define CMDLINE_PARAM(name, usage, help) __CMDLINE_REGISTER(name, usage, help, CMDLINE_KIND_VALUE)
#define CMDLINE_FLAG(name, help)         __CMDLINE_REGISTER(name, #name, help, CMDLINE_KIND_FLAG)
#define CMDLINE_FLAG_OR_VALUE(name, usage, help) \
	__CMDLINE_REGISTER(name, usage, help, CMDLINE_KIND_EITHER)

void cmdline_init(const char *line);
const char *cmdline_get(void);
/* Copy the value of the last key= into buf; false if the key is absent. */
bool cmdline_value(const char *key, char *buf, size_t size);
bool cmdline_flag(const char *word);
/*
 * The words that are not registered parameters, or are written the wrong
 * way (a flag with =, a key without): each is reported, followed by the
 * list of parameters. Returns how many; 0 for a sound command line.
 */
unsigned cmdline_check(void);
/* Parse "64M", "1G", "512K", "4096": false on garbage or overflow. */
bool parse_size(const char *s, uint64_t *out);

#endif
