QEMU_MACHINE := vexpress-a15
QEMU_MEM     := 1G
QEMU_SMP     := 4
