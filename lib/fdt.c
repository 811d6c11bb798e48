/*
 * Flattened device tree reader (see include/fdt.h).
 *
 * Layout of a blob: a header (big-endian 32-bit fields), the memory
 * reservation map (pairs of 64-bit address and size, ended by 0, 0), the
 * structure block (tokens: BEGIN_NODE + name, PROP + length + name offset +
 * value, END_NODE, NOP, END; each padded to 4 bytes) and the strings block
 * (property names). Every read below goes through next_tag() (walked by
 * walk_step()) or a check against the sizes fdt_open() validated, and values
 * are assembled byte by byte, so neither a corrupt blob nor an unaligned one
 * can make it fault.
 */
#include "fdt.h"

/* Header field offsets. */
#define HDR_MAGIC        0
#define HDR_TOTALSIZE    4
#define HDR_OFF_STRUCT   8
#define HDR_OFF_STRINGS  12
#define HDR_OFF_RSVMAP   16
#define HDR_VERSION      20
#define HDR_LAST_COMP    24
#define HDR_BOOT_CPUID   28
#define HDR_SIZE_STRINGS 32
#define HDR_SIZE_STRUCT  36

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t be64(const uint8_t *p)
{
	return (uint64_t)be32(p) << 32 | be32(p + 4);
}

/* 0, 1 or 2 big-endian cells as one number. */
static uint64_t read_cells(const uint8_t *p, int cells)
{
	return cells == 2 ? be64(p) : cells == 1 ? be32(p) : 0;
}

/* Offsets never exceed FDT_MAX_TOTALSIZE + a little, so this cannot wrap. */
static uint32_t align4(uint32_t x)
{
	return (x + 3) & ~3u;
}

/* True, with the length in *len, when p[0..max) holds a NUL. */
static bool bounded_strlen(const uint8_t *p, uint32_t max, uint32_t *len)
{
	for (uint32_t i = 0; i < max; i++)
		if (!p[i]) {
			*len = i;
			return true;
		}
	return false;
}

/* Length of a caller's C string (trusted: it is not blob data). */
static size_t cstrlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

/* Blob bytes a[0..alen) equal b[0..blen). */
static bool bytes_eq(const uint8_t *a, uint32_t alen, const char *b, size_t blen)
{
	if (alen != blen)
		return false;
	for (uint32_t i = 0; i < alen; i++)
		if (a[i] != (uint8_t)b[i])
			return false;
	return true;
}

static const char *const errors[FDT_ERR_MAX][2] = {
	[0] = { "FDT_OK", "no error" },
	[FDT_ERR_NOTFOUND] = { "FDT_ERR_NOTFOUND", "not found" },
	[FDT_ERR_TRUNCATED] = { "FDT_ERR_TRUNCATED",
				"truncated: the blob is shorter than its header or its totalsize" },
	[FDT_ERR_BADMAGIC] = { "FDT_ERR_BADMAGIC", "bad magic (not 0xd00dfeed)" },
	[FDT_ERR_BADVERSION] = { "FDT_ERR_BADVERSION",
				 "unsupported version (need version >= 16, last_comp_version <= 17)" },
	[FDT_ERR_BADTOTALSIZE] = { "FDT_ERR_BADTOTALSIZE",
				   "bad totalsize (smaller than the header or above 64 MB)" },
	[FDT_ERR_BADLAYOUT] = { "FDT_ERR_BADLAYOUT",
				"bad layout: a block's offset or size is outside totalsize or misaligned" },
	[FDT_ERR_BADRSVMAP] = { "FDT_ERR_BADRSVMAP",
				"memory reservation map not terminated inside the blob" },
	[FDT_ERR_BADSTRUCTURE] = { "FDT_ERR_BADSTRUCTURE",
				   "bad structure block: bad token, bad nesting, or no FDT_END" },
	[FDT_ERR_BADNAME] = { "FDT_ERR_BADNAME", "bad node name: empty, or unterminated" },
	[FDT_ERR_BADPROPLEN] = { "FDT_ERR_BADPROPLEN",
				 "a property value runs past the structure block" },
	[FDT_ERR_BADSTRING] = { "FDT_ERR_BADSTRING",
				"a property name is outside the strings block or unterminated" },
	[FDT_ERR_TOODEEP] = { "FDT_ERR_TOODEEP", "nodes nested too deep" },
	[FDT_ERR_BADCELLS] = { "FDT_ERR_BADCELLS",
			       "bad #address-cells/#size-cells, or reg/ranges length not a whole number of entries" },
	[FDT_ERR_BADVALUE] = { "FDT_ERR_BADVALUE",
			       "bad property value (wrong length, or not a terminated string)" },
	[FDT_ERR_BADPATH] = { "FDT_ERR_BADPATH", "bad path or alias" },
	[FDT_ERR_BADOFFSET] = { "FDT_ERR_BADOFFSET", "not the offset of a node" },
	[FDT_ERR_NOTRANSLATION] = { "FDT_ERR_NOTRANSLATION",
				    "address not translatable to the root (no matching \"ranges\")" },
};

