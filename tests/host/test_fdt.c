/*
 * lib/fdt.c: the device tree reader, on blobs that the real dtc builds from
 * the .dts files in tests/host/dts (and from device tree source written here), on
 * structures built byte by byte for what dtc refuses to make, and on every
 * kind of corruption: each must give its own clear error. Buffers are
 * malloc()ed at exactly the size handed to the reader, so ASan catches any
 * read past the end; a fuzz-like loop mutates valid blobs at random (fixed
 * seed) and runs every call on whatever fdt_open() accepts.
 *
 * Needs dtc (Debian: device-tree-compiler) on PATH; run from the top of the tree.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fdt.h"
#include "tests/xorshift.h"

/* tests/host/test_fdt.c -> tests/host/dts */
#define DTS_DIR "tests/host/dts"

struct blob {
	uint8_t *data;
	size_t size;
};

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* A copy in a buffer of exactly n bytes: ASan flags any read past it. */
static uint8_t *exact_copy(const void *src, size_t n)
{
	uint8_t *p = malloc(n ? n : 1);

	assert_non_null(p);
	memcpy(p, src, n);
	return p;
}

static struct blob read_file(const char *path)
{
	struct blob b = { 0 };
	FILE *f = fopen(path, "rb");
	long n;

	if (!f)
		fail_msg("cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	b.data = malloc((size_t)n);
	assert_non_null(b.data);
	b.size = fread(b.data, 1, (size_t)n, f);
	fclose(f);
	assert_int_equal(b.size, (size_t)n);
	return b;
}

/* dtc SRC -> blob; SRC is a file path. */
static struct blob dtc_file(const char *src)
{
	char out[] = "/tmp/test_fdt-XXXXXX", cmd[512];
	struct blob b;
	int fd = mkstemp(out);

	assert_true(fd >= 0);
	close(fd);
	snprintf(cmd, sizeof(cmd), "dtc -q -I dts -O dtb -o %s %s", out, src);
	if (system(cmd) != 0) {
		unlink(out);
		fail_msg("'%s' failed (is dtc installed? Debian: device-tree-compiler)", cmd);
	}
	b = read_file(out);
	unlink(out);
	return b;
}

static struct blob dts(const char *name)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s.dts", DTS_DIR, name);
	return dtc_file(path);
}

/* Device tree source written here -> blob. */
static struct blob dtc_text(const char *text)
{
	char src[] = "/tmp/test_fdt-src-XXXXXX";
	struct blob b;
	int fd = mkstemp(src);
	FILE *f;

	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	b = dtc_file(src);
	unlink(src);
	return b;
}

static void open_ok(struct fdt *f, const struct blob *b)
{
	int err = fdt_open(f, b->data, b->size);

	if (err)
		fail_msg("fdt_open: %s (%s)", fdt_errname(err), fdt_strerror(err));
}

#define EXPECT_ERR(call, want)                                                                 \
	do {                                                                                   \
		int got_ = (call), want_ = (want);                                             \
		if (got_ != want_)                                                             \
			fail_msg("%s = %d (%s), want %d (%s)", #call, got_, fdt_errname(got_), \
				 want_, fdt_errname(want_));                                   \
	} while (0)

static int path(const struct fdt *f, const char *p)
{
	return fdt_path_offset(f, p);
}

/* The node at p, which must exist. */
static int node(const struct fdt *f, const char *p)
{
	int n = fdt_path_offset(f, p);

	if (n < 0)
		fail_msg("%s: %s", p, fdt_errname(n));
	return n;
}

static bool name_is(const struct fdt *f, int n, const char *want)
{
	uint32_t len;
	const char *name = fdt_node_name(f, n, &len);

	return name && len == strlen(want) && !memcmp(name, want, len);
}

/* ---- header and layout ---- */

static void header_and_layout(void **state)
{
	struct blob b = dts("vexpress");
	struct fdt f;
	uint32_t ts = 0;
	uint64_t a, s;

	(void)state;
	open_ok(&f, &b);
	assert_int_equal(f.totalsize, b.size);
	assert_int_equal(f.version, 17);
	assert_true(f.used <= f.totalsize && f.used >= f.strings_off + f.strings_size);
	assert_int_equal(fdt_peek_totalsize(b.data, 8, &ts), 0);
	assert_int_equal(ts, b.size);

	/* The reservation map: two entries from /memreserve/. */
	assert_int_equal(fdt_num_mem_rsv(&f), 2);
	assert_int_equal(fdt_get_mem_rsv(&f, 0, &a, &s), 0);
	assert_true(a == 0x60000000 && s == 0x8000);
	assert_int_equal(fdt_get_mem_rsv(&f, 1, &a, &s), 0);
	assert_true(a == 0x7ff00000 && s == 0x100000);
	EXPECT_ERR(fdt_get_mem_rsv(&f, 2, &a, &s), -FDT_ERR_NOTFOUND);

	/* The same blob at an odd address reads the same. */
	uint8_t *odd = malloc(b.size + 1);
	struct fdt g;
	memcpy(odd + 1, b.data, b.size);
	assert_int_equal(fdt_open(&g, odd + 1, b.size), 0);
	assert_int_equal(fdt_path_offset(&g, "serial0"), fdt_path_offset(&f, "serial0"));
	assert_int_equal(fdt_reg_phys(&g, fdt_stdout_node(&g), 0, &a, &s), 0);
	assert_true(a == 0x10009000);
	free(odd);

	/* A version 16 blob (no size_dt_struct): the structure runs up to the strings. */
	put32(b.data + 20, 16);
	put32(b.data + 36, 0xdeadbeef); /* not read in version 16 */
	open_ok(&f, &b);
	assert_int_equal(f.version, 16);
	assert_int_equal(f.struct_size, f.strings_off - f.struct_off);
	assert_true(name_is(&f, fdt_stdout_node(&f), "uart@9000"));
	free(b.data);
}

static void error_strings(void **state)
{
	(void)state;
	for (int e = 0; e < FDT_ERR_MAX; e++) {
		assert_non_null(fdt_strerror(e));
		assert_string_equal(fdt_strerror(e), fdt_strerror(-e));
		assert_string_equal(fdt_errname(e), fdt_errname(-e));
		assert_true(strncmp(fdt_errname(e), "FDT_", 4) == 0);
		for (int o = 0; o < e; o++)
			assert_string_not_equal(fdt_strerror(e), fdt_strerror(o));
	}
	assert_string_equal(fdt_errname(-FDT_ERR_BADMAGIC), "FDT_ERR_BADMAGIC");
	assert_string_equal(fdt_strerror(FDT_ERR_MAX), "unknown error");
	assert_string_equal(fdt_strerror(-1000), "unknown error");
	assert_string_equal(fdt_strerror(-2147483647 - 1), "unknown error");
}

/* ---- nodes and paths ---- */

