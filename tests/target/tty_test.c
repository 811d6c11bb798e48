/*
 * The console tty: the line discipline fed from the kernel side, as the
 * UART's interrupt feeds it (tty_receive_buf), read by a real process
 * (user/ttyread.c) blocked in read() of /dev/console. The test holds the
 * console's output meanwhile, so it sees both the echo and what the
 * reader got, byte for byte. Signals: Ctrl-C and kill() end sleeping and
 * running processes with term_sig and 128 + N; kill() and the tty ioctls
 * refuse bad arguments (user/ttybad.c).
 */
#include "atomic.h"
#include "errno.h"
#include "sched.h"
#include "signal.h"
#include "string.h"
#include "timer.h"
#include "tty.h"
#include "uapi/unistd.h"
#include "ktest.h"

#define BAD_FIRST (1u << 16) /* ttyread: the first read gets address 0 */

static char captured[2048];
static uint32_t captured_len;
static void (*saved_write)(struct tty_struct *, const char *, uint32_t);

static void capture_write(struct tty_struct *tty, const char *buf, uint32_t len)
{
	(void)tty;
	for (uint32_t i = 0; i < len && captured_len < sizeof(captured) - 1; i++)
		captured[captured_len++] = buf[i];
	captured[captured_len] = 0;
}

/* Hold the console's output and start with no input and no foreground process. */
static void capture_start(void)
{
	n_tty_flush(&console_tty);
	console_tty.pgrp = 0;
	captured_len = 0;
	captured[0] = 0;
	saved_write = console_tty.write;
	console_tty.write = capture_write;
}

static void capture_end(void)
{
	console_tty.write = saved_write;
	console_tty.pgrp = 0;
}

/* s with newlines and control characters escaped, for a one-line diagnostic. */
static const char *escaped(const char *s)
{
	static char buf[160];
	unsigned n = 0;

	for (; *s && n < sizeof(buf) - 4; s++) {
		if ((unsigned char)*s < 0x20) {
			buf[n++] = '\\';
			buf[n++] = *s == '\n' ? 'n' : *s == '\b' ? 'b' : '?';
		} else {
			buf[n++] = *s;
		}
	}
	buf[n] = 0;
	return buf;
}

#define EXPECT_CAPTURED(t, want)                                            \
	do {                                                                \
		KEXPECT_TRUE(t, !strcmp(captured, want));                   \
		if (strcmp(captured, want)) {                               \
			ktest_log("console got \"%s\"", escaped(captured)); \
			ktest_log("want        \"%s\"", escaped(want));     \
		}                                                           \
	} while (0)

/* Let p (on this CPU) run until it is in state s (true) or 2 s pass (false). */
static bool run_until(struct task_struct *p, enum task_state s)
{
	uint32_t start = jiffies;

	while (READ_ONCE(p->state) != s) {
		if (READ_ONCE(p->state) == TASK_ZOMBIE || jiffies - start > 2 * HZ)
			return false;
		schedule();
	}
	return true;
}

static struct task_struct *start(struct ktest *t, const char *name, uint32_t arg0, uint32_t arg1)
{
	int err;
	struct task_struct *p = process_create_on(name, arg0, arg1, 1u << smp_processor_id(), &err);

	KEXPECT_EQ(t, err, 0);
	return p;
}

/* A reader of n reads of len bytes, asleep in its first read. */
static struct task_struct *start_reader(struct ktest *t, unsigned n, uint32_t len)
{
	struct task_struct *p = start(t, "ttyread", n, len);

	if (p && !run_until(p, TASK_INTERRUPTIBLE))
		ktest_fail(t, __FILE__, __LINE__, "the reader never blocked in read()");
	return p;
}

/* Type s as the UART would, then let the reader take it and block again (or end). */
static void type(struct task_struct *p, const char *s)
{
	tty_receive_buf(&console_tty, s, strlen(s));
	if (p && READ_ONCE(p->state) != TASK_INTERRUPTIBLE)
		run_until(p, TASK_INTERRUPTIBLE);
}

/* Wait for p to end: its exit code; a reader that hangs is killed first (and the case fails). */
static int finish(struct ktest *t, struct task_struct *p)
{
	if (!p)
		return -1;
	if (!run_until(p, TASK_ZOMBIE)) {
		ktest_fail(t, __FILE__, __LINE__, "pid %d still %d: killed", p->pid, p->state);
		send_signal_tree(p->pid, UAPI_SIGKILL); /* its children too: it may wait for one */
	}
	return task_wait(p);
}