static const char *error_text(int err, int which)
{
	unsigned e = err < 0 ? (unsigned)-(err + 1) + 1 : (unsigned)err;

	if (e >= FDT_ERR_MAX)
		return which ? "unknown error" : "FDT_ERR_UNKNOWN";
	return errors[e][which];
}

const char *fdt_strerror(int err)
{
	return error_text(err, 1);
}

const char *fdt_errname(int err)
{
	return error_text(err, 0);
}

/* ---- the structure block's tokens ---- */

/*
 * The token at off (a positive FDT_* value) and in *next the offset of the
 * token after it; a negative error if the token or what it covers (name,
 * property header, value, property name) is out of bounds.
 */
static int next_tag(const struct fdt *f, uint32_t off, uint32_t *next)
{
	const uint8_t *s = f->blob + f->struct_off;
	uint32_t size = f->struct_size, len, nameoff, n;

	if ((off & 3) || off > size || size - off < 4)
		return -FDT_ERR_BADSTRUCTURE;
	switch (be32(s + off)) {
	case FDT_BEGIN_NODE:
		if (!bounded_strlen(s + off + 4, size - off - 4, &n))
			return -FDT_ERR_BADNAME;
		*next = align4(off + 4 + n + 1);
		return FDT_BEGIN_NODE;
	case FDT_PROP:
		if (size - off < 12)
			return -FDT_ERR_BADPROPLEN;
		len = be32(s + off + 4);
		if (len > size - off - 12)
			return -FDT_ERR_BADPROPLEN;
		nameoff = be32(s + off + 8);
		if (nameoff >= f->strings_size ||
		    !bounded_strlen(f->blob + f->strings_off + nameoff, f->strings_size - nameoff,
				    &n))
			return -FDT_ERR_BADSTRING;
		*next = align4(off + 12 + len);
		return FDT_PROP;
	case FDT_END_NODE: *next = off + 4; return FDT_END_NODE;
	case FDT_NOP: *next = off + 4; return FDT_NOP;
	case FDT_END: *next = off + 4; return FDT_END;
	default: return -FDT_ERR_BADSTRUCTURE;
	}
}

/*
 * A walk over the structure block, the one loop every lookup below is built
 * on. walk_step() moves to the token at next, skipping NOPs: off is that
 * token and next the one after it (always greater, so every walk ends at
 * FDT_END or an error), and depth counts the BEGIN_NODEs entered minus the
 * END_NODEs left since the walk began (negative once it leaves the node it
 * began in). It returns the token or next_tag()'s negative error.
 */
struct walk {
	uint32_t off, next;
	int depth;
};

static int walk_step(const struct fdt *f, struct walk *w)
{
	int tag;

	do {
		w->off = w->next;
		tag = next_tag(f, w->off, &w->next);
	} while (tag == FDT_NOP);
	if (tag == FDT_BEGIN_NODE)
		w->depth++;
	else if (tag == FDT_END_NODE)
		w->depth--;
	return tag;
}

/* ---- header and whole-blob checks ---- */

