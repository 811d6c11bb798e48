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
#include "signal.h"
#include "timer.h"
#include "uaccess.h"
#include "uapi/unistd.h"
#include "wait.h"

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

static long sys_getppid(void)
{
	struct task_info ti;

	/* Under the scheduler's lock: the parent may be ending, and its child reparented. */
	return task_info_get(current->pid, &ti, NULL) ? 0 : ti.ppid;
}

static long sys_wait4(int pid, int *ustatus, int options, void *rusage)
{
	int status;
	long ret;

	if (rusage)
		return -EINVAL; /* no resource accounting to report */
	ret = do_wait(pid, &status, options);
	if (ret > 0 && ustatus && copy_to_user(ustatus, &status, sizeof(status)))
		return -EFAULT; /* the child is gone all the same, as in Linux */
	return ret;
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
	if (schedule_timeout_interruptible(ticks))
		return -EINTR; /* a signal: the process acts on it on its way out */
	if (urem && copy_to_user(urem, &rem, sizeof(rem)))
		return -EFAULT;
	return 0;
}

static long sys_kill(int pid, int sig)
{
	return send_signal_pid(pid, sig);
}

static long sys_ioctl(int fd, unsigned cmd, uint32_t arg)
{
	struct file *f = fd_file(fd);

	if (!f)
		return -EBADF;
	return f->f_op->ioctl ? f->f_op->ioctl(f, cmd, arg) : -ENOTTY;
}

static long sys_getdents64(int fd, void *dirp, uint32_t count)
{
	struct file *f = fd_file(fd);

	return f ? vfs_getdents64(f, dirp, count) : -EBADF;
}

/*
 * The table, as Linux's sys_call_table: one entry per number, each taking
 * the saved registers (the arguments in r0-r5) and returning the result.
 * An indexed load instead of a switch: the numbers are sparse (1 to 248),
 * and a switch over them compiled to a jump table for the low ones and a
 * chain of compares for the rest, with one frame big enough for every
 * call inlined into it. Every slot not named below is sys_ni_syscall.
 */
typedef long (*syscall_fn_t)(struct pt_regs *regs);

#define SYSCALL_WRAP(name, call)                       \
	static long __sys_##name(struct pt_regs *regs) \
	{                                              \
		const uint32_t *a = regs->r;           \
		(void)a;                               \
		return call;                           \
	}

static long sys_ni_syscall(struct pt_regs *regs)
{
	(void)regs;
	return -ENOSYS;
}

SYSCALL_WRAP(exit, sys_exit(a[0]))
SYSCALL_WRAP(fork, do_fork(regs))
SYSCALL_WRAP(execve, do_execve((const char *)a[0], (const uint32_t *)a[1], regs))
SYSCALL_WRAP(wait4, sys_wait4((int)a[0], (int *)a[1], (int)a[2], (void *)a[3]))
SYSCALL_WRAP(getppid, sys_getppid())
SYSCALL_WRAP(mprotect, do_mprotect(current->mm, a[0], a[1], a[2]))
SYSCALL_WRAP(madvise, do_madvise(current->mm, a[0], a[1], (int)a[2]))
SYSCALL_WRAP(mremap, do_mremap(current->mm, a[0], a[1], a[2], a[3]))
SYSCALL_WRAP(mlock, do_mlock(current->mm, a[0], a[1], true))
SYSCALL_WRAP(munlock, do_mlock(current->mm, a[0], a[1], false))
SYSCALL_WRAP(mlockall, do_mlockall(current->mm, a[0], true))
SYSCALL_WRAP(munlockall, do_mlockall(current->mm, 0, false))
SYSCALL_WRAP(read, sys_read((int)a[0], (void *)a[1], a[2]))
SYSCALL_WRAP(write, sys_write((int)a[0], (const void *)a[1], a[2]))
SYSCALL_WRAP(open, sys_open((const char *)a[0], a[1]))
SYSCALL_WRAP(close, sys_close((int)a[0]))
SYSCALL_WRAP(getpid, sys_getpid())
SYSCALL_WRAP(brk, sys_brk(a[0]))
SYSCALL_WRAP(munmap, sys_munmap(a[0], a[1]))
SYSCALL_WRAP(sched_yield, sys_sched_yield())
SYSCALL_WRAP(nanosleep, sys_nanosleep((const void *)a[0], (void *)a[1]))
SYSCALL_WRAP(kill, sys_kill((int)a[0], (int)a[1]))
SYSCALL_WRAP(ioctl, sys_ioctl((int)a[0], a[1], a[2]))
SYSCALL_WRAP(mmap2, sys_mmap2(a[0], a[1], a[2], a[3], (int)a[4], a[5]))
SYSCALL_WRAP(getdents64, sys_getdents64((int)a[0], (void *)a[1], a[2]))

#define NR_SYSCALLS (__NR_exit_group + 1) /* the highest number, plus one */

/* Every slot sys_ni_syscall first, then the calls that exist: an override is the point here. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
static const syscall_fn_t sys_call_table[NR_SYSCALLS] = {
	[0 ... NR_SYSCALLS - 1] = sys_ni_syscall,
	[__NR_exit] = __sys_exit,
	[__NR_exit_group] = __sys_exit, /* one thread per process */
	[__NR_fork] = __sys_fork,
	[__NR_execve] = __sys_execve,
	[__NR_wait4] = __sys_wait4,
	[__NR_getppid] = __sys_getppid,
	[__NR_mprotect] = __sys_mprotect,
	[__NR_madvise] = __sys_madvise,
	[__NR_mremap] = __sys_mremap,
	[__NR_mlock] = __sys_mlock,
	[__NR_munlock] = __sys_munlock,
	[__NR_mlockall] = __sys_mlockall,
	[__NR_munlockall] = __sys_munlockall,
	[__NR_read] = __sys_read,
	[__NR_write] = __sys_write,
	[__NR_open] = __sys_open,
	[__NR_close] = __sys_close,
	[__NR_getpid] = __sys_getpid,
	[__NR_brk] = __sys_brk,
	[__NR_munmap] = __sys_munmap,
	[__NR_sched_yield] = __sys_sched_yield,
	[__NR_nanosleep] = __sys_nanosleep,
	[__NR_kill] = __sys_kill,
	[__NR_ioctl] = __sys_ioctl,
	[__NR_mmap2] = __sys_mmap2,
	[__NR_getdents64] = __sys_getdents64,
};
#pragma GCC diagnostic pop

/*
 * From entry_svc (boot/vectors.S) for every SVC from user mode. Number 0
 * is no call here: its slot is where an out-of-range number goes.
 */
void syscall_dispatch(struct pt_regs *regs)
{
	struct task_struct *t = current;
	uint32_t nr = regs->r[7];

	t->syscalls++;
	if (unlikely(nr >= NR_SYSCALLS))
		nr = 0;
	regs->r[0] = (uint32_t)sys_call_table[nr](regs);
	/* A signal sent meanwhile acts on the way back (t is already at hand: no per-CPU load). */
	if (unlikely(t->sig_pending))
		do_signal(regs);
	lockdep_assert_no_locks("the return to user space");
}
