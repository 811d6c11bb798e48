# mm/user: process address spaces, mmap, page faults, user memory.
src-y += fault.c memory.c mm.c mmap.c
