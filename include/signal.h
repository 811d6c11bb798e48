/*
 * Signals, minimal: no handlers, no masks. A signal's default action is
 * the only one: SIGCHLD, SIGCONT, SIGURG, SIGWINCH and the stop signals
 * (no job control here) are ignored, every other signal ends the process
 * with term_sig = N and exit code 128 + N, as a shell reports it.
 *
 * send_signal_pid() marks a signal pending in the target task
 * (signal_task(), kernel/sched.c) and wakes it if it sleeps (a tty read,
 * nanosleep, wait4): its call returns -EINTR, and on its way back to user
 * mode (the end of a system call, or of an interrupt taken in user mode:
 * arch/arm/kernel/traps.c) do_signal() acts. A target running in user
 * mode on another CPU is interrupted (IPI) and acts at once. The init
 * process (init=) is never ended by a signal, as Linux protects pid 1.
 *
 * The same return path runs the OOM killer for a process whose allocation
 * failed (SIGPENDING_OOM): do_signal() calls out_of_memory() first.
 */
#ifndef SIGNAL_H
#define SIGNAL_H

#include "kernel.h"

#define NSIG 32 /* signals 1..31; Linux's real-time signals 32..64 are refused */

struct task_struct;
struct pt_regs;

/*
 * kill(pid, sig) as Linux: 0; -EINVAL for a signal outside 0..31; -EPERM
 * for pid 0 (the kernel's boot thread) or a task without user space;
 * -ESRCH for no such process (negative pids too: there are no process
 * groups). sig 0 only checks that the process exists.
 */
int send_signal_pid(int pid, int sig);
/*
 * The same for pid and every process descended from it: what Linux's
 * kill of a process group reaches when pid leads it (children inherit the
 * group; there are no groups here otherwise). The tty's Ctrl-C uses it.
 */
int send_signal_tree(int pid, int sig);
/* Bit 0 of sig_pending: not a signal, the OOM killer's turn (include/sched.h). */
#define SIGPENDING_OOM 0x1u
/* Does t have a signal to act on? */
bool signal_pending(struct task_struct *t);
/* Is SIGKILL among them (a kill nothing can stop: the OOM killer's, kill -9)? */
bool fatal_signal_pending(struct task_struct *t);
/* Is pid the init process (never ended by a signal, never the OOM killer's victim)? */
bool is_global_init(int pid);
/* On the way back to user mode: act on current's pending signals (may not return). */
void do_signal(struct pt_regs *regs);
/* The init process's pid (init=): signals never end it. 0: none. */
void set_init_pid(int pid);

#endif