static void paths_and_aliases(void **state)
{
	struct blob b = dts("vexpress");
	struct fdt f;
	int uart0, uart1, iofpga;

	(void)state;
	open_ok(&f, &b);
	assert_int_equal(path(&f, "/"), fdt_root(&f));
	assert_int_equal(fdt_root(&f), 0);
	assert_true(name_is(&f, fdt_root(&f), ""));

	uart0 = node(&f, "/smb@4000000/motherboard/iofpga@7,00000000/uart@9000");
	uart1 = node(&f, "/smb/motherboard/iofpga/uart@a000");
	iofpga = node(&f, "/smb/motherboard/iofpga@7,00000000");
	assert_true(name_is(&f, uart0, "uart@9000"));
	assert_true(name_is(&f, uart1, "uart@a000"));
	/* Without a unit address: the first node of that name. */
	assert_int_equal(path(&f, "/smb/motherboard/iofpga/uart"), uart0);
	assert_int_equal(path(&f, "//smb//motherboard/iofpga/uart@9000/"), uart0);
	assert_int_equal(path(&f, "/memory"), node(&f, "/memory@60000000"));

	EXPECT_ERR(path(&f, "/smb@4000001"), -FDT_ERR_NOTFOUND);
	EXPECT_ERR(path(&f, "/smb/uart@9000"), -FDT_ERR_NOTFOUND);
	EXPECT_ERR(path(&f, "/sm"), -FDT_ERR_NOTFOUND);
	EXPECT_ERR(path(&f, "/smb@"), -FDT_ERR_NOTFOUND);
	EXPECT_ERR(path(&f, ""), -FDT_ERR_BADPATH);
	EXPECT_ERR(fdt_path_offset(&f, NULL), -FDT_ERR_BADPATH);

	/* Aliases, with a rest of path after them. */
	assert_int_equal(path(&f, "serial0"), uart0);
	assert_int_equal(path(&f, "serial1"), uart1);
	assert_int_equal(path(&f, "serial0/"), uart0);
	EXPECT_ERR(path(&f, "serial0/child"), -FDT_ERR_NOTFOUND);
	EXPECT_ERR(path(&f, "serial2"), -FDT_ERR_BADPATH); /* no such alias */
	EXPECT_ERR(path(&f, "serial"), -FDT_ERR_BADPATH);  /* aliases match whole names */
	EXPECT_ERR(path(&f, "broken"), -FDT_ERR_BADPATH);  /* not an absolute path */
	EXPECT_ERR(path(&f, "unterminated"), -FDT_ERR_BADPATH);
	EXPECT_ERR(path(&f, "missing"), -FDT_ERR_NOTFOUND);
	/* Only the given length is read. */
	assert_int_equal(fdt_path_offset_len(&f, "serial0:115200", 7), uart0);
	assert_int_equal(fdt_path_offset_len(&f, "/smbXXX", 4), node(&f, "/smb"));

	/* Parents and depths. */
	assert_int_equal(fdt_parent(&f, uart0), iofpga);
	assert_int_equal(fdt_node_depth(&f, uart0), 4);
	assert_int_equal(fdt_node_depth(&f, fdt_root(&f)), 0);
	EXPECT_ERR(fdt_parent(&f, fdt_root(&f)), -FDT_ERR_NOTFOUND);
	assert_int_equal(fdt_parent(&f, node(&f, "/chosen")), fdt_root(&f));

	/* Aliases need /aliases. */
	struct blob c = dts("rpi");
	open_ok(&f, &c);
	EXPECT_ERR(path(&f, "serial0"), -FDT_ERR_BADPATH);
	free(b.data);
	free(c.data);
}

static void iteration(void **state)
{
	struct blob b = dts("vexpress");
	struct fdt f;
	const char *want[] = { "",
			       "chosen",
			       "aliases",
			       "memory@60000000",
			       "smb@4000000",
			       "motherboard",
			       "flash@0,00000000",
			       "iofpga@7,00000000",
			       "uart@9000",
			       "uart@a000",
			       "outside@30000",
			       "nobridge",
			       "dev@100" };
	const int want_depth[] = { 0, 1, 1, 1, 1, 2, 3, 3, 4, 4, 4, 3, 4 };
	int n, depth = 0, i = 0, sub;

	(void)state;
	open_ok(&f, &b);
	for (n = fdt_next_node(&f, -1, &depth); n >= 0; n = fdt_next_node(&f, n, &depth), i++) {
		assert_true(i < (int)(sizeof(want) / sizeof(want[0])));
		if (!name_is(&f, n, want[i]))
			fail_msg("node %d is not %s", i, want[i]);
		assert_int_equal(depth, want_depth[i]);
		assert_int_equal(fdt_node_depth(&f, n), want_depth[i]);
	}
	EXPECT_ERR(n, -FDT_ERR_NOTFOUND);
	assert_int_equal(i, 13);

	/* The root's direct subnodes only. */
	const char *top[] = { "chosen", "aliases", "memory@60000000", "smb@4000000" };
	i = 0;
	for (sub = fdt_first_subnode(&f, fdt_root(&f)); sub >= 0; sub = fdt_next_subnode(&f, sub))
		assert_true(name_is(&f, sub, top[i++]));
	EXPECT_ERR(sub, -FDT_ERR_NOTFOUND);
	assert_int_equal(i, 4);
	EXPECT_ERR(fdt_first_subnode(&f, node(&f, "/chosen")), -FDT_ERR_NOTFOUND);
	assert_true(name_is(&f, fdt_subnode(&f, fdt_root(&f), "smb", 3), "smb@4000000"));
	EXPECT_ERR(fdt_subnode(&f, fdt_root(&f), "uart", 4), -FDT_ERR_NOTFOUND);
	free(b.data);
}

/* Offsets that are not nodes are refused, whatever they point at. */
static void bad_offsets(void **state)
{
	struct blob b = dts("edge");
	struct fdt f;
	const void *v;
	uint32_t len;
	uint64_t a, s;
	int cpu1, inside;

	(void)state;
	open_ok(&f, &b);
	const int bad[] = { -1,
			    -FDT_ERR_NOTFOUND,
			    1,
			    2,
			    3,
			    4,
			    (int)f.struct_size,
			    (int)f.struct_size - 4,
			    (int)f.struct_size + 4,
			    0x7ffffffc };
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_null(fdt_node_name(&f, bad[i], &len));
		EXPECT_ERR(fdt_first_subnode(&f, bad[i]), -FDT_ERR_BADOFFSET);
		EXPECT_ERR(fdt_next_subnode(&f, bad[i]), -FDT_ERR_BADOFFSET);
		EXPECT_ERR(fdt_getprop(&f, bad[i], "reg", &v, &len), -FDT_ERR_BADOFFSET);
		EXPECT_ERR(fdt_parent(&f, bad[i]), -FDT_ERR_BADOFFSET);
		EXPECT_ERR(fdt_reg(&f, bad[i], 0, &a, &s), -FDT_ERR_BADOFFSET);
		if (bad[i] >= 0)
			EXPECT_ERR(fdt_next_node(&f, bad[i], NULL), -FDT_ERR_BADOFFSET);
	}
	/* A value that looks like a BEGIN_NODE token: cpu@1's reg = <1 2>. */
	cpu1 = node(&f, "/cells/cpu@1");
	assert_int_equal(fdt_getprop(&f, cpu1, "reg", &v, &len), 0);
	inside = (int)((const uint8_t *)v - b.data - f.struct_off);
	EXPECT_ERR(fdt_parent(&f, inside), -FDT_ERR_BADOFFSET);
	EXPECT_ERR(fdt_node_depth(&f, inside), -FDT_ERR_BADOFFSET);
	EXPECT_ERR(fdt_reg(&f, inside, 0, &a, &s), -FDT_ERR_BADOFFSET);
	/* The root has no parent bus, so no reg. */
	EXPECT_ERR(fdt_reg(&f, fdt_root(&f), 0, &a, &s), -FDT_ERR_BADOFFSET);
	EXPECT_ERR(fdt_translate(&f, fdt_root(&f), 0, &a), -FDT_ERR_BADOFFSET);
	free(b.data);
}

