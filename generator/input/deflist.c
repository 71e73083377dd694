/* deflist: definition lists as Pandoc and PHP Markdown Extra write
 * them, found in the tree cmark built (cmark knows none):
 *
 *   用語                      用語
 *   : 定義                    (blank line)
 *                             : 定義（段落の間が空く：loose）
 *
 * The line or lines before the first line that starts with ": " are
 * terms, one a line; each ": " line starts a definition, and the lines
 * after it go on with it. cmark reads all of it as one paragraph (tight)
 * or as a paragraph of terms and paragraphs that start with ": " (loose);
 * consecutive lists, both tight or both loose, become one. */
#include "deflist.h"

#include <string.h>

#include "../model/doc.h"

/* Does the inline n (the first of a line) start with ": "? */
static int deflist_colon(const struct doc_node *n)
{
	return n && n->type == DOC_TEXT && n->u.text.len >= 2 && n->u.text.s[0] == ':' &&
	       (n->u.text.s[1] == ' ' || n->u.text.s[1] == '\t');
}

static int deflist_is_break(const struct doc_node *n)
{
	return n->type == DOC_SOFTBREAK || n->type == DOC_LINEBREAK;
}

/* The first line of paragraph p that starts with ": " (its first
 * inline), or NULL. With first, the paragraph's first line counts. */
static struct doc_node *deflist_first_colon(const struct doc_node *p, int first)
{
	if (first && deflist_colon(p->first))
		return p->first;
	for (struct doc_node *k = p->first; k; k = k->next)
		if (deflist_is_break(k) && deflist_colon(k->next))
			return k->next;
	return NULL;
}

/* Moves the inlines from `from` up to (not including) `to` into a new
 * node of type t, after `after` in list; returns it. */
static struct doc_node *deflist_wrap(struct doc *d, struct doc_node *list, struct doc_node *after,
				     enum doc_type t, struct doc_node *from, struct doc_node *to)
{
	struct doc_node *n = doc_node_new(d, t, (int)from->line, from->col);
	n->first = from;
	struct doc_node *k = from;
	for (;; k = k->next) {
		k->parent = n;
		if (k->next == to)
			break;
	}
	k->next = NULL;
	if (t == DOC_DEFINITION) {	/* a definition holds blocks */
		struct doc_node *para = doc_node_new(d, DOC_PARAGRAPH, (int)from->line, from->col);
		para->first = n->first;
		for (k = para->first; k; k = k->next)
			k->parent = para;
		n->first = NULL;
		doc_insert_after(n, NULL, para);
	}
	doc_insert_after(list, after, n);
	return n;
}

/* Takes ": " off the text that starts a definition. */
static void deflist_strip(struct doc_node *t)
{
	size_t k = 1;
	while (k < t->u.text.len && (t->u.text.s[k] == ' ' || t->u.text.s[k] == '\t'))
		k++;
	t->u.text.s += k;
	t->u.text.len -= k;
	t->col = (uint16_t)(t->col + k);
}

/* The lines of a run of inlines, split at the breaks before lines that
 * start with ": " (definitions) or, before the first, at every break
 * (terms); added to list after `after`. Returns the last node added. */
static struct doc_node *deflist_lines(struct doc *d, struct doc_node *list, struct doc_node *after,
				      struct doc_node *k, int terms)
{
	while (k) {
		struct doc_node *start = k, *brk = NULL;
		int def = deflist_colon(start) && !terms;
		if (def)
			deflist_strip(start);
		for (struct doc_node *j = start; j; j = j->next)
			if (deflist_is_break(j) && (terms || deflist_colon(j->next))) {
				brk = j;
				break;
			}
		struct doc_node *next = brk ? brk->next : NULL;
		if (brk == start) {	/* an empty line: nothing to wrap */
			k = next;
			continue;
		}
		after = deflist_wrap(d, list, after, terms ? DOC_TERM : DOC_DEFINITION, start, brk);
		k = next;
		if (terms && deflist_colon(k))
			return after;	/* the rest is definitions, from the caller */
	}
	return after;
}

/* Paragraph p (with a ": " line after its first) as a tight list. */
static struct doc_node *deflist_tight(struct doc *d, struct doc_node *p, struct doc_node *colon)
{
	struct doc_node *list = doc_node_new(d, DOC_DEFLIST, (int)p->line, p->col);
	list->flags |= DOC_F_TIGHT;
	struct doc_node *brk = p->first;
	while (brk->next != colon)
		brk = brk->next;
	brk->next = NULL;	/* the terms end at the break before colon */
	struct doc_node *last = deflist_lines(d, list, NULL, p->first, 1);
	deflist_lines(d, list, last, colon, 0);
	return list;
}

/* Joins list b (the sibling after a) into a. */
static void deflist_join(struct doc_node *a, struct doc_node *b)
{
	struct doc_node *last = doc_last(a);
	for (struct doc_node *k = b->first; k; k = k->next)
		k->parent = a;
	if (last)
		last->next = b->first;
	else
		a->first = b->first;
	a->next = b->next;
}

static void deflist_container(struct doc *d, struct doc_node *c)
{
	struct doc_node *prev = NULL;
	for (struct doc_node *n = c->first; n; prev = n, n = n->next) {
		if (n->type != DOC_PARAGRAPH || n->first == NULL || deflist_colon(n->first))
			continue;
		struct doc_node *list = NULL, *colon = deflist_first_colon(n, 0);
		if (colon) {
			list = deflist_tight(d, n, colon);
			list->next = n->next;
		} else if (n->next && n->next->type == DOC_PARAGRAPH && deflist_colon(n->next->first)) {
			/* terms, then paragraphs that start with ": " */
			list = doc_node_new(d, DOC_DEFLIST, (int)n->line, n->col);
			struct doc_node *last = deflist_lines(d, list, NULL, n->first, 1);
			struct doc_node *q = n->next;
			while (q && q->type == DOC_PARAGRAPH && deflist_colon(q->first)) {
				struct doc_node *after = q->next;
				last = deflist_lines(d, list, last, q->first, 0);
				q = after;
			}
			list->next = q;
		} else {
			continue;
		}
		list->parent = c;
		if (prev)
			prev->next = list;
		else
			c->first = list;
		if (prev && prev->type == DOC_DEFLIST &&
		    (prev->flags & DOC_F_TIGHT) == (list->flags & DOC_F_TIGHT)) {
			deflist_join(prev, list);
			n = prev;
		} else {
			n = list;
		}
	}
}

void deflist_tree(struct doc *d, struct doc_node *root)
{
	for (struct doc_node *n = root; n; n = doc_walk_next(n, root))
		if (doc_holds_blocks(n) && n->type != DOC_DEFLIST)
			deflist_container(d, n);
}
