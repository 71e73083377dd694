/* finish: libharu's file read back from memory by libqpdf, completed
 * and written again. Streams libharu compressed are copied as they
 * are (decode level none, and a /Filter qpdf takes as compressed:
 * nothing is inflated and deflated again); streams without a filter
 * are compressed.
 *
 * The structure tree: a StructElem per element tags.c placed, its /K
 * the kids in reading order (an MCID, an MCR for content on another
 * page than the element's /Pg, an OBJR for an annotation); the parent
 * tree maps each page's MCIDs (page index = /StructParents) and each
 * annotation (/StructParent after the pages) back to its element. */
#include "finish.h"

#include <errno.h>
#include <qpdf/qpdf-c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/buf.h"
#include "../base/fsutil.h"
#include "../base/xalloc.h"
#include "draw.h"
#include "tags.h"

struct fin {
	qpdf_data q;
	const struct finish *f;
	const struct draw_doc *d;
	qpdf_oh *pages;
	qpdf_oh *elem;		/* the StructElem of each element, or 0 */
	int *elem_page;		/* its /Pg, or -1 */
};

static void fin_key(struct fin *x, qpdf_oh dict, const char *key, qpdf_oh value)
{
	qpdf_oh_replace_key(x->q, dict, key, value);
}

static qpdf_oh fin_name(struct fin *x, const char *name)
{
	return qpdf_oh_new_name(x->q, name);
}

static qpdf_oh fin_text(struct fin *x, const char *utf8)
{
	return qpdf_oh_new_unicode_string(x->q, utf8);
}

/* The page's annotation index, for the structure tree. */
static qpdf_oh fin_annot(struct fin *x, const struct finish_annot *a)
{
	qpdf_oh annots = qpdf_oh_get_key(x->q, x->pages[a->page], "/Annots");
	return qpdf_oh_get_array_item(x->q, annots, a->index);
}

static const struct finish_annot *fin_find_annot(struct fin *x, int page, int op, int field)
{
	for (size_t i = 0; i < x->f->nannots; i++) {
		const struct finish_annot *a = &x->f->annots[i];
		if (field >= 0 ? a->field == field : (a->page == page && a->op == op))
			return a;
	}
	return NULL;
}

/* The first page an element's own content is on. */
static int fin_first_page(const struct tags *t, int e)
{
	for (size_t k = 0; k < t->nkids[e]; k++)
		if (t->kids[e][k].kind == TAGS_MC)
			return t->mc[t->kids[e][k].a].page;
	return -1;
}

static qpdf_oh fin_kid(struct fin *x, int e, const struct tags_kid *k, qpdf_oh *parent_tree,
		       int *next_key)
{
	const struct tags *t = x->f->tags;
	if (k->kind == TAGS_ELEM)
		return x->elem[k->a];
	if (k->kind == TAGS_MC) {
		const struct tags_mc *m = &t->mc[k->a];
		if (m->page == x->elem_page[e])
			return qpdf_oh_new_integer(x->q, m->mcid);
		qpdf_oh mcr = qpdf_oh_new_dictionary(x->q);
		fin_key(x, mcr, "/Type", fin_name(x, "/MCR"));
		fin_key(x, mcr, "/Pg", x->pages[m->page]);
		fin_key(x, mcr, "/MCID", qpdf_oh_new_integer(x->q, m->mcid));
		return mcr;
	}
	const struct finish_annot *a = k->kind == TAGS_LINK ? fin_find_annot(x, k->a, k->b, -1)
							    : fin_find_annot(x, -1, -1, k->a);
	if (a == NULL)
		return 0;
	qpdf_oh annot = fin_annot(x, a);
	int key = (*next_key)++;
	fin_key(x, annot, "/StructParent", qpdf_oh_new_integer(x->q, key));
	const struct draw_elem *el = &x->d->elems[e];
	if (k->kind == TAGS_LINK && el->alt && !qpdf_oh_has_key(x->q, annot, "/Contents"))
		fin_key(x, annot, "/Contents", fin_text(x, el->alt));
	qpdf_oh_append_item(x->q, *parent_tree, qpdf_oh_new_integer(x->q, key));
	qpdf_oh_append_item(x->q, *parent_tree, x->elem[e]);
	qpdf_oh objr = qpdf_oh_new_dictionary(x->q);
	fin_key(x, objr, "/Type", fin_name(x, "/OBJR"));
	fin_key(x, objr, "/Obj", annot);
	fin_key(x, objr, "/Pg", x->pages[a->page]);
	return objr;
}