/* ---- properties ---- */

static void properties(void **state)
{
	struct blob b = dts("edge");
	struct fdt f;
	const void *v;
	const char *s;
	uint32_t len, u;
	int n;

	(void)state;
	open_ok(&f, &b);
	n = node(&f, "/strings");
	assert_int_equal(fdt_getprop(&f, n, "one", &v, &len), 0);
	assert_int_equal(len, 4);
	assert_memory_equal(v, "one", 4);
	assert_int_equal(fdt_getprop(&f, n, "nothing", &v, &len), 0);
	assert_int_equal(len, 0);
	assert_int_equal(fdt_getprop(&f, n, "one", NULL, NULL), 0);
	EXPECT_ERR(fdt_getprop(&f, n, "on", &v, &len), -FDT_ERR_NOTFOUND);
	EXPECT_ERR(fdt_getprop(&f, n, "ones", &v, &len), -FDT_ERR_NOTFOUND);
	/* Properties of subnodes are not the node's. */
	EXPECT_ERR(fdt_getprop(&f, fdt_root(&f), "one", &v, &len), -FDT_ERR_NOTFOUND);

	assert_int_equal(fdt_getprop_string(&f, n, "one", &s), 0);
	assert_string_equal(s, "one");
	assert_int_equal(fdt_getprop_string(&f, n, "empty", &s), 0);
	assert_string_equal(s, "");
	EXPECT_ERR(fdt_getprop_string(&f, n, "two", &s), -FDT_ERR_BADVALUE);
	EXPECT_ERR(fdt_getprop_string(&f, n, "unterminated", &s), -FDT_ERR_BADVALUE);
	EXPECT_ERR(fdt_getprop_string(&f, n, "nothing", &s), -FDT_ERR_BADVALUE);
	EXPECT_ERR(fdt_getprop_string(&f, n, "absent", &s), -FDT_ERR_NOTFOUND);

	assert_int_equal(fdt_getprop_u32(&f, n, "word", &u), 0);
	assert_int_equal(u, 0x12345678);
	EXPECT_ERR(fdt_getprop_u32(&f, n, "short", &u), -FDT_ERR_BADVALUE);
	EXPECT_ERR(fdt_getprop_u32(&f, n, "one", &u), 0); /* 4 bytes: "one\0" */

	assert_int_equal(fdt_stringlist_contains(&f, n, "list", "x"), 1);
	assert_int_equal(fdt_stringlist_contains(&f, n, "list", ""), 1);
	assert_int_equal(fdt_stringlist_contains(&f, n, "list", "yz"), 1);
	assert_int_equal(fdt_stringlist_contains(&f, n, "list", "y"), 0);
	assert_int_equal(fdt_stringlist_contains(&f, n, "list", "xyz"), 0);
	assert_int_equal(fdt_stringlist_contains(&f, n, "nothing", "x"), 0);
	EXPECT_ERR(fdt_stringlist_contains(&f, n, "badlist", "a"), -FDT_ERR_BADVALUE);
	EXPECT_ERR(fdt_stringlist_contains(&f, n, "absent", "a"), -FDT_ERR_NOTFOUND);

	/* compatible and status. */
	assert_int_equal(fdt_node_is_compatible(&f, fdt_root(&f), "test,edge"), 1);
	assert_int_equal(fdt_node_is_compatible(&f, fdt_root(&f), "test"), 0);
	assert_int_equal(fdt_node_is_compatible(&f, n, "test,edge"), 0); /* no compatible */
	assert_int_equal(fdt_node_is_available(&f, fdt_root(&f)), 1);
	assert_int_equal(fdt_node_is_available(&f, n), 0); /* "disabled" */
	assert_int_equal(fdt_node_is_available(&f, node(&f, "/okay-node")), 1);
	EXPECT_ERR(fdt_node_is_available(&f, node(&f, "/bad-status")), -FDT_ERR_BADVALUE);
	free(b.data);
}

/* ---- cells, reg and ranges ---- */

static void cells_and_reg(void **state)
{
	struct blob b = dts("edge");
	struct fdt f;
	uint64_t a, s;
	int n;

	(void)state;
	open_ok(&f, &b);
	/* Root without #address-cells/#size-cells: 2 and 1. */
	assert_int_equal(fdt_address_cells(&f, fdt_root(&f)), 2);
	assert_int_equal(fdt_size_cells(&f, fdt_root(&f)), 1);
	assert_int_equal(fdt_reg_count(&f, node(&f, "/ram")), 1);
	assert_int_equal(fdt_reg(&f, node(&f, "/ram"), 0, &a, &s), 0);
	assert_true(a == 0x80000000 && s == 0x10000000);

	/* Size cells 0: addresses only. */
	n = node(&f, "/cells/cpu@1");
	assert_int_equal(fdt_address_cells(&f, node(&f, "/cells")), 1);
	assert_int_equal(fdt_size_cells(&f, node(&f, "/cells")), 0);
	assert_int_equal(fdt_reg_count(&f, n), 2);
	assert_int_equal(fdt_reg(&f, n, 1, &a, &s), 0);
	assert_true(a == 2 && s == 0);
	EXPECT_ERR(fdt_reg(&f, n, 2, &a, &s), -FDT_ERR_NOTFOUND);

	/* Bad cells. */
	assert_int_equal(fdt_address_cells(&f, node(&f, "/wide")), 3); /* valid, but not 64-bit */
	EXPECT_ERR(fdt_reg(&f, node(&f, "/wide/dev@0"), 0, &a, &s), -FDT_ERR_BADCELLS);
	EXPECT_ERR(fdt_address_cells(&f, node(&f, "/toomany")), -FDT_ERR_BADCELLS);
	EXPECT_ERR(fdt_reg(&f, node(&f, "/toomany/dev@0"), 0, &a, &s), -FDT_ERR_BADCELLS);
	EXPECT_ERR(fdt_address_cells(&f, node(&f, "/shortcells")), -FDT_ERR_BADCELLS);
	EXPECT_ERR(fdt_reg_count(&f, node(&f, "/shortcells/dev@0")), -FDT_ERR_BADCELLS);
	EXPECT_ERR(fdt_reg(&f, node(&f, "/zero/dev"), 0, &a, &s), -FDT_ERR_BADCELLS);
	EXPECT_ERR(fdt_reg_count(&f, node(&f, "/badreg/dev@0")), -FDT_ERR_BADCELLS);
	EXPECT_ERR(fdt_reg_count(&f, node(&f, "/badreg/noreg")), -FDT_ERR_NOTFOUND);

	/* Translation: no "ranges" stops it, a malformed one is bad cells. */
	EXPECT_ERR(fdt_reg_phys(&f, node(&f, "/cells/cpu@0"), 0, &a, &s), -FDT_ERR_NOTRANSLATION);
	EXPECT_ERR(fdt_reg_phys(&f, node(&f, "/badranges/dev@0"), 0, &a, &s), -FDT_ERR_BADCELLS);
	assert_int_equal(fdt_reg_phys(&f, node(&f, "/ram"), 0, &a, &s), 0); /* at the root: as is */
	assert_true(a == 0x80000000 && s == 0x10000000);
	free(b.data);
}

