/*
 * ARM semihosting (QEMU with -semihosting-config enable=on): the exit status
 * and the boot command line. On hardware without a debugger the SVC handler
 * answers every semihosting call with -1, so these fail softly.
 */
#ifndef ASM_SEMIHOST_H
#define ASM_SEMIHOST_H

#include "kernel.h"

/* Leave QEMU with this status (0 = success); returns if nobody listens. */
void semihost_exit(int status);
/* Copy the host's command line ("-semihosting-config arg=..."), without argv[0]; 0 on success. */
int semihost_get_cmdline(char *buf, size_t size);

#endif
