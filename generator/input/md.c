/* md: parse with cmark-gfm and its table, strikethrough, autolink and
 * tasklist extensions, then copy into our own tree so nothing past
 * this file depends on cmark. Extension node types are numbers given
 * out at run time, so they are recognised by their type string. */
#include "md.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/diag.h"
#include "../base/xalloc.h"
#include "../base/utf8.h"
#include "../model/doc.h"
#include "callout.h"
#include "deflist.h"
#include "emoji.h"
#include "fence.h"
#include "footnote.h"
#include "rawhtml.h"
#include "spans.h"
#include "unsupported.h"

/* cmark-gfm 0.29 switches its extensions' characters (':', 'w', '~')
 * on and off in a global table around every inline pass, so a thread
 * finishing its pass switches them off under another thread still in
 * its own, which then misses autolinks and strikethroughs. The library
 * calls the switch through its PLT, so this definition takes its place:
 * it switches on and never off (every parser here uses the same
 * extensions). If a build of the library binds the call directly, the
 * probe in md_init sees that ours is not called and the inline pass is
 * then run one thread at a time instead. */
static void (*md_real_manage)(cmark_parser *, int);
static int md_manage_called, md_serial;
static pthread_mutex_t md_inline_lock = PTHREAD_MUTEX_INITIALIZER;

void cmark_manage_extensions_special_characters(cmark_parser *parser, int add)
{
	md_manage_called = 1;
	if (add && md_real_manage)
		md_real_manage(parser, add);
}

static const char *md_extensions[] = {"table", "strikethrough", "autolink",
				      "tasklist"};

/* cmark-gfm allocates a few thousand small blocks per page (nodes,
 * buffers, delimiters) and frees each one again: most of the cost of
 * malloc in a build. Its parsers take an allocator, so they get one
 * that carves from this thread's scratch blocks and frees nothing one by
 * one; the blocks go when the outermost parse of the thread is done
 * (the tree has been copied into ours by then). cmark's allocator has
 * no context argument, hence the thread-local state. Each allocation
 * carries its size, for realloc; the newest one grows in place. */
enum { MD_SCRATCH_BLOCK = 64 * 1024, MD_SCRATCH_ALIGN = 16 };

struct md_scratch_block {
	struct md_scratch_block *next;
	size_t used, cap;
	_Alignas(MD_SCRATCH_ALIGN) unsigned char data[];
};

static _Thread_local struct md_scratch {
	struct md_scratch_block *head;
	unsigned char *last;	/* the newest allocation, which can grow */
	int depth;		/* parses under way on this thread */
} md_scratch;

#define MD_SCRATCH_HDR MD_SCRATCH_ALIGN	/* the size, kept aligned */

static size_t md_scratch_round(size_t n)
{
	return (n + MD_SCRATCH_ALIGN - 1) & ~(size_t)(MD_SCRATCH_ALIGN - 1);
}

static void *md_scratch_new(size_t n)
{
	struct md_scratch *m = &md_scratch;
	size_t need = MD_SCRATCH_HDR + md_scratch_round(n);
	struct md_scratch_block *b = m->head;
	if (b == NULL || b->cap - b->used < need) {
		size_t cap = need > MD_SCRATCH_BLOCK / 4 ? need : MD_SCRATCH_BLOCK;
		struct md_scratch_block *nb = xmalloc(sizeof *nb + cap);
		nb->used = 0;
		nb->cap = cap;
		if (b && cap != MD_SCRATCH_BLOCK) {	/* a big one: keep the current block on top */
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			m->head = nb;
		}
		b = nb;
	}
	unsigned char *p = b->data + b->used + MD_SCRATCH_HDR;
	b->used += need;
	memcpy(p - MD_SCRATCH_HDR, &n, sizeof n);
	m->last = b == m->head ? p : NULL;
	return p;
}

static void *md_scratch_calloc(size_t count, size_t size)
{
	if (size && count > SIZE_MAX / 2 / size)
		abort();	/* as cmark's own allocator does when out of memory */
	void *p = md_scratch_new(count * size);
	memset(p, 0, count * size);
	return p;
}

static void *md_scratch_realloc(void *ptr, size_t n)
{
	if (ptr == NULL)
		return md_scratch_new(n);
	if (n > SIZE_MAX / 2)
		abort();
	struct md_scratch *m = &md_scratch;
	unsigned char *p = ptr;
	size_t old;
	memcpy(&old, p - MD_SCRATCH_HDR, sizeof old);
	struct md_scratch_block *b = m->head;
	if (p == m->last) {	/* the newest: grow or shrink where it is */
		size_t start = (size_t)(p - b->data);
		if (start + md_scratch_round(n) <= b->cap) {
			b->used = start + md_scratch_round(n);
			memcpy(p - MD_SCRATCH_HDR, &n, sizeof n);
			return p;
		}
	}
	if (n <= old)
		return p;
	void *q = md_scratch_new(n);
	memcpy(q, p, old);
	return q;
}

static void md_scratch_free(void *ptr)
{
	(void)ptr;	/* all of it goes in md_scratch_end */
}

static cmark_mem md_scratch_mem = {md_scratch_calloc, md_scratch_realloc, md_scratch_free};

static cmark_parser *md_parser_new_for(int options, int autolink)
{
	md_scratch.depth++;
	cmark_parser *p = cmark_parser_new_with_mem(options, &md_scratch_mem);
	for (size_t i = 0; i < sizeof md_extensions / sizeof *md_extensions; i++)
		if (autolink || strcmp(md_extensions[i], "autolink") != 0)
			cmark_parser_attach_syntax_extension(
			    p, cmark_find_syntax_extension(md_extensions[i]));
	return p;
}

static cmark_parser *md_parser_new(int options)
{
	return md_parser_new_for(options, 1);
}

/* The parser, and the tree it made: not cmark_node_free, which walks
 * every node to give each back to md_scratch_free, which keeps it (1.5 %
 * of a build); the blocks all of it is in go at once. */
static void md_parser_free(cmark_parser *p)
{
	cmark_parser_free(p);
	if (--md_scratch.depth > 0)
		return;
	struct md_scratch_block *b = md_scratch.head;
	while (b) {
		struct md_scratch_block *next = b->next;
		free(b);
		b = next;
	}
	md_scratch.head = NULL;
	md_scratch.last = NULL;
}

