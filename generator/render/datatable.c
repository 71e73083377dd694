/* datatable: totals and shares are computed from the cells, in the
 * order the rows are shown, so a table and its total always agree. */
#include "datatable.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/diag.h"
#include "../base/xalloc.h"
#include "../input/dataset.h"
#include "../model/meta.h"
#include "numfmt.h"
#include "spec.h"

static const char *const datatable_keys[] = {
	"data", "title", "note", "columns", "sort", "group", "subtotals", "total",
	"total_label", "subtotal_label", NULL};
static const char *const datatable_col_keys[] = {
	"column", "percent", "label", "unit", "decimals", NULL};

/* ---- the spec ---------------------------------------------------- */

static void datatable_plain(struct datatable_col *c, const struct dataset *d, int src)
{
	const struct dataset_col *dc = &d->cols[src];
	memset(c, 0, sizeof *c);
	c->label = dc->label;
	c->unit = dc->type == DATASET_NUMBER ? (dc->unit ? dc->unit : d->unit) : NULL;
	c->src = src;
	c->decimals = dc->decimals;
	c->type = dc->type;
}

static int datatable_decimals(const struct meta *m, int *out)
{
	const struct meta *v = meta_get(m, "decimals");
	if (v == NULL)
		return 0;
	if (v->type != META_INT || v->u.i < 0 || v->u.i > 6) {
		diag_error(v->file, v->line, v->col, "'decimals' must be a whole number from 0 to 6");
		return -1;
	}
	*out = (int)v->u.i;
	return 0;
}

/* {column: id, label, unit, decimals} or {percent: id, label, decimals}. */
static int datatable_col_map(struct datatable_col *c, const struct dataset *d,
			     const struct meta *m)
{
	if (spec_keys(m, datatable_col_keys, "table column option"))
		return -1;
	const struct meta *col = meta_get(m, "column"), *pct = meta_get(m, "percent");
	if ((col == NULL) == (pct == NULL)) {
		diag_error(m->file, m->line, m->col,
			   "a table column names either 'column: ID' or 'percent: ID'");
		return -1;
	}
	int src = spec_column(d, col ? col : pct);
	if (src < 0)
		return -1;
	datatable_plain(c, d, src);
	int bad = 0;
	if (pct) {
		if (d->cols[src].type != DATASET_NUMBER) {
			diag_error(pct->file, pct->line, pct->col,
				   "'percent' needs a number column; '%s' is not one", d->cols[src].id);
			bad = 1;
		}
		c->percent = 1;
		c->unit = NULL;
		c->decimals = 1;
		c->type = DATASET_NUMBER;
		c->label = "構成比";
	}
	const char *label = spec_text(m, "label", &bad), *unit = spec_text(m, "unit", &bad);
	c->label = label ? label : c->label;
	c->unit = unit ? unit : c->unit;
	bad |= datatable_decimals(m, &c->decimals) < 0;
	return bad ? -1 : 0;
}

static int datatable_columns(struct datatable_spec *s, const struct meta *m)
{
	const struct dataset *d = s->ds;
	const struct meta *cols = meta_get(m, "columns");
	if (cols == NULL) {
		s->ncols = d->ncols;
		s->cols = xcalloc(d->ncols + 1, sizeof *s->cols);
		for (size_t i = 0; i < d->ncols; i++)
			datatable_plain(&s->cols[i], d, (int)i);
		return 0;
	}
	if (cols->type != META_LIST || cols->u.c.n == 0) {
		diag_error(cols->file, cols->line, cols->col,
			   "'columns' must be a list of column ids or {column: ID, label: …}");
		return -1;
	}
	s->cols = xcalloc(cols->u.c.n + 2, sizeof *s->cols);	/* room for the group */
	int bad = 0;
	for (size_t i = 0; i < cols->u.c.n; i++) {
		const struct meta *v = cols->u.c.items[i];
		struct datatable_col *c = &s->cols[s->ncols];
		if (v->type == META_MAP) {
			if (datatable_col_map(c, d, v) < 0) {
				bad = 1;
				continue;
			}
		} else {
			int src = spec_column(d, v);
			if (src < 0) {
				bad = 1;
				continue;
			}
			datatable_plain(c, d, src);
		}
		s->ncols++;
	}
	return bad ? -1 : 0;
}

