/* filter: runs Lua filter files over document trees.
 *
 * A file's chunk is compiled once per state but run afresh for every
 * page, in a new environment, as Pandoc runs a filter once per
 * document: whatever a filter keeps in its variables belongs to one
 * page, so the output cannot depend on which thread filtered which
 * page before. The globals, the tebiki library and site.data are
 * read-only views shared by all runs of a state. */
#include "filter.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../base/buf.h"
#include "../base/confine.h"
#include "../base/diag.h"
#include "../base/fsutil.h"
#include "../base/pool.h"
#include "../base/utf8.h"
#include "../base/watchdog.h"
#include "../base/xalloc.h"
#include "../input/load.h"
#include "../input/md.h"
#include "../input/title.h"
#include "../model/doc.h"
#include "../model/meta.h"
#include "../model/site.h"
#include "../model/variant.h"
#include "filterint.h"
#include "sandbox.h"
#include "walk.h"

/* The Lua half of the element model (script/prelude.lua). */
static const char fl_prelude[] =
#include "prelude.lua.h"
	;

char fl_key_env, fl_key_blocks, fl_key_loaded;

struct frun *fl_run_of(lua_State *L)
{
	struct fstate *st = *(struct fstate **)lua_getextraspace(L);
	return st ? st->run : NULL;
}

void fl_ld(struct frun *r, struct ld *c, struct doc *d, int pos)
{
	lua_State *L = r->st->L;
	memset(c, 0, sizeof *c);
	c->L = L;
	c->doc = d;
	c->at = d ? d->root : NULL;
	c->pos = pos;
	c->file = r->st->f->files[r->file].path;
	c->what = "filter";
	lua_rawgeti(L, LUA_REGISTRYINDEX, r->st->ref_mts);
	int mts = lua_gettop(L);
	lua_getfield(L, mts, "element");
	lua_getfield(L, mts, "list");
	lua_getfield(L, mts, "attr");
	lua_getfield(L, mts, "attributes");
	lua_remove(L, mts);
	c->mt_el = mts;
	c->mt_list = mts + 1;
	c->mt_attr = mts + 2;
	c->mt_attrs = mts + 3;
}

/* ---- states ------------------------------------------------------- */

/* Reports a chunk that does not compile: "file:line: message". */
static void fl_syntax(const struct ffile *ff, const char *msg)
{
	size_t pl = strlen(ff->path);
	if (msg && strncmp(msg, ff->path, pl) == 0 && msg[pl] == ':') {
		char *end;
		long line = strtol(msg + pl + 1, &end, 10);
		diag_error(ff->path, (int)line, 0, "%s", end + strspn(end, ": "));
	} else {
		diag_error(ff->path, 0, 0, "%s", msg ? msg : "cannot load");
	}
}

