/* script/filter: filter_run, the entry point PDFs and handouts use on
 * copies of chapter trees: the format and variant a filter sees, the
 * example project's filters in the PDF format, a page left unchanged,
 * and calls from several threads at once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/fsutil.h"
#include "base/pool.h"
#include "base/watchdog.h"
#include "base/xalloc.h"
#include "input/md.h"
#include "input/yaml.h"
#include "model/doc.h"
#include "model/meta.h"
#include "model/site.h"
#include "model/variant.h"
#include "script/filter.h"
#include "diagtest.h"

static struct meta *yaml(const char *text)
{
	return yaml_parse("t.yaml", text, strlen(text), 0);
}

/* A site in dir with site.yaml's text config and no pages. */
static void site_init(struct site *s, const char *dir, const char *config)
{
	memset(s, 0, sizeof *s);
	s->dir = xstrdup(dir);
	s->config = yaml(config);
	s->data = meta_new(META_MAP, NULL, 0, 0);
	s->jobs = 4;
}

static struct page *page_new(const char *fm, const char *md)
{
	struct page *p = xcalloc(1, sizeof *p);
	p->source = xstrdup("lessons/a.md");
	p->file = xstrdup("content/lessons/a.md");
	p->fm = yaml(fm);
	p->doc = md_parse(p->file, md, strlen(md), 0);
	return p;
}

static char *text_of(const struct doc_node *n)
{
	struct buf b = {0};
	doc_text(n, &b);
	return b.p ? buf_detach(&b) : xstrdup("");
}

/* The project's own filters, as a PDF chapter would run them. */
static struct filters *example(struct site *s)
{
	site_init(s, ".", "filters: [filters/normalize.lua, filters/reviewed.lua]\n");
	size_t len;
	char *g = fs_read("content/data/glossary.yaml", &len);
	assert_non_null(g);
	meta_set(s->data, "glossary", yaml_parse("content/data/glossary.yaml", g, len, 0));
	free(g);
	struct filters *f = filters_load(s);
	assert_non_null(f);
	return f;
}

static void no_filters_costs_nothing(void **state)
{
	struct site s;
	site_init(&s, ".", "title: x\n");
	assert_null(filters_load(&s));
	assert_int_equal(filter_run(NULL, NULL, NULL, NULL, "pdf"), 0);
	site_free(&s);
}

static void reviewed_line_in_pdf_only(void **state)
{
	struct site s;
	struct filters *f = example(&s);
	struct page *p = page_new("reviewed: 2026-11-27\n", "本文。\n");
	assert_int_equal(filter_run(f, p->doc, p, NULL, "html"), 0);
	assert_int_equal(doc_last(p->doc->root)->type, DOC_PARAGRAPH);
	assert_int_equal(filter_run(f, p->doc, p, NULL, "pdf"), 0);
	struct doc_node *div = doc_last(p->doc->root);
	assert_int_equal(div->type, DOC_DIV);
	assert_string_equal(div->u.div.kind, "reviewed");
	char *t = text_of(div);
	assert_string_equal(t, "最終確認日：2026年11月27日");
	free(t);
	assert_string_equal(diagnostics(), "");
	site_page_free(p);
	filters_free(f);
	site_free(&s);
}

static void normalize_in_pdf(void **state)
{
	struct site s;
	struct filters *f = example(&s);
	struct page *p = page_new("title: ウィルス\n",
		  "ウィルスとＵＳＢとサーバーとサーバ。\n\n> 引用のウィルス\n");
	assert_int_equal(filter_run(f, p->doc, p, NULL, "pdf"), 0);
	char *t = text_of(p->doc->root->first);
	assert_string_equal(t, "ウイルスとUSBとサーバーとサーバー。");
	free(t);
	t = text_of(p->doc->root->first->next);
	assert_string_equal(t, "引用のウィルス");	/* quotations keep their wording */
	free(t);
	/* a copy for a PDF never changes its page */
	assert_null(p->title);
	assert_string_equal(meta_get(p->fm, "title")->text, "ウィルス");
	assert_string_equal(diagnostics(), "");
	site_page_free(p);
	filters_free(f);
	site_free(&s);
}

