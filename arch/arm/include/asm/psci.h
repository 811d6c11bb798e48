/*
 * PSCI 0.2 calls through HVC (QEMU virt: its firmware emulation answers
 * them). Return values are PSCI's: 0 success, -2 invalid parameters, -4
 * already on.
 */
#ifndef ASM_PSCI_H
#define ASM_PSCI_H

#include "types.h"

#define PSCI_CPU_ON        0x84000003u
#define PSCI_AFFINITY_INFO 0x84000004u

#define PSCI_RET_SUCCESS        0
#define PSCI_RET_INVALID_PARAMS (-2)
#define PSCI_RET_ALREADY_ON     (-4)

#define PSCI_AFF_ON         0
#define PSCI_AFF_OFF        1
#define PSCI_AFF_ON_PENDING 2

/* Start the CPU with affinity value target at entry (a PA); context arrives in its r0. */
int psci_cpu_on(uint32_t target, uint32_t entry, uint32_t context);
/* PSCI_AFF_ON/OFF/ON_PENDING for the CPU with affinity value target, or a negative error. */
int psci_affinity_info(uint32_t target);

#endif
