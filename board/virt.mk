QEMU_MACHINE := virt
QEMU_CPU     := cortex-a15
QEMU_MEM     := 128M