int fdt_peek_totalsize(const void *buf, size_t bufsize, uint32_t *totalsize)
{
	const uint8_t *b = buf;
	uint32_t ts;

	if (!buf || bufsize < 8)
		return -FDT_ERR_TRUNCATED;
	if (be32(b + HDR_MAGIC) != FDT_MAGIC)
		return -FDT_ERR_BADMAGIC;
	ts = be32(b + HDR_TOTALSIZE);
	if (ts < FDT_V16_HEADER_SIZE || ts > FDT_MAX_TOTALSIZE)
		return -FDT_ERR_BADTOTALSIZE;
	*totalsize = ts;
	return 0;
}

/* [off, off + size) lies after the header and inside totalsize. */
static bool block_ok(uint32_t off, uint32_t size, uint32_t hdr, uint32_t total)
{
	return off >= hdr && off <= total && size <= total - off;
}

/* A node name (NUL-terminated, checked by next_tag()): not empty, no '/' (paths could not reach it). */
static bool node_name_ok(const uint8_t *name)
{
	if (!name[0])
		return false;
	for (uint32_t i = 0; name[i]; i++)
		if (name[i] == '/')
			return false;
	return true;
}

/*
 * One pass over the structure block: tokens valid, names terminated, values
 * and property names in bounds, one root node, nesting balanced and not too
 * deep, FDT_END last.
 */
static int check_structure(struct fdt *f)
{
	struct walk w = { 0 };
	bool root_seen = false;
	int tag;

	while ((tag = walk_step(f, &w)) > 0 && tag != FDT_END) {
		/* An END_NODE closing no node, or a property outside any node. */
		if (w.depth < 0 || (tag == FDT_PROP && w.depth == 0))
			return -FDT_ERR_BADSTRUCTURE;
		if (tag != FDT_BEGIN_NODE)
			continue;
		if (w.depth == 1) {
			if (root_seen)
				return -FDT_ERR_BADSTRUCTURE; /* a second root */
			root_seen = true;
			f->root = w.off;
		} else if (!node_name_ok(f->blob + f->struct_off + w.off + 4)) {
			return -FDT_ERR_BADNAME;
		}
		if (w.depth > FDT_MAX_DEPTH)
			return -FDT_ERR_TOODEEP;
	}
	if (tag < 0)
		return tag;
	return w.depth != 0 || !root_seen ? -FDT_ERR_BADSTRUCTURE : 0;
}

int fdt_open(struct fdt *fdt, const void *buf, size_t bufsize)
{
	const uint8_t *b = buf;
	uint32_t version, hdr, ts, end;
	struct fdt f = { .blob = b };

	if (!fdt)
		return -FDT_ERR_BADOFFSET;
	if (!buf || bufsize < 8)
		return -FDT_ERR_TRUNCATED;
	if (be32(b + HDR_MAGIC) != FDT_MAGIC)
		return -FDT_ERR_BADMAGIC;
	if (bufsize < FDT_V16_HEADER_SIZE)
		return -FDT_ERR_TRUNCATED;
	version = be32(b + HDR_VERSION);
	if (version < FDT_MIN_VERSION || be32(b + HDR_LAST_COMP) > FDT_MAX_COMP_VERSION)
		return -FDT_ERR_BADVERSION;
	hdr = version >= 17 ? FDT_V17_HEADER_SIZE : FDT_V16_HEADER_SIZE;
	if (bufsize < hdr)
		return -FDT_ERR_TRUNCATED;
	ts = be32(b + HDR_TOTALSIZE);
	if (ts < hdr || ts > FDT_MAX_TOTALSIZE)
		return -FDT_ERR_BADTOTALSIZE;
	if (ts > bufsize)
		return -FDT_ERR_TRUNCATED;

	f.totalsize = ts;
	f.version = version;
	f.boot_cpuid = be32(b + HDR_BOOT_CPUID);
	f.struct_off = be32(b + HDR_OFF_STRUCT);
	f.strings_off = be32(b + HDR_OFF_STRINGS);
	f.strings_size = be32(b + HDR_SIZE_STRINGS);
	f.rsvmap_off = be32(b + HDR_OFF_RSVMAP);

	/* Structure block: 4-byte aligned tokens; v16 has no size, so it runs to the strings or the end. */
	if ((f.struct_off & 3) || f.struct_off < hdr || f.struct_off > ts)
		return -FDT_ERR_BADLAYOUT;
	if (version >= 17) {
		f.struct_size = be32(b + HDR_SIZE_STRUCT);
	} else {
		end = f.strings_off > f.struct_off && f.strings_off <= ts ? f.strings_off : ts;
		f.struct_size = end - f.struct_off;
	}
	if (!block_ok(f.struct_off, f.struct_size, hdr, ts) ||
	    !block_ok(f.strings_off, f.strings_size, hdr, ts))
		return -FDT_ERR_BADLAYOUT;

	/* Reservation map: 8-byte aligned 16-byte entries up to an all-zero one. */
	if ((f.rsvmap_off & 7) || f.rsvmap_off < hdr || f.rsvmap_off > ts)
		return -FDT_ERR_BADLAYOUT;
	for (uint32_t o = f.rsvmap_off;; o += 16) {
		if (ts - o < 16)
			return -FDT_ERR_BADRSVMAP;
		if (!be64(b + o) && !be64(b + o + 8))
			break;
		f.rsv_count++;
	}

	end = f.rsvmap_off + 16 * (f.rsv_count + 1);
	if (f.struct_off + f.struct_size > end)
		end = f.struct_off + f.struct_size;
	if (f.strings_off + f.strings_size > end)
		end = f.strings_off + f.strings_size;
	f.used = end;

	int err = check_structure(&f);
	if (err)
		return err;
	*fdt = f;
	return 0;
}