static struct doc *md_parse_text(const char *file, const char *text, size_t len,
				  int line_offset);
static void md_ext_learn(cmark_node *root);

/* Every extension's node types, met once before any page. */
static void md_ext_probe(void)
{
	static const char probe[] = "| a |\n|---|\n| b |\n\n- [ ] ~~x~~\n";
	cmark_parser *p = md_parser_new(CMARK_OPT_DEFAULT);
	cmark_parser_feed(p, probe, sizeof probe - 1);
	cmark_node *root = cmark_parser_finish(p);
	md_ext_learn(root);
	md_parser_free(p);
}

void md_init(void)
{
	static int done;
	if (done)
		return;
	done = 1;
	cmark_gfm_core_extensions_ensure_registered();
	md_real_manage = (void (*)(cmark_parser *, int))
		dlsym(RTLD_NEXT, "cmark_manage_extensions_special_characters");
	md_ext_probe();
	struct doc *d = md_parse_text("(probe)", "www.example.org ~~x~~", 21, 0);
	doc_free(d);
	if (!md_manage_called || md_real_manage == NULL)
		md_serial = 1;
}

struct md_conv {
	struct doc *doc;
	int line_offset;
	struct fence_table fences;
	const char *text;	/* what cmark parsed */
	size_t len;
	size_t *lines;		/* offset of each line in text */
	size_t nlines;
	/* md_char_col's last answer: nodes come in document order, so the
	 * next one on the same line continues from there */
	int at_line, at_byte, at_col;
	int too_deep;		/* nodes left out below MD_MAXDEPTH */
	struct footnote_table notes;	/* cmark's footnotes, for footnote.c */
};

/* Deeper than any real document; markdown-it stops at the same depth. */
enum { MD_MAXDEPTH = 100, MD_MAXCELLS = 1000 };

/* The file's line of a line of the text cmark parsed (the fence scan
 * adds lines for admonitions' ends), and the columns it took off. */
static int md_file_line(const struct md_conv *cv, int line, int *shift)
{
	*shift = 0;
	if (cv->fences.line == NULL || line < 1 || (size_t)line > cv->fences.nlines)
		return line + cv->line_offset;
	*shift = cv->fences.shift[line - 1];
	return cv->fences.line[line - 1];
}

/* cmark counts columns in bytes; diagnostics count characters. */
static int md_char_col(struct md_conv *cv, int line, int bytecol)
{
	if (line < 1 || (size_t)line > cv->nlines || bytecol < 1)
		return bytecol;
	const char *s = cv->text + cv->lines[line - 1];
	const char *end = cv->text + cv->len;
	int i = 0, col = 1;
	if (line == cv->at_line && bytecol >= cv->at_byte) {
		i = cv->at_byte - 1;
		col = cv->at_col;
	}
	int to = bytecol - 1;
	if (end - s < to)
		to = (int)(end - s);
	if (to > i) {
		col += (int)utf8_count(s + i, (size_t)(to - i));
		i = to;
	}
	cv->at_line = line;
	cv->at_byte = i + 1;
	cv->at_col = col;
	return col;
}

/* memchr finds the newlines: a byte loop was a tenth of reading a page. */
static void md_index_lines(struct md_conv *cv)
{
	const char *s = cv->text, *end = cv->text + cv->len;
	size_t n = 1;
	for (const char *e = s; (e = memchr(e, '\n', (size_t)(end - e))); e++)
		n++;
	cv->lines = xmalloc(n * sizeof *cv->lines);
	cv->lines[0] = 0;
	cv->nlines = 1;
	for (const char *e = s; (e = memchr(e, '\n', (size_t)(end - e))); e++)
		cv->lines[cv->nlines++] = (size_t)(e + 1 - s);
}

static const char *md_dup(struct doc *d, const char *s)
{
	return arena_strdup(&d->arena, s ? s : "");
}

/* The number of the fence marker that is all of s (after blanks, before
 * a newline), or -1. */
static int md_marker(const char *s, size_t len)
{
	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	int k = fence_marker(s, len);
	const char *e = k < 0 ? NULL : memchr(s, '>', len);
	if (e == NULL || (size_t)(e + 1 - s) + (e + 1 < s + len && e[1] == '\n') != len)
		return -1;
	return k;
}

static void md_literal(struct md_conv *cv, struct doc_node *n, cmark_node *src)
{
	const char *s = cmark_node_get_literal(src);
	if (s == NULL)
		s = "";
	size_t len = strlen(s);
	struct buf b = {0};
	/* a fence line inside code (indented, or where the scanner could
	 * not tell) is code: its marker goes back to what was written. An
	 * HTML block keeps its markers: md_divs cuts it at them, as
	 * markdown-it ends a container's HTML at the closing line. */
	if (cv->fences.n && n->type != DOC_HTMLBLOCK &&
	    fence_restore(&cv->fences, s, len, &b)) {
		/* a ":::" line inside a paragraph (indented, so no fence) is
		 * text, not the HTML comment its marker looks like */
		if (n->type == DOC_HTMLINLINE && fence_marker(s, len) >= 0 &&
		    memchr(s, '>', len) == s + len - 1)
			n->type = DOC_TEXT;
		s = b.p;
		len = b.n;
	}
	n->u.text.s = arena_strndup(&cv->doc->arena, s, len);
	n->u.text.len = len;
	buf_free(&b);
}

/* The extensions' node types, by name: cmark-gfm numbers them when
 * they register, and its headers do not declare the numbers. */
static enum doc_type md_ext_named(cmark_node *src, int *ok)
{
	const char *t = cmark_node_get_type_string(src);
	*ok = 1;
	if (strcmp(t, "table") == 0)
		return DOC_TABLE;
	if (strcmp(t, "table_row") == 0 || strcmp(t, "table_header") == 0)
		return DOC_TABLE_ROW;
	if (strcmp(t, "table_cell") == 0)
		return DOC_TABLE_CELL;
	if (strcmp(t, "strikethrough") == 0)
		return DOC_STRIKE;
	if (strcmp(t, "tasklist") == 0)
		return DOC_ITEM;
	*ok = 0;
	return DOC_TEXT;
}

