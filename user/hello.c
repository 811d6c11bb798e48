/* The smallest process: say hello and exit with arg0. */
#include "ulib.h"

int main(int code)
{
	printf("hello from user space: pid %ld\n", getpid());
	return code;
}
