/*
 * A seq_file as an open file (include/proc_fs.h): the text is made at
 * open, then read() only copies. Making it whole at once, rather than
 * record by record as Linux does at read, keeps a file read in small
 * pieces consistent with itself, and the files here are small.
 */
#include "errno.h"
#include "proc_fs.h"
#include "slab.h"
#include "uaccess.h"
#include "vmalloc.h"

/* Buffers above this come from vmalloc: no high-order pages for text. */
#define SEQ_KMALLOC_MAX (4 * PAGE_SIZE)

static void *seq_buf_alloc(size_t size)
{
	return size <= SEQ_KMALLOC_MAX ? kmalloc(size, GFP_KERNEL) : vmalloc(size);
}

static void seq_buf_free(void *buf, size_t size)
{
	if (size <= SEQ_KMALLOC_MAX)
		kfree(buf);
	else
		vfree(buf);
}

int single_open(struct file *file, void (*show)(struct seq_file *m), void *data)
{
	struct seq_file *m = kmalloc(sizeof(*m), GFP_KERNEL);
	size_t size = PAGE_SIZE;

	if (!m)
		return -ENOMEM;
	for (;;) {
		*m = (struct seq_file){ .buf = seq_buf_alloc(size), .size = size, .private = data };
		if (!m->buf)
			break;
		show(m);
		if (!seq_has_overflowed(m)) {
			file->private = m;
			return 0;
		}
		/* Too small: start again with twice the room. */
		seq_buf_free(m->buf, size);
		if (size >= SEQ_BUF_MAX)
			break;
		size *= 2;
	}
	kfree(m);
	return -ENOMEM;
}

long seq_read(struct file *file, void *ubuf, uint32_t len, uint32_t *pos)
{
	const struct seq_file *m = file->private;
	uint32_t n;

	if (*pos >= m->count)
		return 0;
	n = min(len, (uint32_t)m->count - *pos);
	if (copy_to_user(ubuf, m->buf + *pos, n))
		return -EFAULT;
	*pos += n;
	return n;
}

void single_release(struct file *file)
{
	struct seq_file *m = file->private;

	seq_buf_free(m->buf, m->size);
	kfree(m);
}
