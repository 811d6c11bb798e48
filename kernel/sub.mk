# kernel/: the block layer, boot, console, boot arguments, device tree, RAM, interrupts, time, processes, system calls,
# wait queues, signals, the console tty.
src-y += block.c cmdline.c devtree.c exec.c file.c fork.c halt.c irq.c
src-y += printk.c printk_core.c ram.c resource.c sched.c syscall.c time.c
src-y += n_tty.c signal.c tty.c wait.c
src-y += readdir.c oom_kill.c kswapd.c
