/* fence: Pandoc-style fenced divs (`::: note` … `:::`), which
 * cmark-gfm does not know. Before parsing, each fence line becomes an
 * HTML comment `<!--tebiki-fence:N-->` (one line for one line, behind
 * the same `>` and indentation), which CommonMark parses as an HTML
 * block that can interrupt a paragraph; after parsing, md turns the
 * markers back into div nodes around their siblings. */
#ifndef TEBIKI_FENCE_H
#define TEBIKI_FENCE_H
#include <stddef.h>

struct buf;

struct fence {
	int close;		/* a closing ":::" */
	char *info;		/* after the colons: "only size=micro" */
	int line, col;		/* in the file */
	int info_col;		/* column of info */
	char *text;		/* the line as written, after the prefix */
};

struct fence_table {
	struct fence *v;
	size_t n;
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
