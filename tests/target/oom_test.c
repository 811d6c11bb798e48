/*
 * The OOM killer (kernel/oom_kill.c), on a machine run out of memory on
 * purpose: the test takes every page a process could get, gives back a
 * budget, and runs "hog" processes (user/hog.c) that write a value into
 * each page they touch and check them all at the end. The budget is a
 * share of what this machine has free, so the cases hold at every RAM size.
 */
#include "errno.h"
#include "ktest.h"
#include "list.h"
#include "mm.h"
#include "mm_user.h"
#include "oom.h"
#include "printk.h"
#include "proc_fs.h"
#include "seq_file.h"
#include "string.h"
#include "sched.h"
#include "signal.h"
#include "timer.h"
#include "uapi/unistd.h"
#include "gate.h"
#include "test_util.h"

/* /proc/vmstat's oom_kill line says n. */
static bool vmstat_says_oom_kill(unsigned n)
{
	char buf[256], want[32];
	struct seq_file m = { .buf = buf, .size = sizeof(buf) - 1 };

	vmstat_proc_show(&m);
	buf[m.count] = '\0';
	snprintf(want, sizeof(want), "\noom_kill %u\n", n);
	for (const char *p = buf; *p; p++)
		if (!strncmp(p, want, strlen(want)))
			return true;
	return false;
}

#define HOG_FORK 1 /* user/hog.c's MODE */

/* Start hog PAGES MODE and wait until it sits at its first gate (before its mmap). */
static struct task_struct *start_hog_mode(struct ktest *t, unsigned pages, unsigned mode)
{
	struct task_struct *p;
	int err = 0;

	p = process_create("hog", pages, mode, &err);
	KEXPECT_TRUE(t, p);
	if (p && !gate_wait(p->pid)) {
		ktest_fail(t, __FILE__, __LINE__, "hog %d never reached its gate", p->pid);
		send_signal_pid(p->pid, UAPI_SIGKILL);
		task_wait(p);
		p = NULL;
	}
	return p;
}

/* What a case starts from, and must end with: every page and task back. */
struct oom_case {
	uint32_t free0;
	unsigned tasks0, kills0, budget;
	struct pinned pinned;
};

static void oom_case_begin(struct oom_case *c, unsigned max_budget)
{
	c->free0 = settled_free_pages();
	c->tasks0 = nr_tasks();
	c->kills0 = oom_stats.kills;
	c->budget = min(max_budget, c->free0 / 4);
	INIT_LIST_HEAD(&c->pinned.small);
	INIT_LIST_HEAD(&c->pinned.big);
	gate_init();
}

static void oom_case_end(struct ktest *t, struct oom_case *c)
{
	unpin(&c->pinned, ~0u);
	KEXPECT_EQ(t, nr_tasks(), c->tasks0);
	KEXPECT_EQ(t, settled_free_pages(), c->free0);
}

/*
 * Wait (ten seconds at most) for hog p (pid) to be ended by the OOM
 * killer, and collect it: its exit code, or -1 if it was still running
 * (then it is killed here, so that a broken killer fails the case rather
 * than hang it).
 */
static int wait_for_victim(struct task_struct *p, int pid)
{
	uint32_t start = jiffies;
	struct task_info ti;

	while (jiffies - start < 10 * HZ && !task_info_get(pid, &ti, NULL) &&
	       ti.state != TASK_ZOMBIE)
		schedule();
	if (!task_info_get(pid, &ti, NULL) && ti.state != TASK_ZOMBIE) {
		send_signal_pid(pid, UAPI_SIGKILL);
		task_wait(p);
		return -1;
	}
	return task_wait(p);
}

/* A case's clean-up: end hog p (pid) if a failed check left it running, and collect it. */
static void stop_hog(struct task_struct *p, int pid)
{
	if (!p)
		return;
	send_signal_pid(pid, UAPI_SIGKILL);
	task_wait(p);
}

static struct task_struct *start_hog(struct ktest *t, unsigned pages)
{
	return start_hog_mode(t, pages, 0);
}

