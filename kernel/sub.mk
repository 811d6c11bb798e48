# kernel/: boot, console, boot arguments, device tree, RAM, interrupts, time, processes, system calls.
src-y += cmdline.c devtree.c exec.c file.c halt.c irq.c
src-y += printk.c printk_core.c ram.c resource.c sched.c syscall.c time.c
