/*
 * A small, defensive reader for flattened device trees (the DTB format of
 * the Devicetree Specification, versions 16 and 17).
 *
 * fdt_open() checks the header and walks the whole structure block once, so
 * that a corrupt blob is refused with a precise error before anything is
 * looked up. Every later read is bounds-checked again all the same: no call
 * reads outside the totalsize bytes that fdt_open() accepted, whatever the
 * blob holds. The blob is only read, never written; it may sit at any byte
 * alignment. Portable: no libc, no allocation, no recursion.
 *
 * Node offsets are offsets in the structure block (>= 0). Functions that
 * return an int give a node offset, 0 or a count on success and a negative
 * error (-FDT_ERR_...) on failure; fdt_strerror() describes it.
 */
#ifndef FDT_H
#define FDT_H

#include "types.h"

#define FDT_MAGIC            0xd00dfeedu
#define FDT_V16_HEADER_SIZE  36 /* version 16: no size_dt_struct */
#define FDT_V17_HEADER_SIZE  40
#define FDT_MIN_VERSION      16          /* oldest version read */
#define FDT_MAX_COMP_VERSION 17          /* last_comp_version must not be newer */
#define FDT_MAX_TOTALSIZE    (64u << 20) /* larger blobs are refused as insane */
#define FDT_MAX_DEPTH        32          /* nodes nested deeper are refused */
#define FDT_MAX_CELLS        4           /* #address-cells / #size-cells above this are bad */

/* Structure block tokens. */
#define FDT_BEGIN_NODE 1u
#define FDT_END_NODE   2u
#define FDT_PROP       3u
#define FDT_NOP        4u
#define FDT_END        9u

enum fdt_error {
	FDT_ERR_NOTFOUND = 1, /* no such node or property (not a corruption) */
	FDT_ERR_TRUNCATED,    /* the buffer is shorter than the header or than totalsize */
	FDT_ERR_BADMAGIC,     /* the first word is not 0xd00dfeed */
	FDT_ERR_BADVERSION,   /* version < 16 or last_comp_version > 17 */
	FDT_ERR_BADTOTALSIZE, /* totalsize below the header size or insanely large */
	FDT_ERR_BADLAYOUT, /* a block's offset or size lies outside totalsize, or is misaligned */
	FDT_ERR_BADRSVMAP, /* the memory reservation map has no terminator inside the blob */
	FDT_ERR_BADSTRUCTURE, /* a bad token, bad nesting, no root node or no FDT_END */
	FDT_ERR_BADNAME,      /* a node name is empty or not terminated in the structure block */
	FDT_ERR_BADPROPLEN,   /* a property value runs past the structure block */
	FDT_ERR_BADSTRING, /* a property name lies outside the strings block or is unterminated */
	FDT_ERR_TOODEEP,   /* nodes nested deeper than FDT_MAX_DEPTH */
	FDT_ERR_BADCELLS, /* bad #address-cells/#size-cells, or reg/ranges not a whole number of entries */
	FDT_ERR_BADVALUE, /* a property has the wrong length or is not a terminated string (list) */
	FDT_ERR_BADPATH,  /* a path or alias is malformed */
	FDT_ERR_BADOFFSET, /* the node offset given is not the start of a node */
	FDT_ERR_NOTRANSLATION, /* an address cannot be translated to the root (no or no matching "ranges") */
	FDT_ERR_MAX
};

/* A blob that fdt_open() accepted, with its checked layout. */
struct fdt {
	const uint8_t *blob;
	uint32_t totalsize;
	uint32_t version;
	uint32_t boot_cpuid;
	uint32_t struct_off, struct_size;
	uint32_t strings_off, strings_size;
	uint32_t rsvmap_off, rsv_count; /* memory reservation map and its entries */
	uint32_t root;                  /* offset of the root node */
	uint32_t used;                  /* bytes up to the end of the last block */
};

/*
 * The totalsize of the blob at the start of buf, after checking only the
 * magic and that totalsize covers a header: to know how much to map before
 * calling fdt_open(). bufsize is how many bytes of buf may be read.
 */
int fdt_peek_totalsize(const void *buf, size_t bufsize, uint32_t *totalsize);

/*
 * Check the blob at buf (bufsize readable bytes: totalsize must fit) and
 * fill *fdt. 0 or a negative error; *fdt is only valid after 0.
 */
int fdt_open(struct fdt *fdt, const void *buf, size_t bufsize);

