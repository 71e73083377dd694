/* doc: tebiki's own document tree. One closed enum of node kinds, a
 * small payload per kind, and the source position on every node.
 * All nodes and strings of a document live in its arena. Later stages
 * (tailoring, charts, callouts) add kinds here; every switch over
 * doc_type lists them all, so the compiler finds the places to touch. */
#ifndef TEBIKI_DOC_H
#define TEBIKI_DOC_H
#include <stddef.h>
#include <stdint.h>

#include "../base/arena.h"

enum doc_type {
	/* blocks */
	DOC_DOCUMENT,
	DOC_PARAGRAPH,
	DOC_HEADING,
	DOC_BLOCKQUOTE,
	DOC_LIST,
	DOC_ITEM,
	DOC_CODEBLOCK,
	DOC_HTMLBLOCK,
	DOC_THEMATIC,
	DOC_TABLE,
	DOC_TABLE_ROW,
	DOC_TABLE_CELL,
	DOC_DIV,		/* ::: {.class} or ::: only …: a fenced div */
	DOC_CALLOUT,		/* ::: note|tip|warning|point|exercise|details [title] */
	DOC_DEFLIST,		/* a definition list: TERM, then its DEFINITIONs, … */
	DOC_TERM,		/* its inlines: the term */
	DOC_DEFINITION,		/* its blocks: one definition of the term before */
	/* inlines */
	DOC_TEXT,
	DOC_SOFTBREAK,
	DOC_LINEBREAK,
	DOC_CODE,
	DOC_HTMLINLINE,
	DOC_EMPH,
	DOC_STRONG,
	DOC_STRIKE,
	DOC_LINK,
	DOC_IMAGE,
	DOC_NOTE,		/* a footnote: its children are the note's blocks */
	DOC_SPAN,		/* <kbd>, <sup>, <abbr title>, <span id> …: u.div */
	DOC_RUBY,		/* its children are the base text, u.ruby.rt the reading */
	DOC__COUNT
};

enum doc_align { DOC_ALIGN_NONE, DOC_ALIGN_LEFT, DOC_ALIGN_CENTER, DOC_ALIGN_RIGHT };

/* flags */
#define DOC_F_TIGHT	0x01	/* DOC_LIST: tight list */
#define DOC_F_ORDERED	0x02	/* DOC_LIST */
#define DOC_F_TASK	0x04	/* DOC_ITEM: a task list item */
#define DOC_F_CHECKED	0x08	/* DOC_ITEM: task done */
#define DOC_F_HEADER	0x10	/* DOC_TABLE_ROW: the header row */
#define DOC_F_JOIN	0x20	/* DOC_SOFTBREAK: between CJK, not a space */
#define DOC_F_COLLAPSE	0x40	/* DOC_CALLOUT: collapsible (<details>, ???) */
#define DOC_F_OPEN	0x80	/* DOC_CALLOUT: … and open at first (???+) */
#define DOC_F_INDENTED	0x01	/* DOC_CODEBLOCK: indented, not fenced */

/* key=value attributes of a fenced div, an HTML element or a link, in
 * the order written. */
struct doc_attr {
	const char *key;
	const char *value;	/* "micro,small" as written */
	uint32_t line;
	uint16_t col;
	struct doc_attr *next;
};

/* Siblings are singly linked (no prev or last pointer): with every
 * page of a large site in memory, each pointer costs a megabyte per
 * ten thousand pages. Builders keep their own cursor and use
 * doc_insert_after. */
struct doc_node {
	struct doc_node *parent, *first, *next;
	uint32_t line;
	uint16_t col;
	uint8_t type;		/* enum doc_type */
	uint8_t flags;
	union {
		/* TEXT, CODE, CODEBLOCK, HTMLBLOCK, HTMLINLINE */
		struct {
			const char *s;
			size_t len;
			const char *info;	/* CODEBLOCK: info string */
		} text;
		struct {
			int level;
			const char *id;	/* set by passes/xref */
		} heading;
		struct {
			int start;
			char delim;	/* '.' or ')' */
		} list;
		/* LINK, IMAGE */
		struct {
			const char *url;	/* as written */
			const char *href;	/* rewritten for the site, or NULL */
			struct doc_attr *attrs;	/* title; an <img>'s width, height */
		} link;
		struct {
			int ncols;
			uint8_t *align;	/* enum doc_align per column */
		} table;
		struct {
			int col;	/* TABLE_CELL: column index */
		} cell;
		/* DIV, CALLOUT; SPAN (kind: the HTML tag or the class) */
		struct {
			const char *kind;	/* "only", "note", a class, … */
			/* CALLOUT: the title after the kind, or NULL: a
			 * PARAGRAPH of inlines, not among the children */
			struct doc_node *title;
			struct doc_attr *attrs;
		} div;
		struct {
			const char *label;	/* [^label], or NULL for ^[…] */
		} note;
		struct {
			const char *rt;		/* the reading */
		} ruby;
	} u;
};

