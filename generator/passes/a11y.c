/* a11y: what makes a page hard to use without sight or a mouse, found
 * in the tree both outputs are made from, so the site and the PDFs get
 * the same warnings (WCAG 2.1: 1.1.1 text alternatives, 1.3.1 info and
 * relationships, 2.4.4 link purpose). Each is a warning at the node;
 * `check --strict` makes warnings fail the run. A page without a title
 * is reported by organize, which gives it one. */
#include "a11y.h"

#include <string.h>

#include "../base/buf.h"
#include "../base/diag.h"
#include "../base/pool.h"
#include "../model/doc.h"
#include "../model/site.h"

/* Link texts that say nothing without the sentence around them, after
 * a11y_fold (blanks out, ASCII lower case, closing punctuation off). */
static const char *const a11y_vague[] = {
	"こちら", "ここ", "こちらから", "ここから", "こちらをクリック", "ここをクリック",
	"こちらをクリックしてください", "ここをクリックしてください", "詳しくはこちら",
	"詳細はこちら", "詳細", "リンク", "このリンク", "click here", "click", "here",
	"this", "this link", "link", "more", "read more", "more info", "learn more",
};

/* The text of n folded for comparison: no blanks at the ends, runs of
 * blanks as one space, ASCII lower-cased, without a trailing 。．.!！. */
static void a11y_fold(const struct doc_node *n, struct buf *out)
{
	struct buf t = {0};
	doc_text(n, &t);
	for (size_t i = 0; i < t.n; i++) {
		unsigned char c = (unsigned char)t.p[i];
		if (c == ' ' || c == '\t' || c == '\n') {
			if (out->n && out->p[out->n - 1] != ' ')
				buf_addc(out, ' ');
			continue;
		}
		buf_addc(out, c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : (char)c);
	}
	buf_free(&t);
	for (;;) {
		static const char *const tails[] = {" ", ".", "!", "。", "．", "！", "…", ">", "»", "→"};
		size_t k, cut = 0;
		for (k = 0; k < sizeof tails / sizeof *tails && !cut; k++) {
			size_t l = strlen(tails[k]);
			if (out->n >= l && memcmp(out->p + out->n - l, tails[k], l) == 0)
				cut = l;
		}
		if (!cut)
			break;
		out->n -= cut;
	}
	buf_addc(out, '\0');
	out->n--;
}

static int a11y_is_vague(const char *s)
{
	for (size_t i = 0; i < sizeof a11y_vague / sizeof *a11y_vague; i++)
		if (strcmp(s, a11y_vague[i]) == 0)
			return 1;
	return 0;
}

static int a11y_line(const struct doc_node *n)
{
	return n->line ? (int)n->line : 1;
}

static int a11y_col(const struct doc_node *n)
{
	return n->col ? n->col : 1;
}

static void a11y_image(const char *file, const struct doc_node *n)
{
	struct buf t = {0};
	a11y_fold(n, &t);
	if (t.n == 0)
		diag_warning(file, a11y_line(n), a11y_col(n),
			     "image without a description: %s (write what it shows: ![description](%s))",
			     n->u.link.url, n->u.link.url);
	buf_free(&t);
}

static void a11y_link(const char *file, const struct doc_node *n)
{
	struct buf t = {0};
	a11y_fold(n, &t);
	if (t.n && a11y_is_vague(t.p))
		diag_warning(file, a11y_line(n), a11y_col(n),
			     "link text '%s' says nothing on its own: name where it leads (a screen reader lists links without the sentence around them)",
			     t.p);
	buf_free(&t);
}

/* A GFM table always has a first row; a header row of empty cells is
 * no header. */
static void a11y_table(const char *file, const struct doc_node *n)
{
	const struct doc_node *row = n->first;
	int named = 0;
	if (row && (row->flags & DOC_F_HEADER))
		for (const struct doc_node *c = row->first; c && !named; c = c->next) {
			struct buf t = {0};
			a11y_fold(c, &t);
			named = t.n > 0 || (c->first && c->first->type == DOC_IMAGE);
			buf_free(&t);
		}
	if (!named)
		diag_warning(file, a11y_line(n), a11y_col(n),
			     "table without a header row: name its columns in the first row, above the |---| line");
}

void a11y_doc(const char *file, const struct doc *d)
{
	if (d == NULL || d->root == NULL)
		return;
	int level = 1;	/* the page's title is its level-1 heading */
	for (struct doc_node *n = d->root->first; n; n = doc_walk_next(n, d->root)) {
		switch (n->type) {
		case DOC_HEADING:
			if (n->u.heading.level > level + 1)
				diag_warning(file, a11y_line(n), a11y_col(n),
					     "heading level %d after level %d: a level is skipped (use %.*s)",
					     n->u.heading.level, level, level + 1, "######");
			level = n->u.heading.level;
			break;
		case DOC_IMAGE:
			a11y_image(file, n);
			break;
		case DOC_LINK:
			a11y_link(file, n);
			break;
		case DOC_TABLE:
			a11y_table(file, n);
			break;
		default:
			break;
		}
	}
}

static void a11y_one(size_t i, int worker, void *ctx)
{
	(void)worker;
	const struct site *s = ctx;
	if (!s->pages[i]->early)
		a11y_doc(s->pages[i]->file, s->pages[i]->doc);
}

/* Each page alone, in parallel: diagnostics are sorted when printed. */
void a11y_site(const struct site *s)
{
	pool_run(s->jobs, s->npages, a11y_one, (void *)s);
}