static void fl_compile(struct fstate *st, int report)
{
	lua_State *L = st->L;
	lua_createtable(L, (int)st->f->n, 0);
	for (size_t i = 0; i < st->f->n; i++) {
		const struct ffile *ff = &st->f->files[i];
		char *name = xasprintf("@%s", ff->path);
		/* text only: a precompiled chunk could break the VM */
		int rc = luaL_loadbufferx(L, ff->text, ff->len, name, "t");
		free(name);
		if (rc != LUA_OK && !report)
			lua_error(L);	/* compiled before, so out of memory: no state */
		if (rc != LUA_OK) {
			fl_syntax(ff, lua_tostring(L, -1));
			lua_pop(L, 1);
			lua_pushboolean(L, 0);
			st->f->broken = 1;
		}
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	st->ref_chunks = luaL_ref(L, LUA_REGISTRYINDEX);
}

/* A metatable {__index = what is on top, protected}, referenced. */
static int fl_ref_indexer(lua_State *L)
{
	lua_createtable(L, 0, 2);
	lua_insert(L, -2);
	lua_setfield(L, -2, "__index");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	return luaL_ref(L, LUA_REGISTRYINDEX);
}

static int fl_page_index(lua_State *L);
static int fl_page_pairs(lua_State *L);

/* The setup of a state, run protected: sandbox globals, the prelude,
 * the C functions, everything frozen, the filters compiled. */
static int fl_setup(lua_State *L)
{
	struct fstate *st = lua_touserdata(L, 1);
	int report = lua_toboolean(L, 2);
	script_globals(L);
	int G = lua_gettop(L);
	if (luaL_loadbufferx(L, fl_prelude, sizeof fl_prelude - 1, "=(tebiki)", "t") != LUA_OK)
		return lua_error(L);
	/* the prelude's globals: the sandbox's, and rawset, which scripts
	 * do not get (it would write through a read-only view) */
	lua_createtable(L, 0, 1);
	lua_getglobal(L, "rawset");
	lua_setfield(L, -2, "rawset");
	lua_createtable(L, 0, 1);
	lua_pushvalue(L, G);
	lua_setfield(L, -2, "__index");
	lua_setmetatable(L, -2);
	lua_setupvalue(L, -2, 1);
	lua_call(L, 0, 2);
	int lib = G + 1;
	st->ref_mts = luaL_ref(L, LUA_REGISTRYINDEX);
	host_register(L, lib, G);
	lua_setfield(L, G, "tebiki");
	lua_pushcfunction(L, script_freeze);
	lua_pushvalue(L, G);
	lua_call(L, 1, 1);
	int FG = lua_gettop(L);
	/* ("x"):upper() looks in the read-only string library too */
	lua_pushliteral(L, "");
	lua_getmetatable(L, -1);
	lua_getfield(L, FG, "string");
	lua_setfield(L, -2, "__index");
	lua_pop(L, 2);
	lua_pushvalue(L, FG);
	st->ref_envmt = fl_ref_indexer(L);
	lua_getfield(L, FG, "tebiki");
	st->ref_tebmt = fl_ref_indexer(L);
	lua_newtable(L);
	st->ref_modules = luaL_ref(L, LUA_REGISTRYINDEX);
	static const luaL_Reg page_mt[] = {
		{"__index", fl_page_index}, {"__pairs", fl_page_pairs}, {NULL, NULL}};
	luaL_newlib(L, page_mt);
	st->ref_pagemt = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_pushvalue(L, FG);
	script_set_env(st->S);	/* load() without an environment gets these */
	fl_compile(st, report);
	return 0;
}

static struct fstate *fl_state_new(struct filters *f, int report)
{
	struct fstate *st = xcalloc(1, sizeof *st);
	st->f = f;
	st->ref_data = LUA_NOREF;
	st->S = script_new(&f->lim);
	if (st->S == NULL) {
		free(st);
		return NULL;
	}
	st->L = script_L(st->S);
	*(struct fstate **)lua_getextraspace(st->L) = st;
	lua_pushcfunction(st->L, fl_setup);
	lua_pushlightuserdata(st->L, st);
	lua_pushboolean(st->L, report);
	if (script_pcall(st->S, 2, 0, "(tebiki)") < 0) {
		script_free(st->S);
		free(st);
		return NULL;
	}
	return st;
}

/* A state no other call is using: made when all are busy. */
static struct fstate *fl_acquire(struct filters *f)
{
	pthread_mutex_lock(&f->lock);
	struct fstate *st = f->idle;
	if (st)
		f->idle = st->next_idle;
	pthread_mutex_unlock(&f->lock);
	if (st)
		return st;
	st = fl_state_new(f, 0);
	if (st == NULL)
		return NULL;
	pthread_mutex_lock(&f->lock);
	st->next_all = f->all;
	f->all = st;
	pthread_mutex_unlock(&f->lock);
	return st;
}

static void fl_release(struct filters *f, struct fstate *st)
{
	if (st == NULL)
		return;
	pthread_mutex_lock(&f->lock);
	st->next_idle = f->idle;
	f->idle = st;
	pthread_mutex_unlock(&f->lock);
}

/* ---- loading ------------------------------------------------------ */

/* limits: as website_build reads them (it reports bad values). */
static int fl_add_file(struct filters *f, const struct meta *item)
{
	const char *name = item->type == META_STRING ? item->text : NULL;
	char *norm = name ? fs_normalize(name) : NULL;
	if (norm == NULL || norm[0] == '\0') {
		diag_error("site.yaml", item->line, item->col,
			   "a filter is a .lua file under lua/, such as filters/normalize.lua%s%s%s",
			   name ? " (not '" : "", name ? name : "", name ? "')" : "");
		free(norm);
		return -1;
	}
	struct ffile ff = {xasprintf("lua/%s", norm), NULL, 0};
	free(norm);
	ff.text = confine_read(f->site->dir, ff.path, &ff.len);
	if (ff.text == NULL) {
		diag_error("site.yaml", item->line, item->col, "filter %s: %s", ff.path,
			   confine_strerror(errno));
		free(ff.path);
		return -1;
	}
	f->files = xrealloc(f->files, (f->n + 1) * sizeof *f->files);
	f->files[f->n++] = ff;
	return 0;
}

int filters_wanted(const struct meta *config)
{
	const struct meta *list = meta_get(config, "filters");
	return list && !(list->type == META_LIST && list->u.c.n == 0);
}

struct filters *filters_load(const struct site *s)
{
	if (!filters_wanted(s->config))
		return NULL;
	struct meta *list = meta_get(s->config, "filters");
	struct filters *f = xcalloc(1, sizeof *f);
	f->site = s;
	pthread_mutex_init(&f->lock, NULL);
	struct site_limits lim = site_limits(s);
	f->lim.instructions = (long)lim.instructions;
	f->lim.memory = (size_t)lim.memory_mb << 20;
	watchdog_limit((int)lim.seconds);
	if (list->type != META_LIST) {
		diag_error("site.yaml", list->line, list->col,
			   "'filters' must be a list of files under lua/, such as [filters/normalize.lua]");
		f->broken = 1;
		return f;
	}
	for (size_t i = 0; i < list->u.c.n; i++)
		if (fl_add_file(f, list->u.c.items[i]) < 0)
			f->broken = 1;
	if (!f->broken) {
		/* the first state reports syntax errors, once */
		struct fstate *st = fl_state_new(f, 1);
		if (st == NULL)
			f->broken = 1;
		else {
			st->next_all = f->all;
			f->all = st;
			fl_release(f, st);
		}
	}
	return f;
}

void filters_free(struct filters *f)
{
	if (f == NULL)
		return;
	for (struct fstate *st = f->all, *next; st; st = next) {
		next = st->next_all;
		script_free(st->S);
		free(st);
	}
	for (size_t i = 0; i < f->n; i++) {
		free(f->files[i].path);
		free(f->files[i].text);
	}
	free(f->files);
	pthread_mutex_destroy(&f->lock);
	free(f);
}

/* ---- front matter ------------------------------------------------- */

static int fl_meta_same(lua_State *L, int idx, const struct meta *m, int depth);

static int fl_meta_same_items(lua_State *L, int idx, const struct meta *m, int depth)
{
	size_t n = 0;
	for (lua_pushnil(L); lua_next(L, idx); lua_pop(L, 1))
		n++;
	if (n != m->u.c.n || (m->type == META_LIST && lua_rawlen(L, idx) != n))
		return 0;
	for (size_t i = 0; i < m->u.c.n; i++) {
		if (m->type == META_LIST)
			lua_rawgeti(L, idx, (lua_Integer)i + 1);
		else
			lua_getfield(L, idx, m->u.c.keys[i]);
		int same = fl_meta_same(L, lua_gettop(L), m->u.c.items[i], depth + 1);
		lua_pop(L, 1);
		if (!same)
			return 0;
	}
	return 1;
}

/* Is the Lua value at idx what m is (as script_push_meta pushes it)? */
static int fl_meta_same(lua_State *L, int idx, const struct meta *m, int depth)
{
	if (m == NULL || depth > 64)
		return 0;
	switch (m->type) {
	case META_NULL: return lua_isnil(L, idx);
	case META_BOOL: return lua_isboolean(L, idx) && lua_toboolean(L, idx) == m->u.b;
	case META_INT: return lua_isinteger(L, idx) && lua_tointeger(L, idx) == m->u.i;
	case META_FLOAT: return lua_type(L, idx) == LUA_TNUMBER && lua_tonumber(L, idx) == m->u.f;
	case META_STRING:
		return lua_type(L, idx) == LUA_TSTRING && strcmp(lua_tostring(L, idx), m->text) == 0;
	case META_LIST: case META_MAP:
		if (lua_type(L, idx) != LUA_TTABLE)
			return 0;
		if (lua_getmetatable(L, idx)) {	/* an element or a list of them */
			lua_pop(L, 1);
			return 0;
		}
		return fl_meta_same_items(L, idx, m, depth);
	}
	return 0;
}

static struct meta *fl_meta_copy(const struct meta *m)
{
	struct meta *c = meta_new(m->type, m->file, m->line, m->col);
	c->u = m->u;
	c->text = m->text ? xstrdup(m->text) : NULL;
	if (m->type != META_LIST && m->type != META_MAP)
		return c;
	memset(&c->u, 0, sizeof c->u);
	for (size_t i = 0; i < m->u.c.n; i++) {
		if (m->type == META_LIST)
			meta_push(c, fl_meta_copy(m->u.c.items[i]));
		else
			meta_set(c, m->u.c.keys[i], fl_meta_copy(m->u.c.items[i]));
	}
	return c;
}

static int fl_keycmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static struct meta *fl_meta_attach(struct frun *r, int idx, const struct meta *orig,
				   struct meta *parent, const char *key,
				   const char *file, int line, int depth);

/* The items of a table: a list, or a mapping with its keys sorted
 * (pairs() has no order; front matter keeps one). */
static void fl_meta_items(struct frun *r, int idx, struct meta *m, const struct meta *orig,
			  const char *file, int line, int depth)
{
	lua_State *L = r->st->L;
	if (m->type == META_LIST) {
		for (lua_Integer i = 1; i <= (lua_Integer)lua_rawlen(L, idx); i++) {
			lua_rawgeti(L, idx, i);
			const struct meta *o = orig && orig->type == META_LIST && (size_t)i <= orig->u.c.n
					       ? orig->u.c.items[i - 1] : NULL;
			fl_meta_attach(r, lua_gettop(L), o, m, NULL, file, line, depth + 1);
			lua_pop(L, 1);
		}
		return;
	}
	size_t n = 0;
	for (lua_pushnil(L); lua_next(L, idx); lua_pop(L, 1))
		n += lua_type(L, -2) == LUA_TSTRING;
	/* the key strings stay alive in idx; their array is Lua's, so an
	 * error leaks nothing */
	const char **k = lua_newuserdatauv(L, (n + 1) * sizeof *k, 0);
	n = 0;
	for (lua_pushnil(L); lua_next(L, idx); lua_pop(L, 1))
		if (lua_type(L, -2) == LUA_TSTRING)
			k[n++] = lua_tostring(L, -2);
	qsort(k, n, sizeof *k, fl_keycmp);
	for (size_t i = 0; i < n; i++) {
		lua_pushstring(L, k[i]);
		lua_rawget(L, idx);
		fl_meta_attach(r, lua_gettop(L), meta_get(orig, k[i]), m, k[i], file, line, depth + 1);
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
}

static int fl_has_tag(lua_State *L, int idx)
{
	lua_pushliteral(L, "t");
	int yes = lua_type(L, idx) == LUA_TTABLE && lua_rawget(L, idx) == LUA_TSTRING;
	lua_pop(L, 1);
	return yes;
}

/* An element, or a list of them (Pandoc's MetaInlines), is text. */
static int fl_meta_is_text(lua_State *L, int idx)
{
	if (fl_has_tag(L, idx))
		return 1;
	lua_rawgeti(L, idx, 1);
	int yes = fl_has_tag(L, lua_gettop(L));
	lua_pop(L, 1);
	return yes;
}

static enum meta_type fl_meta_type(lua_State *L, int idx)
{
	switch (lua_type(L, idx)) {
	case LUA_TBOOLEAN: return META_BOOL;
	case LUA_TNUMBER: return lua_isinteger(L, idx) ? META_INT : META_FLOAT;
	case LUA_TSTRING: return META_STRING;
	case LUA_TTABLE:
		if (fl_meta_is_text(L, idx))
			return META_STRING;
		if (lua_rawlen(L, idx) == 0) {
			lua_pushnil(L);
			if (lua_next(L, idx)) {
				lua_pop(L, 2);
				return META_MAP;
			}
		}
		return META_LIST;
	}
	return META_NULL;
}

/* Front matter a filter sets is shown in the HTML, the search index
 * and the PDFs: text as a page's, UTF-8 without NUL. */
static void fl_meta_utf8(struct frun *r, const struct meta *m, const char *s, size_t n)
{
	size_t bad = utf8_check(s, n);
	if (memchr(s, '\0', bad))
		fl_error(r, m->line, "front matter text has a NUL byte (\\0)");
	if (bad < n)
		fl_error(r, m->line, "front matter text is not UTF-8 (byte 0x%02X)",
			 (unsigned char)s[bad]);
}

/* A new scalar's text, as YAML would have given it. */
static void fl_meta_scalar(struct frun *r, int idx, struct meta *m)
{
	lua_State *L = r->st->L;
	char num[64];
	switch (m->type) {
	case META_BOOL:
		m->u.b = lua_toboolean(L, idx);
		m->text = xstrdup(m->u.b ? "true" : "false");
		break;
	case META_INT:
		m->u.i = lua_tointeger(L, idx);
		snprintf(num, sizeof num, "%lld", m->u.i);
		m->text = xstrdup(num);
		break;
	case META_FLOAT:
		m->u.f = lua_tonumber(L, idx);
		snprintf(num, sizeof num, "%.14g", m->u.f);
		m->text = xstrdup(num);
		break;
	case META_STRING:
		if (lua_type(L, idx) == LUA_TSTRING) {
			size_t n;
			const char *t = lua_tolstring(L, idx, &n);
			fl_meta_utf8(r, m, t, n);
			m->text = xstrdup(t);
			break;
		}
		lua_rawgeti(L, LUA_REGISTRYINDEX, r->st->ref_mts);
		lua_getfield(L, -1, "stringify");
		lua_pushvalue(L, idx);
		lua_call(L, 1, 1);	/* m is attached: an error leaks nothing */
		m->text = xstrdup(lua_isstring(L, -1) ? lua_tostring(L, -1) : "");
		fl_meta_utf8(r, m, m->text, lua_isstring(L, -1) ? lua_rawlen(L, -1) : 0);
		lua_pop(L, 2);
		break;
	default:
		break;
	}
}

/* Makes the meta value for the Lua value at idx and attaches it, to
 * parent (a list, or a mapping under key) or as r->pending_meta, before
 * anything that may raise a Lua error: nothing can leak. A value equal
 * to orig is a copy of it, keeping its place for diagnostics. */
static struct meta *fl_meta_attach(struct frun *r, int idx, const struct meta *orig,
				   struct meta *parent, const char *key,
				   const char *file, int line, int depth)
{
	lua_State *L = r->st->L;
	if (depth > 64)
		luaL_error(L, "front matter nested more than 64 deep");
	int same = orig && fl_meta_same(L, idx, orig, 0);
	struct meta *m = same ? fl_meta_copy(orig) : meta_new(fl_meta_type(L, idx), file, line, 0);
	if (parent == NULL)
		r->pending_meta = m;
	else if (parent->type == META_LIST)
		meta_push(parent, m);
	else
		meta_set(parent, key, m);
	if (same)
		return m;
	if (m->type == META_LIST || m->type == META_MAP)
		fl_meta_items(r, idx, m, orig, file, line, depth);
	else
		fl_meta_scalar(r, idx, m);
	return m;
}

struct meta *fl_to_meta(struct frun *r, int idx, const struct meta *orig,
			const char *file, int line, int depth)
{
	return fl_meta_attach(r, lua_absindex(r->st->L, idx), orig, NULL, NULL, file, line, depth);
}

/* Typed front-matter keys (load.c gives them meaning) and where each
 * lives in a page. */
static const char *const fl_typed[] = {"title", "summary", "id", "order", "weight", "level",
	"reviewed", "draft", "tags", "sizes", "industries", NULL};

static void fl_take_str(char **to, char **from)
{
	free(*to);
	*to = *from;
	*from = NULL;
}

static void fl_move_field(struct page *to, struct page *from, const char *k)
{
	if (!strcmp(k, "title"))
		fl_take_str(&to->title, &from->title);
	else if (!strcmp(k, "summary"))
		fl_take_str(&to->summary, &from->summary);
	else if (!strcmp(k, "id"))
		fl_take_str(&to->id, &from->id);
	else if (!strcmp(k, "reviewed"))
		fl_take_str(&to->reviewed, &from->reviewed);
	else if (!strcmp(k, "order") || !strcmp(k, "weight")) {
		to->order = from->order;
		to->has_order = from->has_order;
	} else if (!strcmp(k, "level"))
		to->level = from->level;
	else if (!strcmp(k, "draft"))
		to->draft = from->draft;
}

static int fl_meta_equal(const struct meta *a, const struct meta *b)
{
	if (!a || !b)
		return a == b;
	if (a->type != b->type)
		return 0;
	if (a->type != META_LIST && a->type != META_MAP)
		return strcmp(a->text ? a->text : "", b->text ? b->text : "") == 0;
	if (a->u.c.n != b->u.c.n)
		return 0;
	for (size_t i = 0; i < a->u.c.n; i++)
		if ((a->type == META_MAP && strcmp(a->u.c.keys[i], b->u.c.keys[i])) ||
		    !fl_meta_equal(a->u.c.items[i], b->u.c.items[i]))
			return 0;
	return 1;
}

/* p's front matter becomes fm. The typed keys that changed are read
 * again through a scratch page holding only them: problems of the
 * others are not reported twice, and new values are reported at the
 * filter that made them. */
static void fl_set_meta(struct page *p, struct meta *fm, const char *file)
{
	struct page tmp = {.file = (char *)file};
	tmp.fm = meta_new(META_MAP, file, 0, 0);
	int changed[16] = {0};
	for (int i = 0; fl_typed[i]; i++) {
		struct meta *now = meta_get(fm, fl_typed[i]);
		changed[i] = !fl_meta_equal(meta_get(p->fm, fl_typed[i]), now);
		if (changed[i] && now)
			meta_set(tmp.fm, fl_typed[i], now);	/* borrowed */
	}
	load_frontmatter(&tmp);
	for (int i = 0; fl_typed[i]; i++)
		if (changed[i])
			fl_move_field(p, &tmp, fl_typed[i]);
	for (size_t i = 0; i < tmp.fm->u.c.n; i++)
		tmp.fm->u.c.items[i] = NULL;
	meta_free(tmp.fm);
	free(tmp.title);
	free(tmp.summary);
	free(tmp.id);
	free(tmp.reviewed);
	meta_free(p->fm);
	p->fm = fm;
}

/* Meta and Pandoc return a front matter (table at idx): it replaces
 * the page's in the site pass; a copy made for a PDF keeps its page. */
static void fl_apply_meta(struct frun *r, int idx, int line)
{
	if (r->page == NULL || lua_type(r->st->L, idx) != LUA_TTABLE)
		return;
	const char *file = r->st->f->files[r->file].path;
	struct meta *fm = fl_to_meta(r, idx, r->page->fm, file, line, 0);
	r->pending_meta = NULL;
	if (fm->type != META_MAP) {	/* {} */
		meta_free(fm);
		fm = meta_new(META_MAP, file, line, 0);
	}
	fl_set_meta(r->page, fm, file);
}

/* ---- pages, variants --------------------------------------------- */

static void fl_setstr(lua_State *L, const char *k, const char *v)
{
	if (v == NULL)
		return;
	lua_pushstring(L, v);
	lua_setfield(L, -2, k);
}

/* The fields of a page's table, into the table on top. */
static void fl_fill_page(lua_State *L, const struct page *p)
{
	static const char *levels[] = {NULL, "basic", "applied"};
	fl_setstr(L, "source", p->source);
	fl_setstr(L, "file", p->file);
	fl_setstr(L, "section", p->section);
	fl_setstr(L, "url", p->url);
	fl_setstr(L, "title", p->title);
	fl_setstr(L, "id", p->id);
	fl_setstr(L, "summary", p->summary);
	fl_setstr(L, "reviewed", p->reviewed);
	fl_setstr(L, "level", levels[p->level]);
	if (p->has_order) {
		lua_pushinteger(L, p->order);
		lua_setfield(L, -2, "order");
	}
	lua_pushboolean(L, p->draft);
	lua_setfield(L, -2, "draft");
	lua_pushboolean(L, p->is_index);
	lua_setfield(L, -2, "is_index");
	if (p->fm)
		script_push_meta(L, p->fm);
	else
		lua_newtable(L);
	lua_setfield(L, -2, "meta");
}

void fl_push_page(lua_State *L, const struct page *p)
{
	lua_createtable(L, 0, 14);
	fl_fill_page(L, p);
}

/* tebiki.page is filled when first read: most filters never look at
 * it, and its front matter costs more to make than a whole run of an
 * empty filter. */
static void fl_page_fill(lua_State *L, int t)
{
	struct frun *r = fl_run_of(L);
	lua_pushnil(L);
	lua_setmetatable(L, t);
	lua_pushvalue(L, t);
	if (r && r->cpage)
		fl_fill_page(L, r->cpage);
	lua_pop(L, 1);
}

static int fl_page_index(lua_State *L)
{
	fl_page_fill(L, 1);
	lua_settop(L, 2);
	lua_rawget(L, 1);
	return 1;
}

static int fl_page_pairs(lua_State *L)
{
	fl_page_fill(L, 1);
	lua_getglobal(L, "next");
	lua_pushvalue(L, 1);
	lua_pushnil(L);
	return 3;
}

/* tebiki.variant: {size, industry, labels = {size, industry}}; nil
 * values mean every one. */
static void fl_push_variant(lua_State *L, const struct variant *v)
{
	static const char *keys[AXIS__COUNT] = {"size", "industry"};
	lua_createtable(L, 0, 3);
	lua_createtable(L, 0, 2);
	for (int a = 0; v && a < AXIS__COUNT; a++) {
		if (v->value[a] == NULL)
			continue;
		fl_setstr(L, keys[a], v->value[a]->label);
		lua_pushstring(L, v->value[a]->id);
		lua_setfield(L, -3, keys[a]);
	}
	lua_setfield(L, -2, "labels");
}

int fl_error(struct frun *r, int line, const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	lua_pushfstring(r->st->L, "%s:%d: %s", r->st->f->files[r->file].path, line, msg);
	return lua_error(r->st->L);
}

char *fl_read_project(struct filters *f, const char *path, size_t *len,
		      const char **err, int *outside)
{
	char *norm = fs_normalize(path);
	*outside = norm == NULL || norm[0] == '\0';
	*err = "the path leaves the project (give it relative to the project, without '..')";
	struct stat st;
	char *text = NULL;
	if (*outside) {
		/* reported as err */
	} else if (confine_stat(f->site->dir, norm, &st) < 0) {
		*outside = errno == EXDEV;
		*err = *outside ? "the path leaves the project (through a symbolic link)"
				: confine_strerror(errno);
	} else if ((size_t)st.st_size > f->lim.memory) {
		*err = "the file is larger than the memory limit";
	} else if ((text = confine_read(f->site->dir, norm, len)) == NULL) {
		*err = confine_strerror(errno);
	}
	free(norm);
	return text;
}

/* ---- one run ------------------------------------------------------ */

/* The environment of one run: a fresh table over the read-only
 * globals, with its own tebiki table (format, variant, page) and
 * Pandoc's FORMAT. */
static void fl_env(struct frun *r)
{
	lua_State *L = r->st->L;
	lua_createtable(L, 0, 4);
	lua_createtable(L, 0, 4);
	fl_setstr(L, "format", r->format);
	fl_push_variant(L, r->v);
	lua_setfield(L, -2, "variant");
	if (r->cpage) {
		lua_newtable(L);
		lua_rawgeti(L, LUA_REGISTRYINDEX, r->st->ref_pagemt);
		lua_setmetatable(L, -2);
		lua_setfield(L, -2, "page");
	}
	lua_rawgeti(L, LUA_REGISTRYINDEX, r->st->ref_tebmt);
	lua_setmetatable(L, -2);
	lua_setfield(L, -2, "tebiki");
	fl_setstr(L, "FORMAT", r->format);
	lua_rawgeti(L, LUA_REGISTRYINDEX, r->st->ref_envmt);
	lua_setmetatable(L, -2);
	lua_pushvalue(L, -1);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &fl_key_env);
	lua_newtable(L);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &fl_key_blocks);
	lua_newtable(L);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &fl_key_loaded);
}

