/* publish: from a build's publications (or Markdown files, for
 * tebiki render) to PDF files: the style and fonts once, then every
 * publication laid out and written in parallel. */
#ifndef TEBIKI_PUBLISH_H
#define TEBIKI_PUBLISH_H

struct site;

struct publish_opts {
	const char *pdfdir;	/* write <id>.pdf here; NULL: lay out only (check) */
	const char *copydir;	/* and copy them here (the site's pdf/), or NULL */
	int warn_html;		/* report raw HTML (no site build reports it) */
	const char *version;
	const char *dump;	/* print this publication's layout on stdout, or NULL */
};

/* Every publication of s; sets their size and page count. Returns the
 * number of PDFs laid out (errors are reported). */
int publish_site(struct site *s, const struct publish_opts *o);
/* Copies the PDFs found in pdfdir to copydir (the site's pdf/) and
 * records their sizes, for the downloads page. */
void publish_copy(struct site *s, const char *pdfdir, const char *copydir);
/* Markdown files as the chapters of one book: written to out, or its
 * layout printed on stdout (dump). Returns the exit status. */
int publish_files(char *const *files, int n, const char *out, int dump,
		  const char *version);

#endif
