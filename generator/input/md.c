/* md: parse with cmark-gfm and its table, strikethrough, autolink and
 * tasklist extensions, then copy into our own tree so nothing past
 * this file depends on cmark. Extension node types are numbers given
 * out at run time, so they are recognised by their type string. */
#include "md.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/utf8.h"
#include "../model/doc.h"

static const char *md_extensions[] = {"table", "strikethrough", "autolink",
				      "tasklist"};

void md_init(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

struct md_conv {
	struct doc *doc;
	int line_offset;
};

static const char *md_dup(struct doc *d, const char *s)
{
	return arena_strdup(&d->arena, s ? s : "");
}

static void md_literal(struct md_conv *cv, struct doc_node *n, cmark_node *src)
{
	const char *s = cmark_node_get_literal(src);
	if (s == NULL)
		s = "";
	size_t len = strlen(s);
	n->u.text.s = arena_strndup(&cv->doc->arena, s, len);
	n->u.text.len = len;
}

static enum doc_type md_ext_type(cmark_node *src, int *ok)
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
	case DOC_CODEBLOCK:
		md_literal(cv, n, src);
		n->u.text.info = md_dup(d, cmark_node_get_fence_info(src));
		break;
	case DOC_TEXT:
	case DOC_CODE:
	case DOC_HTMLBLOCK:
	case DOC_HTMLINLINE:
		md_literal(cv, n, src);
		break;
	case DOC_LINK:
	case DOC_IMAGE:
		n->u.link.url = md_dup(d, cmark_node_get_url(src));
		n->u.link.title = md_dup(d, cmark_node_get_title(src));
		break;
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
	case DOC_TABLE_CELL:
		for (cmark_node *p = cmark_node_previous(src); p; p = cmark_node_previous(p))
			n->u.cell.col++;
		break;
	default:
		break;
	}
}

static void md_convert(struct md_conv *cv, cmark_node *src, struct doc_node *parent)
{
	for (cmark_node *c = cmark_node_first_child(src); c; c = cmark_node_next(c)) {
		int ok;
		enum doc_type t = md_type(c, &ok);
		if (!ok)
			continue;	/* an extension we did not enable */
		int line = cmark_node_get_start_line(c);
		if (line == 0 && parent)
			line = (int)parent->line - cv->line_offset;
		struct doc_node *n = doc_node_new(cv->doc, t, line + cv->line_offset,
						  cmark_node_get_start_column(c));
		md_payload(cv, n, c);
		doc_append(parent, n);
		md_convert(cv, c, n);
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
		n = last ? n->last : n->first;
	}
	return 0;
}

/* A line break inside Japanese text is not a space (as Pandoc's
 * east_asian_line_breaks): mark such soft breaks once, for every
 * back end. */
static void md_mark_joins(struct doc_node *root)
{
	for (struct doc_node *n = root; n; n = doc_walk_next(n, root)) {
		if (n->type != DOC_SOFTBREAK || !n->prev || !n->next)
			continue;
		if (utf8_is_cjk(md_edge_char(n->prev, 1)) &&
		    utf8_is_cjk(md_edge_char(n->next, 0)))
			n->flags |= DOC_F_JOIN;
	}
}

struct doc *md_parse(const char *file, const char *text, size_t len,
		     int line_offset)
{
	cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
	for (size_t i = 0; i < sizeof md_extensions / sizeof *md_extensions; i++)
		cmark_parser_attach_syntax_extension(
		    p, cmark_find_syntax_extension(md_extensions[i]));
	cmark_parser_feed(p, text, len);
	cmark_node *root = cmark_parser_finish(p);
	struct doc *d = doc_new(file);
	d->root->line = (uint32_t)(line_offset + 1);
	struct md_conv cv = {d, line_offset};
	md_convert(&cv, root, d->root);
	cmark_node_free(root);
	cmark_parser_free(p);
	md_mark_joins(d->root);
	return d;
}
