/* filter: Lua filters, custom blocks and build hooks (docs/lua.md).
 *
 * site.yaml lists the files, under the project's lua/:
 * `filters: [filters/normalize.lua]`. Each page's tree goes through
 * them once loaded, before anything reads it (tailoring checks, titles
 * from headings, ids, links); PDF publications and handouts run them
 * again on copies of chapter trees, per variant and format. Every call
 * borrows a sandboxed Lua state no other thread is using, so calls may
 * come from several threads at once. */
#ifndef TEBIKI_FILTER_H
#define TEBIKI_FILTER_H

struct doc;
struct page;
struct site;
struct variant;
struct filters;

/* Reads `filters:` and compiles the files, reporting what is wrong (a
 * missing file at its site.yaml line, a syntax error in the file).
 * NULL when the project has no filters: nothing else then costs
 * anything. */
struct filters *filters_load(const struct site *s);
/* Does site.yaml (config) name filters? filters_load is NULL when not. */
struct meta;
int filters_wanted(const struct meta *config);
void filters_free(struct filters *f);

/* The site's pass: on_site hooks (which may add pages), then every
 * page's tree in place (format "html", every variant), each file's
 * on_page hook after its functions. Returns 0, or -1 after reporting. */
int filter_site(struct filters *f, struct site *s);

/* One page's tree as filter_site runs it, for serve, which loads a
 * changed page again. -1 (nothing reported) when the filters have an
 * on_site hook, which may make pages from anything: the whole site
 * must be filtered again; -1 after reporting on errors. */
int filter_page(struct filters *f, struct page *p);

/* Runs the filters over d, a copy of p's tree made for one variant and
 * format ("html", "pdf"; NULL: v's, else "html"); v NULL: every
 * variant. p is read, never changed. Returns 0, or -1 after reporting. */
int filter_run(struct filters *f, struct doc *d, const struct page *p,
	       const struct variant *v, const char *format);

/* after_build hooks, given the files written under outdir. */
int filter_after_build(struct filters *f, const char *outdir);

#endif