/* Makes the StructElem of e and, first, those of its kids. */
static void fin_make(struct fin *x, int e)
{
	const struct tags *t = x->f->tags;
	x->elem[e] = qpdf_make_indirect_object(x->q, qpdf_oh_new_dictionary(x->q));
	x->elem_page[e] = fin_first_page(t, e);
	for (size_t k = 0; k < t->nkids[e]; k++)
		if (t->kids[e][k].kind == TAGS_ELEM)
			fin_make(x, t->kids[e][k].a);
}

static void fin_fill(struct fin *x, int e, qpdf_oh parent, qpdf_oh *parent_tree, int *next_key)
{
	const struct tags *t = x->f->tags;
	const struct draw_elem *el = &x->d->elems[e];
	qpdf_oh se = x->elem[e];
	char name[32];
	snprintf(name, sizeof name, "/%s", tags_role_name(el->role));
	/* no /Type: it is optional, and 15 000 elements of a book carry it */
	fin_key(x, se, "/S", fin_name(x, name));
	fin_key(x, se, "/P", parent);
	if (x->elem_page[e] >= 0)
		fin_key(x, se, "/Pg", x->pages[x->elem_page[e]]);
	if (el->alt && el->role != ROLE_LINK)
		fin_key(x, se, "/Alt", fin_text(x, el->alt));
	if (el->actual)
		fin_key(x, se, "/ActualText", fin_text(x, el->actual));
	if (el->lang)
		fin_key(x, se, "/Lang", fin_text(x, el->lang));
	if (el->role == ROLE_TH && el->scope) {
		static const char *scope[] = {"", "/Row", "/Column", "/Both"};
		qpdf_oh a = qpdf_oh_new_dictionary(x->q);
		fin_key(x, a, "/O", fin_name(x, "/Table"));
		fin_key(x, a, "/Scope", fin_name(x, scope[el->scope & 3]));
		fin_key(x, se, "/A", a);
	}
	if (el->role == ROLE_NOTE) {
		char id[32];
		snprintf(id, sizeof id, "note-%d", e);
		fin_key(x, se, "/ID", qpdf_oh_new_string(x->q, id));
	}
	qpdf_oh kids = qpdf_oh_new_array(x->q);
	for (size_t k = 0; k < t->nkids[e]; k++) {
		qpdf_oh kid = fin_kid(x, e, &t->kids[e][k], parent_tree, next_key);
		if (kid)
			qpdf_oh_append_item(x->q, kids, kid);
		if (t->kids[e][k].kind == TAGS_ELEM)
			fin_fill(x, t->kids[e][k].a, se, parent_tree, next_key);
	}
	/* a single kid stands alone, without an array around it */
	if (qpdf_oh_get_array_n_items(x->q, kids) == 1)
		fin_key(x, se, "/K", qpdf_oh_get_array_item(x->q, kids, 0));
	else
		fin_key(x, se, "/K", kids);
}

/* Each page's MCIDs to their elements: the parent tree's first keys. */
static void fin_page_parents(struct fin *x, qpdf_oh nums)
{
	const struct tags *t = x->f->tags;
	for (size_t p = 0; p < x->d->npages; p++) {
		qpdf_oh arr = qpdf_oh_new_array(x->q);
		for (size_t m = t->page_mc[p]; m < t->page_mc[p + 1]; m++)
			if (t->mc[m].mcid >= 0)
				qpdf_oh_append_item(x->q, arr, x->elem[t->mc[m].elem]);
		fin_key(x, x->pages[p], "/StructParents", qpdf_oh_new_integer(x->q, (long long)p));
		qpdf_oh_append_item(x->q, nums, qpdf_oh_new_integer(x->q, (long long)p));
		qpdf_oh_append_item(x->q, nums, qpdf_make_indirect_object(x->q, arr));
	}
}

