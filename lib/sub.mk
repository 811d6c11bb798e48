# lib/: string functions, printf, the symbol table's lookup (%pS), the FDT reader, error names.
src-y += errname.c fdt.c kallsyms.c seq_file.c string.c vsprintf.c
# lockdep-lite (include/lockdep.h), in debug builds only.
src-$(CONFIG_LOCKDEP) += lockdep.c
