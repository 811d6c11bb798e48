/*
 * User space: processes, system calls, demand paging, ASIDs and device
 * mmap, judged against the hardware where it can be: the MMU's own answer
 * (ATS1CUR/ATS1CUW with the process's tables live) against the software
 * walk, the LED register read back, faults that really fire, and the
 * free-page count returning exactly where it was.
 */
#include "asm/cp15.h"
#include "asm/io.h"
#include "asm/traps.h"
#include "board.h"
#include "errno.h"
#include "fs.h"
#include "highmem.h"
#include "led.h"
#include "mm.h"
#include "mm_user.h"
#include "sched.h"
#include "test_util.h"
#include "timer.h"
#include "uaccess.h"
#include "uapi/unistd.h"
#include "ktest.h"

static unsigned l2_tables_in_use(void)
{
	unsigned in_use, free;

	pt_pool_stats(&in_use, &free);
	return in_use;
}

static void user_hello_runs(struct ktest *t)
{
	uint32_t free0 = settled_free_pages();
	unsigned files0 = files_open, tables0 = l2_tables_in_use();

	KEXPECT_EQ(t, run_program("hello", 7, 0), 7);
	KEXPECT_TRUE(t, last_exit.pid > 0 && !last_exit.faulted);
	KEXPECT_EQ(t, run_program("no-such-program", 0, 0), -ENOENT);
	KEXPECT_EQ(t, nr_tasks(), 1);
	KEXPECT_EQ(t, files_open, files0);
	KEXPECT_EQ(t, l2_tables_in_use(), tables0); /* the process's tables went back */
	KEXPECT_EQ(t, settled_free_pages(), free0);
}

/* Fault cases of user/fault.c, in its order. */
enum {
	READ_ADDR,
	WRITE_ADDR,
	EXEC_ADDR,
	NULL_READ,
	WRITE_TEXT,
	WRITE_RODATA,
	EXEC_STACK,
	UNDEFINED,
	OUTSIDE_AREAS,
	USE_AFTER_MUNMAP,
	PROT_NONE_READ
};

static bool is_permission(uint32_t fsr)
{
	uint32_t s = fsr_status(fsr);

	return s == FS_PERMISSION_SECT || s == FS_PERMISSION_PAGE;
}

static bool is_translation(uint32_t fsr)
{
	uint32_t s = fsr_status(fsr);

	return s == FS_TRANSLATION_SECT || s == FS_TRANSLATION_PAGE;
}

static void user_kernel_access_is_fatal(struct ktest *t)
{
	static uint32_t kernel_word = 0x600dcafe;
	uint32_t free0 = settled_free_pages();
	uint32_t targets[] = { (uint32_t)&kernel_word, (uint32_t)user_kernel_access_is_fatal,
			       VECTORS_BASE, PKMAP_BASE };

	for (unsigned i = 0; i < ARRAY_SIZE(targets); i++) {
		uint32_t a = targets[i];

		KEXPECT_EQ(t, run_program("fault", READ_ADDR, a), EXIT_SEGV);
		KEXPECT_TRUE(t, last_exit.faulted && last_exit.fault_addr == a);
		KEXPECT_TRUE(t, is_permission(last_exit.fault_fsr) || a == PKMAP_BASE);
		KEXPECT_EQ(t, run_program("fault", WRITE_ADDR, a), EXIT_SEGV);
		KEXPECT_TRUE(t, last_exit.faulted && last_exit.fault_addr == a &&
					(last_exit.fault_fsr & FSR_WNR));
		KEXPECT_EQ(t, run_program("fault", EXEC_ADDR, a), EXIT_SEGV);
		KEXPECT_TRUE(t, last_exit.faulted && last_exit.fault_addr == a);
	}
	KEXPECT_EQ(t, kernel_word, 0x600dcafe); /* the write did not land */
	KEXPECT_EQ(t, settled_free_pages(), free0);
}

static void user_bad_accesses_end_the_process(struct ktest *t)
{
	uint32_t free0 = settled_free_pages();
	unsigned bad0 = mm_fault_stats.bad;

	KEXPECT_EQ(t, run_program("fault", NULL_READ, 0), EXIT_SEGV);
	KEXPECT_TRUE(t, last_exit.fault_addr == 0 && is_translation(last_exit.fault_fsr));
	KEXPECT_EQ(t, run_program("fault", WRITE_TEXT, 0), EXIT_SEGV);
	KEXPECT_TRUE(t, is_permission(last_exit.fault_fsr) && (last_exit.fault_fsr & FSR_WNR) &&
				last_exit.fault_addr >= USER_TEXT_START &&
				last_exit.fault_addr < USER_TEXT_START + SZ_64K);
	KEXPECT_EQ(t, run_program("fault", WRITE_RODATA, 0), EXIT_SEGV);
	KEXPECT_TRUE(t, is_permission(last_exit.fault_fsr) && (last_exit.fault_fsr & FSR_WNR));
	KEXPECT_EQ(t, run_program("fault", EXEC_STACK, 0), EXIT_SEGV); /* the stack is XN */
	KEXPECT_TRUE(t, is_permission(last_exit.fault_fsr) &&
				last_exit.fault_addr > USER_STACK_TOP - USER_STACK_SIZE &&
				last_exit.fault_addr < USER_STACK_TOP);
	KEXPECT_EQ(t, run_program("fault", UNDEFINED, 0), EXIT_SIGILL);
	KEXPECT_EQ(t, run_program("fault", OUTSIDE_AREAS, 0), EXIT_SEGV);
	KEXPECT_TRUE(t, last_exit.fault_addr == 0x30000000 && is_translation(last_exit.fault_fsr));
	KEXPECT_EQ(t, run_program("fault", USE_AFTER_MUNMAP, 0), EXIT_SEGV);
	KEXPECT_TRUE(t,
		     last_exit.fault_addr == USER_MMAP_BASE && is_translation(last_exit.fault_fsr));
	KEXPECT_EQ(t, run_program("fault", PROT_NONE_READ, 0), EXIT_SEGV);
	KEXPECT_TRUE(t, last_exit.fault_addr == USER_MMAP_BASE);
	KEXPECT_TRUE(t, mm_fault_stats.bad - bad0 >= 6);
	KEXPECT_EQ(t, nr_tasks(), 1);
	KEXPECT_EQ(t, settled_free_pages(), free0);
}