static void fin_structure(struct fin *x, qpdf_oh root)
{
	const struct tags *t = x->f->tags;
	if (t->root < 0)
		return;
	qpdf_oh tree = qpdf_make_indirect_object(x->q, qpdf_oh_new_dictionary(x->q));
	fin_key(x, tree, "/Type", fin_name(x, "/StructTreeRoot"));
	fin_make(x, t->root);
	qpdf_oh nums = qpdf_oh_new_array(x->q);
	fin_page_parents(x, nums);
	qpdf_oh annots = qpdf_oh_new_array(x->q);
	int next_key = (int)x->d->npages;
	fin_fill(x, t->root, tree, &annots, &next_key);
	for (int i = 0, n = qpdf_oh_get_array_n_items(x->q, annots); i < n; i++)
		qpdf_oh_append_item(x->q, nums, qpdf_oh_get_array_item(x->q, annots, i));
	qpdf_oh parents = qpdf_oh_new_dictionary(x->q);
	fin_key(x, parents, "/Nums", nums);
	fin_key(x, tree, "/K", x->elem[t->root]);
	fin_key(x, tree, "/ParentTree", qpdf_make_indirect_object(x->q, parents));
	fin_key(x, tree, "/ParentTreeNextKey", qpdf_oh_new_integer(x->q, next_key));
	/* Aside is PDF 2.0's; PDF 1.7 readers are told it is a Div */
	fin_key(x, tree, "/RoleMap", qpdf_oh_parse(x->q, "<< /Aside /Div >>"));
	fin_key(x, root, "/StructTreeRoot", tree);
	fin_key(x, root, "/MarkInfo", qpdf_oh_parse(x->q, "<< /Marked true >>"));
	/* the tab order of annotations follows the structure */
	for (size_t p = 0; p < x->d->npages; p++)
		if (qpdf_oh_has_key(x->q, x->pages[p], "/Annots"))
			fin_key(x, x->pages[p], "/Tabs", fin_name(x, "/S"));
}

static void fin_xml(struct buf *b, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '<')
			buf_adds(b, "&lt;");
		else if (*s == '>')
			buf_adds(b, "&gt;");
		else if (*s == '&')
			buf_adds(b, "&amp;");
		else if (*s == '"')
			buf_adds(b, "&quot;");
		else
			buf_addc(b, *s);
	}
}

/* XMP metadata: the title and author of the Info dictionary, and the
 * PDF/UA identification (ISO 14289-1). */
