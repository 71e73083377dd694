/* footnote: notes onto DOC_NOTE nodes (see footnote.h).
 *
 * cmark-gfm numbers the definitions in the order of their first
 * references, moves the used ones to the end of the document and frees
 * the rest: a definition never used and a label defined twice leave no
 * node behind, and a reference without a definition stays text. So
 * those three are found here, from the text: definition lines that no
 * kept definition starts on, and "[^x]" left in the text. */
#include "footnote.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/diag.h"
#include "../base/xalloc.h"
#include "../model/doc.h"

void footnote_add_ref(struct footnote_table *t, struct doc_node *n, const char *literal)
{
	t->refs = xrealloc(t->refs, (t->nrefs + 1) * sizeof *t->refs);
	t->refs[t->nrefs++] = (struct footnote_ref){n, literal ? atoi(literal) : 0};
}

void footnote_add_def(struct footnote_table *t, struct doc_node *n, int text_line)
{
	t->defs = xrealloc(t->defs, (t->ndefs + 1) * sizeof *t->defs);
	t->def_lines = xrealloc(t->def_lines, (t->ndefs + 1) * sizeof *t->def_lines);
	t->def_lines[t->ndefs] = text_line;
	t->defs[t->ndefs++] = n;
}

void footnote_add_skip(struct footnote_table *t, int first, int last)
{
	t->skip = xrealloc(t->skip, (t->nskip + 1) * sizeof *t->skip);
	t->skip[t->nskip++] = (struct footnote_span){first, last};
}

void footnote_table_free(struct footnote_table *t)
{
	free(t->refs);
	free(t->defs);
	free(t->def_lines);
	free(t->skip);
	memset(t, 0, sizeof *t);
}

/* The label of a definition line "[^label]: …" (after blanks, '>' of
 * quotes and list markers), or NULL; *n its length, *col its column. */
static const char *fn_def_label(const char *s, const char *end, size_t *n, int *col)
{
	const char *p = s;
	while (p < end && strchr(" \t>-*+.)0123456789", *p))
		p++;
	if (end - p < 5 || p[0] != '[' || p[1] != '^')
		return NULL;
	const char *l = p + 2, *e = l;
	while (e < end && *e != ']' && *e != '[' && *e != '\n')
		e++;
	if (e == l || e + 1 >= end || e[0] != ']' || e[1] != ':')
		return NULL;
	*n = (size_t)(e - l);
	*col = (int)(p - s) + 1;
	return l;
}

struct fn_lines {
	const char *text;
	size_t len;
	size_t *at;	/* offset of each line */
	int n;
	const int *file_line;	/* see footnote_resolve */
	size_t nfile;
	int line_offset;
};

/* The file's line of line (of the text cmark parsed). */
static int fn_file_line(const struct fn_lines *L, int line)
{
	if (L->file_line && line >= 1 && (size_t)line <= L->nfile)
		return L->file_line[line - 1];
	return line + L->line_offset;
}

static void fn_index(struct fn_lines *L, const char *text, size_t len)
{
	L->text = text;
	L->len = len;
	L->n = 1;
	for (size_t i = 0; i < len; i++)
		L->n += text[i] == '\n';
	L->at = xmalloc((size_t)L->n * sizeof *L->at);
	L->at[0] = 0;
	for (size_t i = 0, k = 1; i < len; i++)
		if (text[i] == '\n')
			L->at[k++] = i + 1;
}

/* The label on line (1-based) of the text, or NULL. */
static const char *fn_label_at(const struct fn_lines *L, int line, size_t *n, int *col)
{
	if (line < 1 || line > L->n)
		return NULL;
	const char *s = L->text + L->at[line - 1];
	const char *end = line < L->n ? L->text + L->at[line] : L->text + L->len;
	return fn_def_label(s, end, n, col);
}

static int fn_in_note(const struct doc_node *n, const char *label)
{
	for (n = n->parent; n; n = n->parent)
		if (n->type == DOC_NOTE && n->u.note.label && label &&
		    strcasecmp(n->u.note.label, label) == 0)
			return 1;
	return 0;
}

static size_t fn_count(const struct doc_node *n)
{
	size_t k = 0;
	for (const struct doc_node *c = n; c; c = doc_walk_next((struct doc_node *)c, n))
		k++;
	return k;
}

/* Definitions cmark freed: lines that look like one and are not where
 * a kept definition starts, outside code and HTML. */
