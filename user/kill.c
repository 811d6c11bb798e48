/* kill [-N | -NAME] PID...: send signal N (default SIGTERM) to each PID, as procps's kill. */
#include "ulib.h"

static const struct {
	const char *name;
	int sig;
} names[] = { { "INT", SIGINT }, { "KILL", SIGKILL }, { "TERM", SIGTERM }, { "SEGV", SIGSEGV } };

static int parse_signal(const char *s)
{
	long n;

	if (!strncmp(s, "SIG", 3))
		s += 3;
	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(s, names[i].name))
			return names[i].sig;
	return parse_long(s, &n) || n < 0 ? -1 : (int)n;
}

int main(int argc, char **argv)
{
	int sig = SIGTERM, i = 1, status = 0;

	if (argv && argc > 1 && argv[1][0] == '-' && argv[1][1] &&
	    (argv[1][1] < '0' || argv[1][1] > '9' || argc > 2)) {
		sig = parse_signal(argv[1] + 1);
		if (sig < 0) {
			printf("kill: unknown signal: %s\n", argv[1]);
			return 1;
		}
		i = 2;
	}
	if (!argv || i >= argc) {
		printf("usage: kill [-N] PID...\n");
		return 2;
	}
	for (; i < argc; i++) {
		long pid, err;

		if (parse_long(argv[i], &pid)) {
			printf("kill: invalid pid: %s\n", argv[i]);
			status = 1;
			continue;
		}
		err = kill(pid, sig);
		if (err) {
			printf("kill: (%ld) - %s\n", pid, strerror(err));
			status = 1;
		}
	}
	return status;
}
