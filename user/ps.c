/* ps: every process, from /proc/<pid>/status, as "PID PPID S CMD" lines. */
#include "procfile.h"

static void show(const char *pid)
{
	static char text[1024];
	char path[40];
	const char *name, *state;

	snprintf(path, sizeof(path), "/proc/%s/status", pid);
	if (read_file(path, text, sizeof(text)) < 0)
		return; /* it ended meanwhile */
	name = field(text, "Name");
	state = field(text, "State");
	printf("%5s %5lu %c ", pid, number(field(text, "PPid")), state ? *state : '?');
	for (; name && *name && *name != '\n'; name++)
		write(1, name, 1);
	printf("\n");
}

int main(void)
{
	static char buf[2048];
	long fd = open("/proc", O_RDONLY), n;

	if (fd < 0) {
		printf("ps: /proc: %s\n", strerror(fd));
		return 1;
	}
	printf("  PID  PPID S CMD\n");
	while ((n = getdents64((int)fd, buf, sizeof(buf))) > 0)
		for (long off = 0; off < n;) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);

			if (d->d_name[0] >= '1' && d->d_name[0] <= '9')
				show(d->d_name);
			off += d->d_reclen;
		}
	close(fd);
	if (n < 0) {
		printf("ps: /proc: %s\n", strerror(n));
		return 1;
	}
	return 0;
}