/*
 * Let p (on this CPU) run until it gives the CPU back by itself: one step
 * of a program that yields between steps. The tick may preempt it first,
 * so one schedule() is not always enough.
 */
static void run_until_yield(struct task_struct *p)
{
	unsigned yields = p->nvcsw;

	do
		schedule();
	while (READ_ONCE(p->nvcsw) == yields && READ_ONCE(p->state) != TASK_ZOMBIE);
}

/* The i-th online CPU, counting round them (i may be larger than their number). */
static uint32_t nth_online_cpu(unsigned i)
{
	uint32_t online = cpu_online_mask();

	i %= (unsigned)__builtin_popcount(online);
	while (i--)
		online &= online - 1;
	return online & -online;
}

/* twins' fixed mmap page (user/twins.c: FIXED_ADDR), written before its first yield. */
#define TWINS_FIXED 0x50000000u

/*
 * One twin's tables as the CPU sees them, with its mm live on this CPU a
 * moment (the twin itself waits, runnable, on this CPU): TTBR0, CONTEXTIDR
 * and the MMU's own answer for its fixed page, against its table's
 * descriptors. Returns the PA the MMU gives for the fixed page.
 */
static uint32_t show_twin_tables(struct ktest *t, struct task_struct *p)
{
	struct mm_struct *prev = active_mm, *mm = p->mm;
	uint32_t ttbr0, ctx, par, pa;
	struct pt_walk user, kern;

	switch_mm(mm);
	ttbr0 = read_ttbr0();
	ctx = read_contextidr();
	par = ats1cur(TWINS_FIXED);
	switch_mm(prev);
	pa = par & 1 ? ~0u : par_to_pa(par, TWINS_FIXED);
	pt_query(mm->arch.pgd, TWINS_FIXED, &user);
	pt_query(mm->arch.pgd, PAGE_OFFSET, &kern);
	KEXPECT_EQ(t, ttbr0 & ~0x3fffu, (uint32_t)__pa(mm->arch.pgd));
	KEXPECT_EQ(t, ctx & 0xff, mm_asid(mm));
	KEXPECT_TRUE(t, (ctx & 0xff) != 0);
	KEXPECT_EQ(t, user.kind, PT_SMALL);
	KEXPECT_EQ(t, pa, (uint32_t)user.pa);
	KEXPECT_TRUE(t, user.l2_desc & (1u << 11)); /* nG: tagged with the ASID */
	KEXPECT_EQ(t, kern.l1_desc, swapper_pg_dir[PAGE_OFFSET >> 20]);
	ktest_log("pid %d: TTBR0 %08x, CONTEXTIDR %08x (ASID %u); L1[%03x] %08x, L2[%02x] %08x "
		  "-> PA %08x; L1[%03x] %08x",
		  p->pid, ttbr0, ctx, ctx & 0xff, user.l1_index, user.l1_desc, user.l2_index,
		  user.l2_desc, pa, kern.l1_index, kern.l1_desc);
	return pa;
}

static void user_same_va_private_data(struct ktest *t)
{
	uint32_t free0 = settled_free_pages(), pa[2];
	unsigned switches0 = context_switches, conflicts0 = asid_conflicts();
	struct task_struct *tasks[2];
	int err;

	/*
	 * Both on this CPU, where neither can run before this thread gives them
	 * the CPU: from then on each yield switches to the other (and back). On
	 * another CPU the first could end before the second is let go.
	 */
	uint32_t here = 1u << smp_processor_id();

	for (unsigned i = 0; i < 2; i++) {
		tasks[i] = process_create_on("twins", 0x1000 * (i + 1), 50, here, &err);
		KASSERT_TRUE(t, tasks[i] != NULL);
	}
	/* Until both have written their pages and yielded once: both tables hold them. */
	for (uint32_t start = jiffies; jiffies - start < 60 * HZ; schedule())
		if (READ_ONCE(tasks[0]->nvcsw) && READ_ONCE(tasks[1]->nvcsw))
			break;
	ktest_log("TTBCR %08x, TTBR1 %08x (swapper_pg_dir), swapper's L1[%03x] %08x", read_ttbcr(),
		  read_ttbr1(), (unsigned)(PAGE_OFFSET >> 20), swapper_pg_dir[PAGE_OFFSET >> 20]);
	KEXPECT_EQ(t, read_ttbcr() & 7, 0);
	KEXPECT_EQ(t, read_ttbr1() & ~0x3fffu, (uint32_t)__pa(swapper_pg_dir));
	for (unsigned i = 0; i < 2; i++)
		pa[i] = show_twin_tables(t, tasks[i]);
	KEXPECT_TRUE(t, pa[0] != pa[1] && pa[0] != ~0u && pa[1] != ~0u);
	KEXPECT_TRUE(t, mm_asid(tasks[0]->mm) != mm_asid(tasks[1]->mm));
	for (unsigned i = 0; i < 2; i++) {
		KEXPECT_EQ(t, task_wait(tasks[i]), 0);
		KEXPECT_EQ(t, last_exit.cpus_run, here);
	}
	KEXPECT_EQ(t, asid_conflicts(), conflicts0);
	KEXPECT_TRUE(t, context_switches - switches0 >= 100);
	KEXPECT_EQ(t, settled_free_pages(), free0);
}

