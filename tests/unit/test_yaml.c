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
#include "input/yamlflat.h"
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

/* ---- input/yamlflat: the same tree as libyaml, or no answer -------- */

static void same_tree(const struct meta *a, const struct meta *b, const char *text)
{
	if (a->type != b->type || a->line != b->line || a->col != b->col ||
	    (a->text == NULL) != (b->text == NULL) || (a->text && strcmp(a->text, b->text)) ||
	    ((a->type == META_LIST || a->type == META_MAP) && a->u.c.n != b->u.c.n) ||
	    (a->type == META_INT && a->u.i != b->u.i) || (a->type == META_BOOL && a->u.b != b->u.b) ||
	    (a->type == META_FLOAT && a->u.f != b->u.f))
		fail_msg("yamlflat and libyaml differ on:\n%s\n(at %d:%d / %d:%d, '%s' / '%s')", text,
			 a->line, a->col, b->line, b->col, a->text ? a->text : "", b->text ? b->text : "");
	for (size_t i = 0; (a->type == META_LIST || a->type == META_MAP) && i < a->u.c.n; i++) {
		if (a->type == META_MAP && strcmp(a->u.c.keys[i], b->u.c.keys[i]))
			fail_msg("keys differ on:\n%s", text);
		same_tree(a->u.c.items[i], b->u.c.items[i], text);
	}
}

/* Returns whether yamlflat read text; if it did, libyaml read the same. */
static int flat_agrees(const char *text, int offset)
{
	struct meta *flat = yamlflat_parse("t.yaml", text, strlen(text), offset);
	if (flat == NULL)
		return 0;
	struct meta *full = yaml_parse_full("t.yaml", text, strlen(text), offset);
	if (full == NULL)
		fail_msg("yamlflat read what libyaml refuses:\n%s\n%s", text, diagnostics());
	same_tree(flat, full, text);
	meta_free(flat);
	meta_free(full);
	return 1;
}

static void flat_reads_usual_front_matter(void **state)
{
	static const char *usual[] = {
		"title: \"事務所の入退室 その2 (00000)\"\nweight: 1\ntags: [t12, t03]\n"
		"summary: \"ランサムウェアについて、まとめます。\"\n",
		"title: 日本語のタイトル（全角：コロン）\ndraft: false\norder: 3\nratio: 1.5\n"
		"nothing: ~\nalso: null\nurl: https://example.com/a?b=c#d\n",
		"emoji: \"📘\"\ntype: \"tech\"\ntopics: [\"react\", \"nextjs\"]\npublished: true\n",
		"tags: []\nx: [ a , b ]\ny: [ ]\nz: ['a b', \"c, d\", e f]\n",
		"a: 'single # kept'\nb: \"dq # kept\"\nc: a#b\nd: 2024-05-01\ne: 1.2.3\nf: +5\n",
		"big: 123456789012345678901\nx1: 0x1F\ninf: .inf\nexp: 1e3\nreviewed: 2025-01-31\n",
		"title: Hugo's \"quoted\" words\nkey_with-dash: v\n",
	};
	for (size_t i = 0; i < sizeof usual / sizeof *usual; i++)
		if (!flat_agrees(usual[i], 1))
			fail_msg("yamlflat gave up on:\n%s", usual[i]);
}

static void flat_leaves_the_rest_to_libyaml(void **state)
{
	static const char *rest[] = {
		"a: 1 # comment\n", "a: \"x\\ty\"\n", "a:\n  - x\n", "a: |\n  x\n",
		"a: x\n\nb: y\n", "a: [a,]\n", "a: x\r\n", "a: 1", "a: 1\na: 2\n", "a: *x\n",
		"a: b: c\n", "a: [a: b]\n", "a: 'it''s'\n", "a: x \n", "a:  x\n", "a: -x\n",
		"a: \xC2\x85x\n", "a: x\xE2\x80\xA8y\n", "# c\na: 1\n", "a: [b, [c]]\n", "a: {b: c}\n",
		"a: !tag x\n", "a: &x 1\n", "a: >\n  x\n", "a: x\n  y\n", "'a': 1\n", "a.b: 1\n",
		"a: x:\n", "a: ? x\n", "a:\tx\n", "a: [b\n", "a: \"b\n", "a: [\"b\" c]\n", "a: [-1]\n",
		"a: \xE3 x\n", "a: x\xE3\x81\n", "a: \xC2\x9F\n", "a: \xEF\xBB\xBFx\n", "a: \xED\xA0\x80\n",
	};
	for (size_t i = 0; i < sizeof rest / sizeof *rest; i++)
		if (flat_agrees(rest[i], 0))
			fail_msg("yamlflat read what it should leave to libyaml:\n%s", rest[i]);
	diagnostics();
}

/* Lines put together from pieces YAML treats specially: whatever
 * yamlflat reads, libyaml reads the same. */
static void flat_agrees_on_random_lines(void **state)
{
	static const char *keys[] = {"a", "title", "x-y", "t_2", "A"};
	static const char *vals[] = {
		"1", "-1", "1.5", "true", "False", "~", "null", "x", "日本", "a b", "a#b", "a #b",
		"a:b", "a: b", "\"q\"", "'s'", "\"a'b\"", "'a\"b'", "\"a\\\"b\"", "'a''b'", "[]",
		"[a]", "[a, b]", "[ a ,b ]", "[\"x, y\"]", "[a,]", "[a b, c]", "[1, 2.5, true]",
		"[日本, 語]", "{}", "|", ">", "&a", "*a", "!t", "%x", "@x", "`x`", "-", "- x", "?",
		"x:", "x ", "", " x", "[a] ", "[a]x", "\"x\" ", "\"x\"y", "1e5", "0o7", ".5", "+1",
		"2024-01-01", "a,b", "{a", "a}", "https://e.x/", "# c", "\xEF\xBC\x9A", "\xC2\xA0x",
	};
	uint32_t r = 12345;
	int read = 0;
	for (int t = 0; t < 20000; t++) {
		char text[512] = "";
		int lines = 1 + t % 4;
		for (int l = 0; l < lines; l++) {
			r = r * 1103515245u + 12345u;
			const char *k = keys[(r >> 8) % (sizeof keys / sizeof *keys)];
			r = r * 1103515245u + 12345u;
			const char *v = vals[(r >> 8) % (sizeof vals / sizeof *vals)];
			char line[128];
			snprintf(line, sizeof line, "%s: %s\n", l == 0 && t % 7 == 0 ? "a" : k, v);
			strcat(text, line);
		}
		read += flat_agrees(text, t % 3);
		diagnostics();
	}
	assert_true(read > 1000);	/* it does read most simple ones */
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
		cmocka_unit_test(flat_reads_usual_front_matter),
		cmocka_unit_test(flat_leaves_the_rest_to_libyaml),
		cmocka_unit_test(flat_agrees_on_random_lines),
	};
	return cmocka_run_group_tests_name("yaml", tests, NULL, NULL);
}
