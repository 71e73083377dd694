/* luadoc: the document tree as Lua elements and back; the element
 * model is described in docs/lua.md. One flat switch each way. */
#include "luadoc.h"

#include <lauxlib.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/arena.h"
#include "../base/buf.h"
#include "../base/utf8.h"
#include "../input/rawhtml.h"
#include "../model/doc.h"

#define LD_MAXDEPTH 200
#define LD_MAXTOKENS 32		/* words of a code block's info string */

const char *const ld_names[LD__COUNT] = {
	"Str", "Space", "SoftBreak", "LineBreak", "Emph", "Strong", "Strikeout",
	"Code", "Link", "Image", "RawInline", "Note", "Span", "Ruby", "Para", "Plain",
	"Header", "BlockQuote", "BulletList", "OrderedList", "CodeBlock", "RawBlock",
	"HorizontalRule", "Table", "Div", "Callout", "DefinitionList", "Inline", "Block",
	"Inlines", "Blocks", "Meta", "Pandoc"};

/* ☐ and ☒: a task list item, as Pandoc shows one */
static const char ld_box[] = "\xe2\x98\x90", ld_checked[] = "\xe2\x98\x92";

int ld_error(struct ld *c, const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (c->file == NULL)
		return luaL_error(c->L, "%s: %s", c->what, msg);
	lua_pushfstring(c->L, "%s:%d: %s: %s", c->file, c->line, c->what, msg);
	return lua_error(c->L);
}

/* Text a filter hands back goes into the HTML, the search index and
 * the PDFs as it is: it must be UTF-8 without NUL, as a page is. */
static void ld_utf8(struct ld *c, const char *what, const char *s, size_t n)
{
	size_t bad = utf8_check(s, n);
	const char *nul = memchr(s, '\0', bad);
	if (nul)
		ld_error(c, "%s has a NUL byte (\\0)", what);
	if (bad < n)
		ld_error(c, "%s is not UTF-8 text (byte 0x%02X)", what, (unsigned char)s[bad]);
}

int ld_is_inline(enum ld_el e)
{
	return e <= LD_RUBY;
}

static int ld_tight(const struct doc_node *n)
{
	const struct doc_node *item = n->parent;
	return item && item->type == DOC_ITEM && item->parent &&
	       (item->parent->flags & DOC_F_TIGHT);
}

enum ld_el ld_el_of(const struct doc_node *n)
{
	switch ((enum doc_type)n->type) {
	case DOC_PARAGRAPH: return ld_tight(n) ? LD_PLAIN : LD_PARA;
	case DOC_HEADING: return LD_HEADER;
	case DOC_BLOCKQUOTE: return LD_BLOCKQUOTE;
	case DOC_LIST: return n->flags & DOC_F_ORDERED ? LD_ORDEREDLIST : LD_BULLETLIST;
	case DOC_CODEBLOCK: return LD_CODEBLOCK;
	case DOC_HTMLBLOCK: return LD_RAWBLOCK;
	case DOC_THEMATIC: return LD_HR;
	case DOC_TABLE: return LD_TABLE;
	case DOC_DIV: return LD_DIV;
	case DOC_CALLOUT: return LD_CALLOUT;
	case DOC_TEXT: return LD_STR;
	case DOC_SOFTBREAK: return n->flags & DOC_F_JOIN ? LD_NONE : LD_SOFTBREAK;
	case DOC_LINEBREAK: return LD_LINEBREAK;
	case DOC_CODE: return LD_CODE;
	case DOC_HTMLINLINE: return LD_RAWINLINE;
	case DOC_EMPH: return LD_EMPH;
	case DOC_STRONG: return LD_STRONG;
	case DOC_STRIKE: return LD_STRIKEOUT;
	case DOC_LINK: return LD_LINK;
	case DOC_IMAGE: return LD_IMAGE;
	case DOC_NOTE: return LD_NOTE;
	case DOC_SPAN: return LD_SPAN;
	case DOC_RUBY: return LD_RUBY;
	case DOC_DEFLIST: return LD_DEFLIST;
	case DOC_DOCUMENT:
	case DOC_ITEM:
	case DOC_TERM:
	case DOC_DEFINITION:
	case DOC_TABLE_ROW:
	case DOC_TABLE_CELL:
	case DOC__COUNT:
		break;
	}
	return LD_NONE;
}

int ld_in_run(const struct doc_node *n)
{
	return n->type == DOC_TEXT || (n->type == DOC_SOFTBREAK && (n->flags & DOC_F_JOIN));
}

struct doc_node *ld_run_end(struct doc_node *n, struct doc_node **last)
{
	*last = n;
	for (n = n->next; n && ld_in_run(n); n = n->next)
		*last = n;
	return n;
}

int ld_holds_inlines(const struct doc_node *n)
{
	return doc_holds_inlines(n);
}

int ld_holds_blocks(const struct doc_node *n)
{
	return doc_holds_blocks(n);
}

/* ---- doc → Lua ---------------------------------------------------- */

/* A new element table with its tag; fields are set before ld_done
 * gives it its metatable, so plain lua_setfield never meets __newindex. */
static void ld_new(struct ld *c, const char *tag, int nfields)
{
	lua_createtable(c->L, 0, nfields + 1);
	lua_pushstring(c->L, tag);
	lua_setfield(c->L, -2, "t");
}

/* Gives the element on top its metatable and remembers its node, so
 * reading it back keeps the node's position, link target and info. */
static void ld_done(struct ld *c, const struct doc_node *n)
{
	lua_State *L = c->L;
	lua_pushvalue(L, c->mt_el);
	lua_setmetatable(L, -2);
	if (n && c->pos) {
		lua_pushvalue(L, -1);
		lua_pushlightuserdata(L, (void *)n);
		lua_rawset(L, c->pos);
	}
}

static void ld_new_list(struct ld *c, int n)
{
	lua_createtable(c->L, n, 0);
	lua_pushvalue(c->L, c->mt_list);
	lua_setmetatable(c->L, -2);
}

static void ld_set(lua_State *L, const char *k, const char *s, size_t n)
{
	lua_pushlstring(L, s, n);
	lua_setfield(L, -2, k);
}

static void ld_sets(lua_State *L, const char *k, const char *s)
{
	lua_pushstring(L, s ? s : "");
	lua_setfield(L, -2, k);
}

static void ld_append(lua_State *L, int list)
{
	lua_rawseti(L, list, (lua_Integer)lua_rawlen(L, list) + 1);
}

/* Attr: pushes {identifier, classes = {}, attributes = {}}. */
static void ld_attr_begin(struct ld *c, const char *id, size_t idn)
{
	lua_State *L = c->L;
	lua_createtable(L, 0, 3);
	ld_set(L, "identifier", id, idn);
	ld_new_list(c, 0);
	lua_setfield(L, -2, "classes");
	lua_newtable(L);
	lua_pushvalue(L, c->mt_attrs);
	lua_setmetatable(L, -2);
	lua_setfield(L, -2, "attributes");
}

static void ld_attr_class(struct ld *c, const char *s, size_t n)
{
	lua_State *L = c->L;
	lua_getfield(L, -1, "classes");
	lua_pushlstring(L, s, n);
	ld_append(L, lua_gettop(L) - 1);
	lua_pop(L, 1);
}

static void ld_attr_pair(struct ld *c, const char *k, size_t kn, const char *v,
			 size_t vn, const struct doc_attr *origin)
{
	lua_State *L = c->L;
	lua_getfield(L, -1, "attributes");
	lua_createtable(L, 2, 0);
	lua_pushlstring(L, k, kn);
	lua_rawseti(L, -2, 1);
	lua_pushlstring(L, v, vn);
	lua_rawseti(L, -2, 2);
	if (origin && c->pos) {	/* keeps the attribute's column for diagnostics */
		lua_pushvalue(L, -1);
		lua_pushlightuserdata(L, (void *)origin);
		lua_rawset(L, c->pos);
	}
	ld_append(L, lua_gettop(L) - 1);
	lua_pop(L, 1);
}

/* Sets the Attr on top as the attr of the element below it. */
static void ld_attr_end(struct ld *c)
{
	lua_pushvalue(c->L, c->mt_attr);
	lua_setmetatable(c->L, -2);
	lua_setfield(c->L, -2, "attr");
}

static void ld_empty_attr(struct ld *c)
{
	ld_attr_begin(c, "", 0);
	ld_attr_end(c);
}

