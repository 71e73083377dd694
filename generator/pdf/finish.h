/* finish: the PDF libharu drew (in memory), completed and written by
 * libqpdf; finish.cc is the only file that includes qpdf, through its
 * C++ API (the file says why). libharu 2.3 writes PDF 1.3 with a
 * classic cross-reference table, an indirect /Length per stream, no
 * /ID and whatever objects it made whether or not anything refers to
 * them; qpdf writes what is reachable from the
 * catalog, with object streams and a cross-reference stream, direct
 * lengths and an /ID computed from the content (the same input gives
 * the same bytes), as PDF 1.7. It also adds what makes the file a
 * tagged PDF (PDF/UA-1): the structure tree and the keys that go with
 * it. */
#ifndef TEBIKI_FINISH_H
#define TEBIKI_FINISH_H
#include <stddef.h>

struct draw_doc;
struct tags;

/* An annotation libharu or acroform.c made: the index-th of its page's
 * /Annots, for the link operation op or the form field field (-1 for
 * the other), content of the element elem. */
struct finish_annot {
	int page, index;
	int op, field;
	int elem;
};

/* What libharu cannot write: the structure tree (tags.h) of the
 * document d, with the annotations in it, and the document-level keys
 * of a tagged PDF (MarkInfo, Lang, DisplayDocTitle, XMP metadata). */
struct finish {
	const struct draw_doc *d;
	const struct tags *tags;
	const struct finish_annot *annots;
	size_t nannots;
};

/* Completes the PDF in pdf[0..len) and writes it to path. Returns 0,
 * or -1 with the reason in why. */
int finish_write(const void *pdf, size_t len, const struct finish *f, const char *path,
		 char *why, size_t whylen);

#endif