static void read_blocks_until_enter(struct ktest *t)
{
	struct task_struct *p;

	capture_start();
	p = start_reader(t, 1, 64);
	type(p, "hi");
	KEXPECT_EQ(t, p ? p->state : 0, TASK_INTERRUPTIBLE); /* no line yet: still asleep */
	type(p, "\r");                                       /* CR is Enter (ICRNL) */
	KEXPECT_EQ(t, finish(t, p), 0);
	capture_end();
	EXPECT_CAPTURED(t, "hi\n[3:hi\\n]");
}

static void erase_and_kill_edit_the_line(struct ktest *t)
{
	struct task_struct *p;

	capture_start();
	p = start_reader(t, 2, 64);
	type(p, "\x7f"); /* nothing to erase: no echo */
	type(p, "abx\x7f\bc\n");
	type(p, "abc\x15xy\r");
	KEXPECT_EQ(t, finish(t, p), 0);
	capture_end();
	EXPECT_CAPTURED(t, "abx\b \b\b \bc\n[3:ac\\n]"
			   "abc\b \b\b \b\b \bxy\n[3:xy\\n]");
}

static void ctrl_d_pushes_and_ends_file(struct ktest *t)
{
	struct task_struct *p;

	capture_start();
	p = start_reader(t, 3, 64);
	type(p, "ab\x04"); /* mid-line: the line without a newline */
	type(p, "\x04");   /* at the start of a line: end of file */
	type(p, "z\n");
	KEXPECT_EQ(t, finish(t, p), 0);
	capture_end();
	EXPECT_CAPTURED(t, "ab[2:ab][0:]z\n[2:z\\n]");
}

static void ctrl_c_ends_sleeping_reader(struct ktest *t)
{
	struct task_struct *p;

	capture_start();
	p = start_reader(t, 1, 64);
	KASSERT_TRUE(t, p);
	KEXPECT_EQ(t, tty_set_pgrp(&console_tty, p->pid), 0);
	type(NULL, "abc\x03");
	KEXPECT_TRUE(t, run_until(p, TASK_ZOMBIE));
	KEXPECT_EQ(t, p->term_sig, UAPI_SIGINT);
	KEXPECT_EQ(t, finish(t, p), 128 + UAPI_SIGINT);
	KEXPECT_TRUE(t, !n_tty_line_ready(&console_tty));
	/* "abc" went with the flush: the next reader gets only its own line. */
	p = start_reader(t, 1, 64);
	type(p, "\n");
	KEXPECT_EQ(t, finish(t, p), 0);
	capture_end();
	EXPECT_CAPTURED(t, "abc^C\n[1:\\n]"); /* the killed reader printed nothing */
}

/*
 * Ctrl-C reaches the foreground process's children too (its process group
 * in Linux): the child computes forever and its parent waits for it, so
 * neither would end if the child were missed.
 */
static void ctrl_c_reaches_foreground_children(struct ktest *t)
{
	struct task_struct *p;
	struct task_info ti;
	uint32_t start_jiffies = jiffies;
	int child = -1, status = 0;

	capture_start();
	p = start(t, "forkspin", 0, 0);
	KASSERT_TRUE(t, p);
	while (jiffies - start_jiffies < 2 * HZ && (child = task_next_pid(p->pid)) < 0)
		schedule();
	KASSERT_TRUE(t, child > p->pid);
	KEXPECT_EQ(t, task_info_get(child, &ti, NULL), 0);
	KEXPECT_EQ(t, ti.ppid, p->pid);
	KEXPECT_EQ(t, tty_set_pgrp(&console_tty, p->pid), 0);
	type(NULL, "\x03");
	KEXPECT_TRUE(t, run_until(p, TASK_ZOMBIE));
	KEXPECT_EQ(t, p->term_sig, UAPI_SIGINT);
	KEXPECT_EQ(t, finish(t, p), 128 + UAPI_SIGINT);
	/* The child: collected by its parent before it ended, or left to the boot thread. */
	while (jiffies - start_jiffies < 4 * HZ && !task_info_get(child, &ti, NULL) &&
	       ti.state != TASK_ZOMBIE)
		schedule();
	if (!task_info_get(child, &ti, NULL)) {
		KEXPECT_EQ(t, do_wait(child, &status, 0), child);
		KEXPECT_EQ(t, status & 0x7f, UAPI_SIGINT);
	}
	KEXPECT_EQ(t, task_info_get(child, &ti, NULL), -ESRCH);
	capture_end();
	EXPECT_CAPTURED(t, "^C");
}

