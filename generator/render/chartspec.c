/* chartspec: a chart shows categories (one text column, or the
 * categories list) against series (number columns). Rows that share a
 * category are added up, so "participants by block" is a chart of the
 * venue table without a second data file. */
#include "chartspec.h"

#include <stdlib.h>
#include <string.h>

#include "../base/diag.h"
#include "../base/xalloc.h"
#include "../input/dataset.h"
#include "../model/meta.h"
#include "chart.h"
#include "spec.h"

static const char *const chartspec_keys[] = {
	"data", "type", "title", "caption", "x", "series", "sort", "percent", "labels",
	"legend", "unit", NULL};
static const char *const chartspec_type_names[] = {
	"bar", "hbar", "stacked", "pie", "donut", "line", NULL};
static const char *const chartspec_sorts[] = {"none", "desc", "asc", NULL};

const char *chartspec_types(void)
{
	return "bar, hbar, stacked, pie, donut, line";
}

/* The category column: x, else the first text or date column. */
static int chartspec_x(const struct meta *m, const struct dataset *d)
{
	const struct meta *x = meta_get(m, "x");
	if (x)
		return spec_column(d, x);
	for (size_t i = 0; i < d->ncols; i++)
		if (d->cols[i].type != DATASET_NUMBER)
			return (int)i;
	diag_error(m->file, m->line, m->col,
		   "data set '%s' has no text column for the categories: name one with 'x'",
		   d->name);
	return -1;
}

static int chartspec_is_number(const struct dataset *d, int c, const struct meta *at)
{
	if (d->cols[c].type == DATASET_NUMBER)
		return 1;
	diag_error(at->file, at->line, at->col,
		   "column '%s' of data set '%s' is not a number column: it cannot be a series",
		   d->cols[c].id, d->name);
	return 0;
}

/* The number columns to draw: series (a list or one id), else all. */
static int chartspec_series(const struct meta *m, const struct dataset *d, int *cols,
			    size_t *n)
{
	const struct meta *s = meta_get(m, "series");
	*n = 0;
	if (s == NULL) {
		for (size_t i = 0; i < d->ncols; i++)
			if (d->cols[i].type == DATASET_NUMBER)
				cols[(*n)++] = (int)i;
		if (*n == 0)
			diag_error(m->file, m->line, m->col, "data set '%s' has no number column to chart",
				   d->name);
		return *n ? 0 : -1;
	}
	size_t count = s->type == META_LIST ? s->u.c.n : 1;
	int bad = count == 0;
	if (bad)
		diag_error(s->file, s->line, s->col, "'series' is empty: name a number column");
	for (size_t i = 0; i < count; i++) {
		const struct meta *v = s->type == META_LIST ? s->u.c.items[i] : s;
		int c = spec_column(d, v);
		if (c < 0 || !chartspec_is_number(d, c, v))
			bad = 1;
		else
			cols[(*n)++] = c;
	}
	return bad ? -1 : 0;
}

/* Index of the category named text among the first n, or n. */
static size_t chartspec_cat(const struct chart *c, const char *text)
{
	size_t i = 0;
	while (i < c->ncat && strcmp(c->cats[i], text) != 0)
		i++;
	return i;
}

/* Categories in order of first appearance; rows of one are summed. */
static void chartspec_fill(struct chart *c, const struct dataset *d, int x, const int *ser)
{
	c->cats = xcalloc(d->nrows + 1, sizeof *c->cats);
	c->v = xcalloc((d->nrows + 1) * c->nser, sizeof *c->v);
	for (size_t r = 0; r < d->nrows; r++) {
		const char *name = dataset_cell(d, r, (size_t)x)->text;
		if (name == NULL)
			name = "（空欄）";
		size_t i = chartspec_cat(c, name);
		if (i == c->ncat)
			c->cats[c->ncat++] = name;
		for (size_t s = 0; s < c->nser; s++)
			c->v[i * c->nser + s] += dataset_cell(d, r, (size_t)ser[s])->num;
	}
}

static double chartspec_rowsum(const struct chart *c, size_t i)
{
	double t = 0;
	for (size_t s = 0; s < c->nser; s++)
		t += c->v[i * c->nser + s];
	return t;
}

/* Sorts categories by their total; a stable insertion sort keeps
 * equal totals in the data's order. */
