/* blocks: every ```chart, ```table and ```checklist block of the site,
 * read and checked once, before any output: errors point at the
 * block's lines in its Markdown file, and the back ends (HTML, PDF,
 * every variant) look the parsed block up by file and line instead of
 * parsing it again. Also checks the checklists' lessons and profile
 * values, and reads the chart colours of the theme. */
#ifndef TEBIKI_BLOCKS_H
#define TEBIKI_BLOCKS_H
#include <stddef.h>

#include "../render/chart.h"
#include "../render/datatable.h"

struct checklist;
struct meta;
struct site;

enum block_kind { BLOCK_CHART, BLOCK_TABLE, BLOCK_CHECKLIST };

/* ```checklist: a sheet, or some of its items. */
struct block_checklist {
	const struct checklist *cl;
	int *nos;		/* chosen item numbers, in the sheet's order */
	size_t nnos;		/* 0: every item (of category, if set) */
	const char *category;
	const char *title;	/* the sheet's title when NULL */
	int form;		/* answer columns (radio buttons / boxes) */
};

struct block {
	const char *file;	/* the page's file */
	int line;		/* of the opening fence */
	enum block_kind kind;
	union {
		struct chart chart;
		struct datatable_spec table;
		struct block_checklist checklist;
	} u;
};

struct blocks {
	struct block *v;	/* sorted by file, then line */
	size_t n;
	struct chart_style style;	/* the theme's chart colours */
	struct meta **metas;	/* the blocks' YAML: specs borrow its strings */
	size_t nmetas;
};

/* BLOCK_* for a code block's info string ("chart", "table {…}"), or -1. */
int blocks_kind(const char *info);
/* How many of the tree's code blocks are blocks. */
struct doc;
size_t blocks_count(const struct doc *d);
/* Reads and checks every block of every page; sets s->blocks. */
void blocks_site(struct site *s);
/* The block at file:line, or NULL (not ours, or it had errors). */
const struct block *blocks_find(const struct blocks *b, const char *file, int line);
/* Is the item shown by the block (before any variant's filter)? */
int blocks_shows(const struct block_checklist *bc, int item_index);
void blocks_free(struct blocks *b);

#endif