/* A code block's info string: "lua title=x" or Pandoc's
 * "{.lua #id title="a b"}": words are classes, #word the identifier,
 * key=value attributes. */
struct ld_info {
	const char *id;
	size_t idn;
	int ncls, nkv;
	struct { const char *s; size_t n; } cls[LD_MAXTOKENS];
	struct { const char *k, *v; size_t kn, vn; } kv[LD_MAXTOKENS];
};

static const char *ld_info_token(const char *s, struct ld_info *p, int braces)
{
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0' || (braces && *s == '}'))
		return NULL;
	const char *t = s;
	while (*s && *s != ' ' && *s != '\t' && *s != '=' && !(braces && *s == '}'))
		s++;
	size_t n = (size_t)(s - t);
	if (*s == '=') {
		const char *v = ++s;
		size_t vn;
		if (*s == '"') {
			const char *e = strchr(++v, '"');
			vn = e ? (size_t)(e - v) : strlen(v);
			s = e ? e + 1 : v + vn;
		} else {
			while (*s && *s != ' ' && *s != '\t' && !(braces && *s == '}'))
				s++;
			vn = (size_t)(s - v);
		}
		if (p->nkv < LD_MAXTOKENS) {
			p->kv[p->nkv].k = t;
			p->kv[p->nkv].kn = n;
			p->kv[p->nkv].v = v;
			p->kv[p->nkv++].vn = vn;
		}
	} else if (n > 1 && t[0] == '#') {
		p->id = t + 1;
		p->idn = n - 1;
	} else if (n > 0 && p->ncls < LD_MAXTOKENS) {
		int dot = braces && t[0] == '.';
		p->cls[p->ncls].s = t + dot;
		p->cls[p->ncls++].n = n - (size_t)dot;
	}
	return s;
}

static void ld_info_parse(const char *info, struct ld_info *p)
{
	memset(p, 0, sizeof *p);
	p->id = "";
	int braces = info[0] == '{';
	for (const char *s = info + braces; s; s = ld_info_token(s, p, braces))
		;
}

static void ld_push_info(struct ld *c, const char *info)
{
	struct ld_info p;
	ld_info_parse(info ? info : "", &p);
	ld_attr_begin(c, p.id, p.idn);
	for (int i = 0; i < p.ncls; i++)
		ld_attr_class(c, p.cls[i].s, p.cls[i].n);
	for (int i = 0; i < p.nkv; i++)
		ld_attr_pair(c, p.kv[i].k, p.kv[i].kn, p.kv[i].v, p.kv[i].vn, NULL);
	ld_attr_end(c);
}

/* A div's classes are its kind ("only", "note", or what a filter set);
 * its identifier is the attribute id; the others keep their order. */
static void ld_push_div_attr(struct ld *c, const struct doc_node *n)
{
	const char *id = doc_attr(n, "id");
	ld_attr_begin(c, id ? id : "", id ? strlen(id) : 0);
	for (const char *k = n->u.div.kind; *k;) {
		size_t len = strcspn(k, " ");
		if (len)
			ld_attr_class(c, k, len);
		k += len + (k[len] == ' ');
	}
	for (const struct doc_attr *a = n->u.div.attrs; a; a = a->next)
		if (strcmp(a->key, "id") != 0)
			ld_attr_pair(c, a->key, strlen(a->key), a->value, strlen(a->value), a);
	ld_attr_end(c);
}

/* Pushes the `pieces` strings on top as one Str at the end of list. */
static void ld_flush_str(struct ld *c, int *pieces, int list, int raw)
{
	lua_State *L = c->L;
	if (*pieces == 0)
		return;
	lua_concat(L, *pieces);
	*pieces = 0;
	if (raw) {
		ld_append(L, list);
		return;
	}
	ld_new(c, "Str", 1);
	lua_insert(L, -2);
	lua_setfield(L, -2, "text");
	ld_done(c, NULL);
	ld_append(L, list);
}

const struct doc_node *ld_push_run(struct ld *c, const struct doc_node *n, int list,
				   int raw)
{
	lua_State *L = c->L;
	int pieces = 0;
	list = lua_absindex(L, list);
	for (; n && ld_in_run(n); n = n->next) {
		if (n->type != DOC_TEXT)
			continue;	/* a joined line break: nothing */
		const char *s = n->u.text.s, *e = s + n->u.text.len;
		while (s < e) {
			const char *sp = memchr(s, ' ', (size_t)(e - s));
			const char *end = sp ? sp : e;
			if (end > s) {
				luaL_checkstack(L, 4, "a very long text");
				lua_pushlstring(L, s, (size_t)(end - s));
				pieces++;
			}
			if (sp == NULL)
				break;
			ld_flush_str(c, &pieces, list, raw);
			if (raw) {
				lua_pushboolean(L, 0);
			} else {
				ld_new(c, "Space", 0);
				ld_done(c, NULL);
			}
			ld_append(L, list);
			s = sp + 1;
		}
	}
	ld_flush_str(c, &pieces, list, raw);
	return n;
}

void ld_push_token(struct ld *c, int idx)
{
	lua_State *L = c->L;
	idx = lua_absindex(L, idx);
	int str = lua_type(L, idx) == LUA_TSTRING;
	ld_new(c, str ? "Str" : "Space", 1);
	if (str) {
		lua_pushvalue(L, idx);
		lua_setfield(L, -2, "text");
	}
	ld_done(c, NULL);
}

void ld_push_inlines(struct ld *c, const struct doc_node *n)
{
	lua_State *L = c->L;
	ld_new_list(c, 0);
	int list = lua_gettop(L);
	while (n) {
		if (ld_in_run(n)) {
			n = ld_push_run(c, n, list, 0);
			continue;
		}
		ld_push_node(c, n);
		ld_append(L, list);
		n = n->next;
	}
}

void ld_push_blocks(struct ld *c, const struct doc_node *n)
{
	lua_State *L = c->L;
	ld_new_list(c, 0);
	for (; n; n = n->next) {
		ld_push_node(c, n);
		ld_append(L, lua_gettop(L) - 1);
	}
}

/* Inserts the values on top (count of them) at the front of list. */
static void ld_prepend(lua_State *L, int list, int count)
{
	lua_Integer len = (lua_Integer)lua_rawlen(L, list);
	for (lua_Integer i = len; i >= 1; i--) {
		lua_rawgeti(L, list, i);
		lua_rawseti(L, list, i + count);
	}
	for (int k = count; k >= 1; k--)
		lua_rawseti(L, list, k);
}

/* A task item's box goes in front of its first paragraph's text. */
static void ld_push_box(struct ld *c, const struct doc_node *item, int blocks)
{
	lua_State *L = c->L;
	const char *box = item->flags & DOC_F_CHECKED ? ld_checked : ld_box;
	if (item->first && item->first->type == DOC_PARAGRAPH) {
		lua_rawgeti(L, blocks, 1);
		lua_getfield(L, -1, "content");
		int content = lua_gettop(L);
		ld_new(c, "Str", 1);
		ld_sets(L, "text", box);
		ld_done(c, NULL);
		ld_new(c, "Space", 0);
		ld_done(c, NULL);
		ld_prepend(L, content, 2);
		lua_pop(L, 2);
		return;
	}
	ld_new(c, "Plain", 1);
	ld_new_list(c, 1);
	ld_new(c, "Str", 1);
	ld_sets(L, "text", box);
	ld_done(c, NULL);
	lua_rawseti(L, -2, 1);
	lua_setfield(L, -2, "content");
	ld_done(c, NULL);
	ld_prepend(L, blocks, 1);
}

void ld_push_blocks_of(struct ld *c, const struct doc_node *n)
{
	ld_push_blocks(c, n->first);
	if (n->type == DOC_ITEM && (n->flags & DOC_F_TASK))
		ld_push_box(c, n, lua_gettop(c->L));
}

/* A heading's "{#id}" (a Str at the end) is its identifier, as in
 * Pandoc; tebiki's xref reads the same from the text. */