/* A project in a temporary folder with one filter file. */
static char *project(const char *lua)
{
	char tmpl[] = "/tmp/tebiki-filter-XXXXXX";
	char *dir = xstrdup(mkdtemp(tmpl));
	char *path = fs_join(dir, "lua/filters/f.lua");
	assert_int_equal(fs_write(path, lua, strlen(lua)), 0);
	free(path);
	return dir;
}

static void variant_and_format_seen(void **state)
{
	char *dir = project(
		"return {Str = function(el)\n"
		"  local v = tebiki.variant\n"
		"  return tebiki.Str(FORMAT .. '/' .. tebiki.format .. '/' .. (v.size or 'all') .. '/'\n"
		"    .. (v.labels.size or '') .. '/' .. (v.industry or 'all') .. '/' .. tebiki.page.source)\n"
		"end}\n");
	struct site s;
	site_init(&s, dir, "filters: [filters/f.lua]\n");
	struct filters *f = filters_load(&s);
	assert_non_null(f);
	struct profile_value micro = {.id = "micro", .label = "従業員20名以下"};
	struct variant v = {.value = {&micro, NULL}, .format = "pdf"};
	struct page *p = page_new("title: t\n", "x\n");
	assert_int_equal(filter_run(f, p->doc, p, &v, NULL), 0);
	char *t = text_of(p->doc->root);
	assert_string_equal(t, "pdf/pdf/micro/従業員20名以下/all/lessons/a.md");
	free(t);
	assert_string_equal(diagnostics(), "");
	site_page_free(p);
	filters_free(f);
	site_free(&s);
	fs_rmtree(dir);
	free(dir);
}

struct job {
	struct filters *f;
	struct page *pages[32];
	int rc[32];
};

static void run_one(size_t i, int worker, void *ctx)
{
	struct job *j = ctx;
	j->rc[i] = filter_run(j->f, j->pages[i]->doc, j->pages[i], NULL, "pdf");
}

/* Each call borrows a Lua state no other thread uses. */
static void threads(void **state)
{
	struct site s;
	struct job *j = xcalloc(1, sizeof *j);
	j->f = example(&s);
	for (int i = 0; i < 32; i++)
		j->pages[i] = page_new("reviewed: 2026-11-27\n", "ウィルス対策、ＰＣの更新。\n");
	pool_run(4, 32, run_one, j);
	for (int i = 0; i < 32; i++) {
		assert_int_equal(j->rc[i], 0);
		char *t = text_of(j->pages[i]->doc->root);
		assert_string_equal(t, "ウイルス対策、パソコンの更新。最終確認日：2026年11月27日");
		free(t);
		site_page_free(j->pages[i]);
	}
	assert_string_equal(diagnostics(), "");
	filters_free(j->f);
	free(j);
	site_free(&s);
}

static void errors_are_reported(void **state)
{
	char *dir = project("return {Para = function(el) return el.content end}\n");
	struct site s;
	site_init(&s, dir, "filters: [filters/f.lua]\n");
	struct filters *f = filters_load(&s);
	struct page *p = page_new("title: t\n", "x\n");
	assert_int_equal(filter_run(f, p->doc, p, NULL, "pdf"), -1);
	assert_non_null(strstr(diagnostics(),
		"lua/filters/f.lua:1: error: Para: Str is an inline, but blocks go here"));
	site_page_free(p);
	filters_free(f);
	site_free(&s);
	fs_rmtree(dir);
	free(dir);
}

int main(void)
{
	md_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_filters_costs_nothing),
		cmocka_unit_test(reviewed_line_in_pdf_only),
		cmocka_unit_test(normalize_in_pdf),
		cmocka_unit_test(variant_and_format_seen),
		cmocka_unit_test(threads),
		cmocka_unit_test(errors_are_reported),
	};
	int failed = cmocka_run_group_tests_name("filter", tests, NULL, NULL);
	watchdog_stop();	/* filters_load starts it (limits.seconds) */
	return failed;
}
