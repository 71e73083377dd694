/* site: the loaded project: configuration, pages, sections, data and
 * taxonomies. Built by input/load, completed by passes, read by the
 * back ends. */
#ifndef TEBIKI_SITE_H
#define TEBIKI_SITE_H
#include <stddef.h>

#include "variant.h"

struct blocks;
struct checklists;
struct datasets;
struct doc;
struct meta;

enum page_level { LEVEL_NONE, LEVEL_BASIC, LEVEL_APPLIED };

struct page {
	char *source;		/* content-relative: "lessons/phishing.md" */
	char *file;		/* project-relative: "content/lessons/phishing.md" */
	char *section;		/* its folder: "guide/basics"; "" at the top of content/ */
	int is_index;		/* an _index.md or index.md: a section's or the home page's text */
	char *slug;
	char *url;		/* site-relative: "lessons/phishing.html" */
	char *title;
	/* The title was the level-1 heading opening the body (input/title),
	 * now out of the tree; anchor: its `{#id}`, else NULL (passes/xref
	 * then makes one from the title, as it would have for the heading). */
	int title_heading;
	char *anchor;
	char *id;
	long order;
	int has_order;
	enum page_level level;
	char *summary;
	char *reviewed;		/* YYYY-MM-DD */
	int draft;
	struct meta *fm;	/* whole front matter (a mapping) */
	struct doc *doc;
	/* A chapter's tree as loaded, before the site's Lua filters ran on
	 * doc (only when filters run): publications filter it for "pdf". */
	struct doc *pdf_doc;
	char **anchors;		/* heading ids, set by passes/xref */
	size_t nanchors;
	struct page *prev, *next;
	int nav_rank;		/* its place in site.yaml's nav: (1, 2 …), 0 if not there */
	/* its section (of which a landing page is the index), NULL at the
	 * top of content/: set by passes/sections */
	struct section *sec;
	int failed;		/* could not be loaded */
	/* its heading ids, accessibility checks and count of blocks were
	 * done by the worker that loaded it (build_early), which also
	 * counted its divs and callouts and listed its links and images
	 * in the tree's order, for the passes that look only at those */
	int early;
	size_t nblocks, ndivs;
	struct doc_node **links;
	size_t nlinks;
};

/* A folder of content/ with pages in it, or in folders under it:
 * content/guide/basics/ is the section "guide/basics", a child of
 * "guide" (passes/sections). */
struct section_entry {
	struct page *page;	/* one of the two */
	struct section *section;
};

struct section {
	char *name;		/* "guide/basics" */
	char *url;		/* "guide/basics/index.html" */
	char *title;		/* its landing page's title, else the folder's name */
	struct page *index;	/* its _index.md or index.md (the landing page), or NULL */
	struct page **pages;	/* its own pages, in order */
	size_t npages;
	struct section *parent;	/* NULL at the top */
	struct section **children;	/* its subsections, in order */
	size_t nchildren;
	struct section_entry *entries;	/* pages and subsections together, in order */
	size_t nentries;
	int depth;		/* 0 at the top */
	int nav_rank;		/* the first place in nav: of a page under it, 0 if none */
};

/* The navigation tree: site.yaml's nav: (MkDocs's), or made from the
 * sections when there is none (passes/nav). */
struct nav_item {
	char *title;		/* as nav: gives it, else the page's or section's */
	struct page *page;	/* a page; NULL for a group or a link */
	struct section *section;	/* a group that is a folder's section */
	char *url;		/* a link out (https://…), else NULL */
	char *href;		/* where it leads (site-root relative, or the link out) */
	struct nav_item *items;	/* a group's items */
	size_t nitems;
};

struct term {
	char *name;
	char *url;		/* "tags/foo.html" */
	char *title;		/* the label of a profile value, else the name */
	const char *description;
	/* for a cell of the size × industry matrix, its two values */
	const struct profile_value *size, *industry;
	struct page **pages;
	size_t npages;
};

/* Tags are what pages say; sizes and industries, with profiles, list
 * every page that applies (a page that names none applies to all);
 * profiles are the cells of the size × industry matrix. */
enum { TAX_TAGS, TAX_SIZES, TAX_INDUSTRIES, TAX_PROFILES, TAX__COUNT };

struct taxonomy {
	const char *name;	/* "tags" */
	const char *key;	/* front-matter key */
	const char *title;	/* "タグ" */
	char *url;		/* "tags/index.html", while the site is written */
	struct term *terms;
	size_t nterms;
};

/* A PDF declared under publications: in site.yaml. */
enum publication_kind { PUB_BOOK, PUB_HANDOUT, PUB_REPORT };

