QEMU_MACHINE := vexpress-a9
QEMU_MEM     := 1G
QEMU_SMP     := 4
