/*
 * Faults that really fire: each probe touches memory the MMU must refuse,
 * the abort handler recovers through the exception table, and the test
 * checks what the hardware reported (status, address, read or write).
 */
#include "asm/sections.h"
#include "asm/cacheflush.h"
#include "asm/cp15.h"
#include "asm/mmu.h"
#include "asm/traps.h"
#include "errno.h"
#include "vmalloc.h"
#include "ktest.h"

/* Code to "execute" from data: bx lr, which must never run. */
static uint32_t data_code[2] __aligned(8) = { 0xe12fff1e, 0xe12fff1e };
static const uint32_t rodata_word = 0x600dc0de;

/*
 * The permission fault's status for addr: a section's or a page's, as the
 * kernel's table really maps it (the image's layout decides which part of
 * it is mapped by 1 MB sections; it moves as the image grows).
 */
static uint32_t permission_status(uint32_t addr)
{
	struct pt_walk w;

	pt_query(swapper_pg_dir, addr, &w);
	return w.kind == PT_SECTION || w.kind == PT_SUPERSECTION ? FS_PERMISSION_SECT
								 : FS_PERMISSION_PAGE;
}

static void expect_data_abort(struct ktest *t, uint32_t addr, uint32_t status, bool write,
			      unsigned count_before)
{
	KEXPECT_EQ(t, last_fault.count, count_before + 1);
	KEXPECT_EQ(t, last_fault.kind, FAULT_DATA_ABORT);
	KEXPECT_EQ(t, fsr_status(last_fault.fsr), status);
	KEXPECT_EQ(t, last_fault.far, addr);
	KEXPECT_EQ(t, !!(last_fault.fsr & FSR_WNR), write);
}

static void null_read_faults(struct ktest *t)
{
	unsigned before = last_fault.count;
	uint32_t v = 0xdeadbeef;

	KEXPECT_EQ(t, probe_read32((void *)0, &v), -EFAULT);
	expect_data_abort(t, 0, FS_TRANSLATION_SECT, false, before);
	KEXPECT_EQ(t, v, 0xdeadbeef); /* nothing was loaded */
}

static void write_to_text_faults(struct ktest *t)
{
	unsigned before = last_fault.count;
	uint32_t addr = (uint32_t)_text + 0x40;
	uint32_t old = *(volatile uint32_t *)addr;

	KEXPECT_EQ(t, probe_write32((void *)addr, ~old), -EFAULT);
	expect_data_abort(t, addr, permission_status(addr), true, before);
	KEXPECT_EQ(t, *(volatile uint32_t *)addr, old);
}

static void write_to_rodata_faults(struct ktest *t)
{
	unsigned before = last_fault.count;
	uint32_t addr = (uint32_t)&rodata_word;

	KEXPECT_TRUE(t, addr >= (uint32_t)__start_rodata);
	KEXPECT_EQ(t, probe_write32((void *)addr, 0), -EFAULT);
	expect_data_abort(t, addr, permission_status(addr), true, before);
	KEXPECT_EQ(t, *(volatile const uint32_t *)addr, 0x600dc0de);
}

static void exec_from_data_faults(struct ktest *t)
{
	unsigned before = last_fault.count;
	uintptr_t addr = (uintptr_t)data_code;

	KEXPECT_EQ(t, probe_exec(addr), -EFAULT);
	KEXPECT_EQ(t, last_fault.count, before + 1);
	KEXPECT_EQ(t, last_fault.kind, FAULT_PREFETCH_ABORT);
	KEXPECT_EQ(t, fsr_status(last_fault.fsr), permission_status(addr));
	KEXPECT_EQ(t, last_fault.far, addr);
	KEXPECT_EQ(t, last_fault.pc, addr);
}

static void exec_from_unmapped_faults(struct ktest *t)
{
	unsigned before = last_fault.count;
	uintptr_t addr = 0x00100000; /* user space: nothing is mapped there */

	KEXPECT_EQ(t, probe_exec(addr), -EFAULT);
	KEXPECT_EQ(t, last_fault.count, before + 1);
	KEXPECT_EQ(t, last_fault.kind, FAULT_PREFETCH_ABORT);
	KEXPECT_EQ(t, fsr_status(last_fault.fsr), FS_TRANSLATION_SECT);
	KEXPECT_EQ(t, last_fault.far, addr);
}

