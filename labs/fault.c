/* lab-fault (docs/labs/fault.md): the fault status of a write to a read-only page. */
#include "labs.h"

uint32_t lab_write_ro_dfsr(void)
{
	return 0; /* your answer: the DFSR value, as the ARM ARM encodes it */
}
