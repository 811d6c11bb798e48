# lib/: string functions, printf, the FDT reader, error names.
src-y += errname.c fdt.c string.c vsprintf.c