struct publication {
	char *id;		/* output: pdf/<id>.pdf */
	enum publication_kind kind;
	char *title, *subtitle, *author;
	char *date;		/* the cover's date (YYYY-MM-DD) or NULL */
	struct page **chapters;	/* in the order listed */
	size_t nchapters;
	int failed_chapters;	/* listed, but failed to load (reported) */
	/* Parts that group chapters (chapters: [{part: 第1部 基礎,
	 * chapters: […]}, …]): their titles, and each chapter's part (an
	 * index into parts, or -1); chapter_part is NULL without parts. */
	char **parts;
	size_t nparts;
	int *chapter_part;
	int line, col;		/* its entry in site.yaml */
	long size;		/* bytes of the PDF written, 0 if none */
	int pages;		/* its page count, once laid out */
	/* A publication with for: is written once per size × industry
	 * cell; input/publications expands it into one entry per cell, each
	 * with its variant, its own id (<id>-<industry>-<size>) and the
	 * audience named on it (小売業・従業員20名以下の事業者向け). */
	struct variant variant;	/* format "pdf"; values NULL when not tailored */
	char *group;		/* the id as written, for a tailored one; else NULL */
	char *audience;
	int max_pages;		/* page budget (0: none) */
};

/* limits: in site.yaml (input/config checks them); 0: the default. */
struct site_limits {
	long long instructions;	/* per script call */
	long long memory_mb;	/* per Lua state */
	long long seconds;	/* wall time of one call (the watchdog) */
};

struct site {
	char *dir;		/* project directory */
	struct meta *config;	/* site.yaml */
	struct site_limits limits;
	struct meta *profiles_meta;	/* content/profiles.yaml as read */
	struct profiles profiles;	/* … and as checked by passes/profile */
	struct meta *data;	/* name → value, from content/data/ */
	char **datafiles;	/* their file names (the values point at them) */
	size_t ndatafiles;
	struct datasets *datasets;	/* the data sets among them, checked (input/dataset) */
	struct checklists *checklists;	/* content/checklists/ (input/checklist) */
	struct blocks *blocks;	/* chart, table, checklist blocks (passes/blocks) */
	struct page **pages;	/* every non-draft page, _index.md included */
	size_t npages;
	struct page **by_source;	/* pages sorted by source, for lookups */
	struct page **by_url;	/* … and by URL */
	struct page **dropped;	/* drafts and pages that failed to load */
	size_t ndropped;
	struct section *sections;	/* every section, depth first, in order */
	size_t nsections;
	struct page *home;	/* content/_index.md (or index.md) or NULL */
	struct nav_item *nav;	/* the navigation tree's top items */
	size_t nnav;
	int nav_given;		/* by site.yaml's nav: (else made from the sections) */
	struct page **root_pages;	/* the other pages at the top of content/ */
	size_t nroot_pages;
	/* every page but the landing pages, in reading order: each
	 * top-level section depth first, then the root pages */
	struct page **listed;
	size_t nlisted;
	struct taxonomy tax[TAX__COUNT];
	char **images;		/* files to copy, project-relative: content/…, static/…, public/… */
	size_t nimages;
	char *theme_dir;	/* absolute or project-relative */
	char *theme_name;
	int jobs;
	struct publication *pubs;	/* from site.yaml, by input/publications */
	size_t npubs;
	struct filters *filters;	/* Lua filters (script/filter.h), or NULL */
	int slugs;		/* enum slug_style of heading ids (passes/slug), from site.yaml */
	struct parsed *parsed;	/* serve: trees kept between loads (input/parsed), not owned */
	int exiting;		/* the process ends after this build: what only exit
				 * would free is left to the kernel (build.c) */
};

void site_index(struct site *s);	/* after the page list and URLs are final */
struct page *site_find_page(const struct site *s, const char *source);
/* Whether the page of source failed to load: its errors are reported,
 * and what names it is not a second mistake. */
int site_page_failed(const struct site *s, const char *source);
/* The page a content-relative, normalised path names the way other
 * tools write it: "guide/intro.md", "guide/intro" (VitePress, MkDocs),
 * "guide/intro.html" (the page's file on the site, also for a page
 * whose id: renames it), "guide/" or "guide" (its landing page). NULL
 * if none. */
struct page *site_page_at(const struct site *s, const char *path);
void site_free(struct site *s);
void site_page_free(struct page *p);
void site_publication_free(struct publication *pub);	/* one page, e.g. made by a Lua hook */
const char *site_config_str(const struct site *s, const char *key, const char *dflt);
/* s->limits with the defaults where site.yaml sets none. */
struct site_limits site_limits(const struct site *s);

#endif
