QEMU_MACHINE := raspi2b
QEMU_MEM     := 1G
QEMU_SMP     := 4
ARM_MEM      := 960M