static void ld_heading_id(struct ld *c, const struct doc_node *n, int content)
{
	lua_State *L = c->L;
	const char *id = n->u.heading.id;
	if (id) {
		ld_attr_begin(c, id, strlen(id));
		return;
	}
	lua_Integer len = (lua_Integer)lua_rawlen(L, content);
	size_t tn = 0;
	const char *t = NULL;
	if (len > 0) {
		lua_rawgeti(L, content, len);
		lua_getfield(L, -1, "text");
		t = lua_tolstring(L, -1, &tn);
	}
	const char *brace = t && tn > 3 && t[tn - 1] == '}' ? strstr(t, "{#") : NULL;
	if (brace == NULL) {
		lua_settop(L, content);
		ld_attr_begin(c, "", 0);
		return;
	}
	lua_pushlstring(L, t, (size_t)(brace - t));
	lua_setfield(L, -3, "text");
	ld_attr_begin(c, brace + 2, tn - (size_t)(brace - t) - 3);
	lua_replace(L, content + 1);	/* the Attr, where the Str was */
	lua_settop(L, content + 1);
	/* an emptied Str goes, with the spaces before it */
	for (; len > 0; len--) {
		lua_rawgeti(L, content, len);
		lua_getfield(L, -1, "t");
		lua_getfield(L, -2, "text");
		int drop = !strcmp(lua_tostring(L, -2), "Space") ||
			   (lua_isstring(L, -1) && lua_rawlen(L, -1) == 0);
		lua_pop(L, 3);
		if (!drop)
			break;
		lua_pushnil(L);
		lua_rawseti(L, content, len);
	}
}

static void ld_push_header(struct ld *c, const struct doc_node *n)
{
	lua_State *L = c->L;
	ld_new(c, "Header", 3);
	lua_pushinteger(L, n->u.heading.level);
	lua_setfield(L, -2, "level");
	ld_push_inlines(c, n->first);
	ld_heading_id(c, n, lua_gettop(L));
	lua_insert(L, -2);
	lua_setfield(L, -3, "content");
	ld_attr_end(c);
}

static void ld_push_list(struct ld *c, const struct doc_node *n)
{
	lua_State *L = c->L;
	int ordered = n->flags & DOC_F_ORDERED;
	ld_new(c, ordered ? "OrderedList" : "BulletList", 4);
	ld_new_list(c, 0);
	for (const struct doc_node *item = n->first; item; item = item->next) {
		ld_push_blocks_of(c, item);
		ld_append(L, lua_gettop(L) - 1);
	}
	lua_setfield(L, -2, "content");
	if (!ordered)
		return;
	lua_pushinteger(L, n->u.list.start);
	lua_setfield(L, -2, "start");
	ld_sets(L, "style", "Decimal");
	ld_sets(L, "delimiter", n->u.list.delim == ')' ? "OneParen" : "Period");
}

static void ld_push_table(struct ld *c, const struct doc_node *n)
{
	lua_State *L = c->L;
	static const char *aligns[] = {"AlignDefault", "AlignLeft", "AlignCenter", "AlignRight"};
	ld_new(c, "Table", 3);
	ld_new_list(c, 0);	/* head */
	ld_new_list(c, 0);	/* rows */
	int head = lua_gettop(L) - 1, rows = head + 1, have_head = 0;
	for (const struct doc_node *row = n->first; row; row = row->next) {
		int is_head = (row->flags & DOC_F_HEADER) && !have_head;
		if (!is_head)
			ld_new_list(c, 0);
		for (const struct doc_node *cell = row->first; cell; cell = cell->next) {
			ld_push_inlines(c, cell->first);
			ld_append(L, is_head ? head : lua_gettop(L) - 1);
		}
		if (!is_head)
			ld_append(L, rows);
		have_head |= is_head;
	}
	lua_setfield(L, -3, "rows");
	lua_setfield(L, -2, "head");
	ld_new_list(c, n->u.table.ncols);
	for (int i = 0; i < n->u.table.ncols; i++) {
		lua_pushstring(L, aligns[n->u.table.align[i] & 3]);
		lua_rawseti(L, -2, i + 1);
	}
	lua_setfield(L, -2, "aligns");
}

static void ld_push_div(struct ld *c, const struct doc_node *n)
{
	lua_State *L = c->L;
	ld_new(c, n->type == DOC_CALLOUT ? "Callout" : "Div", 3);
	ld_push_blocks(c, n->first);
	lua_setfield(L, -2, "content");
	ld_push_div_attr(c, n);
	if (n->u.div.title) {
		struct buf b = {0};
		doc_text(n->u.div.title, &b);
		ld_set(L, "title", b.p ? b.p : "", b.n);
		buf_free(&b);
	}
}

/* The attributes of a node (but title) as an Attr: id is its identifier. */
static void ld_push_node_attr(struct ld *c, const struct doc_attr *a, const char *cls)
{
	const char *id = "";
	for (const struct doc_attr *k = a; k; k = k->next)
		if (strcmp(k->key, "id") == 0)
			id = k->value;
	ld_attr_begin(c, id, strlen(id));
	if (cls)
		ld_attr_class(c, cls, strlen(cls));
	for (; a; a = a->next)
		if (strcmp(a->key, "id") && strcmp(a->key, "title"))
			ld_attr_pair(c, a->key, strlen(a->key), a->value, strlen(a->value), a);
	ld_attr_end(c);
}

static void ld_push_span(struct ld *c, const struct doc_node *n)
{
	lua_State *L = c->L;
	ld_new(c, "Span", 2);
	ld_push_inlines(c, n->first);
	lua_setfield(L, -2, "content");
	ld_push_node_attr(c, n->u.div.attrs, n->u.div.kind);
	const char *title = doc_attr(n, "title");
	if (title)
		ld_sets(L, "title", title);
}

static void ld_push_ruby(struct ld *c, const struct doc_node *n)
{
	ld_new(c, "Ruby", 2);
	ld_push_inlines(c, n->first);
	lua_setfield(c->L, -2, "content");
	ld_sets(c->L, "reading", n->u.ruby.rt);
}

/* Pandoc's shape: content = {{term inlines, {definition blocks, …}}, …}. */
static void ld_push_deflist(struct ld *c, const struct doc_node *n)
{
	lua_State *L = c->L;
	ld_new(c, "DefinitionList", 1);
	ld_new_list(c, 0);
	int items = lua_gettop(L);
	for (const struct doc_node *k = n->first; k;) {
		lua_createtable(L, 2, 0);
		if (k->type == DOC_TERM) {
			ld_push_inlines(c, k->first);
			k = k->next;
		} else {
			ld_new_list(c, 0);
		}
		lua_rawseti(L, -2, 1);
		ld_new_list(c, 0);
		for (; k && k->type == DOC_DEFINITION; k = k->next) {
			ld_push_blocks(c, k->first);
			ld_append(L, lua_gettop(L) - 1);
		}
		lua_rawseti(L, -2, 2);
		ld_append(L, items);
	}
	lua_setfield(L, -2, "content");
}

static void ld_push_link(struct ld *c, const struct doc_node *n, int image)
{
	lua_State *L = c->L;
	ld_new(c, image ? "Image" : "Link", 4);
	ld_push_inlines(c, n->first);
	lua_setfield(L, -2, image ? "caption" : "content");
	ld_sets(L, image ? "src" : "target", n->u.link.url);
	const char *title = doc_attr(n, "title");
	ld_sets(L, "title", title);
	ld_push_node_attr(c, n->u.link.attrs, NULL);
}

static void ld_push_text(struct ld *c, const char *tag, const struct doc_node *n,
			 const char *format)
{
	ld_new(c, tag, 2);
	ld_set(c->L, "text", n->u.text.s, n->u.text.len);
	if (format)
		ld_sets(c->L, "format", format);
}

static void ld_push_content(struct ld *c, const char *tag, const struct doc_node *n,
			    int inlines)
{
	ld_new(c, tag, 1);
	if (inlines)
		ld_push_inlines(c, n->first);
	else
		ld_push_blocks(c, n->first);
	lua_setfield(c->L, -2, "content");
}

