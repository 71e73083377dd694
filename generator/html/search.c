/* search: one entry per page: title, URL, section title and the plain
 * text of the body, as it shows on the site (blocks for the PDF only
 * left out). */
#include "search.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/diag.h"
#include "../base/fsutil.h"
#include "../base/utf8.h"
#include "../model/doc.h"
#include "../model/site.h"

/* A page's text beyond this many bytes is not indexed: the index of a
 * large site stays loadable on a phone. */
#define SEARCH_MAX_TEXT 20000

/* A JavaScript string literal: quotes, backslashes, control characters
 * and the two line separators JavaScript does not allow in strings. */
static void search_js_string(struct buf *b, const char *s, size_t n)
{
	buf_addc(b, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			buf_addc(b, '\\');
			buf_addc(b, (char)c);
		} else if (c < 0x20) {
			buf_addf(b, "\\u%04x", c);
		} else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
			   ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
			buf_addf(b, "\\u%04x", (unsigned char)s[i + 2] == 0xA8 ? 0x2028 : 0x2029);
			i += 2;
		} else if (c == '<') {
			buf_adds(b, "\\u003c");	/* never "</script" */
		} else {
			buf_addc(b, (char)c);
		}
	}
	buf_addc(b, '"');
}

/* Plain text of the blocks, one space between blocks. */
static void search_text(const struct doc_node *n, struct buf *b)
{
	for (const struct doc_node *c = n->first; c && b->n < SEARCH_MAX_TEXT; c = c->next) {
		if (doc_other_format(c, "html"))
			continue;
		switch ((enum doc_type)c->type) {
		case DOC_PARAGRAPH:
		case DOC_HEADING:
		case DOC_TABLE_CELL:
		case DOC_CODEBLOCK:
			doc_text(c, b);
			if (c->type == DOC_CODEBLOCK)
				buf_add(b, c->u.text.s, c->u.text.len);
			buf_addc(b, ' ');
			break;
		case DOC_HTMLBLOCK:
			break;
		default:
			search_text(c, b);
			break;
		}
	}
}

/* Cuts at a character boundary. */
static size_t search_cut(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return max;
}

static void search_entry(struct buf *b, const struct page *p, const char *section)
{
	struct buf text = {0};
	search_text(p->doc->root, &text);
	buf_adds(b, "{\"t\":");
	search_js_string(b, p->title, strlen(p->title));
	buf_adds(b, ",\"u\":");
	search_js_string(b, p->url, strlen(p->url));
	buf_adds(b, ",\"s\":");
	search_js_string(b, section, strlen(section));
	buf_adds(b, ",\"x\":");
	search_js_string(b, text.p ? text.p : "", search_cut(text.p, text.n, SEARCH_MAX_TEXT));
	buf_adds(b, "},\n");
	buf_free(&text);
}

int search_write(const struct site *s, const char *sitedir)
{
	struct buf b = {0};
	buf_adds(&b, "/* tebiki search index: generated, do not edit */\nwindow.TEBIKI_SEARCH = [\n");
	for (size_t i = 0; i < s->nsections; i++) {
		const struct section *sec = &s->sections[i];
		const char *title = sec->index ? sec->index->title : sec->name;
		for (size_t j = 0; j < sec->npages; j++)
			search_entry(&b, sec->pages[j], title);
	}
	buf_adds(&b, "];\n");
	char *path = fs_join(sitedir, "search-index.js");
	int r = fs_write(path, b.p, b.n);
	if (r < 0)
		diag_error(NULL, 0, 0, "cannot write %s: %s", path, strerror(errno));
	free(path);
	buf_free(&b);
	return r;
}
