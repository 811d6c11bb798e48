/*
 * Device nodes and open files: just enough of Linux's VFS for a process to
 * open("/dev/led"), read it, mmap it and close it.
 *
 * A driver registers a node with a path and its file_operations; open()
 * finds the node and makes a struct file, which the process's file table
 * and every area mapping it hold a reference to (close() and munmap() drop
 * theirs; the last one releases the file).
 *
 * Paths no node has may belong to a file system that registered a lookup
 * for a prefix (procfs: "/proc"): it fills the file in. A directory is a
 * file whose iterate() lists its entries (getdents64, kernel/readdir.c);
 * "/dev" is one, listing the nodes.
 */
#ifndef FS_H
#define FS_H

#include "atomic.h"
#include "kernel.h"

struct file;
struct vm_area_struct;

/* Linux's d_type values (include/uapi/dirent.h has them for user space). */
#define DT_UNKNOWN 0
#define DT_CHR     2
#define DT_DIR     4
#define DT_REG     8
#define DT_LNK     10

/*
 * What iterate() hands each entry to, as Linux's dir_context: actor returns
 * false when it has no room for this one (iterate stops, and the entry is
 * offered again next time). pos is the entry's position while actor runs,
 * and the next entry's once iterate() returns: positions only grow, and
 * need not be consecutive.
 */
struct dir_context {
	bool (*actor)(struct dir_context *ctx, const char *name, unsigned namelen, uint32_t ino,
		      unsigned type);
	uint32_t pos;
};

struct file_operations {
	int (*open)(struct file *file);
	void (*release)(struct file *file);
	/* Copy up to len bytes at *pos to the user buffer: bytes copied or a negative errno. */
	long (*read)(struct file *file, void *ubuf, uint32_t len, uint32_t *pos);
	long (*write)(struct file *file, const void *ubuf, uint32_t len);
	int (*mmap)(struct file *file, struct vm_area_struct *vma);
	/* A device's own request (Linux's unlocked_ioctl); NULL: -ENOTTY. */
	long (*ioctl)(struct file *file, unsigned cmd, uint32_t arg);
	/* Directories: give entries from ctx->pos on; 0 or a negative errno. */
	int (*iterate)(struct file *file, struct dir_context *ctx);
};

struct device_node_entry {
	const char *path;
	const struct file_operations *f_op;
	void *private;
};

struct file {
	const char *path;
	const struct file_operations *f_op;
	void *private; /* the node's */
	atomic_t refs;
	unsigned flags; /* open's O_ flags */
	uint32_t pos;
};

/* Make path openable (-EEXIST if taken, -ENOMEM when the table is full). */
int register_device_node(const char *path, const struct file_operations *f_op, void *private);
void unregister_device_node(const char *path);
/*
 * A file system serving prefix and every path under prefix + "/": lookup()
 * sets file->f_op, private and path (a string that outlives the file) for
 * path, or returns a negative errno (-ENOENT). Registered once, never
 * removed.
 */
struct fs_lookup {
	const char *prefix;
	int (*lookup)(const char *path, struct file *file);
	struct fs_lookup *next;
};
void register_fs_lookup(struct fs_lookup *fl);
/* Open a node, or a path a registered lookup knows: a file with one reference, or NULL (*err says why). */
struct file *file_open(const char *path, unsigned flags, int *err);
struct file *file_get(struct file *file);
void file_put(struct file *file);
/*
 * getdents64 (kernel/readdir.c): up to count bytes of struct linux_dirent64
 * records of directory file at user address udirp. Bytes written, 0 at the
 * end, or -ENOTDIR, -EINVAL (no room for the next entry), -EFAULT.
 */
long vfs_getdents64(struct file *file, void *udirp, uint32_t count);
/* Files open now (tests check for leaks). */
extern atomic_t files_open_count;
#define files_open ((unsigned)atomic_read(&files_open_count))

#endif
