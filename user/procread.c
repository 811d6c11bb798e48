/*
 * /proc from a process: open and read /proc/self/status, /proc/self/maps
 * and /proc/meminfo as a shell's cat would, check their fields against
 * what the process knows of itself, and list /proc, /proc/self and /dev
 * with getdents64. Exits with the number of failed checks.
 *
 * arg0 = 1: also print /proc/meminfo and /proc/self/maps (docs/proc.md).
 * arg0 = 2: instead, the compaction request: write "1" to
 * /proc/sys/vm/compact_memory and see compact_migrate_scanned in
 * /proc/vmstat rise; a value other than 1 gets EINVAL and a read EACCES,
 * as in Linux (the sysctl is mode 0200 and takes 1 alone).
 */
#include "errno.h" /* the kernel's numbers: the calls return -errno */
#include "ulib.h"
#include "uapi/dirent.h"

static char text[8192];
static char dents[1024] __attribute__((aligned(8)));

static int str_eq_n(const char *a, const char *b, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

/* The text after "\n<field>" (or at the start), or NULL. */
static const char *field(const char *s, const char *name)
{
	unsigned n = strlen(name);

	for (const char *p = s; *p; p++)
		if ((p == s || p[-1] == '\n') && str_eq_n(p, name, n))
			return p + n;
	return 0;
}

static long number(const char *p)
{
	long v = 0;

	if (!p)
		return -1;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p < '0' || *p > '9')
		return -1;
	while (*p >= '0' && *p <= '9')
		v = v * 10 + (*p++ - '0');
	return v;
}

/* Read the whole file with reads of chunk bytes; its length, or a negative errno. */
static long slurp(const char *path, unsigned chunk)
{
	long fd = open(path, O_RDONLY), n, len = 0;

	if (fd < 0)
		return fd;
	while ((n = read((int)fd, text + len, chunk)) > 0 && len + n < (long)sizeof(text) - 1)
		len += n;
	close((int)fd);
	if (n < 0)
		return n;
	text[len] = 0;
	return len;
}

/* Is name an entry of directory path (and of type type)? */
static int dir_has(const char *path, const char *name, unsigned type)
{
	long fd = open(path, O_RDONLY), n;
	int found = 0;

	if (fd < 0)
		return 0;
	while ((n = getdents64((int)fd, dents, sizeof(dents))) > 0)
		for (long off = 0; off < n;) {
			const struct linux_dirent64 *d = (const void *)(dents + off);
			unsigned len = strlen(d->d_name);

			if (len == strlen(name) && str_eq_n(d->d_name, name, len) &&
			    d->d_type == type)
				found = 1;
			off += d->d_reclen;
		}
	CHECK_EQ(n, 0);
	close((int)fd);
	return found;
}

/* compact_migrate_scanned in /proc/vmstat now, or -1. */
static long compact_scanned(void)
{
	return slurp("/proc/vmstat", 64) > 0 ? number(field(text, "compact_migrate_scanned")) : -1;
}

/* Write s to /proc/sys/vm/compact_memory: write()'s result, or open()'s error. */
static long compact_request(const char *s)
{
	long fd = open("/proc/sys/vm/compact_memory", O_WRONLY), n;

	if (fd < 0)
		return fd;
	n = write((int)fd, s, strlen(s));
	close((int)fd);
	return n;
}

static int compact_memory_checks(void)
{
	long scanned = compact_scanned();

	CHECK(scanned >= 0);
	CHECK_EQ(compact_request("1\n"), 2);
	CHECK(compact_scanned() > scanned); /* the pass looked at the movable blocks */
	scanned = compact_scanned();
	CHECK_EQ(compact_request("1"), 1);
	CHECK(compact_scanned() > scanned);
	scanned = compact_scanned();
	CHECK_EQ(compact_request("2\n"), -EINVAL);
	CHECK_EQ(compact_request("0"), -EINVAL);
	CHECK_EQ(compact_request("11\n"), -EINVAL);
	CHECK_EQ(compact_request("x"), -EINVAL);
	CHECK_EQ(compact_scanned(), scanned); /* a refused value does nothing */
	CHECK_EQ(open("/proc/sys/vm/compact_memory", O_RDONLY), -EACCES);
	if (failures)
		printf("procread: %d checks failed\n", failures);
	return failures;
}