/*
 * Eight processes over the fewest ASIDs the allocator allows (one more
 * than the CPUs: each CPU's running ASID is kept across a rollover), spread
 * over every CPU, two or more to a CPU: switch-ins keep needing new ASIDs,
 * so the generation rolls over again and again, each CPU flushing its own
 * TLB. Each process must still see only its own data. They run until told
 * to stop, and only once there were ten rollovers and every one of them
 * yielded 100 times: released one by one, a process could otherwise run
 * all its rounds before its CPU's second one arrived (a loaded host paces
 * the vCPUs so), with no switch and no rollover at all.
 */
static void twins_stop(struct ktest *t, struct task_struct *p);

static void user_asid_rollover(struct ktest *t)
{
	unsigned rollovers0 = asid_rollovers(), conflicts0 = asid_conflicts(), n = 0, least;
	struct task_struct *tasks[8];
	uint32_t ran_on = 0, start;
	int err;

	asid_set_limit(1); /* clamped to CPUs + 1 */
	for (unsigned i = 0; i < ARRAY_SIZE(tasks); i++) {
		tasks[i] = process_create_on("twins", 0x1000 * (i + 1), 0, nth_online_cpu(i), &err);
		KEXPECT_TRUE(t, tasks[i]);
		if (!tasks[i])
			break;
		n++;
	}
	/* Bounded: a minute of jiffies is far more than the slowest host needs. */
	for (start = jiffies; jiffies - start < 60 * HZ; schedule()) {
		least = ~0u;
		for (unsigned i = 0; i < n; i++)
			least = min(least, READ_ONCE(tasks[i]->nvcsw));
		if (least >= 100 && asid_rollovers() - rollovers0 >= 10)
			break;
	}
	for (unsigned i = 0; i < n; i++)
		twins_stop(t, tasks[i]);
	for (unsigned i = 0; i < n; i++) {
		KEXPECT_EQ(t, task_wait(tasks[i]), 0);
		ran_on |= last_exit.cpus_run;
	}
	asid_set_limit(ASID_LIMIT_DEFAULT);
	KEXPECT_TRUE(t, asid_rollovers() - rollovers0 >= 10);
	KEXPECT_EQ(t, ran_on, cpu_online_mask());
	/* The allocator checks every switch: never two CPUs on one ASID for different mms. */
	KEXPECT_EQ(t, asid_conflicts(), conflicts0);
	ktest_log("%u ASID rollovers, %u CPUs", asid_rollovers() - rollovers0,
		  __builtin_popcount(ran_on));
}

/* A process that never calls the kernel is preempted when its time slice ends. */
static void user_spinner_is_preempted(struct ktest *t)
{
	uint32_t free0 = settled_free_pages();
	struct task_struct *spinner, *other;
	int err;

	/*
	 * Both on the last CPU (a secondary on SMP: its slices end by the tick
	 * CPU 0 forwards to it), the spinner first.
	 */
	uint32_t last = 1u << (31 - __builtin_clz(cpu_online_mask()));

	spinner = process_create_on("spin", 50000000, 0, 1u << smp_processor_id(), &err);
	KASSERT_TRUE(t, spinner);
	other = process_create_on("hello", 3, 0, 1u << smp_processor_id(), &err);
	KASSERT_TRUE(t, other);
	/* Both made, neither run yet (this CPU does not let them): released together. */
	KEXPECT_EQ(t, set_cpus_allowed(spinner, last), 0);
	KEXPECT_EQ(t, set_cpus_allowed(other, last), 0);
	KEXPECT_TRUE(t, tick_active());                 /* processes exist: the tick runs */
	KEXPECT_EQ(t, task_wait(other), 3);             /* it ran although the spinner went first */
	KEXPECT_TRUE(t, spinner->state != TASK_ZOMBIE); /* it had not finished: it was preempted */
	KEXPECT_TRUE(t, spinner->nivcsw > 0);
	KEXPECT_EQ(t, task_wait(spinner), 0);
	KEXPECT_TRUE(t, !tick_active()); /* and stops with the last one */
	KEXPECT_EQ(t, settled_free_pages(), free0);
}

#define DEMAND_PAGES 16

static void check_zero_page(struct ktest *t, struct mm_struct *mm, uint32_t va)
{
	struct pt_walk w;
	uint32_t zero_pa = page_to_phys(zero_page);

	KEXPECT_EQ(t, walk_pa(mm, va, &w), zero_pa);
	KEXPECT_EQ(t, user_ats(mm, va, false), zero_pa);
	KEXPECT_EQ(t, user_ats(mm, va, true), ~0u); /* read-only: a write must fault */
}

