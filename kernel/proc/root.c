/*
 * /proc itself: the path lookup kernel/file.c calls for "/proc" and below,
 * the files of the root and of each pid's directory, and the directory
 * listings getdents64 reads (include/proc_fs.h).
 */
#include "errno.h"
#include "ioport.h"
#include "irq.h"
#include "kmemleak.h"
#include "mm.h"
#include "printk.h"
#include "proc_fs.h"
#include "sched.h"
#include "slab.h"
#include "string.h"
#include "uapi/unistd.h"
#include "vmalloc.h"

/*
 * /proc/kmemleak: Linux's /sys/kernel/debug/kmemleak, read-only here as
 * every /proc file is, so opening it is the trigger ("echo scan"): a scan,
 * then every leak reported so far. Empty while kmemleak is off.
 */
static void kmemleak_proc_show(struct seq_file *m)
{
	kmemleak_scan();
	kmemleak_seq_show(m);
}

struct proc_entry {
	const char *name, *path;
	void (*show)(struct seq_file *m);
};

/* The root's files, in the order ls shows them (sorted). */
static const struct proc_entry root_entries[] = {
	{ "buddyinfo", "/proc/buddyinfo", buddyinfo_seq_show },
	{ "interrupts", "/proc/interrupts", interrupts_seq_show },
	{ "iomem", "/proc/iomem", iomem_seq_show },
	{ "kmemleak", "/proc/kmemleak", kmemleak_proc_show },
	{ "meminfo", "/proc/meminfo", meminfo_proc_show },
	{ "pagetypeinfo", "/proc/pagetypeinfo", pagetypeinfo_seq_show },
	{ "slabinfo", "/proc/slabinfo", slabinfo_seq_show },
	{ "vmallocinfo", "/proc/vmallocinfo", vmallocinfo_seq_show },
	{ "vmstat", "/proc/vmstat", vmstat_proc_show },
	{ "zoneinfo", "/proc/zoneinfo", zoneinfo_seq_show },
};

/* A pid directory's files. */
static const struct proc_entry pid_entries[] = {
	{ "maps", "/proc/<pid>/maps", proc_pid_maps_show },
	{ "status", "/proc/<pid>/status", proc_pid_status_show },
};

/* pid_file_open() finds the entry in the low bit of file->private. */
_Static_assert(ARRAY_SIZE(pid_entries) == 2, "one bit picks a pid file");

#define PID_DIR_INO(pid) (0x10000u + (uint32_t)(pid)*16u)

static long dir_read(struct file *file, void *ubuf, uint32_t len, uint32_t *pos)
{
	(void)file, (void)ubuf, (void)len, (void)pos;
	return -EISDIR;
}

/* Give "." and ".." at positions 0 and 1; false when the caller has no room. */
static bool emit_dots(struct dir_context *ctx, uint32_t ino, uint32_t parent_ino)
{
	while (ctx->pos < 2) {
		bool dot = ctx->pos == 0;

		if (!ctx->actor(ctx, dot ? "." : "..", dot ? 1 : 2, dot ? ino : parent_ino, DT_DIR))
			return false;
		ctx->pos++;
	}
	return true;
}

/*
 * The root: dots, the files, "self", then one directory per live pid
 * (pid 0, the boot thread, is not a process: Linux shows none either).
 * A pid's position is PIDS_POS + pid, and a listing resumes at the first
 * pid at or above its position, so it goes on correctly when tasks come
 * and go between calls.
 */
#define PIDS_POS (2u + ARRAY_SIZE(root_entries) + 1u)

static int root_iterate(struct file *file, struct dir_context *ctx)
{
	(void)file;
	if (!emit_dots(ctx, 1, 1))
		return 0;
	while (ctx->pos < PIDS_POS - 1) {
		const struct proc_entry *e = &root_entries[ctx->pos - 2];

		if (!ctx->actor(ctx, e->name, strlen(e->name), ctx->pos + 1, DT_REG))
			return 0;
		ctx->pos++;
	}
	if (ctx->pos == PIDS_POS - 1) {
		if (!ctx->actor(ctx, "self", 4, ctx->pos + 1, DT_LNK))
			return 0;
		ctx->pos++;
	}
	for (;;) {
		int from = (int)(ctx->pos - PIDS_POS);
		int pid = task_next_pid(from > 1 ? from - 1 : 0);
		char name[12];

		if (pid < 0)
			return 0;
		snprintf(name, sizeof(name), "%d", pid);
		ctx->pos = PIDS_POS + (uint32_t)pid; /* this entry's position */
		if (!ctx->actor(ctx, name, strlen(name), PID_DIR_INO(pid), DT_DIR))
			return 0;
		ctx->pos++;
	}
}