/* What md_ext_named said of each extension type md_init's probe met,
 * so that a page's nodes are told apart by number, not by name. */
static struct {
	cmark_node_type type;
	enum doc_type doc;
	int ok;
} md_ext_seen[8];
static int md_ext_nseen;
static cmark_node_type md_table_type = CMARK_NODE_NONE;

static void md_ext_learn(cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(c);
		int known = ev != CMARK_EVENT_ENTER ||
			    (t >= CMARK_NODE_DOCUMENT && t <= CMARK_NODE_FOOTNOTE_DEFINITION) ||
			    (t >= CMARK_NODE_TEXT && t <= CMARK_NODE_FOOTNOTE_REFERENCE);
		for (int i = 0; !known && i < md_ext_nseen; i++)
			known = md_ext_seen[i].type == t;
		if (known || md_ext_nseen == 8)
			continue;
		int ok;
		enum doc_type d = md_ext_named(c, &ok);
		md_ext_seen[md_ext_nseen++] = (__typeof__(md_ext_seen[0])){t, d, ok};
		if (d == DOC_TABLE && ok)
			md_table_type = t;
	}
	cmark_iter_free(it);
}

static enum doc_type md_ext_type(cmark_node *src, int *ok)
{
	cmark_node_type t = cmark_node_get_type(src);
	for (int i = 0; i < md_ext_nseen; i++)
		if (md_ext_seen[i].type == t) {
			*ok = md_ext_seen[i].ok;
			return md_ext_seen[i].doc;
		}
	return md_ext_named(src, ok);
}

static enum doc_type md_type(cmark_node *src, int *ok)
{
	*ok = 1;
	switch (cmark_node_get_type(src)) {
	case CMARK_NODE_DOCUMENT: return DOC_DOCUMENT;
	case CMARK_NODE_BLOCK_QUOTE: return DOC_BLOCKQUOTE;
	case CMARK_NODE_LIST: return DOC_LIST;
	case CMARK_NODE_ITEM: return DOC_ITEM;
	case CMARK_NODE_CODE_BLOCK: return DOC_CODEBLOCK;
	case CMARK_NODE_HTML_BLOCK: return DOC_HTMLBLOCK;
	case CMARK_NODE_PARAGRAPH: return DOC_PARAGRAPH;
	case CMARK_NODE_HEADING: return DOC_HEADING;
	case CMARK_NODE_THEMATIC_BREAK: return DOC_THEMATIC;
	case CMARK_NODE_TEXT: return DOC_TEXT;
	case CMARK_NODE_SOFTBREAK: return DOC_SOFTBREAK;
	case CMARK_NODE_LINEBREAK: return DOC_LINEBREAK;
	case CMARK_NODE_CODE: return DOC_CODE;
	case CMARK_NODE_HTML_INLINE: return DOC_HTMLINLINE;
	case CMARK_NODE_EMPH: return DOC_EMPH;
	case CMARK_NODE_STRONG: return DOC_STRONG;
	case CMARK_NODE_LINK: return DOC_LINK;
	case CMARK_NODE_IMAGE: return DOC_IMAGE;
	case CMARK_NODE_FOOTNOTE_REFERENCE: return DOC_NOTE;
	case CMARK_NODE_FOOTNOTE_DEFINITION: return DOC_NOTE;
	default: return md_ext_type(src, ok);
	}
}

static void md_payload(struct md_conv *cv, struct doc_node *n, cmark_node *src)
{
	struct doc *d = cv->doc;
	switch ((enum doc_type)n->type) {
	case DOC_HEADING:
		n->u.heading.level = cmark_node_get_heading_level(src);
		break;
	case DOC_LIST:
		if (cmark_node_get_list_type(src) == CMARK_ORDERED_LIST) {
			n->flags |= DOC_F_ORDERED;
			n->u.list.start = cmark_node_get_list_start(src);
			n->u.list.delim = cmark_node_get_list_delim(src) == CMARK_PAREN_DELIM ? ')' : '.';
		}
		if (cmark_node_get_list_tight(src))
			n->flags |= DOC_F_TIGHT;
		break;
	case DOC_ITEM:
		if (strcmp(cmark_node_get_type_string(src), "tasklist") == 0) {
			n->flags |= DOC_F_TASK;
			if (cmark_gfm_extensions_get_tasklist_item_checked(src))
				n->flags |= DOC_F_CHECKED;
		}
		break;
	case DOC_CODEBLOCK: {
		int flen, foff;
		char fch;
		if (!cmark_node_get_fenced(src, &flen, &foff, &fch))
			n->flags |= DOC_F_INDENTED;
		md_literal(cv, n, src);
		n->u.text.info = md_dup(d, cmark_node_get_fence_info(src));
		break;
	}
	case DOC_TEXT:
	case DOC_CODE:
	case DOC_HTMLBLOCK:
	case DOC_HTMLINLINE:
		md_literal(cv, n, src);
		break;
	case DOC_LINK:
	case DOC_IMAGE: {
		n->u.link.url = md_dup(d, cmark_node_get_url(src));
		const char *title = cmark_node_get_title(src);
		if (title && title[0]) {
			struct doc_attr *a = arena_alloc(&d->arena, sizeof *a);
			a->key = "title";
			a->value = md_dup(d, title);
			a->line = n->line;
			a->col = n->col;
			n->u.link.attrs = a;
		}
		break;
	}
	case DOC_TABLE: {
		int nc = cmark_gfm_extensions_get_table_columns(src);
		uint8_t *al = cmark_gfm_extensions_get_table_alignments(src);
		n->u.table.ncols = nc;
		n->u.table.align = arena_alloc(&d->arena, (size_t)nc + 1);
		for (int i = 0; i < nc; i++)
			n->u.table.align[i] = al[i] == 'l' ? DOC_ALIGN_LEFT
					    : al[i] == 'c' ? DOC_ALIGN_CENTER
					    : al[i] == 'r' ? DOC_ALIGN_RIGHT
							   : DOC_ALIGN_NONE;
		break;
	}
	case DOC_TABLE_ROW:
		if (cmark_gfm_extensions_get_table_row_is_header(src))
			n->flags |= DOC_F_HEADER;
		break;
	default:
		break;
	}
}

