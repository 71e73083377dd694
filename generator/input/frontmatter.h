/* frontmatter: splits a Markdown file into its YAML front matter and
 * its body. cmark-gfm knows nothing of front matter. */
#ifndef TEBIKI_FRONTMATTER_H
#define TEBIKI_FRONTMATTER_H
#include <stddef.h>

struct frontmatter {
	const char *yaml;	/* NULL when the file has none */
	size_t yaml_len;
	int yaml_line;		/* line of the first YAML line */
	const char *body;
	size_t body_len;
	int body_line;		/* line of the first body line */
};

/* Returns 0, or -1 (reported) when the block is not closed. */
int frontmatter_split(const char *file, const char *text, size_t len,
		      struct frontmatter *fm);

#endif
