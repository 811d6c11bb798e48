/* Sleep arg0 seconds in nanosleep(); exit with 0, or 4 if it was interrupted (-EINTR). */
#include "ulib.h"

int main(unsigned seconds)
{
	struct uapi_timespec ts = { (long)seconds, 0 };

	return nanosleep(&ts, 0) == -4 ? 4 : 0;
}