static void translation(void **state)
{
	struct blob b = dts("vexpress");
	struct fdt f;
	uint64_t a, s;
	int flash;

	(void)state;
	open_ok(&f, &b);
	/* smb (2 cells: chip select, offset) -> motherboard (ranges;) -> iofpga (1 cell). */
	assert_int_equal(fdt_reg_phys(&f, node(&f, "serial0"), 0, &a, &s), 0);
	assert_true(a == 0x10009000 && s == 0x1000);
	assert_int_equal(fdt_reg_phys(&f, node(&f, "serial1"), 0, &a, &s), 0);
	assert_true(a == 0x1000a000 && s == 0x1000);
	flash = node(&f, "/smb/motherboard/flash");
	assert_int_equal(fdt_reg(&f, flash, 1, &a, &s), 0);
	assert_true(a == 0x100000000ull && s == 0x04000000);
	assert_int_equal(fdt_reg_phys(&f, flash, 1, &a, &s), 0);
	assert_true(a == 0x44000000 && s == 0x04000000);
	assert_int_equal(fdt_reg_phys(&f, flash, 0, &a, &s), 0);
	assert_true(a == 0x40000000);
	/* cs 7 at the motherboard level: the 128 KB window at 0x10000000. */
	assert_int_equal(fdt_translate(&f, flash, 0x70001ffffull, &a), 0);
	assert_true(a == 0x1001ffff);
	EXPECT_ERR(fdt_translate(&f, flash, 0x700020000ull, &a), -FDT_ERR_NOTRANSLATION);
	EXPECT_ERR(fdt_translate(&f, flash, 0x800000000ull, &a), -FDT_ERR_NOTRANSLATION);
	/* Past the 128 KB window of the iofpga, no range matches. */
	EXPECT_ERR(fdt_translate(&f, node(&f, "serial0"), 0x20000, &a), -FDT_ERR_NOTRANSLATION);
	EXPECT_ERR(fdt_reg_phys(&f, node(&f, "/smb/motherboard/iofpga/outside"), 0, &a, &s),
		   -FDT_ERR_NOTRANSLATION);
	EXPECT_ERR(fdt_reg_phys(&f, node(&f, "/smb/motherboard/nobridge/dev"), 0, &a, &s),
		   -FDT_ERR_NOTRANSLATION);

	/* The Pi's bus addresses: 0x7e201000 is 0x3f201000 for the CPU. */
	struct blob c = dts("rpi");
	open_ok(&f, &c);
	assert_int_equal(fdt_reg_phys(&f, node(&f, "/soc/serial@7e201000"), 0, &a, &s), 0);
	assert_true(a == 0x3f201000 && s == 0x200);
	assert_int_equal(fdt_reg_phys(&f, node(&f, "/soc/local_intc"), 0, &a, &s), 0);
	assert_true(a == 0x40000000);

	/* virt: 2 + 2 cells at the root; PCI's 3 address cells cannot be read. */
	struct blob d = dts("virt");
	open_ok(&f, &d);
	assert_int_equal(fdt_reg_count(&f, node(&f, "/intc")), 2);
	assert_int_equal(fdt_reg_phys(&f, node(&f, "/intc"), 1, &a, &s), 0);
	assert_true(a == 0x08010000 && s == 0x10000);
	EXPECT_ERR(fdt_reg_phys(&f, node(&f, "/pcie/dev@0"), 0, &a, &s), -FDT_ERR_BADCELLS);
	free(b.data);
	free(c.data);
	free(d.data);
}

/* ---- memory, stdout, compatible ---- */

static void memory_nodes(void **state)
{
	const struct {
		const char *dts, *name;
		uint64_t base, size;
	} cases[] = {
		{ "virt", "memory@40000000", 0x40000000, 0x40000000 },
		{ "vexpress", "memory@60000000", 0x60000000, 0x20000000 },
		{ "rpi", "memory", 0, 0x3b400000 },
		{ "edge", "ram", 0x80000000, 0x10000000 }, /* by device_type */
	};
	struct fdt f;
	uint64_t a, s;

	(void)state;
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct blob b = dts(cases[i].dts);
		int m;

		open_ok(&f, &b);
		m = fdt_find_memory(&f);
		assert_true(m >= 0);
		assert_true(name_is(&f, m, cases[i].name));
		assert_int_equal(fdt_reg_phys(&f, m, 0, &a, &s), 0);
		assert_true(a == cases[i].base && s == cases[i].size);
		free(b.data);
	}

	/* None, or only deeper down (memory nodes are children of the root). */
	struct blob b = dtc_text("/dts-v1/; / { bus { memory@0 { device_type = \"memory\"; }; }; "
				 "memoryx { }; mem { device_type = \"memory2\"; }; };");
	open_ok(&f, &b);
	EXPECT_ERR(fdt_find_memory(&f), -FDT_ERR_NOTFOUND);
	free(b.data);
}

