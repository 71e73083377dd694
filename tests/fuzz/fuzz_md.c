/* fuzz_md: one page as tebiki reads it: UTF-8 check, front matter
 * split and parsed (YAML, typed keys), Markdown parsed into the tree,
 * heading ids, then the tree as HTML (safe and unsafe) and dumped.
 * What the site build does per page before its templates run. */
#include <stdint.h>
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
#include "model/meta.h"
#include "model/site.h"
#include "passes/xref.h"

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
