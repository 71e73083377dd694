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
 * annotation (/StructParent after the pages) back to its element.
 *
 * The one C++ file: qpdf's C API keeps every object it hands out in a
 * map behind a handle and wraps each call in an error trap, which made
 * building a 300-page book's 15,000 elements cost 95 ms and freeing
 * them 40 ms; the C++ objects themselves cost 26 and 14 ms. Errors
 * are qpdf's exceptions, caught in finish_write. */
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFWriter.hh>

#include <cerrno>
#include <cstdio>
#include <ctime>
#include <exception>
#include <string>
#include <vector>

extern "C" {
#include "../base/buf.h"
#include "../base/fsutil.h"
#include "draw.h"
#include "finish.h"
#include "tags.h"
}

typedef QPDFObjectHandle oh;

struct fin {
	QPDF &q;
	const struct finish *f;
	const struct draw_doc *d;
	std::vector<oh> pages;
	std::vector<oh> elem;		/* the StructElem of each element */
	std::vector<int> elem_page;	/* its /Pg, or -1 */
};

static oh fin_name(const char *name)
{
	return oh::newName(name);
}

static oh fin_text(const char *utf8)
{
	return oh::newUnicodeString(utf8);
}

/* The page's annotation index, for the structure tree. */
static oh fin_annot(struct fin *x, const struct finish_annot *a)
{
	return x->pages[a->page].getKey("/Annots").getArrayItem(a->index);
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

/* The kid k of e as its /K has it; an uninitialized handle for a link
 * or field whose annotation was not made. */
static oh fin_kid(struct fin *x, int e, const struct tags_kid *k, oh &parent_tree, int *next_key)
{
	const struct tags *t = x->f->tags;
	if (k->kind == TAGS_ELEM)
		return x->elem[k->a];
	if (k->kind == TAGS_MC) {
		const struct tags_mc *m = &t->mc[k->a];
		if (m->page == x->elem_page[e])
			return oh::newInteger(m->mcid);
		oh mcr = oh::newDictionary();
		mcr.replaceKey("/Type", fin_name("/MCR"));
		mcr.replaceKey("/Pg", x->pages[m->page]);
		mcr.replaceKey("/MCID", oh::newInteger(m->mcid));
		return mcr;
	}
	const struct finish_annot *a = k->kind == TAGS_LINK ? fin_find_annot(x, k->a, k->b, -1)
							    : fin_find_annot(x, -1, -1, k->a);
	if (a == NULL)
		return oh();
	oh annot = fin_annot(x, a);
	int key = (*next_key)++;
	annot.replaceKey("/StructParent", oh::newInteger(key));
	const struct draw_elem *el = &x->d->elems[e];
	if (k->kind == TAGS_LINK && el->alt && !annot.hasKey("/Contents"))
		annot.replaceKey("/Contents", fin_text(el->alt));
	parent_tree.appendItem(oh::newInteger(key));
	parent_tree.appendItem(x->elem[e]);
	oh objr = oh::newDictionary();
	objr.replaceKey("/Type", fin_name("/OBJR"));
	objr.replaceKey("/Obj", annot);
	objr.replaceKey("/Pg", x->pages[a->page]);
	return objr;
}

/* Makes the StructElem of e and, first, those of its kids. */
static void fin_make(struct fin *x, int e)
{
	const struct tags *t = x->f->tags;
	x->elem[e] = x->q.makeIndirectObject(oh::newDictionary());
	x->elem_page[e] = fin_first_page(t, e);
	for (size_t k = 0; k < t->nkids[e]; k++)
		if (t->kids[e][k].kind == TAGS_ELEM)
			fin_make(x, t->kids[e][k].a);
}

static void fin_fill(struct fin *x, int e, oh parent, oh &parent_tree, int *next_key)
{
	const struct tags *t = x->f->tags;
	const struct draw_elem *el = &x->d->elems[e];
	oh se = x->elem[e];
	/* no /Type: it is optional, and 15 000 elements of a book carry it */
	se.replaceKey("/S", fin_name((std::string("/") + tags_role_name(el->role)).c_str()));
	se.replaceKey("/P", parent);
	if (x->elem_page[e] >= 0)
		se.replaceKey("/Pg", x->pages[x->elem_page[e]]);
	if (el->alt && el->role != ROLE_LINK)
		se.replaceKey("/Alt", fin_text(el->alt));
	if (el->actual)
		se.replaceKey("/ActualText", fin_text(el->actual));
	if (el->lang)
		se.replaceKey("/Lang", fin_text(el->lang));
	if (el->role == ROLE_TH && el->scope) {
		static const char *scope[] = {"", "/Row", "/Column", "/Both"};
		oh a = oh::newDictionary();
		a.replaceKey("/O", fin_name("/Table"));
		a.replaceKey("/Scope", fin_name(scope[el->scope & 3]));
		se.replaceKey("/A", a);
	}
	if (el->role == ROLE_NOTE) {
		char id[32];
		snprintf(id, sizeof id, "note-%d", e);
		se.replaceKey("/ID", oh::newString(id));
	}
	oh kids = oh::newArray();
	for (size_t k = 0; k < t->nkids[e]; k++) {
		oh kid = fin_kid(x, e, &t->kids[e][k], parent_tree, next_key);
		if (kid.isInitialized())
			kids.appendItem(kid);
		if (t->kids[e][k].kind == TAGS_ELEM)
			fin_fill(x, t->kids[e][k].a, se, parent_tree, next_key);
	}
	/* a single kid stands alone, without an array around it */
	if (kids.getArrayNItems() == 1)
		se.replaceKey("/K", kids.getArrayItem(0));
	else
		se.replaceKey("/K", kids);
}

/* Each page's MCIDs to their elements: the parent tree's first keys. */
static void fin_page_parents(struct fin *x, oh &nums)
{
	const struct tags *t = x->f->tags;
	for (size_t p = 0; p < x->d->npages; p++) {
		oh arr = oh::newArray();
		for (size_t m = t->page_mc[p]; m < t->page_mc[p + 1]; m++)
			if (t->mc[m].mcid >= 0)
				arr.appendItem(x->elem[t->mc[m].elem]);
		x->pages[p].replaceKey("/StructParents", oh::newInteger((long long)p));
		nums.appendItem(oh::newInteger((long long)p));
		nums.appendItem(x->q.makeIndirectObject(arr));
	}
}

static void fin_structure(struct fin *x, oh root)
{
	const struct tags *t = x->f->tags;
	if (t->root < 0)
		return;
	oh tree = x->q.makeIndirectObject(oh::newDictionary());
	tree.replaceKey("/Type", fin_name("/StructTreeRoot"));
	fin_make(x, t->root);
	oh nums = oh::newArray();
	fin_page_parents(x, nums);
	oh annots = oh::newArray();
	int next_key = (int)x->d->npages;
	fin_fill(x, t->root, tree, annots, &next_key);
	for (int i = 0, n = annots.getArrayNItems(); i < n; i++)
		nums.appendItem(annots.getArrayItem(i));
	oh parents = oh::newDictionary();
	parents.replaceKey("/Nums", nums);
	tree.replaceKey("/K", x->elem[t->root]);
	tree.replaceKey("/ParentTree", x->q.makeIndirectObject(parents));
	tree.replaceKey("/ParentTreeNextKey", oh::newInteger(next_key));
	/* Aside is PDF 2.0's; PDF 1.7 readers are told it is a Div */
	tree.replaceKey("/RoleMap", oh::parse("<< /Aside /Div >>"));
	root.replaceKey("/StructTreeRoot", tree);
	root.replaceKey("/MarkInfo", oh::parse("<< /Marked true >>"));
	/* the tab order of annotations follows the structure */
	for (size_t p = 0; p < x->d->npages; p++)
		if (x->pages[p].hasKey("/Annots"))
			x->pages[p].replaceKey("/Tabs", fin_name("/S"));
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
static void fin_metadata(struct fin *x, oh root)
{
	const struct draw_doc *d = x->d;
	struct buf b = {};
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
	oh s = oh::newStream(&x->q);
	s.replaceStreamData(std::string(b.p, b.n), oh::newNull(), oh::newNull());
	oh dict = s.getDict();
	dict.replaceKey("/Type", fin_name("/Metadata"));
	dict.replaceKey("/Subtype", fin_name("/XML"));
	root.replaceKey("/Metadata", s);
	buf_free(&b);
}

/* libharu writes /Filter [/FlateDecode]; qpdf copies a stream as it
 * is only when its filter is the name /FlateDecode, and otherwise
 * inflates and deflates it again: a fifth of a PDF's time, for the
 * same bytes. The one-name array becomes the name. */
static void fin_filters(struct fin *x)
{
	oh size = x->q.getTrailer().getKey("/Size");
	int n = size.isInteger() ? size.getIntValueAsInt() : 0;
	for (int id = 1; id < n; id++) {
		oh o = x->q.getObjectByID(id, 0);
		if (!o.isStream())
			continue;
		oh dict = o.getDict();
		oh f = dict.getKey("/Filter");
		if (f.isArray() && f.getArrayNItems() == 1) {
			oh name = f.getArrayItem(0);
			if (name.isNameAndEquals("/FlateDecode"))
				dict.replaceKey("/Filter", name);
		}
	}
}

static void fin_document(struct fin *x)
{
	oh root = x->q.getRoot();
	fin_filters(x);
	x->pages = x->q.getAllPages();
	x->elem.resize(x->d->nelems + 1);
	x->elem_page.resize(x->d->nelems + 1);
	fin_structure(x, root);
	root.replaceKey("/Lang", fin_text(x->d->lang ? x->d->lang : "ja"));
	root.replaceKey("/ViewerPreferences", oh::parse("<< /DisplayDocTitle true >>"));
	fin_metadata(x, root);
}

/* Reads, completes and writes; the file's bytes in out. Throws what
 * qpdf throws, with *what the step it was in. */
static void fin_run(const void *pdf, size_t len, const struct finish *f, const char *path,
		    std::shared_ptr<Buffer> &out, const char **what)
{
	QPDF q;
	q.setSuppressWarnings(true);
	*what = "read what libharu wrote";
	q.processMemoryFile(path, (const char *)pdf, len);
	*what = "build the structure tree";
	struct fin x = {q, f, f->d, {}, {}, {}};
	fin_document(&x);
	*what = "write the file";
	QPDFWriter w(q);
	w.setOutputMemory();
	w.setObjectStreamMode(qpdf_o_generate);
	w.setDecodeLevel(qpdf_dl_none);
	w.setCompressStreams(true);
	w.setDeterministicID(true);
	w.forcePDFVersion("1.7");
	w.write();
	out = w.getBufferSharedPointer();
}

int finish_write(const void *pdf, size_t len, const struct finish *f, const char *path,
		 char *why, size_t whylen)
{
	std::shared_ptr<Buffer> out;
	const char *what = "start";
	try {
		fin_run(pdf, len, f, path, out, &what);
	} catch (const std::exception &e) {
		snprintf(why, whylen, "qpdf cannot %s: %s", what, e.what());
		return -1;
	} catch (...) {
		snprintf(why, whylen, "qpdf cannot %s", what);
		return -1;
	}
	/* written here, not by qpdf: its stdio loses an error of the last
	 * flush (a full disk left half a PDF, exit 0) */
	if (fs_write(path, (const char *)out->getBuffer(), out->getSize()) < 0) {
		snprintf(why, whylen, "%s", fs_strerror(errno));
		return -1;
	}
	return 0;
}
