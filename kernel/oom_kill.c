/*
 * The OOM killer (include/oom.h): the victim's choice, the kill, Linux's
 * report, and the two places it runs from (a page fault's end and the
 * return to user mode).
 */
#include "asm/hardirq.h"
#include "asm/irqflags.h"
#include "mm.h"
#include "mm_user.h"
#include "oom.h"
#include "printk.h"
#include "sched.h"
#include "signal.h"
#include "spinlock.h"
#include "string.h"

struct oom_stats oom_stats;

/* One chooser at a time: a second CPU out of memory meanwhile waits for that choice's victim. */
static DEFINE_SPINLOCK(oom_lock);

/*
 * The page allocator's call (set_oom_notify()), made right after a failed
 * allocation, maybe under its caller's locks: only note it. A process's
 * failure is answered on its way out; an interrupt's or the boot
 * thread's is not (nothing to return to), and the allocator warns.
 */
static bool oom_notify(gfp_t gfp, unsigned order)
{
	struct task_struct *t = current;

	if (!t->mm || in_irq())
		return false;
	t->oom_gfp = gfp;
	t->oom_order = (uint8_t)order;
	__atomic_fetch_or(&t->sig_pending, SIGPENDING_OOM, __ATOMIC_RELAXED);
	return true;
}

void oom_init(void)
{
	set_oom_notify(oom_notify);
}

/* Linux's oom_badness() without oom_score_adj: resident and swapped pages and page tables, in pages. */
static unsigned oom_badness(unsigned rss, unsigned swapents, uint32_t pgtables_bytes)
{
	return rss + swapents + pgtables_bytes / PAGE_SIZE;
}

struct oom_victim {
	int pid;
	unsigned points, total_vm_kb, rss_kb, pgtables_kb;
	char comm[TASK_COMM_LEN];
};

/*
 * Print the task table Linux's dump_tasks() prints, and find the process
 * with the most points (the first of equals, in pid order, as Linux's
 * walk of its task list). false if there is none: only init, or nothing
 * with user space.
 */
static bool select_bad_process(struct oom_victim *v)
{
	struct task_info ti;
	struct mm_struct *mm;
	bool found = false;

	printk("Tasks state (memory values in pages):\n");
	printk("[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n");
	for (int pid = task_next_pid(0); pid > 0; pid = task_next_pid(pid)) {
		unsigned points, rss, swapents, pgtables, total_vm;

		if (task_info_get(pid, &ti, &mm) || !mm)
			continue;
		rss = READ_ONCE(mm->rss);
		swapents = READ_ONCE(mm->swapents);
		pgtables = mm_pgtables_bytes(mm);
		total_vm = mm_total_vm(mm) / PAGE_SIZE;
		points = oom_badness(rss, swapents, pgtables);
		mmput(mm);
		printk("[%7d] %5d %5d %8u %8u %14u %8u %13d %s\n", pid, 0, pid, total_vm, rss,
		       pgtables, swapents, 0, ti.comm);
		if (is_global_init(pid) || (found && points <= v->points))
			continue;
		found = true;
		v->pid = pid;
		v->points = points;
		v->total_vm_kb = total_vm * (PAGE_SIZE / 1024);
		v->rss_kb = rss * (PAGE_SIZE / 1024);
		v->pgtables_kb = pgtables / 1024;
		memcpy(v->comm, ti.comm, sizeof(v->comm));
	}
	return found;
}

/*
 * Before choosing a victim, as Linux's last-second attempt: is there
 * memory after all? A fault runs with interrupts masked, so its slow path
 * drained only its own CPU's hot lists; pages another CPU freed (a victim
 * exiting there) may sit on that CPU's. Here no lock is held: interrupts
 * on for the cross call, every CPU drained, and one more try.
 */
#define DIRECT_RECLAIM_BATCH 32u /* Linux's SWAP_CLUSTER_MAX */

static bool memory_after_all(gfp_t gfp, unsigned order)
{
	struct page *page;
	uint32_t flags = local_irq_save();

	local_irq_enable();
	drain_all_pages();
	local_irq_restore(flags);
	page = alloc_pages((gfp & ~__GFP_ZERO) | __GFP_NORETRY | __GFP_NOWARN, order);
	if (!page)
		return false;
	__free_pages(page, order);
	return true;
}

/*
 * Direct reclaim, before anyone is killed: the caches' shrinkers, and
 * anonymous pages out to swap (mm/user/vmscan.c), where no lock is held. True if some were freed:
 * the caller retries.
 */
static bool direct_reclaim(void)
{
	uint32_t flags = local_irq_save();
	unsigned freed;

	local_irq_enable();
	freed = try_to_free_pages(DIRECT_RECLAIM_BATCH, false);
	local_irq_restore(flags);
	return freed > 0;
}

bool out_of_memory(gfp_t gfp, unsigned order)
{
	struct oom_victim v;
	char mode[128];
	bool found;

	if (direct_reclaim())
		return true;
	if (!spin_trylock(&oom_lock))
		return true; /* another CPU chooses: its victim's memory will do */
	/*
	 * The last victim still exiting: wait for its memory. Checked before
	 * the last look, under the lock: a victim that finishes between a
	 * failed look and this check would otherwise let a second one die.
	 */
	if (oom_victims_pending() || memory_after_all(gfp, order)) {
		spin_unlock(&oom_lock);
		return true;
	}
	printk("%s invoked oom-killer: gfp_mask=%#x(%s), order=%u, oom_score_adj=0\n",
	       current->comm, gfp, gfp_describe(gfp, mode, sizeof(mode)), order);
	printk("Mem-Info:\n");
	show_buddyinfo();
	printk("free:%u pages\n", nr_free_pages());
	found = select_bad_process(&v);
	if (!found) {
		oom_stats.no_victim++;
		printk("Out of memory and no killable processes...\n");
		spin_unlock(&oom_lock);
		return false;
	}
	printk("oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),global_oom,task=%s,pid=%d,uid=0\n",
	       v.comm, v.pid);
	/* Gone meanwhile (it exited): its memory is back, which is what was wanted. */
	if (!oom_kill_task(v.pid)) {
		oom_stats.kills++;
		oom_stats.last_victim = v.pid;
		oom_stats.last_points = v.points;
		printk("Out of memory: Killed process %d (%s) total-vm:%ukB, anon-rss:%ukB, "
		       "file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:%ukB oom_score_adj:0\n",
		       v.pid, v.comm, v.total_vm_kb, v.rss_kb, v.pgtables_kb);
	}
	spin_unlock(&oom_lock);
	return true;
}

bool pagefault_out_of_memory(struct pt_regs *regs)
{
	struct task_struct *t = current;

	if (fatal_signal_pending(t))
		do_signal(regs); /* killed meanwhile (maybe as a victim): it ends here */
	/*
	 * Only a failure the page allocator noted calls for a victim: an empty
	 * huge page pool, say, is no shortage the OOM killer could end, and
	 * the fault is the process's error, as before.
	 */
	if (!(READ_ONCE(t->sig_pending) & SIGPENDING_OOM))
		return false;
	__atomic_fetch_and(&t->sig_pending, ~SIGPENDING_OOM, __ATOMIC_RELAXED);
	if (!out_of_memory(t->oom_gfp, t->oom_order))
		return false;
	if (fatal_signal_pending(t))
		do_signal(regs); /* the victim is this process: it ends here */
	/* Another process is the victim: let it run to its end, then fault again. */
	schedule();
	return true;
}
