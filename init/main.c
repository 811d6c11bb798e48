/*
 * start_kernel: from head.S's early table to a running kernel, then the
 * self-tests (and benchmarks when asked), then halt.
 */
#include "asm/memory.h"
#include "asm/mmu.h"
#include "asm/sections.h"
#include "asm/semihost.h"
#include "asm/traps.h"
#include "board.h"
#include "boot_time.h"
#include "cmdline.h"
#include "compaction.h"
#include "hugetlb.h"
#include "fault-inject.h"
#include "kmemleak.h"
#include "devtree.h"
#include "errno.h"
#include "memblock.h"
#include "mm.h"
#include "slab.h"
#include "asm/io.h"
#include "dma-mapping.h"
#include "ioport.h"
#include "led.h"
#include "timer.h"
#include "vmalloc.h"
#include "oom.h"
#include "printk.h"
#include "proc_fs.h"
#include "ram.h"
#include "ram_probe.h"
#include "sched.h"
#include "signal.h"
#include "smp.h"
#include "string.h"
#include "init.h"
#include "kswapd.h"
#include "pl011.h"

CMDLINE_PARAM(mem, "mem=SIZE", "use at most SIZE of the RAM found (mem=64M)");
CMDLINE_PARAM(vmalloc, "vmalloc=SIZE", "size of the vmalloc area, 16M to 512M");
CMDLINE_PARAM(dma_zone, "dma_zone=SIZE", "size of ZONE_DMA at the start of RAM, 1M to 768M (16M)");
CMDLINE_PARAM(hugepages, "hugepages=N", "reserve N 1 MB huge pages at boot");
CMDLINE_PARAM(init, "init=PATH", "run PATH as the first process (init=/bin/sh)");
CMDLINE_PARAM(kmemleak, "kmemleak=on|off", "the kernel memory leak detector (off)");
CMDLINE_PARAM(fail_page_alloc, "fail_page_alloc=INTERVAL,PROBABILITY,SPACE,TIMES",
	      "make page allocations fail, as Linux's fault injection (1,100,0,1: the first)");
CMDLINE_FLAG(slub_debug, "red zones and poisoning in every slab cache");
CMDLINE_FLAG(slabinfo, "print /proc/slabinfo at boot");
CMDLINE_FLAG(ptdump, "print the kernel's page tables at boot");
CMDLINE_FLAG(heartbeat, "blink the board's LED from the timer");

int early_exception_probe; /* probe_undef() before paging_init: -EFAULT when handled */

#define VMALLOC_DEFAULT_SIZE (240u << 20)

static void print_region(const char *name, uint32_t start, uint64_t end)
{
	uint64_t size = end - start;

	if (size >= (1u << 20) && !(size & 0xfffff))
		printk("    %-8s: 0x%08x - 0x%08llx   (%4llu MB)\n", name, start, end, size >> 20);
	else if (size >= 1024)
		printk("    %-8s: 0x%08x - 0x%08llx   (%4llu kB)\n", name, start, end, size >> 10);
	else
		printk("    %-8s: 0x%08x - 0x%08llx   (%4llu  B)\n", name, start, end, size);
}

static void print_layout(void)
{
	printk("Virtual kernel memory layout:\n");
	print_region("vector", VECTORS_BASE, VECTORS_BASE + PAGE_SIZE);
	print_region("fixmap", FIXADDR_START, FIXADDR_END);
	print_region("early io", EARLY_IO_VA, EARLY_IO_VA + 0x100000);
	print_region("dma", CONSISTENT_BASE, CONSISTENT_END);
	print_region("vmalloc", vmalloc_start, VMALLOC_END);
	print_region("lowmem", PAGE_OFFSET, high_memory);
	print_region("pkmap", PKMAP_BASE, PKMAP_BASE + PKMAP_SIZE);
	print_region(".text", (uint32_t)_text, (uint32_t)_etext);
	print_region(".rodata", (uint32_t)__start_rodata, (uint32_t)__end_rodata);
	print_region(".data", (uint32_t)_sdata, (uint32_t)_edata);
	print_region(".bss", (uint32_t)__bss_start, (uint32_t)__bss_end);
}

/* mem= and vmalloc= from the command line, with clear complaints. */
static uint32_t size_arg(const char *key, uint32_t dflt, uint32_t lo, uint32_t hi)
{
	char buf[24];
	uint64_t v;

	if (!cmdline_value(key, buf, sizeof(buf)))
		return dflt;
	if (!parse_size(buf, &v) || v < lo || v > hi) {
		printk("%s=%s ignored: expected a size from %u MB to %u MB\n", key, buf, lo >> 20,
		       hi >> 20);
		return dflt;
	}
	return (uint32_t)ALIGN_DOWN(v, (uint64_t)SZ_1M);
}

/* fail_page_alloc=INTERVAL,PROBABILITY,SPACE,TIMES (include/fault-inject.h): armed from here on. */
static void fail_page_alloc_arg(void)
{
	char buf[48];

	if (!cmdline_value("fail_page_alloc", buf, sizeof(buf)))
		return;
	if (setup_fail_page_alloc(buf))
		printk("fail_page_alloc: armed: %s (order >= %u, not highmem, not sleeping)\n", buf,
		       fail_page_alloc.min_order);
	else
		printk("fail_page_alloc=%s ignored: expected INTERVAL,PROBABILITY,SPACE,TIMES\n",
		       buf);
}

