/* build: the pipeline as named stages: load, organize, cross-reference,
 * render, and the swap of the finished output into place. */
#ifndef TEBIKI_BUILD_H
#define TEBIKI_BUILD_H

enum build_only { BUILD_ALL, BUILD_ONLY_SITE, BUILD_ONLY_PDF };

struct build_opts {
	const char *dir;	/* project */
	const char *outdir;	/* NULL: DIR/output */
	int jobs;
	int check;		/* validate only, write nothing */
	int verbose;
	int strict;		/* --strict: a warning fails the run as an error does */
	enum build_only only;	/* --only site|pdf */
	const char *dump_layout;	/* check --dump-layout=ID: print that publication's layout */
};

/* Returns the exit status: 0, 1 (content errors) or 2 (environment). */
int build_run(const struct build_opts *o);

/* The stages build_run is made of, for serve, which runs them again
 * on every change. */
struct site;
/* Loads o->dir and runs every pass (Lua filters, tailoring, sections
 * and taxonomies, cross-references, figures, publications): the model
 * the site and the PDFs are rendered from. Returns 0, 1 after content
 * errors (reported) or 2 when the project cannot be loaded. */
int build_model(struct site *s, const struct build_opts *o);
/* Writes the publications into pdfdir, copies into copydir (the site's
 * pdf/), and records their sizes on s for the downloads page. */
void build_publish(struct site *s, const struct build_opts *o, const char *pdfdir,
		   const char *copydir);
/* Frees the site and what the passes hung on it. */
void build_free(struct site *s);
/* Prints which pages reach which size × industry variant. */
int build_coverage(const struct build_opts *o);
/* Prints one Markdown file as body HTML, or as the document tree. For
 * golden tests and for seeing what tebiki makes of a file. */
int build_render(const char *file, int tree);
/* Markdown files as the chapters of one book: a PDF written to out, or
 * (dump) its layout printed, for golden tests. */
int build_render_pdf(char *const *files, int n, const char *out, int dump);

#endif
