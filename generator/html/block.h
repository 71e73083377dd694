/* block: the HTML of ```chart (inline SVG plus the figures as a
 * table), ```table (a computed table) and ```checklist (a printable
 * form) blocks, and of a whole self-diagnosis sheet for its page. */
#ifndef TEBIKI_BLOCK_H
#define TEBIKI_BLOCK_H

struct buf;
struct checklist;
struct doc_node;
struct meta;
struct site;

/* Writes the block at file:line if it is one of ours and was read
 * without errors; returns 0 when it is not (the caller writes a plain
 * code block). url: the page's site path, for relative links. */
int block_html(struct buf *out, const struct site *s, const char *url, const char *file,
	       const struct doc_node *n);
/* The whole sheet (the checklist read from the YAML value m) as a
 * form, for its own page at url. */
void block_sheet(struct buf *out, const struct site *s, const char *url,
		 const struct meta *m);

#endif
