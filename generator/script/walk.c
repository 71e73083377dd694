/* walk: the traversal keeps its own cursor (siblings are singly
 * linked): prev is the node before the one being looked at, so a
 * result can be spliced in where the old node was. A result is made
 * into nodes completely before the tree is touched. */
#include "walk.h"

#include <lauxlib.h>
#include <stdio.h>
#include <string.h>

#include "../model/doc.h"

#define WK_TEXT (WALK_BIT(LD_STR) | WALK_BIT(LD_SPACE))
#define WK_INLINES ((WALK_BIT(LD_RUBY + 1) - 1))
#define WK_BLOCKS ((WALK_BIT(LD_DEFLIST + 1) - 1) & ~WK_INLINES)

static void td_into(struct walk *w, struct doc_node *n);
static void td_list(struct walk *w, struct doc_node *holder, int inlines);

void walk_fn(struct walk *w, enum ld_el e)
{
	lua_rawgeti(w->ld.L, w->fns, e);
	w->ld.file = w->file;
	w->ld.what = ld_names[e];
	w->ld.line = w->lines[e];
}

int walk_call(struct walk *w)
{
	lua_State *L = w->ld.L;
	lua_call(L, 1, 2);
	int stop = lua_type(L, -1) == LUA_TBOOLEAN && !lua_toboolean(L, -1);
	lua_pop(L, 1);
	return !stop;
}

/* Puts the chain where the nodes between prev and next were; returns
 * the new prev. */
static struct doc_node *wk_splice(struct walk *w, struct doc_node *parent, struct doc_node *prev,
				  struct doc_node *next, struct ld_chain *ch)
{
	for (struct doc_node *k = ch->first; k; k = k->next)
		k->parent = parent;
	if (ch->last)
		ch->last->next = next;
	struct doc_node *head = ch->first ? ch->first : next;
	if (prev)
		prev->next = head;
	else
		parent->first = head;
	w->changed = 1;
	return ch->last ? ch->last : prev;
}

/* Calls the function on top with the element of n and puts what it
 * returns in n's place; returns the new prev. */
static struct doc_node *wk_apply(struct walk *w, struct doc_node *parent,
				 struct doc_node *prev, struct doc_node *n, int inlines,
				 int markdown)
{
	lua_State *L = w->ld.L;
	int top = lua_gettop(L) - 1;
	struct doc_node *next = n->next;
	ld_push_node(&w->ld, n);
	int descend = walk_call(w);
	if (lua_isnil(L, -1)) {
		lua_settop(L, top);
		if (w->topdown && descend)
			td_into(w, n);
		return n;
	}
	if (markdown && lua_type(L, -1) == LUA_TSTRING)
		w->read(w);	/* a custom block's Markdown */
	struct ld_chain ch = {0};
	w->ld.at = n;
	ld_take(&w->ld, -1, inlines, &ch);
	lua_settop(L, top);
	if (w->topdown && descend)
		for (struct doc_node *k = ch.first; k; k = k->next)
			td_into(w, k);
	return wk_splice(w, parent, prev, next, &ch);
}

/* A run of text: Str and Space, each given to its function; the run is
 * rebuilt only if a function returned something. */
static struct doc_node *wk_run(struct walk *w, struct doc_node *parent, struct doc_node *prev,
			       struct doc_node *first, struct doc_node *end, struct doc_node *last)
{
	lua_State *L = w->ld.L;
	int top = lua_gettop(L);
	lua_newtable(L);
	int list = top + 1;
	ld_push_run(&w->ld, first, list, 1);	/* text, false for a blank */
	lua_Integer n = (lua_Integer)lua_rawlen(L, list), kept = 0;
	struct ld_chain ch = {0};
	int changed = 0;
	for (lua_Integer i = 1; i <= n; i++) {
		enum ld_el e = lua_rawgeti(L, list, i) == LUA_TSTRING ? LD_STR : LD_SPACE;
		if (!(w->has & WALK_BIT(e))) {
			lua_pop(L, 1);
			continue;
		}
		walk_fn(w, e);
		ld_push_token(&w->ld, -2);
		lua_remove(L, -3);
		int descend = walk_call(w);
		if (!lua_isnil(L, -1)) {
			w->ld.at = first;
			if (i - 1 > kept)
				ld_take_text(&w->ld, list, kept + 1, i - 1, &ch);
			struct doc_node *from = ch.last;
			ld_take(&w->ld, -1, 1, &ch);
			kept = i;
			changed = 1;
			for (struct doc_node *k = from ? from->next : ch.first; w->topdown && descend && k; k = k->next)
				td_into(w, k);
		}
		lua_pop(L, 1);
	}
	if (!changed) {
		lua_settop(L, top);
		return last;
	}
	w->ld.at = first;	/* a topdown walk inside may have moved it */
	if (kept < n)
		ld_take_text(&w->ld, list, kept + 1, n, &ch);
	ld_merge_texts(&w->ld, &ch);
	lua_settop(L, top);
	return wk_splice(w, parent, prev, end, &ch);
}

