/*
 * What getdents64 (__NR_getdents64) writes: Linux's struct linux_dirent64,
 * records one after another, each d_reclen bytes long (rounded up to 8),
 * its name NUL-terminated. d_off is the directory position after this
 * entry. Shared by the kernel and the user programs.
 */
#ifndef UAPI_DIRENT_H
#define UAPI_DIRENT_H

#include "types.h"

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

#define UAPI_DT_UNKNOWN 0
#define UAPI_DT_CHR     2
#define UAPI_DT_DIR     4
#define UAPI_DT_REG     8
#define UAPI_DT_LNK     10

#endif
