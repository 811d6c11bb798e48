/*
 * /proc, read the way a process reads it: file_open() and the file's own
 * read() into a user buffer (a test mm's pages, live in TTBR0), exactly
 * what sys_open and sys_read do after their argument checks. Every number
 * is held against the counter it comes from, taken at the moment the file
 * was made (open): free pages, the buddy and per-type free lists, the
 * zones, a slab cache we allocate from, a vmalloc area, the resource tree,
 * the interrupt counts, a process's areas and rss. Then the extremes of
 * read() and getdents64, the errors of the lookup, no leak, and
 * user/procread doing the same from user space.
 */
#include "asm/memory.h"
#include "asm/mmu.h"
#include "errno.h"
#include "fs.h"
#include "hugetlb.h"
#include "ioport.h"
#include "irq.h"
#include "mm.h"
#include "mm_user.h"
#include "printk.h"
#include "proc_fs.h"
#include "sched.h"
#include "slab.h"
#include "smp.h"
#include "string.h"
#include "uaccess.h"
#include "uapi/dirent.h"
#include "uapi/unistd.h"
#include "vmalloc.h"
#include "mm/buddy/buddy.h"
#include "test_util.h"
#include "ktest.h"

#define UBUF_LEN (64u * 1024)
#define TEXT_MAX (16u * 1024) /* slabinfo with the extra caches is about 10 KB */

/* A user buffer: a test mm with UBUF_LEN bytes mapped and faulted in, made live. */
struct ubuf {
	struct mm_struct *mm, *prev;
	uint32_t addr;
};

static bool ubuf_get(struct ubuf *u)
{
	long a;

	u->mm = mm_alloc();
	if (!u->mm)
		return false;
	a = do_mmap(u->mm, 0, UBUF_LEN, UAPI_PROT_READ | UAPI_PROT_WRITE,
		    UAPI_MAP_PRIVATE | UAPI_MAP_ANONYMOUS, NULL, 0);
	if (a < 0) {
		mmput(u->mm);
		return false;
	}
	u->addr = (uint32_t)a;
	/* copy_to_user from the boot thread (no current->mm) cannot fault pages in. */
	for (uint32_t off = 0; off < UBUF_LEN; off += PAGE_SIZE)
		handle_mm_fault(u->mm, u->addr + off, FAULT_FLAG_WRITE | FAULT_FLAG_TRANSLATION);
	u->prev = active_mm;
	switch_mm(u->mm);
	return true;
}

static void ubuf_put(struct ubuf *u)
{
	switch_mm(u->prev);
	mmput(u->mm);
}

static char text[TEXT_MAX], text2[TEXT_MAX];

/* strstr, which lib/string.c does not have. */
static const char *find(const char *s, const char *sub)
{
	size_t n = strlen(sub);

	for (; *s; s++)
		if (!strncmp(s, sub, n))
			return s;
	return NULL;
}

/* Append src to dst (a buffer of size bytes). */
static void append(char *dst, size_t size, const char *src)
{
	size_t len = strlen(dst);

	snprintf(dst + len, size - len, "%s", src);
}

/* Read an open file to its end with reads of chunk bytes into out; its length or an errno. */
static long read_rest(struct ubuf *u, struct file *f, uint32_t chunk, char *out)
{
	long total = 0, n;

	while ((n = f->f_op->read(f, (void *)u->addr, chunk, &f->pos)) > 0) {
		if ((uint32_t)(total + n) >= TEXT_MAX)
			return -ERANGE;
		if (copy_from_user(out + total, (const void *)u->addr, (uint32_t)n))
			return -EFAULT;
		total += n;
	}
	if (n < 0)
		return n;
	out[total] = '\0';
	return total;
}

/* Open, read whole, close. */
static long read_file(struct ubuf *u, const char *path, uint32_t chunk, char *out)
{
	int err;
	struct file *f = file_open(path, UAPI_O_RDONLY, &err);
	long n;

	if (!f)
		return err;
	n = read_rest(u, f, chunk, out);
	file_put(f);
	return n;
}

/*
 * Read f (NULL if its open failed) whole into out, close it and drop the
 * user buffer: whatever happened, nothing stays behind for the next case.
 * True if there was text.
 */
static bool finish_read(struct ubuf *u, struct file *f, uint32_t chunk, char *out)
{
	long n = f ? read_rest(u, f, chunk, out) : -ENOENT;

	if (f)
		file_put(f);
	ubuf_put(u);
	return n > 0;
}

/* The line of s starting with prefix, or NULL. */
static const char *line_with(const char *s, const char *prefix)
{
	size_t n = strlen(prefix);

	for (const char *p = s; *p; p++)
		if ((p == s || p[-1] == '\n') && !strncmp(p, prefix, n))
			return p;
	return NULL;
}

