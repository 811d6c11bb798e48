/* ls [DIR]: the names in a directory (default "/"), one a line, through getdents64. */
#include "procfile.h"

int main(int argc, char **argv)
{
	static char buf[2048];
	const char *dir = argv && argc > 1 ? argv[1] : "/";
	long fd = open(dir, O_RDONLY), n;

	if (fd < 0) {
		printf("ls: cannot access '%s': %s\n", dir, strerror(fd));
		return 2;
	}
	while ((n = getdents64((int)fd, buf, sizeof(buf))) > 0)
		for (long off = 0; off < n;) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);

			if (strcmp(d->d_name, ".") && strcmp(d->d_name, ".."))
				printf("%s\n", d->d_name);
			off += d->d_reclen;
		}
	close(fd);
	if (n < 0) {
		printf("ls: cannot read '%s': %s\n", dir, strerror(n));
		return 2;
	}
	return 0;
}
