# arch/arm/kernel: CPU identification, exceptions, fault probes, semihosting, user access.
src-y += cpu.c probe.S semihost.c traps.c uaccess.S