void ld_push_node(struct ld *c, const struct doc_node *n)
{
	lua_State *L = c->L;
	luaL_checkstack(L, 12, "elements nested too deep");
	if (++c->depth > LD_MAXDEPTH)
		ld_error(c, "the document is nested more than %d deep", LD_MAXDEPTH);
	int element = 1;
	switch ((enum doc_type)n->type) {
	case DOC_PARAGRAPH: ld_push_content(c, ld_tight(n) ? "Plain" : "Para", n, 1); break;
	case DOC_HEADING: ld_push_header(c, n); break;
	case DOC_BLOCKQUOTE: ld_push_content(c, "BlockQuote", n, 0); break;
	case DOC_LIST: ld_push_list(c, n); break;
	case DOC_CODEBLOCK:
		ld_push_text(c, "CodeBlock", n, NULL);
		ld_push_info(c, n->u.text.info);
		break;
	case DOC_HTMLBLOCK: ld_push_text(c, "RawBlock", n, "html"); break;
	case DOC_THEMATIC: ld_new(c, "HorizontalRule", 0); break;
	case DOC_TABLE: ld_push_table(c, n); break;
	case DOC_DIV: case DOC_CALLOUT: ld_push_div(c, n); break;
	case DOC_TEXT: ld_push_text(c, "Str", n, NULL); break;
	case DOC_SOFTBREAK: ld_new(c, "SoftBreak", 0); break;
	case DOC_LINEBREAK: ld_new(c, "LineBreak", 0); break;
	case DOC_CODE:
		ld_push_text(c, "Code", n, NULL);
		ld_empty_attr(c);
		break;
	case DOC_HTMLINLINE: ld_push_text(c, "RawInline", n, "html"); break;
	case DOC_EMPH: ld_push_content(c, "Emph", n, 1); break;
	case DOC_STRONG: ld_push_content(c, "Strong", n, 1); break;
	case DOC_STRIKE: ld_push_content(c, "Strikeout", n, 1); break;
	case DOC_LINK: ld_push_link(c, n, 0); break;
	case DOC_IMAGE: ld_push_link(c, n, 1); break;
	case DOC_NOTE: ld_push_content(c, "Note", n, 0); break;
	case DOC_SPAN: ld_push_span(c, n); break;
	case DOC_RUBY: ld_push_ruby(c, n); break;
	case DOC_DEFLIST: ld_push_deflist(c, n); break;
	case DOC_DOCUMENT:	/* meta: the caller's */
		ld_new(c, "Pandoc", 2);
		ld_push_blocks(c, n->first);
		lua_setfield(L, -2, "blocks");
		break;
	/* not elements: their content */
	case DOC_ITEM: ld_push_blocks_of(c, n); element = 0; break;
	case DOC_TABLE_CELL: case DOC_TERM: ld_push_inlines(c, n->first); element = 0; break;
	case DOC_DEFINITION: ld_push_blocks(c, n->first); element = 0; break;
	case DOC_TABLE_ROW: case DOC__COUNT: lua_pushnil(L); element = 0; break;
	}
	if (element)
		ld_done(c, n);
	c->depth--;
}

/* ---- Lua → doc ---------------------------------------------------- */

static void ld_chain_add(struct ld_chain *ch, struct doc_node *n)
{
	n->next = NULL;
	if (ch->last)
		ch->last->next = n;
	else
		ch->first = n;
	ch->last = n;
}

static void ld_task(struct doc_node *item);

void ld_adopt(struct doc_node *n, struct ld_chain *ch)
{
	n->first = ch->first;
	for (struct doc_node *k = ch->first; k; k = k->next)
		k->parent = n;
	if (n->type == DOC_ITEM)
		ld_task(n);
}

static struct doc_node *ld_node(struct ld *c, enum doc_type t)
{
	return doc_node_new(c->doc, t, (int)c->at->line, c->at->col);
}

/* The field k of the table at idx, raw, pushed. */
static int ld_get(lua_State *L, int idx, const char *k)
{
	idx = lua_absindex(L, idx);
	lua_pushstring(L, k);
	return lua_rawget(L, idx);
}

/* The element's tag (t, or tag as some Pandoc code writes), or NULL. */
static const char *ld_tag(lua_State *L, int idx)
{
	idx = lua_absindex(L, idx);
	if (lua_type(L, idx) != LUA_TTABLE)
		return NULL;
	if (ld_get(L, idx, "t") != LUA_TSTRING) {
		lua_pop(L, 1);
		ld_get(L, idx, "tag");
	}
	const char *t = lua_tostring(L, -1);	/* kept alive by the table */
	lua_pop(L, 1);
	return t;
}

static enum ld_el ld_el_named(const char *t)
{
	for (int e = 0; e < LD_INLINE; e++)
		if (strcmp(ld_names[e], t) == 0)
			return (enum ld_el)e;
	return LD_NONE;
}

/* A string field (text, target …) copied into the arena; keep, if the
 * same as it, is reused instead. required: error if missing. */
static const char *ld_string(struct ld *c, int idx, const char *k, const char *keep,
			     int required, size_t *len)
{
	lua_State *L = c->L;
	int t = ld_get(L, idx, k);
	if (t == LUA_TNIL && !required) {
		lua_pop(L, 1);
		*len = 0;
		return "";
	}
	if (t != LUA_TSTRING && t != LUA_TNUMBER)
		ld_error(c, "%s must be text, not %s", k, lua_typename(L, t));
	size_t n;
	const char *s = t == LUA_TNUMBER ? luaL_tolstring(L, -1, &n) : lua_tolstring(L, -1, &n);
	ld_utf8(c, k, s, n);
	const char *r = keep && strlen(keep) == n && memcmp(keep, s, n) == 0
			? keep : arena_strndup(&c->doc->arena, s, n);
	lua_settop(L, lua_gettop(L) - (t == LUA_TNUMBER ? 2 : 1));
	*len = n;
	return r;
}

static const char *ld_str(struct ld *c, int idx, const char *k, const char *keep, int required)
{
	size_t n;
	return ld_string(c, idx, k, keep, required, &n);
}

/* How long the text of a Str, a Space or a string is; -1 if not text. */
static long ld_text_len(lua_State *L, int idx)
{
	int t = lua_type(L, idx);
	if (t == LUA_TSTRING)
		return (long)lua_rawlen(L, idx);
	if (t == LUA_TBOOLEAN)
		return lua_toboolean(L, idx) ? -1 : 1;	/* false: a raw Space */
	const char *tag = ld_tag(L, idx);
	if (tag == NULL)
		return -1;
	if (strcmp(tag, "Space") == 0)
		return 1;
	if (strcmp(tag, "Str") != 0)
		return -1;
	long n = ld_get(L, idx, "text") == LUA_TSTRING ? (long)lua_rawlen(L, -1) : -2;
	lua_pop(L, 1);
	return n;
}

static void ld_copy_text(lua_State *L, int idx, char *to, size_t *at)
{
	if (lua_type(L, idx) == LUA_TBOOLEAN) {
		to[(*at)++] = ' ';
		return;
	}
	if (lua_type(L, idx) == LUA_TSTRING) {
		size_t n;
		const char *s = lua_tolstring(L, idx, &n);
		memcpy(to + *at, s, n);
		*at += n;
		return;
	}
	if (ld_get(L, idx, "text") == LUA_TSTRING) {
		size_t n;
		const char *s = lua_tolstring(L, -1, &n);
		memcpy(to + *at, s, n);
		*at += n;
	} else {
		to[(*at)++] = ' ';	/* a Space */
	}
	lua_pop(L, 1);
}

void ld_take_text(struct ld *c, int idx, lua_Integer from, lua_Integer to,
		  struct ld_chain *out)
{
	lua_State *L = c->L;
	size_t total = 0;
	for (lua_Integer i = from; i <= to; i++) {
		lua_rawgeti(L, idx, i);
		long n = ld_text_len(L, -1);
		lua_pop(L, 1);
		if (n < 0)
			ld_error(c, "Str.text must be text");
		total += (size_t)n;
	}
	if (total == 0)
		return;
	char *s = arena_alloc(&c->doc->arena, total + 1);
	size_t at = 0;
	for (lua_Integer i = from; i <= to; i++) {
		lua_rawgeti(L, idx, i);
		ld_copy_text(L, lua_gettop(L), s, &at);
		lua_pop(L, 1);
	}
	ld_utf8(c, "Str.text", s, total);
	struct doc_node *n = ld_node(c, DOC_TEXT);
	n->u.text.s = s;
	n->u.text.len = total;
	ld_chain_add(out, n);
}

void ld_merge_texts(struct ld *c, struct ld_chain *ch)
{
	for (struct doc_node *n = ch->first; n; n = n->next) {
		if (n->type != DOC_TEXT || !n->next || n->next->type != DOC_TEXT)
			continue;
		size_t total = 0;
		struct doc_node *e = n;
		for (; e && e->type == DOC_TEXT; e = e->next)
			total += e->u.text.len;
		char *s = arena_alloc(&c->doc->arena, total + 1);
		size_t at = 0;
		for (struct doc_node *k = n; k != e; k = k->next) {
			memcpy(s + at, k->u.text.s, k->u.text.len);
			at += k->u.text.len;
		}
		n->u.text.s = s;
		n->u.text.len = total;
		n->next = e;
		if (e == NULL)
			ch->last = n;
	}
}

