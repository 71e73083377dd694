/* model/docpack and input/parsed: serve keeps trees packed and reads
 * them back instead of parsing the page again, so what it reads must
 * be the tree (dumped the same), must share nothing with it, and a
 * damaged pack must be refused, not read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "input/md.h"
#include "input/parsed.h"
#include "model/doc.h"
#include "model/docpack.h"

/* Every node kind that holds strings or lists of its own. */
static const char text[] =
	"# 見出し {#top}\n\n"
	"本文に[リンク](https://example.org \"題\")と![図](a.png){width=50%}、"
	"`code`、<kbd>Ctrl</kbd>、{漢字|かんじ}、脚注[^1]。\n\n"
	"| 左 | 右 |\n|:--|--:|\n| a | b |\n\n"
	"::: warning 注意\n囲みの中。\n:::\n\n"
	"::: {.box #b1 data-x=\"y\"}\n区切りの中。\n:::\n\n"
	"```lua {.numberLines}\nprint(1)\n```\n\n"
	"<div>html</div>\n\n"
	"[^1]: 注の本文。\n";

static char *dump(const struct doc *d)
{
	struct buf b = {0};
	doc_dump(d->root, &b);
	buf_addc(&b, '\0');
	return b.p;
}

static void pack_is_the_tree_and_owns_it(void **state)
{
	struct doc *d = md_parse("a.md", text, strlen(text), 0);
	char *want = dump(d);
	struct buf b = {0};
	docpack_write(d, &b);
	doc_free(d);	/* nothing read back may point into it (ASan, valgrind) */
	struct doc *c = docpack_read(b.p, b.n, "b.md");
	assert_non_null(c);
	char *got = dump(c);
	assert_string_equal(got, want);
	assert_string_equal(c->file, "b.md");
	free(want);
	free(got);
	doc_free(c);
	/* every cut and every flipped byte: refused or read, never past the end */
	for (size_t n = 0; n < b.n; n++) {
		doc_free(docpack_read(b.p, n, "b.md"));
		char saved = b.p[n];
		b.p[n] ^= 0x5A;
		doc_free(docpack_read(b.p, b.n, "b.md"));
		b.p[n] = saved;
	}
	assert_null(docpack_read(b.p, b.n - 5, "b.md"));
	buf_free(&b);
}

static void parsed_copies_only_the_same_body(void **state)
{
	struct parsed *c = parsed_new();
	parsed_begin(c, 2);
	assert_null(parsed_use(c, 0, "x.md", text, strlen(text), 3, "content/x.md"));
	struct doc *d = md_parse("content/x.md", text, strlen(text), 2);
	char *want = dump(d);
	parsed_keep(c, 0, "x.md", text, strlen(text), 3, d);
	doc_free(d);
	parsed_end(c);
	assert_int_equal(parsed_fresh(c), 2);	/* a slot not filled is a page parsed */

	parsed_begin(c, 1);
	struct doc *again = parsed_use(c, 0, "x.md", text, strlen(text), 3, "content/x.md");
	assert_non_null(again);
	char *got = dump(again);
	assert_string_equal(got, want);
	free(got);
	doc_free(again);
	/* another line, another body: parsed again */
	assert_null(parsed_use(c, 0, "x.md", text, strlen(text), 4, "content/x.md"));
	assert_null(parsed_use(c, 0, "x.md", text, strlen(text) - 1, 3, "content/x.md"));
	assert_null(parsed_use(c, 0, "y.md", text, strlen(text), 3, "content/y.md"));
	parsed_end(c);
	assert_int_equal(parsed_fresh(c), 0);
	/* outside a load, one page alone: kept and used at once */
	struct doc *d2 = md_parse("content/y.md", text, strlen(text) - 1, 0);
	parsed_keep(c, PARSED_ALONE, "y.md", text, strlen(text) - 1, 1, d2);
	doc_free(d2);
	struct doc *alone = parsed_use(c, PARSED_ALONE, "y.md", text, strlen(text) - 1, 1,
				       "content/y.md");
	assert_non_null(alone);
	doc_free(alone);
	parsed_begin(c, 2);	/* … and a load finds both */
	doc_free(parsed_use(c, 0, "x.md", text, strlen(text), 3, "content/x.md"));
	doc_free(parsed_use(c, 1, "y.md", text, strlen(text) - 1, 1, "content/y.md"));
	parsed_end(c);
	assert_int_equal(parsed_fresh(c), 0);
	/* a load that does not list x.md drops it */
	parsed_begin(c, 1);
	parsed_end(c);
	parsed_begin(c, 1);
	assert_null(parsed_use(c, 0, "x.md", text, strlen(text), 3, "content/x.md"));
	parsed_end(c);
	free(want);
	parsed_free(c);
}

int main(void)
{
	md_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pack_is_the_tree_and_owns_it),
		cmocka_unit_test(parsed_copies_only_the_same_body),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