static void fin_metadata(struct fin *x, qpdf_oh root)
{
	const struct draw_doc *d = x->d;
	struct buf b = {0};
	char date[32];
	struct tm tm;
	time_t when = d->date;
	gmtime_r(&when, &tm);
	strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
	buf_adds(&b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
		 "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
		 "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
		 "<rdf:Description rdf:about=\"\"\n"
		 " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
		 " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
		 " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
		 " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
		 "<dc:format>application/pdf</dc:format>\n"
		 "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
	fin_xml(&b, d->title ? d->title : "");
	buf_adds(&b, "</rdf:li></rdf:Alt></dc:title>\n");
	if (d->author && d->author[0]) {
		buf_adds(&b, "<dc:creator><rdf:Seq><rdf:li>");
		fin_xml(&b, d->author);
		buf_adds(&b, "</rdf:li></rdf:Seq></dc:creator>\n");
	}
	buf_adds(&b, "<dc:language><rdf:Bag><rdf:li>");
	fin_xml(&b, d->lang ? d->lang : "ja");
	buf_adds(&b, "</rdf:li></rdf:Bag></dc:language>\n");
	buf_addf(&b, "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n",
		 date, date);
	if (d->creator) {
		buf_adds(&b, "<xmp:CreatorTool>");
		fin_xml(&b, d->creator);
		buf_adds(&b, "</xmp:CreatorTool>\n<pdf:Producer>");
		fin_xml(&b, d->creator);
		buf_adds(&b, "</pdf:Producer>\n");
	}
	buf_adds(&b, "<pdfuaid:part>1</pdfuaid:part>\n</rdf:Description>\n</rdf:RDF>\n"
		 "</x:xmpmeta>\n<?xpacket end=\"w\"?>\n");
	qpdf_oh s = qpdf_oh_new_stream(x->q);
	qpdf_oh_replace_stream_data(x->q, s, (const unsigned char *)b.p, b.n,
				    qpdf_oh_new_null(x->q), qpdf_oh_new_null(x->q));
	qpdf_oh dict = qpdf_oh_get_dict(x->q, s);
	fin_key(x, dict, "/Type", fin_name(x, "/Metadata"));
	fin_key(x, dict, "/Subtype", fin_name(x, "/XML"));
	fin_key(x, root, "/Metadata", s);
	buf_free(&b);
}

/* libharu writes /Filter [/FlateDecode]; qpdf copies a stream as it
 * is only when its filter is the name /FlateDecode, and otherwise
 * inflates and deflates it again: a fifth of a PDF's time, for the
 * same bytes. The one-name array becomes the name. */
static void fin_filters(struct fin *x)
{
	qpdf_oh size = qpdf_oh_get_key(x->q, qpdf_get_trailer(x->q), "/Size");
	int n = qpdf_oh_is_integer(x->q, size) ? qpdf_oh_get_int_value_as_int(x->q, size) : 0;
	for (int id = 1; id < n; id++) {
		qpdf_oh o = qpdf_get_object_by_id(x->q, id, 0);
		if (qpdf_oh_is_stream(x->q, o)) {
			qpdf_oh dict = qpdf_oh_get_dict(x->q, o);
			qpdf_oh f = qpdf_oh_get_key(x->q, dict, "/Filter");
			if (qpdf_oh_is_array(x->q, f) && qpdf_oh_get_array_n_items(x->q, f) == 1) {
				qpdf_oh name = qpdf_oh_get_array_item(x->q, f, 0);
				if (qpdf_oh_is_name_and_equals(x->q, name, "/FlateDecode"))
					fin_key(x, dict, "/Filter", name);
				qpdf_oh_release(x->q, name);
			}
			qpdf_oh_release(x->q, f);
			qpdf_oh_release(x->q, dict);
		}
		qpdf_oh_release(x->q, o);
	}
	qpdf_oh_release(x->q, size);
}

static void fin_document(struct fin *x)
{
	qpdf_oh root = qpdf_get_root(x->q);
	fin_filters(x);
	size_t n = x->d->npages;
	x->pages = xcalloc(n + 1, sizeof *x->pages);
	for (size_t p = 0; p < n; p++)
		x->pages[p] = qpdf_get_page_n(x->q, p);
	x->elem = xcalloc(x->d->nelems + 1, sizeof *x->elem);
	x->elem_page = xcalloc(x->d->nelems + 1, sizeof *x->elem_page);
	fin_structure(x, root);
	fin_key(x, root, "/Lang", fin_text(x, x->d->lang ? x->d->lang : "ja"));
	fin_key(x, root, "/ViewerPreferences", qpdf_oh_parse(x->q, "<< /DisplayDocTitle true >>"));
	fin_metadata(x, root);
	free(x->pages);
	free(x->elem);
	free(x->elem_page);
}

static int finish_failed(qpdf_data q, const char *what, char *why, size_t whylen)
{
	qpdf_error e = qpdf_get_error(q);
	snprintf(why, whylen, "qpdf cannot %s: %s", what,
		 e ? qpdf_get_error_full_text(q, e) : "unknown error");
	return -1;
}

int finish_write(const void *pdf, size_t len, const struct finish *f, const char *path,
		 char *why, size_t whylen)
{
	qpdf_data q = qpdf_init();
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	int rc = 0;
	if (qpdf_read_memory(q, path, pdf, (unsigned long long)len, NULL) & QPDF_ERRORS) {
		rc = finish_failed(q, "read what libharu wrote", why, whylen);
	} else {
		struct fin x = {q, f, f->d, NULL, NULL, NULL};
		fin_document(&x);
		if (qpdf_has_error(q))
			rc = finish_failed(q, "build the structure tree", why, whylen);
		else if (qpdf_init_write_memory(q) & QPDF_ERRORS)
			rc = finish_failed(q, "start writing", why, whylen);
		else {
			qpdf_set_object_stream_mode(q, qpdf_o_generate);
			qpdf_set_decode_level(q, qpdf_dl_none);
			qpdf_set_compress_streams(q, QPDF_TRUE);
			qpdf_set_deterministic_ID(q, QPDF_TRUE);
			qpdf_force_pdf_version(q, "1.7");
			if (qpdf_write(q) & QPDF_ERRORS)
				rc = finish_failed(q, "write the file", why, whylen);
			/* written here, not by qpdf: its stdio loses an error
			 * of the last flush (a full disk left half a PDF, exit 0) */
			else if (fs_write(path, (const char *)qpdf_get_buffer(q),
					  qpdf_get_buffer_length(q)) < 0) {
				snprintf(why, whylen, "%s", fs_strerror(errno));
				rc = -1;
			}
		}
	}
	qpdf_cleanup(&q);
	return rc;
}
