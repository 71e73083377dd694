/* load: reads a project directory into a site model. */
#ifndef TEBIKI_LOAD_H
#define TEBIKI_LOAD_H

struct page;
struct site;

/* Returns 0, 1 after content errors (reported), 2 when dir is not a
 * project. The site is usable for reporting even after errors. after,
 * if set, runs on each page in the worker that loaded it. */
int load_site(struct site *s, const char *dir, int jobs,
	      void (*after)(struct site *s, struct page *p));
/* dir/rel read beneath dir (base/confine; dir NULL: rel as it is, for
 * files named on the command line) and checked as UTF-8; NULL after
 * reporting why at rel (errno EILSEQ for bad UTF-8). */
#include <stddef.h>
char *load_text(const char *dir, const char *rel, size_t *len);
/* The name a YAML file of content/data/ or content/checklists/ goes by
 * (site.data.NAME, ```checklist NAME): its file name without .yaml or
 * .yml. NULL (reported at rel) if that has a dot: x.y.yaml and x.yaml
 * would both be x. */
char *load_yaml_name(const char *rel, const char *file);
/* Is this a front-matter key tebiki gives a meaning to? */
int load_is_known_key(const char *key);
/* For pages Lua filters make or change: a page for a content-relative
 * source path that need not exist, and reading p->fm's typed keys
 * into p's fields (reporting wrong values in p->file). */
struct page *load_page_new(const char *source);
/* Reads the page file dir/path as load_text does: its
 * front matter into p->fm and p's fields, its body into p->doc, its
 * title (input/title). Returns 0, 1 after content errors (p->failed),
 * 2 when the file cannot be read. loose (tebiki render, which takes
 * any Markdown): a front matter that is not a mapping is ignored. */
int load_read(struct page *p, const char *dir, const char *path, int loose);
/* load_read of a page of s alone, through s's kept trees (serve). */
int load_reread(struct page *p, const struct site *s);
void load_frontmatter(struct page *p);

#endif