/* One node of our tree for cmark's src, inserted after last. */
static struct doc_node *md_node(struct md_conv *cv, cmark_node *src, enum doc_type t,
				struct doc_node *parent, struct doc_node *last)
{
	int shift;
	int line = md_file_line(cv, cmark_node_get_start_line(src), &shift);
	int col = md_char_col(cv, cmark_node_get_start_line(src),
			      cmark_node_get_start_column(src)) + shift;
	if (cmark_node_get_start_line(src) == 0) {
		/* cmark gives no position to breaks: take the neighbour's */
		const struct doc_node *near = last ? last : parent;
		line = (int)near->line;
		col = near->col;
	}
	struct doc_node *n = doc_node_new(cv->doc, t, line, col);
	md_payload(cv, n, src);
	switch (cmark_node_get_type(src)) {
	case CMARK_NODE_FOOTNOTE_REFERENCE:
		footnote_add_ref(&cv->notes, n, cmark_node_get_literal(src));
		break;
	case CMARK_NODE_FOOTNOTE_DEFINITION:
		footnote_add_def(&cv->notes, n, cmark_node_get_start_line(src));
		break;
	case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_HTML_BLOCK:
		footnote_add_skip(&cv->notes, cmark_node_get_start_line(src),
				  cmark_node_get_end_line(src));
		break;
	default:
		break;
	}
	if (t == DOC_TABLE_CELL && last)	/* counted here: a row can be long */
		n->u.cell.col = last->u.cell.col + 1;
	doc_insert_after(parent, last, n);
	return n;
}

static void md_too_deep(struct md_conv *cv, cmark_node *src)
{
	if (cv->too_deep++)
		return;
	int shift, line = md_file_line(cv, cmark_node_get_start_line(src), &shift);
	diag_error(cv->doc->file, line,
		   md_char_col(cv, cmark_node_get_start_line(src),
			       cmark_node_get_start_column(src)) + shift,
		   "Markdown nested more than %d levels deep (lists, block quotes, emphasis, links): "
		   "the rest of this part is left out", MD_MAXDEPTH);
}

/* Copies the cmark tree below root into top, in a loop rather than by
 * recursion: a few kilobytes of nested lists or quotes would otherwise
 * overflow the C stack here, and every later stage recurses over the
 * tree, so nesting deeper than MD_MAXDEPTH is an error (reported once,
 * at the first node too deep) and what lies below it is left out. */
static void md_convert(struct md_conv *cv, cmark_node *root, struct doc_node *top)
{
	struct doc_node *parent = top, *last = NULL;
	int depth = 1;
	cmark_node *c = cmark_node_first_child(root);
	while (c) {
		int ok;
		enum doc_type t = md_type(c, &ok);
		if (ok) {	/* else an extension we did not enable */
			struct doc_node *n = md_node(cv, c, t, parent, last);
			last = n;
			cmark_node *down = cmark_node_first_child(c);
			if (down && depth == MD_MAXDEPTH) {
				md_too_deep(cv, down);
				down = NULL;
			}
			if (down) {
				parent = n;
				last = NULL;
				depth++;
				c = down;
				continue;
			}
		}
		while (cmark_node_next(c) == NULL) {
			c = cmark_node_parent(c);
			if (c == root)
				return;
			last = parent;
			parent = parent->parent;
			depth--;
		}
		c = cmark_node_next(c);
	}
}

/* The last (or first) character of the text next to a soft break,
 * looking into emphasis and links. */
static uint32_t md_edge_char(const struct doc_node *n, int last)
{
	while (n) {
		if (n->type == DOC_TEXT || n->type == DOC_CODE) {
			if (n->u.text.len == 0)
				return 0;
			if (last)
				return utf8_last(n->u.text.s, n->u.text.len);
			uint32_t cp = 0;
			utf8_decode(n->u.text.s, n->u.text.len, &cp);
			return cp;
		}
		n = last ? doc_last(n) : n->first;
	}
	return 0;
}

/* Fullwidth punctuation such as 。、「」（） never wants a space
 * beside it, whatever is on the other side. */
static int md_is_wide_punct(uint32_t c)
{
	return (c >= 0x3000 && c <= 0x303F && c != 0x3005 && c != 0x3006 && c != 0x3007)
	    || (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20)
	    || (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65);
}

/* A line break inside Japanese text is not a space (as Pandoc's
 * east_asian_line_breaks), nor one next to fullwidth punctuation:
 * mark such soft breaks once, for every back end. */
void md_mark_joins(struct doc_node *root)
{
	struct doc_node *prev = NULL;
	for (struct doc_node *n = root; n; prev = n, n = doc_walk_next(n, root)) {
		if (n->type == DOC_SOFTBREAK)	/* marked afresh after Lua filters */
			n->flags &= (uint8_t)~DOC_F_JOIN;
		/* in pre-order, a node with a previous sibling comes right
		 * after that sibling's last descendant: find the sibling */
		if (n->type != DOC_SOFTBREAK || !n->next || n->parent->first == n)
			continue;
		struct doc_node *sib = prev;
		while (sib && sib->parent != n->parent)
			sib = sib->parent;
		uint32_t a = md_edge_char(sib, 1), b = md_edge_char(n->next, 0);
		if ((utf8_is_cjk(a) && utf8_is_cjk(b)) || md_is_wide_punct(a) ||
		    md_is_wide_punct(b))
			n->flags |= DOC_F_JOIN;
	}
}

/* The exact size of the tree md_convert will build, so the document
 * gets one block of just that size: with ten thousand pages in memory,
 * slack per page adds up. It visits every node, so it also says, in
 * *text_at (when not NULL), whether a text node holds an @: an address
 * the autolink extension would have linked (md_parse_text). */