/* sort: id, -id (descending), or a list of them. */
static int datatable_sort(struct datatable_spec *s, const struct meta *m)
{
	const struct meta *v = meta_get(m, "sort");
	if (v == NULL)
		return 0;
	size_t n = v->type == META_LIST ? v->u.c.n : 1;
	s->sort = xcalloc(n + 1, sizeof *s->sort);
	int bad = 0;
	for (size_t i = 0; i < n; i++) {
		const struct meta *k = v->type == META_LIST ? v->u.c.items[i] : v;
		const char *id = meta_str(k);
		int desc = id && id[0] == '-';
		struct meta tmp = *k;
		tmp.text = (char *)(id ? id + desc : NULL);
		tmp.type = id ? META_STRING : k->type;
		int c = spec_column(s->ds, &tmp);
		if (c < 0)
			bad = 1;
		else
			s->sort[s->nsort++] = desc ? -1 - c : c;
	}
	return bad ? -1 : 0;
}

/* The grouping column goes first, added if the columns leave it out. */
static int datatable_group(struct datatable_spec *s, const struct meta *m)
{
	const struct meta *v = meta_get(m, "group");
	s->group = -1;
	if (v == NULL)
		return 0;
	int src = spec_column(s->ds, v);
	if (src < 0)
		return -1;
	if (s->cols == NULL)
		return 0;	/* 'columns' had errors of its own */
	size_t at = 0;
	while (at < s->ncols && !(s->cols[at].src == src && !s->cols[at].percent))
		at++;
	struct datatable_col g;
	if (at < s->ncols) {
		g = s->cols[at];
		memmove(&s->cols[1], &s->cols[0], at * sizeof g);
	} else {
		datatable_plain(&g, s->ds, src);
		memmove(&s->cols[1], &s->cols[0], s->ncols * sizeof g);
		s->ncols++;
	}
	s->cols[0] = g;
	s->group = 0;
	return 0;
}

static int datatable_mark_total(struct datatable_spec *s, const struct meta *v)
{
	int src = spec_column(s->ds, v);
	if (src < 0)
		return -1;
	if (s->ds->cols[src].type != DATASET_NUMBER) {
		diag_error(v->file, v->line, v->col, "'total' adds up numbers; '%s' is not a number column",
			   s->ds->cols[src].id);
		return -1;
	}
	int found = 0;
	for (size_t i = 0; i < s->ncols; i++)
		if (s->cols[i].src == src && s->cols[i].type == DATASET_NUMBER)
			s->cols[i].total = found = 1;
	if (!found)
		diag_error(v->file, v->line, v->col, "'total' names '%s', which the table does not show",
			   s->ds->cols[src].id);
	return found ? 0 : -1;
}

/* total: true (every number column), an id, or a list of ids. */
static int datatable_totals(struct datatable_spec *s, const struct meta *m)
{
	const struct meta *v = meta_get(m, "total");
	if (v == NULL || (v->type == META_BOOL && !v->u.b))
		return 0;
	s->has_total = 1;
	if (v->type == META_BOOL) {
		for (size_t i = 0; i < s->ncols; i++)
			s->cols[i].total = s->cols[i].type == DATASET_NUMBER;
		return 0;
	}
	int bad = 0;
	size_t n = v->type == META_LIST ? v->u.c.n : 1;
	for (size_t i = 0; i < n; i++)
		bad |= datatable_mark_total(s, v->type == META_LIST ? v->u.c.items[i] : v) < 0;
	return bad ? -1 : 0;
}

static int datatable_labels(struct datatable_spec *s, const struct meta *m)
{
	int bad = 0;
	s->title = spec_text(m, "title", &bad);
	s->note = spec_text(m, "note", &bad);
	s->total_label = spec_text(m, "total_label", &bad);
	s->subtotal_label = spec_text(m, "subtotal_label", &bad);
	s->total_label = s->total_label ? s->total_label : "合計";
	s->subtotal_label = s->subtotal_label ? s->subtotal_label : "小計";
	s->title = s->title ? s->title : s->ds->title;
	return bad ? -1 : 0;
}

/* The sums a table shows, each once (a share used to add the column
 * up again for every cell); an error if one is not a finite number:
 * when the magnitudes add up finitely, so does every partial sum. */
