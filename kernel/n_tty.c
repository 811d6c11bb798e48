/*
 * The n_tty line discipline, canonical mode only (see include/tty.h): the
 * editing Linux's n_tty does with the default termios (ICRNL, ECHO,
 * ECHOE, ECHOK, ECHOCTL, ECHOKE, ISIG, ICANON).
 */
#include "atomic.h"
#include "errno.h"
#include "signal.h"
#include "tty.h"
#include "uaccess.h"
#include "uapi/unistd.h"

#define RING_MASK (N_TTY_BUF_SIZE - 1)

#define CTRL(c)    ((c)&0x1f)
#define INTR_CHAR  CTRL('C')
#define EOF_CHAR   CTRL('D')
#define KILL_CHAR  CTRL('U')
#define ERASE_CHAR 0x7f /* DEL, Linux's VERASE; Backspace (Ctrl-H) erases too */

static void echo(struct tty_struct *tty, const char *s, uint32_t n)
{
	tty->write(tty, s, n);
}

/* ECHOCTL: a control character other than tab and newline shows as ^X. */
static bool echoed_as_two(char c)
{
	return ((unsigned char)c < 0x20 && c != '\t' && c != '\n') || c == 0x7f;
}

static void echo_char(struct tty_struct *tty, char c)
{
	char caret[2] = { '^', (char)(c ^ 0x40) };

	if (echoed_as_two(c))
		echo(tty, caret, 2);
	else
		echo(tty, &c, 1);
}

/* tty->lock held: rub out the last character of the line being typed (ECHOE). */
static bool erase_one(struct tty_struct *tty)
{
	char c;

	if (tty->read_head == tty->canon_head)
		return false;
	tty->read_head--;
	c = tty->read_buf[tty->read_head & RING_MASK];
	echo(tty, "\b \b", 3);
	if (echoed_as_two(c))
		echo(tty, "\b \b", 3);
	return true;
}

/* tty->lock held: append c (eof: a Ctrl-D slot) if the ring has room for it. */
static bool put_char(struct tty_struct *tty, char c, bool eof, uint32_t room_needed)
{
	uint32_t used = tty->read_head - tty->read_tail;

	if (N_TTY_BUF_SIZE - used < room_needed) {
		tty->dropped++;
		return false;
	}
	tty->read_buf[tty->read_head & RING_MASK] = c;
	tty->read_eof[tty->read_head & RING_MASK] = eof;
	tty->read_head++;
	return true;
}

void n_tty_receive_char(struct tty_struct *tty, char c)
{
	bool line_done = false;
	int sigint_to = 0;
	uint32_t flags;

	spin_lock_irqsave(&tty->lock, flags);
	if (c == '\r')
		c = '\n'; /* ICRNL */
	switch (c) {
	case INTR_CHAR: /* ISIG: flush, echo, signal the foreground */
		tty->read_head = tty->canon_head = tty->read_tail;
		tty->flush_gen++;
		echo_char(tty, c);
		sigint_to = tty->pgrp;
		break;
	case ERASE_CHAR:
	case CTRL('H'): erase_one(tty); break;
	case KILL_CHAR: /* ECHOKE: rub out the line character by character */
		while (erase_one(tty))
			;
		break;
	case EOF_CHAR: /* not echoed; pushes the line, empty at its start */
		line_done = put_char(tty, 0, true, 1);
		break;
	case '\n':
		line_done = put_char(tty, c, false, 1);
		if (line_done)
			echo(tty, "\n", 1);
		break;
	default:
		/* One slot stays free for the newline that ends the line. */
		if (put_char(tty, c, false, 2))
			echo_char(tty, c);
		break;
	}
	if (line_done)
		tty->canon_head = tty->read_head;
	spin_unlock_irqrestore(&tty->lock, flags);
	if (line_done)
		wake_up(&tty->read_wait);
	if (sigint_to > 0)
		send_signal_tree(sigint_to,
				 UAPI_SIGINT); /* its process group: it and its children */
}

void tty_receive_buf(struct tty_struct *tty, const char *buf, uint32_t len)
{
	for (uint32_t i = 0; i < len; i++)
		n_tty_receive_char(tty, buf[i]);
}

bool n_tty_line_ready(struct tty_struct *tty)
{
	return READ_ONCE(tty->read_tail) != READ_ONCE(tty->canon_head);
}

void n_tty_flush(struct tty_struct *tty)
{
	uint32_t flags;

	spin_lock_irqsave(&tty->lock, flags);
	tty->read_head = tty->canon_head = tty->read_tail;
	tty->flush_gen++;
	spin_unlock_irqrestore(&tty->lock, flags);
}

long n_tty_read(struct tty_struct *tty, void *ubuf, uint32_t len)
{
	char kbuf[N_TTY_BUF_SIZE];
	uint32_t flags;

	if (!len)
		return 0;
	for (;;) {
		uint32_t tail, old_tail, gen, n = 0;
		long err = wait_event_interruptible(tty->read_wait, n_tty_line_ready(tty));

		if (err)
			return err;
		/* Take (part of) the first line; the ring moves only once it is copied out. */
		spin_lock_irqsave(&tty->lock, flags);
		old_tail = tail = tty->read_tail;
		gen = tty->flush_gen;
		while (tail != tty->canon_head && n < len) {
			uint32_t slot = tail & RING_MASK;

			if (tty->read_eof[slot]) {
				tail++; /* Ctrl-D ends the read: 0 bytes at the start of a line */
				break;
			}
			kbuf[n++] = tty->read_buf[slot];
			tail++;
			if (kbuf[n - 1] == '\n')
				break;
		}
		spin_unlock_irqrestore(&tty->lock, flags);
		if (n && copy_to_user(ubuf, kbuf, n))
			return -EFAULT;
		spin_lock_irqsave(&tty->lock, flags);
		if (tty->read_tail == old_tail &&
		    tty->flush_gen == gen) { /* still there: no other reader, no flush */
			tty->read_tail = tail;
			spin_unlock_irqrestore(&tty->lock, flags);
			return (long)n;
		}
		spin_unlock_irqrestore(&tty->lock, flags);
	}
}