static void chartspec_sort(struct chart *c, int desc)
{
	double *row = xmalloc((c->nser + 1) * sizeof *row);
	for (size_t i = 1; i < c->ncat; i++) {
		const char *name = c->cats[i];
		memcpy(row, &c->v[i * c->nser], c->nser * sizeof *row);
		double key = chartspec_rowsum(c, i);
		size_t j = i;
		while (j > 0) {
			double prev = chartspec_rowsum(c, j - 1);
			if (desc ? prev >= key : prev <= key)
				break;
			c->cats[j] = c->cats[j - 1];
			memcpy(&c->v[j * c->nser], &c->v[(j - 1) * c->nser], c->nser * sizeof *row);
			j--;
		}
		c->cats[j] = name;
		memcpy(&c->v[j * c->nser], row, c->nser * sizeof *row);
	}
	free(row);
}

static int chartspec_pie_ok(const struct chart *c, const struct meta *m, const char *file,
			    int line)
{
	if (c->type != CHART_PIE && c->type != CHART_DONUT)
		return 1;
	if (c->nser != 1) {
		const struct meta *s = meta_get(m, "series");
		diag_error(file, s ? s->line : line, s ? s->col : 1,
			   "a %s chart shows one series, not %zu: choose one with 'series: NAME'",
			   c->type == CHART_PIE ? "pie" : "donut", c->nser);
		return 0;
	}
	for (size_t i = 0; i < c->ncat; i++)
		if (c->v[i] < 0) {
			diag_error(file, line, 1, "a %s chart cannot show the negative value of '%s'",
				   c->type == CHART_PIE ? "pie" : "donut", c->cats[i]);
			return 0;
		}
	return 1;
}

static int chartspec_options(const struct meta *m, struct chart *c)
{
	int bad = 0;
	c->title = spec_text(m, "title", &bad);
	c->caption = spec_text(m, "caption", &bad);
	const char *unit = spec_text(m, "unit", &bad);
	if (unit)
		c->unit = unit;
	int t = spec_enum(m, "type", chartspec_type_names, CHART_BAR);
	bad |= t < 0;
	c->type = t < 0 ? CHART_BAR : (enum chart_type)t;
	bad |= spec_bool(m, "percent", 0, &c->percent) < 0;
	bad |= spec_bool(m, "labels", 1, &c->labels) < 0;
	int legend;
	bad |= spec_bool(m, "legend", -1, &legend) < 0;
	c->legend = legend;
	return bad ? -1 : 0;
}

/* Series names, units and figures, once the options are known good. */
static void chartspec_build(struct chart *out, const struct meta *m, const struct dataset *d,
			    int x, const int *ser, size_t nser)
{
	out->nser = nser;
	out->sers = xcalloc(nser + 1, sizeof *out->sers);
	for (size_t s = 0; s < nser; s++) {
		out->sers[s] = d->cols[ser[s]].label;
		if (d->cols[ser[s]].decimals > out->decimals)
			out->decimals = d->cols[ser[s]].decimals;
	}
	if (nser == 1 && d->cols[ser[0]].unit && meta_get(m, "unit") == NULL)
		out->unit = d->cols[ser[0]].unit;
	out->cat_label = d->cols[x].label;
	if (out->title == NULL)
		out->title = d->title;
	chartspec_fill(out, d, x, ser);
}

int chartspec_parse(const struct meta *m, const struct datasets *all, const char *file,
		    int line, struct chart *out)
{
	memset(out, 0, sizeof *out);
	if (m->type != META_MAP) {
		diag_error(file, line, 1, "a chart block holds YAML options (data: NAME, type: bar, …)");
		return -1;
	}
	int bad = spec_keys(m, chartspec_keys, "chart option") > 0, broken;
	const struct dataset *d = spec_dataset(m, all, file, line, "chart", &broken);
	if (d == NULL)
		return broken && !bad ? -2 : -1;
	out->source = d->source;
	out->note = d->note;
	out->unit = d->unit;
	out->illustrative = d->illustrative;
	bad |= chartspec_options(m, out) < 0;
	int x = chartspec_x(m, d);
	int *ser = xcalloc(d->ncols + 1, sizeof *ser);
	size_t nser;
	bad |= x < 0;
	bad |= chartspec_series(m, d, ser, &nser) < 0;
	int sort = spec_enum(m, "sort", chartspec_sorts, 0);
	bad |= sort < 0;
	if (!bad) {
		chartspec_build(out, m, d, x, ser, nser);
		if (sort > 0)
			chartspec_sort(out, sort == 1);
		bad = !chartspec_pie_ok(out, m, file, line);
		if (!bad && !chart_finite(out)) {
			diag_error(file, line, 1, "the chart's figures are too large to draw: "
				   "a sum or a total overflows (more than 1.8e308)");
			bad = 1;
		}
	}
	free(ser);
	if (bad)
		chart_free(out);
	return bad ? -1 : 0;
}