/* What the chunk returned (at res): a filter, a list of them, or
 * nothing, when the functions it defined as globals are the filter,
 * as in Pandoc. Pushes the list. */
static void fl_collect(struct frun *r, int env, int res)
{
	lua_State *L = r->st->L;
	lua_newtable(L);
	int list = lua_gettop(L);
	int t = lua_type(L, res);
	if (t == LUA_TNIL) {
		lua_pushvalue(L, env);
		lua_rawseti(L, list, 1);
		return;
	}
	if (t != LUA_TTABLE)
		fl_error(r, 0, "a filter file returns a filter (a table of functions), a list of them, or nothing, not a %s",
			 lua_typename(L, t));
	int is_list = lua_rawgeti(L, res, 1) == LUA_TTABLE;
	lua_pop(L, 1);
	if (!is_list) {
		lua_pushvalue(L, res);
		lua_rawseti(L, list, 1);
		return;
	}
	for (lua_Integer i = 1; i <= (lua_Integer)lua_rawlen(L, res); i++) {
		if (lua_rawgeti(L, res, i) != LUA_TTABLE)
			fl_error(r, 0, "item %lld of the list of filters is a %s, not a table of functions",
				 (long long)i, luaL_typename(L, -1));
		lua_rawseti(L, list, i);
	}
}

