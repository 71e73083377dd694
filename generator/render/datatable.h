/* datatable: a ```table block: a data set shown as a table with chosen
 * and renamed columns, sorting, grouping, percentage columns and
 * computed subtotal and total rows. datatable_parse reads the block's
 * YAML once; datatable_compute makes the rows as text, the same for
 * the HTML and the PDF back ends. No total is ever typed by hand. */
#ifndef TEBIKI_DATATABLE_H
#define TEBIKI_DATATABLE_H
#include <stddef.h>

#include "../model/dataset.h"

struct datasets;
struct meta;

struct datatable_col {
	const char *label;	/* header */
	const char *unit;	/* shown in the header: 参加者（名） */
	int src;		/* column of the data set */
	int percent;		/* a share of src's total, in percent */
	int decimals;
	int total;		/* added up in subtotal and total rows */
	double sum;		/* percent: src's total over every row */
	enum dataset_type type;	/* of the values shown (percent: NUMBER) */
};

struct datatable_spec {
	const struct dataset *ds;
	const char *title;	/* caption; the data set's title when absent */
	const char *note;	/* a sentence under the table, or NULL */
	struct datatable_col *cols;
	size_t ncols;
	int *sort;		/* data set columns; negative (−1 − col) for descending */
	size_t nsort;
	int group;		/* index into cols (always 0 when grouped), or -1 */
	int subtotals;		/* a subtotal row after each group */
	int has_total;		/* a total row at the end */
	const char *total_label;	/* 合計 */
	const char *subtotal_label;	/* 小計 */
};

enum datatable_kind { DATATABLE_ROW, DATATABLE_SUBTOTAL, DATATABLE_TOTAL };

struct datatable_row {
	enum datatable_kind kind;
	char **cells;		/* ncols strings, "" when empty (owned) */
	size_t span;		/* on the first row of a group: its rows, subtotal included */
	int in_group;		/* a later row of a group: the group cell is spanned */
};

struct datatable {
	const struct datatable_spec *spec;
	struct datatable_row *rows;
	size_t nrows;
};

int datatable_parse(const struct meta *m, const struct datasets *all, const char *file,
		    int line, struct datatable_spec *out);
void datatable_spec_free(struct datatable_spec *s);
void datatable_compute(const struct datatable_spec *s, struct datatable *out);
void datatable_free(struct datatable *t);
/* Is column i right-aligned (numbers, percentages)? */
int datatable_numeric(const struct datatable_spec *s, size_t i);

#endif