static void unaligned_ldrd_faults(struct ktest *t)
{
	unsigned before = last_fault.count;
	uint32_t addr = (uint32_t)data_code + 1;

	KEXPECT_EQ(t, probe_ldrd((void *)addr), -EFAULT);
	expect_data_abort(t, addr, FS_ALIGNMENT, false, before);
	KEXPECT_EQ(t, probe_ldrd(data_code), 0); /* aligned: fine */
	KEXPECT_EQ(t, last_fault.count, before + 1);
}

static void undefined_instruction_recovers(struct ktest *t)
{
	unsigned before = last_fault.count;

	KEXPECT_EQ(t, probe_undef(), -EFAULT);
	KEXPECT_EQ(t, last_fault.count, before + 1);
	KEXPECT_EQ(t, last_fault.kind, FAULT_UNDEF);
}

/* A page in a no-access domain: the access raises a domain fault. */
static void domain_fault_fires(struct ktest *t)
{
	unsigned before = last_fault.count;
	uint32_t dacr = read_dacr();
	uint32_t v;

	/* A section of its own in domain 1, in address space reserved for it. */
	struct vm_struct *area = get_vm_area(SZ_1M, SZ_1M);
	uint32_t sect;
	int err;

	KASSERT_TRUE(t, area != NULL);
	sect = area->addr;
	err = pt_map(&kernel_aspace, sect, __pa(data_code) & ~(SZ_1M - 1), SZ_1M,
		     PAGE_KERNEL | PROT_DOMAIN(1));

	KASSERT_EQ(t, err, 0);
	write_dacr(DACR_CLIENT(0)); /* domain 1: no access */
	isb();
	KEXPECT_EQ(t, probe_read32((void *)(sect + 0x100), &v), -EFAULT);
	write_dacr(DACR_CLIENT(0) | DACR_CLIENT(1));
	isb();
	KEXPECT_EQ(t, probe_read32((void *)(sect + 0x100), &v), 0);
	write_dacr(dacr);
	isb();
	KEXPECT_EQ(t, last_fault.count, before + 1);
	KEXPECT_EQ(t, fsr_status(last_fault.fsr), FS_DOMAIN_SECT);
	KEXPECT_EQ(t, (last_fault.fsr >> 4) & 0xf, 1); /* the domain is reported */
	KEXPECT_EQ(t, last_fault.far, sect + 0x100);
	KEXPECT_EQ(t, pt_unmap(&kernel_aspace, sect, SZ_1M), 0);
	free_vm_area(area);
}

/* head.S maps the vector page: exceptions work before paging_init too. */
static void exceptions_work_before_paging_init(struct ktest *t)
{
	extern int early_exception_probe;

	KEXPECT_EQ(t, early_exception_probe, -EFAULT);
}

/* After all those faults the kernel still maps, reads and writes. */
static void kernel_goes_on(struct ktest *t)
{
	volatile uint32_t *p = (volatile uint32_t *)&data_code[0];
	uint32_t old = *p;

	*p = 0x12345678;
	KEXPECT_EQ(t, *p, 0x12345678);
	*p = old;
	KEXPECT_TRUE(t, last_fault.count >= 8);
}

static const struct ktest_case fault_cases[] = {
	KTEST_CASE(null_read_faults),
	KTEST_CASE(write_to_text_faults),
	KTEST_CASE(write_to_rodata_faults),
	KTEST_CASE(exec_from_data_faults),
	KTEST_CASE(exec_from_unmapped_faults),
	KTEST_CASE(unaligned_ldrd_faults),
	KTEST_CASE(undefined_instruction_recovers),
	KTEST_CASE(domain_fault_fires),
	KTEST_CASE(exceptions_work_before_paging_init),
	KTEST_CASE(kernel_goes_on),
};
KTEST_SUITE("faults", fault_cases);