int main(unsigned print)
{
	long pid = getpid(), len, fd;
	char pidname[12];

	if (print == 2)
		return compact_memory_checks();

	len = slurp("/proc/self/status", 100);
	CHECK(len > 0);
	CHECK(field(text, "Name:\tprocread\n") != 0);
	CHECK_EQ(number(field(text, "Pid:")), pid);
	CHECK_EQ(number(field(text, "Threads:")), 1);
	CHECK(number(field(text, "VmRSS:")) > 0);
	CHECK(number(field(text, "VmHWM:")) >= number(field(text, "VmRSS:")));
	CHECK(number(field(text, "VmSize:")) >= number(field(text, "VmRSS:")));
	CHECK(field(text, "State:\tR (running)\n") != 0); /* it is reading its own */

	len = slurp("/proc/meminfo", 7);
	CHECK(len > 0);
	CHECK(number(field(text, "MemTotal:")) > 0);
	CHECK(number(field(text, "MemFree:")) <= number(field(text, "MemTotal:")));
	CHECK_EQ(number(field(text, "MemTotal:")),
		 number(field(text, "LowTotal:")) + number(field(text, "HighTotal:")));
	CHECK(number(field(text, "HugePages_Free:")) <= number(field(text, "HugePages_Total:")));
	CHECK_EQ(number(field(text, "Hugepagesize:")), 1024);
	if (print)
		printf("$ cat /proc/meminfo\n%s", text);

	len = slurp("/proc/self/maps", 4096);
	CHECK(len > 0 && text[len - 1] == '\n');
	CHECK(field(text, "00010000-") != 0); /* the text at USER_TEXT_START */
	if (print)
		printf("$ cat /proc/self/maps\n%s", text);

	/* Directories: the files, this process, and the device nodes. */
	snprintf(pidname, sizeof(pidname), "%ld", pid);
	CHECK(dir_has("/proc", "meminfo", UAPI_DT_REG));
	CHECK(dir_has("/proc", "self", UAPI_DT_LNK));
	CHECK(dir_has("/proc", pidname, UAPI_DT_DIR));
	CHECK(dir_has("/proc/self", "status", UAPI_DT_REG));
	CHECK(dir_has("/proc/self", "..", UAPI_DT_DIR));
	CHECK(dir_has("/dev", "console", UAPI_DT_CHR));

	/* What a process must not do. */
	CHECK_EQ(open("/proc/meminfo", O_WRONLY), -EACCES);
	CHECK_EQ(open("/proc/nosuchfile", O_RDONLY), -ENOENT);
	CHECK_EQ(open("/proc/99999/status", O_RDONLY), -ENOENT);
	fd = open("/proc/meminfo", O_RDONLY);
	CHECK(fd >= 0);
	CHECK_EQ(write((int)fd, "x", 1), -EINVAL);
	CHECK_EQ(getdents64((int)fd, dents, sizeof(dents)), -ENOTDIR);
	CHECK_EQ(read((int)fd, (void *)0xc0000000, 16), -EFAULT);
	CHECK_EQ(read((int)fd, text, 0), 0);
	close((int)fd);
	fd = open("/proc", O_RDONLY);
	CHECK(fd >= 0);
	CHECK_EQ(read((int)fd, text, 16), -EISDIR);
	CHECK_EQ(getdents64((int)fd, dents, 8), -EINVAL); /* not even one record fits */
	CHECK_EQ(getdents64((int)fd, (void *)0xc0000000, 64), -EFAULT);
	close((int)fd);
	if (failures)
		printf("procread: %d checks failed\n", failures);
	return failures;
}