static void stdout_and_compatible(void **state)
{
	struct blob vx = dts("vexpress"), rp = dts("rpi"), vi = dts("virt"), ed = dts("edge");
	struct fdt f;
	const char *p;
	uint32_t len;
	uint64_t a, s;
	int n;

	(void)state;
	/* An alias with options. */
	open_ok(&f, &vx);
	assert_int_equal(fdt_stdout_path(&f, &p, &len), 0);
	assert_int_equal(len, 7);
	assert_memory_equal(p, "serial0", 7);
	assert_int_equal(fdt_stdout_node(&f), node(&f, "/smb/motherboard/iofpga/uart@9000"));
	n = fdt_find_compatible(&f, -1, "arm,pl011");
	assert_int_equal(n, fdt_stdout_node(&f));
	n = fdt_find_compatible(&f, n, "arm,pl011");
	assert_true(name_is(&f, n, "uart@a000"));
	EXPECT_ERR(fdt_find_compatible(&f, n, "arm,pl011"), -FDT_ERR_NOTFOUND);
	assert_int_equal(fdt_find_compatible(&f, -1, "arm,vexpress"), fdt_root(&f));
	assert_true(name_is(&f, fdt_find_compatible(&f, -1, "simple-bus"), "smb@4000000"));
	EXPECT_ERR(fdt_find_compatible(&f, -1, "arm,pl01"), -FDT_ERR_NOTFOUND);

	/* The legacy property with a full path; a disabled PL011 comes first. */
	open_ok(&f, &rp);
	assert_int_equal(fdt_stdout_path(&f, &p, &len), 0);
	assert_int_equal(len, strlen("/soc/serial@7e201000"));
	n = fdt_stdout_node(&f);
	assert_int_equal(fdt_reg_phys(&f, n, 0, &a, &s), 0);
	assert_true(a == 0x3f201000);
	n = fdt_find_compatible(&f, -1, "arm,pl011");
	assert_true(name_is(&f, n, "serial@7e100000"));
	assert_int_equal(fdt_node_is_available(&f, n), 0);
	n = fdt_find_compatible(&f, n, "arm,pl011");
	assert_int_equal(n, fdt_stdout_node(&f));
	assert_int_equal(fdt_node_is_available(&f, n), 1);

	/* A full path, no options. */
	open_ok(&f, &vi);
	assert_int_equal(fdt_reg_phys(&f, fdt_stdout_node(&f), 0, &a, &s), 0);
	assert_true(a == 0x09000000 && s == 0x1000);

	/* Only options: a bad path. No /chosen, or none of the properties: not found. */
	open_ok(&f, &ed);
	EXPECT_ERR(fdt_stdout_path(&f, &p, &len), -FDT_ERR_BADPATH);
	EXPECT_ERR(fdt_stdout_node(&f), -FDT_ERR_BADPATH);
	struct blob x = dtc_text("/dts-v1/; / { chosen { bootargs = \"x\"; }; };");
	open_ok(&f, &x);
	EXPECT_ERR(fdt_stdout_node(&f), -FDT_ERR_NOTFOUND);
	struct blob y = dtc_text("/dts-v1/; / { };");
	open_ok(&f, &y);
	EXPECT_ERR(fdt_stdout_node(&f), -FDT_ERR_NOTFOUND);
	EXPECT_ERR(fdt_find_memory(&f), -FDT_ERR_NOTFOUND);
	EXPECT_ERR(fdt_find_compatible(&f, -1, "x"), -FDT_ERR_NOTFOUND);
	struct blob z = dtc_text("/dts-v1/; / { chosen { stdout-path = [2f 61]; }; a { }; };");
	open_ok(&f, &z);
	EXPECT_ERR(fdt_stdout_node(&f), -FDT_ERR_BADVALUE); /* unterminated */
	free(vx.data);
	free(rp.data);
	free(vi.data);
	free(ed.data);
	free(x.data);
	free(y.data);
	free(z.data);
}

/* ---- corruption of the header and layout ---- */

/* fdt_open() of a copy of b, changed by put32(offset, value), in a buffer of bufsize. */
static int open_patched(const struct blob *b, uint32_t offset, uint32_t value, size_t bufsize)
{
	uint8_t *p = malloc(b->size);
	uint8_t *exact;
	struct fdt f;
	int err;

	memcpy(p, b->data, b->size);
	if (offset != ~0u)
		put32(p + offset, value);
	exact = exact_copy(p, bufsize);
	err = fdt_open(&f, exact, bufsize);
	free(exact);
	free(p);
	return err;
}

#define NO_PATCH ~0u

static void corrupt_header(void **state)
{
	struct blob b = dts("vexpress");
	uint32_t n = (uint32_t)b.size, ts;
	uint32_t st = get32(b.data + 8);
	uint32_t str = get32(b.data + 12), sstr = get32(b.data + 32);
	struct fdt f;

	(void)state;
	EXPECT_ERR(open_patched(&b, NO_PATCH, 0, n), 0);
	/* Magic. */
	EXPECT_ERR(open_patched(&b, 0, 0xd00dfeee, n), -FDT_ERR_BADMAGIC);
	EXPECT_ERR(open_patched(&b, 0, 0xedfe0dd0, n), -FDT_ERR_BADMAGIC); /* little-endian */
	EXPECT_ERR(fdt_peek_totalsize(b.data + 1, n - 1, &ts), -FDT_ERR_BADMAGIC);
	/* Truncated: shorter than the header, than totalsize. */
	EXPECT_ERR(open_patched(&b, NO_PATCH, 0, 0), -FDT_ERR_TRUNCATED);
	EXPECT_ERR(open_patched(&b, NO_PATCH, 0, 4), -FDT_ERR_TRUNCATED);
	EXPECT_ERR(open_patched(&b, NO_PATCH, 0, 35), -FDT_ERR_TRUNCATED);
	EXPECT_ERR(open_patched(&b, NO_PATCH, 0, 39), -FDT_ERR_TRUNCATED);
	EXPECT_ERR(open_patched(&b, NO_PATCH, 0, n - 1), -FDT_ERR_TRUNCATED);
	EXPECT_ERR(fdt_open(&f, NULL, 100), -FDT_ERR_TRUNCATED);
	EXPECT_ERR(fdt_peek_totalsize(b.data, 7, &ts), -FDT_ERR_TRUNCATED);
	/* totalsize: larger than the buffer, insane, smaller than the header. */
	EXPECT_ERR(open_patched(&b, 4, n + 1, n), -FDT_ERR_TRUNCATED);
	EXPECT_ERR(open_patched(&b, 4, 0x7fffffff, n), -FDT_ERR_BADTOTALSIZE);
	EXPECT_ERR(open_patched(&b, 4, 0xffffffff, n), -FDT_ERR_BADTOTALSIZE);
	EXPECT_ERR(open_patched(&b, 4, 39, n), -FDT_ERR_BADTOTALSIZE);
	EXPECT_ERR(open_patched(&b, 4, 0, n), -FDT_ERR_BADTOTALSIZE);
	put32(b.data + 4, 0xffffffff);
	EXPECT_ERR(fdt_peek_totalsize(b.data, n, &ts), -FDT_ERR_BADTOTALSIZE);
	put32(b.data + 4, n);
	/* A smaller totalsize that still holds the blocks is fine... */
	EXPECT_ERR(open_patched(&b, 4, str + sstr, n), 0);
	/* ...one that cuts the strings is not. */
	EXPECT_ERR(open_patched(&b, 4, str + sstr - 1, n), -FDT_ERR_BADLAYOUT);
	/* Versions. */
	EXPECT_ERR(open_patched(&b, 20, 15, n), -FDT_ERR_BADVERSION);
	EXPECT_ERR(open_patched(&b, 20, 0, n), -FDT_ERR_BADVERSION);
	EXPECT_ERR(open_patched(&b, 24, 18, n), -FDT_ERR_BADVERSION);
	EXPECT_ERR(open_patched(&b, 24, 16, n), 0);
	EXPECT_ERR(open_patched(&b, 20, 0xffffffff, n), 0); /* newer, but compatible with 17 */
	/* Structure block out of range, inside the header, misaligned, too long. */
	EXPECT_ERR(open_patched(&b, 8, n + 4, n), -FDT_ERR_BADLAYOUT);
	EXPECT_ERR(open_patched(&b, 8, 0xfffffff0, n), -FDT_ERR_BADLAYOUT);
	EXPECT_ERR(open_patched(&b, 8, 0, n), -FDT_ERR_BADLAYOUT);
	EXPECT_ERR(open_patched(&b, 8, st + 2, n), -FDT_ERR_BADLAYOUT);
	EXPECT_ERR(open_patched(&b, 36, n, n), -FDT_ERR_BADLAYOUT);
	EXPECT_ERR(open_patched(&b, 36, 0xfffffffc, n), -FDT_ERR_BADLAYOUT);
	EXPECT_ERR(open_patched(&b, 36, n - st + 1, n), -FDT_ERR_BADLAYOUT);
	/* Strings block out of range. */
	EXPECT_ERR(open_patched(&b, 12, n, n), -FDT_ERR_BADLAYOUT);
	EXPECT_ERR(open_patched(&b, 12, 0xffffff00, n), -FDT_ERR_BADLAYOUT);
	EXPECT_ERR(open_patched(&b, 32, 0xffffffff, n), -FDT_ERR_BADLAYOUT);
	EXPECT_ERR(open_patched(&b, 32, n - str + 1, n), -FDT_ERR_BADLAYOUT);
	EXPECT_ERR(open_patched(&b, 12, 8, n), -FDT_ERR_BADLAYOUT);
	/* Reservation map: misaligned, outside, unterminated before the end. */
	EXPECT_ERR(open_patched(&b, 16, 44, n), -FDT_ERR_BADLAYOUT);
	EXPECT_ERR(open_patched(&b, 16, 8, n), -FDT_ERR_BADLAYOUT);
	EXPECT_ERR(open_patched(&b, 16, (n + 8) & ~7u, n), -FDT_ERR_BADLAYOUT);
	EXPECT_ERR(open_patched(&b, 16, (n - 8) & ~7u, n), -FDT_ERR_BADRSVMAP);
	free(b.data);
}

