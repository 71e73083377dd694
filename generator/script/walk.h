/* walk: one filter's functions over one document tree, in Pandoc's
 * order. Typewise (the default): inline element functions, then
 * Inlines, then block element functions, then Blocks, each pass
 * bottom-up over the whole tree; topdown: from the root to the leaves
 * in one pass. Only nodes the filter has a function for are made into
 * Lua tables; a pass with no function does not run. Internal to
 * script/. */
#ifndef TEBIKI_WALK_H
#define TEBIKI_WALK_H
#include "luadoc.h"

#define WALK_BIT(e) (1ul << (e))

struct walk {
	struct ld ld;		/* L, the document, metatables, positions */
	int fns;		/* stack index: enum ld_el → function (fallbacks resolved) */
	unsigned long has;	/* WALK_BIT(e) for each function */
	int lines[LD__COUNT];	/* where each function is defined */
	int blocks;		/* stack index: custom block name → function, or 0 */
	int topdown;
	int depth;		/* of td_into: a topdown walk goes into what functions return */
	const char *file;	/* the filter file */
	int changed;		/* the tree was edited */
	/* Replaces the Markdown text at the top of the stack by the
	 * blocks it makes (a custom block may return Markdown). */
	void (*read)(struct walk *w);
	char what[96];
};

void walk_typewise(struct walk *w, struct doc_node *root);
void walk_topdown(struct walk *w, struct doc_node *root);
/* Only the inline functions (elements, then Inlines) over the inlines
 * of holder: Pandoc's MetaInlines, a front-matter title. */
void walk_inlines(struct walk *w, struct doc_node *holder);
/* Has the filter a function for inlines? */
int walk_has_inlines(const struct walk *w);
/* Pushes the function for e and makes errors name it. */
void walk_fn(struct walk *w, enum ld_el e);
/* Calls the function below the argument on top; leaves its result and
 * returns 0 if it also returned false (topdown: do not go inside). */
int walk_call(struct walk *w);
/* The children of holder become the value on top (nil: unchanged). */
void walk_replace_children(struct walk *w, struct doc_node *holder, int inlines);

#endif