static int fl_line_of(lua_State *L, int idx)
{
	lua_Debug ar;
	lua_pushvalue(L, idx);
	lua_getinfo(L, ">S", &ar);
	return ar.linedefined;
}

/* The filter's functions by element, with Pandoc's fallbacks: Inline
 * and Block for what has no function of its own, and Div for Callout
 * (a ::: note is a Div to a filter written for Pandoc). */
static void fl_fns(struct frun *r, struct walk *w, int ft)
{
	lua_State *L = r->st->L;
	lua_createtable(L, LD__COUNT, 0);
	w->fns = lua_gettop(L);
	for (int e = 0; e < LD__COUNT; e++) {
		int t = lua_getfield(L, ft, ld_names[e]);
		if (t == LUA_TFUNCTION) {
			w->lines[e] = fl_line_of(L, -1);
			w->has |= WALK_BIT(e);
			lua_rawseti(L, w->fns, e);
			continue;
		}
		if (t != LUA_TNIL)
			fl_error(r, 0, "%s must be a function, not a %s", ld_names[e], lua_typename(L, t));
		lua_pop(L, 1);
	}
	for (int e = 0; e < LD_INLINE; e++) {
		int from = e == LD_CALLOUT && (w->has & WALK_BIT(LD_DIV)) ? LD_DIV
			 : ld_is_inline(e) ? LD_INLINE : LD_BLOCK;
		if ((w->has & WALK_BIT(e)) || !(w->has & WALK_BIT(from)))
			continue;
		lua_rawgeti(L, w->fns, from);
		lua_rawseti(L, w->fns, e);
		w->lines[e] = w->lines[from];
		w->has |= WALK_BIT(e);
	}
	int t = lua_getfield(L, ft, "traverse");
	const char *how = lua_tostring(L, -1);
	if (t != LUA_TNIL && (t != LUA_TSTRING || (strcmp(how, "topdown") && strcmp(how, "typewise"))))
		fl_error(r, 0, "traverse must be 'typewise' or 'topdown'");
	w->topdown = how && strcmp(how, "topdown") == 0;
	lua_pop(L, 1);
}