/* ---- corruption of the structure and strings blocks ---- */

/* The offset in the blob of node p's BEGIN_NODE token and of its first property token. */
static uint32_t node_pos(const struct blob *b, const char *p, uint32_t *first_prop)
{
	struct fdt f;
	uint32_t len;
	int n;

	open_ok(&f, b);
	n = node(&f, p);
	fdt_node_name(&f, n, &len);
	if (first_prop)
		*first_prop = f.struct_off + (((uint32_t)n + 4 + len + 1 + 3) & ~3u);
	return f.struct_off + (uint32_t)n;
}

static void corrupt_structure(void **state)
{
	struct blob b = dts("vexpress");
	uint32_t n = (uint32_t)b.size;
	uint32_t st = get32(b.data + 8), sst = get32(b.data + 36), sstr = get32(b.data + 32);
	uint32_t prop, chosen = node_pos(&b, "/chosen", &prop);
	uint32_t uart = node_pos(&b, "serial0", NULL);

	(void)state;
	assert_int_equal(get32(b.data + prop), FDT_PROP);
	/* Bad tokens: unknown, in place of the root, a property or an END_NODE. */
	EXPECT_ERR(open_patched(&b, st, 7, n), -FDT_ERR_BADSTRUCTURE);
	EXPECT_ERR(open_patched(&b, st, FDT_END_NODE, n), -FDT_ERR_BADSTRUCTURE);
	EXPECT_ERR(open_patched(&b, st, FDT_PROP, n),
		   -FDT_ERR_BADSTRUCTURE); /* a property at depth 0 */
	EXPECT_ERR(open_patched(&b, st, FDT_END, n), -FDT_ERR_BADSTRUCTURE);
	EXPECT_ERR(open_patched(&b, prop, 0, n), -FDT_ERR_BADSTRUCTURE);
	EXPECT_ERR(open_patched(&b, prop, 0x03000000, n), -FDT_ERR_BADSTRUCTURE);
	EXPECT_ERR(open_patched(&b, prop, FDT_NOP, n),
		   -FDT_ERR_BADSTRUCTURE); /* then the length word */
	EXPECT_ERR(open_patched(&b, st + sst - 4, FDT_NOP, n),
		   -FDT_ERR_BADSTRUCTURE); /* no FDT_END */
	EXPECT_ERR(open_patched(&b, st + sst - 8, FDT_NOP, n),
		   -FDT_ERR_BADSTRUCTURE); /* root unclosed */
	EXPECT_ERR(open_patched(&b, st + sst - 8, FDT_END, n), -FDT_ERR_BADSTRUCTURE);
	EXPECT_ERR(open_patched(&b, chosen, FDT_END_NODE, n), -FDT_ERR_BADSTRUCTURE);
	/* The structure block cut short: no FDT_END, or in the middle of a name. */
	EXPECT_ERR(open_patched(&b, 36, sst - 4, n), -FDT_ERR_BADSTRUCTURE);
	EXPECT_ERR(open_patched(&b, 36, sst - 1, n), -FDT_ERR_BADSTRUCTURE);
	EXPECT_ERR(open_patched(&b, 36, uart - st + 6, n), -FDT_ERR_BADNAME);
	EXPECT_ERR(open_patched(&b, 36, 0, n), -FDT_ERR_BADSTRUCTURE);
	/* A property value or header past the end of the structure block. */
	EXPECT_ERR(open_patched(&b, prop + 4, sst, n), -FDT_ERR_BADPROPLEN);
	EXPECT_ERR(open_patched(&b, prop + 4, 0xfffffff0, n), -FDT_ERR_BADPROPLEN);
	EXPECT_ERR(open_patched(&b, prop + 4, st + sst - prop - 12 + 1, n), -FDT_ERR_BADPROPLEN);
	EXPECT_ERR(open_patched(&b, 36, prop - st + 8, n), -FDT_ERR_BADPROPLEN);
	/* A longer value (in /chosen, depth 2) swallows the tokens after it: bounded, but unbalanced. */
	EXPECT_ERR(open_patched(&b, prop + 4, st + sst - prop - 12 - 16, n), -FDT_ERR_BADSTRUCTURE);
	/* Property names: outside the strings block, or cut off from their terminator. */
	EXPECT_ERR(open_patched(&b, prop + 8, sstr, n), -FDT_ERR_BADSTRING);
	EXPECT_ERR(open_patched(&b, prop + 8, 0xffffffff, n), -FDT_ERR_BADSTRING);
	EXPECT_ERR(open_patched(&b, 32, sstr - 1, n), -FDT_ERR_BADSTRING);
	EXPECT_ERR(open_patched(&b, 32, 0, n), -FDT_ERR_BADSTRING);
	EXPECT_ERR(open_patched(&b, prop + 8, sstr - 1, n), 0); /* the last NUL: an empty name */
	free(b.data);
}

