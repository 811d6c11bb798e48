/*
 * Checkpoints between a test and the processes it runs: a process reads
 * /dev/ktest_gate (ulib's ktest_gate()) and sleeps there until the test
 * opens the gate for it (or SIGKILL ends the wait: -EINTR). The test waits until the process sits at the
 * gate (gate_wait), looks at whatever it wants (page tables, counts, the
 * MMU's answers) while nothing of the process runs, then lets it go on to
 * its next checkpoint (gate_open). Unlike stepping with sched_yield(),
 * neither preemption nor other CPUs can move a process past a checkpoint.
 */
#ifndef TESTS_GATE_H
#define TESTS_GATE_H

#include "kernel.h"

/* Make /dev/ktest_gate openable (before starting the processes that use it). */
void gate_init(void);
/*
 * Wait until process pid sits at the gate (true), or give up after about
 * ten seconds, or as soon as it has ended (false).
 */
bool gate_wait(int pid);
/* Let pid past the gate it sits at (it must: gate_wait() said so). */
void gate_open(int pid);
/*
 * Whether pid has reached a gate not yet opened for it (asleep there or
 * about to be): unlike gate_waiting(), false once gate_open() let it go,
 * even before it runs on.
 */
bool gate_reached(int pid);
/* Pids sitting at the gate now. */
unsigned gate_waiting(void);

#endif
