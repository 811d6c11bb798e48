/* Signals: kill() and the default actions (see include/signal.h). */
#include "atomic.h"
#include "errno.h"
#include "mm_user.h"
#include "oom.h"
#include "sched.h"
#include "signal.h"
#include "uapi/unistd.h"

static int init_pid;

/* The default action is to ignore: SIGCHLD, SIGCONT, SIGSTOP..SIGTTOU (no job control), SIGURG, SIGWINCH. */
#define SIG_DEFAULT_IGNORED                                                            \
	((1u << 17) | (1u << 18) | (1u << 19) | (1u << 20) | (1u << 21) | (1u << 22) | \
	 (1u << 23) | (1u << 28))

void set_init_pid(int pid)
{
	init_pid = pid;
}

int send_signal_pid(int pid, int sig)
{
	if (sig < 0 || sig >= NSIG)
		return -EINVAL;
	if (pid < 0)
		return -ESRCH; /* a process group: there are none */
	if (pid == 0)
		return -EPERM; /* the boot thread (and every idle task) */
	/* Ignored by default, or for init: only whether pid exists is the answer. */
	if ((SIG_DEFAULT_IGNORED & (1u << sig)) || pid == init_pid)
		sig = 0;
	return signal_task(pid, sig);
}

/* Is pid a descendant of ancestor (its child, grandchild, ...)? */
static bool descends_from(int pid, int ancestor)
{
	struct task_info ti;

	for (unsigned depth = 0; depth < 64 && pid > 0; depth++) {
		if (task_info_get(pid, &ti, NULL))
			return false;
		if (ti.ppid == ancestor)
			return true;
		pid = ti.ppid;
	}
	return false;
}

int send_signal_tree(int pid, int sig)
{
	int err = send_signal_pid(pid, sig);

	if (err)
		return err;
	for (int p = task_next_pid(0); p > 0; p = task_next_pid(p))
		if (p != pid && descends_from(p, pid))
			send_signal_pid(p, sig);
	return 0;
}

bool signal_pending(struct task_struct *t)
{
	return (READ_ONCE(t->sig_pending) & ~SIGPENDING_OOM) != 0;
}

bool fatal_signal_pending(struct task_struct *t)
{
	return READ_ONCE(t->sig_pending) & (1u << UAPI_SIGKILL);
}

bool is_global_init(int pid)
{
	return pid == init_pid;
}

void do_signal(struct pt_regs *regs)
{
	struct task_struct *t = current;
	uint32_t pending;

	(void)regs;
	if (!t->mm)
		return;
	if (READ_ONCE(t->sig_pending) & SIGPENDING_OOM) {
		__atomic_fetch_and(&t->sig_pending, ~SIGPENDING_OOM, __ATOMIC_RELAXED);
		/* Not when it is being killed anyway: its own exit frees its memory. */
		if (!fatal_signal_pending(t))
			out_of_memory(t->oom_gfp, t->oom_order); /* may kill this very task */
	}
	while ((pending = READ_ONCE(t->sig_pending) & ~SIGPENDING_OOM)) {
		int sig = __builtin_ctz(pending);

		__atomic_fetch_and(&t->sig_pending, ~(1u << sig), __ATOMIC_RELAXED);
		t->term_sig = sig;
		do_exit(128 + sig);
	}
}
