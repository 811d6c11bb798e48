# arch/arm/lib: whole-page clear and copy with multiple-register stores (asm/page.h).
src-y += clear_page.S copy_page.S
