# init/: start_kernel, which brings every layer up in order, then runs the init sections.
src-y += main.c
src-y += boot_time.c
