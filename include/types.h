/*
 * Basic fixed-width types. The kernel defines its own so that uint32_t is
 * `unsigned int` on the target as on the host (arm-none-eabi's <stdint.h>
 * says `unsigned long`), and printf formats mean the same in both builds.
 */
#ifndef TYPES_H
#define TYPES_H

#include <stdbool.h>
#include <stddef.h>

#if __STDC_HOSTED__ /* a host build (tests/host): the C library's types */
#include <stdint.h>
#else
typedef signed char int8_t;
typedef unsigned char uint8_t;
typedef short int16_t;
typedef unsigned short uint16_t;
typedef int int32_t;
typedef unsigned int uint32_t;
typedef long long int64_t;
typedef unsigned long long uint64_t;
typedef unsigned int uintptr_t;
typedef int intptr_t;
#endif

typedef uint32_t phys_addr_t; /* 32-bit physical addresses (no LPAE) */

#endif