int fdt_num_mem_rsv(const struct fdt *fdt)
{
	return (int)fdt->rsv_count;
}

int fdt_get_mem_rsv(const struct fdt *fdt, unsigned i, uint64_t *addr, uint64_t *size)
{
	const uint8_t *e;

	if (i >= fdt->rsv_count)
		return -FDT_ERR_NOTFOUND;
	e = fdt->blob + fdt->rsvmap_off + 16 * i; /* inside totalsize: checked by fdt_open() */
	*addr = be64(e);
	*size = be64(e + 8);
	return 0;
}

/* ---- nodes ---- */

/* node is a BEGIN_NODE token: 0 and the offset just past its name in *body. */
static int check_node(const struct fdt *f, int node, uint32_t *body)
{
	if (node < 0 || next_tag(f, (uint32_t)node, body) != FDT_BEGIN_NODE)
		return -FDT_ERR_BADOFFSET;
	return 0;
}

/* A walk from inside node, just past its name: 0, or -FDT_ERR_BADOFFSET when node is not one. */
static int walk_in(const struct fdt *f, int node, struct walk *w)
{
	*w = (struct walk){ 0 };
	return check_node(f, node, &w->next);
}

int fdt_root(const struct fdt *fdt)
{
	return (int)fdt->root;
}

const char *fdt_node_name(const struct fdt *fdt, int node, uint32_t *len)
{
	uint32_t body, n;
	const uint8_t *name;

	if (check_node(fdt, node, &body))
		return NULL;
	name = fdt->blob + fdt->struct_off + (uint32_t)node + 4;
	if (!bounded_strlen(name, body - (uint32_t)node - 4, &n))
		return NULL;
	if (len)
		*len = n;
	return (const char *)name;
}

/* From off (inside a node, past its name): the next direct subnode, skipping properties. */
static int subnode_from(const struct fdt *f, uint32_t off)
{
	struct walk w = { .next = off };
	int tag;

	while ((tag = walk_step(f, &w)) == FDT_PROP)
		;
	if (tag == FDT_BEGIN_NODE)
		return (int)w.off;
	if (tag == FDT_END_NODE)
		return -FDT_ERR_NOTFOUND;
	return tag == FDT_END ? -FDT_ERR_BADSTRUCTURE : tag;
}

int fdt_first_subnode(const struct fdt *fdt, int node)
{
	uint32_t body;
	int err = check_node(fdt, node, &body);

	return err ? err : subnode_from(fdt, body);
}