void walk_replace_children(struct walk *w, struct doc_node *holder, int inlines)
{
	lua_State *L = w->ld.L;
	if (lua_isnil(L, -1)) {
		lua_pop(L, 1);
		return;
	}
	struct ld_chain ch = {0};
	w->ld.at = holder;
	ld_take(&w->ld, -1, inlines, &ch);
	lua_pop(L, 1);
	ld_adopt(holder, &ch);	/* reads a list item's task box again */
	w->changed = 1;
}

/* Calls Inlines or Blocks with holder's children. */
static void wk_list(struct walk *w, struct doc_node *holder, int inlines)
{
	walk_fn(w, inlines ? LD_INLINES : LD_BLOCKS);
	if (inlines)
		ld_push_inlines(&w->ld, holder->first);
	else
		ld_push_blocks_of(&w->ld, holder);
	walk_call(w);
	walk_replace_children(w, holder, inlines);
}

/* Pushes the tebiki.block function for a fenced block, if any. */
static int wk_custom(struct walk *w, const struct doc_node *n)
{
	lua_State *L = w->ld.L;
	if (!w->blocks || n->type != DOC_CODEBLOCK || !n->u.text.info)
		return 0;
	size_t len = strcspn(n->u.text.info, " \t{");
	lua_pushlstring(L, n->u.text.info, len);
	if (lua_rawget(L, w->blocks) != LUA_TFUNCTION) {
		lua_pop(L, 1);
		return 0;
	}
	lua_Debug ar;
	lua_pushvalue(L, -1);
	lua_getinfo(L, ">S", &ar);
	snprintf(w->what, sizeof w->what, "tebiki.block '%.*s'", (int)len, n->u.text.info);
	w->ld.file = w->file;
	w->ld.what = w->what;
	w->ld.line = ar.linedefined;
	return 1;
}

/* ---- typewise ----------------------------------------------------- */

static void wk_inline_elements(struct walk *w, struct doc_node *parent)
{
	struct doc_node *prev = NULL, *n = parent->first;
	while (n) {
		if (ld_in_run(n)) {
			struct doc_node *last, *end = ld_run_end(n, &last);
			prev = w->has & WK_TEXT ? wk_run(w, parent, prev, n, end, last) : last;
			n = end;
			continue;
		}
		struct doc_node *next = n->next;
		if (n->first)
			wk_inline_elements(w, n);
		enum ld_el e = ld_el_of(n);
		if (e < LD_NONE && ld_is_inline(e) && (w->has & WALK_BIT(e))) {
			walk_fn(w, e);
			prev = wk_apply(w, parent, prev, n, 1, 0);
		} else {
			prev = n;
		}
		n = next;
	}
}

static void wk_inline_lists(struct walk *w, struct doc_node *n)
{
	for (struct doc_node *c = n->first; c; c = c->next)
		if (c->first)
			wk_inline_lists(w, c);
	if (ld_holds_inlines(n))
		wk_list(w, n, 1);
}

static int wk_has_blocks_inside(const struct doc_node *n)
{
	return ld_holds_blocks(n) || n->type == DOC_LIST || n->type == DOC_DEFLIST;
}

static void wk_block_elements(struct walk *w, struct doc_node *parent)
{
	struct doc_node *prev = NULL, *n = parent->first;
	while (n) {
		struct doc_node *next = n->next;
		if (wk_has_blocks_inside(n))
			wk_block_elements(w, n);
		enum ld_el e = ld_el_of(n);
		if (wk_custom(w, n)) {
			prev = wk_apply(w, parent, prev, n, 0, 1);
		} else if (e < LD_NONE && !ld_is_inline(e) && (w->has & WALK_BIT(e))) {
			walk_fn(w, e);
			prev = wk_apply(w, parent, prev, n, 0, 0);
		} else {
			prev = n;
		}
		n = next;
	}
}