static void user_demand_paging(struct ktest *t)
{
	uint32_t free_start = settled_free_pages(), free0, free1, base;
	unsigned zero0 = mm_fault_stats.zero_maps, anon0;
	struct task_struct *p;
	struct pt_walk w;
	uint32_t pas[DEMAND_PAGES];
	int err;

	/* On this CPU, so that it runs only between our steps. */
	p = process_create_on("demand", DEMAND_PAGES, 0, 1u << smp_processor_id(), &err);
	KASSERT_TRUE(t, p);
	run_until_yield(p); /* step 0: nothing mapped */
	free0 = settled_free_pages();
	run_until_yield(p); /* step 1: one page written */
	base = USER_MMAP_BASE;
	KASSERT_TRUE(t, find_vma(p->mm, base) && find_vma(p->mm, base)->vm_start == base);
	KEXPECT_TRUE(t, walk_pa(p->mm, base, &w) != ~0u && w.pa != page_to_phys(zero_page));
	KEXPECT_EQ(t, user_ats(p->mm, base, true), (uint32_t)w.pa);
	/* The process's page is Normal memory: Shareable exactly when MPIDR says multiprocessor. */
	KEXPECT_EQ(t, PROT_MT(w.prot), MT_NORMAL);
	KEXPECT_EQ(t, pt_walk_shareable(&w), cpu_is_smp());
	for (unsigned i = 1; i < DEMAND_PAGES; i++)
		KEXPECT_EQ(t, walk_pa(p->mm, base + i * PAGE_SIZE, &w), ~0u);
	free1 = settled_free_pages();
	anon0 = mm_fault_stats.anon_pages;

	run_until_yield(p);                         /* step 2: the rest read */
	KEXPECT_EQ(t, settled_free_pages(), free1); /* reads allocate nothing */
	KEXPECT_EQ(t, mm_fault_stats.zero_maps - zero0, DEMAND_PAGES - 1);
	for (unsigned i = 1; i < DEMAND_PAGES; i++)
		check_zero_page(t, p->mm, base + i * PAGE_SIZE);

	run_until_yield(p); /* step 3: pages 1..7 written */
	KEXPECT_EQ(t, free1 - settled_free_pages(), DEMAND_PAGES / 2 - 1);
	KEXPECT_EQ(t, mm_fault_stats.anon_pages - anon0, 0); /* they were zero-page copies */
	for (unsigned i = 1; i < DEMAND_PAGES; i++) {
		uint32_t va = base + i * PAGE_SIZE;

		if (i >= DEMAND_PAGES / 2) {
			check_zero_page(t, p->mm, va);
			continue;
		}
		pas[i] = walk_pa(p->mm, va, &w);
		KEXPECT_TRUE(t, pas[i] != ~0u && pas[i] != page_to_phys(zero_page));
		KEXPECT_EQ(t, user_ats(p->mm, va, true), pas[i]);
		for (unsigned j = 1; j < i; j++)
			KEXPECT_TRUE(t, pas[j] != pas[i]);
	}
	run_until_yield(p); /* step 4: unmapped */
	KEXPECT_EQ(t, settled_free_pages(), free0);
	for (unsigned i = 0; i < DEMAND_PAGES; i++)
		KEXPECT_EQ(t, user_ats(p->mm, base + i * PAGE_SIZE, false), ~0u);
	KEXPECT_EQ(t, task_wait(p), 0);
	KEXPECT_EQ(t, settled_free_pages(), free_start);
}

static void user_syscall_bad_arguments(struct ktest *t)
{
	uint32_t free0 = settled_free_pages();
	unsigned files0 = files_open;

	KEXPECT_EQ(t, run_program("sysbad", (uint32_t)&jiffies, 0), 0);
	KEXPECT_TRUE(t, !last_exit.faulted);
	KEXPECT_EQ(t, files_open, files0);
	KEXPECT_EQ(t, settled_free_pages(), free0);
}

/* From the kernel side: bad user pointers are refused or end in the fixup, never in a crash. */
static void user_copy_fixups(struct ktest *t)
{
	char buf[8] = "abcdefg";
	unsigned faults0 = last_fault.count;

	KEXPECT_EQ(t, copy_from_user(buf, (const void *)0x10000, 4), 4); /* no mm: faults */
	KEXPECT_TRUE(t, last_fault.count == faults0 + 1 && last_fault.far == 0x10000);
	KEXPECT_EQ(t, copy_to_user((void *)0x10000, buf, 4), 4);
	KEXPECT_EQ(t, copy_from_user(buf, (const void *)PAGE_OFFSET, 4), 4); /* kernel: refused */
	KEXPECT_EQ(t, copy_to_user((void *)(TASK_SIZE - 2), buf, 4), 4);
	KEXPECT_EQ(t, strncpy_from_user(buf, (const char *)PAGE_OFFSET, 8), -EFAULT);
	KEXPECT_EQ(t, strncpy_from_user(buf, (const char *)0x20000, 8), -EFAULT);
	KEXPECT_EQ(t, buf[0], 'a');
}

/* What the first-fit search must give for len (page aligned) at hint: the walk of the old code. */
static uint32_t reference_gap(struct mm_struct *mm, uint32_t hint, uint32_t len)
{
	struct vm_area_struct *vma;
	uint32_t start = mm->mmap_base;
	bool hint_free = true;

	hint = ALIGN_DOWN(hint, PAGE_SIZE);
	if (hint >= PAGE_SIZE && hint < TASK_SIZE && len <= TASK_SIZE - hint) {
		list_for_each_entry (vma, &mm->mmap, list)
			if (vma->vm_start < hint + len && vma->vm_end > hint)
				hint_free = false;
		if (hint_free)
			return hint;
	}
	list_for_each_entry (vma, &mm->mmap, list) {
		if (vma->vm_end <= start)
			continue;
		if (vma->vm_start >= start && vma->vm_start - start >= len)
			return start;
		start = vma->vm_end;
	}
	return len <= TASK_SIZE - start ? start : 0;
}

/* The area that covers addr, or NULL (find_vma without its cache's side effects). */
static struct vm_area_struct *area_at(struct mm_struct *mm, uint32_t addr)
{
	struct vm_area_struct *vma;

	list_for_each_entry (vma, &mm->mmap, list)
		if (vma->vm_start <= addr && addr < vma->vm_end)
			return vma;
	return NULL;
}

static unsigned count_areas(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	unsigned n = 0;

	list_for_each_entry (vma, &mm->mmap, list)
		n++;
	return n;
}