/* The page's front matter, as Meta and Pandoc see it. */
static void fl_push_fm(struct frun *r)
{
	if (r->cpage && r->cpage->fm)
		script_push_meta(r->st->L, r->cpage->fm);
	else
		lua_newtable(r->st->L);
}

static void fl_meta_fn(struct frun *r, struct walk *w)
{
	lua_State *L = r->st->L;
	if (!(w->has & WALK_BIT(LD_META)))
		return;
	walk_fn(w, LD_META);
	fl_push_fm(r);
	walk_call(w);
	if (!lua_isnil(L, -1) && !lua_istable(L, -1))
		fl_error(r, w->lines[LD_META], "Meta must return a table or nil, not a %s", luaL_typename(L, -1));
	fl_apply_meta(r, lua_gettop(L), w->lines[LD_META]);
	lua_pop(L, 1);
}

static void fl_pandoc_fn(struct frun *r, struct walk *w)
{
	lua_State *L = r->st->L;
	if (!(w->has & WALK_BIT(LD_PANDOC)))
		return;
	walk_fn(w, LD_PANDOC);
	ld_push_node(&w->ld, r->doc->root);
	fl_push_fm(r);
	lua_setfield(L, -2, "meta");
	walk_call(w);
	int doc = lua_gettop(L);
	if (lua_isnil(L, doc)) {
		lua_pop(L, 1);
		return;
	}
	lua_pushliteral(L, "t");
	if (!lua_istable(L, doc) || lua_rawget(L, doc) != LUA_TSTRING ||
	    strcmp(lua_tostring(L, -1), "Pandoc") != 0)
		fl_error(r, w->lines[LD_PANDOC], "Pandoc must return a Pandoc element or nil");
	lua_pop(L, 1);
	lua_getfield(L, doc, "blocks");
	w->ld.what = "Pandoc";
	walk_replace_children(w, r->doc->root, 0);
	lua_getfield(L, doc, "meta");
	fl_apply_meta(r, lua_gettop(L), w->lines[LD_PANDOC]);
	lua_settop(L, doc - 1);
}

