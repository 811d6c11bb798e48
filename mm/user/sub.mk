# mm/user: process address spaces, mmap, page faults, user memory.
src-y += fault.c fork.c huge.c madvise.c memory.c mm.c mmap.c mprotect.c vmscan.c