static void ld_take_el(struct ld *c, int idx, int inlines, struct ld_chain *out);

/* The children of nd from the field k of the element at idx. */
static void ld_children(struct ld *c, struct doc_node *nd, int idx, const char *k, int inlines)
{
	struct ld_chain ch = {0};
	ld_get(c->L, idx, k);
	ld_take(c, lua_gettop(c->L), inlines, &ch);
	lua_pop(c->L, 1);
	ld_adopt(nd, &ch);
}

void ld_take(struct ld *c, int idx, int inlines, struct ld_chain *out)
{
	lua_State *L = c->L;
	idx = lua_absindex(L, idx);
	int t = lua_type(L, idx);
	if (t == LUA_TNIL)
		return;
	if ((t == LUA_TSTRING || t == LUA_TNUMBER) && inlines) {
		lua_createtable(L, 1, 0);
		lua_pushvalue(L, idx);
		lua_rawseti(L, -2, 1);
		ld_take_text(c, lua_gettop(L), 1, 1, out);
		lua_pop(L, 1);
		return;
	}
	if (t != LUA_TTABLE)
		ld_error(c, "%s where %s", t == LUA_TSTRING ? "text" : lua_typename(L, t),
			 inlines ? "inlines go" : "blocks go (make them with tebiki.Para or tebiki.read)");
	if (ld_tag(L, idx)) {
		ld_take_el(c, idx, inlines, out);
		return;
	}
	lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
	for (lua_Integer i = 1; i <= n;) {
		lua_rawgeti(L, idx, i);
		if (inlines && ld_text_len(L, -1) >= 0) {
			lua_Integer j = i + 1;
			for (; j <= n; j++) {
				lua_rawgeti(L, idx, j);
				long tl = ld_text_len(L, -1);
				lua_pop(L, 1);
				if (tl < 0)
					break;
			}
			lua_pop(L, 1);
			ld_take_text(c, idx, i, j - 1, out);
			i = j;
			continue;
		}
		if (ld_tag(L, -1) == NULL)
			ld_error(c, "item %lld of a list is %s, not an element", (long long)i,
				 lua_type(L, -1) == LUA_TTABLE ? "a list" : luaL_typename(L, -1));
		ld_take_el(c, lua_gettop(L), inlines, out);
		lua_pop(L, 1);
		i++;
	}
}

/* The table holding identifier, classes and attributes: el.attr, or
 * the element itself when a script wrote them there directly. */
static int ld_attr_of(lua_State *L, int idx)
{
	if (ld_get(L, idx, "attr") != LUA_TTABLE) {
		lua_pop(L, 1);
		lua_pushvalue(L, idx);
	}
	return lua_gettop(L);
}

static int ld_class_is(lua_State *L, int attr, int i, const char *s)
{
	int r = 0;
	if (ld_get(L, attr, "classes") == LUA_TTABLE && lua_rawgeti(L, -1, i) == LUA_TSTRING)
		r = s == NULL || strcmp(lua_tostring(L, -1), s) == 0;
	lua_settop(L, attr);
	return r;
}

/* classes joined by spaces, pushed */
static void ld_classes(struct ld *c, int attr)
{
	lua_State *L = c->L;
	luaL_Buffer b;
	int t = ld_get(L, attr, "classes");
	int cls = lua_gettop(L);
	luaL_buffinit(L, &b);
	if (t == LUA_TSTRING) {
		lua_pushvalue(L, cls);
		luaL_addvalue(&b);
	} else if (t == LUA_TTABLE) {
		for (lua_Integer i = 1; i <= (lua_Integer)lua_rawlen(L, cls); i++) {
			if (i > 1)
				luaL_addchar(&b, ' ');
			if (lua_rawgeti(L, cls, i) != LUA_TSTRING)
				ld_error(c, "classes must be text");
			luaL_addvalue(&b);
		}
	} else if (t != LUA_TNIL) {
		ld_error(c, "classes must be a list of text");
	}
	luaL_pushresult(&b);
	lua_remove(L, cls);
	size_t n;
	const char *s = lua_tolstring(L, -1, &n);
	ld_utf8(c, "classes", s, n);
}

static int ld_keycmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

typedef void ld_attr_fn(struct ld *c, const char *k, const char *v,
			const struct doc_attr *origin, void *ctx);

/* One {key, value} pair of an attributes list, at the top. */
static void ld_pair(struct ld *c, int pair, ld_attr_fn *fn, void *ctx)
{
	lua_State *L = c->L;
	if (lua_type(L, pair) != LUA_TTABLE)
		ld_error(c, "attributes must be {key, value} pairs");
	lua_rawgeti(L, pair, 1);
	lua_rawgeti(L, pair, 2);
	if (lua_type(L, -2) != LUA_TSTRING || !lua_isstring(L, -1))
		ld_error(c, "attributes must be {key, value} pairs of text");
	const struct doc_attr *origin = NULL;
	if (c->pos) {
		lua_pushvalue(L, pair);
		lua_rawget(L, c->pos);
		origin = lua_touserdata(L, -1);
		lua_pop(L, 1);
	}
	size_t kn, vn;
	const char *k = lua_tolstring(L, -2, &kn), *v = lua_tolstring(L, -1, &vn);
	ld_utf8(c, "an attribute's key", k, kn);
	ld_utf8(c, "an attribute's value", v, vn);
	fn(c, k, v, origin, ctx);
	lua_settop(L, pair - 1);
}

/* Calls fn for each attribute, in order: a list of {key, value} pairs
 * (what tebiki makes), or a table of key = value, sorted by key since
 * pairs() has no order and the output must not change between builds. */
static void ld_each_attr(struct ld *c, int attr, ld_attr_fn *fn, void *ctx)
{
	lua_State *L = c->L;
	int t = ld_get(L, attr, "attributes");
	int at = lua_gettop(L);
	if (t != LUA_TTABLE) {
		if (t != LUA_TNIL)
			ld_error(c, "attributes must be a table");
		lua_pop(L, 1);
		return;
	}
	lua_Integer n = (lua_Integer)lua_rawlen(L, at);
	for (lua_Integer i = 1; i <= n; i++) {
		lua_rawgeti(L, at, i);
		ld_pair(c, lua_gettop(L), fn, ctx);
	}
	size_t nk = 0;
	for (lua_pushnil(L); lua_next(L, at); lua_pop(L, 1))
		nk += lua_type(L, -2) == LUA_TSTRING;
	if (nk > 0) {
		const char **keys = arena_alloc(&c->doc->arena, nk * sizeof *keys);
		nk = 0;
		for (lua_pushnil(L); lua_next(L, at); lua_pop(L, 1))
			if (lua_type(L, -2) == LUA_TSTRING)
				keys[nk++] = lua_tostring(L, -2);	/* kept by the table */
		qsort(keys, nk, sizeof *keys, ld_keycmp);
		for (size_t i = 0; i < nk; i++) {
			lua_pushstring(L, keys[i]);
			lua_rawget(L, at);
			if (!lua_isstring(L, -1))
				ld_error(c, "attribute '%s' must be text", keys[i]);
			size_t vn;
			const char *v = lua_tolstring(L, -1, &vn);
			ld_utf8(c, "an attribute's key", keys[i], strlen(keys[i]));
			ld_utf8(c, "an attribute's value", v, vn);
			fn(c, keys[i], v, NULL, ctx);
			lua_pop(L, 1);
		}
	}
	lua_pop(L, 1);
}

/* The canonical info string of a code block from its Attr, pushed:
 * classes, then key=value ("python title=x", as fences are written);
 * with an identifier, Pandoc's braces ("{.python #id title=x}"). */
static void ld_info_add(struct ld *c, const char *k, const char *v,
			const struct doc_attr *origin, void *ctx)
{
	(void)origin;
	int quote = v[0] == '\0' || strpbrk(v, " \t}\"") != NULL;
	lua_pushfstring(c->L, quote ? " %s=\"%s\"" : " %s=%s", k, v);
	ld_append(c->L, *(int *)ctx);
}

