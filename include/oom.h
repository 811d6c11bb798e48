/*
 * The OOM killer: when memory has run out, end one process so that the
 * kernel and the others go on, as Linux's mm/oom_kill.c does.
 *
 * The victim is the process with the most memory: its resident pages, its
 * pages out on swap and its page tables (Linux's oom_badness(), with no
 * oom_score_adj), never the init process. Before it is chosen, direct
 * reclaim tries to swap pages out (mm/user/vmscan.c). It gets SIGKILL and the report Linux
 * prints; while a victim's memory is not back yet (its exit frees it), no
 * second one is chosen.
 *
 * Where it runs. Nothing in this kernel sleeps, and an allocation is
 * often made under a spinlock (a page fault holds its mm's mmap_lock), so
 * the OOM killer cannot run inside the allocator as Linux's does, nor
 * wait there. A failed allocation that may end in it (gfp_may_oom():
 * GFP_KERNEL, GFP_USER and GFP_HIGHUSER* up to order 3; never GFP_NOWAIT or
 * GFP_ATOMIC) of a process marks the process (SIGPENDING_OOM, include/
 * signal.h), and the killer runs where that process holds no lock: after
 * its page fault (pagefault_out_of_memory(): the access is retried once the
 * victim is gone, as in Linux) or on its way back from the system call
 * (which has failed with -ENOMEM by then). The kernel's own boot thread,
 * the self-tests' runner, never calls it: its failures are reported as
 * page allocation failures.
 */
#ifndef OOM_H
#define OOM_H

#include "gfp.h"
#include "kernel.h"

struct pt_regs;

/* Boot: the page allocator calls on this file when a process's allocation fails. */
void oom_init(void);
/*
 * Choose a victim and kill it; for a failed allocation of gfp and order
 * (the report names them). true when memory is on its way back (a victim
 * was killed now, or one killed earlier has not finished exiting, or
 * another CPU is choosing); false when there is nothing to kill. Called
 * with no lock held.
 */
bool out_of_memory(gfp_t gfp, unsigned order);
/*
 * A page fault of the current process found no memory (VM_FAULT_OOM):
 * run the OOM killer. If it chose this process, this does not return (the
 * process ends by SIGKILL); else true: the CPU was offered to others, and
 * the faulting access is to be retried. false if there is nothing to kill,
 * or the page allocator noted no failure (an empty huge page pool): the
 * fault is then the process's error.
 */
bool pagefault_out_of_memory(struct pt_regs *regs);

/* What the tests read. */
struct oom_stats {
	unsigned kills;       /* processes killed (Linux's oom_kill in /proc/vmstat) */
	int last_victim;      /* pid of the last one */
	unsigned last_points; /* its badness, in pages */
	unsigned no_victim;   /* times there was nothing to kill */
};
extern struct oom_stats oom_stats;

#endif