/* Custom blocks may return Markdown. */
static void fl_walk_read(struct walk *w)
{
	lua_State *L = w->ld.L;
	size_t n;
	const char *s = lua_tolstring(L, -1, &n);
	fl_push_markdown(fl_run_of(L), s, n, w->file, w->ld.line);
	lua_replace(L, -2);
}

void fl_push_markdown(struct frun *r, const char *text, size_t len, const char *file, int line)
{
	lua_State *L = r->st->L;
	int top = lua_gettop(L);
	struct doc *d = md_parse(file, text, len, line > 0 ? line - 1 : 0);
	r->pending_doc = d;
	struct ld c;
	fl_ld(r, &c, d, 0);	/* no positions: d is freed below */
	ld_push_blocks(&c, d->root->first);
	lua_replace(L, top + 1);
	lua_settop(L, top + 1);
	r->pending_doc = NULL;
	doc_free(d);
}

/* As Pandoc walks MetaInlines, the inline functions walk the page's
 * title and summary, in the site pass only: the title is filtered
 * once, before anything reads it, and the PDFs take it from there. A
 * title taken from the page's first heading is in the front matter
 * too (input/title), so both agree. */
static void fl_meta_inlines(struct frun *r, struct walk *w)
{
	struct page *p = r->page;
	if (p == NULL || !walk_has_inlines(w))
		return;
	char **fields[] = {&p->title, &p->summary};
	static const char *keys[] = {"title", "summary"};
	for (int i = 0; i < 2; i++) {
		char *text = *fields[i];
		if (text == NULL || text[0] == '\0')
			continue;
		struct meta *m = meta_get(p->fm, keys[i]);
		int line = m ? m->line : 1, col = m ? m->col : 1;
		/* detached nodes in the page's arena: nothing to free on an error */
		struct doc_node *para = doc_node_new(r->doc, DOC_PARAGRAPH, line, col);
		struct doc_node *t = doc_node_new(r->doc, DOC_TEXT, line, col);
		t->u.text.len = strlen(text);
		t->u.text.s = arena_strndup(&r->doc->arena, text, t->u.text.len);
		doc_append(para, t);
		walk_inlines(w, para);
		struct buf b = {0};
		doc_text(para, &b);
		if (strcmp(b.p ? b.p : "", text)) {
			free(*fields[i]);
			*fields[i] = xstrdup(b.p ? b.p : "");
			if (m && m->type == META_STRING) {
				free(m->text);
				m->text = xstrdup(*fields[i]);
			}
		}
		buf_free(&b);
	}
}

static void fl_apply(struct frun *r, int ft, int blocks)
{
	lua_State *L = r->st->L;
	int top = lua_gettop(L);
	struct walk w;
	memset(&w, 0, sizeof w);
	fl_ld(r, &w.ld, r->doc, r->pos);
	w.file = r->st->f->files[r->file].path;
	w.read = fl_walk_read;
	w.blocks = blocks;
	fl_fns(r, &w, ft);
	if (w.topdown) {
		fl_pandoc_fn(r, &w);
		fl_meta_fn(r, &w);
		fl_meta_inlines(r, &w);
		walk_topdown(&w, r->doc->root);
	} else {
		walk_typewise(&w, r->doc->root);
		fl_meta_inlines(r, &w);
		fl_meta_fn(r, &w);
		fl_pandoc_fn(r, &w);
	}
	r->changed |= w.changed;
	lua_settop(L, top);
}

/* Pushes the hook function name of the filter ft, or returns 0. */
static int fl_hook_fn(struct frun *r, int ft, const char *name)
{
	lua_State *L = r->st->L;
	int t = lua_getfield(L, ft, name);
	if (t == LUA_TFUNCTION)
		return 1;
	if (t != LUA_TNIL)
		fl_error(r, 0, "%s must be a function, not a %s", name, lua_typename(L, t));
	lua_pop(L, 1);
	return 0;
}

/* on_page(page): nil, or a table of front-matter keys to change. */
static void fl_on_page(struct frun *r, int ft)
{
	lua_State *L = r->st->L;
	if (!fl_hook_fn(r, ft, "on_page"))
		return;
	int fn = lua_gettop(L), line = fl_line_of(L, fn);
	fl_push_page(L, r->page);
	lua_getfield(L, -1, "meta");
	lua_insert(L, fn);	/* meta, fn, page */
	lua_call(L, 1, 1);
	if (lua_istable(L, -1)) {
		for (lua_pushnil(L); lua_next(L, fn + 1);) {
			lua_pushvalue(L, -2);
			lua_insert(L, -2);
			lua_rawset(L, fn);	/* meta[key] = value; the key stays for lua_next */
		}
		fl_apply_meta(r, fn, line);
	} else if (!lua_isnil(L, -1)) {
		fl_error(r, line, "on_page must return a table of front-matter keys or nil");
	}
	lua_settop(L, fn - 1);
}

/* ---- hooks -------------------------------------------------------- */

