/* CPU identification and security state. */
#include "asm/cp15.h"
#include "asm/mmu.h"
#include "asm/traps.h"
#include "printk.h"

/*
 * PAR.NS is set for translations done in Non-secure state. QEMU treats a
 * CPU without the Security Extensions as Non-secure, and reading SCR is
 * UNDEFINED in Non-secure PL1, so: no extensions, or SCR unreadable, or
 * SCR.NS set, means Non-secure.
 */
bool cpu_nonsecure(void)
{
	static int cached = -1;
	uint32_t scr;

	if (cached < 0) {
		if (((read_id_pfr1() >> 4) & 0xf) == 0)
			cached = 1;
		else if (probe_read_scr(&scr))
			cached = 1;
		else
			cached = scr & 1;
	}
	return cached;
}

static const char *part_name(uint32_t midr)
{
	if ((midr >> 24) != 0x41)
		return "unknown";
	switch ((midr >> 4) & 0xfff) {
	case 0xc05: return "Cortex-A5";
	case 0xc07: return "Cortex-A7";
	case 0xc08: return "Cortex-A8";
	case 0xc09: return "Cortex-A9";
	case 0xc0f: return "Cortex-A15";
	default: return "unknown ARM core";
	}
}

void cpu_print_info(void)
{
	uint32_t midr = read_midr();

	printk("CPU: %s r%up%u (MIDR %08x), %s state, D-cache line %u bytes\n", part_name(midr),
	       (midr >> 20) & 0xf, midr & 0xf, midr, cpu_nonsecure() ? "Non-secure" : "Secure",
	       4u << ((read_ctr() >> 16) & 0xf));
}