static int datatable_sums(struct datatable_spec *s, const char *file, int line)
{
	for (size_t c = 0; c < s->ncols; c++) {
		struct datatable_col *col = &s->cols[c];
		if (!col->total && !col->percent)
			continue;
		double sum = 0, mag = 0;
		for (size_t r = 0; r < s->ds->nrows; r++) {
			double v = dataset_cell(s->ds, r, (size_t)col->src)->num;
			sum += v;
			mag += fabs(v);
		}
		col->sum = sum;
		if (!isfinite(mag)) {
			diag_error(file, line, 1, "column '%s' adds up to more than a number can hold (1.8e308)",
				   s->ds->cols[col->src].id);
			return -1;
		}
	}
	return 0;
}

int datatable_parse(const struct meta *m, const struct datasets *all, const char *file,
		    int line, struct datatable_spec *out)
{
	memset(out, 0, sizeof *out);
	out->group = -1;
	if (m->type != META_MAP) {
		diag_error(file, line, 1, "a table block holds YAML options (data: NAME, columns: […], …)");
		return -1;
	}
	int bad = spec_keys(m, datatable_keys, "table option") > 0, broken;
	out->ds = spec_dataset(m, all, file, line, "table", &broken);
	if (out->ds == NULL)
		return broken && !bad ? -2 : -1;
	bad |= datatable_labels(out, m) < 0;
	bad |= datatable_columns(out, m) < 0;
	bad |= datatable_sort(out, m) < 0;
	bad |= datatable_group(out, m) < 0;	/* after columns, with or without errors */
	bad |= !bad && datatable_totals(out, m) < 0;
	bad |= spec_bool(m, "subtotals", out->group >= 0 && out->has_total, &out->subtotals) < 0;
	if (out->subtotals && out->group < 0) {
		const struct meta *v = meta_get(m, "subtotals");
		diag_error(v->file, v->line, v->col, "'subtotals' needs 'group: COLUMN'");
		bad = 1;
	}
	bad |= !bad && datatable_sums(out, file, line) < 0;
	if (bad)
		datatable_spec_free(out);
	return bad ? -1 : 0;
}

void datatable_spec_free(struct datatable_spec *s)
{
	free(s->cols);
	free(s->sort);
	memset(s, 0, sizeof *s);
	s->group = -1;
}

int datatable_numeric(const struct datatable_spec *s, size_t i)
{
	return s->cols[i].type == DATASET_NUMBER;
}

/* ---- the rows ---------------------------------------------------- */

static int datatable_cmp_key(const struct dataset *d, size_t a, size_t b, int key)
{
	int col = key < 0 ? -1 - key : key, desc = key < 0;
	const struct dataset_cell *x = dataset_cell(d, a, (size_t)col), *y = dataset_cell(d, b, (size_t)col);
	if (!x->text || !y->text)	/* blanks last, whatever the order */
		return !x->text - !y->text;
	int c;
	if (d->cols[col].type == DATASET_NUMBER)
		c = (x->num > y->num) - (x->num < y->num);
	else
		c = strcmp(x->text, y->text);
	return desc ? -c : c;
}

/* Stable: equal rows keep the data's order. */
static void datatable_order(const struct datatable_spec *s, size_t *idx)
{
	const struct dataset *d = s->ds;
	for (size_t i = 0; i < d->nrows; i++)
		idx[i] = i;
	for (size_t i = 1; i < d->nrows; i++) {
		size_t cur = idx[i], j = i;
		while (j > 0) {
			int c = 0;
			for (size_t k = 0; k < s->nsort && c == 0; k++)
				c = datatable_cmp_key(d, idx[j - 1], cur, s->sort[k]);
			if (c <= 0)
				break;
			idx[j] = idx[j - 1];
			j--;
		}
		idx[j] = cur;
	}
}

static double datatable_sum(const struct dataset *d, const size_t *rows, size_t n, int col)
{
	double t = 0;
	for (size_t i = 0; i < n; i++)
		t += dataset_cell(d, rows[i], (size_t)col)->num;
	return t;
}

static char *datatable_cell_text(const struct datatable_spec *s, size_t c, size_t row)
{
	const struct datatable_col *col = &s->cols[c];
	const struct dataset_cell *cell = dataset_cell(s->ds, row, (size_t)col->src);
	struct buf b = {0};
	if (cell->text == NULL)
		buf_adds(&b, "");
	else if (col->percent)
		numfmt(&b, col->sum ? cell->num / col->sum * 100 : 0, col->decimals, "%");
	else if (col->type == DATASET_NUMBER)
		numfmt(&b, cell->num, col->decimals, NULL);
	else if (col->type == DATASET_DATE)
		numfmt_date(&b, cell->text);
	else
		buf_adds(&b, cell->text);
	return buf_detach(&b);
}