/* The offset just past the END_NODE that closes node (a BEGIN_NODE token). */
static int node_end(const struct fdt *f, int node, uint32_t *end)
{
	struct walk w = { .next = (uint32_t)node };

	for (;;) {
		int tag = walk_step(f, &w);

		if (tag < 0)
			return tag;
		if (tag == FDT_END || w.depth < 0)
			return -FDT_ERR_BADSTRUCTURE;
		if (tag == FDT_END_NODE && w.depth == 0) {
			*end = w.next;
			return 0;
		}
	}
}

int fdt_next_subnode(const struct fdt *fdt, int node)
{
	uint32_t body, end;
	int err = check_node(fdt, node, &body);

	if (!err)
		err = node_end(fdt, node, &end);
	return err ? err : subnode_from(fdt, end);
}

int fdt_next_node(const struct fdt *fdt, int node, int *depth)
{
	struct walk w;
	int tag;

	if (node < 0)
		return (int)fdt->root;
	tag = walk_in(fdt, node, &w);
	if (tag)
		return tag;
	while ((tag = walk_step(fdt, &w)) == FDT_PROP || tag == FDT_END_NODE)
		;
	if (depth)
		*depth += w.depth;
	if (tag == FDT_BEGIN_NODE)
		return (int)w.off;
	return tag == FDT_END ? -FDT_ERR_NOTFOUND : tag;
}

/* "uart" matches the node name "uart" and, having no unit address, "uart@1000". */
static bool name_matches(const char *node_name, uint32_t node_len, const char *name, size_t len)
{
	const uint8_t *n = (const uint8_t *)node_name;
	bool has_unit = false;

	for (size_t i = 0; i < len; i++)
		has_unit |= name[i] == '@';
	if (bytes_eq(n, node_len, name, len))
		return true;
	return !has_unit && node_len > len && n[len] == '@' &&
	       bytes_eq(n, (uint32_t)len, name, len);
}

int fdt_subnode(const struct fdt *fdt, int parent, const char *name, size_t len)
{
	int node;

	for (node = fdt_first_subnode(fdt, parent); node >= 0; node = fdt_next_subnode(fdt, node)) {
		uint32_t nlen;
		const char *n = fdt_node_name(fdt, node, &nlen);

		if (n && name_matches(n, nlen, name, len))
			return node;
	}
	return node;
}

static int getprop_namelen(const struct fdt *f, int node, const char *name, size_t namelen,
			   const void **val, uint32_t *len);

/* The path [p, end) from node: components separated by one or more '/'. */
static int walk_path(const struct fdt *f, int node, const char *p, const char *end)
{
	while (p < end) {
		const char *q = p;

		if (*p == '/') {
			p++;
			continue;
		}
		while (q < end && *q != '/')
			q++;
		node = fdt_subnode(f, node, p, (size_t)(q - p));
		if (node < 0)
			return node;
		p = q;
	}
	return node;
}

int fdt_path_offset_len(const struct fdt *fdt, const char *path, size_t len)
{
	const char *end = path + len, *q = path;
	const void *val;
	const char *alias;
	uint32_t alen, n;
	int aliases, err, node;

	if (!path || !len)
		return -FDT_ERR_BADPATH;
	if (path[0] == '/')
		return walk_path(fdt, (int)fdt->root, path, end);

	/* "name/rest": name is a property of /aliases holding an absolute path. */
	while (q < end && *q != '/')
		q++;
	aliases = fdt_subnode(fdt, (int)fdt->root, "aliases", 7);
	if (aliases < 0)
		return aliases == -FDT_ERR_NOTFOUND ? -FDT_ERR_BADPATH : aliases;
	err = getprop_namelen(fdt, aliases, path, (size_t)(q - path), &val, &alen);
	if (err)
		return err == -FDT_ERR_NOTFOUND ? -FDT_ERR_BADPATH : err;
	alias = val;
	if (!alen || !bounded_strlen(val, alen, &n) || n + 1 != alen || alias[0] != '/')
		return -FDT_ERR_BADPATH;
	node = walk_path(fdt, (int)fdt->root, alias, alias + n);
	/* The rest, relative to the alias's node. */
	return node < 0 ? node : walk_path(fdt, node, q, end);
}

