# arch/arm/kernel: CPU identification, SMP bring-up, exceptions, fault probes, semihosting, user access,
# the EHABI unwinder (call traces).
src-y += cpu.c head-smp.S probe.S psci.c semihost.c smp.c traps.c uaccess.S unwind.c
