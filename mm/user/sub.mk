# mm/user: process address spaces, ASIDs, mmap, page faults, user memory.
src-y += asid.c fault.c memory.c mm.c mmap.c
