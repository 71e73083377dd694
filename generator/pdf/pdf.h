/* pdf: a publication (book, handout, report) as laid-out pages: the
 * document trees of its chapters walked in one flat switch into
 * layout calls, plus the cover, the table of contents (目次), running
 * heads, folios, the outline and page labels. Layout is a function of
 * (trees, style): a variant of a publication is the same call with
 * tailored copies of the trees, and draw_doc.npages says whether it
 * fits a page budget. */
#ifndef TEBIKI_PDF_H
#define TEBIKI_PDF_H
#include <stddef.h>
#include <time.h>

#include "draw.h"
#include "style.h"

struct blocks;
struct doc;
struct font;
struct profiles;
struct site;
struct variant;

enum pdf_kind { PDF_BOOK, PDF_HANDOUT, PDF_REPORT };

/* What every publication of a build shares: read-only while rendering. */
struct pdf_env {
	struct pdf_style st;
	struct font *fonts[FACE__ALL];	/* NULL for a fallback not used */
	const char *creator;	/* "tebiki 0.1" */
	time_t date;		/* CreationDate and the cover's date */
};

struct pdf_chapter {
	const struct doc *doc;	/* the tree to typeset */
	const char *file;	/* project-relative, for diagnostics */
	const char *source;	/* content-relative ("lessons/a.md"), for links */
	const char *url;	/* its page on the site, or NULL */
	const char *title;
	const char *summary;	/* or NULL */
	int warn;		/* report its problems (once per build) */
	const char *anchor;	/* the id of its title (page->anchor), or NULL */
	const char *part;	/* the title of the part it is in, or NULL */
};

struct pdf_job {
	enum pdf_kind kind;
	const char *title, *subtitle, *author;
	const char *date;	/* the cover's date, as written, or NULL */
	const struct pdf_chapter *ch;
	size_t nch;
	const char *dir;	/* chapter files are relative to it */
	const char *base_url;	/* the site, for links to pages not in the PDF */
	int warn_html;		/* report raw HTML (the site build did not) */
	int images_checked;	/* missing images were reported (by xref) */
	const struct profiles *profiles;	/* for 対象：… labels, or NULL */
	const char *lang;	/* the document's language (site.yaml), or NULL: ja */
	const struct blocks *blocks;	/* ```chart, ```table, ```checklist (passes/blocks), or NULL */
	const struct variant *variant;	/* its audience (checklist items), or NULL: all */
	const struct site *site;	/* for the site URL of any page, or NULL */
};

/* Opens the fonts the style names; a missing one is an error naming
 * its Debian package. Returns 0 or -1 (reported). */
int pdf_env_open(struct pdf_env *e);
void pdf_env_close(struct pdf_env *e);
/* Lays the publication out into out (zeroed by the caller, freed with
 * draw_free). Problems are reported; returns -1 after an error. */
int pdf_layout(const struct pdf_env *e, const struct pdf_job *j, struct draw_doc *out);

#endif
