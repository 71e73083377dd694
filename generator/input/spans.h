/* spans: inline syntax cmark-gfm does not know, read from the text
 * of the tree it built:
 * - Denden Markdown ruby (the syntax Japanese e-book tools share):
 *   {脆弱性|ぜいじゃくせい} is group ruby, one DOC_RUBY over the whole
 *   base; {漢字|かん|じ}, one reading per character, is mono-ruby, one
 *   DOC_RUBY per character — the node <ruby> in HTML becomes too.
 * - Pandoc's bracketed span [重要]{.bouten}: a DOC_SPAN of kind
 *   "bouten" (圏点). Other classes are left as text.
 * A `{` or `[` that does not make one of these stays text; `\{` never
 * does. */
#ifndef TEBIKI_SPANS_H
#define TEBIKI_SPANS_H
#include <stddef.h>

struct doc;
struct doc_node;
struct spans_pos;

/* The source cmark read, to tell an escaped \{ from a { (cmark
 * merges the text around an escape into one node). */
struct spans_src {
	const char *text;
	size_t len;
	const size_t *lines;	/* offset of each line in text */
	size_t nlines;
	int line_offset;	/* node lines are text's lines plus this */
	struct spans_pos *pos;	/* spans_tree's: where the last look ended */
	int plain;		/* spans_tree's: no { in text, so nothing to read */
};

void spans_tree(struct doc *d, struct doc_node *root, const struct spans_src *src);

#endif
