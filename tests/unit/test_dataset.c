/* input/dataset, render/chartspec, render/datatable: data sets are
 * checked at their lines; charts and tables take their figures from
 * them and compute totals, subtotals and shares. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/diag.h"
#include "input/dataset.h"
#include "input/yaml.h"
#include "model/meta.h"
#include "render/chart.h"
#include "render/chartspec.h"
#include "render/datatable.h"
#include "diagtest.h"

/* A site's data map with one file, NAME → parsed text. */
static struct meta *data(const char *name, const char *text)
{
	struct meta *map = meta_new(META_MAP, NULL, 0, 0);
	static char file[64];
	snprintf(file, sizeof file, "content/data/%s.yaml", name);
	meta_set(map, name, yaml_parse(file, text, strlen(text), 0));
	return map;
}

static const char venues[] =
	"title: 会場別一覧\n"
	"source: 実施報告\n"
	"unit: 名\n"
	"columns:\n"
	"  - {id: block, label: ブロック}\n"
	"  - {id: region, label: 開催地域}\n"
	"  - {id: participants, label: 参加者, type: number, unit: 名}\n"
	"rows:\n"
	"  - {block: 東北, region: 宮城, participants: 36}\n"
	"  - {block: 関東, region: 東京, participants: 130}\n"
	"  - {block: 東北, region: 福島, participants: 20}\n"
	"  - {block: 関東, region: 静岡, participants: 38}\n";

static void both_forms_load(void **state)
{
	struct meta *m = data("media", "title: 媒体\nsource: 報告\nunit: 件\n"
				       "categories: [メール案内, チラシ]\nvalues: [303, 24]\n");
	struct datasets all;
	dataset_load_all(m, &all);
	assert_string_equal(diagnostics(), "");
	const struct dataset *d = dataset_find(&all, "media");
	assert_non_null(d);
	assert_int_equal(d->ncols, 2);
	assert_int_equal(d->nrows, 2);
	assert_int_equal(d->cols[1].type, DATASET_NUMBER);
	assert_true(dataset_cell(d, 0, 1)->num == 303);
	assert_string_equal(dataset_cell(d, 1, 0)->text, "チラシ");
	dataset_free_all(&all);
	meta_free(m);
}

static void other_yaml_is_left_alone(void **state)
{
	struct meta *m = data("glossary", "フィッシング: 偽のWebサイトに誘導する手口\n");
	struct datasets all;
	dataset_load_all(m, &all);
	assert_string_equal(diagnostics(), "");
	assert_int_equal(all.n, 0);
	dataset_free_all(&all);
	meta_free(m);
}

static void errors_point_at_the_value(void **state)
{
	struct meta *m = data("bad", "title: x\n"
				     "categories: [a, b, c]\n"
				     "values: [1, 2]\n");
	struct datasets all;
	dataset_load_all(m, &all);
	assert_string_equal(diagnostics(),
		"content/data/bad.yaml:1:1: error: data set 'bad' has no 'source': say where the figures come from\n"
		"content/data/bad.yaml:3:9: error: 'values' has 2 items but 'categories' has 3: they must pair up\n");
	assert_true(all.n == 1 && all.v[0].broken);
	dataset_free_all(&all);
	meta_free(m);

	m = data("bad", "source: s\ncolumns: [{id: a}, {id: n, type: number}]\n"
			"rows:\n  - {a: x, n: \"1,234\"}\n  - {a: y, n: abc, z: 1}\n");
	dataset_load_all(m, &all);
	assert_string_equal(diagnostics(),
		"content/data/bad.yaml:4:15: error: '1,234' is not a number (write it without separators: tebiki adds them; column 'n' holds numbers)\n"
		"content/data/bad.yaml:5:15: error: 'abc' is not a number (column 'n' holds numbers)\n"
		"content/data/bad.yaml:5:23: error: unknown column 'z' (known: a, n)\n");
	dataset_free_all(&all);
	meta_free(m);
}

static struct meta *block(const char *text, int line)
{
	return yaml_parse("content/pages/a.md", text, strlen(text), line);
}

static void charts_sum_rows_per_category(void **state)
{
	struct meta *m = data("venues", venues);
	struct datasets all;
	dataset_load_all(m, &all);
	struct meta *b = block("data: venues\ntype: hbar\nx: block\nsort: desc\n", 10);
	struct chart c;
	assert_int_equal(chartspec_parse(b, &all, "content/pages/a.md", 10, &c), 0);
	assert_int_equal(c.ncat, 2);
	assert_string_equal(c.cats[0], "関東");	/* 168, sorted first */
	assert_true(c.v[0] == 168 && c.v[1] == 56);
	assert_string_equal(c.unit, "名");
	assert_string_equal(c.title, "会場別一覧");	/* the data set's, when none given */
	chart_free(&c);
	meta_free(b);
	assert_string_equal(diagnostics(), "");
	dataset_free_all(&all);
	meta_free(m);
}