/*
 * mmap, munmap (whole areas, parts, several at once, nothing), MAP_FIXED,
 * hints, brk across mmap_base and faults, in a random order on an mm of
 * the test's own: every mmap lands where the plain first-fit walk says,
 * and vma_check() finds the list and its caches (mmap_cache, the spare
 * area, the free-area cache) consistent after every step. Then the misuse
 * errors around munmap's fast path, and everything given back.
 */
static void user_mmap_first_fit_and_caches(struct ktest *t)
{
	const unsigned rw = UAPI_PROT_READ | UAPI_PROT_WRITE;
	const unsigned anon = UAPI_MAP_PRIVATE | UAPI_MAP_ANONYMOUS;
	uint32_t free0 = settled_free_pages(), seed = 0x6d6d6170;
	unsigned tables0 = l2_tables_in_use(), faults = 0, fast = 0;
	struct mm_struct *mm = mm_alloc();
	const uint32_t base = USER_MMAP_BASE;
	uint32_t addr;
	long r;

	KASSERT_TRUE(t, mm);
	/* A heap 8 pages below mmap_base: brk may grow it across. */
	mm->start_brk = mm->brk = base - 8 * PAGE_SIZE;
	for (unsigned step = 0; step < 1500 && !t->failed; step++) {
		uint32_t x = xorshift32(&seed), op = x % 100, len, want;

		len = (1 + (x >> 8) % (x & 0x100 ? 64 : 8)) * PAGE_SIZE;
		/* Round mmap_base often: areas across it test the free-area cache's edge cases. */
		addr = base - 16 * PAGE_SIZE + ((x >> 16) % (x & 0x400 ? 32 : 280)) * PAGE_SIZE;
		if (op < 35) { /* first fit */
			want = reference_gap(mm, 0, len);
			r = do_mmap(mm, 0, len, rw, anon, NULL, 0);
			KEXPECT_EQ(t, r, want ? (long)want : -ENOMEM);
		} else if (op < 45) { /* with a hint, taken when free */
			want = reference_gap(mm, addr, len);
			r = do_mmap(mm, addr, len, rw, anon, NULL, 0);
			KEXPECT_EQ(t, r, want ? (long)want : -ENOMEM);
		} else if (op < 52) { /* MAP_FIXED replaces what is there */
			r = do_mmap(mm, addr, len, rw, anon | UAPI_MAP_FIXED, NULL, 0);
			KEXPECT_EQ(t, r, (long)addr);
		} else if (op < 62) { /* a fresh area and its munmap: the fast path */
			r = do_mmap(mm, 0, len, rw, anon, NULL, 0);
			if (r > 0) {
				KEXPECT_EQ(t,
					   do_munmap(mm, (uint32_t)r, len - (x >> 24) % PAGE_SIZE),
					   0);
				KEXPECT_TRUE(t, !area_at(mm, (uint32_t)r));
				fast++;
			}
		} else if (op < 87) { /* any range: parts, several areas, holes */
			KEXPECT_EQ(t, do_munmap(mm, addr, len), 0);
			KEXPECT_TRUE(t, !area_at(mm, addr) && !area_at(mm, addr + len - PAGE_SIZE));
		} else if (op < 94) { /* a page of an area written: tables and pages to zap later */
			if (area_at(mm, addr)) {
				KEXPECT_EQ(
					t,
					handle_mm_fault(mm, addr,
							FAULT_FLAG_WRITE | FAULT_FLAG_TRANSLATION),
					VM_FAULT_OK);
				faults++;
			}
		} else { /* the heap grows (maybe across mmap_base, up to what is mapped) or shrinks */
			uint32_t brk = x & 0x200 ? mm->brk + len
						 : mm->brk - min(len, mm->brk - mm->start_brk);

			do_brk(mm, brk);
		}
		if (vma_check(mm)) {
			ktest_log("step %u, op %u", step, op);
			KEXPECT_EQ(t, vma_check(mm), 0);
		}
	}
	ktest_log("%u areas, %u pages written, %u fast munmaps, free area from %08x",
		  count_areas(mm), faults, fast, mm->free_area_cache);
	KEXPECT_TRUE(t, faults > 10 && fast > 10);

	/* munmap's fast path takes the cached area only for exactly its range, else the checks. */
	r = do_mmap(mm, 0, 4 * PAGE_SIZE, rw, anon, NULL, 0);
	KASSERT_TRUE(t, r > 0);
	addr = (uint32_t)r;
	KEXPECT_EQ(t, do_munmap(mm, addr, 0), -EINVAL);
	KEXPECT_EQ(t, do_munmap(mm, addr, 0xffffffffu), -EINVAL);
	KEXPECT_EQ(t, do_munmap(mm, addr + 1, 4 * PAGE_SIZE), -EINVAL);
	KEXPECT_EQ(t, do_munmap(mm, 0, 4 * PAGE_SIZE), -EINVAL);
	KEXPECT_EQ(t, do_munmap(mm, 0xfffff000u, 2 * PAGE_SIZE), -EINVAL);
	KEXPECT_EQ(t, do_munmap(mm, TASK_SIZE - PAGE_SIZE, 2 * PAGE_SIZE), -EINVAL);
	KEXPECT_TRUE(t, area_at(mm, addr) && area_at(mm, addr + 3 * PAGE_SIZE));
	KEXPECT_EQ(t, do_munmap(mm, addr, 3 * PAGE_SIZE), 0); /* a part: the rest stays */
	KEXPECT_TRUE(t, !area_at(mm, addr) && area_at(mm, addr + 3 * PAGE_SIZE));
	KEXPECT_EQ(t, do_munmap(mm, addr + 3 * PAGE_SIZE, 1), 0); /* rounded up to the page */
	KEXPECT_TRUE(t, !area_at(mm, addr + 3 * PAGE_SIZE));
	KEXPECT_EQ(t, do_mmap(mm, 0, 0, rw, anon, NULL, 0), -EINVAL);
	KEXPECT_EQ(t, do_mmap(mm, 0, TASK_SIZE + 1, rw, anon, NULL, 0), -ENOMEM);
	KEXPECT_EQ(t, do_mmap(mm, 0, PAGE_SIZE, rw, UAPI_MAP_ANONYMOUS, NULL, 0), -EINVAL);
	KEXPECT_EQ(t, do_mmap(mm, 0, PAGE_SIZE, 8, anon, NULL, 0), -EINVAL);
	KEXPECT_EQ(t, vma_check(mm), 0);

	/*
	 * An area across a MB boundary with a page written only in its upper
	 * MB (the lower one has no L2 table): munmap must not take it for an
	 * untouched area, and the page, its entry and its table all go.
	 */
	{
		const uint32_t mb = base + 0x300000, lo = mb - 16 * PAGE_SIZE;
		unsigned rss0 = mm->rss, tables = l2_tables_in_use();
		struct pt_walk w;

		KEXPECT_EQ(t, do_munmap(mm, lo - 0x100000, 0x300000), 0); /* nothing else near */
		KEXPECT_EQ(t, do_mmap(mm, lo, 32 * PAGE_SIZE, rw, anon | UAPI_MAP_FIXED, NULL, 0),
			   (long)lo);
		KEXPECT_EQ(t,
			   handle_mm_fault(mm, mb + PAGE_SIZE,
					   FAULT_FLAG_WRITE | FAULT_FLAG_TRANSLATION),
			   VM_FAULT_OK);
		KEXPECT_EQ(t, mm->rss, rss0 + 1);
		KEXPECT_EQ(t, l2_tables_in_use(), tables + 1);
		KEXPECT_TRUE(t, walk_pa(mm, mb + PAGE_SIZE, &w) != ~0u);
		KEXPECT_EQ(t, do_munmap(mm, lo, 32 * PAGE_SIZE), 0);
		KEXPECT_EQ(t, mm->rss, rss0);
		KEXPECT_EQ(t, l2_tables_in_use(), tables);
		KEXPECT_EQ(t, walk_pa(mm, mb + PAGE_SIZE, &w), ~0u);
	}

	mmput(mm);
	KEXPECT_EQ(t, l2_tables_in_use(), tables0);
	KEXPECT_EQ(t, settled_free_pages(), free0);
}

