/*
 * CP15 system registers, barriers and the address-translation operations.
 * Names follow the ARMv7-A Architecture Reference Manual.
 */
#ifndef ASM_CP15_H
#define ASM_CP15_H

#include "types.h"

#define SCTLR_M   (1u << 0)  /* MMU enable */
#define SCTLR_A   (1u << 1)  /* alignment checking */
#define SCTLR_C   (1u << 2)  /* data/unified cache */
#define SCTLR_Z   (1u << 11) /* branch prediction */
#define SCTLR_I   (1u << 12) /* instruction cache */
#define SCTLR_V   (1u << 13) /* high vectors at 0xFFFF0000 */
#define SCTLR_TRE (1u << 28) /* TEX remap: kept off, TEX/C/B used directly */
#define SCTLR_AFE (1u << 29) /* access flag: kept off, AP[0] is a permission bit */

#define DACR_CLIENT(d)  (1u << (2 * (d)))
#define DACR_MANAGER(d) (3u << (2 * (d)))

#define isb() __asm__ volatile("isb" ::: "memory")
#define dsb() __asm__ volatile("dsb sy" ::: "memory")
#define dmb() __asm__ volatile("dmb sy" ::: "memory")

#define CP15_RW(name, op1, crn, crm, op2)                                                       \
	static inline uint32_t read_##name(void)                                                \
	{                                                                                       \
		uint32_t v;                                                                     \
		__asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : "=r"(v)); \
		return v;                                                                       \
	}                                                                                       \
	static inline void write_##name(uint32_t v)                                             \
	{                                                                                       \
		__asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 ::"r"(v)    \
				 : "memory");                                                   \
	}

CP15_RW(midr, 0, c0, c0, 0)
CP15_RW(mpidr, 0, c0, c0, 5)
CP15_RW(ctr, 0, c0, c0, 1)
CP15_RW(id_mmfr0, 0, c0, c1, 4)
CP15_RW(id_mmfr3, 0, c0, c1, 7)
CP15_RW(id_pfr1, 0, c0, c1, 1)
CP15_RW(sctlr, 0, c1, c0, 0)
CP15_RW(ttbr0, 0, c2, c0, 0)
CP15_RW(ttbr1, 0, c2, c0, 1)
CP15_RW(ttbcr, 0, c2, c0, 2)
CP15_RW(dacr, 0, c3, c0, 0)
CP15_RW(dfsr, 0, c5, c0, 0)
CP15_RW(ifsr, 0, c5, c0, 1)
CP15_RW(dfar, 0, c6, c0, 0)
CP15_RW(ifar, 0, c6, c0, 2)
CP15_RW(par, 0, c7, c4, 0)
CP15_RW(contextidr, 0, c13, c0, 1)
CP15_RW(pmcr, 0, c9, c12, 0)
CP15_RW(pmcntenset, 0, c9, c12, 1)
CP15_RW(pmccntr, 0, c9, c13, 0)

/*
 * MPIDR.M (bit 31) = 1 and U (bit 30) = 0: the CPU has the Multiprocessing
 * Extensions and is part of a multiprocessor, Linux's is_smp() test on
 * ARMv7 (head.S makes the same test in assembly). The Cortex-A8 reads 0.
 */
#define MPIDR_SMP_MASK 0xc0000000u
#define MPIDR_SMP      0x80000000u
static inline bool cpu_is_smp(void)
{
	return (read_mpidr() & MPIDR_SMP_MASK) == MPIDR_SMP;
}

/* Address translation: the MMU's own answer for a VA, left in PAR. */
#define ATS_OP(name, op2)                                                               \
	static inline uint32_t name(uint32_t va)                                        \
	{                                                                               \
		__asm__ volatile("mcr p15, 0, %0, c7, c8, " #op2 ::"r"(va) : "memory"); \
		isb();                                                                  \
		return read_par();                                                      \
	}
ATS_OP(ats1cpr, 0) /* privileged read */
ATS_OP(ats1cpw, 1) /* privileged write */
ATS_OP(ats1cur, 2) /* user read */
ATS_OP(ats1cuw, 3) /* user write */

/* The physical address a successful ATS result gives for va (PAR bit 1: supersection). */
static inline uint32_t par_to_pa(uint32_t par, uint32_t va)
{
	return par & 2 ? (par & 0xff000000) | (va & 0x00ffffff)
		       : (par & 0xfffff000) | (va & 0x00000fff);
}

#endif
