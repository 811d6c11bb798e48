QEMU_MACHINE := realview-pb-a8
QEMU_MEM     := 128M
