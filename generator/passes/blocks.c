/* blocks: parsing happens here, once per block, on one thread; the
 * back ends then only read. A block is found again by its page's file
 * and its fence's line, which every variant's copy of the tree keeps. */
#include "blocks.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/confine.h"
#include "../base/diag.h"
#include "../base/fsutil.h"
#include "../base/pool.h"
#include "../base/xalloc.h"
#include "../input/checklist.h"
#include "../input/dataset.h"
#include "../input/yaml.h"
#include "../model/doc.h"
#include "../model/meta.h"
#include "../model/site.h"
#include "../model/theme.h"
#include "../render/chartspec.h"
#include "../render/spec.h"
#include "profile.h"

static const char *const blocks_names[] = {"chart", "table", "checklist", NULL};

int blocks_kind(const char *info)
{
	if (info == NULL)
		return -1;
	size_t n = strcspn(info, " \t{");
	for (int i = 0; blocks_names[i]; i++)
		if (strlen(blocks_names[i]) == n && strncmp(info, blocks_names[i], n) == 0)
			return i;
	return -1;
}

/* ---- ```checklist -------------------------------------------------- */

static const char *const blocks_checklist_keys[] = {
	"checklist", "items", "category", "title", "form", NULL};

static int blocks_items(struct block_checklist *bc, const struct meta *m)
{
	const struct meta *v = meta_get(m, "items");
	if (v == NULL)
		return 0;
	size_t n = v->type == META_LIST ? v->u.c.n : 1;
	bc->nos = xcalloc(n + 1, sizeof *bc->nos);
	int bad = 0;
	for (size_t i = 0; i < n; i++) {
		const struct meta *it = v->type == META_LIST ? v->u.c.items[i] : v;
		if (it->type != META_INT || checklist_item(bc->cl, (int)it->u.i) == NULL) {
			diag_error(it->file, it->line, it->col,
				   "checklist '%s' has no item %s (items are numbered 1 to %d)",
				   bc->cl->name, meta_str(it) ? meta_str(it) : meta_type_name(it->type),
				   bc->cl->items[bc->cl->nitems - 1].no);
			bad = 1;
		} else
			bc->nos[bc->nnos++] = (int)it->u.i;
	}
	return bad ? -1 : 0;
}

static int blocks_category(struct block_checklist *bc, const struct meta *m)
{
	int bad = 0;
	bc->category = spec_text(m, "category", &bad);
	if (bad || bc->category == NULL)
		return bad ? -1 : 0;
	for (size_t i = 0; i < bc->cl->ncategories; i++)
		if (strcmp(bc->cl->categories[i], bc->category) == 0)
			return 0;
	struct buf b = {0};
	for (size_t i = 0; i < bc->cl->ncategories; i++)
		buf_addf(&b, "%s%s", i ? ", " : "", bc->cl->categories[i]);
	const struct meta *v = meta_get(m, "category");
	diag_error(v->file, v->line, v->col, "checklist '%s' has no category '%s' (known: %s)",
		   bc->cl->name, bc->category, b.p);
	buf_free(&b);
	return -1;
}

/* Returns 0, -1 after an error, -2 when the sheet itself is broken. */
static int blocks_checklist(struct block_checklist *bc, const struct meta *m,
			    const struct site *s, const char *file, int line)
{
	memset(bc, 0, sizeof *bc);
	if (m->type != META_MAP) {
		diag_error(file, line, 1, "a checklist block holds YAML options (checklist: NAME, …)");
		return -1;
	}
	int bad = spec_keys(m, blocks_checklist_keys, "checklist option") > 0;
	const struct meta *v = meta_get(m, "checklist");
	const char *name = meta_str(v);
	bc->cl = name ? checklist_find(s->checklists, name) : NULL;
	if (bc->cl && bc->cl->broken)
		return bad ? -1 : -2;
	if (bc->cl == NULL) {
		struct buf b = {0};
		checklist_known(s->checklists, &b);
		if (v)
			diag_error(v->file, v->line, v->col, "unknown checklist '%s' (known: %s)",
				   name ? name : meta_type_name(v->type), b.p);
		else
			diag_error(file, line, 1, "a checklist block needs 'checklist: NAME' (known: %s)", b.p);
		buf_free(&b);
		return -1;
	}
	bc->title = spec_text(m, "title", &bad);
	bad |= spec_bool(m, "form", 1, &bc->form) < 0;
	bad |= blocks_items(bc, m) < 0;
	bad |= blocks_category(bc, m) < 0;
	return bad ? -1 : 0;
}

int blocks_shows(const struct block_checklist *bc, int i)
{
	const struct checklist_item *it = &bc->cl->items[i];
	if (bc->category && strcmp(it->category, bc->category) != 0)
		return 0;
	if (bc->nnos == 0)
		return 1;
	for (size_t k = 0; k < bc->nnos; k++)
		if (bc->nos[k] == it->no)
			return 1;
	return 0;
}

/* ---- reading every block ------------------------------------------- */