/* A process drives the LED through its own mapping; the kernel reads the hardware back. */
static void user_led_through_mmap(struct ktest *t)
{
	uint32_t free0 = settled_free_pages(), val;
	struct vm_area_struct *vma, *led_vma = NULL;
	struct task_struct *p;
	struct pt_walk w;
	int err;

	if (!board_led) {
		ktest_skip(t, "no LED on this board");
		return;
	}
	/* On this CPU: it runs only when this thread gives it the CPU, as the checks need. */
	p = process_create_on("blink", 3, 0, 1u << smp_processor_id(), &err);
	KASSERT_TRUE(t, p);
	for (unsigned i = 0; i < 6; i++) {
		run_until_yield(p);       /* it set the LED and yielded */
		val = led_get(board_led); /* the register, read back */
		KEXPECT_EQ(t, val, i % 2 == 0);
		if (i)
			continue;
		list_for_each_entry (vma, &p->mm->mmap, list)
			if (vma->vm_file)
				led_vma = vma;
		KASSERT_TRUE(t, led_vma);
		KEXPECT_TRUE(t, (led_vma->vm_flags & (VM_IO | VM_PFNMAP)) == (VM_IO | VM_PFNMAP));
		KEXPECT_EQ(t, walk_pa(p->mm, led_vma->vm_start, &w), board.led.base & PAGE_MASK);
		KEXPECT_EQ(t, PROT_MT(w.prot), MT_STRONGLY_ORDERED);
		KEXPECT_TRUE(t,
			     !(w.prot & PROT_EXEC) && (w.prot & PROT_USER) && (w.prot & PROT_NG));
		KEXPECT_EQ(t, user_ats(p->mm, led_vma->vm_start, true), board.led.base & PAGE_MASK);
	}
	KEXPECT_EQ(t, task_wait(p), 0);
	KEXPECT_EQ(t, settled_free_pages(), free0);
}

/* One process pinned to each CPU: each runs there and nowhere else. */
static void user_process_on_each_cpu(struct ktest *t)
{
	uint32_t free0 = settled_free_pages();
	struct task_struct *p[NR_CPUS] = { NULL };
	int err;

	for (unsigned cpu = 0; cpu < NR_CPUS; cpu++)
		if (cpu_online(cpu)) {
			p[cpu] = process_create_on("twins", 0x100 * (cpu + 1), 30, 1u << cpu, &err);
			KEXPECT_TRUE(t, p[cpu]);
		}
	for (unsigned cpu = 0; cpu < NR_CPUS; cpu++)
		if (p[cpu]) {
			KEXPECT_EQ(t, task_wait(p[cpu]), 0);
			KEXPECT_EQ(t, last_exit.cpus_run, 1u << cpu);
		}
	/* Tables taken on four CPUs at once: the pool grew once for them, not once each. */
	KEXPECT_EQ(t, pt_pool_idle_pages(), 0);
	KEXPECT_EQ(t, settled_free_pages(), free0);
}

/*
 * End a twins process started with 0 rounds: write its stop word, in its
 * own page, through the kernel's mapping of that page. It has yielded
 * once, so the page is its own (not the zero page) and writable.
 */
