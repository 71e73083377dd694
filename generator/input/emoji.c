/* emoji: shortcodes as GitHub, Zenn, Qiita and markdown-it-emoji
 * (VitePress) read them, from gemoji's list (emoji_table.h, generated
 * by tools/emoji/gen.mjs). */
#include "emoji.h"

#include <string.h>

#include "../base/buf.h"
#include "../model/doc.h"

struct emoji_row {
	const char *name, *emoji;
};

#include "emoji_table.h"

const char *emoji_lookup(const char *name, size_t n)
{
	size_t lo = 0, hi = EMOJI_COUNT;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strncmp(emoji_rows[mid].name, name, n);
		if (c == 0 && emoji_rows[mid].name[n] != '\0')
			c = 1;	/* longer than name: after it */
		if (c == 0)
			return emoji_rows[mid].emoji;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int emoji_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '+' ||
	       c == '-';
}

/* The text of n with every known :name: replaced, if any was. */
static void emoji_text(struct doc *d, struct doc_node *n)
{
	const char *s = n->u.text.s, *end = s + n->u.text.len, *done = s;
	struct buf b = {0};
	for (const char *p = memchr(s, ':', n->u.text.len); p;
	     p = memchr(p, ':', (size_t)(end - p))) {
		const char *q = p + 1;
		while (q < end && emoji_name_char(*q))
			q++;
		const char *e = q < end && *q == ':' && q > p + 1 ? emoji_lookup(p + 1, (size_t)(q - p - 1)) : NULL;
		if (e == NULL) {
			p = q;	/* a colon there may open the next name */
			if (p >= end)
				break;
			continue;
		}
		buf_add(&b, done, (size_t)(p - done));
		buf_adds(&b, e);
		done = p = q + 1;
		if (p >= end)
			break;
	}
	if (b.p) {
		buf_add(&b, done, (size_t)(end - done));
		n->u.text.s = arena_strndup(&d->arena, b.p, b.n);
		n->u.text.len = b.n;
	}
	buf_free(&b);
}

static void emoji_walk(struct doc *d, struct doc_node *root)
{
	for (struct doc_node *n = root; n; n = doc_walk_next(n, root)) {
		if (n->type == DOC_TEXT && memchr(n->u.text.s, ':', n->u.text.len))
			emoji_text(d, n);
		else if (n->type == DOC_CALLOUT && n->u.div.title)
			emoji_walk(d, n->u.div.title);
	}
}

void emoji_tree(struct doc *d, struct doc_node *root)
{
	emoji_walk(d, root);
}
