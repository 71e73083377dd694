/* fuzz_md: one page as tebiki reads it: UTF-8 check, front matter
 * split and parsed (YAML, typed keys), Markdown parsed into the tree,
 * heading ids, then the tree as HTML (safe and unsafe) and dumped.
 * What the site build does per page before its templates run. The
 * tree is also packed and read back as serve keeps it (model/docpack):
 * the copy must dump and render exactly as the tree. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "html/html.h"
#include "input/frontmatter.h"
#include "input/load.h"
#include "input/md.h"
#include "input/yaml.h"
#include "model/doc.h"
#include "model/docpack.h"
#include "model/meta.h"
#include "model/site.h"
#include "passes/xref.h"

static void fuzz_md_show(const struct doc *d, struct buf *out)
{
	doc_dump(d->root, out);
	html_render(d, &(struct html_opts){.unsafe = 1}, out);
	for (const struct doc_held *h = d->held; h; h = h->next)
		buf_addf(out, "held %s %s %u:%u\n", h->key, h->msg, h->line, h->col);
}

static void fuzz_md_pack(const struct doc *d)
{
	struct buf pack = {0}, want = {0}, got = {0};
	docpack_write(d, &pack);
	struct doc *back = docpack_read(pack.p, pack.n, d->file);
	if (back == NULL) {
		fprintf(stderr, "fuzz_md: docpack_read refused what docpack_write wrote\n");
		abort();
	}
	fuzz_md_show(d, &want);
	fuzz_md_show(back, &got);
	if (want.n != got.n || memcmp(want.p, got.p, want.n) != 0) {
		fprintf(stderr, "fuzz_md: the tree read back differs:\n%s\n---\n%s\n", want.p, got.p);
		abort();
	}
	doc_free(back);
	buf_free(&pack);
	buf_free(&want);
	buf_free(&got);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	md_init();
	const char *text = (const char *)data;
	struct page *p = load_page_new("s/fuzz.md");
	struct frontmatter fm;
	if (utf8_report(p->file, text, size) == 0 &&
	    frontmatter_split(p->file, text, size, &fm) == 0) {
		if (fm.yaml)
			p->fm = yaml_parse(p->file, fm.yaml, fm.yaml_len, fm.yaml_line - 1);
		if (p->fm && p->fm->type == META_MAP)
			load_frontmatter(p);
		p->doc = md_parse(p->file, fm.body, fm.body_len, fm.body_line - 1);
		fuzz_md_pack(p->doc);
		xref_headings(p, SLUG_TEBIKI);
		struct buf out = {0};
		html_render(p->doc, &(struct html_opts){.warn = 1}, &out);
		html_render(p->doc, &(struct html_opts){.unsafe = 1}, &out);
		doc_dump(p->doc->root, &out);
		buf_free(&out);
	}
	site_page_free(p);
	diag_reset();
	return 0;
}
