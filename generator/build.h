/* build: the pipeline as named stages: load, organize, cross-reference,
 * render, and the swap of the finished output into place. */
#ifndef TEBIKI_BUILD_H
#define TEBIKI_BUILD_H

struct build_opts {
	const char *dir;	/* project */
	const char *outdir;	/* NULL: DIR/output */
	int jobs;
	int check;		/* validate only, write nothing */
	int verbose;
};

/* Returns the exit status: 0, 1 (content errors) or 2 (environment). */
int build_run(const struct build_opts *o);
/* Prints which pages reach which size × industry variant. */
int build_coverage(const struct build_opts *o);
/* Prints one Markdown file as body HTML, or as the document tree. For
 * golden tests and for seeing what tebiki makes of a file. */
int build_render(const char *file, int tree);

#endif