static void fl_add_page_meta(struct frun *r, struct page *p, int spec, const char *file, int line)
{
	lua_State *L = r->st->L;
	int t = lua_getfield(L, spec, "meta");
	if (t == LUA_TTABLE) {
		p->fm = fl_to_meta(r, -1, NULL, file, line, 0);
		r->pending_meta = NULL;
	}
	lua_pop(L, 1);
	if (p->fm == NULL || p->fm->type != META_MAP) {
		meta_free(p->fm);
		p->fm = meta_new(META_MAP, file, line, 0);
	}
	if (lua_getfield(L, spec, "title") == LUA_TSTRING) {
		struct meta *title = meta_new(META_STRING, file, line, 0);
		title->text = xstrdup(lua_tostring(L, -1));
		meta_set(p->fm, "title", title);
		fl_meta_utf8(r, title, title->text, lua_rawlen(L, -1));
	}
	lua_pop(L, 1);
	char *real = p->file;
	p->file = (char *)file;	/* wrong values are the hook's */
	load_frontmatter(p);
	p->file = real;
}

static void fl_add_page_body(struct frun *r, struct page *p, int spec)
{
	lua_State *L = r->st->L;
	int t = lua_getfield(L, spec, "body");
	int body = lua_gettop(L);
	if (t == LUA_TSTRING) {
		size_t n;
		const char *s = lua_tolstring(L, -1, &n);
		/* Markdown as a page file is: UTF-8 without NUL */
		p->doc = utf8_report(p->file, s, n) == 0 ? md_parse(p->file, s, n, 0)
							 : doc_new(p->file, 0);
	} else {
		p->doc = doc_new(p->file, 0);
		struct ld c;
		fl_ld(r, &c, p->doc, 0);
		c.file = NULL;	/* errors at the add_page call */
		c.what = "site.add_page body";
		struct ld_chain ch = {0};
		ld_take(&c, body, 0, &ch);
		ld_adopt(p->doc->root, &ch);
	}
	lua_settop(L, spec);
}

/* site.add_page{source = "glossary/x.md", title = …, meta = {…},
 * body = "Markdown" or blocks}: a page like a loaded one, reported
 * under the path it would have. */
static int fl_add_page(lua_State *L)
{
	struct frun *r = fl_run_of(L);
	if (r == NULL || r->hook != FL_ON_SITE)
		return luaL_error(L, "site.add_page works only in on_site");
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 1);
	lua_getfield(L, 1, "source");
	const char *src = lua_tostring(L, -1);
	char *norm = src ? fs_normalize(src) : NULL;
	size_t nl = norm ? strlen(norm) : 0;
	int ok = nl > 3 && strcmp(norm + nl - 3, ".md") == 0 && !strstr(norm, "/.") && norm[0] != '.';
	for (size_t i = 0; ok && i < r->site->npages; i++)
		ok = strcmp(r->site->pages[i]->source, norm) != 0;
	if (!ok) {
		char msg[300];
		snprintf(msg, sizeof msg, "%s", src ? src : "(none)");
		int exists = norm && nl > 3;
		free(norm);
		return luaL_error(L, exists ? "site.add_page: a page %s already exists"
				  : "site.add_page: source must be a .md path inside content/, not %s", msg);
	}
	lua_Debug ar;
	int line = lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar) ? ar.currentline : 0;
	struct page *p = load_page_new(norm);
	free(norm);
	r->pending_page = p;
	fl_add_page_meta(r, p, 1, r->st->f->files[r->file].path, line);
	fl_add_page_body(r, p, 1);
	title_take(p);
	struct site *s = r->site;
	s->pages = xrealloc(s->pages, (s->npages + 2) * sizeof *s->pages);
	s->pages[s->npages++] = p;
	s->pages[s->npages] = NULL;
	r->pending_page = NULL;
	return 0;
}

static void fl_push_site(struct frun *r)
{
	lua_State *L = r->st->L;
	struct site *s = r->site;
	lua_createtable(L, 0, 8);
	static const char *keys[] = {"title", "description", "base_url", "language", NULL};
	for (int i = 0; keys[i]; i++)
		fl_setstr(L, keys[i], site_config_str(s, keys[i], i == 3 ? "ja" : ""));
	script_push_meta(L, s->config);
	lua_setfield(L, -2, "params");
	host_push_data(r->st);
	lua_setfield(L, -2, "data");
	lua_createtable(L, (int)s->npages, 0);
	for (size_t i = 0; i < s->npages; i++) {
		if (s->pages[i]->failed || s->pages[i]->fm == NULL)
			continue;
		fl_push_page(L, s->pages[i]);
		lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
	}
	lua_setfield(L, -2, "pages");
	lua_pushcfunction(L, fl_add_page);
	lua_setfield(L, -2, "add_page");
}