static size_t md_tree_size(cmark_node *root, int *text_at)
{
	size_t n = 0;
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node *c = cmark_iter_get_node(it);
		n += sizeof(struct doc_node) + 8;
		const char *strs[] = {cmark_node_get_literal(c), cmark_node_get_url(c),
				      cmark_node_get_title(c), cmark_node_get_fence_info(c)};
		for (size_t i = 0; i < 4; i++)
			if (strs[i])
				n += strlen(strs[i]) + 8;
		if (text_at && strs[0] && cmark_node_get_type(c) == CMARK_NODE_TEXT &&
		    strchr(strs[0], '@'))
			*text_at = 1;
		/* (no table in md_init's probe: no table extension, no tables) */
		if (cmark_node_get_type(c) == md_table_type)
			n += cmark_gfm_extensions_get_table_columns(c) + 8u;
	}
	cmark_iter_free(it);
	return n;
}

/* Next token of a fence's info: a word, or a "quoted phrase". */
static const char *md_token(const char *s, const char **start, size_t *n)
{
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0')
		return NULL;
	if (*s == '"') {
		const char *e = strchr(s + 1, '"');
		*start = s + 1;
		*n = e ? (size_t)(e - s - 1) : strlen(s + 1);
		return e ? e + 1 : s + 1 + *n;
	}
	*start = s;
	*n = strcspn(s, " \t");
	return s + *n;
}

/* Inline Markdown of a title (a callout's, a details summary's) as a
 * PARAGRAPH, every node at line:col. A leading control character keeps
 * "1. はじめに" or "# x" from being read as a block. */
static struct doc_node *md_inline(struct md_conv *cv, const char *s, size_t n, int line, int col)
{
	struct buf b = {0};
	buf_addc(&b, '\x01');
	for (size_t i = 0; i < n; i++)
		buf_addc(&b, s[i] == '\n' || s[i] == '\r' ? ' ' : s[i]);
	cmark_parser *p = md_parser_new(CMARK_OPT_DEFAULT);
	cmark_parser_feed(p, b.p, b.n);
	if (md_serial)
		pthread_mutex_lock(&md_inline_lock);
	cmark_node *root = cmark_parser_finish(p);
	if (md_serial)
		pthread_mutex_unlock(&md_inline_lock);
	struct doc_node *para = doc_node_new(cv->doc, DOC_PARAGRAPH, line, col);
	cmark_node *first = cmark_node_first_child(root);
	if (first && cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH) {
		struct md_conv sub = *cv;
		sub.text = b.p;
		sub.len = b.n;
		sub.lines = NULL;
		sub.nlines = 0;
		sub.fences.line = NULL;
		sub.line_offset = line - 1;
		sub.notes = (struct footnote_table){0};
		md_convert(&sub, first, para);
		footnote_table_free(&sub.notes);
	}
	md_parser_free(p);
	buf_free(&b);
	for (struct doc_node *k = para; k; k = doc_walk_next(k, para)) {
		k->line = (uint32_t)line;
		k->col = (uint16_t)col;
	}
	struct doc_node *t = para->first;
	if (t && t->type == DOC_TEXT && t->u.text.len && t->u.text.s[0] == '\x01') {
		t->u.text.s++;
		t->u.text.len--;
		if (t->u.text.len == 0)
			para->first = t->next;
	}
	return para;
}

/* The words of other tools' containers onto tebiki's callouts:
 * `::: info`, `::: danger`, `::: details` (VitePress, Docusaurus),
 * `:::message alert` (Zenn), `:::note warn` (Qiita). The title is what
 * words are left. */
static void md_callout(struct md_conv *cv, struct doc_node *n, const char *word,
		       struct buf *title)
{
	(void)cv;
	const char *kind = word ? callout_kind(word, strlen(word), CALLOUT_FENCE) : NULL;
	if (kind == NULL) {
		if (doc_is_callout_kind(n->u.div.kind))
			n->type = DOC_CALLOUT;
		return;
	}
	size_t first = title->n ? strcspn(title->p, " ") : 0;
	const char *t = title->p;
	if (first == 0) {
		/* no words after the kind */
	} else if (!strcmp(word, "message") && first == 5 && !strncmp(t, "alert", 5)) {
		kind = "warning";	/* Zenn's :::message alert */
	} else if (!strcmp(word, "note") && first == title->n &&
		   (!strncmp(t, "info", first) || !strncmp(t, "warn", first) ||
		    !strncmp(t, "alert", first)) && (first == 4 || first == 5)) {
		kind = t[0] == 'i' ? "note" : "warning";	/* Qiita's :::note warn */
	} else {
		first = 0;
	}
	if (first) {
		size_t skip = first + (first < title->n);
		memmove(title->p, title->p + skip, title->n - skip);
		title->n -= skip;
	}
	n->type = DOC_CALLOUT;
	n->u.div.kind = kind;
	if (!strcmp(kind, "details"))
		n->flags |= DOC_F_COLLAPSE;
}

/* MkDocs: `!!! type "title"`, `??? type` (collapsible), `???+ type`
 * (open at first); other words after the type are classes, left out.
 * A type tebiki has no kind for is a note titled with the type. */
static struct doc_node *md_admonition(struct md_conv *cv, const struct fence *f)
{
	const char *info = f->info;
	size_t wn = strcspn(info, " \t\"");
	const char *kind = wn ? callout_kind(info, wn, CALLOUT_MKDOCS) : NULL;
	struct doc_node *n = doc_node_new(cv->doc, DOC_CALLOUT, f->line, f->col);
	n->u.div.kind = kind ? kind : "note";
	if (f->mkdocs != '!')
		n->flags |= DOC_F_COLLAPSE;
	if (f->mkdocs == '+')
		n->flags |= DOC_F_OPEN;
	const char *q = strchr(info, '"');
	if (q) {
		const char *e = strrchr(q + 1, '"');
		size_t tn = e ? (size_t)(e - q - 1) : strlen(q + 1);
		if (tn)
			n->u.div.title = md_inline(cv, q + 1, tn, f->line,
						   f->info_col + (int)(q - info) + 1);
	} else if (kind == NULL && wn) {
		n->u.div.title = md_inline(cv, info, wn, f->line, f->info_col);
	}
	return n;
}

