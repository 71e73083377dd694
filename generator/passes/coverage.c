/* coverage: reads the profile cells organize made (TAX_PROFILES). */
#include "coverage.h"

#include <string.h>

#include "../base/buf.h"
#include "../base/diag.h"
#include "../model/meta.h"
#include "../model/site.h"

static int coverage_in(const struct term *t, const struct page *p)
{
	for (size_t i = 0; i < t->npages; i++)
		if (t->pages[i] == p)
			return 1;
	return 0;
}

static int coverage_required(const struct page *p, struct meta **where)
{
	struct meta *m = meta_get(p->fm, "required");
	*where = m;
	if (m == NULL)
		return 0;
	if (m->type != META_BOOL) {
		diag_error(p->file, m->line, m->col, "'required' must be true or false");
		return 0;
	}
	return m->u.b;
}

static void coverage_page(const struct site *s, const struct page *p, struct buf *out)
{
	const struct taxonomy *cells = &s->tax[TAX_PROFILES];
	size_t reached = 0;
	struct buf missing = {0};
	for (size_t i = 0; i < cells->nterms; i++) {
		if (coverage_in(&cells->terms[i], p))
			reached++;
		else {
			if (missing.n)
				buf_adds(&missing, ", ");
			buf_adds(&missing, cells->terms[i].name);
		}
	}
	struct meta *req;
	if (coverage_required(p, &req) && reached < cells->nterms)
		diag_error(p->file, req->line, req->col,
			   "a required page misses %zu of %zu variants (%s): widen its sizes/industries",
			   cells->nterms - reached, cells->nterms, missing.p);
	if (reached == 0) {
		struct meta *at = meta_get(p->fm, "industries");
		if (at == NULL)
			at = meta_get(p->fm, "sizes");
		diag_warning(p->file, at ? at->line : 1, at ? at->col : 1,
			     "this page reaches no variant: no size and industry it names are both declared");
	}
	if (out) {
		buf_addf(out, "  %-40s %2zu/%zu", p->source, reached, cells->nterms);
		if (reached < cells->nterms && reached > 0)
			buf_addf(out, "  missing: %s", missing.p);
		buf_addc(out, '\n');
	}
	buf_free(&missing);
}

static void coverage_cells(const struct site *s, struct buf *out)
{
	const struct taxonomy *cells = &s->tax[TAX_PROFILES];
	buf_adds(out, "variant");
	for (size_t i = 0; i < s->nsections; i++)
		buf_addf(out, "\t%s", s->sections[i].name);
	buf_adds(out, "\n");
	for (size_t c = 0; c < cells->nterms; c++) {
		const struct term *t = &cells->terms[c];
		buf_addf(out, "%s (%s)", t->name, t->title);
		for (size_t i = 0; i < s->nsections; i++) {
			size_t n = 0;
			for (size_t j = 0; j < s->sections[i].npages; j++)
				n += coverage_in(t, s->sections[i].pages[j]);
			buf_addf(out, "\t%zu/%zu", n, s->sections[i].npages);
		}
		buf_addc(out, '\n');
	}
}

void coverage_site(const struct site *s, struct buf *out)
{
	if (!s->profiles.present) {
		if (out)
			buf_adds(out, "no content/profiles.yaml: every page is for everyone\n");
		return;
	}
	if (out)
		coverage_cells(s, out);
	for (size_t i = 0; i < s->nsections; i++) {
		if (out)
			buf_addf(out, "\n%s:\n", s->sections[i].name);
		for (size_t j = 0; j < s->sections[i].npages; j++)
			coverage_page(s, s->sections[i].pages[j], out);
	}
}
