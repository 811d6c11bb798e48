/* free: memory in kB from /proc/meminfo, in procps's layout. */
#include "procfile.h"

int main(void)
{
	static char text[4096];
	unsigned long total, mfree, avail, shared, cache, used;
	long n = read_file("/proc/meminfo", text, sizeof(text));
	const char *avail_field;

	if (n < 0) {
		printf("free: /proc/meminfo: %s\n", strerror(n));
		return 1;
	}
	total = number(field(text, "MemTotal"));
	mfree = number(field(text, "MemFree"));
	shared = number(field(text, "Shmem"));
	cache = number(field(text, "Buffers")) + number(field(text, "Cached")) +
		number(field(text, "SReclaimable"));
	avail_field = field(text, "MemAvailable");
	avail = avail_field ? number(avail_field) : mfree + cache;
	used = total > mfree + cache ? total - mfree - cache : 0;
	printf("               total        used        free      shared  buff/cache   available\n");
	printf("%-8s%12lu%12lu%12lu%12lu%12lu%12lu\n", "Mem:", total, used, mfree, shared, cache,
	       avail);
	printf("%-8s%12lu%12lu%12lu\n", "Swap:", number(field(text, "SwapTotal")),
	       number(field(text, "SwapTotal")) - number(field(text, "SwapFree")),
	       number(field(text, "SwapFree")));
	return 0;
}
