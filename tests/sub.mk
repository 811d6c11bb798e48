# tests/: the test kernel's runners (KTAP self-tests, benchmarks, the gdb check).
src-y += bench.c gdbcheck.c ktest.c