static void fn_report_lost(struct doc *d, const struct footnote_table *t,
			   const struct fn_lines *L)
{
	enum { KEPT = 1, SKIP = 2, MAXREPORT = 50 };
	char *mark = xcalloc((size_t)L->n + 2, 1);
	for (size_t i = 0; i < t->ndefs; i++) {
		int line = t->def_lines[i];
		if (line >= 1 && line <= L->n)
			mark[line] = KEPT;
	}
	for (size_t i = 0; i < t->nskip; i++)
		for (int line = t->skip[i].first; line <= t->skip[i].last && line <= L->n; line++)
			if (line >= 1 && mark[line] != SKIP)
				mark[line] = SKIP;
			else if (line >= 1)
				break;	/* a span inside one marked already */
	int reported = 0;
	for (int line = 1; line <= L->n && reported < MAXREPORT; line++) {
		size_t n;
		int col;
		const char *l = mark[line] ? NULL : fn_label_at(L, line, &n, &col);
		if (l == NULL)
			continue;
		const struct doc_node *first = NULL;
		for (size_t i = 0; i < t->ndefs && !first; i++) {
			const char *dl = t->defs[i]->u.note.label;
			if (dl && strlen(dl) == n && strncasecmp(dl, l, n) == 0)
				first = t->defs[i];
		}
		reported++;
		if (first)
			diag_error(d->file, fn_file_line(L, line), col,
				   "footnote [^%.*s] is defined twice (first at line %u): give one of them another label",
				   (int)n, l, first->line);
		else
			diag_warning(d->file, fn_file_line(L, line), col,
				     "footnote [^%.*s] is defined but never referred to: its text is left out",
				     (int)n, l);
	}
	free(mark);
}

/* "[^x]" left in the text: a reference whose definition is missing. */
static void fn_report_missing(struct doc *d)
{
	for (struct doc_node *n = d->root; n; n = doc_walk_next(n, d->root)) {
		if (n->type != DOC_TEXT)
			continue;
		const char *s = n->u.text.s, *end = s + n->u.text.len;
		for (const char *p = s; p + 3 < end; p++) {
			if (p[0] != '[' || p[1] != '^')
				continue;
			const char *e = p + 2;
			while (e < end && *e != ']' && *e != '[' && *e != ' ')
				e++;
			if (e == p + 2 || e >= end || *e != ']' || (e + 1 < end && e[1] == ':'))
				continue;
			int col = n->col;
			for (const char *c = s; c < p; c++)
				col += ((unsigned char)*c & 0xC0) != 0x80;
			diag_error(d->file, (int)n->line, col,
				   "footnote %.*s has no definition: add a line '%.*s: …' to the page",
				   (int)(e + 1 - p), p, (int)(e + 1 - p), p);
			p = e;
		}
	}
}

void footnote_resolve(struct doc *d, struct footnote_table *t, const char *text,
		      size_t len, const int *file_line, size_t nfile, int line_offset)
{
	struct fn_lines L;
	fn_index(&L, text, len);
	L.file_line = file_line;
	L.nfile = nfile;
	L.line_offset = line_offset;
	/* labels as written on the definitions' lines; the number else */
	for (size_t i = 0; i < t->ndefs; i++) {
		struct doc_node *def = t->defs[i];
		size_t n;
		int col;
		const char *l = fn_label_at(&L, t->def_lines[i], &n, &col);
		if (l)
			def->u.note.label = arena_strndup(&d->arena, l, n);
		else {
			char num[24];
			snprintf(num, sizeof num, "%zu", i + 1);
			def->u.note.label = arena_strdup(&d->arena, num);
		}
	}
	/* out of the tree, in one pass (doc_unlink walks the siblings):
	 * cmark left them among the document's blocks, where no note
	 * can stand otherwise */
	for (struct doc_node **at = &d->root->first; *at;) {
		if ((*at)->type == DOC_NOTE) {
			(*at)->parent = NULL;
			*at = (*at)->next;
		} else {
			at = &(*at)->next;
		}
	}
	/* each definition into its first reference */
	struct doc_node **first = xcalloc(t->ndefs + 1, sizeof *first);
	for (size_t i = 0; i < t->nrefs; i++) {
		struct doc_node *r = t->refs[i].n;
		int ix = t->refs[i].ix;
		if (ix < 1 || (size_t)ix > t->ndefs)
			continue;
		struct doc_node *def = t->defs[ix - 1];
		r->u.note.label = def->u.note.label;
		if (first[ix] || fn_in_note(r, r->u.note.label))
			continue;
		first[ix] = r;
		r->first = def->first;
		for (struct doc_node *c = r->first; c; c = c->next)
			c->parent = r;
		def->first = NULL;
	}
	/* later references get a copy (deepest first, so a copy has the
	 * notes inside it), within a budget: notes referring to notes
	 * twice over must not grow the page exponentially */
	size_t budget = 4 * fn_count(d->root) + 10000;
	for (size_t i = t->nrefs; i-- > 0;) {
		struct doc_node *r = t->refs[i].n;
		int ix = t->refs[i].ix;
		if (ix < 1 || (size_t)ix > t->ndefs || first[ix] == r || r->first)
			continue;
		if (fn_in_note(r, r->u.note.label)) {
			diag_error(d->file, (int)r->line, r->col,
				   "footnote [^%s] refers to itself (through its own text)", r->u.note.label);
			continue;
		}
		if (first[ix] == NULL)
			continue;
		size_t size = fn_count(first[ix]);
		if (size > budget)
			continue;	/* the back ends show the first one's text */
		budget -= size;
		struct doc_node *copy = doc_copy_tree(d, first[ix]);
		r->first = copy->first;
		for (struct doc_node *c = r->first; c; c = c->next)
			c->parent = r;
	}
	free(first);
	fn_report_lost(d, t, &L);
	fn_report_missing(d);
	free(L.at);
}

