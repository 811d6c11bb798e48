/*
 * /proc/<pid>/status and /proc/<pid>/maps, in Linux's formats, from a
 * snapshot of the task (task_info_get) and its mm, whose areas are read
 * under mmap_lock. A pid gone since the lookup gives an empty file.
 */
#include "mm_user.h"
#include "proc_fs.h"
#include "sched.h"
#include "spinlock.h"

static const char *state_name(enum task_state state)
{
	switch (state) {
	case TASK_RUNNING: return "R (running)";
	case TASK_ZOMBIE: return "Z (zombie)";
	default: return "S (sleeping)"; /* sleeping, waiting for a child or an event */
	}
}

void proc_pid_status_show(struct seq_file *m)
{
	struct mm_struct *mm;
	struct task_info ti;

	if (task_info_get((int)(uintptr_t)m->private, &ti, &mm))
		return;
	seq_printf(m, "Name:\t%s\n", ti.comm);
	seq_printf(m, "State:\t%s\n", state_name(ti.state));
	seq_printf(m, "Tgid:\t%d\n", ti.pid);
	seq_printf(m, "Pid:\t%d\n", ti.pid);
	seq_printf(m, "PPid:\t%d\n", ti.ppid);
	if (mm) {
		/* No VmPeak: the mm does not keep its largest size (yet). */
		seq_printf(m, "VmSize:\t%8u kB\n", mm_total_vm(mm) / 1024);
		seq_printf(m, "VmLck:\t%8u kB\n",
			   mm_locked_pages(mm) * (unsigned)(PAGE_SIZE / 1024));
		seq_printf(m, "VmHWM:\t%8u kB\n", mm->hiwater_rss * (unsigned)(PAGE_SIZE / 1024));
		seq_printf(m, "VmRSS:\t%8u kB\n", mm->rss * (unsigned)(PAGE_SIZE / 1024));
		seq_printf(m, "VmPTE:\t%8u kB\n", mm_pgtables_bytes(mm) / 1024);
		seq_printf(m, "VmSwap:\t%8u kB\n", mm->swapents * (unsigned)(PAGE_SIZE / 1024));
		mmput(mm);
	}
	seq_printf(m, "Threads:\t%d\n", 1);
	seq_printf(m, "Cpus_allowed:\t%x\n", ti.cpus_allowed);
	seq_printf(m, "voluntary_ctxt_switches:\t%u\n", ti.nvcsw);
	seq_printf(m, "nonvoluntary_ctxt_switches:\t%u\n", ti.nivcsw);
}

/* The areas of the task's mm, as Linux prints them (show_map_vmas, mm/user/mmap.c). */
void proc_pid_maps_show(struct seq_file *m)
{
	struct mm_struct *mm;
	struct task_info ti;

	if (task_info_get((int)(uintptr_t)m->private, &ti, &mm) || !mm)
		return;
	spin_lock(&mm->mmap_lock);
	show_map_vmas(m, mm);
	spin_unlock(&mm->mmap_lock);
	mmput(mm);
}