static void ld_info_canon(struct ld *c, int attr)
{
	lua_State *L = c->L;
	lua_newtable(L);
	int parts = lua_gettop(L);
	int t = ld_get(L, attr, "identifier");
	int braces = t == LUA_TSTRING && lua_rawlen(L, -1) > 0;
	if (braces) {
		lua_pushfstring(L, "{#%s", lua_tostring(L, -1));
		ld_append(L, parts);
	} else if (t != LUA_TSTRING && t != LUA_TNIL) {
		ld_error(c, "identifier must be text");
	}
	lua_pop(L, 1);
	ld_classes(c, attr);
	for (const char *k = lua_tostring(L, -1); *k;) {
		size_t len = strcspn(k, " ");
		if (len) {
			lua_pushfstring(L, braces ? " .%s" : " %s", lua_pushlstring(L, k, len));
			lua_remove(L, -2);
			ld_append(L, parts);
		}
		k += len + (k[len] == ' ');
	}
	lua_pop(L, 1);
	ld_each_attr(c, attr, ld_info_add, &parts);
	if (braces) {
		lua_pushliteral(L, "}");
		ld_append(L, parts);
	}
	int n = (int)lua_rawlen(L, parts);
	luaL_checkstack(L, n + 1, "too many attributes");
	for (int i = 1; i <= n; i++)
		lua_rawgeti(L, parts, i);
	lua_concat(L, n);
	const char *s = lua_tostring(L, -1);
	if (s[0] == ' ')	/* nothing before the first class */
		lua_pushstring(L, s + 1);
	lua_replace(L, parts);
	lua_settop(L, parts);
}

/* The info string for the Attr of the element at idx. When it says
 * what the original node's info said, that string is kept exactly as
 * the author wrote it ("{.lua}" stays, not "lua"). */
static const char *ld_info(struct ld *c, int idx, const struct doc_node *orig)
{
	lua_State *L = c->L;
	int top = lua_gettop(L);
	ld_info_canon(c, ld_attr_of(L, idx));
	int canon = lua_gettop(L);
	const char *r = NULL;
	if (orig && orig->type == DOC_CODEBLOCK && orig->u.text.info) {
		lua_newtable(L);	/* a scratch element for the original's Attr */
		ld_push_info(c, orig->u.text.info);
		lua_getfield(L, -1, "attr");
		ld_info_canon(c, lua_gettop(L));
		if (lua_rawequal(L, canon, -1))
			r = orig->u.text.info;
	}
	if (r == NULL) {
		size_t n;
		const char *s = lua_tolstring(L, canon, &n);
		r = arena_strndup(&c->doc->arena, s, n);
	}
	lua_settop(L, top);
	return r;
}

struct ld_attrs {
	struct doc_attr *first, **tail;
};

static void ld_div_attr(struct ld *c, const char *k, const char *v,
			const struct doc_attr *origin, void *ctx)
{
	struct ld_attrs *as = ctx;
	struct doc_attr *a = arena_alloc(&c->doc->arena, sizeof *a);
	a->key = origin && strcmp(origin->key, k) == 0 ? origin->key : arena_strdup(&c->doc->arena, k);
	a->value = origin && strcmp(origin->value, v) == 0 ? origin->value
							  : arena_strdup(&c->doc->arena, v);
	a->line = origin ? origin->line : c->at->line;
	a->col = origin ? origin->col : c->at->col;
	*as->tail = a;
	as->tail = &a->next;
}

/* Div and Callout: a Div whose first class is a callout kind is a
 * callout, as ::: note is in Markdown. */
static int ld_item_has_para(lua_State *L, int item);

/* A title given as text: the original's (its inline Markdown kept)
 * when the text is the same, else a paragraph of that text. */
static struct doc_node *ld_title(struct ld *c, const char *t, const struct doc_node *orig)
{
	if (orig && (orig->type == DOC_DIV || orig->type == DOC_CALLOUT) && orig->u.div.title) {
		struct buf b = {0};
		doc_text(orig->u.div.title, &b);
		int same = strcmp(b.p ? b.p : "", t) == 0;
		buf_free(&b);
		if (same)
			return orig->u.div.title;
	}
	struct doc_node *p = ld_node(c, DOC_PARAGRAPH), *x = ld_node(c, DOC_TEXT);
	x->u.text.s = arena_strdup(&c->doc->arena, t);
	x->u.text.len = strlen(t);
	doc_append(p, x);
	return p;
}

static struct doc_node *ld_take_div(struct ld *c, int idx, enum ld_el e,
				    const struct doc_node *orig)
{
	lua_State *L = c->L;
	int attr = ld_attr_of(L, idx);
	char *kind;
	if (e == LD_CALLOUT) {
		if (!ld_class_is(L, attr, 1, NULL))
			ld_error(c, "a Callout needs its kind as its first class");
		ld_get(L, attr, "classes");
		lua_rawgeti(L, -1, 1);
		kind = arena_strdup(&c->doc->arena, lua_tostring(L, -1));
		lua_settop(L, attr);
		if (!doc_is_callout_kind(kind))
			ld_error(c, "'%s' is not a callout kind (note, tip, warning, point, exercise)", kind);
	} else {
		ld_classes(c, attr);
		kind = arena_strdup(&c->doc->arena, lua_tostring(L, -1));
		lua_pop(L, 1);
	}
	struct doc_node *nd = ld_node(c, doc_is_callout_kind(kind) ? DOC_CALLOUT : DOC_DIV);
	nd->u.div.kind = kind;
	struct ld_attrs as = {NULL, &as.first};
	size_t idn;
	const char *id = ld_string(c, attr, "identifier", NULL, 0, &idn);
	if (idn)
		ld_div_attr(c, "id", id, NULL, &as);
	ld_each_attr(c, attr, ld_div_attr, &as);
	nd->u.div.attrs = as.first;
	if (ld_get(L, idx, "title") == LUA_TSTRING) {
		size_t tn;
		const char *t = lua_tolstring(L, -1, &tn);
		ld_utf8(c, "title", t, tn);
		nd->u.div.title = ld_title(c, t, orig);
		nd->u.div.title->parent = nd;
	}
	if (orig && orig->type == nd->type && !strcmp(orig->u.div.kind, kind))
		nd->flags |= orig->flags & (DOC_F_COLLAPSE | DOC_F_OPEN);
	else if (!strcmp(kind, "details"))
		nd->flags |= DOC_F_COLLAPSE;
	lua_settop(L, attr - 1);
	ld_children(c, nd, idx, "content", 0);
	return nd;
}

static struct doc_attr **ld_add_attr(struct ld *c, struct doc_attr **tail, const char *k,
				     const char *v)
{
	struct doc_attr *a = arena_alloc(&c->doc->arena, sizeof *a);
	a->key = arena_strdup(&c->doc->arena, k);
	a->value = v;
	a->line = c->at->line;
	a->col = c->at->col;
	*tail = a;
	return &a->next;
}

static void ld_attr_list(struct ld *c, const char *k, const char *v,
			 const struct doc_attr *origin, void *ctx)
{
	struct doc_attr ***tail = ctx;
	(void)origin;
	*tail = ld_add_attr(c, *tail, k, arena_strdup(&c->doc->arena, v));
}

/* An Attr as a node's attributes: the identifier as id, then the
 * key=value pairs; the classes are the caller's. */
static struct doc_attr **ld_node_attrs(struct ld *c, int attr, struct doc_attr **tail)
{
	size_t idn;
	const char *id = ld_string(c, attr, "identifier", NULL, 0, &idn);
	if (idn)
		tail = ld_add_attr(c, tail, "id", id);
	ld_each_attr(c, attr, ld_attr_list, &tail);
	return tail;
}

static struct doc_node *ld_take_span(struct ld *c, int idx)
{
	lua_State *L = c->L;
	int attr = ld_attr_of(L, idx);
	struct doc_node *nd = ld_node(c, DOC_SPAN);
	nd->u.div.kind = "span";
	if (ld_class_is(L, attr, 1, NULL)) {
		ld_get(L, attr, "classes");
		lua_rawgeti(L, -1, 1);
		nd->u.div.kind = arena_strdup(&c->doc->arena, lua_tostring(L, -1));
		lua_pop(L, 2);
	}
	struct doc_attr **tail = ld_node_attrs(c, attr, &nd->u.div.attrs);
	lua_settop(L, attr - 1);
	size_t n;
	const char *title = ld_string(c, idx, "title", NULL, 0, &n);
	if (n)
		ld_add_attr(c, tail, "title", title);
	ld_children(c, nd, idx, "content", 1);
	return nd;
}

