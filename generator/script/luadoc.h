/* luadoc: tebiki's document tree as Lua element tables (Pandoc's names
 * and fields) and back. Internal to script/: it includes <lua.h>.
 *
 * Pushing makes fresh tables, so a filter can keep or change them as it
 * likes; reading back builds new nodes in the document's arena and never
 * touches the tree, so the caller splices the result in only once it
 * is complete. Reading uses raw access only, and every allocation goes
 * to the arena or to Lua: a Lua error (a bad value, the memory limit)
 * may jump out of it at any point without leaking or leaving a
 * half-edited tree. */
#ifndef TEBIKI_LUADOC_H
#define TEBIKI_LUADOC_H
#include <lua.h>

struct doc;
struct doc_node;

/* The elements, then the names a filter can also have a function for. */
enum ld_el {
	LD_STR, LD_SPACE, LD_SOFTBREAK, LD_LINEBREAK, LD_EMPH, LD_STRONG,
	LD_STRIKEOUT, LD_CODE, LD_LINK, LD_IMAGE, LD_RAWINLINE, LD_NOTE, LD_SPAN,
	LD_RUBY,	/* inlines */
	LD_PARA, LD_PLAIN, LD_HEADER, LD_BLOCKQUOTE, LD_BULLETLIST,
	LD_ORDEREDLIST, LD_CODEBLOCK, LD_RAWBLOCK, LD_HR, LD_TABLE, LD_DIV,
	LD_CALLOUT, LD_DEFLIST,	/* blocks */
	LD_INLINE, LD_BLOCK, LD_INLINES, LD_BLOCKS, LD_META, LD_PANDOC,
	LD__COUNT,
	LD_NONE = LD__COUNT
};

extern const char *const ld_names[LD__COUNT];

struct ld {
	lua_State *L;
	struct doc *doc;		/* where new nodes are made */
	const struct doc_node *at;	/* new nodes take its position */
	int mt_el, mt_list, mt_attr, mt_attrs;	/* stack indices of the metatables */
	int pos;		/* stack index of element → node (weak keys), or 0 */
	int depth;
	/* where a bad result is reported: the function that returned it
	 * (file NULL: the Lua code calling the running C function) */
	const char *file;
	int line;
	const char *what;	/* "Str", "tebiki.block 'quiz'" … */
};

/* A chain of new siblings, not yet in a tree. */
struct ld_chain {
	struct doc_node *first, *last;
};

int ld_is_inline(enum ld_el e);
/* The element a node is shown as (LD_NONE for the document, list
 * items, rows and cells, which are not elements). */
enum ld_el ld_el_of(const struct doc_node *n);
/* TEXT, and soft breaks between Japanese characters (not a space, so
 * not an element): a run of them is one stretch of Str and Space. */
int ld_in_run(const struct doc_node *n);
/* The node after the run starting at n; *last is its last node. */
struct doc_node *ld_run_end(struct doc_node *n, struct doc_node **last);
/* Does n hold inlines (Para, Header, a table cell, Emph, Link…)? */
int ld_holds_inlines(const struct doc_node *n);
/* Does n hold blocks (the document, BlockQuote, a list item, Div…)? */
int ld_holds_blocks(const struct doc_node *n);

/* doc → Lua: each pushes one value. */
void ld_push_node(struct ld *c, const struct doc_node *n);	/* an element */
void ld_push_inlines(struct ld *c, const struct doc_node *first);
void ld_push_blocks(struct ld *c, const struct doc_node *first);
/* The blocks of n (a list item's with its task box, ☐ or ☒). */
void ld_push_blocks_of(struct ld *c, const struct doc_node *n);
/* Appends the Str and Space of the run at n to the list at index
 * list; returns the node after the run. raw: as the text of each Str
 * and false for each Space, cheaper than elements (ld_take_text and
 * ld_take read both). */
const struct doc_node *ld_push_run(struct ld *c, const struct doc_node *n, int list,
				   int raw);

/* Pushes the element for a raw token (at idx) of ld_push_run. */
void ld_push_token(struct ld *c, int idx);

/* Lua → doc: appends the nodes made from the value at idx (nil, an
 * element, a list of them; text where inlines go) to out. */
void ld_take(struct ld *c, int idx, int inlines, struct ld_chain *out);
/* Appends items from..to of the list at idx, all Str, Space, text or
 * false (a raw Space), as one text node. */
void ld_take_text(struct ld *c, int idx, lua_Integer from, lua_Integer to,
		  struct ld_chain *out);
/* Joins neighbouring text nodes of a chain into one. */
void ld_merge_texts(struct ld *c, struct ld_chain *ch);
/* The children of n become the chain (a list item's task box read). */
void ld_adopt(struct doc_node *n, struct ld_chain *ch);
/* Raises "file:line: what: message". */
int ld_error(struct ld *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