static void wk_block_lists(struct walk *w, struct doc_node *n)
{
	for (struct doc_node *c = n->first; c; c = c->next)
		if (wk_has_blocks_inside(c))
			wk_block_lists(w, c);
	if (ld_holds_blocks(n))
		wk_list(w, n, 0);
}

void walk_typewise(struct walk *w, struct doc_node *root)
{
	if (w->has & WK_INLINES)
		wk_inline_elements(w, root);
	if (w->has & WALK_BIT(LD_INLINES))
		wk_inline_lists(w, root);
	if ((w->has & WK_BLOCKS) || w->blocks)
		wk_block_elements(w, root);
	if (w->has & WALK_BIT(LD_BLOCKS))
		wk_block_lists(w, root);
}

int walk_has_inlines(const struct walk *w)
{
	return (w->has & (WK_INLINES | WALK_BIT(LD_INLINES))) != 0;
}

void walk_inlines(struct walk *w, struct doc_node *holder)
{
	if (w->topdown) {
		td_list(w, holder, 1);
		return;
	}
	if (w->has & WK_INLINES)
		wk_inline_elements(w, holder);
	if (w->has & WALK_BIT(LD_INLINES))
		wk_list(w, holder, 1);
}

/* ---- topdown ------------------------------------------------------ */

/* The list function first, then each element, then inside it (unless
 * its function returned false as a second value). */
static void td_list(struct walk *w, struct doc_node *holder, int inlines)
{
	if (w->has & WALK_BIT(inlines ? LD_INLINES : LD_BLOCKS))
		wk_list(w, holder, inlines);
	struct doc_node *prev = NULL, *n = holder->first;
	while (n) {
		if (inlines && ld_in_run(n)) {
			struct doc_node *last, *end = ld_run_end(n, &last);
			prev = w->has & WK_TEXT ? wk_run(w, holder, prev, n, end, last) : last;
			n = end;
			continue;
		}
		struct doc_node *next = n->next;
		enum ld_el e = ld_el_of(n);
		if (!inlines && wk_custom(w, n)) {
			prev = wk_apply(w, holder, prev, n, 0, 1);
		} else if (e < LD_NONE && (w->has & WALK_BIT(e))) {
			walk_fn(w, e);
			prev = wk_apply(w, holder, prev, n, inlines, 0);
		} else {
			td_into(w, n);
			prev = n;
		}
		n = next;
	}
}

#define WK_MAXDEPTH 200

static void td_into(struct walk *w, struct doc_node *n)
{
	if (++w->depth > WK_MAXDEPTH)	/* Str → Emph{Str} → Emph{Emph{Str}} … */
		ld_error(&w->ld, "elements nested more than %d deep: does a topdown function wrap what it is given?",
			 WK_MAXDEPTH);
	switch ((enum doc_type)n->type) {
	case DOC_DOCUMENT: case DOC_BLOCKQUOTE: case DOC_DIV: case DOC_CALLOUT: case DOC_ITEM:
	case DOC_DEFINITION: case DOC_NOTE:
		td_list(w, n, 0);
		break;
	case DOC_LIST: case DOC_TABLE: case DOC_TABLE_ROW: case DOC_DEFLIST:
		for (struct doc_node *c = n->first; c; c = c->next)
			td_into(w, c);
		break;
	case DOC_PARAGRAPH: case DOC_HEADING: case DOC_TABLE_CELL: case DOC_EMPH:
	case DOC_STRONG: case DOC_STRIKE: case DOC_LINK: case DOC_IMAGE: case DOC_TERM:
	case DOC_SPAN: case DOC_RUBY:
		td_list(w, n, 1);
		break;
	case DOC_CODEBLOCK: case DOC_HTMLBLOCK: case DOC_THEMATIC: case DOC_TEXT:
	case DOC_SOFTBREAK: case DOC_LINEBREAK: case DOC_CODE: case DOC_HTMLINLINE:
	case DOC__COUNT:
		break;
	}
	w->depth--;
}

void walk_topdown(struct walk *w, struct doc_node *root)
{
	td_into(w, root);
}
