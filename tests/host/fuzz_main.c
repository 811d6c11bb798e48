/* The fuzz targets' shared loop, failure report and standalone driver: see fuzz_main.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_main.h"
#include "host_printk.h"

struct fuzz_input fuzz_in;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_in.data = data;
	fuzz_in.size = size;
	fuzz_in.pos = 0;
	host_printk_clear();
	fuzz_target.setup();
	while (fuzz_in.pos < fuzz_in.size) {
		host_printk_clear();
		fuzz_target.step();
	}
	host_printk_clear();
	fuzz_target.finish();
	return 0;
}

#ifdef FUZZ_STANDALONE
static unsigned long inputs, ops; /* totals for the summary */

static void run_input(const uint8_t *data, size_t size)
{
	LLVMFuzzerTestOneInput(data, size);
	inputs++;
	ops += *fuzz_target.op;
}
#endif

/* The standalone driver keeps a failing input in $FUZZ_FAILURE_FILE (libFuzzer saves its own). */
static void save_failure(void)
{
#ifdef FUZZ_STANDALONE
	const char *path = getenv("FUZZ_FAILURE_FILE");
	FILE *f = path ? fopen(path, "wb") : NULL;

	if (f) {
		fwrite(fuzz_in.data, 1, fuzz_in.size, f);
		fclose(f);
		fprintf(stderr, "%s: input saved in %s (replay: %s_standalone FILE)\n",
			fuzz_target.name, path, fuzz_target.name);
	}
#endif
}

void fuzz_fail(unsigned op, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: operation %u: ", fuzz_target.name, op);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nkernel log of the operation:\n%s\n", host_printk_output());
	save_failure();
	abort();
}

#ifdef FUZZ_STANDALONE
/* ---- the standalone driver: fixed pseudo-random inputs, or files to replay ---- */

#define FUZZ_MAX_LEN 4096

static int replay(const char *path)
{
	static uint8_t buf[1 << 20];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f) {
		perror(path);
		return 1;
	}
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	run_input(buf, n);
	printf("%s: %s: %zu bytes, %u operations: OK\n", fuzz_target.name, path, n,
	       *fuzz_target.op);
	return 0;
}

int main(int argc, char **argv)
{
	static uint8_t buf[FUZZ_MAX_LEN];
	uint64_t x = fuzz_target.seed;
#ifdef FUZZ_RUNS
	unsigned runs = FUZZ_RUNS;
#else
	unsigned runs = fuzz_target.runs;
#endif
	int status = 0;

	if (argc > 1) {
		for (int i = 1; i < argc; i++)
			status |= replay(argv[i]);
		return status;
	}
	for (unsigned run = 0; run < runs; run++) {
		size_t len;

		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		len = 1 + x % FUZZ_MAX_LEN;
		for (size_t i = 0; i < len; i++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			buf[i] = (uint8_t)(x >> 32);
		}
		run_input(buf, len);
	}
	printf("%s: %lu inputs, %lu operations: ", fuzz_target.name, inputs, ops);
	fuzz_target.summary();
	return 0;
}
#endif
