/*
 * procfs: /proc, text files made from the kernel's own counters in Linux's
 * formats, read with open/read by processes (kernel/proc/).
 *
 * Contract:
 *   - Every /proc file is a seq_file made whole at open(): the formatter
 *     runs once into a buffer (a page, doubled and rerun while it
 *     overflows, up to SEQ_BUF_MAX: -ENOMEM beyond), so a file read in
 *     pieces is one consistent snapshot. read() copies from *pos with
 *     copy_to_user (0 at or past the end, -EFAULT for a bad buffer);
 *     release frees the buffer. Files are read-only (open for writing is
 *     -EACCES) but /proc/sys/vm/compact_memory, which is write-only.
 *   - Paths: /proc (a directory), /proc/<name> (meminfo, buddyinfo, ...),
 *     /proc/<pid> (a directory with maps and status), /proc/self (the
 *     caller's pid). A pid that does not live is -ENOENT.
 *   - proc_root_init() registers the lookup with kernel/file.c at boot.
 */
#ifndef PROC_FS_H
#define PROC_FS_H

#include "fs.h"
#include "seq_file.h"

#define SEQ_BUF_MAX (1u << 20)

/*
 * Linux's single_open(), with the show function's data in m->private
 * (show has no iterator argument: each file is one record).
 */
int single_open(struct file *file, void (*show)(struct seq_file *m), void *data);
long seq_read(struct file *file, void *ubuf, uint32_t len, uint32_t *pos);
void single_release(struct file *file);

/* Formatters kernel/proc adds to those of mm and the kernel (Linux's names). */
void meminfo_proc_show(struct seq_file *m);
/* /proc/vmstat: nr_free_pages, pgfault, oom_kill (kernel/proc/meminfo.c). */
void vmstat_proc_show(struct seq_file *m);
void proc_pid_status_show(struct seq_file *m); /* m->private: the pid */
void proc_pid_maps_show(struct seq_file *m);   /* m->private: the pid */

/*
 * /proc/sys/vm/compact_memory (kernel/proc/sysctl_vm.c): write-only, as
 * in Linux; writing "1" compacts all memory (compact_memory()). Not
 * listed in /proc's directory (there is no /proc/sys tree to list).
 */
extern const struct file_operations compact_memory_fops;

/* Boot: make /proc openable. */
void proc_root_init(void);

#endif
