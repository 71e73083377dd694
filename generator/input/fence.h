/* fence: Pandoc-style fenced divs (`::: note` … `:::`) and MkDocs
 * admonitions (`!!! note "題"` with a body indented four spaces),
 * which cmark-gfm does not know. Before parsing, each fence line
 * becomes an HTML comment `<!--tebiki-fence:N-->` (one line for one
 * line, behind the same `>` and indentation), which CommonMark parses
 * as an HTML block that can interrupt a paragraph; after parsing, md
 * turns the markers back into div nodes around their siblings.
 *
 * A closing `:::` indented a little deeper than its opener closes it,
 * as markdown-it-container (VitePress) finds closers line by line: it
 * is written at the opener's indentation. An admonition's body is
 * written four columns to the left, and its end gets a line of its own
 * (a closing marker), so the text cmark parses has lines the file
 * does not: the table maps them back. */
#ifndef TEBIKI_FENCE_H
#define TEBIKI_FENCE_H
#include <stddef.h>

struct buf;

struct fence {
	int close;		/* a closing ":::" (or an admonition's end) */
	char mkdocs;		/* 0 for ":::"; '!' for "!!!", '?' for "???",
				 * '+' for "???+" (MkDocs, pymdownx.details) */
	char *info;		/* after the colons: "only size=micro" */
	int line, col;		/* in the file */
	int info_col;		/* column of info */
	char *text;		/* the line as written, after the prefix */
};

struct fence_table {
	struct fence *v;
	size_t n;
	/* per line of the scanned text: its line in the file and the
	 * columns taken off its start (an admonition's indentation) */
	int *line, *shift;
	size_t nlines;
};

/* Copies text to out with fence lines replaced by markers. */
void fence_scan(const char *text, size_t len, int line_offset,
		struct fence_table *ft, struct buf *out);
/* The marker's fence number, or -1 if s is not a marker. */
int fence_marker(const char *s, size_t len);
/* Appends s to out with every marker in it turned back into its line
 * (for markers that ended up in code or text, where a ":::" line is not
 * a fence). Returns 0 if s holds none (and out is left alone). */
int fence_restore(const struct fence_table *ft, const char *s, size_t len,
		  struct buf *out);
void fence_table_free(struct fence_table *ft);

#endif