static const char *skip_spaces(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* A decimal at *p (spaces first), advancing *p; -1 if none. */
static long parse_num(const char **p)
{
	const char *s = skip_spaces(*p);
	long v = 0;

	if (*s < '0' || *s > '9')
		return -1;
	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	*p = s;
	return v;
}

/* The number after prefix at the start of a line of s; -1 if none. */
static long field(const char *s, const char *prefix)
{
	const char *p = line_with(s, prefix);

	if (!p)
		return -1;
	p += strlen(prefix);
	return parse_num(&p);
}

static void proc_meminfo_matches_counters(struct ktest *t)
{
	static const char *const names[] = {
		"MemTotal:",       "MemFree:",        "MemAvailable:",   "Buffers:",
		"Cached:",         "SwapCached:",     "HighTotal:",      "HighFree:",
		"LowTotal:",       "LowFree:",        "SwapTotal:",      "SwapFree:",
		"Slab:",           "VmallocTotal:",   "VmallocUsed:",    "HugePages_Total:",
		"HugePages_Free:", "HugePages_Rsvd:", "HugePages_Surp:", "Hugepagesize:",
		"Hugetlb:",
	};
	unsigned huge_total, huge_free;
	uint32_t free_now, high_free, low_free;
	const char *prev = NULL;
	struct file *f;
	struct ubuf u;
	int err;

	KASSERT_TRUE(t, ubuf_get(&u));
	f = file_open("/proc/meminfo", UAPI_O_RDONLY, &err);
	/* The text was made in open: nothing has allocated since. */
	free_now = nr_free_pages();
	high_free = zone_nr_free(ZONE_HIGHMEM);
	low_free = zone_nr_free(ZONE_DMA) + zone_nr_free(ZONE_NORMAL);
	KASSERT_TRUE(t, finish_read(&u, f, UBUF_LEN, text));

	KEXPECT_EQ(t, field(text, "MemFree:"), (long)free_now * 4);
	KEXPECT_EQ(t, field(text, "HighFree:"), (long)high_free * 4);
	KEXPECT_EQ(t, field(text, "LowFree:"), (long)low_free * 4);
	KEXPECT_EQ(t, field(text, "MemTotal:"),
		   field(text, "LowTotal:") + field(text, "HighTotal:"));
	KEXPECT_TRUE(t, field(text, "MemAvailable:") <= field(text, "MemFree:"));
	KEXPECT_TRUE(t, field(text, "MemFree:") <= field(text, "MemTotal:"));
	/* Less than the RAM (the image and mem_map are not managed), but most of it; in kB, as
	 * bytes overflow a long at 2 GB. */
	KEXPECT_TRUE(t, field(text, "MemTotal:") <= (long)(max_pfn - mem_map_pfn) * 4);
	KEXPECT_TRUE(t, field(text, "MemTotal:") > (long)(max_pfn - mem_map_pfn) * 4 / 2);
	KEXPECT_EQ(t, field(text, "VmallocTotal:"), (long)(VMALLOC_END - vmalloc_start) / 1024);
	/* The huge page pool as hugetlb.c counts it (hugepages=N at boot; none without). */
	hugetlb_counts(&huge_total, &huge_free);
	KEXPECT_EQ(t, field(text, "HugePages_Total:"), huge_total);
	KEXPECT_EQ(t, field(text, "HugePages_Free:"), huge_free);
	KEXPECT_EQ(t, field(text, "Hugepagesize:"), 1024);
	KEXPECT_EQ(t, field(text, "Hugetlb:"), (long)huge_total * 1024);
	/* Linux's layout: every field, in order, the name padded to 16 and 8 digits wide. */
	for (unsigned i = 0; i < ARRAY_SIZE(names); i++) {
		const char *l = line_with(text, names[i]);

		KEXPECT_TRUE(t, l && l > prev);
		if (!l)
			continue;
		prev = l;
		if (!strncmp(names[i], "HugePages_", 10)) /* "%-16s%8u": "HugePages_Free:    %5u" */
			KEXPECT_TRUE(t, l[18] == ' ' && l[23] != ' ' && l[24] == '\n');
		else
			KEXPECT_TRUE(t,
				     l[15] == ' ' && l[23] != ' ' && !strncmp(l + 24, " kB\n", 4));
	}
}

/* VmallocUsed moves by an area and its guard page; Slab by the slabs a new cache takes. */
static void proc_meminfo_vmalloc_and_slab_move(struct ktest *t)
{
	long used0, used1, slab0, slab1;
	struct kmem_cache *c;
	struct slabinfo si;
	struct ubuf u;
	void *v, *obj;

	KASSERT_TRUE(t, ubuf_get(&u));
	purge_vmap_area_lazy(); /* no lazily freed area for the vmalloc below to reuse */
	KEXPECT_TRUE(t, read_file(&u, "/proc/meminfo", 4096, text) > 0);
	used0 = field(text, "VmallocUsed:");
	slab0 = field(text, "Slab:");
	v = vmalloc(16 * PAGE_SIZE);
	c = kmem_cache_create("proc_test_slab", 3000, 0, 0, NULL);
	obj = c ? kmem_cache_alloc(c, GFP_KERNEL) : NULL;
	KEXPECT_TRUE(t, v && obj);
	KEXPECT_TRUE(t, read_file(&u, "/proc/meminfo", 4096, text) > 0);
	used1 = field(text, "VmallocUsed:");
	slab1 = field(text, "Slab:");
	kmem_cache_info(c, &si);
	KEXPECT_EQ(t, used1 - used0, 17 * 4); /* 16 pages and the guard page */
	/* Other caches may have grown by whole slabs too (the file's own kmalloc): at least ours. */
	KEXPECT_TRUE(t, slab1 - slab0 >= (long)(si.num_slabs * si.pagesperslab * 4));
	KEXPECT_EQ(t, si.num_slabs, 1);
	kmem_cache_free(c, obj);
	KEXPECT_EQ(t, kmem_cache_destroy(c), 0);
	vfree(v);
	ubuf_put(&u);
}

static void proc_buddyinfo_matches(struct ktest *t)
{
	uint32_t counts[MAX_NR_ZONES][NR_PAGE_ORDERS];
	unsigned lines = 0;
	struct file *f;
	struct ubuf u;
	int err;

	KASSERT_TRUE(t, ubuf_get(&u));
	f = file_open("/proc/buddyinfo", UAPI_O_RDONLY, &err);
	for (unsigned z = 0; z < MAX_NR_ZONES; z++)
		buddyinfo_get(z, counts[z]);
	KASSERT_TRUE(t, finish_read(&u, f, 100, text));
	for (unsigned z = 0; z < MAX_NR_ZONES; z++) {
		char prefix[32];
		const char *p;

		snprintf(prefix, sizeof(prefix), "Node 0, zone %8s ", zone_name(z));
		p = line_with(text, prefix);
		if (!zones[z].managed) {
			KEXPECT_TRUE(t, !p);
			continue;
		}
		KASSERT_TRUE(t, p);
		lines++;
		p += strlen(prefix);
		for (unsigned o = 0; o < NR_PAGE_ORDERS; o++) {
			/* "%6u " each: the column is exactly 7 wide. */
			KEXPECT_TRUE(t, p[6] == ' ');
			KEXPECT_EQ(t, parse_num(&p), (long)counts[z][o]);
			p++;
		}
		KEXPECT_TRUE(t, *p == '\n');
	}
	KEXPECT_TRUE(t, lines > 0);
}

/* Each order's free blocks summed over the types are the zone's buddy-list count. */
static void proc_pagetypeinfo_matches_free_lists(struct ktest *t)
{
	uint32_t nr_free[MAX_NR_ZONES][NR_PAGE_ORDERS], sums[MAX_NR_ZONES][NR_PAGE_ORDERS] = { 0 };
	static const char *const types[] = { "Unmovable", "Reclaimable", "Movable" };
	struct file *f;
	struct ubuf u;
	int err;

	KASSERT_TRUE(t, ubuf_get(&u));
	f = file_open("/proc/pagetypeinfo", UAPI_O_RDONLY, &err);
	for (unsigned z = 0; z < MAX_NR_ZONES; z++)
		for (unsigned o = 0; o < NR_PAGE_ORDERS; o++)
			nr_free[z][o] = READ_ONCE(zones[z].area[o].nr_free);
	KASSERT_TRUE(t, finish_read(&u, f, 333, text));
	KEXPECT_TRUE(t, !strncmp(text, "Page block order: 10\nPages per block:  1024\n\n", 45));
	KEXPECT_TRUE(t,
		     line_with(text, "Free pages count per migrate type at order       0      1 "));
	KEXPECT_TRUE(
		t,
		line_with(text, "Number of blocks type     Unmovable  Reclaimable      Movable "));
	for (unsigned z = 0; z < MAX_NR_ZONES; z++) {
		uint32_t blocks = 0;

		for (unsigned mt = 0; mt < ARRAY_SIZE(types); mt++) {
			char prefix[64];
			const char *p;

			snprintf(prefix, sizeof(prefix), "Node    0, zone %8s, type %12s ",
				 zone_name(z), types[mt]);
			p = line_with(text, prefix);
			KEXPECT_EQ(t, !!p, !!zones[z].managed);
			if (!p)
				continue;
			p += strlen(prefix);
			for (unsigned o = 0; o < NR_PAGE_ORDERS; o++)
				sums[z][o] += (uint32_t)parse_num(&p);
		}
		if (!zones[z].managed)
			continue;
		for (unsigned o = 0; o < NR_PAGE_ORDERS; o++)
			KEXPECT_EQ(t, sums[z][o], nr_free[z][o]);
		/* The block counts cover the zone's pageblocks. */
		{
			char prefix[32];
			const char *p;

			snprintf(prefix, sizeof(prefix), "Node 0, zone %8s ", zone_name(z));
			p = line_with(text, prefix);
			KASSERT_TRUE(t, p);
			p += strlen(prefix);
			for (unsigned mt = 0; mt < ARRAY_SIZE(types); mt++)
				blocks += (uint32_t)parse_num(&p);
			KEXPECT_EQ(t, blocks, zones[z].nr_pageblocks);
		}
	}
}

static void proc_zoneinfo_matches(struct ktest *t)
{
	uint32_t free_now[MAX_NR_ZONES];
	struct file *f;
	struct ubuf u;
	int err;

	KASSERT_TRUE(t, ubuf_get(&u));
	f = file_open("/proc/zoneinfo", UAPI_O_RDONLY, &err);
	for (unsigned z = 0; z < MAX_NR_ZONES; z++)
		free_now[z] = zone_nr_free(z);
	KASSERT_TRUE(t, finish_read(&u, f, 64, text));
	for (unsigned z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &zones[z];
		char head[32];
		const char *p;

		snprintf(head, sizeof(head), "Node 0, zone %8s\n", zone_name(z));
		p = line_with(text, head);
		KEXPECT_EQ(t, !!p, !!zone->spanned);
		if (!p)
			continue;
		p += strlen(head);
		KEXPECT_EQ(t, field(p, "  pages free     "), (long)free_now[z]);
		KEXPECT_EQ(t, field(p, "        min      "), (long)zone->wmark_min);
		KEXPECT_EQ(t, field(p, "        low      "), (long)zone->wmark_low);
		KEXPECT_EQ(t, field(p, "        high     "), (long)zone->wmark_high);
		KEXPECT_EQ(t, field(p, "        spanned  "), (long)zone->spanned);
		KEXPECT_EQ(t, field(p, "        present  "), (long)zone->spanned);
		KEXPECT_EQ(t, field(p, "        managed  "), (long)zone->managed);
	}
}

/*
 * Enough caches for slabinfo to need three pages, so that its open
 * overflows the first buffer twice and must start again each time.
 */
#define EXTRA_CACHES 64
static struct kmem_cache *extra[EXTRA_CACHES];
static char extra_names[EXTRA_CACHES][16];

static bool extra_caches_create(void)
{
	bool ok = true;

	for (unsigned i = 0; i < EXTRA_CACHES; i++) {
		snprintf(extra_names[i], sizeof(extra_names[i]), "proc_extra%02u", i);
		extra[i] = kmem_cache_create(extra_names[i], 8 + i * 8, 0, 0, NULL);
		ok &= extra[i] != NULL;
	}
	return ok;
}

static void extra_caches_destroy(void)
{
	for (unsigned i = 0; i < EXTRA_CACHES; i++)
		if (extra[i])
			kmem_cache_destroy(extra[i]);
}

/* Our cache's line: active objects move by exactly what we allocate and free. */
static long slab_active(const char *s, const char *name, long *num_objs)
{
	const char *p = line_with(s, name);

	if (!p || p[strlen(name)] != ' ')
		return -1;
	p += 17;
	long active = parse_num(&p);
	*num_objs = parse_num(&p);
	return active;
}

static void proc_slabinfo_moves_exactly(struct ktest *t)
{
	struct kmem_cache *c = kmem_cache_create("proc_test", 100, 0, 0, NULL);
	void *objs[37];
	long len, num, n0, n1;
	struct slabinfo si;
	struct ubuf u;

	KASSERT_TRUE(t, c);
	KASSERT_TRUE(t, ubuf_get(&u));
	KEXPECT_TRUE(t, extra_caches_create());
	len = read_file(&u, "/proc/slabinfo", 4096, text);
	KEXPECT_EQ(t, slab_active(text, "proc_test", &num), 0);
	for (unsigned i = 0; i < ARRAY_SIZE(objs); i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	len = read_file(&u, "/proc/slabinfo", 4096, text);
	n0 = slab_active(text, "proc_test", &num);
	kmem_cache_info(c, &si);
	KEXPECT_EQ(t, n0, 37);
	KEXPECT_EQ(t, num, (long)si.num_objs);
	for (unsigned i = 0; i < 10; i++)
		kmem_cache_free(c, objs[i]);
	read_file(&u, "/proc/slabinfo", 4096, text);
	n1 = slab_active(text, "proc_test", &num);
	KEXPECT_EQ(t, n0 - n1, 10);
	for (unsigned i = 10; i < ARRAY_SIZE(objs); i++)
		kmem_cache_free(c, objs[i]);
	KEXPECT_EQ(t, kmem_cache_destroy(c), 0);
	len = read_file(&u, "/proc/slabinfo", 4096, text);
	KEXPECT_EQ(t, slab_active(text, "proc_test", &num), -1); /* gone with the cache */
	ubuf_put(&u);
	for (unsigned i = 0; i < EXTRA_CACHES; i++) {
		char name[20];

		snprintf(name, sizeof(name), "%s ", extra_names[i]);
		KEXPECT_TRUE(t, line_with(text, name));
	}
	extra_caches_destroy();

	/* Linux's header, and the whole list: more than the first buffer's page. */
	KEXPECT_TRUE(t, !strncmp(text,
				 "slabinfo - version: 2.1\n# name            <active_objs> "
				 "<num_objs> <objsize> <objperslab> <pagesperslab> : tunables "
				 "<limit> <batchcount> <sharedfactor> : slabdata <active_slabs> "
				 "<num_slabs> <sharedavail>\n",
				 194));
	ktest_log("slabinfo: %ld bytes", len);
	KEXPECT_TRUE(t, len > 2 * (long)PAGE_SIZE);
	KEXPECT_TRUE(t, line_with(text, "kmem_cache ")); /* the last cache listed */
	KEXPECT_TRUE(t, len > 0 && text[len - 1] == '\n');
}

static void proc_vmallocinfo_shows_area(struct ktest *t)
{
	void *v = vmalloc(3 * PAGE_SIZE);
	char line[48];
	const char *p;
	struct ubuf u;

	KASSERT_TRUE(t, v);
	KASSERT_TRUE(t, ubuf_get(&u));
	KEXPECT_TRUE(t, read_file(&u, "/proc/vmallocinfo", 200, text) > 0);
	snprintf(line, sizeof(line), "0x%08x-0x%08x   16384 ", (uint32_t)v,
		 (uint32_t)v + 4 * (uint32_t)PAGE_SIZE);
	p = line_with(text, line);
	KEXPECT_TRUE(t, p);
	if (p) {
		const char *end = strchr(p, '\n');

		KEXPECT_TRUE(t, !strncmp(end - 16, " pages=3 vmalloc", 16));
	}
	vfree(v);
	purge_vmap_area_lazy();
	KEXPECT_TRUE(t, read_file(&u, "/proc/vmallocinfo", 200, text) > 0);
	KEXPECT_TRUE(t, !line_with(text, line));
	ubuf_put(&u);
}

/* Every resource of the tree, in order, indented two spaces per level. */
static unsigned check_tree(struct ktest *t, const struct resource *r, int depth, const char **pos)
{
	unsigned n = 0;

	for (; r; r = r->sibling) {
		char want[96];
		const char *p;

		snprintf(want, sizeof(want), "%*s%08x-%08x : %s\n", depth * 2, "", r->start, r->end,
			 r->name);
		p = line_with(*pos, want);
		KEXPECT_TRUE(t, p && !strncmp(p, want, strlen(want)));
		if (p)
			*pos = p + strlen(want);
		n += 1 + check_tree(t, r->child, depth + 1, pos);
	}
	return n;
}

static void proc_iomem_matches_tree(struct ktest *t)
{
	unsigned lines = 0, n;
	const char *pos;
	char ram[32];
	struct ubuf u;

	KASSERT_TRUE(t, ubuf_get(&u));
	KEXPECT_TRUE(t, read_file(&u, "/proc/iomem", 50, text) > 0);
	ubuf_put(&u);
	pos = text;
	n = check_tree(t, iomem_resource.child, 0, &pos);
	for (const char *p = text; *p; p++)
		lines += *p == '\n';
	KEXPECT_EQ(t, lines, n);
	snprintf(ram, sizeof(ram), "%08x-", (uint32_t)PHYS_OFFSET);
	KEXPECT_TRUE(t, line_with(text, ram) &&
				!strncmp(line_with(text, ram) + 17, " : System RAM\n", 14));
}

/* Each line's CPU columns add up to the line's count between open and the end of the read. */
static void proc_interrupts_match_counts(struct ktest *t)
{
	unsigned before[NR_IRQS], cpus = num_online_cpus(), lines = 0, cols = 0;
	struct task_struct *proc;
	const char *p;
	struct ubuf u;
	int err;

	/* A process, made and not run yet: the tick runs while one exists. */
	proc = process_create_on("hello", 0, 0, 1u << smp_processor_id(), &err);
	KASSERT_TRUE(t, proc);
	for (unsigned i = 0; i < NR_IRQS; i++)
		before[i] = irq_count(i);
	KASSERT_TRUE(t, ubuf_get(&u));
	KEXPECT_TRUE(t, read_file(&u, "/proc/interrupts", 77, text) > 0);
	ubuf_put(&u);
	KEXPECT_EQ(t, task_wait(proc), 0);
	for (p = text; *p && *p != '\n'; p++)
		cols += !strncmp(p, "CPU", 3);
	KEXPECT_EQ(t, cols, cpus);
	KEXPECT_TRUE(t, !strncmp(text, "           CPU0       ", 22));
	for (p = strchr(text, '\n') ? strchr(text, '\n') + 1 : ""; *p; p = strchr(p, '\n') + 1) {
		long irq = parse_num(&p), sum = 0;

		if (irq < 0) { /* the last line: Err */
			KEXPECT_TRUE(t, !strncmp(skip_spaces(p), "Err:", 4));
			break;
		}
		KASSERT_TRUE(t, irq < NR_IRQS && *p == ':');
		p++;
		for (unsigned c = 0; c < cpus; c++)
			sum += parse_num(&p);
		KEXPECT_TRUE(t, sum >= (long)before[irq] && sum <= (long)irq_count((unsigned)irq));
		lines++;
	}
	KEXPECT_TRUE(t, lines > 0); /* the tick at least */
}

/* A process made but not run yet: its maps and status against its mm. */
static void proc_pid_maps_and_status(struct ktest *t)
{
	struct task_struct *p;
	struct vm_area_struct *vma;
	struct mm_struct *mm;
	char path[32];
	const char *line;
	uint32_t total = 0;
	unsigned areas = 0;
	struct ubuf u;
	int err, pid;

	p = process_create_on("hello", 5, 0, 1u << smp_processor_id(), &err);
	KASSERT_TRUE(t, p);
	pid = p->pid;
	mm = get_task_mm(p);
	KASSERT_TRUE(t, mm);
	KASSERT_TRUE(t, ubuf_get(&u));
	snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	KEXPECT_TRUE(t, read_file(&u, path, 1, text) > 0);
	line = text;
	list_for_each_entry (vma, &mm->mmap, list) {
		char want[96];
		int n = snprintf(
			want, sizeof(want), "%08x-%08x %c%c%c%c %08x 00:00 0 ", vma->vm_start,
			vma->vm_end, vma->vm_flags & VM_READ ? 'r' : '-',
			vma->vm_flags & VM_WRITE ? 'w' : '-', vma->vm_flags & VM_EXEC ? 'x' : '-',
			vma->vm_flags & VM_SHARED ? 's' : 'p', vma->vm_pgoff << PAGE_SHIFT);

		if (vma->name)
			snprintf(want + n, sizeof(want) - n, "%*s%s\n", 49 - n, "", vma->name);
		else
			snprintf(want + n, sizeof(want) - n, "\n");
		KEXPECT_TRUE(t, strchr(line, '\n') && !strncmp(line, want, strlen(want)));
		if (!strchr(line, '\n'))
			break; /* fewer lines than areas */
		if (strncmp(line, want, strlen(want)))
			ktest_log("got  %.*s# want %s", (int)(strchr(line, '\n') + 1 - line), line,
				  want);
		line = strchr(line, '\n') + 1;
		total += vma->vm_end - vma->vm_start;
		areas++;
	}
	KEXPECT_TRUE(t, areas > 0 && *line == '\0'); /* one line per area, no more */

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	KEXPECT_TRUE(t, read_file(&u, path, 4096, text) > 0);
	KEXPECT_TRUE(t, line_with(text, "Name:\thello\n"));
	KEXPECT_TRUE(t, line_with(text, "State:\tR (running)\n"));
	KEXPECT_EQ(t, field(text, "Pid:"), pid);
	KEXPECT_EQ(t, field(text, "PPid:"), current->pid);
	KEXPECT_EQ(t, field(text, "VmSize:"), (long)total / 1024);
	KEXPECT_EQ(t, field(text, "VmRSS:"), (long)mm->rss * 4);
	KEXPECT_EQ(t, field(text, "VmHWM:"), (long)mm->hiwater_rss * 4);
	KEXPECT_EQ(t, field(text, "VmLck:"), 0);
	KEXPECT_EQ(t, field(text, "Threads:"), 1);
	KEXPECT_EQ(t, field(text, "voluntary_ctxt_switches:"), p->nvcsw);
	KEXPECT_TRUE(t, line_with(text, "VmRSS:\t    ")); /* "%8u kB" */
	ubuf_put(&u);
	mmput(mm);
	KEXPECT_EQ(t, task_wait(p), 5);
	KASSERT_TRUE(t, ubuf_get(&u));
	KEXPECT_EQ(t, read_file(&u, path, 4096, text), -ENOENT); /* gone with the process */
	ubuf_put(&u);
}

static void proc_self_is_caller(struct ktest *t)
{
	struct ubuf u;

	KASSERT_TRUE(t, ubuf_get(&u));
	KEXPECT_TRUE(t, read_file(&u, "/proc/self/status", 4096, text) > 0);
	KEXPECT_EQ(t, field(text, "Pid:"), current->pid);
	KEXPECT_TRUE(t, !line_with(text, "VmRSS:")); /* the boot thread has no mm */
	KEXPECT_EQ(t, read_file(&u, "/proc/self/maps", 4096, text), 0);
	ubuf_put(&u);
}

/* read() at its extremes: every answer against the whole text read at once. */
static void proc_read_extremes(struct ktest *t)
{
	long whole;
	struct file *f;
	struct ubuf u;
	uint32_t pos;
	int err;

	KASSERT_TRUE(t, ubuf_get(&u));
	KEXPECT_TRUE(t, extra_caches_create());
	f = file_open("/proc/slabinfo", UAPI_O_RDONLY, &err);
	extra_caches_destroy(); /* the file keeps its text */
	KEXPECT_TRUE(t, f);
	if (!f) {
		ubuf_put(&u);
		return;
	}
	whole = read_rest(&u, f, UBUF_LEN, text);
	KEXPECT_TRUE(t, whole > 2 * (long)PAGE_SIZE);
	if (whole <= 2 * (long)PAGE_SIZE) {
		file_put(f);
		ubuf_put(&u);
		return;
	}
	/* The same file, one byte at a time from the start: the same text. */
	f->pos = 0;
	KEXPECT_EQ(t, read_rest(&u, f, 1, text2), whole);
	KEXPECT_TRUE(t, !memcmp(text, text2, (size_t)whole + 1));
	/* Length 0, and positions at and beyond the end. */
	f->pos = 5;
	KEXPECT_EQ(t, f->f_op->read(f, (void *)u.addr, 0, &f->pos), 0);
	KEXPECT_EQ(t, f->pos, 5);
	pos = (uint32_t)whole;
	KEXPECT_EQ(t, f->f_op->read(f, (void *)u.addr, 100, &pos), 0);
	pos = 0xfffffff0u;
	KEXPECT_EQ(t, f->f_op->read(f, (void *)u.addr, 100, &pos), 0);
	KEXPECT_EQ(t, pos, 0xfffffff0u);
	/* The last byte alone. */
	pos = (uint32_t)whole - 1;
	KEXPECT_EQ(t, f->f_op->read(f, (void *)u.addr, UBUF_LEN, &pos), 1);
	KEXPECT_EQ(t, pos, (uint32_t)whole);
	/* Bad buffers: a kernel address, an unmapped one, one running off the mapping. */
	pos = 0;
	KEXPECT_EQ(t, f->f_op->read(f, (void *)PAGE_OFFSET, 16, &pos), -EFAULT);
	KEXPECT_EQ(t, f->f_op->read(f, (void *)(u.addr + UBUF_LEN), 16, &pos), -EFAULT);
	KEXPECT_EQ(t, f->f_op->read(f, (void *)(u.addr + UBUF_LEN - 8), 16, &pos), -EFAULT);
	KEXPECT_EQ(t, f->f_op->read(f, (void *)(TASK_SIZE - 4), 16, &pos), -EFAULT);
	KEXPECT_EQ(t, pos, 0); /* nothing counted as read */
	/* Files take no writes (sys_write refuses a file without write: -EINVAL). */
	KEXPECT_TRUE(t, !f->f_op->write && !f->f_op->mmap);
	file_put(f);
	ubuf_put(&u);
}

static void proc_lookup_errors(struct ktest *t)
{
	static const char *const missing[] = {
		"/proc/nosuchfile",
		"/proc/99999/status",
		"/proc/99999",
		"/proc/1x",
		"/proc/01",
		"/proc/self/nosuch",
		"/procmeminfo",
		"/proc/meminfo/",
		"/proc/1234567890/status",
		"/proc/self/status/x",
	};
	int err;

	for (unsigned i = 0; i < ARRAY_SIZE(missing); i++) {
		KEXPECT_PTR_EQ(t, file_open(missing[i], UAPI_O_RDONLY, &err), NULL);
		KEXPECT_EQ(t, err, -ENOENT);
	}
	KEXPECT_PTR_EQ(t, file_open("/proc/meminfo", UAPI_O_WRONLY, &err), NULL);
	KEXPECT_EQ(t, err, -EACCES);
	KEXPECT_PTR_EQ(t, file_open("/proc/self/status", UAPI_O_RDWR, &err), NULL);
	KEXPECT_EQ(t, err, -EACCES);
}

/* Read the records of a getdents64 buffer: names joined by '/', types as letters. */
static unsigned bad_offs; /* records whose d_off was not the next entry's position */

static void decode_dents(const char *buf, long n, char *names, char *types)
{
	for (long off = 0; off < n;) {
		const struct linux_dirent64 *d = (const void *)(buf + off);

		append(names, 512, d->d_name);
		append(names, 512, "/");
		*types++ = d->d_type == UAPI_DT_DIR ? 'd' : d->d_type == UAPI_DT_REG ? 'f' : 'l';
		off += d->d_reclen;
	}
	*types = '\0';
}

/* A directory listed with a buffer of count bytes per call; the total bytes or an errno. */
static long list_dir(struct ubuf *u, const char *path, uint32_t count, char *names, char *types)
{
	static char kbuf[4096] __aligned(8);
	int64_t last_off = 0; /* "." is at position 0 */
	struct file *f;
	long n, total = 0;
	int err;

	names[0] = '\0';
	types[0] = '\0';
	f = file_open(path, UAPI_O_RDONLY, &err);
	if (!f)
		return err;
	while ((n = vfs_getdents64(f, (void *)u->addr, count)) > 0) {
		if (copy_from_user(kbuf, (const void *)u->addr, (uint32_t)n)) {
			n = -EFAULT;
			break;
		}
		decode_dents(kbuf, n, names, types + strlen(types));
		/* Each d_off is the next entry's position: growing, the last one where the file is. */
		for (long o = 0; o < n;
		     o += ((const struct linux_dirent64 *)(kbuf + o))->d_reclen) {
			const struct linux_dirent64 *d = (const void *)(kbuf + o);

			if (d->d_off <= last_off || (o + d->d_reclen == n && d->d_off != f->pos))
				bad_offs++;
			last_off = d->d_off;
		}
		total += n;
	}
	file_put(f);
	return n < 0 ? n : total;
}

static void proc_getdents(struct ktest *t)
{
	char names[512], names1[512], types[64] = "", types1[64] = "", want[512];
	struct task_struct *p;
	struct file *f;
	struct ubuf u;
	int err, pid;

	p = process_create_on("hello", 0, 0, 1u << smp_processor_id(), &err);
	KASSERT_TRUE(t, p);
	KASSERT_TRUE(t, ubuf_get(&u));
	KEXPECT_TRUE(t, list_dir(&u, "/proc", 4096, names, types) > 0);
	snprintf(want, sizeof(want), "%s",
		 "./../buddyinfo/interrupts/iomem/kmemleak/meminfo/pagetypeinfo/slabinfo/"
		 "vmallocinfo/vmstat/zoneinfo/self/");
	for (pid = task_next_pid(0); pid > 0; pid = task_next_pid(pid))
		snprintf(want + strlen(want), sizeof(want) - strlen(want), "%d/", pid);
	KEXPECT_TRUE(t, !strcmp(names, want));
	KEXPECT_TRUE(t, !strncmp(types, "ddffffffffffl", 13) && types[13] == 'd');
	KEXPECT_TRUE(t, find(names, "/self/") != NULL);
	/* One record a call (the longest name's record is 32 bytes, two "."s 48): the same listing. */
	KEXPECT_TRUE(t, list_dir(&u, "/proc", 32, names1, types1) > 0);
	KEXPECT_TRUE(t, !strcmp(names, names1) && !strcmp(types, types1));
	KEXPECT_EQ(t, bad_offs, 0);
	KEXPECT_EQ(t, list_dir(&u, "/proc", 23, names1, types1), -EINVAL); /* "." needs 24 */
	KEXPECT_EQ(t, list_dir(&u, "/proc", 0, names1, types1), -EINVAL);
	/* A pid's directory, "self", and /dev. */
	snprintf(want, sizeof(want), "/proc/%d", p->pid);
	KEXPECT_TRUE(t, list_dir(&u, want, 4096, names, types) > 0);
	KEXPECT_TRUE(t, !strcmp(names, "./../maps/status/") && !strcmp(types, "ddff"));
	KEXPECT_TRUE(t, list_dir(&u, "/proc/self/", 4096, names, types) > 0);
	KEXPECT_TRUE(t, !strcmp(names, "./../maps/status/"));
	KEXPECT_TRUE(t, list_dir(&u, "/dev", 4096, names, types) > 0);
	KEXPECT_TRUE(t, find(names, "/console/") != NULL);
	KEXPECT_EQ(t, bad_offs, 0);
	/* Not a directory; a bad buffer. */
	KEXPECT_EQ(t, list_dir(&u, "/proc/meminfo", 4096, names, types), -ENOTDIR);
	/* (No KASSERT from here: a failure above must not leave the file, the mm or p behind.) */
	f = file_open("/proc", UAPI_O_RDONLY, &err);
	KEXPECT_TRUE(t, f);
	if (f) {
		KEXPECT_EQ(t, vfs_getdents64(f, (void *)PAGE_OFFSET, 4096), -EFAULT);
		KEXPECT_EQ(t, vfs_getdents64(f, (void *)(u.addr + UBUF_LEN - 8), 64), -EFAULT);
		KEXPECT_EQ(t, vfs_getdents64(f, (void *)u.addr, 0xffffffffu), -EFAULT);
		KEXPECT_EQ(t, f->pos, 0); /* nothing was given */
		KEXPECT_EQ(t, f->f_op->read(f, (void *)u.addr, 16, &f->pos), -EISDIR);
		file_put(f);
	}
	ubuf_put(&u);
	KEXPECT_EQ(t, task_wait(p), 0);
}

/* Open, read and close every file many times: open files and free pages come back. */
static void proc_nothing_leaks(struct ktest *t)
{
	static const char *const paths[] = {
		"/proc/meminfo",   "/proc/buddyinfo",   "/proc/pagetypeinfo",
		"/proc/zoneinfo",  "/proc/slabinfo",    "/proc/vmallocinfo",
		"/proc/vmstat",    "/proc/iomem",       "/proc/interrupts",
		"/proc/self/maps", "/proc/self/status", "/proc",
		"/proc/self",      "/proc/nosuchfile",  "/dev",
	};
	unsigned files0 = files_open;
	uint32_t free0;
	struct ubuf u;

	KASSERT_TRUE(t, ubuf_get(&u));
	for (unsigned i = 0; i < ARRAY_SIZE(paths); i++) /* first use: caches grow once */
		read_file(&u, paths[i], 512, text);
	free0 = settled_vmalloc_free_pages();
	for (unsigned round = 0; round < 20; round++)
		for (unsigned i = 0; i < ARRAY_SIZE(paths); i++)
			read_file(&u, paths[i], round % 2 ? 512 : UBUF_LEN, text);
	KEXPECT_EQ(t, files_open, files0);
	KEXPECT_EQ(t, settled_vmalloc_free_pages(), free0);
	ubuf_put(&u);
	KEXPECT_EQ(t, validate_all_caches(), 0);
}

/* user/procread: the same files and directories through the system calls. */
static void proc_user_program(struct ktest *t)
{
	uint32_t free0 = settled_free_pages();
	unsigned files0 = files_open;

	KEXPECT_EQ(t, run_program("procread", 0, 0), 0);
	KEXPECT_TRUE(t, !last_exit.faulted);
	KEXPECT_EQ(t, files_open, files0);
	KEXPECT_EQ(t, settled_free_pages(), free0);
}

static struct ktest_case proc_cases[] = {
	KTEST_CASE(proc_meminfo_matches_counters),
	KTEST_CASE(proc_meminfo_vmalloc_and_slab_move),
	KTEST_CASE(proc_buddyinfo_matches),
	KTEST_CASE(proc_pagetypeinfo_matches_free_lists),
	KTEST_CASE(proc_zoneinfo_matches),
	KTEST_CASE(proc_slabinfo_moves_exactly),
	KTEST_CASE(proc_vmallocinfo_shows_area),
	KTEST_CASE(proc_iomem_matches_tree),
	KTEST_CASE(proc_interrupts_match_counts),
	KTEST_CASE(proc_pid_maps_and_status),
	KTEST_CASE(proc_self_is_caller),
	KTEST_CASE(proc_read_extremes),
	KTEST_CASE(proc_lookup_errors),
	KTEST_CASE(proc_getdents),
	KTEST_CASE(proc_nothing_leaks),
	KTEST_CASE(proc_user_program),
};

KTEST_SUITE("proc", proc_cases);
