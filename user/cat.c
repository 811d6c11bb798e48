/* cat FILE...: copy each file to the console; no FILE: the console's input until Ctrl-D. */
#include "ulib.h"

static int copy(long fd, const char *name)
{
	char buf[512];
	long n;

	while ((n = read(fd, buf, sizeof(buf))) > 0)
		write(1, buf, (unsigned)n);
	if (n < 0) {
		printf("cat: %s: %s\n", name, strerror(n));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2 || !argv)
		return copy(0, "-");
	for (int i = 1; i < argc; i++) {
		long fd = open(argv[i], O_RDONLY);

		if (fd < 0) {
			printf("cat: %s: %s\n", argv[i], strerror(fd));
			status = 1;
			continue;
		}
		status |= copy(fd, argv[i]);
		close(fd);
	}
	return status;
}