/* "note 見出し size=micro" or Pandoc's "{.note #id key=value}". */
static struct doc_node *md_div(struct md_conv *cv, const struct fence *f)
{
	struct doc *d = cv->doc;
	if (f->mkdocs)
		return md_admonition(cv, f);
	const char *info = f->info;
	int braces = info[0] == '{';
	char *copy = arena_strdup(&d->arena, info + braces);
	if (braces && strchr(copy, '}'))
		*strchr(copy, '}') = '\0';
	const char *kind = NULL, *tok;
	size_t tn;
	struct buf title = {0};
	/* Docusaurus 3: ":::tip[題]", the title in brackets after the kind */
	size_t w = strcspn(copy, " \t[");
	if (!braces && w && copy[w] == '[' && strrchr(copy, ']') > copy + w) {
		char *close = strrchr(copy, ']');
		buf_add(&title, copy + w + 1, (size_t)(close - copy - w - 1));
		memmove(copy + w, close + 1, strlen(close + 1) + 1);
	}
	struct doc_attr *attrs = NULL, **tail = &attrs;
	for (const char *s = copy; (s = md_token(s, &tok, &tn)) != NULL;) {
		const char *eq = memchr(tok, '=', tn);
		if (eq) {
			struct doc_attr *a = arena_alloc(&d->arena, sizeof *a);
			a->key = arena_strndup(&d->arena, tok, (size_t)(eq - tok));
			a->value = arena_strndup(&d->arena, eq + 1, tn - (size_t)(eq - tok) - 1);
			a->line = (uint32_t)f->line;
			a->col = (uint16_t)(f->info_col + (tok - copy) + braces);
			*tail = a;
			tail = &a->next;
		} else if (kind == NULL && (!braces || tok[0] == '.')) {
			kind = arena_strndup(&d->arena, tok + (braces && tok[0] == '.'),
					     tn - (braces && tok[0] == '.'));
		} else if (braces && tok[0] == '#') {
			struct doc_attr *a = arena_alloc(&d->arena, sizeof *a);
			a->key = "id";
			a->value = arena_strndup(&d->arena, tok + 1, tn - 1);
			a->line = (uint32_t)f->line;
			a->col = (uint16_t)f->col;
			*tail = a;
			tail = &a->next;
		} else {
			if (title.n)
				buf_addc(&title, ' ');
			buf_add(&title, tok, tn);
		}
	}
	if (kind == NULL) {
		diag_error(d->file, f->line, f->col, "a fenced div needs a kind: '::: note', '::: only size=micro', '::: {.class}'");
		kind = "div";
	}
	struct doc_node *n = doc_node_new(d, DOC_DIV, f->line, f->col);
	n->u.div.attrs = attrs;
	n->u.div.kind = kind;
	md_callout(cv, n, braces ? NULL : kind, &title);
	if (title.n)
		n->u.div.title = md_inline(cv, title.p, title.n, f->line, f->info_col);
	buf_free(&title);
	return n;
}

/* Markers left inside HTML (not lines of their own) go back to what
 * was written. */
static void md_restore_html(struct md_conv *cv, struct doc_node *c)
{
	struct buf b = {0};
	if (fence_restore(&cv->fences, c->u.text.s, c->u.text.len, &b)) {
		c->u.text.s = arena_strndup(&cv->doc->arena, b.p, b.n);
		c->u.text.len = b.n;
	}
	buf_free(&b);
}

/* Does an HTML block hold a marker line (and more)? */
static int md_marker_inside(const struct doc_node *c)
{
	const char *s = c->u.text.s, *end = s + c->u.text.len;
	while (s < end) {
		const char *eol = memchr(s, '\n', (size_t)(end - s));
		const char *next = eol ? eol + 1 : end;
		if (md_marker(s, (size_t)(next - s)) >= 0)
			return 1;
		s = next;
	}
	return 0;
}

/* One HTML block (md_literal left its markers in) as a chain of
 * blocks: its marker lines each a block of their own, the HTML between
 * them with any other marker turned back into its line. */
static struct doc_node *md_split_html(struct md_conv *cv, struct doc_node *c)
{
	struct doc *d = cv->doc;
	const char *s = c->u.text.s, *end = s + c->u.text.len, *from = s;
	struct doc_node *first = NULL, *last = NULL;
	int line = (int)c->line, from_line = line;
	for (;;) {
		const char *eol = memchr(s, '\n', (size_t)(end - s));
		const char *next = eol ? eol + 1 : end;
		int marker = s < end && md_marker(s, (size_t)(next - s)) >= 0;
		if (s > from && (marker || s == end)) {	/* the HTML before */
			struct buf b = {0};
			if (!fence_restore(&cv->fences, from, (size_t)(s - from), &b))
				buf_add(&b, from, (size_t)(s - from));
			struct doc_node *h = doc_node_new(d, DOC_HTMLBLOCK, from_line,
							  from == c->u.text.s ? c->col : 1);
			h->u.text.s = arena_strndup(&d->arena, b.p ? b.p : "", b.n);
			h->u.text.len = b.n;
			buf_free(&b);
			if (last)
				last->next = h;
			else
				first = h;
			last = h;
		}
		if (s == end)
			break;
		if (marker) {
			struct doc_node *m = doc_node_new(d, DOC_HTMLBLOCK, line, 1);
			m->u.text.s = arena_strndup(&d->arena, s, (size_t)(next - s));
			m->u.text.len = (size_t)(next - s);
			if (last)
				last->next = m;
			else
				first = m;
			last = m;
			from = next;
			from_line = line + 1;
		}
		s = next;
		line++;
	}
	return first;
}

/* Turns the fence markers among the children of container into div
 * nodes that hold the siblings between them. A div must close in the
 * container it opened in (the same list item or quote). */
