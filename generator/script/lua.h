/* lua: the sandboxed Lua state and everything that touches the Lua C
 * API (the only file that includes <lua.h>): limits, the site as Lua
 * tables, and running compiled templates. */
#ifndef TEBIKI_LUA_H
#define TEBIKI_LUA_H
#include <stddef.h>

struct buf;
struct meta;
struct site;
struct page;
struct section;
struct taxonomy;
struct term;

struct script_limits {
	long instructions;	/* per call into Lua */
	size_t memory;		/* bytes per state */
};

struct script;

struct script *script_new(const struct script_limits *lim);
void script_free(struct script *S);

/* Loads a chunk compiled by template_compile under a name; the chunk
 * name is the file, so errors read "file:line: …". Returns 0 or -1
 * (reported unless quiet). */
int script_load_template(struct script *S, const char *name, const char *file,
			 const char *lua, size_t len, int quiet);

/* Builds the `site` table. Returns 0 or -1 (reported). */
int script_set_site(struct script *S, const struct site *site, const char *version);

/* What one output page is. */
enum script_kind {
	SCRIPT_HOME, SCRIPT_SECTION, SCRIPT_PAGE, SCRIPT_TAXONOMY,
	SCRIPT_TERM, SCRIPT_DOWNLOADS, SCRIPT_404, SCRIPT_CHECKLIST, SCRIPT_SEARCH
};

struct script_req {
	enum script_kind kind;
	const char *template;	/* template name, e.g. "page.html" */
	const char *template_file;	/* its path, for diagnostics */
	const char *url;	/* site-relative output path */
	const char *title;	/* for pages without a model object */
	const char *content;	/* rendered body HTML or NULL */
	const struct page *page;
	const struct section *section;
	const struct taxonomy *taxonomy;
	const struct term *term;
	const struct meta *checklist;	/* SCRIPT_CHECKLIST: the sheet as written */
};

/* Renders one output page into out. Returns 0, or -1 after reporting
 * the error (with the template file and line). */
int script_render(struct script *S, const struct script_req *req, struct buf *out);

#endif
