/* lab-fault, the reference solution (docs/labs/fault.md). */
#include "asm/traps.h"
#include "labs.h"

uint32_t lab_write_ro_dfsr(void)
{
	/* A permission fault on a second-level (page) descriptor, and WnR: it was a write. */
	return FSR_WNR | FS_PERMISSION_PAGE;
}