int fdt_path_offset(const struct fdt *fdt, const char *path)
{
	return path ? fdt_path_offset_len(fdt, path, cstrlen(path)) : -FDT_ERR_BADPATH;
}

/* Depth of node (root 0) and its parent (-FDT_ERR_NOTFOUND for the root), by a walk from the start. */
static int ancestry(const struct fdt *f, int node, int *parent)
{
	uint32_t open[FDT_MAX_DEPTH], body; /* open[d]: the node entered at depth d + 1 */
	struct walk w = { 0 };
	int err = check_node(f, node, &body);

	if (err)
		return err;
	for (;;) {
		int tag = walk_step(f, &w);

		if (tag < 0)
			return tag;
		if (tag == FDT_END)
			return -FDT_ERR_BADOFFSET; /* a BEGIN_NODE word inside some value */
		if (w.depth < 0)
			return -FDT_ERR_BADSTRUCTURE;
		if (tag != FDT_BEGIN_NODE)
			continue;
		if (w.off == (uint32_t)node) {
			if (parent)
				*parent = w.depth > 1 ? (int)open[w.depth - 2] : -FDT_ERR_NOTFOUND;
			return w.depth - 1;
		}
		if (w.depth > FDT_MAX_DEPTH)
			return -FDT_ERR_TOODEEP;
		open[w.depth - 1] = w.off;
	}
}

int fdt_parent(const struct fdt *fdt, int node)
{
	int parent = -FDT_ERR_NOTFOUND, depth = ancestry(fdt, node, &parent);

	return depth < 0 ? depth : parent;
}

int fdt_node_depth(const struct fdt *fdt, int node)
{
	return ancestry(fdt, node, NULL);
}

/* ---- properties ---- */

static int getprop_namelen(const struct fdt *f, int node, const char *name, size_t namelen,
			   const void **val, uint32_t *len)
{
	const uint8_t *s = f->blob + f->struct_off;
	struct walk w;
	int tag = walk_in(f, node, &w);

	if (tag)
		return tag;
	while ((tag = walk_step(f, &w)) == FDT_PROP) {
		/* next_tag() checked the value's length and the name's termination. */
		uint32_t nameoff = be32(s + w.off + 8), n;
		const uint8_t *pname = f->blob + f->strings_off + nameoff;

		if (!bounded_strlen(pname, f->strings_size - nameoff, &n))
			return -FDT_ERR_BADSTRING;
		if (bytes_eq(pname, n, name, namelen)) {
			*val = s + w.off + 12;
			*len = be32(s + w.off + 4);
			return 0;
		}
	}
	if (tag < 0)
		return tag;
	return tag == FDT_END ? -FDT_ERR_BADSTRUCTURE : -FDT_ERR_NOTFOUND;
}

int fdt_getprop(const struct fdt *fdt, int node, const char *name, const void **val, uint32_t *len)
{
	const void *v;
	uint32_t l;
	int err = getprop_namelen(fdt, node, name, cstrlen(name), &v, &l);

	if (err)
		return err;
	if (val)
		*val = v;
	if (len)
		*len = l;
	return 0;
}

int fdt_getprop_u32(const struct fdt *fdt, int node, const char *name, uint32_t *out)
{
	const void *v;
	uint32_t len;
	int err = fdt_getprop(fdt, node, name, &v, &len);

	if (err)
		return err;
	if (len != 4)
		return -FDT_ERR_BADVALUE;
	*out = be32(v);
	return 0;
}

int fdt_getprop_string(const struct fdt *fdt, int node, const char *name, const char **out)
{
	const void *v;
	uint32_t len, n;
	int err = fdt_getprop(fdt, node, name, &v, &len);

	if (err)
		return err;
	if (!len || !bounded_strlen(v, len, &n) || n + 1 != len)
		return -FDT_ERR_BADVALUE;
	*out = v;
	return 0;
}