#define TWINS_STOP 0x50000004 /* user/twins.c: STOP_ADDR */
static void twins_stop(struct ktest *t, struct task_struct *p)
{
	struct mm_struct *mm = get_task_mm(p);
	struct pt_walk w;
	uint32_t pa;

	if (!mm)
		return; /* it has ended */
	while (!READ_ONCE(p->nvcsw) && READ_ONCE(p->state) != TASK_ZOMBIE)
		schedule();
	spin_lock(&mm->mmap_lock);
	pa = walk_pa(mm, TWINS_STOP, &w);
	KEXPECT_TRUE(t, pa != ~0u && (w.prot & PROT_WRITE) && !(w.prot & PROT_USER_RO));
	if (pa != ~0u && (pa & PAGE_MASK) != page_to_phys(zero_page)) {
		char *v = kmap_atomic(pfn_to_page(pa >> PAGE_SHIFT));

		WRITE_ONCE(*(uint32_t *)(v + (pa & ~PAGE_MASK)), 1);
		kunmap_atomic(v);
	}
	spin_unlock(&mm->mmap_lock);
	mmput(mm);
}

/*
 * Migration: twins yield in a loop, checking their memory after each
 * yield; moved from CPU to CPU while they run (each move waited for until
 * the process has run on its new CPU), each must keep seeing its own data
 * (switch_mm on the new CPU: TTBR0, ASID, a flush if a rollover asked for
 * one). They run until told to stop, so every move happens however the
 * CPUs are paced. This thread calls schedule() while it waits, so CPU 0
 * is a destination too.
 */
static void user_processes_migrate(struct ktest *t)
{
	uint32_t free0 = settled_free_pages(), here = 1u << smp_processor_id();
	struct task_struct *p[2];
	unsigned moves = 0;
	int err;

	if (num_online_cpus() < 2) {
		ktest_skip(t, "one CPU");
		return;
	}
	for (unsigned i = 0; i < 2; i++) {
		p[i] = process_create_on("twins", 0x7000 + i, 0, here, &err);
		KASSERT_TRUE(t, p[i]);
	}
	for (unsigned step = 1; step <= 4 * num_online_cpus(); step++)
		for (unsigned i = 0; i < 2; i++) {
			uint32_t to = nth_online_cpu(step + i);

			if (set_cpus_allowed(p[i], to))
				continue; /* it has ended */
			while (READ_ONCE(p[i]->cpu) != (unsigned)__builtin_ctz(to) &&
			       READ_ONCE(p[i]->state) != TASK_ZOMBIE)
				schedule();
			moves += READ_ONCE(p[i]->state) != TASK_ZOMBIE;
		}
	for (unsigned i = 0; i < 2; i++)
		twins_stop(t, p[i]);
	for (unsigned i = 0; i < 2; i++) {
		KEXPECT_EQ(t, task_wait(p[i]), 0);
		KEXPECT_EQ(t, last_exit.cpus_run, cpu_online_mask()); /* it went everywhere */
	}
	KEXPECT_TRUE(t, moves >= 4 * num_online_cpus());
	KEXPECT_EQ(t, set_cpus_allowed(current, 1), -EINVAL);
	KEXPECT_EQ(t, settled_free_pages(), free0);
	ktest_log("%u moves", moves);
}

/* ---- SMP: a process on another CPU while this one changes its memory ---- */

#define SMPMM_STALE  0 /* user/smpmm.c */
#define SMPMM_RACE   1
#define SMPMM_TABLES 2

/* The last online CPU when it is not this one (0: a single CPU). */
static uint32_t other_cpu(void)
{
	uint32_t last = 1u << (31 - __builtin_clz(cpu_online_mask()));

	return last == 1u << smp_processor_id() ? 0 : last;
}

/*
 * name(arg0, arg1) made on this CPU (it cannot run yet), its mm held in
 * *mm (mmput() it), then sent to cpu.
 */
static struct task_struct *start_on_other_cpu(struct ktest *t, const char *name, uint32_t arg0,
					      uint32_t arg1, uint32_t cpu, struct mm_struct **mm)
{
	struct task_struct *p;
	int err;

	p = process_create_on(name, arg0, arg1, 1u << smp_processor_id(), &err);
	KEXPECT_EQ(t, err, 0);
	if (!p)
		return NULL;
	*mm = get_task_mm(p);
	KEXPECT_TRUE(t, *mm);
	KEXPECT_EQ(t, set_cpus_allowed(p, cpu), 0);
	return p;
}

/* Wait until p has made n system calls (or ended): it marks its steps with them. */
static void wait_syscalls(struct task_struct *p, unsigned n)
{
	while (READ_ONCE(p->syscalls) < n && READ_ONCE(p->state) != TASK_ZOMBIE)
		wfe(); /* a yield in QEMU: its CPU runs */
}

/*
 * A process on CPU n reads a page of its own in a loop; this CPU takes the
 * page away under it. The PTE is cleared and the TLB flushed on every CPU
 * (TLBIMVAIS with its ASID) before the page is freed, so its next read
 * must fault and find the zero page. With a local flush its CPU keeps the
 * old translation and reads the freed page: the program says so (exit 2).
 */
static void user_tlb_shootdown_other_cpu(struct ktest *t)
{
	uint32_t free0 = settled_free_pages(), cpu = other_cpu();
	struct task_struct *p;
	struct mm_struct *mm = NULL;

	if (!cpu) {
		ktest_skip(t, "one CPU");
		return;
	}
	p = start_on_other_cpu(t, "smpmm", SMPMM_STALE, 1u << 26, cpu, &mm);
	KASSERT_TRUE(t, p);
	wait_syscalls(p, 2); /* mmap, then getpid: the mark is written */
	if (mm) {
		spin_lock(&mm->mmap_lock);
		KEXPECT_EQ(t, zap_page_range(mm, USER_MMAP_BASE, USER_MMAP_BASE + PAGE_SIZE, false),
			   1);
		spin_unlock(&mm->mmap_lock);
		mmput(mm);
	}
	KEXPECT_EQ(t, task_wait(p), 0);
	KEXPECT_EQ(t, last_exit.cpus_run, cpu);
	KEXPECT_EQ(t, settled_free_pages(), free0);
}