/* kmemleak=on|off, as Linux spells it; anything else is said and means off. */
static bool kmemleak_arg(void)
{
	char buf[8];

	if (!cmdline_value("kmemleak", buf, sizeof(buf)) || !strcmp(buf, "off"))
		return false;
	if (!strcmp(buf, "on"))
		return true;
	printk("kmemleak=%s ignored: expected on or off\n", buf);
	return false;
}

/*
 * hugepages=N: the huge page pool (include/hugetlb.h), taken now, before
 * any process runs and while 1 MB blocks are easy to find.
 */
static void hugepages_arg(void)
{
	char buf[16];
	uint64_t n;

	if (!cmdline_value("hugepages", buf, sizeof(buf)))
		return;
	/* A count, not a size: digits only (parse_size would take "4K"). */
	for (const char *c = buf; *c; c++)
		if (*c < '0' || *c > '9')
			goto bad;
	if (!parse_size(buf, &n) || n > 4096)
		goto bad;
	hugetlb_reserve((unsigned)n);
	return;
bad:
	printk("hugepages=%s ignored: expected a number of 1 MB pages from 0 to 4096\n", buf);
}

/* /proc/iomem's view of RAM: System RAM, with the kernel image inside it. */
static void register_memory_resources(void)
{
	static struct resource ram[MEMBLOCK_MAX_REGIONS];
	static struct resource kernel_code = { .name = "Kernel code",
					       .flags = IORESOURCE_MEM | IORESOURCE_BUSY };
	static struct resource kernel_data = { .name = "Kernel data",
					       .flags = IORESOURCE_MEM | IORESOURCE_BUSY };

	kernel_code.start = __pa(_text);
	kernel_code.end = __pa(__end_rodata) - 1;
	kernel_data.start = __pa(_sdata);
	kernel_data.end = __pa(_end) - 1;
	for (unsigned i = 0; i < memblock.memory.count; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];

		ram[i] = (struct resource){ .start = r->base,
					    .end = r->base + r->size - 1,
					    .name = "System RAM",
					    .flags = IORESOURCE_MEM | IORESOURCE_BUSY };
		insert_resource(&iomem_resource, &ram[i]);
		insert_resource(&ram[i], &kernel_code);
		insert_resource(&ram[i], &kernel_data);
	}
}

/*
 * From here on the console goes through an ioremap() of the claimed UART:
 * the device tree's when it names one (the early console stayed on the board's).
 */
static void console_to_ioremap(void)
{
	phys_addr_t uart_phys = board_uart_phys();
	void __iomem *uart;

	if (!request_mem_region(uart_phys, PAGE_SIZE, "uart-pl011"))
		return;
	uart = ioremap(uart_phys, PAGE_SIZE);
	if (!uart) {
		release_mem_region(uart_phys, PAGE_SIZE);
		return;
	}
	pl011_console_init(uart);
	clear_fixmap(FIX_EARLYCON); /* the fixmap's L2 table is pinned: kmap_atomic keeps it */
	printk("console: pl011 at %#x through ioremap %p\n", uart_phys, uart);
}

int do_initcalls(unsigned level)
{
	const initcall_t *call = level ? __initcall1_start : __initcall0_start;
	const initcall_t *end = level ? __initcall_end : __initcall1_start;
	int failures = 0;

	for (; call < end; call++)
		failures += (*call)();
	return failures;
}

/*
 * init=PROGRAM (Linux's init=): once the boot and any self-tests are done,
 * run a program carried in the image ("sh" or "/bin/sh") as the first
 * process, which signals cannot end and which inherits orphans. The boot thread waits for it; when it
 * ends the kernel halts with its exit status (Linux would panic: here it
 * is how `exit` in the shell leaves QEMU). false: no init= given.
 */
static bool run_init(int *status)
{
	char path[32];
	const char *name = path;
	struct task_struct *init;
	int err;

	if (!cmdline_value("init", path, sizeof(path)))
		return false;
	if (!strncmp(path, "/bin/", 5))
		name = path + 5;
	/* Said before it starts: its first output (a prompt) must come after the boot's last line. */
	printk("init: starting %s\n", path);
	init = process_create(name, 0, 0, &err);
	if (!init) {
		printk("init: cannot run %s (%s)\n", path, errname(err));
		*status = 1;
		return true;
	}
	set_init_pid(init->pid);
	set_child_reaper(init); /* orphans go to init, which collects them */
	*status = task_wait(init);
	printk("init: %s exited with status %d\n", path, *status);
	return true;
}