/* ---- structures dtc will not build: made by hand ---- */

struct builder {
	uint8_t st[8192], str[256];
	uint32_t slen, strlen_;
};

static void b_word(struct builder *b, uint32_t w)
{
	put32(b->st + b->slen, w);
	b->slen += 4;
}

static void b_node(struct builder *b, const char *name)
{
	size_t n = strlen(name) + 1;

	b_word(b, FDT_BEGIN_NODE);
	memcpy(b->st + b->slen, name, n);
	b->slen += (uint32_t)((n + 3) & ~3u);
}

static void b_prop(struct builder *b, const char *name, const void *val, uint32_t len)
{
	size_t n = strlen(name) + 1;

	b_word(b, FDT_PROP);
	b_word(b, len);
	b_word(b, b->strlen_);
	memcpy(b->str + b->strlen_, name, n);
	b->strlen_ += (uint32_t)n;
	memcpy(b->st + b->slen, val, len);
	b->slen += (len + 3) & ~3u;
}

/* Header + empty reservation map + structure + strings, in an exact buffer. */
static struct blob b_finish(struct builder *b, uint32_t version)
{
	uint32_t rsv = 40, st = rsv + 16, str = st + b->slen, total = str + b->strlen_;
	uint8_t *p = calloc(1, total);
	struct blob out = { p, total };

	put32(p, FDT_MAGIC);
	put32(p + 4, total);
	put32(p + 8, st);
	put32(p + 12, str);
	put32(p + 16, rsv);
	put32(p + 20, version);
	put32(p + 24, 16);
	put32(p + 32, b->strlen_);
	put32(p + 36, b->slen);
	memcpy(p + st, b->st, b->slen);
	memcpy(p + str, b->str, b->strlen_);
	return out;
}

static int open_built(struct builder *b)
{
	struct blob x = b_finish(b, 17);
	struct fdt f;
	int err = fdt_open(&f, x.data, x.size);

	free(x.data);
	return err;
}

static void handmade_structures(void **state)
{
	struct builder *b = calloc(1, sizeof(*b));
	struct blob x;
	struct fdt f;
	int n, depth;

	(void)state;
	/* The smallest tree: an empty root. NOPs anywhere are skipped. */
	b_word(b, FDT_NOP);
	b_node(b, "");
	b_word(b, FDT_NOP);
	b_prop(b, "#address-cells", "\0\0\0\1", 4);
	b_word(b, FDT_END_NODE);
	b_word(b, FDT_NOP);
	b_word(b, FDT_END);
	x = b_finish(b, 17);
	assert_int_equal(fdt_open(&f, x.data, x.size), 0);
	assert_int_equal(fdt_root(&f), 4);
	assert_int_equal(fdt_address_cells(&f, fdt_root(&f)), 1);
	EXPECT_ERR(fdt_first_subnode(&f, fdt_root(&f)), -FDT_ERR_NOTFOUND);
	EXPECT_ERR(fdt_next_node(&f, fdt_root(&f), NULL), -FDT_ERR_NOTFOUND);
	free(x.data);

	/* A property outside any node. */
	memset(b, 0, sizeof(*b));
	b_prop(b, "x", "", 0);
	b_node(b, "");
	b_word(b, FDT_END_NODE);
	b_word(b, FDT_END);
	EXPECT_ERR(open_built(b), -FDT_ERR_BADSTRUCTURE);

	/* Two roots. */
	memset(b, 0, sizeof(*b));
	b_node(b, "");
	b_word(b, FDT_END_NODE);
	b_node(b, "");
	b_word(b, FDT_END_NODE);
	b_word(b, FDT_END);
	EXPECT_ERR(open_built(b), -FDT_ERR_BADSTRUCTURE);

	/* No root at all. */
	memset(b, 0, sizeof(*b));
	b_word(b, FDT_NOP);
	b_word(b, FDT_END);
	EXPECT_ERR(open_built(b), -FDT_ERR_BADSTRUCTURE);

	/* An empty name, and a name with a '/', below the root. */
	const char *bad_names[] = { "", "a/b", "/" };
	for (unsigned i = 0; i < 3; i++) {
		memset(b, 0, sizeof(*b));
		b_node(b, "");
		b_node(b, bad_names[i]);
		b_word(b, FDT_END_NODE);
		b_word(b, FDT_END_NODE);
		b_word(b, FDT_END);
		EXPECT_ERR(open_built(b), -FDT_ERR_BADNAME);
	}

	/* Nesting: FDT_MAX_DEPTH levels are fine, one more is refused. */
	for (int levels = FDT_MAX_DEPTH; levels <= FDT_MAX_DEPTH + 1; levels++) {
		memset(b, 0, sizeof(*b));
		b_node(b, "");
		for (int i = 1; i < levels; i++)
			b_node(b, "n");
		for (int i = 0; i < levels; i++)
			b_word(b, FDT_END_NODE);
		b_word(b, FDT_END);
		if (levels > FDT_MAX_DEPTH) {
			EXPECT_ERR(open_built(b), -FDT_ERR_TOODEEP);
			continue;
		}
		x = b_finish(b, 17);
		assert_int_equal(fdt_open(&f, x.data, x.size), 0);
		depth = 0;
		for (n = fdt_root(&f); fdt_first_subnode(&f, n) >= 0; n = fdt_first_subnode(&f, n))
			;
		assert_int_equal(fdt_node_depth(&f, n), FDT_MAX_DEPTH - 1);
		assert_true(fdt_parent(&f, n) >= 0);
		for (n = fdt_next_node(&f, -1, &depth); n >= 0; n = fdt_next_node(&f, n, &depth))
			assert_int_equal(fdt_node_depth(&f, n), depth);
		free(x.data);
	}

	/* Unbalanced: an END_NODE too many, one too few. */
	memset(b, 0, sizeof(*b));
	b_node(b, "");
	b_word(b, FDT_END_NODE);
	b_word(b, FDT_END_NODE);
	b_word(b, FDT_END);
	EXPECT_ERR(open_built(b), -FDT_ERR_BADSTRUCTURE);
	memset(b, 0, sizeof(*b));
	b_node(b, "");
	b_node(b, "a");
	b_word(b, FDT_END_NODE);
	b_word(b, FDT_END);
	EXPECT_ERR(open_built(b), -FDT_ERR_BADSTRUCTURE);
	free(b);
}

/* ---- a fuzz-like loop ---- */

static void check_rc(int rc, const char *what)
{
	if (rc < -(FDT_ERR_MAX - 1) || rc == -FDT_ERR_MAX)
		fail_msg("%s returned %d, not a known error", what, rc);
}