/*
 * Three processes of 55%, 30% and 30% of the budget: the first two fill
 * theirs and wait; the third cannot have all of its own, and the OOM
 * killer must end the largest, the first, while the third's fault waits,
 * and the third then gets its pages. Both survivors find every value they
 * wrote; every page and task comes back.
 */
static void oom_kills_the_largest_process(struct ktest *t)
{
	struct task_struct *p[3] = { NULL, NULL, NULL };
	int pid[3] = { 0, 0, 0 };
	unsigned pinned_n, size[3];
	struct oom_case c;

	oom_case_begin(&c, 2048u);
	size[0] = c.budget * 55 / 100;
	size[1] = size[2] = c.budget * 30 / 100;

	for (int i = 0; i < 3; i++)
		if ((p[i] = start_hog(t, size[i])))
			pid[i] = p[i]->pid;
	if (!p[0] || !p[1] || !p[2])
		goto out;
	pinned_n = pin_free_memory(&c.pinned, GFP_HIGHUSER_MOVABLE);
	KEXPECT_EQ(t, unpin(&c.pinned, c.budget), c.budget);
	ktest_log("budget %u pages of %u a process could get; hogs of %u, %u and %u pages",
		  c.budget, pinned_n, size[0], size[1], size[2]);
	/* The first two fill their share and sit at their second gate. */
	for (int i = 0; i < 2; i++) {
		gate_open(pid[i]);
		KEXPECT_TRUE(t, gate_wait(pid[i]));
		KEXPECT_TRUE(t, p[i]->mm && p[i]->mm->rss >= size[i]);
	}
	KEXPECT_EQ(t, oom_stats.kills, c.kills0);
	gate_open(pid[2]); /* it runs out: the first must go */
	KEXPECT_EQ(t, wait_for_victim(p[0], pid[0]), 128 + UAPI_SIGKILL);
	p[0] = NULL;
	KEXPECT_EQ(t, oom_stats.kills, c.kills0 + 1);
	KEXPECT_EQ(t, oom_stats.last_victim, pid[0]);
	KEXPECT_TRUE(t, vmstat_says_oom_kill(c.kills0 + 1));
	KEXPECT_TRUE(t, oom_stats.last_points >= size[0]);
	KEXPECT_EQ(t, oom_victims_pending(), 0);
	for (int i = 2; i >= 1; i--) {
		KEXPECT_TRUE(t, gate_wait(pid[i]));
		gate_open(pid[i]);
		KEXPECT_EQ(t, task_wait(p[i]), 0); /* every page held its values */
		p[i] = NULL;
	}
	KEXPECT_EQ(t, oom_stats.kills, c.kills0 + 1);
out:
	for (int i = 0; i < 3; i++)
		stop_hog(p[i], pid[i]);
	oom_case_end(t, &c);
}

/*
 * A process that wants more than there is, beside a small one: it is the
 * largest, so it is the victim of its own fault; the small one goes on.
 * Meanwhile, allocations that may not call for the OOM killer (atomic,
 * GFP_NOWAIT, costly orders) fail and kill nobody.
 */
