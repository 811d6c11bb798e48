/*
 * sh: a shell for the serial console. Reads a line, splits it into words
 * at blanks, runs the builtins (exit [N], help) itself and any other
 * command as /bin/NAME in a child: fork, execve, waitpid. While the child
 * runs it is the terminal's foreground process (tcsetpgrp), so Ctrl-C
 * goes to it; a child ended by a signal is reported as a shell does
 * ("Killed", "Segmentation fault", ...). End of file (Ctrl-D on an empty
 * line) ends the shell.
 */
#include "ulib.h"

#define LINE_MAX 256
#define ARGS_MAX 16

static int last_status;

static int split(char *line, char **argv)
{
	int argc = 0;

	for (char *p = line; *p;) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			*p++ = 0;
		if (!*p)
			break;
		if (argc == ARGS_MAX - 1) {
			printf("sh: too many words (at most %d)\n", ARGS_MAX - 1);
			return -1;
		}
		argv[argc++] = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
	}
	argv[argc] = 0;
	return argc;
}

static const char *signal_message(int sig)
{
	switch (sig) {
	case SIGINT: return ""; /* the ^C is on the screen already */
	case SIGILL: return "Illegal instruction";
	case SIGKILL: return "Killed";
	case SIGSEGV: return "Segmentation fault";
	case SIGTERM: return "Terminated";
	default: return 0;
	}
}

static void report(int status)
{
	if (WIFSIGNALED(status)) {
		const char *msg = signal_message(WTERMSIG(status));

		if (msg)
			printf("%s\n", msg);
		else
			printf("Signal %d\n", WTERMSIG(status));
		last_status = 128 + WTERMSIG(status);
	} else {
		last_status = WEXITSTATUS(status);
	}
}

static void run(char **argv)
{
	char path[64];
	int status;
	long pid = fork();

	if (pid < 0) {
		printf("sh: fork: %s\n", strerror(pid));
		last_status = 126;
		return;
	}
	if (pid == 0) {
		long err;

		/* Foreground before it runs (job-control shells do it on both sides): no race with Ctrl-C. */
		tcsetpgrp(0, (int)getpid());
		snprintf(path, sizeof(path), "/bin/%s", argv[0]);
		err = execve(path, argv, 0);
		printf("sh: %s: %s\n", argv[0], err == -2 ? "command not found" : strerror(err));
		exit(127);
	}
	tcsetpgrp(0, (int)pid);
	while (1) {
		long r = waitpid(pid, &status, 0);

		if (r == pid)
			break;
		if (r != -4) { /* -EINTR: wait again */
			printf("sh: waitpid: %s\n", strerror(r));
			break;
		}
	}
	tcsetpgrp(0, (int)getpid());
	report(status);
	/* As init, the shell inherits orphans: collect those that ended. */
	while (waitpid(-1, &status, WNOHANG) > 0)
		;
}

static void help(void)
{
	static const char *const lines[] = {
		"Builtins: exit [N], help. Programs in /bin:",
		"  cat FILE...         print files (/proc/meminfo, /proc/PID/status)",
		"  ls [DIR]            list a directory",
		"  ps                  list the processes",
		"  free                memory in use and free (from /proc/meminfo)",
		"  kill [-N] PID       send signal N (default SIGTERM)",
		"  led on|off|blink N  the board LED, through /dev/led",
		"  memstress N [R]     allocate, touch, fork and free N MB, R rounds (0: until Ctrl-C)",
		"Ctrl-C interrupts the running program, Ctrl-D on an empty line ends the shell.",
	};

	for (unsigned i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		printf("%s\n", lines[i]);
}

int main(void)
{
	char line[LINE_MAX], *argv[ARGS_MAX];

	tcsetpgrp(0, (int)getpid());
	for (;;) {
		long n, code;
		int argc;

		printf("$ ");
		n = read(0, line, sizeof(line) - 1);
		if (n == 0) {
			printf("exit\n");
			return last_status;
		}
		if (n < 0) {
			if (n == -4)
				continue;
			printf("sh: read: %s\n", strerror(n));
			return 1;
		}
		line[n] = 0;
		argc = split(line, argv);
		if (argc <= 0)
			continue;
		if (!strcmp(argv[0], "exit")) {
			code = last_status;
			if (argc > 1 && parse_long(argv[1], &code)) {
				printf("sh: exit: %s: numeric argument required\n", argv[1]);
				code = 2;
			}
			return (int)(code & 0xff);
		}
		if (!strcmp(argv[0], "help")) {
			help();
			last_status = 0;
			continue;
		}
		run(argv);
	}
}
