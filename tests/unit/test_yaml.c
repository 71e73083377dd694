/* input/yaml and input/frontmatter: typed values, positions, errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/diag.h"
#include "input/frontmatter.h"
#include "input/yaml.h"
#include "model/meta.h"
#include "diagtest.h"

static struct meta *parse(const char *text, int offset)
{
	return yaml_parse("t.yaml", text, strlen(text), offset);
}

static void scalars_are_typed(void **state)
{
	struct meta *m = parse("a: 12\nb: 1.5\nc: true\nd: ~\ne: \"12\"\nf: 2024-05-01\ng: 日本語\n", 0);
	assert_non_null(m);
	assert_int_equal(meta_get(m, "a")->type, META_INT);
	assert_int_equal(meta_get(m, "a")->u.i, 12);
	assert_int_equal(meta_get(m, "b")->type, META_FLOAT);
	assert_int_equal(meta_get(m, "c")->type, META_BOOL);
	assert_int_equal(meta_get(m, "d")->type, META_NULL);
	assert_int_equal(meta_get(m, "e")->type, META_STRING);
	assert_int_equal(meta_get(m, "f")->type, META_STRING);
	assert_string_equal(meta_get(m, "g")->text, "日本語");
	meta_free(m);
}

static void positions_include_offset(void **state)
{
	struct meta *m = parse("title: x\ntags:\n  - a\n  - b\n", 1);
	struct meta *tags = meta_get(m, "tags");
	assert_int_equal(tags->type, META_LIST);
	assert_int_equal(tags->u.c.n, 2);
	assert_int_equal(tags->u.c.items[1]->line, 5);
	assert_int_equal(tags->u.c.items[1]->col, 5);
	meta_free(m);
}

static void syntax_error_is_located(void **state)
{
	assert_null(parse("a: [1, 2\nb: 3\n", 1));
	const char *d = diagnostics();
	assert_non_null(strstr(d, "t.yaml:"));
	assert_non_null(strstr(d, "error: invalid YAML"));
}

static void duplicate_key_and_alias_refused(void **state)
{
	assert_null(parse("a: 1\na: 2\n", 0));
	assert_non_null(strstr(diagnostics(), "t.yaml:2:1: error: duplicate key 'a'"));
	assert_null(parse("a: &x [1]\nb: *x\n", 0));
	assert_non_null(strstr(diagnostics(), "aliases"));
}

static void empty_document_is_empty_map(void **state)
{
	struct meta *m = parse("", 0);
	assert_int_equal(m->type, META_MAP);
	assert_int_equal(m->u.c.n, 0);
	meta_free(m);
}

static void frontmatter_split_lines(void **state)
{
	const char *t = "---\ntitle: x\n---\n# Body\n";
	struct frontmatter fm;
	assert_int_equal(frontmatter_split("f.md", t, strlen(t), &fm), 0);
	assert_non_null(fm.yaml);
	assert_int_equal(fm.yaml_len, strlen("title: x\n"));
	assert_int_equal(fm.body_line, 4);
	assert_string_equal(fm.body, "# Body\n");
}

static void frontmatter_absent_and_bom(void **state)
{
	const char *t = "# Only body\n---\n";
	struct frontmatter fm;
	assert_int_equal(frontmatter_split("f.md", t, strlen(t), &fm), 0);
	assert_null(fm.yaml);
	assert_int_equal(fm.body_line, 1);
	const char *b = "\xEF\xBB\xBF---\r\na: 1\r\n...\r\nx";
	assert_int_equal(frontmatter_split("f.md", b, strlen(b), &fm), 0);
	assert_non_null(fm.yaml);
	assert_string_equal(fm.body, "x");
}

static void frontmatter_unclosed(void **state)
{
	const char *t = "---\ntitle: x\n# Body\n";
	struct frontmatter fm;
	assert_int_equal(frontmatter_split("f.md", t, strlen(t), &fm), -1);
	assert_non_null(strstr(diagnostics(), "f.md:1:1: error: front matter is not closed"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scalars_are_typed),
		cmocka_unit_test(positions_include_offset),
		cmocka_unit_test(syntax_error_is_located),
		cmocka_unit_test(duplicate_key_and_alias_refused),
		cmocka_unit_test(empty_document_is_empty_map),
		cmocka_unit_test(frontmatter_split_lines),
		cmocka_unit_test(frontmatter_absent_and_bom),
		cmocka_unit_test(frontmatter_unclosed),
	};
	return cmocka_run_group_tests_name("yaml", tests, NULL, NULL);
}