static void blocks_release(struct block *b)
{
	switch (b->kind) {
	case BLOCK_CHART:
		chart_free(&b->u.chart);
		break;
	case BLOCK_TABLE:
		datatable_spec_free(&b->u.table);
		break;
	case BLOCK_CHECKLIST:
		free(b->u.checklist.nos);
		break;
	}
}

static void blocks_add(struct blocks *all, const struct block *b)
{
	if ((all->n & (all->n + 1)) == 0 || all->n == 0)
		all->v = xrealloc(all->v, (all->n * 2 + 2) * sizeof *all->v);
	all->v[all->n++] = *b;
}

/* The body's lines are the Markdown file's: the fence is line `line`. */
static void blocks_read(struct site *s, struct blocks *all, const char *file,
			const struct doc_node *n)
{
	int kind = blocks_kind(n->u.text.info);
	struct meta *m = yaml_parse(file, n->u.text.s, n->u.text.len, (int)n->line);
	if (m == NULL)
		return;
	all->metas[all->nmetas++] = m;	/* strings of the block point into it */
	struct block b = {.file = file, .line = (int)n->line, .kind = (enum block_kind)kind};
	int rc;
	if (kind == BLOCK_CHART)
		rc = chartspec_parse(m, s->datasets, file, (int)n->line, &b.u.chart);
	else if (kind == BLOCK_TABLE)
		rc = datatable_parse(m, s->datasets, file, (int)n->line, &b.u.table);
	else
		rc = blocks_checklist(&b.u.checklist, m, s, file, (int)n->line);
	if (rc == 0)
		blocks_add(all, &b);
	else if (kind == BLOCK_CHECKLIST)
		free(b.u.checklist.nos);
}

size_t blocks_count(const struct doc *d)
{
	size_t k = 0;
	for (struct doc_node *n = d->root; n; n = doc_walk_next(n, d->root))
		k += n->type == DOC_CODEBLOCK && blocks_kind(n->u.text.info) >= 0;
	return k;
}

/* ---- checklists: lessons and audiences ----------------------------- */

static char *blocks_heading_text(const struct page *p, const char *id)
{
	for (struct doc_node *n = p->doc->root; n; n = doc_walk_next(n, p->doc->root))
		if (n->type == DOC_HEADING && n->u.heading.id && strcmp(n->u.heading.id, id) == 0) {
			struct buf b = {0};
			doc_text(n, &b);
			return buf_detach(&b);
		}
	return NULL;
}

static void blocks_lesson(struct site *s, const struct checklist *cl, struct checklist_lesson *l)
{
	const struct page *p = site_find_page(s, l->source);
	if (p == NULL && site_page_failed(s, l->source))
		return;
	if (p == NULL) {
		diag_error(cl->file, l->line, l->col,
			   "lesson '%s' not found (a page under content/, e.g. lessons/passwords.md)",
			   l->source);
		return;
	}
	if (l->anchor == NULL) {
		l->page = p;
		return;
	}
	for (size_t i = 0; i < p->nanchors; i++)
		if (strcmp(p->anchors[i], l->anchor) == 0) {
			l->page = p;
			l->heading = blocks_heading_text(p, l->anchor);
			return;
		}
	struct buf b = {0};
	for (size_t i = 0; i < p->nanchors; i++)
		buf_addf(&b, "%s%s", i ? ", " : "", p->anchors[i]);
	diag_error(cl->file, l->line, l->col, "%s has no heading '#%s' (its headings: %s)",
		   p->file, l->anchor, b.n ? b.p : "none");
	buf_free(&b);
}

/* Audience values must be declared in content/profiles.yaml. */
static void blocks_audience(const struct site *s, const struct checklist *cl,
			    const struct checklist_item *it)
{
	static const char *axes[AXIS__COUNT] = {[AXIS_SIZE] = "size", [AXIS_INDUSTRY] = "industry"};
	for (int a = 0; a < AXIS__COUNT; a++) {
		for (const char *v = it->only[a]; v && *v;) {
			size_t k = strcspn(v, ",");
			char *id = xstrndup(v, k);
			if (profile_find(&s->profiles, a, id) == NULL) {
				struct buf b = {0};
				for (size_t i = 0; i < s->profiles.axis[a].n; i++)
					buf_addf(&b, "%s%s", i ? ", " : "", s->profiles.axis[a].v[i].id);
				diag_error(cl->file, it->only_line[a], it->only_col[a],
					   "item %d: unknown %s '%s' (known: %s)", it->no, axes[a], id,
					   b.n ? b.p : "none: declare them in content/profiles.yaml");
				buf_free(&b);
			}
			free(id);
			v += k + (v[k] == ',');
		}
	}
}

static void blocks_link_checklists(struct site *s)
{
	for (size_t i = 0; s->checklists && i < s->checklists->n; i++) {
		struct checklist *cl = &s->checklists->v[i];
		/* items of a sheet with other errors are checked too: every
		 * problem is reported in one run */
		for (size_t k = 0; k < cl->nitems; k++) {
			struct checklist_item *it = &cl->items[k];
			for (size_t l = 0; l < it->nlessons; l++)
				blocks_lesson(s, cl, &it->lessons[l]);
			blocks_audience(s, cl, it);
		}
	}
}