static void oom_kills_the_faulting_process_when_largest(struct ktest *t)
{
	struct task_struct *small, *big = NULL;
	int small_pid = 0, big_pid = 0;
	struct oom_case c;

	oom_case_begin(&c, 1024u);

	KEXPECT_TRUE(t, gfp_may_oom(GFP_KERNEL, 0) && gfp_may_oom(GFP_HIGHUSER_MOVABLE, 0));
	KEXPECT_TRUE(t, gfp_may_oom(GFP_USER, PAGE_ALLOC_COSTLY_ORDER));
	KEXPECT_TRUE(t, !gfp_may_oom(GFP_KERNEL, PAGE_ALLOC_COSTLY_ORDER + 1));
	KEXPECT_TRUE(t, !gfp_may_oom(GFP_ATOMIC, 0) && !gfp_may_oom(GFP_NOWAIT, 0));
	KEXPECT_TRUE(t, !gfp_may_oom(GFP_KERNEL | __GFP_NORETRY, 0));
	small = start_hog(t, 8);
	if (!small)
		goto out;
	small_pid = small->pid;
	gate_open(small_pid);
	KEXPECT_TRUE(t, gate_wait(small_pid)); /* its 8 pages written */
	big = start_hog(t, 2 * c.budget);
	if (!big)
		goto out;
	big_pid = big->pid;
	pin_free_memory(&c.pinned, GFP_HIGHUSER_MOVABLE);
	/* The reserves too: then these fail, and no process is chosen for them. */
	KEXPECT_TRUE(t, pin_free_memory(&c.pinned, GFP_ATOMIC) > 0);
	KEXPECT_EQ(t, pin_free_memory(&c.pinned, GFP_NOWAIT), 0);
	KEXPECT_EQ(t, pin_free_memory(&c.pinned, GFP_KERNEL), 0);
	KEXPECT_EQ(t, oom_stats.kills, c.kills0);
	KEXPECT_TRUE(t, !(READ_ONCE(small->sig_pending) | READ_ONCE(big->sig_pending)));
	KEXPECT_EQ(t, unpin(&c.pinned, c.budget), c.budget);
	gate_open(big_pid);
	KEXPECT_EQ(t, wait_for_victim(big, big_pid), 128 + UAPI_SIGKILL);
	big = NULL;
	KEXPECT_EQ(t, oom_stats.kills, c.kills0 + 1);
	KEXPECT_EQ(t, oom_stats.last_victim, big_pid);
	gate_open(small_pid);
	KEXPECT_EQ(t, task_wait(small), 0);
	small = NULL;
out:
	stop_hog(big, big_pid);
	stop_hog(small, small_pid);
	oom_case_end(t, &c);
}

/*
 * A system call that fails for lack of memory: fork() in a process with
 * nothing left to take. The call returns -ENOMEM, and on its way back to
 * user mode the process runs the OOM killer, which ends the large one; a
 * later fork of the same process then succeeds (user/hog.c's HOG_FORK
 * exits 0 only for that sequence).
 */
static void oom_after_a_failed_system_call(struct ktest *t)
{
	int forker_pid = 0, big_pid = 0;
	struct task_struct *big = NULL, *forker;
	struct oom_case c;

	oom_case_begin(&c, 1024u);

	forker = start_hog_mode(t, 8, HOG_FORK);
	if (!forker)
		goto out;
	forker_pid = forker->pid;
	gate_open(forker_pid);
	KEXPECT_TRUE(t, gate_wait(forker_pid)); /* its 8 pages written */
	big = start_hog(t, c.budget / 2);
	if (!big)
		goto out;
	big_pid = big->pid;
	pin_free_memory(&c.pinned, GFP_HIGHUSER_MOVABLE);
	KEXPECT_EQ(t, unpin(&c.pinned, c.budget), c.budget);
	gate_open(big_pid);
	KEXPECT_TRUE(t, gate_wait(big_pid)); /* its half of the budget written */
	/* The rest too, for every kind of allocation: the fork cannot have its tables or stack. */
	pin_free_memory(&c.pinned, GFP_KERNEL);
	KEXPECT_EQ(t, oom_stats.kills, c.kills0);
	gate_open(forker_pid);
	KEXPECT_EQ(t, task_wait(forker), 0); /* -ENOMEM first, then a fork that worked */
	forker = NULL;
	KEXPECT_EQ(t, oom_stats.kills, c.kills0 + 1);
	KEXPECT_EQ(t, oom_stats.last_victim, big_pid);
	if (oom_stats.last_victim == big_pid) {
		KEXPECT_EQ(t, wait_for_victim(big, big_pid), 128 + UAPI_SIGKILL);
		big = NULL;
	}
out:
	stop_hog(big, big_pid);
	stop_hog(forker, forker_pid);
	oom_case_end(t, &c);
}

static const struct ktest_case oom_cases[] = {
	KTEST_CASE_REPORTS(oom_kills_the_largest_process),
	KTEST_CASE_REPORTS(oom_kills_the_faulting_process_when_largest),
	KTEST_CASE_REPORTS(oom_after_a_failed_system_call),
};
KTEST_SUITE("oom", oom_cases);