static void md_divs(struct md_conv *cv, struct doc_node *container)
{
	enum { MAXDEPTH = 32 };
	struct doc_node *target[MAXDEPTH], *last[MAXDEPTH];
	const struct fence *open[MAXDEPTH];
	int depth = 0, over = 0;
	struct doc_node *c = container->first;
	container->first = NULL;
	target[0] = container;
	last[0] = NULL;
	while (c) {
		struct doc_node *next = c->next;
		int k = c->type == DOC_HTMLBLOCK ? md_marker(c->u.text.s, c->u.text.len) : -1;
		if (c->type == DOC_HTMLBLOCK && k < 0 && md_marker_inside(c)) {
			struct doc_node *chain = md_split_html(cv, c), *tail = chain;
			while (tail->next)
				tail = tail->next;
			tail->next = next;
			c = chain;
			continue;
		}
		c->next = NULL;
		if (c->first)
			md_divs(cv, c);
		if (c->type == DOC_HTMLBLOCK && k < 0)
			md_restore_html(cv, c);
		if (k >= 0 && (size_t)k < cv->fences.n) {
			const struct fence *f = &cv->fences.v[k];
			if (f->close && over > 0) {
				over--;	/* closes a div reported as too deep */
			} else if (f->close && depth == 0) {
				diag_error(cv->doc->file, f->line, f->col, "':::' closes no fenced div");
			} else if (f->close) {
				depth--;
			} else if (depth + 1 < MAXDEPTH) {
				struct doc_node *div = md_div(cv, f);
				doc_insert_after(target[depth], last[depth], div);
				last[depth] = div;
				depth++;
				target[depth] = div;
				last[depth] = NULL;
				open[depth] = f;
			} else if (over++ == 0) {	/* once, not once per div */
				diag_error(cv->doc->file, f->line, f->col, "fenced divs nested more than %d deep", MAXDEPTH - 1);
			}
		} else {
			doc_insert_after(target[depth], last[depth], c);
			last[depth] = c;
		}
		c = next;
	}
	for (; depth > 0; depth--)
		diag_error(cv->doc->file, open[depth]->line, open[depth]->col,
			   "fenced div '::: %s' is not closed: add a ':::' line in the same %s",
			   open[depth]->info, container->type == DOC_ITEM ? "list item"
			   : container->type == DOC_BLOCKQUOTE ? "block quote" : "document");
}

/* Takes n bytes off the start of the text nodes that open p. */
static void md_take_text(struct doc_node *p, size_t n)
{
	while (n && p->first && p->first->type == DOC_TEXT) {
		struct doc_node *t = p->first;
		size_t k = n < t->u.text.len ? n : t->u.text.len;
		t->u.text.s += k;
		t->u.text.len -= k;
		n -= k;
		if (t->u.text.len == 0)
			p->first = t->next;
	}
}

/* A GitHub alert, `> [!NOTE]` alone on the quote's first line, makes
 * the quote a callout. As in Obsidian, words after it are the title and
 * `[!TIP]-` (`+`) makes it collapsible (and open). A word no callout
 * has leaves the quote a quote, as on GitHub. */