int fdt_stringlist_contains(const struct fdt *fdt, int node, const char *name, const char *str)
{
	const uint8_t *v, *end;
	const void *val;
	uint32_t len, n = 0;
	size_t slen = cstrlen(str);
	int err = fdt_getprop(fdt, node, name, &val, &len);

	if (err)
		return err;
	v = val;
	end = v + len;
	if (len && v[len - 1])
		return -FDT_ERR_BADVALUE; /* the last string is unterminated */
	for (; v < end; v += n + 1) {
		bounded_strlen(v, (uint32_t)(end - v), &n); /* always found: v[len - 1] == 0 */
		if (bytes_eq(v, n, str, slen))
			return 1;
	}
	return 0;
}

int fdt_node_is_compatible(const struct fdt *fdt, int node, const char *compat)
{
	int r = fdt_stringlist_contains(fdt, node, "compatible", compat);

	return r == -FDT_ERR_NOTFOUND ? 0 : r;
}

int fdt_node_is_available(const struct fdt *fdt, int node)
{
	const char *status;
	int err = fdt_getprop_string(fdt, node, "status", &status);

	if (err == -FDT_ERR_NOTFOUND)
		return 1;
	if (err)
		return err;
	return bytes_eq((const uint8_t *)status, (uint32_t)cstrlen(status), "okay", 4) ||
	       bytes_eq((const uint8_t *)status, (uint32_t)cstrlen(status), "ok", 2);
}

/* ---- addresses ---- */

static int cells(const struct fdt *f, int node, const char *name, uint32_t dflt)
{
	uint32_t v;
	int err = fdt_getprop_u32(f, node, name, &v);

	if (err == -FDT_ERR_NOTFOUND)
		return (int)dflt;
	if (err == -FDT_ERR_BADVALUE)
		return -FDT_ERR_BADCELLS;
	if (err)
		return err;
	return v > FDT_MAX_CELLS ? -FDT_ERR_BADCELLS : (int)v;
}

int fdt_address_cells(const struct fdt *fdt, int node)
{
	return cells(fdt, node, "#address-cells", 2);
}

int fdt_size_cells(const struct fdt *fdt, int node)
{
	return cells(fdt, node, "#size-cells", 1);
}

/* node's reg, checked against its parent's cells: value, entry count, cells. */
static int reg_prop(const struct fdt *f, int node, const uint8_t **val, int *ac, int *sc)
{
	const void *v;
	uint32_t len;
	int parent = fdt_parent(f, node), err;

	if (parent < 0)
		return parent == -FDT_ERR_NOTFOUND ? -FDT_ERR_BADOFFSET
						   : parent; /* the root has no reg */
	*ac = fdt_address_cells(f, parent);
	*sc = fdt_size_cells(f, parent);
	if (*ac < 0)
		return *ac;
	if (*sc < 0)
		return *sc;
	if (*ac < 1 || *ac > 2 || *sc > 2)
		return -FDT_ERR_BADCELLS; /* cannot be read as 64-bit numbers */
	err = fdt_getprop(f, node, "reg", &v, &len);
	if (err)
		return err;
	if (len % (4u * (uint32_t)(*ac + *sc)))
		return -FDT_ERR_BADCELLS;
	*val = v;
	return (int)(len / (4u * (uint32_t)(*ac + *sc)));
}

int fdt_reg_count(const struct fdt *fdt, int node)
{
	const uint8_t *v;
	int ac, sc;

	return reg_prop(fdt, node, &v, &ac, &sc);
}

int fdt_reg(const struct fdt *fdt, int node, unsigned i, uint64_t *addr, uint64_t *size)
{
	const uint8_t *v;
	int ac, sc, n = reg_prop(fdt, node, &v, &ac, &sc);

	if (n < 0)
		return n;
	if (i >= (unsigned)n)
		return -FDT_ERR_NOTFOUND;
	v += 4u * (uint32_t)(ac + sc) * i;
	*addr = read_cells(v, ac);
	*size = read_cells(v + 4 * ac, sc);
	return 0;
}