static struct datatable_row *datatable_push(struct datatable *t, enum datatable_kind kind)
{
	t->rows = xrealloc(t->rows, (t->nrows + 1) * sizeof *t->rows);
	struct datatable_row *r = &t->rows[t->nrows++];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->cells = xcalloc(t->spec->ncols + 1, sizeof *r->cells);
	return r;
}

/* A subtotal or total row over rows; label goes in column at. */
static void datatable_sum_row(struct datatable *t, enum datatable_kind kind, const size_t *rows,
			      size_t n, size_t at, const char *label)
{
	const struct datatable_spec *s = t->spec;
	struct datatable_row *r = datatable_push(t, kind);
	for (size_t c = 0; c < s->ncols; c++) {
		const struct datatable_col *col = &s->cols[c];
		struct buf b = {0};
		if (c == at)
			buf_adds(&b, label);
		else if (col->total || (col->percent && s->has_total)) {
			double v = datatable_sum(s->ds, rows, n, col->src);
			if (col->percent)
				numfmt(&b, col->sum ? v / col->sum * 100 : 0, col->decimals, "%");
			else
				numfmt(&b, v, col->decimals, NULL);
		}
		r->cells[c] = buf_detach(&b);
	}
}

static void datatable_data_row(struct datatable *t, size_t row)
{
	struct datatable_row *r = datatable_push(t, DATATABLE_ROW);
	for (size_t c = 0; c < t->spec->ncols; c++)
		r->cells[c] = datatable_cell_text(t->spec, c, row);
}

static int datatable_same_group(const struct datatable_spec *s, size_t a, size_t b)
{
	const char *x = dataset_cell(s->ds, a, (size_t)s->cols[0].src)->text;
	const char *y = dataset_cell(s->ds, b, (size_t)s->cols[0].src)->text;
	return (x && y) ? strcmp(x, y) == 0 : x == y;
}

/* Where a sum row's label goes: the first column from `from` that
 * holds no sum. */
static size_t datatable_label_col(const struct datatable_spec *s, size_t from)
{
	for (size_t c = from; c < s->ncols; c++)
		if (!s->cols[c].total && !s->cols[c].percent)
			return c;
	return from < s->ncols ? from : 0;
}

/* Rows of one group gathered in order of first appearance. */
static void datatable_groups(struct datatable *t, const size_t *idx, size_t n)
{
	const struct datatable_spec *s = t->spec;
	char *done = xcalloc(n + 1, 1);
	size_t *members = xmalloc((n + 1) * sizeof *members);
	for (size_t i = 0; i < n; i++) {
		if (done[i])
			continue;
		size_t m = 0;
		for (size_t j = i; j < n; j++)
			if (!done[j] && datatable_same_group(s, idx[i], idx[j])) {
				members[m++] = idx[j];
				done[j] = 1;
			}
		size_t first = t->nrows;
		for (size_t k = 0; k < m; k++)
			datatable_data_row(t, members[k]);
		if (s->subtotals)
			datatable_sum_row(t, DATATABLE_SUBTOTAL, members, m,
					  datatable_label_col(s, s->ncols > 1 ? 1 : 0), s->subtotal_label);
		t->rows[first].span = t->nrows - first;
		for (size_t k = first + 1; k < t->nrows; k++)
			t->rows[k].in_group = 1;
	}
	free(done);
	free(members);
}

void datatable_compute(const struct datatable_spec *s, struct datatable *out)
{
	memset(out, 0, sizeof *out);
	out->spec = s;
	size_t n = s->ds->nrows;
	size_t *idx = xmalloc((n + 1) * sizeof *idx);
	datatable_order(s, idx);
	if (s->group >= 0) {
		datatable_groups(out, idx, n);
	} else {
		for (size_t i = 0; i < n; i++)
			datatable_data_row(out, idx[i]);
	}
	if (s->has_total)
		datatable_sum_row(out, DATATABLE_TOTAL, idx, n, datatable_label_col(s, 0),
				  s->total_label);
	free(idx);
}

void datatable_free(struct datatable *t)
{
	for (size_t i = 0; i < t->nrows; i++) {
		for (size_t c = 0; c < t->spec->ncols; c++)
			free(t->rows[i].cells[c]);
		free(t->rows[i].cells);
	}
	free(t->rows);
	memset(t, 0, sizeof *t);
}