static void long_line_keeps_room_for_newline(struct ktest *t)
{
	static char line[300 + 2], want[2 * N_TTY_BUF_SIZE + 64];
	unsigned dropped0 = console_tty.dropped;
	struct task_struct *p;
	char *w = want;

	memset(line, 'x', 300);
	line[300] = '\n';
	line[301] = 0;
	capture_start();
	p = start_reader(t, 1, 1024);
	type(p, line);
	KEXPECT_EQ(t, finish(t, p), 0);
	capture_end();
	KEXPECT_EQ(t, console_tty.dropped - dropped0, 300 - (N_TTY_BUF_SIZE - 1));
	/* The echo shows what was kept; the read gets 255 characters and the newline. */
	memset(w, 'x', N_TTY_BUF_SIZE - 1);
	w += N_TTY_BUF_SIZE - 1;
	w += snprintf(w, 16, "\n[%d:", N_TTY_BUF_SIZE);
	memset(w, 'x', N_TTY_BUF_SIZE - 1);
	w += N_TTY_BUF_SIZE - 1;
	memcpy(w, "\\n]", 4);
	EXPECT_CAPTURED(t, want);
}

static void reads_of_one_byte(struct ktest *t)
{
	struct task_struct *p;

	capture_start();
	p = start_reader(t, 4, 1);
	type(p, "ab\n");
	type(p, "\n");
	KEXPECT_EQ(t, finish(t, p), 0);
	capture_end();
	EXPECT_CAPTURED(t, "ab\n[1:a][1:b][1:\\n]\n[1:\\n]");
}

static void bad_buffer_is_efault_and_keeps_line(struct ktest *t)
{
	struct task_struct *p;

	capture_start();
	p = start_reader(t, 2, 16 | BAD_FIRST);
	type(p, "ok\n");
	KEXPECT_EQ(t, finish(t, p), 0);
	capture_end();
	EXPECT_CAPTURED(t, "ok\n[-14][3:ok\\n]");
}

