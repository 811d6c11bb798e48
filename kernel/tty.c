/*
 * The console tty and /dev/console (see include/tty.h): the node every
 * process has as fds 0-2, its read (the line discipline), write (the
 * kernel console) and ioctl (the foreground process, Linux's TIOCSPGRP
 * and TIOCGPGRP, uapi/unistd.h, on a pid: there are no process groups beyond it).
 */
#include "atomic.h"
#include "errno.h"
#include "exec.h"
#include "fs.h"
#include "printk.h"
#include "sched.h"
#include "tty.h"
#include "uaccess.h"
#include "uapi/unistd.h"

struct tty_struct console_tty;

void tty_init(struct tty_struct *tty, void (*write)(struct tty_struct *, const char *, uint32_t))
{
	*tty = (struct tty_struct){ .write = write };
	spin_lock_init(&tty->lock);
	init_waitqueue_head(&tty->read_wait);
}

/* The console's output: printk's (its lock keeps echo and writes from mixing mid-chunk; ONLCR). */
static void console_output(struct tty_struct *tty, const char *buf, uint32_t len)
{
	(void)tty;
	printk("%.*s", (int)len, buf);
}

void console_receive_char(char c)
{
	n_tty_receive_char(&console_tty, c);
}

int tty_set_pgrp(struct tty_struct *tty, int pid)
{
	struct task_info ti;
	uint32_t flags;

	if (pid < 0)
		return -EINVAL;
	if (task_info_get(pid, &ti, NULL) || ti.state == TASK_ZOMBIE)
		return -ESRCH;
	spin_lock_irqsave(&tty->lock, flags);
	tty->pgrp = pid;
	spin_unlock_irqrestore(&tty->lock, flags);
	return 0;
}

static long console_read(struct file *file, void *ubuf, uint32_t len, uint32_t *pos)
{
	(void)file;
	(void)pos;
	return n_tty_read(&console_tty, ubuf, len);
}

static long console_write(struct file *file, const void *ubuf, uint32_t len)
{
	char buf[128];
	uint32_t done = 0;

	(void)file;
	while (done < len) {
		uint32_t n = min(len - done, (uint32_t)sizeof(buf));

		if (copy_from_user(buf, (const char *)ubuf + done, n))
			return done ? (long)done : -EFAULT;
		console_tty.write(&console_tty, buf, n);
		done += n;
	}
	return (long)done;
}

static long console_ioctl(struct file *file, unsigned cmd, uint32_t arg)
{
	int pid;

	(void)file;
	switch (cmd) {
	case UAPI_TIOCGPGRP:
		pid = READ_ONCE(console_tty.pgrp);
		return copy_to_user((void *)arg, &pid, sizeof(pid)) ? -EFAULT : 0;
	case UAPI_TIOCSPGRP:
		if (copy_from_user(&pid, (const void *)arg, sizeof(pid)))
			return -EFAULT;
		return tty_set_pgrp(&console_tty, pid);
	default: return -ENOTTY;
	}
}

static const struct file_operations console_fops = {
	.read = console_read,
	.write = console_write,
	.ioctl = console_ioctl,
};

void console_node_init(void)
{
	tty_init(&console_tty, console_output);
	BUG_ON(register_device_node("/dev/console", &console_fops, NULL));
}