void start_kernel(void)
{
	char line[256];
	uint32_t ram_size, present, vmalloc_size;
	int failures = 0;

	boot_phase_end("head.S: caches, BSS, early table, MMU on");
	pl011_console_init((volatile void *)(EARLY_IO_VA + (board.uart_phys & 0xfffff)));
	printk("\narmv7-mm: booting on %s\n", board.name);
	/* The early vector page works: an undefined instruction is recovered. */
	early_exception_probe = probe_undef();
	cpu_print_info();

	if (semihost_get_cmdline(line, sizeof(line)) == 0)
		cmdline_init(line);
	printk("Kernel command line: %s\n", cmdline_get());
	if (cmdline_check())
		machine_halt(1); /* a typo must not boot as if it were not there */
	boot_phase_end("early console, CPU probe, command line");

	/* A device tree, when there is a sound one, gives the RAM size and the UART; else RAM is probed. */
	devtree_early_init();
	present = ram_detect();
	ram_size = size_arg("mem", present, RAM_PROBE_MIN, present); /* mem= may only lower it */
	vmalloc_size = size_arg("vmalloc", VMALLOC_DEFAULT_SIZE, 16u << 20, 512u << 20);
	if (ram_size < present)
		printk("Memory: %u MB of RAM at 0x%08x (mem= of %u MB %s)\n", ram_size >> 20,
		       board.ram_base, present >> 20, ram_source_name());
	else
		printk("Memory: %u MB of RAM at 0x%08x (%s)\n", ram_size >> 20, board.ram_base,
		       ram_source_name());

	boot_phase_end("device tree, RAM size");
	memblock_add(board.ram_base, ram_size);
	/* The image and the 32 KB below it (boot data, DTB or ATAGS). */
	memblock_reserve(PHYS_OFFSET, __pa(_end) - PHYS_OFFSET);

	boot_phase_end("memblock: RAM and the image");
	paging_init(board.ram_base, ram_size, vmalloc_size);
	boot_phase_end("paging_init: kernel tables, direct map");
	pl011_console_init((volatile char *)fix_to_virt(FIX_EARLYCON) + (board.uart_phys & 0xfff));
	printk("MMU: kernel tables at %08x (pa %08x), identity map dropped, high vectors on\n",
	       (uint32_t)swapper_pg_dir, __pa(swapper_pg_dir));
	print_layout();
	if (high_memory - PAGE_OFFSET < ram_size)
		printk("Highmem: %u MB above the direct map\n",
		       (ram_size - (uint32_t)(high_memory - PAGE_OFFSET)) >> 20);

	boot_phase_end("layout print");
	mem_init(size_arg("dma_zone", 16u << 20, 1u << 20, 768u << 20));
	show_meminfo();
	printk("buddyinfo (free blocks of order 0..%u):\n", MAX_PAGE_ORDER);
	show_buddyinfo();
	boot_phase_end("meminfo, buddyinfo print");
	kmemleak_init(kmemleak_arg());
	kmem_cache_init(cmdline_flag("slub_debug"));
	printk("slab: %s caches ready%s\n", "kmalloc-8 .. kmalloc-4k",
	       cmdline_flag("slub_debug") ? ", red zones and poisoning on for every cache" : "");
	if (cmdline_flag("slabinfo"))
		slabinfo_show();
	boot_phase_end("slab: kmem_cache_init");
	vmalloc_init();
	dma_coherent_init();
	dma_init();
	boot_phase_end("vmalloc, DMA");
	register_memory_resources();
	console_to_ioremap();
	boot_phase_end("resources, console through ioremap");
	board_devices_init();
	boot_phase_end("devices: irqchip, timer, LED");
	hugepages_arg();
	sched_init(); /* before the secondaries: they enter its idle loop */
	oom_init();
	fail_page_alloc_arg(); /* once the failure paths (the OOM killer's note) are in place */
	compaction_init();
	proc_root_init();
	boot_phase_end("sched_init");
	smp_init(); /* after the interrupt controller: IPIs release the pen */
	boot_phase_end("smp_init: secondary CPUs");
	if (swap_setup())
		failures++; /* swap= named a disk that cannot swap: say so in the verdict */

	if (cmdline_flag("ptdump")) {
		printk("Kernel page tables:\n");
		pt_dump_kernel(0, 0x100000000ull);
	}

	/* The test kernel's gdb check (late_initcall) stops here for gdb. */
	failures += do_initcalls(0);

	/* heartbeat: blink the LED from the timer interrupt, and keep running after the tests. */
	bool heartbeat = cmdline_flag("heartbeat");
	if (heartbeat && (tick_init() || heartbeat_start(board_led)))
		printk("heartbeat: cannot start (no timer or no LED)\n");

	/* The test kernel's self-tests and benchmarks (test_initcall). */
	boot_time_done();
	failures += do_initcalls(1);

	int init_status;

	if (run_init(&init_status)) {
		printk("armv7-mm: %s, halting\n", failures ? "FAILURES" : "all done");
		machine_halt(failures ? 1 : init_status);
	}
	if (heartbeat) {
		printk("armv7-mm: %s; heartbeat on, the kernel idles (Ctrl-A X quits QEMU)\n",
		       failures ? "FAILURES" : "all done");
		idle_forever();
	}
	printk("armv7-mm: %s, halting\n", failures ? "FAILURES" : "all done");
	machine_halt(failures ? 1 : 0);
}