int fdt_translate(const struct fdt *fdt, int node, uint64_t addr, uint64_t *out)
{
	int bus = fdt_parent(fdt, node);

	if (bus < 0)
		return bus == -FDT_ERR_NOTFOUND ? -FDT_ERR_BADOFFSET : bus;
	/* Each step goes one level up: at most FDT_MAX_DEPTH steps. */
	while (bus != (int)fdt->root) {
		const uint8_t *r;
		const void *v;
		uint32_t len;
		int parent = fdt_parent(fdt, bus), err, ca, sc, pa;

		if (parent < 0)
			return parent;
		err = fdt_getprop(fdt, bus, "ranges", &v, &len);
		if (err)
			return err == -FDT_ERR_NOTFOUND ? -FDT_ERR_NOTRANSLATION : err;
		if (len) { /* empty "ranges": the same addresses on both sides */
			uint32_t entry;
			bool found = false;

			ca = fdt_address_cells(fdt, bus);
			sc = fdt_size_cells(fdt, bus);
			pa = fdt_address_cells(fdt, parent);
			if (ca < 0 || sc < 0 || pa < 0)
				return ca < 0 ? ca : sc < 0 ? sc : pa;
			if (ca < 1 || ca > 2 || pa < 1 || pa > 2 || sc < 1 || sc > 2)
				return -FDT_ERR_BADCELLS;
			entry = 4u * (uint32_t)(ca + pa + sc);
			if (len % entry)
				return -FDT_ERR_BADCELLS;
			for (r = v; r < (const uint8_t *)v + len; r += entry) {
				uint64_t child = read_cells(r, ca), up = read_cells(r + 4 * ca, pa);
				uint64_t size = read_cells(r + 4 * (ca + pa), sc);

				if (addr >= child && addr - child < size) {
					addr = up + (addr - child);
					found = true;
					break;
				}
			}
			if (!found)
				return -FDT_ERR_NOTRANSLATION;
		}
		bus = parent;
	}
	*out = addr;
	return 0;
}

int fdt_reg_phys(const struct fdt *fdt, int node, unsigned i, uint64_t *addr, uint64_t *size)
{
	uint64_t a, s;
	int err = fdt_reg(fdt, node, i, &a, &s);

	if (!err)
		err = fdt_translate(fdt, node, a, &a);
	if (err)
		return err;
	*addr = a;
	*size = s;
	return 0;
}

/* ---- well-known nodes ---- */

int fdt_find_memory(const struct fdt *fdt)
{
	int node;

	for (node = fdt_first_subnode(fdt, (int)fdt->root); node >= 0;
	     node = fdt_next_subnode(fdt, node)) {
		uint32_t len;
		const char *name = fdt_node_name(fdt, node, &len), *type;

		if (name && name_matches(name, len, "memory", 6))
			return node;
		if (!fdt_getprop_string(fdt, node, "device_type", &type) &&
		    bytes_eq((const uint8_t *)type, (uint32_t)cstrlen(type), "memory", 6))
			return node;
	}
	return node;
}

int fdt_stdout_path(const struct fdt *fdt, const char **path, uint32_t *len)
{
	const char *p;
	uint32_t n = 0;
	int chosen = fdt_path_offset(fdt, "/chosen"), err;

	if (chosen < 0)
		return chosen;
	err = fdt_getprop_string(fdt, chosen, "stdout-path", &p);
	if (err == -FDT_ERR_NOTFOUND)
		err = fdt_getprop_string(fdt, chosen, "linux,stdout-path", &p);
	if (err)
		return err;
	while (p[n] && p[n] != ':')
		n++;
	if (!n)
		return -FDT_ERR_BADPATH;
	*path = p;
	*len = n;
	return 0;
}

int fdt_stdout_node(const struct fdt *fdt)
{
	const char *path;
	uint32_t len;
	int err = fdt_stdout_path(fdt, &path, &len);

	return err ? err : fdt_path_offset_len(fdt, path, len);
}

int fdt_find_compatible(const struct fdt *fdt, int from, const char *compat)
{
	int node = fdt_next_node(fdt, from, NULL);

	for (; node >= 0; node = fdt_next_node(fdt, node, NULL))
		if (fdt_node_is_compatible(fdt, node, compat) == 1)
			return node;
	return node;
}