static void chart_mistakes_are_reported_in_the_markdown(void **state)
{
	struct meta *m = data("venues", venues);
	struct datasets all;
	dataset_load_all(m, &all);
	struct chart c;
	struct meta *b = block("data: venue\n", 20);
	assert_int_equal(chartspec_parse(b, &all, "content/pages/a.md", 20, &c), -1);
	meta_free(b);
	b = block("data: venues\ntype: radar\ncolour: red\nseries: [region]\n", 20);
	assert_int_equal(chartspec_parse(b, &all, "content/pages/a.md", 20, &c), -1);
	meta_free(b);
	b = block("type: pie\n", 30);
	assert_int_equal(chartspec_parse(b, &all, "content/pages/a.md", 30, &c), -1);
	meta_free(b);
	assert_string_equal(diagnostics(),
		"content/pages/a.md:21:7: error: unknown data set 'venue' (known: venues)\n"
		"content/pages/a.md:22:7: error: unknown type 'radar' (known: bar, hbar, stacked, pie, donut, line)\n"
		"content/pages/a.md:23:9: error: unknown chart option 'colour' (known: data, type, title, caption, x, series, sort, percent, labels, legend, unit)\n"
		"content/pages/a.md:24:10: error: column 'region' of data set 'venues' is not a number column: it cannot be a series\n"
		"content/pages/a.md:30:1: error: a chart block needs 'data: NAME' (a file in content/data/)\n");
	dataset_free_all(&all);
	meta_free(m);
}

static void tables_compute_totals(void **state)
{
	struct meta *m = data("venues", venues);
	struct datasets all;
	dataset_load_all(m, &all);
	struct meta *b = block("data: venues\n"
			       "columns: [region, participants, {percent: participants, label: 割合}]\n"
			       "group: block\ntotal: participants\n", 1);
	struct datatable_spec sp;
	assert_int_equal(datatable_parse(b, &all, "content/pages/a.md", 1, &sp), 0);
	assert_string_equal(diagnostics(), "");
	assert_int_equal(sp.ncols, 4);	/* the group column goes first */
	assert_string_equal(sp.cols[0].label, "ブロック");
	struct datatable t;
	datatable_compute(&sp, &t);
	/* 東北: 宮城, 福島, 小計; 関東: 東京, 静岡, 小計; 合計 */
	assert_int_equal(t.nrows, 7);
	assert_int_equal(t.rows[0].span, 3);
	assert_string_equal(t.rows[1].cells[1], "福島");
	assert_int_equal(t.rows[2].kind, DATATABLE_SUBTOTAL);
	assert_string_equal(t.rows[2].cells[1], "小計");
	assert_string_equal(t.rows[2].cells[2], "56");
	assert_string_equal(t.rows[5].cells[2], "168");
	assert_int_equal(t.rows[6].kind, DATATABLE_TOTAL);
	assert_string_equal(t.rows[6].cells[0], "合計");
	assert_string_equal(t.rows[6].cells[2], "224");
	assert_string_equal(t.rows[6].cells[3], "100.0%");
	assert_string_equal(t.rows[0].cells[3], "16.1%");	/* 36 / 224 */
	datatable_free(&t);
	datatable_spec_free(&sp);
	meta_free(b);

	b = block("data: venues\nsort: -participants\ntotal: true\ncolumns: [region, participants]\n", 1);
	assert_int_equal(datatable_parse(b, &all, "content/pages/a.md", 1, &sp), 0);
	datatable_compute(&sp, &t);
	assert_string_equal(t.rows[0].cells[0], "東京");
	assert_string_equal(t.rows[3].cells[0], "福島");
	assert_string_equal(t.rows[4].cells[1], "224");
	datatable_free(&t);
	datatable_spec_free(&sp);
	meta_free(b);

	b = block("data: venues\ntotal: region\nsubtotals: true\n", 5);
	assert_int_equal(datatable_parse(b, &all, "content/pages/a.md", 5, &sp), -1);
	meta_free(b);
	assert_string_equal(diagnostics(),
		"content/pages/a.md:7:8: error: 'total' adds up numbers; 'region' is not a number column\n"
		"content/pages/a.md:8:12: error: 'subtotals' needs 'group: COLUMN'\n");
	dataset_free_all(&all);
	meta_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(both_forms_load),
		cmocka_unit_test(other_yaml_is_left_alone),
		cmocka_unit_test(errors_point_at_the_value),
		cmocka_unit_test(charts_sum_rows_per_category),
		cmocka_unit_test(chart_mistakes_are_reported_in_the_markdown),
		cmocka_unit_test(tables_compute_totals),
	};
	return cmocka_run_group_tests_name("dataset", tests, NULL, NULL);
}
