/* Reading a whole /proc file and its "Key: value" lines (free, ps). */
#ifndef PROCFILE_H
#define PROCFILE_H

#include "uapi/dirent.h"
#include "ulib.h"

/* The file's text, NUL-terminated, in buf: its length, or a negative errno. */
static inline long read_file(const char *path, char *buf, unsigned size)
{
	long fd = open(path, O_RDONLY), n, len = 0;

	if (fd < 0)
		return fd;
	while (len < (long)size - 1 && (n = read(fd, buf + len, size - 1 - (unsigned)len)) > 0)
		len += n;
	close(fd);
	buf[len] = 0;
	return len;
}

/* The text after "key:" on its line (blanks skipped), or NULL. */
static inline const char *field(const char *text, const char *key)
{
	size_t n = strlen(key);

	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : 0)
		if (!strncmp(p, key, n) && p[n] == ':') {
			p += n + 1;
			while (*p == ' ' || *p == '\t')
				p++;
			return p;
		}
	return 0;
}

/* The number at the start of s (0 if none). */
static inline unsigned long number(const char *s)
{
	unsigned long v = 0;

	while (s && *s >= '0' && *s <= '9')
		v = v * 10 + (unsigned long)(*s++ - '0');
	return v;
}

#endif
