/*
 * Code addresses to symbol names (include/kallsyms.h): a binary search of
 * the sorted table scripts/kallsyms links into the image, as Linux's
 * kernel/kallsyms.c does over its own (there with compressed names; here
 * the names are plain strings, the table a few tens of kB).
 */
#include "kallsyms.h"
#include "printk.h"

/* The index of the last symbol starting at or below addr, or -1 if none does. */
static int last_at_or_below(unsigned long addr)
{
	int lo = 0, hi = (int)kallsyms_num_syms - 1, found = -1;

	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;

		if (kallsyms_addresses[mid] <= addr) {
			found = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	return found;
}

const char *kallsyms_lookup(unsigned long addr, unsigned long *symbolsize, unsigned long *offset)
{
	int i = last_at_or_below(addr);

	/* Subtract, not add: a symbol ending at the top of the space cannot overflow. */
	if (i < 0 || addr - kallsyms_addresses[i] >= kallsyms_sizes[i])
		return NULL;
	if (symbolsize)
		*symbolsize = kallsyms_sizes[i];
	if (offset)
		*offset = addr - kallsyms_addresses[i];
	return kallsyms_names + kallsyms_name_offsets[i];
}

static int sprint(char *buf, unsigned long addr, bool with_offset)
{
	unsigned long size, off;
	const char *name = kallsyms_lookup(addr, &size, &off);

	if (!name)
		return snprintf(buf, KSYM_SYMBOL_LEN, "0x%08lx", addr);
	if (!with_offset)
		return snprintf(buf, KSYM_SYMBOL_LEN, "%.*s", KSYM_NAME_LEN - 1, name);
	return snprintf(buf, KSYM_SYMBOL_LEN, "%.*s+0x%lx/0x%lx", KSYM_NAME_LEN - 1, name, off,
			size);
}

int sprint_symbol(char *buf, unsigned long addr)
{
	return sprint(buf, addr, true);
}

int sprint_symbol_no_offset(char *buf, unsigned long addr)
{
	return sprint(buf, addr, false);
}
