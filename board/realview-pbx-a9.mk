QEMU_MACHINE := realview-pbx-a9
QEMU_MEM     := 128M
QEMU_SMP     := 4
