/* fuzz_pdf: one page typeset as the chapter of a book with the
 * shipped theme's pdf.yaml: the tree into boxes, lines (kinsoku,
 * UAX #14), pages, the table of contents and running heads, then the
 * drawing operations dumped. The fonts are opened once. Writing the
 * PDF (libharu) is left out: it sees only what the layout made. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/utf8.h"
#include "input/frontmatter.h"
#include "input/load.h"
#include "input/md.h"
#include "model/doc.h"
#include "model/site.h"
#include "model/theme.h"
#include "passes/xref.h"
#include "pdf/draw.h"
#include "pdf/pdf.h"

static struct pdf_env env;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	md_init();
	style_defaults(&env.st);
	if (style_load(&env.st, theme_shipped(), "pdf.yaml", "pdf.yaml") < 0 ||
	    pdf_env_open(&env) < 0) {
		diag_flush();
		abort();
	}
	env.creator = "fuzz";
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct page *p = load_page_new("s/fuzz.md");
	struct frontmatter fm;
	if (utf8_report(p->file, text, size) == 0 &&
	    frontmatter_split(p->file, text, size, &fm) == 0) {
		p->doc = md_parse(p->file, fm.body, fm.body_len, fm.body_line - 1);
		xref_headings(p, SLUG_TEBIKI);
		struct pdf_chapter ch = {.doc = p->doc, .file = p->file, .source = p->source,
					.title = "章", .warn = 1};
		struct pdf_job job = {.kind = size % 3 == 0 ? PDF_HANDOUT : PDF_BOOK,
				      .title = "fuzz", .ch = &ch, .nch = 1, .warn_html = 1};
		struct draw_doc d;
		memset(&d, 0, sizeof d);
		pdf_layout(&env, &job, &d);
		struct buf out = {0};
		draw_dump(&d, &out);
		buf_free(&out);
		draw_free(&d);
	}
	site_page_free(p);
	diag_reset();
	return 0;
}