/* A warning held until Lua filters have run: given only if the text
 * key is still in the document then (input/unsupported). */
struct doc_held {
	const char *key, *msg;
	uint32_t line;
	uint16_t col;
	struct doc_held *next;
};

struct doc {
	struct arena arena;
	struct doc_node *root;
	const char *file;	/* project-relative path, for diagnostics */
	struct doc_held *held;
	int html;		/* a raw HTML node was made: rawhtml_tree has work */
};

/* size_hint: expected bytes of nodes and text (0 if unknown). */
struct doc *doc_new(const char *file, size_t size_hint);
void doc_free(struct doc *d);
struct doc_node *doc_node_new(struct doc *d, enum doc_type type, int line, int col);
/* Appends child; walks the siblings, so builders use doc_insert_after. */
void doc_append(struct doc_node *parent, struct doc_node *child);
/* Inserts child after the sibling after (NULL: as the first child). */
void doc_insert_after(struct doc_node *parent, struct doc_node *after,
		      struct doc_node *child);
void doc_unlink(struct doc_node *n);
struct doc_node *doc_last(const struct doc_node *n);	/* last child */
struct doc_node *doc_prev(const struct doc_node *n);	/* previous sibling */
const char *doc_type_name(enum doc_type t);
int doc_is_block(enum doc_type t);
/* Does n hold blocks (document, quote, item, div, callout, definition,
 * note)? Inlines (paragraph, heading, cell, emphasis, link, term, span,
 * ruby …)? */
int doc_holds_blocks(const struct doc_node *n);
int doc_holds_inlines(const struct doc_node *n);
/* The value of an attribute of a div, callout, span, link or image,
 * or NULL. */
const char *doc_attr(const struct doc_node *n, const char *key);
/* The id a node carries for links to point at: a heading's, a fenced
 * div's {#id}, an HTML element's id= (<span id>, <a id>). NULL if none. */
const char *doc_node_id(const struct doc_node *n);
/* Is kind one of the callout kinds (note, tip, warning, point,
 * exercise, details)? */
int doc_is_callout_kind(const char *kind);
/* `{#id}` at the end of a heading's text (Pandoc, VitePress, MkDocs
 * attr_list, Hugo): returns the id, in d's arena, and takes it and the
 * blanks before it off the text; NULL when the heading has none. */
const char *doc_heading_take_id(struct doc *d, struct doc_node *h);
/* Appends the plain text of n and its descendants (soft breaks per
 * DOC_F_JOIN) to b: the base text of ruby, no footnotes. */
struct buf;
void doc_text(const struct doc_node *n, struct buf *b);
/* The same text, piece by piece, to fn, until fn returns nonzero
 * (which doc_text_each then returns): for a reader that can stop. */
int doc_text_each(const struct doc_node *n, int (*fn)(void *ctx, const char *s, size_t len),
		  void *ctx);
/* Next node in document order (pre-order), staying under top. */
struct doc_node *doc_walk_next(struct doc_node *n, const struct doc_node *top);
/* A deep copy of src for one variant: subtrees for which keep (if not
 * NULL) returns 0 are left out. Strings are shared with src, which must
 * outlive the copy; nothing edits a string in place. */
typedef int (*doc_keep_fn)(const struct doc_node *n, void *ctx);
struct doc *doc_copy(const struct doc *src, doc_keep_fn keep, void *ctx);
/* A deep copy of n and what is under it, in d's arena, unlinked. */
struct doc_node *doc_copy_tree(struct doc *d, const struct doc_node *n);
/* Is n inside (or itself) a div marked for another format
 * (format=pdf when format is "html", and the reverse)? */
int doc_other_format(const struct doc_node *n, const char *format);
/* Writes an S-expression-like dump, one node a line, for golden tests. */
void doc_dump(const struct doc_node *n, struct buf *b);

#endif