static void md_alert(struct md_conv *cv, struct doc_node *q)
{
	struct doc_node *p = q->first;
	if (p == NULL || p->type != DOC_PARAGRAPH)
		return;
	char head[40];
	size_t hn = 0;
	for (struct doc_node *t = p->first; t && t->type == DOC_TEXT && hn < sizeof head - 1;
	     t = t->next)
		for (size_t i = 0; i < t->u.text.len && hn < sizeof head - 1; i++)
			head[hn++] = t->u.text.s[i];
	head[hn] = '\0';
	if (hn < 4 || head[0] != '[' || head[1] != '!')
		return;
	size_t wn = strspn(head + 2, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
	if (head[2 + wn] != ']')
		return;
	const char *kind = callout_kind(head + 2, wn, CALLOUT_ALERT);
	if (kind == NULL)
		return;
	char fold = head[3 + wn] == '-' || head[3 + wn] == '+' ? head[3 + wn] : 0;
	size_t take = 3 + wn + (fold != 0);
	take += strspn(head + take, " \t");
	md_take_text(p, take);
	/* the rest of the first line is the title */
	struct doc_node *title = NULL, *k = p->first, *before = NULL;
	while (k && k->type != DOC_SOFTBREAK && k->type != DOC_LINEBREAK) {
		before = k;
		k = k->next;
	}
	if (before) {
		title = doc_node_new(cv->doc, DOC_PARAGRAPH, (int)p->line, (int)p->col);
		title->first = p->first;
		before->next = NULL;
		for (struct doc_node *t = title->first; t; t = t->next)
			t->parent = title;
	}
	p->first = k ? k->next : NULL;
	if (p->first == NULL) {
		doc_unlink(p);
	} else {
		p->line = p->first->line;
		p->col = p->first->col;
	}
	q->type = DOC_CALLOUT;
	q->u.div.kind = kind;
	q->u.div.title = title;
	q->u.div.attrs = NULL;
	if (fold)
		q->flags |= DOC_F_COLLAPSE | (fold == '+' ? DOC_F_OPEN : 0);
}

static void md_alerts(struct md_conv *cv, struct doc_node *root)
{
	for (struct doc_node *n = root; n; n = doc_walk_next(n, root))
		if (n->type == DOC_BLOCKQUOTE)
			md_alert(cv, n);
}

/* Markdown blocks of s into parent, at line (of the file) on: a piece
 * of the page read again. */
static void md_blocks_into(struct md_conv *cv, struct doc_node *parent, const char *s,
			   size_t n, int line)
{
	cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
	for (size_t i = 0; i < sizeof md_extensions / sizeof *md_extensions; i++)
		cmark_parser_attach_syntax_extension(
		    p, cmark_find_syntax_extension(md_extensions[i]));
	cmark_parser_feed(p, s, n);
	if (md_serial)
		pthread_mutex_lock(&md_inline_lock);
	cmark_node *root = cmark_parser_finish(p);
	if (md_serial)
		pthread_mutex_unlock(&md_inline_lock);
	struct md_conv sub = *cv;
	sub.text = s;
	sub.len = n;
	sub.fences.line = NULL;
	sub.line_offset = line - 1;
	sub.at_line = 0;
	/* the page's notes are resolved by now, and a piece read again has
	 * none (no footnote option): what it records of code is dropped */
	sub.notes = (struct footnote_table){0};
	md_index_lines(&sub);
	struct doc_node *last = doc_last(parent), *c = parent->first;
	parent->first = NULL;		/* md_convert appends after a fresh start */
	md_convert(&sub, root, parent);
	if (last) {		/* what was there comes first */
		last->next = parent->first;
		parent->first = c;
	}
	free(sub.lines);
	footnote_table_free(&sub.notes);
	cmark_node_free(root);
	cmark_parser_free(p);
}

/* Pandoc: a definition's further paragraphs are indented four spaces
 * under it, which CommonMark reads as an indented code block after the
 * list: read again as Markdown, into the last definition. */
static void md_definitions_more(struct md_conv *cv, struct doc_node *root)
{
	for (struct doc_node *n = root; n; n = doc_walk_next(n, root)) {
		if (n->type != DOC_DEFLIST)
			continue;
		struct doc_node *code;
		while ((code = n->next) != NULL && code->type == DOC_CODEBLOCK &&
		       (code->flags & DOC_F_INDENTED)) {
			struct doc_node *def = doc_last(n);
			if (def == NULL || def->type != DOC_DEFINITION)
				break;
			n->next = code->next;
			md_blocks_into(cv, def, code->u.text.s, code->u.text.len, (int)code->line);
		}
	}
}

struct doc *md_parse(const char *file, const char *text, size_t len,
		     int line_offset)
{
	md_init();
	struct doc *d = md_parse_text(file, text, len, line_offset);
	unsupported_scan(d, text, len, line_offset);
	return d;
}

/* cmark-gfm's table extension walks a row's list of cells to append
 * each one: a row of n cells costs n², and one line of 500,000 '|'
 * takes minutes. No table has that many columns. */
static int md_too_wide(const char *file, const char *text, size_t len,
		       int line_offset)
{
	size_t total = 0;	/* most pages have a few: no line to look at */
	for (const char *s = text; total <= MD_MAXCELLS &&
	     (s = memchr(s, '|', (size_t)(text + len - s))); s++)
		total++;
	if (total <= MD_MAXCELLS)
		return 0;
	const char *line = text, *end = text + len;
	int nline = 1, bars = 0;
	for (const char *s = text; s < end; s++) {
		if (*s == '\n') {
			nline++;
			line = s + 1;
			bars = 0;
		} else if (*s == '|' && ++bars > MD_MAXCELLS) {
			int col = 1;
			for (const char *c = line; c < s; c++)
				col += ((unsigned char)*c & 0xC0) != 0x80;
			diag_error(file, nline + line_offset, col,
				   "more than %d '|' on one line: no table is that wide", MD_MAXCELLS);
			return 1;
		}
	}
	return 0;
}

/* Does text hold c repeated n times, or a then b? Each page is asked a
 * few of these; memmem's general search cost more than the rest of
 * reading a page's front. */
static int md_has_run(const char *text, size_t len, char c, size_t n)
{
	for (const char *s = text, *end = text + len; (s = memchr(s, c, (size_t)(end - s)));) {
		size_t k = 1;
		while (k < n && s + k < end && s[k] == c)
			k++;
		if (k == n)
			return 1;
		s += k;
	}
	return 0;
}

static int md_has_pair(const char *text, size_t len, char a, char b)
{
	for (const char *s = text, *end = text + len; (s = memchr(s, a, (size_t)(end - s))); s++)
		if (s + 1 < end && s[1] == b)
			return 1;
	return 0;
}

/* Does a line after the first start with c? (A definition's ':'.) */
static int md_has_line_start(const char *text, size_t len, char c)
{
	for (const char *s = text, *end = text + len; (s = memchr(s, c, (size_t)(end - s))); s++)
		if (s > text && s[-1] == '\n')
			return 1;
	return 0;
}

static struct doc *md_parse_text(const char *file, const char *text, size_t len,
				  int line_offset)
{
	if (md_too_wide(file, text, len, line_offset))
		len = 0;	/* an error: the page is not published */
	struct fence_table fences = {0};
	struct buf fenced = {0};
	if (md_has_run(text, len, ':', 3) || md_has_run(text, len, '!', 3) ||
	    md_has_run(text, len, '?', 3)) {
		fence_scan(text, len, line_offset, &fences, &fenced);
		text = fenced.p;
		len = fenced.n;
	}
	/* cmark's autolink extension links what follows "://" or "www."
	 * while it reads inlines, and then walks the whole tree again for
	 * an address around an @ in a text node. Most pages have none of
	 * these, and it costs them: its special characters cut every text
	 * at each ':' and 'w' (cmark joins the pieces again), and the walk
	 * finds nothing. Such pages are read without it, and the tree is
	 * the same; one with an @ in its text is read again with it. */
	int autolink = md_has_pair(text, len, ':', '/') || md_has_pair(text, len, 'w', 'w');
	cmark_parser *p;
	cmark_node *root;
	size_t size;
	for (;;) {
		p = md_parser_new_for(CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES, autolink);
		cmark_parser_feed(p, text, len);
		if (md_serial)
			pthread_mutex_lock(&md_inline_lock);
		root = cmark_parser_finish(p);
		if (md_serial)
			pthread_mutex_unlock(&md_inline_lock);
		int text_at = 0;
		size = md_tree_size(root, autolink ? NULL : &text_at);
		if (!text_at)
			break;
		md_parser_free(p);
		autolink = 1;
	}
	struct doc *d = doc_new(file, size);
	d->root->line = (uint32_t)(line_offset + 1);
	struct md_conv cv = {d, line_offset, fences, text, len, NULL, 0, 0, 0, 0, 0, {0}};
	md_index_lines(&cv);
	md_convert(&cv, root, d->root);
	md_parser_free(p);
	if (cv.notes.nrefs || cv.notes.ndefs || md_has_pair(text, len, '[', '^'))
		footnote_resolve(d, &cv.notes, text, len, cv.fences.line, cv.fences.nlines,
				 line_offset);
	footnote_table_free(&cv.notes);
	if (fences.n)
		md_divs(&cv, d->root);
	if (md_has_pair(text, len, '[', '!'))
		md_alerts(&cv, d->root);
	if (md_has_line_start(text, len, ':')) {
		deflist_tree(d, d->root);
		md_definitions_more(&cv, d->root);
	}
	if (memchr(text, ':', len))
		emoji_tree(d, d->root);
	if (d->html)	/* it goes over every node; most pages have no HTML */
		rawhtml_tree(d, d->root);
	if (md_has_pair(text, len, '^', '['))
		footnote_inline(d, d->root);
	struct spans_src src = {cv.text, cv.len, cv.lines, cv.nlines, line_offset, NULL, 0};
	spans_tree(d, d->root, &src);
	free(cv.lines);
	fence_table_free(&fences);
	buf_free(&fenced);
	md_mark_joins(d->root);
	return d;
}