/* "bad magic" and friends; NULL never. Accepts err and -err. */
const char *fdt_strerror(int err);
/* "FDT_ERR_BADMAGIC" and friends (for tests and logs). */
const char *fdt_errname(int err);

/* Memory reservation map: the count, and entry i. */
int fdt_num_mem_rsv(const struct fdt *fdt);
int fdt_get_mem_rsv(const struct fdt *fdt, unsigned i, uint64_t *addr, uint64_t *size);

/* ---- nodes ---- */
int fdt_root(const struct fdt *fdt);
/* The node's name ("" for the root) and its length, or NULL on a bad offset. */
const char *fdt_node_name(const struct fdt *fdt, int node, uint32_t *len);
int fdt_first_subnode(const struct fdt *fdt, int node);
int fdt_next_subnode(const struct fdt *fdt, int node);
/*
 * The next node in document order after node, any depth; *depth (if not NULL)
 * is adjusted by the levels moved (+1 into a child, -n back up). -FDT_ERR_NOTFOUND
 * after the last node. Pass -1 to start at the root.
 */
int fdt_next_node(const struct fdt *fdt, int node, int *depth);
/* The direct subnode named name[0..len): "uart" also matches "uart@1000". */
int fdt_subnode(const struct fdt *fdt, int parent, const char *name, size_t len);
/*
 * A node by path: "/a/b@1/c", or an alias name from /aliases, optionally
 * followed by "/rest". Reads path[0..len) (it need not be terminated).
 */
int fdt_path_offset_len(const struct fdt *fdt, const char *path, size_t len);
int fdt_path_offset(const struct fdt *fdt, const char *path);
int fdt_parent(const struct fdt *fdt, int node);
int fdt_node_depth(const struct fdt *fdt, int node);

/* ---- properties ---- */
/* 0 and *val (not terminated, may be unaligned), *len; or a negative error. */
int fdt_getprop(const struct fdt *fdt, int node, const char *name, const void **val, uint32_t *len);
/* A one-cell property. */
int fdt_getprop_u32(const struct fdt *fdt, int node, const char *name, uint32_t *out);
/* A string property: its value must hold exactly one terminated string. */
int fdt_getprop_string(const struct fdt *fdt, int node, const char *name, const char **out);
/* 1 if the string list property name of node contains str, 0 if not, or an error. */
int fdt_stringlist_contains(const struct fdt *fdt, int node, const char *name, const char *str);
int fdt_node_is_compatible(const struct fdt *fdt, int node, const char *compat);
/* 1 when "status" is absent, "okay" or "ok"; 0 otherwise (e.g. "disabled"). */
int fdt_node_is_available(const struct fdt *fdt, int node);

/* ---- addresses ---- */
/* #address-cells / #size-cells a node gives its children (2 / 1 when absent). */
int fdt_address_cells(const struct fdt *fdt, int node);
int fdt_size_cells(const struct fdt *fdt, int node);
/* Entries in node's "reg", in its parent's cells (1-2 address, 0-2 size cells). */
int fdt_reg_count(const struct fdt *fdt, int node);
/* Entry i of "reg", as written (in the parent bus's address space). */
int fdt_reg(const struct fdt *fdt, int node, unsigned i, uint64_t *addr, uint64_t *size);
/*
 * Translate an address in node's parent bus up to the root, through each
 * ancestor's "ranges" (empty "ranges": identity; absent: not translatable).
 */
int fdt_translate(const struct fdt *fdt, int node, uint64_t addr, uint64_t *out);
/* fdt_reg() then fdt_translate(): the CPU physical address of entry i. */
int fdt_reg_phys(const struct fdt *fdt, int node, unsigned i, uint64_t *addr, uint64_t *size);

/* ---- well-known nodes ---- */
/* The first memory node: "memory", "memory@..." or device_type = "memory". */
int fdt_find_memory(const struct fdt *fdt);
/*
 * /chosen's "stdout-path" (or "linux,stdout-path"), options after ':'
 * stripped: *path and *len point into the blob (not terminated).
 */
int fdt_stdout_path(const struct fdt *fdt, const char **path, uint32_t *len);
/* The node stdout-path names (a path or an alias). */
int fdt_stdout_node(const struct fdt *fdt);
/* The first node after from (-1: from the root) whose compatible contains compat. */
int fdt_find_compatible(const struct fdt *fdt, int from, const char *compat);

#endif
