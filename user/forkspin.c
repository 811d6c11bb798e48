/* Fork a child that computes forever, and wait for it: only a signal to both ends them. */
#include "ulib.h"

int main(void)
{
	int status;
	long pid = fork();

	if (pid == 0)
		for (volatile unsigned x = 0;; x++)
			;
	if (pid < 0)
		return 2;
	waitpid(pid, &status, 0);
	return 1;
}
