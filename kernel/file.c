/* Device nodes and open files (see include/fs.h). */
#include "atomic.h"
#include "errno.h"
#include "fs.h"
#include "slab.h"
#include "string.h"
#include "types.h"

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

static struct fs_lookup *lookups; /* registered at boot, before any process runs */

void register_fs_lookup(struct fs_lookup *fl)
{
	fl->next = lookups;
	lookups = fl;
}

/* "/dev": the nodes, after "." and "..". */
static int dev_iterate(struct file *file, struct dir_context *ctx)
{
	(void)file;
	for (;;) {
		uint32_t idx = ctx->pos;
		const char *name = NULL;

		if (idx < 2) {
			name = idx ? ".." : ".";
			if (!ctx->actor(ctx, name, idx + 1, 1, DT_DIR))
				return 0;
			ctx->pos++;
			continue;
		}
		/* Entries are the slots from pos - 2 on; empty and non-/dev ones are skipped. */
		for (; idx - 2 < MAX_DEVICE_NODES; idx++) {
			const char *p = nodes[idx - 2].path;

			if (p && !strncmp(p, "/dev/", 5)) {
				name = p + 5;
				break;
			}
		}
		if (!name)
			return 0;
		ctx->pos = idx; /* this entry's position (empty slots skipped) */
		if (!ctx->actor(ctx, name, strlen(name), idx + 1, DT_CHR))
			return 0;
		ctx->pos = idx + 1;
	}
}

static long dir_read(struct file *file, void *ubuf, uint32_t len, uint32_t *pos)
{
	(void)file, (void)ubuf, (void)len, (void)pos;
	return -EISDIR;
}

static const struct file_operations dev_dir_fops = { .read = dir_read, .iterate = dev_iterate };

/* Fill file in for path: a node, "/dev", or a registered file system's path. */
static int lookup(const char *path, struct file *file)
{
	struct fs_lookup *fl;

	for (unsigned i = 0; i < MAX_DEVICE_NODES; i++)
		if (nodes[i].path && !strcmp(nodes[i].path, path)) {
			file->path = nodes[i].path;
			file->f_op = nodes[i].f_op;
			file->private = nodes[i].private;
			return 0;
		}
	if (!strcmp(path, "/dev") || !strcmp(path, "/dev/")) {
		file->path = "/dev";
		file->f_op = &dev_dir_fops;
		return 0;
	}
	for (fl = lookups; fl; fl = fl->next) {
		size_t n = strlen(fl->prefix);

		if (!strncmp(path, fl->prefix, n) && (path[n] == '\0' || path[n] == '/'))
			return fl->lookup(path, file);
	}
	return -ENOENT;
}

struct file *file_open(const char *path, unsigned flags, int *err)
{
	struct file *file = kzalloc(sizeof(*file), GFP_KERNEL);

	if (!file) {
		*err = -ENOMEM;
		return NULL;
	}
	file->refs = (atomic_t)ATOMIC_INIT(1);
	file->flags = flags;
	*err = lookup(path, file);
	if (!*err && file->f_op->open)
		*err = file->f_op->open(file);
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