static int pid_dir_iterate(struct file *file, struct dir_context *ctx)
{
	int pid = (int)(uintptr_t)file->private;

	if (!emit_dots(ctx, PID_DIR_INO(pid), 1))
		return 0;
	while (ctx->pos - 2 < ARRAY_SIZE(pid_entries)) {
		const struct proc_entry *e = &pid_entries[ctx->pos - 2];

		if (!ctx->actor(ctx, e->name, strlen(e->name), PID_DIR_INO(pid) + ctx->pos, DT_REG))
			return 0;
		ctx->pos++;
	}
	return 0;
}

static int root_file_open(struct file *file)
{
	const struct proc_entry *e = file->private;

	if (file->flags != UAPI_O_RDONLY)
		return -EACCES;
	return single_open(file, e->show, NULL);
}

static int pid_file_open(struct file *file)
{
	/* private: the pid, until single_open puts the seq_file there. */
	const struct proc_entry *e = &pid_entries[(uintptr_t)file->private & 1];

	if (file->flags != UAPI_O_RDONLY)
		return -EACCES;
	return single_open(file, e->show, (void *)((uintptr_t)file->private >> 1));
}

static const struct file_operations root_dir_fops = { .read = dir_read, .iterate = root_iterate };
static const struct file_operations pid_dir_fops = { .read = dir_read, .iterate = pid_dir_iterate };
static const struct file_operations root_file_fops = { .open = root_file_open,
						       .read = seq_read,
						       .release = single_release };
static const struct file_operations pid_file_fops = { .open = pid_file_open,
						      .read = seq_read,
						      .release = single_release };

/* A decimal pid at *p (at most 9 digits, no sign, no leading zero); -1 if none. */
static int parse_pid(const char **p)
{
	const char *s = *p;
	int pid = 0;

	if (*s < '0' || *s > '9' || (*s == '0' && s[1] >= '0' && s[1] <= '9'))
		return -1;
	for (unsigned n = 0; *s >= '0' && *s <= '9'; s++, n++) {
		if (n == 9)
			return -1;
		pid = pid * 10 + (*s - '0');
	}
	*p = s;
	return pid;
}

/* path starts with "/proc" and goes on with "" or "/...". */
static int proc_lookup(const char *path, struct file *file)
{
	const char *rest = path + 5;
	struct task_info ti;
	int pid;

	if (*rest == '/')
		rest++;
	if (!*rest) {
		file->path = "/proc";
		file->f_op = &root_dir_fops;
		return 0;
	}
	for (unsigned i = 0; i < ARRAY_SIZE(root_entries); i++)
		if (!strcmp(rest, root_entries[i].name)) {
			file->path = root_entries[i].path;
			file->f_op = &root_file_fops;
			file->private = (void *)&root_entries[i];
			return 0;
		}
	if (!strcmp(rest, "sys/vm/compact_memory")) {
		file->path = "/proc/sys/vm/compact_memory";
		file->f_op = &compact_memory_fops;
		return 0;
	}
	if (!strncmp(rest, "self", 4) && (rest[4] == '/' || !rest[4])) {
		pid = current->pid;
		rest += 4;
	} else if ((pid = parse_pid(&rest)) < 0 || (*rest && *rest != '/')) {
		return -ENOENT;
	}
	if (task_info_get(pid, &ti, NULL))
		return -ENOENT;
	if (*rest == '/')
		rest++;
	if (!*rest) {
		file->path = "/proc/<pid>";
		file->f_op = &pid_dir_fops;
		file->private = (void *)(uintptr_t)pid;
		return 0;
	}
	for (unsigned i = 0; i < ARRAY_SIZE(pid_entries); i++)
		if (!strcmp(rest, pid_entries[i].name)) {
			file->path = pid_entries[i].path;
			file->f_op = &pid_file_fops;
			file->private = (void *)((uintptr_t)pid << 1 | i);
			return 0;
		}
	return -ENOENT;
}

static struct fs_lookup proc_fs_lookup = { .prefix = "/proc", .lookup = proc_lookup };

void proc_root_init(void)
{
	register_fs_lookup(&proc_fs_lookup);
}