/* ---- the theme's chart colours ------------------------------------- */

static int blocks_colour(const struct meta *v, uint32_t *out)
{
	const char *s = meta_str(v);
	unsigned int rgb;
	char tail;
	if (s && s[0] == '#' && strlen(s) == 7 && sscanf(s + 1, "%6x%c", &rgb, &tail) == 1) {
		*out = rgb;
		return 0;
	}
	diag_error(v->file, v->line, v->col, "'%s' is not a colour #RRGGBB",
		   s ? s : meta_type_name(v->type));
	return -1;
}

static void blocks_style_read(struct chart_style *st, const struct meta *m)
{
	static const char *const keys[] = {"palette", "text", "muted", "grid", "axis", NULL};
	if (m->type != META_MAP) {
		diag_error(m->file, m->line, m->col, "chart.yaml maps palette, text, muted, grid, axis");
		return;
	}
	spec_keys(m, keys, "chart style key");
	const struct meta *p = meta_get(m, "palette");
	if (p && (p->type != META_LIST || p->u.c.n == 0 || p->u.c.n > CHART_MAXPALETTE))
		diag_error(p->file, p->line, p->col, "'palette' lists 1 to %d colours", CHART_MAXPALETTE);
	else if (p) {
		st->npalette = 0;
		for (size_t i = 0; i < p->u.c.n; i++)
			if (blocks_colour(p->u.c.items[i], &st->palette[st->npalette]) == 0)
				st->npalette++;
	}
	uint32_t *slots[] = {&st->text, &st->muted, &st->grid, &st->axis};
	for (int i = 0; i < 4; i++)
		if (meta_get(m, keys[i + 1]))
			blocks_colour(meta_get(m, keys[i + 1]), slots[i]);
}

/* chart.yaml of the site's theme (model/theme); the built-in palette
 * when there is none. */
static void blocks_style(struct site *s, struct chart_style *st)
{
	chart_style_default(st);
	const char *display;
	const char *dir = theme_find(s, &display);
	if (dir == NULL)
		return;	/* reported */
	char *rel = fs_join(display, "chart.yaml");
	size_t len;
	char *text = confine_read(dir, "chart.yaml", &len);
	if (text == NULL && errno != ENOENT)
		diag_error(rel, 0, 0, "cannot read: %s", confine_strerror(errno));
	struct meta *m = text ? yaml_parse(rel, text, len, 0) : NULL;
	if (m)
		blocks_style_read(st, m);
	meta_free(m);
	free(text);
	free(rel);
}

/* ---- the site ------------------------------------------------------ */

static int blocks_cmp(const void *a, const void *b)
{
	const struct block *x = a, *y = b;
	int c = strcmp(x->file, y->file);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

struct blocks_counts {
	const struct site *s;
	size_t *n;	/* per page */
};

static void blocks_count_one(size_t i, int worker, void *ctx)
{
	(void)worker;
	struct blocks_counts *bc = ctx;
	const struct page *p = bc->s->pages[i];
	bc->n[i] = p->early ? p->nblocks : p->doc ? blocks_count(p->doc) : 0;
}

void blocks_site(struct site *s)
{
	struct blocks *all = xcalloc(1, sizeof *all);
	s->blocks = all;
	blocks_style(s, &all->style);
	blocks_link_checklists(s);
	/* which pages have blocks: every tree walked, in parallel */
	struct blocks_counts bc = {s, xcalloc(s->npages + 1, sizeof *bc.n)};
	pool_run(s->jobs, s->npages, blocks_count_one, &bc);
	size_t total = 0;
	for (size_t i = 0; i < s->npages; i++)
		total += bc.n[i];
	all->metas = xcalloc(total + 1, sizeof *all->metas);
	for (size_t i = 0; i < s->npages; i++) {
		struct page *p = s->pages[i];
		for (struct doc_node *n = bc.n[i] ? p->doc->root : NULL; n;
		     n = doc_walk_next(n, p->doc->root))
			if (n->type == DOC_CODEBLOCK && blocks_kind(n->u.text.info) >= 0)
				blocks_read(s, all, p->file, n);
	}
	free(bc.n);
	if (all->n)
		qsort(all->v, all->n, sizeof *all->v, blocks_cmp);
}

const struct block *blocks_find(const struct blocks *b, const char *file, int line)
{
	if (b == NULL || file == NULL)
		return NULL;
	size_t lo = 0, hi = b->n;
	struct block key = {.file = file, .line = line};
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = blocks_cmp(&b->v[mid], &key);
		if (c == 0)
			return &b->v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void blocks_free(struct blocks *b)
{
	if (b == NULL)
		return;
	for (size_t i = 0; i < b->n; i++)
		blocks_release(&b->v[i]);
	free(b->v);
	for (size_t i = 0; i < b->nmetas; i++)
		meta_free(b->metas[i]);
	free(b->metas);
	free(b);
}