static struct doc_node *ld_take_ruby(struct ld *c, int idx)
{
	struct doc_node *nd = ld_node(c, DOC_RUBY);
	nd->u.ruby.rt = ld_str(c, idx, "reading", NULL, 1);
	ld_children(c, nd, idx, "content", 1);
	return nd;
}

static struct doc_node *ld_take_note(struct ld *c, int idx, const struct doc_node *orig)
{
	struct doc_node *nd = ld_node(c, DOC_NOTE);
	if (orig && orig->type == DOC_NOTE)
		nd->u.note.label = orig->u.note.label;
	ld_children(c, nd, idx, "content", 0);
	return nd;
}

/* {{term, {blocks, …}}, …}: a definition list is tight when every
 * definition is one Plain. */
static struct doc_node *ld_take_deflist(struct ld *c, int idx)
{
	lua_State *L = c->L;
	struct doc_node *nd = ld_node(c, DOC_DEFLIST);
	int t = ld_get(L, idx, "content");
	int items = lua_gettop(L), tight = 1;
	if (t != LUA_TTABLE)
		ld_error(c, "a DefinitionList's content must be a list of {term, definitions}");
	struct ld_chain ch = {0};
	for (lua_Integer i = 1; i <= (lua_Integer)lua_rawlen(L, items); i++) {
		if (lua_rawgeti(L, items, i) != LUA_TTABLE)
			ld_error(c, "a DefinitionList item must be {term, definitions}");
		int item = lua_gettop(L);
		lua_rawgeti(L, item, 1);
		struct doc_node *term = ld_node(c, DOC_TERM);
		struct ld_chain inl = {0};
		ld_take(c, lua_gettop(L), 1, &inl);
		ld_adopt(term, &inl);
		ld_chain_add(&ch, term);
		lua_pop(L, 1);
		if (lua_rawgeti(L, item, 2) != LUA_TTABLE)
			ld_error(c, "a DefinitionList item's definitions must be a list of block lists");
		int defs = lua_gettop(L);
		for (lua_Integer j = 1; j <= (lua_Integer)lua_rawlen(L, defs); j++) {
			lua_rawgeti(L, defs, j);
			struct doc_node *def = ld_node(c, DOC_DEFINITION);
			struct ld_chain blocks = {0};
			ld_take(c, lua_gettop(L), 0, &blocks);
			ld_adopt(def, &blocks);
			tight &= !ld_item_has_para(L, lua_gettop(L));
			ld_chain_add(&ch, def);
			lua_pop(L, 1);
		}
		lua_settop(L, item - 1);
	}
	lua_pop(L, 1);
	ld_adopt(nd, &ch);
	if (tight)
		nd->flags |= DOC_F_TIGHT;
	return nd;
}

static struct doc_node *ld_take_header(struct ld *c, int idx)
{
	lua_State *L = c->L;
	ld_get(L, idx, "level");
	int ok;
	lua_Integer level = lua_tointegerx(L, -1, &ok);
	lua_pop(L, 1);
	if (!ok || level < 1 || level > 6)
		ld_error(c, "Header level must be an integer from 1 to 6");
	struct doc_node *nd = ld_node(c, DOC_HEADING);
	nd->u.heading.level = (int)level;
	int attr = ld_attr_of(L, idx);
	size_t n;
	const char *id = ld_string(c, attr, "identifier", NULL, 0, &n);
	if (n)
		nd->u.heading.id = id;	/* xref keeps it */
	lua_settop(L, attr - 1);
	ld_children(c, nd, idx, "content", 1);
	return nd;
}

/* Link or Image: the target as written; the site URL xref made for it
 * stays when the target did not change. */
static struct doc_node *ld_take_link(struct ld *c, int idx, const struct doc_node *orig, int image)
{
	lua_State *L = c->L;
	struct doc_node *nd = ld_node(c, image ? DOC_IMAGE : DOC_LINK);
	int same_kind = orig && orig->type == nd->type;
	nd->u.link.url = ld_str(c, idx, image ? "src" : "target",
				same_kind ? orig->u.link.url : NULL, 1);
	if (same_kind && nd->u.link.url == orig->u.link.url)
		nd->u.link.href = orig->u.link.href;
	size_t n;
	const char *title = ld_string(c, idx, "title", same_kind ? doc_attr(orig, "title") : NULL,
				      0, &n);
	struct doc_attr **tail = &nd->u.link.attrs;
	if (n)
		tail = ld_add_attr(c, tail, "title", title);
	if (ld_get(L, idx, "attr") == LUA_TTABLE) {
		lua_pop(L, 1);
		int attr = ld_attr_of(L, idx);
		ld_node_attrs(c, attr, tail);
		lua_settop(L, attr - 1);
	} else {
		lua_pop(L, 1);
	}
	ld_children(c, nd, idx, image ? "caption" : "content", 1);
	return nd;
}

static struct doc_node *ld_take_text_el(struct ld *c, int idx, enum doc_type t,
					const struct doc_node *orig)
{
	struct doc_node *nd = ld_node(c, t);
	const char *keep = orig && orig->type == t ? orig->u.text.s : NULL;
	size_t n;
	nd->u.text.s = ld_string(c, idx, "text", NULL, 1, &n);
	if (keep && n == orig->u.text.len && memcmp(keep, nd->u.text.s, n) == 0)
		nd->u.text.s = keep;
	nd->u.text.len = n;
	if (t == DOC_CODEBLOCK)
		nd->u.text.info = ld_info(c, idx, orig);
	if (t == DOC_HTMLBLOCK && nd->u.text.s == keep && orig->first) {
		nd->first = orig->first;	/* what the block means without its tags */
		for (struct doc_node *k = nd->first; k; k = k->next)
			k->parent = nd;
	} else if (t == DOC_HTMLBLOCK) {
		rawhtml_read_block(c->doc, nd);
	}
	return nd;
}

/* Raw HTML; raw text for other formats has no place in tebiki's output
 * and is left out, as Pandoc's writers do. */
static int ld_is_html(struct ld *c, int idx)
{
	size_t n;
	const char *f = ld_string(c, idx, "format", NULL, 1, &n);
	return strcmp(f, "html") == 0 || strcmp(f, "html5") == 0;
}

/* A list item whose first paragraph starts with ☐ or ☒ is a task. */
static void ld_task(struct doc_node *item)
{
	item->flags &= (uint8_t)~(DOC_F_TASK | DOC_F_CHECKED);
	struct doc_node *p = item->first, *t = p ? p->first : NULL;
	if (!p || p->type != DOC_PARAGRAPH || !t || t->type != DOC_TEXT || t->u.text.len < 3)
		return;
	int box = memcmp(t->u.text.s, ld_box, 3) == 0;
	int checked = memcmp(t->u.text.s, ld_checked, 3) == 0;
	if (!box && !checked)
		return;
	item->flags |= DOC_F_TASK | (checked ? DOC_F_CHECKED : 0);
	size_t skip = 3 + (t->u.text.len > 3 && t->u.text.s[3] == ' ');
	t->u.text.s += skip;
	t->u.text.len -= skip;
	if (t->u.text.len == 0)
		p->first = t->next;
	if (p->first == NULL)
		item->first = p->next;
}

static int ld_item_has_para(lua_State *L, int item)
{
	const char *tag = ld_tag(L, item);
	if (tag)
		return strcmp(tag, "Para") == 0;
	for (lua_Integer i = 1; i <= (lua_Integer)lua_rawlen(L, item); i++) {
		lua_rawgeti(L, item, i);
		tag = ld_tag(L, -1);
		lua_pop(L, 1);
		if (tag && strcmp(tag, "Para") == 0)
			return 1;
	}
	return 0;
}

/* BulletList and OrderedList: a list is tight when no item holds a
 * Para (only Plain), as in Pandoc. */
