/* Device nodes and open files (see include/fs.h). */
#include "atomic.h"
#include "errno.h"
#include "fs.h"
#include "slab.h"
#include "string.h"

#define MAX_DEVICE_NODES 8

static struct device_node_entry nodes[MAX_DEVICE_NODES];
atomic_t files_open_count; /* opened on any CPU, closed on another */

int register_device_node(const char *path, const struct file_operations *f_op, void *private)
{
	struct device_node_entry *free_slot = NULL;

	for (unsigned i = 0; i < MAX_DEVICE_NODES; i++) {
		if (nodes[i].path && !strcmp(nodes[i].path, path))
			return -EEXIST;
		if (!nodes[i].path && !free_slot)
			free_slot = &nodes[i];
	}
	if (!free_slot)
		return -ENOMEM;
	*free_slot = (struct device_node_entry){ path, f_op, private };
	return 0;
}

void unregister_device_node(const char *path)
{
	for (unsigned i = 0; i < MAX_DEVICE_NODES; i++)
		if (nodes[i].path && !strcmp(nodes[i].path, path))
			nodes[i].path = NULL;
}

struct file *file_open(const char *path, unsigned flags, int *err)
{
	const struct device_node_entry *node = NULL;
	struct file *file;

	for (unsigned i = 0; i < MAX_DEVICE_NODES && !node; i++)
		if (nodes[i].path && !strcmp(nodes[i].path, path))
			node = &nodes[i];
	if (!node) {
		*err = -ENOENT;
		return NULL;
	}
	file = kzalloc(sizeof(*file), GFP_KERNEL);
	if (!file) {
		*err = -ENOMEM;
		return NULL;
	}
	*file = (struct file){ .path = node->path,
			       .f_op = node->f_op,
			       .private = node->private,
			       .refs = ATOMIC_INIT(1),
			       .flags = flags };
	*err = node->f_op->open ? node->f_op->open(file) : 0;
	if (*err) {
		kfree(file);
		return NULL;
	}
	atomic_inc(&files_open_count);
	return file;
}

struct file *file_get(struct file *file)
{
	atomic_inc(&file->refs);
	return file;
}

void file_put(struct file *file)
{
	if (atomic_dec_return(&file->refs))
		return;
	if (file->f_op->release)
		file->f_op->release(file);
	atomic_dec(&files_open_count);
	kfree(file);
}