/* A TEXT node for s[0, n) at line:col. */
static struct doc_node *fn_text(struct doc *d, const char *s, size_t n, int line, int col)
{
	struct doc_node *t = doc_node_new(d, DOC_TEXT, line, col);
	t->u.text.s = s;
	t->u.text.len = n;
	return t;
}

/* Where "]" closes "^[" opened before from: in a TEXT sibling at or
 * after from (byte *at of it), not inside code or other nodes. */
static struct doc_node *fn_close(struct doc_node *from, size_t start, size_t *at)
{
	int depth = 1;
	for (struct doc_node *k = from; k; k = k->next, start = 0) {
		if (k->type != DOC_TEXT)
			continue;
		for (size_t i = start; i < k->u.text.len; i++) {
			char ch = k->u.text.s[i];
			if (ch == '[')
				depth++;
			else if (ch == ']' && --depth == 0) {
				*at = i;
				return k;
			}
		}
	}
	return NULL;
}

static int fn_chars(const char *s, size_t n)
{
	int k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

/* Turns the first "^[…]" among the children of c starting in text
 * node k into a note; returns the last node made (the text after the
 * note, or the note), or NULL when k has none. */
static struct doc_node *fn_inline_one(struct doc *d, struct doc_node *c, struct doc_node *k)
{
	const char *s = k->u.text.s;
	size_t n = k->u.text.len;
	for (size_t i = 0; i + 1 < n; i++) {
		if (s[i] != '^' || s[i + 1] != '[')
			continue;
		size_t at;
		struct doc_node *m = fn_close(k, i + 2, &at);
		if (m == NULL)
			return NULL;	/* no "]": text as written */
		if (m == k && at == i + 2)
			continue;	/* "^[]": nothing to note */
		int line = (int)k->line, col = k->col + fn_chars(s, i);
		struct doc_node *note = doc_node_new(d, DOC_NOTE, line, col);
		struct doc_node *para = doc_node_new(d, DOC_PARAGRAPH, line, col + 2);
		doc_insert_after(note, NULL, para);
		struct doc_node *last = NULL;
		struct doc_node *after = m->next;
		const char *ms = m->u.text.s;
		size_t mlen = m->u.text.len;
		int mline = (int)m->line, mcol = m->col;
		/* what is inside: the rest of k, the siblings up to m, m's start */
		if (m == k) {
			last = fn_text(d, s + i + 2, at - i - 2, line, col + 2);
			doc_insert_after(para, NULL, last);
		} else {
			if (n > i + 2) {
				last = fn_text(d, s + i + 2, n - i - 2, line, col + 2);
				doc_insert_after(para, NULL, last);
			}
			struct doc_node *sib = k->next;
			while (sib != m) {
				struct doc_node *nx = sib->next;
				sib->next = NULL;
				doc_insert_after(para, last, sib);
				last = sib;
				sib = nx;
			}
			if (at > 0)
				doc_insert_after(para, last, fn_text(d, ms, at, mline, mcol));
		}
		/* k keeps what is before "^[" (or, with nothing before it,
		 * becomes the note: no walk back to unlink it); the note and
		 * the rest follow */
		k->next = after;
		if (i == 0) {
			k->type = DOC_NOTE;
			k->u.note.label = NULL;
			k->first = para;
			para->parent = k;
			note = k;
		} else {
			k->u.text.len = i;
			doc_insert_after(c, k, note);
		}
		struct doc_node *rest = NULL;
		if (at + 1 < mlen) {
			rest = fn_text(d, ms + at + 1, mlen - at - 1, mline,
				       mcol + fn_chars(ms, at + 1));
			doc_insert_after(c, note, rest);
		}
		return rest ? rest : note;
	}
	return NULL;
}

/* Every later stage recurses over the tree, and md.c stops Markdown
 * nesting at 100 levels: notes inside notes stop well before that
 * (what is deeper stays text). */
enum { FN_MAXDEPTH = 60 };

static int fn_depth(const struct doc_node *n)
{
	int k = 0;
	while (n && k <= FN_MAXDEPTH) {
		n = n->parent;
		k++;
	}
	return k;
}

void footnote_inline(struct doc *d, struct doc_node *root)
{
	for (struct doc_node *c = root; c; c = doc_walk_next(c, root)) {
		if (!doc_holds_inlines(c) || fn_depth(c) > FN_MAXDEPTH)
			continue;
		for (struct doc_node *k = c->first; k; k = k->next) {
			if (k->type != DOC_TEXT || !memmem(k->u.text.s, k->u.text.len, "^[", 2))
				continue;
			struct doc_node *go = k, *made;
			while (go->type == DOC_TEXT && (made = fn_inline_one(d, c, go)) != NULL)
				go = made;
			k = go;	/* go on after the last thing made */
		}
	}
}
