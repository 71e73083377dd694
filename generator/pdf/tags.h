/* tags: the structure of a laid-out document (draw.h) as the tagged
 * PDF has it: the marked-content sequences of each page (runs of
 * operations with the same tag, each with its MCID) and every
 * element's kids in reading order. Pure data, shared by out.c (which
 * writes the BDC … EMC), finish.cc (which writes the structure tree)
 * and draw_dump (which prints it for the layout goldens).
 *
 * Reading order is drawing order: an element takes its place in its
 * parent when its first content is drawn, so the table of contents,
 * laid out after the chapters but printed before them, is read
 * before them. An element with no content at all (an empty table
 * cell) goes after the sibling made before it. */
#ifndef TEBIKI_TAGS_H
#define TEBIKI_TAGS_H
#include <stddef.h>
#include <stdint.h>

struct buf;
struct draw_doc;

/* A marked-content sequence: operations [op0, op1) of a page. */
struct tags_mc {
	int page;
	uint32_t op0, op1;
	int elem;
	int mcid;		/* -1 for an artifact */
};

enum tags_kind { TAGS_ELEM, TAGS_MC, TAGS_LINK, TAGS_FIELD };

/* A kid of an element: an element, a marked-content sequence, a link
 * annotation (the DRAW_LINK operation op of page) or a form field. */
struct tags_kid {
	uint8_t kind;
	int a;			/* element, mc, page (TAGS_LINK) or field */
	int b;			/* TAGS_LINK: the operation */
};

struct tags {
	struct tags_mc *mc;
	size_t nmc;
	size_t *page_mc;	/* the first mc of each page, and nmc at [npages] */
	struct tags_kid **kids;	/* per element */
	size_t *nkids;
	size_t nelems;
	int root;		/* the element at the top (a Document), or -1 */
};

void tags_build(const struct draw_doc *d, struct tags *t);
void tags_free(struct tags *t);
/* The PDF structure type of a role ("P", "H1", "Artifact"…). */
const char *tags_role_name(int role);
/* Is the role one of the artifacts? */
int tags_artifact(int role);
/* The tree, one line per element with the text it holds. */
void tags_dump(const struct draw_doc *d, const struct tags *t, struct buf *out);

#endif
