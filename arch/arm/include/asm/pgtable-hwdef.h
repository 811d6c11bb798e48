/*
 * ARMv7-A short-descriptor translation table formats (ARM ARM B3.5),
 * with TEX remap and the access flag disabled (SCTLR.TRE = SCTLR.AFE = 0).
 * Every field the code builds or decodes is named here.
 */
#ifndef ASM_PGTABLE_HWDEF_H
#define ASM_PGTABLE_HWDEF_H

#ifdef __ASSEMBLER__
#define _BIT(n) (1 << (n))
#else
#define _BIT(n) (1u << (n))
#endif

/* First level: one 32-bit entry per 1 MB, 4096 entries (16 KB, 16 KB aligned). */
#define L1_ENTRIES    4096
#define L1_TYPE_MASK  3
#define L1_TYPE_FAULT 0
#define L1_TYPE_TABLE 1 /* points to a 1 KB second-level table */
#define L1_TYPE_SECT  2 /* section, or supersection when bit 18 is set */

#define L1_TABLE_NS        _BIT(3)
#define L1_TABLE_DOMAIN(d) ((d) << 5)
#define L1_TABLE_ADDR_MASK 0xfffffc00

#define SECT_B              _BIT(2)
#define SECT_C              _BIT(3)
#define SECT_XN             _BIT(4)
#define SECT_DOMAIN(d)      ((d) << 5) /* sections only: supersections use domain 0 */
#define SECT_AP0            _BIT(10)
#define SECT_AP1            _BIT(11)
#define SECT_TEX(t)         ((t) << 12)
#define SECT_APX            _BIT(15)
#define SECT_S              _BIT(16)
#define SECT_NG             _BIT(17)
#define SECT_SUPER          _BIT(18)
#define SECT_NS             _BIT(19)
#define SECT_ADDR_MASK      0xfff00000
#define SUPERSECT_ADDR_MASK 0xff000000

/* Second level: one entry per 4 KB, 256 entries (1 KB, 1 KB aligned). */
#define L2_ENTRIES    256
#define L2_TYPE_MASK  3
#define L2_TYPE_FAULT 0
#define L2_TYPE_LARGE 1 /* 64 KB page, written to 16 consecutive entries */
#define L2_TYPE_SMALL 2 /* 4 KB page; bit 0 is XN */

#define PTE_SMALL_XN        _BIT(0)
#define PTE_B               _BIT(2)
#define PTE_C               _BIT(3)
#define PTE_AP0             _BIT(4)
#define PTE_AP1             _BIT(5)
#define PTE_SMALL_TEX(t)    ((t) << 6)
#define PTE_APX             _BIT(9)
#define PTE_S               _BIT(10)
#define PTE_NG              _BIT(11)
#define PTE_LARGE_TEX(t)    ((t) << 12)
#define PTE_LARGE_XN        _BIT(15)
#define PTE_SMALL_ADDR_MASK 0xfffff000
#define PTE_LARGE_ADDR_MASK 0xffff0000

#define SECTION_SHIFT     20
#define SECTION_SIZE      (1 << SECTION_SHIFT)
#define SUPERSECTION_SIZE (1 << 24)
#define LARGE_PAGE_SIZE   (1 << 16)
#define SMALL_PAGE_SIZE   (1 << 12)

/* TTBR0/TTBR1 walk attributes: inner and outer write-back cacheable walks. */
#define TTB_C        _BIT(0) /* IRGN[1] with MP extensions */
#define TTB_RGN_WBWA (1 << 3)
#define TTB_IRGN0    _BIT(6) /* IRGN[0], MP extensions only */
/* Walks of shared tables on SMP: S (shareable) with NOS (inner shareable), MP extensions only. */
#define TTB_S   _BIT(1)
#define TTB_NOS _BIT(5)

/* Descriptors head.S writes before the MMU code runs: kernel RW, executable. */
#define EARLY_SECT_NORMAL (L1_TYPE_SECT | SECT_TEX(1) | SECT_C | SECT_B | SECT_AP0)
#define EARLY_SECT_DEVICE (L1_TYPE_SECT | SECT_B | SECT_XN | SECT_AP0)
/* The early vector page: a small page, normal WBWA (TEX 1, C, B), kernel RW, executable. */
#define EARLY_PTE_VECTORS (L2_TYPE_SMALL | PTE_SMALL_TEX(1) | PTE_C | PTE_B | PTE_AP0)

#endif