static struct doc_node *ld_take_list(struct ld *c, int idx, int ordered)
{
	lua_State *L = c->L;
	struct doc_node *nd = ld_node(c, DOC_LIST);
	int tight = 1;
	if (ordered) {
		nd->flags |= DOC_F_ORDERED;
		ld_get(L, idx, "start");
		nd->u.list.start = lua_isinteger(L, -1) ? (int)lua_tointeger(L, -1) : 1;
		lua_pop(L, 1);
		size_t n;
		const char *d = ld_string(c, idx, "delimiter", NULL, 0, &n);
		nd->u.list.delim = strcmp(d, "OneParen") == 0 || strcmp(d, "TwoParens") == 0 ? ')' : '.';
	}
	int t = ld_get(L, idx, "content");
	int items = lua_gettop(L);
	if (t != LUA_TTABLE && t != LUA_TNIL)
		ld_error(c, "a list's content must be a list of items");
	struct ld_chain ch = {0};
	for (lua_Integer i = 1; t == LUA_TTABLE && i <= (lua_Integer)lua_rawlen(L, items); i++) {
		lua_rawgeti(L, items, i);
		struct doc_node *item = ld_node(c, DOC_ITEM);
		struct ld_chain blocks = {0};
		ld_take(c, lua_gettop(L), 0, &blocks);
		ld_adopt(item, &blocks);
		tight &= !ld_item_has_para(L, lua_gettop(L));
		ld_chain_add(&ch, item);
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	ld_adopt(nd, &ch);
	if (tight)
		nd->flags |= DOC_F_TIGHT;
	return nd;
}

static uint8_t ld_align(struct ld *c, const char *s)
{
	static const char *names[] = {"AlignDefault", "AlignLeft", "AlignCenter", "AlignRight"};
	for (uint8_t i = 0; i < 4; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return (uint8_t)ld_error(c, "unknown alignment '%s' (AlignDefault, AlignLeft, AlignCenter, AlignRight)", s);
}

/* One row: a list of cells, each a list of inlines. */
static struct doc_node *ld_take_row(struct ld *c, int row, int header, int *ncols)
{
	lua_State *L = c->L;
	if (lua_type(L, row) != LUA_TTABLE)
		ld_error(c, "a table row must be a list of cells");
	struct doc_node *r = ld_node(c, DOC_TABLE_ROW);
	if (header)
		r->flags |= DOC_F_HEADER;
	struct ld_chain cells = {0};
	int n = (int)lua_rawlen(L, row);
	for (int j = 1; j <= n; j++) {
		lua_rawgeti(L, row, j);
		struct doc_node *cell = ld_node(c, DOC_TABLE_CELL);
		cell->u.cell.col = j - 1;
		struct ld_chain ch = {0};
		ld_take(c, lua_gettop(L), 1, &ch);
		ld_adopt(cell, &ch);
		ld_chain_add(&cells, cell);
		lua_pop(L, 1);
	}
	ld_adopt(r, &cells);
	if (n > *ncols)
		*ncols = n;
	return r;
}

static struct doc_node *ld_take_table(struct ld *c, int idx)
{
	lua_State *L = c->L;
	struct doc_node *nd = ld_node(c, DOC_TABLE);
	struct ld_chain rows = {0};
	int ncols = 0;
	if (ld_get(L, idx, "head") == LUA_TTABLE && lua_rawlen(L, -1) > 0)
		ld_chain_add(&rows, ld_take_row(c, lua_gettop(L), 1, &ncols));
	lua_pop(L, 1);
	if (ld_get(L, idx, "rows") == LUA_TTABLE) {
		int body = lua_gettop(L);
		for (lua_Integer i = 1; i <= (lua_Integer)lua_rawlen(L, body); i++) {
			lua_rawgeti(L, body, i);
			ld_chain_add(&rows, ld_take_row(c, lua_gettop(L), 0, &ncols));
			lua_pop(L, 1);
		}
	}
	lua_pop(L, 1);
	int t = ld_get(L, idx, "aligns");
	int na = t == LUA_TTABLE ? (int)lua_rawlen(L, -1) : 0;
	nd->u.table.ncols = na > ncols ? na : ncols;
	nd->u.table.align = arena_alloc(&c->doc->arena, (size_t)nd->u.table.ncols + 1);
	for (int i = 1; i <= na; i++) {
		if (lua_rawgeti(L, -1, i) != LUA_TSTRING)
			ld_error(c, "aligns must be a list of AlignDefault, AlignLeft, AlignCenter, AlignRight");
		nd->u.table.align[i - 1] = ld_align(c, lua_tostring(L, -1));
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	ld_adopt(nd, &rows);
	return nd;
}

static struct doc_node *ld_take_content(struct ld *c, int idx, enum doc_type t, int inlines)
{
	struct doc_node *nd = ld_node(c, t);
	ld_children(c, nd, idx, "content", inlines);
	return nd;
}

/* One element → one node (NULL: left out); one flat switch. */
static struct doc_node *ld_build(struct ld *c, int idx, enum ld_el e, const struct doc_node *orig)
{
	switch (e) {
	case LD_SOFTBREAK: return ld_node(c, DOC_SOFTBREAK);
	case LD_LINEBREAK: return ld_node(c, DOC_LINEBREAK);
	case LD_EMPH: return ld_take_content(c, idx, DOC_EMPH, 1);
	case LD_STRONG: return ld_take_content(c, idx, DOC_STRONG, 1);
	case LD_STRIKEOUT: return ld_take_content(c, idx, DOC_STRIKE, 1);
	case LD_CODE: return ld_take_text_el(c, idx, DOC_CODE, orig);
	case LD_LINK: return ld_take_link(c, idx, orig, 0);
	case LD_IMAGE: return ld_take_link(c, idx, orig, 1);
	case LD_RAWINLINE: return ld_is_html(c, idx) ? ld_take_text_el(c, idx, DOC_HTMLINLINE, orig) : NULL;
	case LD_PARA: case LD_PLAIN: return ld_take_content(c, idx, DOC_PARAGRAPH, 1);
	case LD_HEADER: return ld_take_header(c, idx);
	case LD_BLOCKQUOTE: return ld_take_content(c, idx, DOC_BLOCKQUOTE, 0);
	case LD_BULLETLIST: return ld_take_list(c, idx, 0);
	case LD_ORDEREDLIST: return ld_take_list(c, idx, 1);
	case LD_CODEBLOCK: return ld_take_text_el(c, idx, DOC_CODEBLOCK, orig);
	case LD_RAWBLOCK: return ld_is_html(c, idx) ? ld_take_text_el(c, idx, DOC_HTMLBLOCK, orig) : NULL;
	case LD_HR: return ld_node(c, DOC_THEMATIC);
	case LD_TABLE: return ld_take_table(c, idx);
	case LD_DIV: case LD_CALLOUT: return ld_take_div(c, idx, e, orig);
	case LD_NOTE: return ld_take_note(c, idx, orig);
	case LD_SPAN: return ld_take_span(c, idx);
	case LD_RUBY: return ld_take_ruby(c, idx);
	case LD_DEFLIST: return ld_take_deflist(c, idx);
	case LD_STR: case LD_SPACE:	/* text: ld_take_text */
	case LD_INLINE: case LD_BLOCK: case LD_INLINES: case LD_BLOCKS:
	case LD_META: case LD_PANDOC: case LD__COUNT:
		break;
	}
	return NULL;
}

static void ld_take_el(struct ld *c, int idx, int inlines, struct ld_chain *out)
{
	lua_State *L = c->L;
	const char *tag = ld_tag(L, idx);
	enum ld_el e = ld_el_named(tag);
	if (e == LD_NONE)
		ld_error(c, "tebiki has no element '%s' (see docs/lua.md)", tag);
	if (ld_is_inline(e) != inlines)
		ld_error(c, "%s is %s, but %s go here", tag, inlines ? "a block" : "an inline",
			 inlines ? "inlines" : "blocks");
	if (e == LD_STR || e == LD_SPACE) {
		lua_createtable(L, 1, 0);
		lua_pushvalue(L, idx);
		lua_rawseti(L, -2, 1);
		ld_take_text(c, lua_gettop(L), 1, 1, out);
		lua_pop(L, 1);
		return;
	}
	luaL_checkstack(L, 12, "elements nested too deep");
	if (++c->depth > LD_MAXDEPTH)
		ld_error(c, "elements nested more than %d deep", LD_MAXDEPTH);
	const struct doc_node *orig = NULL, *at = c->at;
	if (c->pos) {
		lua_pushvalue(L, idx);
		lua_rawget(L, c->pos);
		orig = lua_touserdata(L, -1);
		lua_pop(L, 1);
	}
	if (orig)
		c->at = orig;
	struct doc_node *nd = ld_build(c, idx, e, orig);
	c->at = at;
	c->depth--;
	if (nd)
		ld_chain_add(out, nd);
}