/*
 * Faults on one CPU while another unmaps the same pages: the process
 * writes and reads back 16 pages (demand faults, zero-page copies) while
 * this CPU zaps them again and again, about once per round.
 * mm->mmap_lock serialises the two;
 * every page must come back exactly and each value read back be the one
 * written or 0.
 */
static void user_fault_while_other_cpu_unmaps(struct ktest *t)
{
	uint32_t free0 = settled_free_pages(), cpu = other_cpu();
	unsigned zaps = 0, freed = 0;
	struct task_struct *p;
	struct mm_struct *mm = NULL;

	if (!cpu) {
		ktest_skip(t, "one CPU");
		return;
	}
	p = start_on_other_cpu(t, "smpmm", SMPMM_RACE, 3000, cpu, &mm);
	KASSERT_TRUE(t, p);
	wait_syscalls(p, 2);
	/* At least once, even if it already ran to its end: the mm is held. */
	do {
		unsigned calls = READ_ONCE(p->syscalls);

		if (!mm)
			break;

		spin_lock(&mm->mmap_lock);
		freed += zap_page_range(mm, USER_MMAP_BASE, USER_MMAP_BASE + 16 * PAGE_SIZE, false);
		spin_unlock(&mm->mmap_lock);
		zaps++;
		/* About one zap per round of the process: its faults race with each. */
		while (READ_ONCE(p->syscalls) == calls && READ_ONCE(p->state) != TASK_ZOMBIE)
			wfe();
	} while (READ_ONCE(p->state) != TASK_ZOMBIE);
	if (mm)
		mmput(mm);
	KEXPECT_EQ(t, task_wait(p), 0);
	KEXPECT_TRUE(t, zaps > 0 && freed > 0); /* how many: up to how QEMU shares its time */
	KEXPECT_EQ(t, settled_free_pages(), free0);
	ktest_log("%u zaps took %u pages from under it", zaps, freed);
}

/*
 * One process per CPU, each mapping 4 MB, touching each MB and unmapping
 * it, again and again: page tables are made and freed on every CPU at
 * once, and the pool's pages come and go (a pool page goes back to the
 * allocator when its four tables are free). Every table and page must
 * come back. This caught the pool handing out its own list head: a CPU
 * that grew the pool found it grown by another and gave its page back,
 * dropping the lock, and a third CPU emptied the list in between (1 KB of
 * the kernel's data zeroed, the machine hung). 300 rounds a CPU: with that
 * bug put back, vexpress-a9 100M panicked in 3 boots of 3. (1500 rounds took
 * 20 s alone and over 250 s in CI, four vCPUs spinning on one lock while
 * another QEMU shared the two host cores.)
 */
static void user_page_tables_on_every_cpu(struct ktest *t)
{
	uint32_t free0 = settled_free_pages();
	unsigned tables0 = l2_tables_in_use(), tasks0 = nr_tasks(), n = 0;
	struct task_struct *p[NR_CPUS];
	int err;

	for (unsigned cpu = 0; cpu < NR_CPUS; cpu++) {
		if (!cpu_online(cpu))
			continue;
		p[n] = process_create_on("smpmm", SMPMM_TABLES, 300, 1u << cpu, &err);
		KASSERT_TRUE(t, p[n]);
		n++;
	}
	for (unsigned i = 0; i < n; i++)
		KEXPECT_EQ(t, task_wait(p[i]), 0);
	KEXPECT_EQ(t, nr_tasks(), tasks0);
	KEXPECT_EQ(t, l2_tables_in_use(), tables0);
	KEXPECT_EQ(t, settled_free_pages(), free0);
}

static const struct ktest_case user_cases[] = {
	KTEST_CASE(user_hello_runs),
	KTEST_CASE_REPORTS(user_kernel_access_is_fatal),
	KTEST_CASE_REPORTS(user_bad_accesses_end_the_process),
	KTEST_CASE(user_same_va_private_data),
	KTEST_CASE(user_asid_rollover),
	KTEST_CASE(user_process_on_each_cpu),
	KTEST_CASE(user_processes_migrate),
	KTEST_CASE(user_tlb_shootdown_other_cpu),
	KTEST_CASE(user_fault_while_other_cpu_unmaps),
	KTEST_CASE(user_page_tables_on_every_cpu),
	KTEST_CASE(user_spinner_is_preempted),
	KTEST_CASE(user_demand_paging),
	KTEST_CASE(user_mmap_first_fit_and_caches),
	KTEST_CASE(user_syscall_bad_arguments),
	KTEST_CASE(user_copy_fixups),
	KTEST_CASE(user_led_through_mmap),
};
KTEST_SUITE("user", user_cases);

/*
 * Manual suite for scripts/led-check (tests/led/BOARD-user.led): a process
 * blinks the LED six times through its mmap of /dev/led, announcing each
 * state for the host to read from outside QEMU.
 */
static void user_blinks_led(struct ktest *t)
{
	KASSERT_TRUE(t, board_led != NULL);
	KEXPECT_EQ(t, run_program("blink", 6, 1), 0);
	KEXPECT_TRUE(t, !tick_active()); /* the sleepers' tick stopped with them */
}

static const struct ktest_case user_led_cases[] = {
	KTEST_CASE(user_blinks_led),
};
KTEST_SUITE_MANUAL("user_led", user_led_cases);
