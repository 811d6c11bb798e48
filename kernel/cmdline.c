/* Boot command line parsing, and the check of its words against the registered parameters. */
#include "cmdline.h"
#include "printk.h"
#include "string.h"

/*
 * The registered parameters (CMDLINE_PARAM and friends), bounded by the
 * linker: linker.ld for the kernel; on the host, ld's own __start_/__stop_
 * symbols, weak so that a program registering none still links.
 */
extern const struct cmdline_param __start_cmdline_params[] __attribute__((weak));
extern const struct cmdline_param __stop_cmdline_params[] __attribute__((weak));

static char cmdline[256];

void cmdline_init(const char *line)
{
	size_t n = strnlen(line, sizeof(cmdline) - 1);

	memcpy(cmdline, line, n);
	cmdline[n] = '\0';
}

const char *cmdline_get(void)
{
	return cmdline;
}

/* The word at or after *p, its length in *len, and *p moved past it; NULL when none is left. */
static const char *next_word(const char **p, size_t *len)
{
	const char *s = *p, *w;

	while (*s == ' ')
		s++;
	w = s;
	while (*s && *s != ' ')
		s++;
	*p = s;
	*len = (size_t)(s - w);
	return *len ? w : NULL;
}

/* The last space-separated word that match() accepts: later words override earlier ones. */
static const char *find_word(bool (*match)(const char *w, size_t len, const char *arg),
			     const char *arg, size_t *len_out)
{
	const char *found = NULL, *p = cmdline, *w;
	size_t len;

	while ((w = next_word(&p, &len))) {
		if (match(w, len, arg)) {
			*len_out = len;
			found = w;
		}
	}
	return found;
}

static bool match_key(const char *w, size_t len, const char *key)
{
	size_t k = strlen(key);

	return len > k && !strncmp(w, key, k) && w[k] == '=';
}

static bool match_flag(const char *w, size_t len, const char *flag)
{
	return len == strlen(flag) && !strncmp(w, flag, len);
}

static const struct cmdline_param *param_named(const char *name, size_t len);

/*
 * A lookup of a word no one registered is the kernel's own bug (the check
 * would refuse the word on any command line): said once per lookup.
 */
static void check_registered(const char *fn, const char *name)
{
#ifndef HOST_TEST
	if (!param_named(name, strlen(name)))
		printk("WARNING: %s(\"%s\"): not a registered parameter (CMDLINE_PARAM)\n", fn,
		       name);
#else
	(void)fn;
	(void)name;
#endif
}

bool cmdline_value(const char *key, char *buf, size_t size)
{
	size_t len = 0, k = strlen(key);
	const char *w = find_word(match_key, key, &len);

	check_registered("cmdline_value", key);
	if (!w || !size)
		return false;
	len -= k + 1;
	if (len >= size)
		len = size - 1;
	memcpy(buf, w + k + 1, len);
	buf[len] = '\0';
	return true;
}

bool cmdline_flag(const char *word)
{
	size_t len = 0;

	check_registered("cmdline_flag", word);
	return find_word(match_flag, word, &len) != NULL;
}

bool parse_size(const char *s, uint64_t *out)
{
	uint64_t v = 0;

	if (*s < '0' || *s > '9')
		return false;
	for (; *s >= '0' && *s <= '9'; s++) {
		v = v * 10 + (uint64_t)(*s - '0');
		if (v > 0xffffffffull)
			return false;
	}
	switch (*s) {
	case 'K':
	case 'k':
		v <<= 10;
		s++;
		break;
	case 'M':
	case 'm':
		v <<= 20;
		s++;
		break;
	case 'G':
	case 'g':
		v <<= 30;
		s++;
		break;
	}
	if (*s || v > 0xffffffffull)
		return false;
	*out = v;
	return true;
}

static const struct cmdline_param *param_named(const char *name, size_t len)
{
	for (const struct cmdline_param *p = __start_cmdline_params; p < __stop_cmdline_params; p++)
		if (strlen(p->name) == len && !strncmp(p->name, name, len))
			return p;
	return NULL;
}

/* In name order (the linker's order is the files'): the smallest name after the last one printed. */
static void list_params(void)
{
	const char *last = "";

	printk("The parameters this kernel knows:\n");
	for (;;) {
		const struct cmdline_param *next = NULL;

		for (const struct cmdline_param *p = __start_cmdline_params;
		     p < __stop_cmdline_params; p++)
			if (strcmp(p->name, last) > 0 && (!next || strcmp(p->name, next->name) < 0))
				next = p;
		if (!next)
			break;
		printk("  %-24s %s\n", next->usage, next->help);
		last = next->name;
	}
}

unsigned cmdline_check(void)
{
	unsigned bad = 0;
	const char *p = cmdline, *w;
	size_t n;

	while ((w = next_word(&p, &n))) {
		int len = (int)n;
		const char *eq = w;

		while (eq < p && *eq != '=')
			eq++;
		if (eq == p)
			eq = NULL;
		const struct cmdline_param *prm = param_named(w,
							      eq ? (size_t)(eq - w) : (size_t)len);

		if (!prm)
			printk("Unknown kernel command line parameter \"%.*s\", refusing to boot\n",
			       len, w);
		else if (eq && !(prm->kind & CMDLINE_KIND_VALUE))
			printk("Kernel command line parameter \"%.*s\": %s takes no value\n", len,
			       w, prm->name);
		else if (!eq && !(prm->kind & CMDLINE_KIND_FLAG))
			printk("Kernel command line parameter \"%.*s\" needs a value: %s\n", len, w,
			       prm->usage);
		else
			continue;
		bad++;
	}
	if (bad)
		list_params();
	return bad;
}
