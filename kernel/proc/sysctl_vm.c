/*
 * /proc/sys/vm/compact_memory: writing 1 compacts all memory, as in Linux
 * (its sysctl takes 1 alone since 5.x; the file is mode 0200). The write
 * returns once the compaction is done: the effect shows in /proc/buddyinfo
 * and the counters in /proc/vmstat.
 */
#include "compaction.h"
#include "errno.h"
#include "proc_fs.h"
#include "uaccess.h"
#include "uapi/unistd.h"

static int compact_memory_open(struct file *file)
{
	return file->flags == UAPI_O_WRONLY ? 0 : -EACCES;
}

static long compact_memory_write(struct file *file, const void *ubuf, uint32_t len)
{
	char buf[2] = { 0, 0 };
	int made;

	(void)file;
	if (len == 0 || len > sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, (const void __user *)ubuf, len))
		return -EFAULT;
	if (buf[0] != '1' || (len == 2 && buf[1] != '\n'))
		return -EINVAL;
	made = compact_memory();
	return made < 0 ? made : (long)len;
}

const struct file_operations compact_memory_fops = { .open = compact_memory_open,
						     .write = compact_memory_write };
