/* footnote: GitHub's footnotes (`text[^label]` with `[^label]: note`
 * anywhere in the file), as cmark-gfm's footnote option parses them,
 * and Pandoc's and Zenn's inline notes (`text^[note]`), both onto
 * DOC_NOTE nodes: each reference holds the note's blocks, where it is
 * referred to, as Pandoc's Note does, so no back end or filter needs to
 * look anything up. */
#ifndef TEBIKI_FOOTNOTE_H
#define TEBIKI_FOOTNOTE_H
#include <stddef.h>

struct doc;
struct doc_node;

/* What md.c saw of cmark's footnotes while it copied the tree. */
struct footnote_table {
	struct footnote_ref {
		struct doc_node *n;
		int ix;		/* the number cmark gave the definition */
	} *refs;
	size_t nrefs;
	struct doc_node **defs;	/* the definitions, in cmark's numbering */
	int *def_lines;		/* their lines in the text cmark parsed */
	size_t ndefs;
	struct footnote_span {
		int first, last;	/* lines of code and HTML blocks */
	} *skip;
	size_t nskip;
};

/* A reference (cmark's literal is the definition's number) or a
 * definition, as copied into the tree. */
void footnote_add_ref(struct footnote_table *t, struct doc_node *n, const char *literal);
void footnote_add_def(struct footnote_table *t, struct doc_node *n, int text_line);
/* Lines first..last (of the text cmark parsed) are code or HTML: no
 * definition is there. */
void footnote_add_skip(struct footnote_table *t, int first, int last);

/* Moves each definition into its first reference (later references
 * get a copy), and reports, at their lines, a reference with no
 * definition (an error: the reader would see "[^x]"), a label defined
 * twice (an error) and a definition never used (a warning). text is
 * what cmark parsed; its line L is file_line[L - 1] of the file (when
 * file_line is not NULL and L <= nfile), else L + line_offset. */
void footnote_resolve(struct doc *d, struct footnote_table *t, const char *text,
		      size_t len, const int *file_line, size_t nfile, int line_offset);
/* `^[note]` in the text under root becomes a note of one paragraph. */
void footnote_inline(struct doc *d, struct doc_node *root);
void footnote_table_free(struct footnote_table *t);

#endif