/* after_build's outputs: {path, size} of every file written, read-only. */
static void fl_push_outputs(struct frun *r)
{
	lua_State *L = r->st->L;
	lua_pushcfunction(L, script_freeze);
	lua_createtable(L, (int)r->noutputs, 0);
	for (size_t i = 0; i < r->noutputs; i++) {
		lua_createtable(L, 0, 2);
		fl_setstr(L, "path", r->outputs[i].path);
		lua_pushinteger(L, r->outputs[i].size);
		lua_setfield(L, -2, "size");
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_call(L, 1, 1);
}

static void fl_hook(struct frun *r, int ft)
{
	const char *name = r->hook == FL_ON_SITE ? "on_site" : "after_build";
	if (!fl_hook_fn(r, ft, name))
		return;
	if (r->hook == FL_ON_SITE)
		fl_push_site(r);
	else
		fl_push_outputs(r);
	lua_call(r->st->L, 1, 0);
}

/* The blocks tebiki.block registered while the chunk ran, or 0. */
static int fl_blocks(lua_State *L)
{
	lua_rawgetp(L, LUA_REGISTRYINDEX, &fl_key_blocks);
	lua_pushnil(L);
	if (lua_next(L, -2)) {
		lua_pop(L, 2);
		return lua_gettop(L);
	}
	lua_pop(L, 1);
	return 0;
}

/* One file over one page (or one hook), run protected. */
static int fl_run(lua_State *L)
{
	struct frun *r = lua_touserdata(L, 1);
	fl_env(r);
	int env = lua_gettop(L);
	lua_newtable(L);	/* element → node, for this run only */
	lua_createtable(L, 0, 1);
	lua_pushliteral(L, "k");
	lua_setfield(L, -2, "__mode");
	lua_setmetatable(L, -2);
	r->pos = lua_gettop(L);
	lua_rawgeti(L, LUA_REGISTRYINDEX, r->st->ref_chunks);
	lua_rawgeti(L, -1, (lua_Integer)r->file + 1);
	lua_remove(L, -2);
	if (!lua_isfunction(L, -1))
		return 0;	/* did not compile: reported */
	lua_pushvalue(L, env);
	lua_setupvalue(L, -2, 1);	/* its _ENV */
	r->loading = 1;
	lua_call(L, 0, 1);
	r->loading = 0;
	fl_collect(r, env, lua_gettop(L));
	int list = lua_gettop(L), blocks = fl_blocks(L);
	for (lua_Integer i = 1; i <= (lua_Integer)lua_rawlen(L, list); i++) {
		lua_rawgeti(L, list, i);
		int ft = lua_gettop(L);
		if (r->hook != FL_FILTER)
			fl_hook(r, ft);
		else if (r->doc)
			fl_apply(r, ft, i == 1 ? blocks : 0);
		if (r->hook == FL_FILTER && r->page)
			fl_on_page(r, ft);
		lua_settop(L, ft - 1);
	}
	return 0;
}

static int fl_exec(struct frun *r)
{
	struct fstate *st = r->st;
	lua_State *L = st->L;
	st->run = r;
	lua_pushcfunction(L, fl_run);
	lua_pushlightuserdata(L, r);
	script_set_context(st->S, r->context[0] ? r->context : NULL);
	int rc = script_pcall(st->S, 1, 0, st->f->files[r->file].path);
	script_set_context(st->S, NULL);
	st->run = NULL;
	char *keys[] = {&fl_key_env, &fl_key_blocks, &fl_key_loaded};
	for (int i = 0; i < 3; i++) {
		lua_pushnil(L);
		lua_rawsetp(L, LUA_REGISTRYINDEX, keys[i]);
	}
	meta_free(r->pending_meta);
	doc_free(r->pending_doc);
	free(r->pending_buf);
	if (r->pending_page)
		site_page_free(r->pending_page);
	return rc;
}

static struct fstate *fl_acquire_or_report(struct filters *f)
{
	struct fstate *st = fl_acquire(f);
	if (st == NULL)
		diag_error(NULL, 0, 0, "cannot set up a Lua state for the filters");
	return st;
}

/* A hook runs the files that name it: the others' chunks need not run
 * once more (they may expect tebiki.page, which a hook has not), and
 * an error at their top level is reported once, by the pages. A hook
 * that fails stops the pages being filtered: the build fails anyway. */
static void fl_hooks(struct filters *f, enum fl_hook hook, struct site *s,
		     const struct fl_output *o, size_t n)
{
	const char *name = hook == FL_ON_SITE ? "on_site" : "after_build";
	struct fstate *st = NULL;
	for (size_t k = 0; k < f->n && !f->broken; k++) {
		if (!memmem(f->files[k].text, f->files[k].len, name, strlen(name)))
			continue;
		if (st == NULL && (st = fl_acquire_or_report(f)) == NULL)
			break;
		struct frun r = {.st = st, .file = k, .hook = hook, .format = "html",
				 .site = s, .outputs = o, .noutputs = n};
		if (fl_exec(&r) < 0)
			f->broken = 1;
	}
	fl_release(f, st);
}

/* Every file over one tree; a file that fails ends it (the build
 * fails anyway, and the next file would see a half-done tree). */
static int fl_all(struct filters *f, struct doc *d, struct page *p, const struct page *cp,
		  const struct variant *v, const char *format)
{
	struct fstate *st = fl_acquire_or_report(f);
	int rc = st ? 0 : -1, changed = 0;
	for (size_t k = 0; st && k < f->n && rc == 0; k++) {
		struct frun r = {.st = st, .file = k, .doc = d, .page = p, .cpage = cp,
				 .v = v, .format = format};
		if (cp)
			snprintf(r.context, sizeof r.context, "while filtering %s", cp->file);
		rc = fl_exec(&r);
		changed |= r.changed;
	}
	fl_release(f, st);
	if (changed)
		md_mark_joins(d->root);
	return rc;
}

struct fl_pass {
	struct filters *f;
	struct site *s;
};

static void fl_page_job(size_t i, int worker, void *ctx)
{
	(void)worker;
	struct fl_pass *pass = ctx;
	struct page *p = pass->s->pages[i];
	if (!p->failed && p->doc && !p->draft)
		fl_all(pass->f, p->doc, p, p, NULL, "html");
}

int filter_site(struct filters *f, struct site *s)
{
	if (f == NULL)
		return 0;
	if (f->broken)
		return -1;
	int before = diag_errors();
	fl_hooks(f, FL_ON_SITE, s, NULL, 0);
	if (f->broken)
		return -1;
	struct fl_pass pass = {f, s};
	pool_run(s->jobs, s->npages, fl_page_job, &pass);
	return diag_errors() > before ? -1 : 0;
}

int filter_page(struct filters *f, struct page *p)
{
	if (f == NULL)
		return 0;
	if (f->broken)
		return -1;
	for (size_t k = 0; k < f->n; k++)	/* as fl_hooks finds them */
		if (memmem(f->files[k].text, f->files[k].len, "on_site", strlen("on_site")))
			return -1;
	int before = diag_errors();
	fl_all(f, p->doc, p, p, NULL, "html");
	return diag_errors() > before ? -1 : 0;
}

int filter_run(struct filters *f, struct doc *d, const struct page *p,
	       const struct variant *v, const char *format)
{
	if (f == NULL)
		return 0;
	if (f->broken)
		return -1;
	if (format == NULL)
		format = v && v->format ? v->format : "html";
	return fl_all(f, d, NULL, p, v, format);
}

static void fl_outputs(const char *root, const char *rel, struct fl_output **v, size_t *n)
{
	char *dir = rel[0] ? fs_join(root, rel) : xstrdup(root);
	size_t k;
	char **names = fs_list(dir, &k);
	for (size_t i = 0; i < k; i++) {
		char *sub = rel[0] ? fs_join(rel, names[i]) : xstrdup(names[i]);
		char *full = fs_join(root, sub);
		struct stat st;
		if (fs_isdir(full)) {
			fl_outputs(root, sub, v, n);
			free(sub);
		} else {
			*v = xrealloc(*v, (*n + 1) * sizeof **v);
			(*v)[*n].path = sub;
			(*v)[(*n)++].size = stat(full, &st) == 0 ? (long long)st.st_size : 0;
		}
		free(full);
	}
	fs_list_free(names, k);
	free(dir);
}

int filter_after_build(struct filters *f, const char *outdir)
{
	if (f == NULL)
		return 0;
	if (f->broken)
		return -1;
	int before = diag_errors();
	struct fl_output *o = NULL;
	size_t n = 0;
	fl_outputs(outdir, "", &o, &n);
	fl_hooks(f, FL_AFTER_BUILD, NULL, o, n);
	for (size_t i = 0; i < n; i++)
		free(o[i].path);
	free(o);
	return diag_errors() > before ? -1 : 0;
}
