/*
 * getdents64: a directory's entries as struct linux_dirent64 records
 * (include/uapi/dirent.h), through the directory's iterate() (include/fs.h),
 * with Linux's errors: -ENOTDIR for a file that is not a directory,
 * -EINVAL when the buffer cannot hold the next entry, -EFAULT for a bad
 * buffer; 0 at the end. file->pos keeps the place between calls.
 */
#include "errno.h"
#include "fs.h"
#include "string.h"
#include "uaccess.h"
#include "uapi/dirent.h"

#define NAME_MAX 255

struct getdents_callback64 {
	struct dir_context ctx;
	char *next;                  /* user address of the next record */
	struct linux_dirent64 *prev; /* the last record written (user address), or NULL */
	uint32_t left;               /* bytes of the buffer left */
	int error;                   /* why the last entry was refused */
};

/*
 * A record's d_off is the position of the entry after it, which is known
 * only when that entry comes (or the listing stops): written then, into
 * the record already in the user's buffer, as Linux does.
 */
static bool set_prev_off(struct getdents_callback64 *buf, uint32_t pos)
{
	int64_t off = pos;

	return !buf->prev || !copy_to_user(&buf->prev->d_off, &off, sizeof(off));
}

static bool filldir64(struct dir_context *ctx, const char *name, unsigned namelen, uint32_t ino,
		      unsigned type)
{
	struct getdents_callback64 *buf = container_of(ctx, struct getdents_callback64, ctx);
	size_t reclen = ALIGN(offsetof(struct linux_dirent64, d_name) + namelen + 1, 8);
	union {
		struct linux_dirent64 d;
		char bytes[ALIGN(sizeof(struct linux_dirent64) + NAME_MAX + 1, 8)];
	} rec;

	if (namelen > NAME_MAX) {
		buf->error = -EINVAL;
		return false;
	}
	if (reclen > buf->left) {
		buf->error = -EINVAL;
		return false;
	}
	if (!set_prev_off(buf, ctx->pos)) {
		buf->error = -EFAULT;
		return false;
	}
	memset(&rec, 0, reclen);
	rec.d.d_ino = ino;
	rec.d.d_off = ctx->pos + 1; /* until the next entry or the end says */
	rec.d.d_reclen = (unsigned short)reclen;
	rec.d.d_type = (unsigned char)type;
	memcpy(rec.d.d_name, name, namelen);
	if (copy_to_user(buf->next, &rec, reclen)) {
		buf->error = -EFAULT;
		return false;
	}
	buf->prev = (struct linux_dirent64 *)buf->next;
	buf->next += reclen;
	buf->left -= reclen;
	return true;
}

long vfs_getdents64(struct file *file, void *udirp, uint32_t count)
{
	struct getdents_callback64 buf = {
		.ctx = { .actor = filldir64, .pos = file->pos },
		.next = udirp,
		.left = count,
	};
	int err;

	if (!file->f_op->iterate)
		return -ENOTDIR;
	if (!access_ok(udirp, count))
		return -EFAULT;
	err = file->f_op->iterate(file, &buf.ctx);
	file->pos = buf.ctx.pos;
	if (!set_prev_off(&buf, buf.ctx.pos))
		return -EFAULT;
	if (buf.left != count) /* some entries were given: say how many bytes */
		return (long)(count - buf.left);
	return err ? err : buf.error;
}
