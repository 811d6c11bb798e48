/*
 * The boot command line ("key=value" and bare "flag" words separated by
 * spaces), from semihosting on QEMU.
 */
#ifndef CMDLINE_H
#define CMDLINE_H

#include "types.h"

void cmdline_init(const char *line);
const char *cmdline_get(void);
/* Copy the value of the last key= into buf; false if the key is absent. */
bool cmdline_value(const char *key, char *buf, size_t size);
bool cmdline_flag(const char *word);
/* Parse "64M", "1G", "512K", "4096": false on garbage or overflow. */
bool parse_size(const char *s, uint64_t *out);

#endif