/* Every read-only call on an accepted blob: results are ignored, bounds are ASan's job. */
static unsigned exercise(const struct fdt *f)
{
	static const char *const paths[] = { "/",
					     "/chosen",
					     "/memory",
					     "/aliases",
					     "serial0",
					     "serial1/x",
					     "/smb/motherboard/iofpga/uart",
					     "broken",
					     "/a/b/c",
					     "unterminated" };
	static const char *const props[] = { "reg",         "compatible",     "status",
					     "ranges",      "#address-cells", "#size-cells",
					     "device_type", "stdout-path",    "model" };
	const void *v;
	const char *s;
	uint32_t len, u;
	uint64_t a, sz;
	unsigned nodes = 0;
	int n, depth = 0;

	for (unsigned i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		check_rc(fdt_path_offset(f, paths[i]), "fdt_path_offset");
	check_rc(fdt_find_memory(f), "fdt_find_memory");
	check_rc(fdt_stdout_node(f), "fdt_stdout_node");
	for (n = -1; (n = fdt_find_compatible(f, n, "arm,pl011")) >= 0;)
		check_rc(fdt_reg_phys(f, n, 0, &a, &sz), "fdt_reg_phys");
	check_rc(n, "fdt_find_compatible");
	for (int i = 0; i < fdt_num_mem_rsv(f); i++)
		check_rc(fdt_get_mem_rsv(f, (unsigned)i, &a, &sz), "fdt_get_mem_rsv");

	for (n = fdt_next_node(f, -1, &depth); n >= 0 && nodes < 10000;
	     n = fdt_next_node(f, n, &depth), nodes++) {
		assert_non_null(fdt_node_name(f, n, &len));
		check_rc(fdt_parent(f, n), "fdt_parent");
		check_rc(fdt_node_depth(f, n), "fdt_node_depth");
		check_rc(fdt_first_subnode(f, n), "fdt_first_subnode");
		check_rc(fdt_next_subnode(f, n), "fdt_next_subnode");
		for (unsigned i = 0; i < sizeof(props) / sizeof(props[0]); i++) {
			check_rc(fdt_getprop(f, n, props[i], &v, &len), "fdt_getprop");
			check_rc(fdt_getprop_string(f, n, props[i], &s), "fdt_getprop_string");
			check_rc(fdt_getprop_u32(f, n, props[i], &u), "fdt_getprop_u32");
		}
		check_rc(fdt_node_is_compatible(f, n, "simple-bus"), "fdt_node_is_compatible");
		check_rc(fdt_node_is_available(f, n), "fdt_node_is_available");
		check_rc(fdt_address_cells(f, n), "fdt_address_cells");
		check_rc(fdt_size_cells(f, n), "fdt_size_cells");
		int count = fdt_reg_count(f, n);
		check_rc(count, "fdt_reg_count");
		for (int i = 0; i < count && i < 4; i++)
			check_rc(fdt_reg_phys(f, n, (unsigned)i, &a, &sz), "fdt_reg_phys");
		check_rc(fdt_translate(f, n, 0x9000, &a), "fdt_translate");
	}
	check_rc(n, "fdt_next_node");
	return nodes;
}

static void fuzz_mutations(void **state)
{
	const char *names[] = { "vexpress", "virt", "rpi", "edge" };
	unsigned results[FDT_ERR_MAX] = { 0 }, accepted = 0, total = 0, nodes = 0;
	uint32_t seed = 0x2545f491;

	(void)state;
	for (unsigned k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		struct blob b = dts(names[k]);
		struct fdt f;

		for (unsigned iter = 0; iter < 4000; iter++) {
			uint8_t *p = exact_copy(b.data, b.size);
			unsigned muts = 1 + xorshift32(&seed) % 4;
			int err;

			for (unsigned m = 0; m < muts; m++) {
				uint32_t r = xorshift32(&seed), where;

				/* Half of the hits in the header, where one byte matters most. */
				where = (r & 1) ? (r >> 8) % 40 : (r >> 8) % (uint32_t)b.size;
				switch ((r >> 1) % 4) {
				case 0: p[where] ^= (uint8_t)(1u << ((r >> 4) % 8)); break;
				case 1: p[where] = (uint8_t)xorshift32(&seed); break;
				case 2: p[where] = 0; break;
				default: /* a plausible small word: a size or offset */
					where &= ~3u;
					if (where + 4 <= b.size)
						put32(p + where,
						      xorshift32(&seed) % ((uint32_t)b.size + 64));
				}
			}
			err = fdt_open(&f, p, b.size);
			check_rc(err, "fdt_open");
			results[err < 0 ? -err : 0]++;
			total++;
			if (!err) {
				/* Again in a buffer of exactly totalsize: nothing may be read past it. */
				uint8_t *q = exact_copy(p, f.totalsize);

				assert_int_equal(fdt_open(&f, q, f.totalsize), 0);
				nodes += exercise(&f);
				accepted++;
				free(q);
			}
			free(p);
		}
		free(b.data);
	}

	/* Random bytes behind a valid magic and plausible header. */
	for (unsigned iter = 0; iter < 3000; iter++) {
		uint32_t size = 40 + xorshift32(&seed) % 600;
		uint8_t *p = malloc(size);
		struct fdt f;
		int err;

		for (uint32_t i = 0; i < size; i++)
			p[i] = (uint8_t)(xorshift32(&seed) % 5 == 0
						 ? xorshift32(&seed)
						 : (xorshift32(&seed) % 3
							    ? 0
							    : xorshift32(&seed) % 10));
		put32(p, FDT_MAGIC);
		put32(p + 4, size - xorshift32(&seed) % 8);
		put32(p + 20, 17);
		put32(p + 24, 16);
		err = fdt_open(&f, p, size);
		check_rc(err, "fdt_open");
		results[err < 0 ? -err : 0]++;
		total++;
		if (!err)
			nodes += exercise(&f), accepted++;
		free(p);
	}

	print_message("fuzz: %u blobs, %u accepted (%u nodes walked); refused:", total, accepted,
		      nodes);
	for (int e = 1; e < FDT_ERR_MAX; e++)
		if (results[e])
			print_message(" %s %u", fdt_errname(e) + 8, results[e]);
	print_message("\n");
	assert_true(accepted > 1000);
	assert_true(results[FDT_ERR_BADMAGIC] && results[FDT_ERR_BADLAYOUT] &&
		    results[FDT_ERR_BADSTRUCTURE] && results[FDT_ERR_TRUNCATED]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(header_and_layout),   cmocka_unit_test(error_strings),
		cmocka_unit_test(paths_and_aliases),   cmocka_unit_test(iteration),
		cmocka_unit_test(bad_offsets),         cmocka_unit_test(properties),
		cmocka_unit_test(cells_and_reg),       cmocka_unit_test(translation),
		cmocka_unit_test(memory_nodes),        cmocka_unit_test(stdout_and_compatible),
		cmocka_unit_test(corrupt_header),      cmocka_unit_test(corrupt_structure),
		cmocka_unit_test(handmade_structures), cmocka_unit_test(fuzz_mutations),
	};

	return cmocka_run_group_tests_name("fdt", tests, NULL, NULL);
}
