/*
 * System calls: `svc #0` from user mode with the number in r7 and the
 * arguments in r0-r5 (ARM EABI, include/uapi/unistd.h). The result, or a
 * negative errno, goes back in r0. Every user pointer is checked and
 * copied with copy_{from,to}_user: a bad one is -EFAULT, never a crash.
 */
#include "atomic.h"
#include "errno.h"
#include "fs.h"
#include "mm_user.h"
#include "printk.h"
#include "sched.h"
#include "timer.h"
#include "uaccess.h"
#include "uapi/unistd.h"

#define PATH_MAX_LEN 64

static struct file *fd_file(int fd)
{
	return fd >= 0 && fd < TASK_MAX_FILES ? current->files[fd] : NULL;
}

static long sys_exit(uint32_t code)
{
	do_exit((int)code);
}

/* The file for a read or write of [buf, buf + len) on fd, or NULL and why in *err. */
static struct file *io_file(int fd, const void *buf, uint32_t len, bool write, long *err)
{
	struct file *f = fd_file(fd);

	if (!f)
		*err = -EBADF;
	else if (write ? !f->f_op->write : !f->f_op->read)
		*err = -EINVAL;
	else if (!access_ok(buf, len))
		*err = -EFAULT;
	else
		return f;
	return NULL;
}

static long sys_write(int fd, const void *buf, uint32_t len)
{
	long err;
	struct file *f = io_file(fd, buf, len, true, &err);

	return f ? f->f_op->write(f, buf, len) : err;
}

static long sys_read(int fd, void *buf, uint32_t len)
{
	long err;
	struct file *f = io_file(fd, buf, len, false, &err);

	return f ? f->f_op->read(f, buf, len, &f->pos) : err;
}

static long sys_open(const char *upath, unsigned flags)
{
	char path[PATH_MAX_LEN];
	long len = strncpy_from_user(path, upath, sizeof(path));
	struct file *f;
	int fd, err;

	if (len < 0)
		return len;
	if (len == sizeof(path))
		return -ENAMETOOLONG;
	if (flags > UAPI_O_RDWR)
		return -EINVAL;
	for (fd = 0; fd < TASK_MAX_FILES && current->files[fd]; fd++)
		;
	if (fd == TASK_MAX_FILES)
		return -EMFILE;
	f = file_open(path, flags, &err);
	if (!f)
		return err;
	current->files[fd] = f;
	return fd;
}

static long sys_close(int fd)
{
	struct file *f = fd_file(fd);

	if (!f)
		return -EBADF;
	current->files[fd] = NULL;
	file_put(f);
	return 0;
}

static long sys_getpid(void)
{
	return current->pid;
}

static long sys_sched_yield(void)
{
	schedule();
	/*
	 * Nothing else to run here: a hint to the hardware, and the chance
	 * single-threaded QEMU needs to run the other vCPUs, which a process
	 * yielding in a loop would otherwise keep for a whole time slice.
	 */
	cpu_relax();
	return 0;
}

static long sys_brk(uint32_t addr)
{
	return (long)do_brk(current->mm, addr);
}

static long sys_mmap2(uint32_t addr, uint32_t len, unsigned prot, unsigned flags, int fd,
		      uint32_t pgoff)
{
	struct file *f = NULL;

	if (!(flags & UAPI_MAP_ANONYMOUS)) {
		f = fd_file(fd);
		if (!f)
			return -EBADF;
		/* As in Linux: a mapping needs a readable file, a shared writable one a writable file. */
		if (f->flags == UAPI_O_WRONLY ||
		    ((flags & UAPI_MAP_SHARED) && (prot & UAPI_PROT_WRITE) &&
		     f->flags == UAPI_O_RDONLY))
			return -EACCES;
	}
	return do_mmap(current->mm, addr, len, prot, flags, f, pgoff);
}

static long sys_munmap(uint32_t addr, uint32_t len)
{
	return do_munmap(current->mm, addr, len);
}

static long sys_nanosleep(const struct uapi_timespec *ureq, struct uapi_timespec *urem)
{
	struct uapi_timespec req, rem = { 0, 0 };
	uint32_t ticks;

	if (copy_from_user(&req, ureq, sizeof(req)))
		return -EFAULT;
	if (req.tv_sec < 0 || req.tv_nsec < 0 || req.tv_nsec >= 1000000000L || req.tv_sec > 1000000)
		return -EINVAL;
	ticks = (uint32_t)req.tv_sec * HZ + DIV_ROUND_UP((uint32_t)req.tv_nsec, 1000000000u / HZ);
	task_sleep(ticks);
	if (urem && copy_to_user(urem, &rem, sizeof(rem)))
		return -EFAULT;
	return 0;
}

void syscall_dispatch(struct pt_regs *regs)
{
	uint32_t *a = regs->r;
	long ret;

	current->syscalls++;
	switch (regs->r[7]) {
	case __NR_exit: ret = sys_exit(a[0]); break;
	case __NR_read: ret = sys_read((int)a[0], (void *)a[1], a[2]); break;
	case __NR_write: ret = sys_write((int)a[0], (const void *)a[1], a[2]); break;
	case __NR_open: ret = sys_open((const char *)a[0], a[1]); break;
	case __NR_close: ret = sys_close((int)a[0]); break;
	case __NR_getpid: ret = sys_getpid(); break;
	case __NR_brk: ret = sys_brk(a[0]); break;
	case __NR_munmap: ret = sys_munmap(a[0], a[1]); break;
	case __NR_sched_yield: ret = sys_sched_yield(); break;
	case __NR_nanosleep: ret = sys_nanosleep((const void *)a[0], (void *)a[1]); break;
	case __NR_mmap2: ret = sys_mmap2(a[0], a[1], a[2], a[3], (int)a[4], a[5]); break;
	default: ret = -ENOSYS; break;
	}
	regs->r[0] = (uint32_t)ret;
}
