/*
 * The console terminal: a tty with Linux's n_tty line discipline in
 * canonical mode (kernel/n_tty.c) and the /dev/console node over it
 * (kernel/tty.c), which is fds 0-2 of every process.
 *
 * Input arrives a character at a time, from the UART's receive interrupt
 * (the driver calls the hook board/devices.c registers: console_receive_char)
 * or from a test (tty_receive_buf). It is edited in a ring of
 * N_TTY_BUF_SIZE bytes: Enter (CR becomes NL) completes a line, DEL or
 * Backspace erases a character (echo "\b \b"), Ctrl-U the whole line,
 * Ctrl-D pushes the line without a newline (at the start of a line: a
 * read returns 0, end of file), Ctrl-C echoes "^C", flushes the input and
 * sends SIGINT to the foreground process (TIOCSPGRP) and its descendants
 * (the process group it would lead in Linux). A line longer than
 * the ring keeps its first N_TTY_BUF_SIZE - 1 characters (room is always
 * kept for its newline); the rest are dropped and counted.
 *
 * read() blocks until a line is complete and returns at most one line
 * (what is left of it stays for the next read). Echo and write() go
 * through tty->write, the console's output (a test swaps it to see the
 * echo). Locking: tty->lock (irqsave) guards the ring and the foreground
 * pid; the receive side runs in interrupt context.
 */
#ifndef TTY_H
#define TTY_H

#include "kernel.h"
#include "spinlock.h"
#include "wait.h"

#define N_TTY_BUF_SIZE 256 /* a power of two: the ring's indices are masked */

struct tty_struct {
	spinlock_t lock;
	char read_buf[N_TTY_BUF_SIZE];
	uint8_t read_eof[N_TTY_BUF_SIZE]; /* 1: this slot is a Ctrl-D, not a character */
	/* Free-running: slot = index & (N_TTY_BUF_SIZE - 1). tail <= canon_head <= head. */
	uint32_t read_tail, canon_head, read_head;
	wait_queue_head_t read_wait;
	int pgrp;           /* the foreground process's pid (0: none) */
	unsigned dropped;   /* characters dropped: the line filled the ring */
	unsigned flush_gen; /* counts flushes: a reader's copy-out must not outlive one */
	/* Output: echo (from interrupts too) and write(). */
	void (*write)(struct tty_struct *tty, const char *buf, uint32_t len);
};

extern struct tty_struct console_tty;

void tty_init(struct tty_struct *tty, void (*write)(struct tty_struct *, const char *, uint32_t));
/* The line discipline's input side: one received character (any context). */
void n_tty_receive_char(struct tty_struct *tty, char c);
/* As if the UART had received buf: what a test types. */
void tty_receive_buf(struct tty_struct *tty, const char *buf, uint32_t len);
/* The UART's receive hook: a character for the console. */
void console_receive_char(char c);
/*
 * Canonical read into the user buffer: the bytes of (part of) one line,
 * 0 at end of file (Ctrl-D at the start of a line), -EINTR if a signal
 * came while waiting, -EFAULT if ubuf cannot take them (the line stays).
 */
long n_tty_read(struct tty_struct *tty, void *ubuf, uint32_t len);
/* Whole lines waiting to be read (0 or more). */
bool n_tty_line_ready(struct tty_struct *tty);
/* Drop all input, finished lines too. */
void n_tty_flush(struct tty_struct *tty);
/* The foreground pid: 0, or -EINVAL (pid < 0), -ESRCH (no such process). */
int tty_set_pgrp(struct tty_struct *tty, int pid);

#endif
