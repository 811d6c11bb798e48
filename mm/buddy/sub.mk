# mm/buddy: the page allocator.
src-y += buddy.c page_alloc.c vmstat.c describe.c fail_page_alloc.c
