# kernel/proc: procfs (include/proc_fs.h): the lookup, seq_file as a file, the files.
src-y += meminfo.c root.c seq_file.c sysctl_vm.c task.c