/* Lines adding up to several times the ring, each read as typed: the indices wrap. */
static void lines_wrap_around_the_ring(struct ktest *t)
{
	static char want[2048];
	char line[64];
	struct task_struct *p;
	unsigned w = 0;

	capture_start();
	p = start_reader(t, 12, 128);
	for (unsigned i = 0; i < 12; i++) {
		unsigned n = (unsigned)snprintf(
			line, sizeof(line), "line %u %.*s\n", i, (int)(40 + i),
			"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

		type(p, line);
		line[n - 1] = 0;
		w += (unsigned)snprintf(want + w, sizeof(want) - w, "%s\n[%u:%s\\n]", line, n,
					line);
	}
	KEXPECT_EQ(t, finish(t, p), 0);
	capture_end();
	KEXPECT_TRUE(t, console_tty.read_tail > 2 * N_TTY_BUF_SIZE);
	EXPECT_CAPTURED(t, want);
}

static void kill_errors(struct ktest *t)
{
	struct task_struct *p;

	KEXPECT_EQ(t, send_signal_pid(1 << 30, 0), -ESRCH);
	KEXPECT_EQ(t, send_signal_pid(0x7fffffff, UAPI_SIGKILL), -ESRCH);
	KEXPECT_EQ(t, send_signal_pid(-1, UAPI_SIGKILL), -ESRCH);
	KEXPECT_EQ(t, send_signal_pid(-0x7fffffff - 1, UAPI_SIGKILL), -ESRCH);
	KEXPECT_EQ(t, send_signal_pid(0, UAPI_SIGKILL), -EPERM); /* the boot thread */
	KEXPECT_EQ(t, send_signal_pid(0, 0), -EPERM);
	KEXPECT_EQ(t, send_signal_pid(current->pid, UAPI_SIGKILL), -EPERM);
	capture_start();
	p = start_reader(t, 1, 8);
	KASSERT_TRUE(t, p);
	KEXPECT_EQ(t, send_signal_pid(p->pid, -1), -EINVAL);
	KEXPECT_EQ(t, send_signal_pid(p->pid, NSIG), -EINVAL);
	KEXPECT_EQ(t, send_signal_pid(p->pid, 64), -EINVAL);
	KEXPECT_EQ(t, send_signal_pid(p->pid, 0x7fffffff), -EINVAL);
	KEXPECT_EQ(t, send_signal_pid(p->pid, -0x7fffffff - 1), -EINVAL);
	/* sig 0 and an ignored signal: it exists, and goes on sleeping. */
	KEXPECT_EQ(t, send_signal_pid(p->pid, 0), 0);
	KEXPECT_EQ(t, send_signal_pid(p->pid, 17 /* SIGCHLD */), 0);
	schedule();
	KEXPECT_EQ(t, p->state, TASK_INTERRUPTIBLE);
	type(p, "k\n");
	KEXPECT_EQ(t, finish(t, p), 0);
	capture_end();
	EXPECT_CAPTURED(t, "k\n[2:k\\n]");
	/* Gone: its pid is free of it. */
	KEXPECT_EQ(t, send_signal_pid(p->pid, 0), -ESRCH);
	KEXPECT_EQ(t, send_signal_pid(p->pid, UAPI_SIGKILL), -ESRCH);
}

static void kill_ends_running_and_sleeping(struct ktest *t)
{
	struct task_struct *p;
	uint32_t start_jiffies;

	/* A process computing in user mode: the next interrupt's return acts. */
	p = start(t, "spin", 0xffffffffu, 0);
	KASSERT_TRUE(t, p);
	schedule();
	KEXPECT_EQ(t, send_signal_pid(p->pid, UAPI_SIGTERM), 0);
	KEXPECT_TRUE(t, run_until(p, TASK_ZOMBIE));
	KEXPECT_EQ(t, p->term_sig, UAPI_SIGTERM);
	KEXPECT_EQ(t, finish(t, p), 128 + UAPI_SIGTERM);

	/* nanosleep of 100 s: the signal wakes it at once. */
	p = start(t, "sleeper", 100, 0);
	KASSERT_TRUE(t, p);
	KEXPECT_TRUE(t, run_until(p, TASK_SLEEPING));
	start_jiffies = jiffies;
	KEXPECT_EQ(t, send_signal_pid(p->pid, UAPI_SIGKILL), 0);
	KEXPECT_TRUE(t, run_until(p, TASK_ZOMBIE));
	KEXPECT_TRUE(t, jiffies - start_jiffies < HZ);
	KEXPECT_EQ(t, p->term_sig, UAPI_SIGKILL);
	KEXPECT_EQ(t, finish(t, p), 128 + UAPI_SIGKILL);

	/* A signal twice, and two at once: one ending, the lowest number first. */
	capture_start();
	p = start_reader(t, 1, 8);
	KASSERT_TRUE(t, p);
	KEXPECT_EQ(t, send_signal_pid(p->pid, UAPI_SIGTERM), 0);
	KEXPECT_EQ(t, send_signal_pid(p->pid, UAPI_SIGTERM), 0);
	KEXPECT_EQ(t, send_signal_pid(p->pid, UAPI_SIGINT), 0);
	KEXPECT_TRUE(t, run_until(p, TASK_ZOMBIE));
	KEXPECT_EQ(t, p->term_sig, UAPI_SIGINT);
	KEXPECT_EQ(t, finish(t, p), 128 + UAPI_SIGINT);
	capture_end();
	EXPECT_CAPTURED(t, "");
}

static void ioctl_and_kill_from_user(struct ktest *t)
{
	struct task_struct *p;

	capture_start();
	p = start(t, "ttybad", 0, 0);
	KEXPECT_EQ(t, finish(t, p), 0);
	capture_end();
	if (captured[0])
		ktest_log("ttybad: %s", captured);
	EXPECT_CAPTURED(t, "");
}

static const struct ktest_case tty_cases[] = {
	KTEST_CASE(read_blocks_until_enter),
	KTEST_CASE(erase_and_kill_edit_the_line),
	KTEST_CASE(ctrl_d_pushes_and_ends_file),
	KTEST_CASE(ctrl_c_ends_sleeping_reader),
	KTEST_CASE(ctrl_c_reaches_foreground_children),
	KTEST_CASE(long_line_keeps_room_for_newline),
	KTEST_CASE(reads_of_one_byte),
	KTEST_CASE(bad_buffer_is_efault_and_keeps_line),
	KTEST_CASE(lines_wrap_around_the_ring),
	KTEST_CASE(kill_errors),
	KTEST_CASE(kill_ends_running_and_sleeping),
	KTEST_CASE(ioctl_and_kill_from_user),
};
KTEST_SUITE("tty", tty_cases);
