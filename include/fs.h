/*
 * Device nodes and open files: just enough of Linux's VFS for a process to
 * open("/dev/led"), read it, mmap it and close it.
 *
 * A driver registers a node with a path and its file_operations; open()
 * finds the node and makes a struct file, which the process's file table
 * and every area mapping it hold a reference to (close() and munmap() drop
 * theirs; the last one releases the file).
 */
#ifndef FS_H
#define FS_H

#include "atomic.h"
#include "kernel.h"

struct file;
struct vm_area_struct;

struct file_operations {
	int (*open)(struct file *file);
	void (*release)(struct file *file);
	/* Copy up to len bytes at *pos to the user buffer: bytes copied or a negative errno. */
	long (*read)(struct file *file, void *ubuf, uint32_t len, uint32_t *pos);
	long (*write)(struct file *file, const void *ubuf, uint32_t len);
	int (*mmap)(struct file *file, struct vm_area_struct *vma);
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
/* Open a node: a file with one reference, or NULL (*err says why). */
struct file *file_open(const char *path, unsigned flags, int *err);
struct file *file_get(struct file *file);
void file_put(struct file *file);
/* Files open now (tests check for leaks). */
extern atomic_t files_open_count;
#define files_open ((unsigned)atomic_read(&files_open_count))

#endif
