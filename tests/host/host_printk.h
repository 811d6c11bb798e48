/*
 * printk() and vprintk() for every host build (host_printk.c): the unit
 * tests (through host_env.h, which declares the same two functions), the
 * fuzz targets and the benchmarks. Output is kept in a buffer until cleared
 * (the last 16 KB are dropped) and echoed on stdout when HOST_VERBOSE is set;
 * printk_lines (printk.h) counts every line, kept or dropped.
 */
#ifndef HOST_PRINTK_H
#define HOST_PRINTK_H

/* What printk() wrote since the last clear. */
const char *host_printk_output(void);
void host_printk_clear(void);

#endif
