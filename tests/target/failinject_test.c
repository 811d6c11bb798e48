/*
 * Fault injection (include/fault-inject.h) over a process's whole life:
 * user/life.c is run once to count the page allocations it makes (K), then
 * once with each of them failed in turn. Every run must end cleanly (the
 * process could not be created, or it exited 0, or a system call gave it
 * -ENOMEM: life.c's exit codes) and give back everything it took: free
 * pages (page tables and slab pages included), slab objects, tasks.
 *
 * The OOM killer's part: a failed allocation of a process notes it
 * (oom_notify), and out_of_memory() runs on the way back from the system
 * call or after the fault. It tries direct reclaim, then finds memory after
 * all (the failure was injected, once: memory_after_all() gets its page),
 * so it kills nobody; a faulting access is retried and succeeds. A run
 * ending by a signal, or any OOM kill, is therefore a failure here.
 */
#include "errno.h"
#include "fault-inject.h"
#include "ktest.h"
#include "mm.h"
#include "oom.h"
#include "sched.h"
#include "slab.h"
#include "test_util.h"

/* user/life.c's exit codes. */
#define LIFE_ENOMEM     20
#define LIFE_STEPS      4
#define LIFE_EXEC_SEGV  (70 + 11) /* LIFE_SIGNAL + SIGSEGV */
#define MAX_FAILED_RUNS 160u      /* above: a spread of the allocations, first and last included */

/* What the machine holds before a run, and must hold after it. */
struct life_state {
	uint32_t free;
	unsigned objs, tasks, kills;
};

static void life_state_get(struct life_state *s)
{
	s->free = settled_free_pages();
	s->objs = slab_live_objects();
	s->tasks = nr_tasks();
	s->kills = oom_stats.kills;
}

/* How a run of life ended: -errno of a failed creation, or its exit code. */
static int life_run(void)
{
	struct task_struct *p;
	int err = 0;

	p = process_create("life", 0, 0, &err);
	if (!p)
		return err ? err : -EINVAL;
	return task_wait(p);
}

/*
 * Is this end a clean one? The child's execve failing past its point of
 * no return (the old program gone) ends it by SIGSEGV, as in Linux: the
 * parent passes that on as LIFE_EXEC_SEGV.
 */
static bool life_clean_end(int end)
{
	return end == 0 || end == -ENOMEM || end == LIFE_EXEC_SEGV ||
	       (end > LIFE_ENOMEM && end <= LIFE_ENOMEM + LIFE_STEPS);
}

/* One run of life with the nth allocation failed (nth 0: none); checks; the allocations it saw. */
static unsigned long life_with_failure(struct ktest *t, unsigned long nth, int *end)
{
	struct life_state before, after;
	unsigned long fired = fail_page_alloc_fired, seen;

	life_state_get(&before);
	fail_page_alloc_nth(nth);
	*end = life_run();
	seen = fail_page_alloc_disarm();
	life_state_get(&after);
	if (!life_clean_end(*end) || after.free != before.free || after.objs != before.objs ||
	    after.tasks != before.tasks || after.kills != before.kills ||
	    fail_page_alloc_fired != fired + (nth && nth <= seen))
		ktest_fail(
			t, __FILE__, __LINE__,
			"allocation %lu failed: end %d, free pages %u -> %u, slab objects %u -> %u, "
			"tasks %u -> %u, oom kills %u -> %u, injected %lu",
			nth, *end, before.free, after.free, before.objs, after.objs, before.tasks,
			after.tasks, before.kills, after.kills, fail_page_alloc_fired - fired);
	t->checks++;
	return seen;
}

static void life_fails_cleanly_at_every_allocation(struct ktest *t)
{
	unsigned long k_all, runs, ends[3] = { 0, 0, 0 };
	int end;

	life_with_failure(t, 0, &end); /* caches and the image warmed up */
	k_all = life_with_failure(t, 0, &end);
	KEXPECT_EQ(t, end, 0);
	KEXPECT_TRUE(t, k_all > 20);
	runs = min(k_all, (unsigned long)MAX_FAILED_RUNS);
	for (unsigned long i = 0; i < runs; i++) {
		unsigned long k = 1 + (runs > 1 ? i * (k_all - 1) / (runs - 1) : 0);

		life_with_failure(t, k, &end);
		ends[end == 0 ? 0 : end < 0 ? 1 : 2]++;
	}
	KEXPECT_EQ(t, validate_all_caches(), 0);
	KEXPECT_EQ(t, buddy_check(), 0);
	ktest_log("life made %lu page allocations; %lu runs, each with one failed: %lu went on "
		  "(retried), %lu not created, %lu ended by -ENOMEM",
		  k_all, runs, ends[0], ends[1], ends[2]);
	/* Each outcome is met somewhere: a suite that failed nothing would see only the first. */
	KEXPECT_TRUE(t, ends[0] && ends[1] && ends[2]);
}

/*
 * The boot argument's format and its knobs, on plain allocations:
 * "2,100,0,2" fails every second eligible allocation, twice; Linux's
 * defaults spare order 0 and allocations that may sleep.
 */
static void boot_argument_interval_and_times(struct ktest *t)
{
	struct page *p[6];
	bool got[6];
	unsigned long fired = fail_page_alloc_fired;

	KEXPECT_TRUE(t, !setup_fail_page_alloc("1,100,0"));
	KEXPECT_TRUE(t, !setup_fail_page_alloc("1,101,0,1"));
	KEXPECT_TRUE(t, !setup_fail_page_alloc("x,100,0,1"));
	KEXPECT_TRUE(t, !fail_page_alloc_armed);
	KEXPECT_TRUE(t, setup_fail_page_alloc("2,100,0,2"));
	/* Linux's defaults: order 0 and GFP_KERNEL are not eligible. */
	p[0] = alloc_page(GFP_KERNEL);
	p[1] = alloc_pages(GFP_NOWAIT | __GFP_NOWARN, 0);
	KEXPECT_TRUE(t, p[0] && p[1]);
	__free_page(p[0]);
	__free_page(p[1]);
	KEXPECT_EQ(t, fail_page_alloc.attr.count, 0);
	fail_page_alloc.min_order = 0;
	fail_page_alloc.ignore_gfp_wait = false;
	for (int i = 0; i < 6; i++) /* through the inline fast path: it must miss by itself */
		got[i] = (p[i] = alloc_page(GFP_KERNEL | __GFP_NOWARN)) != NULL;
	KEXPECT_TRUE(t, got[0] && !got[1] && got[2] && !got[3] && got[4] && got[5]);
	for (int i = 0; i < 6; i++)
		if (p[i])
			__free_page(p[i]);
	KEXPECT_EQ(t, fail_page_alloc_disarm(), 6);
	KEXPECT_EQ(t, fail_page_alloc_fired, fired + 2);
	/* Disarmed: the fast path serves again. */
	p[0] = alloc_page(GFP_KERNEL);
	KEXPECT_TRUE(t, p[0]);
	if (p[0])
		__free_page(p[0]);
}

static const struct ktest_case failinject_cases[] = {
	KTEST_CASE_REPORTS(boot_argument_interval_and_times),
	KTEST_CASE_REPORTS(life_fails_cleanly_at_every_allocation),
};
KTEST_SUITE_MANUAL("failinject", failinject_cases);
