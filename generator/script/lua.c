/* lua: one sandboxed state per worker thread. The sandbox is built by
 * giving scripts a fresh global table that holds only safe functions:
 * no os, io, debug, package, dofile, loadfile or string.dump, and a
 * load that takes text chunks only. A count hook enforces the
 * instruction budget of each call; the allocator enforces the memory
 * cap of the state. */
#include "lua.h"
#include "sandbox.h"

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/diag.h"
#include "../base/watchdog.h"
#include "../base/xalloc.h"
#include "../model/checklist.h"
#include "../model/doc.h"
#include "../model/meta.h"
#include "../model/site.h"

#define SCRIPT_HOOK_STEP 1000

struct script {
	lua_State *L;
	size_t used, cap;
	long budget, limit;
	int mem_tripped;
	int ref_G;		/* the globals scripts see */
	int ref_templates;	/* name → compiled function */
	int ref_objects;	/* model pointer → Lua table */
	int ref_render;		/* the prelude's render function */
	int ref_empty;		/* one read-only empty list, shared */
	int ref_frozen;		/* real table → its read-only proxy */
	int ref_real;		/* proxy → its real table (weak keys); also the metamethods' upvalue */
	int ref_romt;		/* the metatable every proxy shares */
	int ref_Gro;		/* the globals, read-only: what scripts see */
	int tripped;		/* the instruction limit fired in this call */
	const char *page;	/* the output page being rendered, for errors */
	char where[256];	/* the script's file and line at the last hook */
	int where_line;
	const char *busy;	/* the pattern function running, for the watchdog */
	const char *context;	/* added to error reports (script_set_context) */
};

/* The runtime of templates: environments, include, layout, url.
 * Written in Lua because that is what it manipulates. newenv is given
 * an environment as a table constructor that names all its keys (the
 * three it sets among them): the table is made at its size at once,
 * where adding them one by one rehashed it three times, twice a page.
 * The tracebacks of tests/e2e/broken name the lines of render (14 to
 * 17). */
static const char script_prelude[] =
	"local T, G, esc, mkurl = ...\n"
	"local setmetatable, rawget, rawset, error, tostring, pairs ="
	" setmetatable, rawget, rawset, error, tostring, pairs\n"
	"local function raw(v) if v == nil then return '' end return tostring(v) end\n"
	"local render\n"
	"-- url() is in C (script_url): templates call it for every link\n"
	"local function newenv(parent, env)\n"
	"  env.include = function(name, v)\n"
	"    local e = {include = false, layout = false, url = false}\n"
	"    if v then for k, x in pairs(v) do rawset(e, k, x) end end\n"
	"    return render(name, newenv(env, e), 0) end\n"
	"  env.layout = function(name) rawset(env, '_layout', name) end\n"
	"  env.url = mkurl(env) return setmetatable(env, {__index = parent})\n"
	"end\n"
	"render = function(name, env, depth)\n"
	"  local f = T[name]\n"
	"  if not f then error(\"no template '\" .. tostring(name) .. \"'\", 0) end\n"
	"  local out = f(env, esc, raw)\n"
	"  local lay = rawget(env, '_layout')\n"
	"  if lay then\n"
	"    rawset(env, '_layout', nil)\n"
	"    if depth > 8 then error('layouts nested more than 8 deep', 0) end\n"
	"    return render(lay, newenv(env, {body = out, include = false, layout = false,"
	" url = false}), depth + 1)\n"
	"  end\n"
	"  return out\n"
	"end\n"
	"G.date = function(s)\n"
	"  if s == nil then return '' end\n"
	"  local y, m, d = tostring(s):match('^(%d+)-(%d+)-(%d+)$')\n"
	"  if not y then return tostring(s) end\n"
	"  return y .. '年' .. tonumber(m) .. '月' .. tonumber(d) .. '日'\n"
	"end\n"
	"G.escape = esc\n"
	"return function(name, page, root, genv)\n"
	"  return render(name, newenv(genv, {page = page, root = root, include = false,"
	" layout = false, url = false}), 0)\n"
	"end\n";

static void *script_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct script *S = ud;
	size_t old = ptr ? osize : 0;
	if (nsize == 0) {
		S->used -= old;
		free(ptr);
		return NULL;
	}
	if (nsize > old && S->used + (nsize - old) > S->cap + S->cap / 4) {
		S->mem_tripped = 1;
		return NULL;
	}
	void *p = realloc(ptr, nsize);
	if (p == NULL)
		return NULL;
	S->used = S->used - old + nsize;
	/* a C function can do much work in one instruction: string.rep
	 * of 280 KB in a loop kept a 100,000-instruction budget busy for
	 * seconds. Every 64 bytes allocated count as an instruction, so
	 * the budget bounds that work too (the hook raises the error). */
	if (nsize > old)
		S->budget -= (long)((nsize - old) >> 6);
	return p;
}

static struct script *script_of(lua_State *L)
{
	void *ud;
	lua_getallocf(L, &ud);
	return ud;
}

static void script_hook(lua_State *L, lua_Debug *ar)
{
	(void)ar;
	struct script *S = script_of(L);
	S->budget -= SCRIPT_HOOK_STEP;
	lua_Debug where;
	if (lua_getstack(L, 0, &where) && lua_getinfo(L, "Sl", &where) &&
	    where.source[0] == '@' && where.currentline > 0) {
		/* where the script was, for an allocation refused later */
		snprintf(S->where, sizeof S->where, "%s", where.source + 1);
		S->where_line = where.currentline;
	}
	if (S->budget < 0 || S->tripped) {
		/* once tripped, every hook raises again, so a pcall in the
		 * script cannot catch the limit and carry on */
		if (!S->tripped)	/* from now on, check after every instruction */
			lua_sethook(L, script_hook, LUA_MASKCOUNT, 1);
		S->tripped = 1;
		char msg[96];
		snprintf(msg, sizeof msg, "instruction limit (%ld) exceeded: a runaway loop?", S->limit);
		lua_pushstring(L, msg);
		lua_error(L);	/* no position: the handler finds the script's line */
	}
	if (S->used > S->cap) {
		/* the soft memory limit: raised here, where the error gets the
		 * script's file and line; the allocator refuses only past the
		 * hard limit */
		S->mem_tripped = 1;
		lua_pushfstring(L, "memory limit (%d MB) exceeded", (int)(S->cap >> 20));
		lua_error(L);
	}
}

/* escape(v): the value as HTML text; nil is empty. */
static int script_escape(lua_State *L)
{
	size_t n;
	const char *s;
	switch (lua_type(L, 1)) {
	case LUA_TNIL:
	case LUA_TNONE:
		lua_pushliteral(L, "");
		return 1;
	case LUA_TSTRING:
	case LUA_TNUMBER:
	case LUA_TBOOLEAN:
		s = luaL_tolstring(L, 1, &n);
		break;
	default:
		return luaL_error(L, "cannot print a %s (use a field of it)", luaL_typename(L, 1));
	}
	size_t i = 0;
	while (i < n && s[i] != '&' && s[i] != '<' && s[i] != '>' && s[i] != '"' && s[i] != '\'')
		i++;
	if (i == n)
		return 1;	/* most text: luaL_tolstring's string as it is */
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	size_t start = 0;
	for (; i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		luaL_addlstring(&b, s + start, i - start);
		luaL_addstring(&b, rep);
		start = i + 1;
	}
	luaL_addlstring(&b, s + start, n - start);
	luaL_pushresult(&b);
	return 1;
}

#define SCRIPT_ALPHA(c) (((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z'))
#define SCRIPT_ALNUM(c) (SCRIPT_ALPHA(c) || ((c) >= '0' && (c) <= '9'))

/* Pushes s with every byte but ASCII letters, digits and those of keep
 * percent-encoded (%XX, upper case), as s:gsub('[^%w…]', …) would in
 * the C locale; s itself (at index idx) when nothing needs it. */
static void script_pct(lua_State *L, int idx, const char *s, size_t n, const char *keep)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i = 0;
	while (i < n && (SCRIPT_ALNUM(s[i]) || (s[i] && strchr(keep, s[i]))))
		i++;
	if (i == n) {
		lua_pushvalue(L, idx);
		return;
	}
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	luaL_addlstring(&b, s, i);
	for (; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (SCRIPT_ALNUM(c) || (c && strchr(keep, c))) {
			luaL_addchar(&b, (char)c);
		} else {
			luaL_addchar(&b, '%');
			luaL_addchar(&b, hex[c >> 4]);
			luaL_addchar(&b, hex[c & 15]);
		}
	}
	luaL_pushresult(&b);
}

/* url(x) of a template: x (a path, or a page's or section's table,
 * for its url) relative to the page, from its environment's root (the
 * closure's upvalue). Every byte but ASCII letters, digits and
 * -._~/:#%?=&;+,!$()*@ is percent-encoded; a link out (one that starts
 * with a scheme, x:match('^%a[%w+.-]*:')) gets no root; '' is the
 * root itself, or './'. In C because templates call it for every link:
 * as Lua it was a Lua call, two calls of type(), a C call and a
 * concatenation, for each of a sidebar's forty links. */
static int script_url(lua_State *L)
{
	if (lua_type(L, 1) == LUA_TTABLE) {
		lua_getfield(L, 1, "url");
		lua_replace(L, 1);
	}
	if (lua_type(L, 1) != LUA_TSTRING)
		return luaL_error(L, "url() needs a page or a path");
	lua_settop(L, 1);
	size_t n;
	const char *s = lua_tolstring(L, 1, &n);
	lua_getfield(L, lua_upvalueindex(1), "root");	/* 2 */
	if (n == 0) {
		if (!lua_toboolean(L, 2) || (lua_type(L, 2) == LUA_TSTRING && lua_rawlen(L, 2) == 0))
			lua_pushliteral(L, "./");
		else
			lua_pushvalue(L, 2);
		return 1;
	}
	size_t k = 0;
	if (SCRIPT_ALPHA(s[0]))
		for (k = 1; k < n && (SCRIPT_ALNUM(s[k]) || s[k] == '+' || s[k] == '.' || s[k] == '-'); k++)
			;
	int scheme = k > 0 && k < n && s[k] == ':';
	if (!scheme)
		lua_pushvalue(L, 2);
	script_pct(L, 1, s, n, "-._~/:#%?=&;+,!$()*@");
	if (!scheme)
		lua_concat(L, 2);
	return 1;
}

/* The url() of an environment of the prelude. */
static int script_mkurl(lua_State *L)
{
	lua_settop(L, 1);
	lua_pushcclosure(L, script_url, 1);
	return 1;
}

/* urlencode(s): s with every byte but the unreserved characters of
 * RFC 3986 (ASCII letters, digits, -._~) percent-encoded: a heading's
 * Japanese id in a fragment link. */
static int script_urlencode(lua_State *L)
{
	size_t n;
	const char *s = luaL_checklstring(L, 1, &n);
	script_pct(L, 1, s, n, "-._~");
	return 1;
}

/* setmetatable without __gc: finalizers run with hooks off, so an
 * endless loop in one could not be stopped. */
static int script_setmetatable(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	luaL_argexpected(L, lua_isnoneornil(L, 2) || lua_istable(L, 2), 2, "nil or table");
	if (lua_istable(L, 2) && lua_getfield(L, 2, "__gc") != LUA_TNIL)
		return luaL_error(L, "__gc metamethods are not allowed");
	if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL)
		return luaL_error(L, "cannot change a protected metatable");
	lua_settop(L, 2);
	lua_setmetatable(L, 1);
	return 1;
}

/* string.rep that checks the size first: one call can ask for more
 * memory than the limit, and the allocator's refusal has no line. */
static int script_rep(lua_State *L)
{
	struct script *S = script_of(L);
	size_t l, lsep;
	luaL_checklstring(L, 1, &l);
	lua_Integer n = luaL_checkinteger(L, 2);
	luaL_optlstring(L, 3, "", &lsep);
	double want = n > 0 ? (double)n * (double)(l + lsep) : 0;
	if (want > (double)(S->cap - (S->used < S->cap ? S->used : S->cap))) {
		char msg[128];	/* lua_pushfstring knows no %.0f */
		snprintf(msg, sizeof msg, "memory limit (%d MB) exceeded: string.rep of %.0f bytes",
			 (int)(S->cap >> 20), want);
		return luaL_error(L, "%s", msg);
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

/* string.find, match, gsub and gmatch's iterator: one call can
 * backtrack for hours inside C, where no hook runs, and only the
 * watchdog stops it. Each notes the line that called it and its name
 * first, so the watchdog can say where and what it stopped.
 * Upvalues: the real function, its name. */
static int script_pattern(lua_State *L)
{
	struct script *S = script_of(L);
	lua_Debug ar;
	if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar) &&
	    ar.source[0] == '@' && ar.currentline > 0) {
		snprintf(S->where, sizeof S->where, "%s", ar.source + 1);
		S->where_line = ar.currentline;
	}
	const char *was = S->busy;
	S->busy = lua_tostring(L, lua_upvalueindex(2));	/* kept by the closure */
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
	S->busy = was;
	return lua_gettop(L);
}

/* string.gmatch: its iterator does the matching, so it is wrapped. */
static int script_gmatch(lua_State *L)
{
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	lua_pushliteral(L, "string.gmatch");
	lua_pushcclosure(L, script_pattern, 2);
	return 1;
}

static void script_wrap_patterns(lua_State *L, int lib)
{
	static const char *const names[] = {"find", "match", "gsub", NULL};
	for (const char *const *n = names; *n; n++) {
		lua_getfield(L, lib, *n);
		lua_pushfstring(L, "string.%s", *n);
		lua_pushcclosure(L, script_pattern, 2);
		lua_setfield(L, lib, *n);
	}
	lua_getfield(L, lib, "gmatch");
	lua_pushcclosure(L, script_gmatch, 1);
	lua_setfield(L, lib, "gmatch");
}

/* load(chunk [, name [, mode [, env]]]): text chunks only, and the
 * environment defaults to the sandbox, never the real globals. */
static int script_load(lua_State *L)
{
	size_t n;
	const char *s = luaL_checklstring(L, 1, &n);
	const char *name = luaL_optstring(L, 2, "=(load)");
	if (n > 0 && s[0] == LUA_SIGNATURE[0])
		return luaL_error(L, "binary chunks are not allowed");
	if (luaL_loadbufferx(L, s, n, name, "t") != LUA_OK) {
		lua_pushnil(L);
		lua_insert(L, -2);
		return 2;
	}
	if (!lua_isnoneornil(L, 4))
		lua_pushvalue(L, 4);
	else {
		struct script *S = script_of(L);
		lua_rawgeti(L, LUA_REGISTRYINDEX, S->ref_Gro ? S->ref_Gro : S->ref_G);
	}
	if (!lua_setupvalue(L, -2, 1))
		lua_pop(L, 1);
	return 1;
}

static void script_copy(lua_State *L, int from, const char *const *names)
{
	for (; *names; names++) {
		lua_getfield(L, from, *names);
		lua_setfield(L, -2, *names);
	}
}

/* Builds the sandbox's globals in a new table (left on the stack). */
void script_globals(lua_State *L)
{
	static const char *const base[] = {
		"assert", "error", "ipairs", "next", "pairs", "pcall", "rawequal",
		"rawget", "rawlen", "select", "setmetatable",
		"getmetatable", "tonumber", "tostring", "type", "xpcall", "_VERSION",
		NULL};
	static const char *const libs[] = {"string", "table", "math", "utf8", "coroutine", NULL};
	lua_newtable(L);
	lua_pushglobaltable(L);
	int real = lua_gettop(L);
	lua_pushvalue(L, real - 1);
	script_copy(L, real, base);
	for (const char *const *l = libs; *l; l++) {
		lua_getfield(L, real, *l);	/* copy each library table */
		lua_newtable(L);
		lua_pushnil(L);
		while (lua_next(L, -3)) {
			lua_pushvalue(L, -2);
			lua_insert(L, -2);
			lua_settable(L, -4);
		}
		if (strcmp(*l, "string") == 0) {
			lua_pushnil(L);
			lua_setfield(L, -2, "dump");
			lua_getfield(L, -1, "rep");
			lua_pushcclosure(L, script_rep, 1);
			lua_setfield(L, -2, "rep");
			script_wrap_patterns(L, lua_gettop(L));
		}
		lua_setfield(L, -3, *l);
		lua_pop(L, 1);
	}
	lua_pushcfunction(L, script_load);
	lua_setfield(L, -2, "load");
	lua_pushcfunction(L, script_setmetatable);
	lua_setfield(L, -2, "setmetatable");
	lua_pushvalue(L, -1);
	lua_setfield(L, -2, "_G");
	lua_pop(L, 2);	/* the copy and the real globals */
}

static int script_readonly(lua_State *L)
{
	return luaL_error(L, "this list is read-only");
}

/* ---- read-only views ----------------------------------------------
 * Every page renders in the same state, so anything a template could
 * write into site, a page or a library would be seen by the pages
 * rendered after it, and the output would depend on the order and the
 * number of threads. Scripts therefore see proxies: empty tables whose
 * shared metatable reads from the real table and refuses writes. */

/* The metamethods hold the map proxy → real table as their upvalue:
 * every read of site data passes here, and the registry was two more
 * lookups. */
static void script_real(lua_State *L, int proxy)
{
	lua_pushvalue(L, proxy);
	lua_rawget(L, lua_upvalueindex(1));
}

static int script_ro_index(lua_State *L)
{
	script_real(L, 1);
	lua_pushvalue(L, 2);
	lua_rawget(L, -2);
	return 1;
}

static int script_ro_newindex(lua_State *L)
{
	return luaL_error(L, "cannot set '%s': site data and libraries are read-only",
			  luaL_tolstring(L, 2, NULL));
}

static int script_ro_len(lua_State *L)
{
	script_real(L, 1);
	lua_pushinteger(L, (lua_Integer)lua_rawlen(L, -1));
	return 1;
}

static int script_ro_next(lua_State *L)
{
	script_real(L, 1);
	lua_pushvalue(L, 2);
	if (lua_next(L, -2))
		return 2;
	lua_pushnil(L);
	return 1;
}

static int script_ro_pairs(lua_State *L)
{
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_pushcclosure(L, script_ro_next, 1);
	lua_pushvalue(L, 1);
	lua_pushnil(L);
	return 3;
}

/* Pushes the proxy of the real table at idx, making it on first use. */
static int script_proxy(struct script *S, int idx)
{
	lua_State *L = S->L;
	idx = lua_absindex(L, idx);
	lua_rawgeti(L, LUA_REGISTRYINDEX, S->ref_frozen);
	lua_pushvalue(L, idx);
	if (lua_rawget(L, -2) != LUA_TNIL) {
		lua_remove(L, -2);
		return 0;
	}
	lua_pop(L, 1);
	lua_newtable(L);
	lua_rawgeti(L, LUA_REGISTRYINDEX, S->ref_romt);
	lua_setmetatable(L, -2);
	lua_pushvalue(L, idx);
	lua_pushvalue(L, -2);
	lua_rawset(L, -4);	/* frozen[real] = proxy */
	lua_rawgeti(L, LUA_REGISTRYINDEX, S->ref_real);
	lua_pushvalue(L, -2);
	lua_pushvalue(L, idx);
	lua_rawset(L, -3);	/* real[proxy] = real table */
	lua_pop(L, 1);
	lua_remove(L, -2);
	return 1;
}

/* Freezes the table at the top: every table reachable from it is
 * replaced by its proxy, breadth first (pages link to each other in
 * long prev/next chains, too deep for recursion). Leaves the proxy. */
int script_freeze(lua_State *L)
{
	struct script *S = script_of(L);
	lua_newtable(L);	/* the work list, at index 2 */
	lua_Integer head = 1, tail = 0;
	lua_pushvalue(L, 1);
	lua_rawseti(L, 2, ++tail);
	script_proxy(S, 1);	/* the result, at index 3 */
	while (head <= tail) {
		lua_rawgeti(L, 2, head++);
		int t = lua_gettop(L);
		lua_pushnil(L);
		while (lua_next(L, t)) {
			if (lua_type(L, -1) == LUA_TTABLE && !lua_getmetatable(L, -1)) {
				if (script_proxy(S, -1)) {
					lua_pushvalue(L, -2);
					lua_rawseti(L, 2, ++tail);
				}
				lua_pushvalue(L, -3);
				lua_insert(L, -2);
				lua_rawset(L, t);	/* real[k] = proxy */
				lua_pop(L, 1);
			} else if (lua_type(L, -1) == LUA_TTABLE) {
				lua_pop(L, 2);	/* has a metatable: already a proxy */
			} else
				lua_pop(L, 1);
		}
		lua_pop(L, 1);
	}
	return 1;
}

static void script_romt(struct script *S)
{
	lua_State *L = S->L;
	lua_newtable(L);
	lua_newtable(L);
	lua_pushliteral(L, "k");
	lua_setfield(L, -2, "__mode");
	lua_setmetatable(L, -2);
	lua_pushvalue(L, -1);
	S->ref_real = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_newtable(L);
	S->ref_frozen = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_newtable(L);
	lua_insert(L, -2);	/* the metatable, then the map: its upvalue */
	static const luaL_Reg mt[] = {
		{"__index", script_ro_index}, {"__newindex", script_ro_newindex},
		{"__len", script_ro_len}, {"__pairs", script_ro_pairs}, {NULL, NULL}};
	luaL_setfuncs(L, mt, 1);
	lua_pushliteral(L, "read-only");
	lua_setfield(L, -2, "__metatable");
	S->ref_romt = luaL_ref(L, LUA_REGISTRYINDEX);
}


struct script *script_new(const struct script_limits *lim)
{
	struct script *S = xcalloc(1, sizeof *S);
	S->cap = lim->memory;
	S->limit = lim->instructions;
	S->L = lua_newstate(script_alloc, S);
	if (S->L == NULL) {	/* reported: nothing would be rendered */
		diag_error("site.yaml", 0, 0, "cannot start Lua within limits.memory_mb (%zu MB)",
			   S->cap >> 20);
		free(S);
		return NULL;
	}
	lua_State *L = S->L;
	luaL_openlibs(L);	/* into the real globals, which scripts never see */
	/* Every string shares one metatable: getmetatable('').__index = f
	 * in one page's filter or template would change ('x'):upper() for
	 * every page after it (and the output would depend on -j). Scripts
	 * get false for it, as for every other protected metatable. */
	lua_pushliteral(L, "");
	lua_getmetatable(L, -1);
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 2);
	script_globals(L);
	S->ref_G = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_newtable(L);
	S->ref_templates = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_newtable(L);
	S->ref_objects = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_newtable(L);	/* the shared empty list refuses new keys */
	lua_newtable(L);
	lua_pushcfunction(L, script_readonly);
	lua_setfield(L, -2, "__newindex");
	lua_setmetatable(L, -2);
	S->ref_empty = luaL_ref(L, LUA_REGISTRYINDEX);
	if (luaL_loadbufferx(L, script_prelude, sizeof script_prelude - 1,
			     "=(tebiki)", "t") != LUA_OK)
		abort();	/* our own code: cannot fail */
	lua_rawgeti(L, LUA_REGISTRYINDEX, S->ref_templates);
	lua_rawgeti(L, LUA_REGISTRYINDEX, S->ref_G);
	lua_pushcfunction(L, script_escape);
	lua_pushcfunction(L, script_mkurl);
	lua_call(L, 4, 1);
	S->ref_render = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_rawgeti(L, LUA_REGISTRYINDEX, S->ref_G);
	lua_pushcfunction(L, script_urlencode);
	lua_setfield(L, -2, "urlencode");
	lua_pop(L, 1);
	script_romt(S);
	/* The site's tables (every page's) live as long as the state, and
	 * each page leaves only young garbage: a generational collector
	 * leaves the old ones alone, where the incremental one went over
	 * all of them again and again (a tenth of a 10,000-page build).
	 * A minor collection after 5 % growth, not 20 %: a page's output
	 * is garbage once written, and 20 % of a 10,000-page site's
	 * tables is 6 MB of it per state; the instructions are the same. */
	lua_gc(L, LUA_GCGEN, 5, 0);
	lua_sethook(L, script_hook, LUA_MASKCOUNT, SCRIPT_HOOK_STEP);
	return S;
}

void script_free(struct script *S)
{
	if (S == NULL)
		return;
	lua_close(S->L);
	free(S);
}

/* The message handler: finds the template or script line the error
 * belongs to and appends a traceback. Leaves "file\nline\nmessage". */
static int script_msgh(lua_State *L)
{
	const char *msg = lua_tostring(L, 1);
	if (msg == NULL)
		msg = luaL_tolstring(L, 1, NULL);
	const char *src = NULL;
	int line = 0;
	lua_Debug ar;
	/* the innermost frames only: lua_getstack walks from the top, so
	 * scanning a 200,000-deep recursion would take minutes */
	for (int level = 0; level < 64 && lua_getstack(L, level, &ar); level++) {
		lua_getinfo(L, "Sl", &ar);
		if (ar.currentline > 0 && ar.source[0] == '@') {
			size_t sl = strlen(ar.short_src);
			if (strncmp(msg, ar.short_src, sl) == 0 && msg[sl] == ':') {
				src = ar.source + 1;
				line = atoi(msg + sl + 1);
				msg += sl + 1;
				msg += strspn(msg, "0123456789");
				msg += strspn(msg, ": ");
				break;
			}
			if (src == NULL) {
				src = ar.source + 1;
				line = ar.currentline;
			}
		}
	}
	size_t fl = strcspn(msg, ": \n");
	if (src == NULL && fl > 0 && msg[fl] == ':' && msg[fl + 1] >= '0' && msg[fl + 1] <= '9') {
		/* raised by C code that named the place itself ("file:line: …") */
		src = lua_pushlstring(L, msg, fl);
		line = atoi(msg + fl + 1);
		msg += fl + 1;
		msg += strspn(msg, "0123456789");
		msg += strspn(msg, ": ");
	}
	if (strncmp(msg, "(tebiki):", 9) == 0) {
		/* a position inside tebiki's own prelude says nothing to the user */
		const char *rest = msg + 9 + strspn(msg + 9, "0123456789");
		if (*rest == ':')
			msg = rest + 1 + strspn(rest + 1, " ");
	}
	luaL_traceback(L, L, NULL, 1);
	lua_pushfstring(L, "%s\n%d\n%s\n%s", src ? src : "", line, msg, lua_tostring(L, -1));
	return 1;
}

/* Reports the error a protected call left on the stack and pops it. */
static void script_report(struct script *S, int rc, const char *what)
{
	lua_State *L = S->L;
	if (rc == LUA_ERRMEM) {
		diag_error(S->where_line ? S->where : what, S->where_line, 0,
			   "memory limit (%zu MB) exceeded%s%s", S->cap >> 20,
			   S->context ? "\n" : "", S->context ? S->context : "");
		S->mem_tripped = 0;
		lua_pop(L, 1);
		return;
	}
	const char *s = lua_tostring(L, -1);
	if (s == NULL)
		s = "\n0\n(error object is not a string)\n";
	const char *nl1 = strchr(s, '\n');
	const char *nl2 = nl1 ? strchr(nl1 + 1, '\n') : NULL;
	const char *nl3 = nl2 ? strchr(nl2 + 1, '\n') : NULL;
	if (nl3 == NULL) {
		diag_error(what, 0, 0, "%s", s);
	} else {
		char *file = xstrndup(s, (size_t)(nl1 - s));
		int line = atoi(nl1 + 1);
		diag_error(file[0] ? file : what, line, 0, "%.*s%s%s%s\n%s%s%s",
			   (int)(nl3 - nl2 - 1), nl2 + 1, S->page ? " (rendering " : "",
			   S->page ? S->page : "", S->page ? ")" : "", nl3 + 1,
			   S->context ? "\n" : "", S->context ? S->context : "");
		free(file);
	}
	lua_pop(L, 1);
}

int script_pcall(struct script *S, int nargs, int nres, const char *what)
{
	lua_State *L = S->L;
	int base = lua_gettop(L) - nargs;
	lua_pushcfunction(L, script_msgh);
	lua_insert(L, base);
	S->budget = S->limit;
	S->mem_tripped = 0;
	if (S->tripped)
		lua_sethook(L, script_hook, LUA_MASKCOUNT, SCRIPT_HOOK_STEP);
	S->tripped = 0;
	S->where_line = 0;
	S->busy = NULL;
	int slot = watchdog_enter(what, S->where, &S->where_line, &S->busy);
	int rc = lua_pcall(L, nargs, nres, base);
	watchdog_leave(slot);
	lua_remove(L, base);
	if (rc != LUA_OK) {
		script_report(S, rc, what);
		/* free what the failed call left, or the next call would
		 * start over the memory limit */
		lua_gc(L, LUA_GCCOLLECT);
		return -1;
	}
	return 0;
}

lua_State *script_L(struct script *S)
{
	return S->L;
}

void script_set_env(struct script *S)
{
	S->ref_Gro = luaL_ref(S->L, LUA_REGISTRYINDEX);
}

void script_set_context(struct script *S, const char *context)
{
	S->context = context;
}

int script_load_template(struct script *S, const char *name, const char *file,
			 const char *lua, size_t len, int quiet)
{
	lua_State *L = S->L;
	char *chunk = xasprintf("@%s", file);
	int rc = luaL_loadbufferx(L, lua, len, chunk, "t");
	free(chunk);
	if (rc != LUA_OK) {
		if (!quiet) {
			const char *msg = lua_tostring(L, -1);
			/* "file:line: message" */
			const char *colon = msg ? strstr(msg, ".html:") : NULL;
			int line = colon ? atoi(colon + 6) : 0;
			const char *text = colon ? strchr(colon + 6, ':') : NULL;
			diag_error(file, line, 0, "%s", text ? text + 2 : msg ? msg : "syntax error");
		}
		lua_pop(L, 1);
		return -1;
	}
	lua_rawgeti(L, LUA_REGISTRYINDEX, S->ref_templates);
	lua_insert(L, -2);
	lua_setfield(L, -2, name);
	lua_pop(L, 1);
	return 0;
}

/* ---- the site as Lua tables -------------------------------------- */

void script_push_meta(lua_State *L, const struct meta *m)
{
	/* a table per level (YAML nests up to 64 deep): Lua guarantees
	 * a C function only LUA_MINSTACK (20) free slots */
	luaL_checkstack(L, 3, "data nested too deep");
	switch (m->type) {
	case META_NULL: lua_pushnil(L); break;
	case META_BOOL: lua_pushboolean(L, m->u.b); break;
	case META_INT: lua_pushinteger(L, (lua_Integer)m->u.i); break;
	case META_FLOAT: lua_pushnumber(L, m->u.f); break;
	case META_STRING: lua_pushstring(L, m->text); break;
	case META_LIST:
		lua_createtable(L, (int)m->u.c.n, 0);
		for (size_t i = 0; i < m->u.c.n; i++) {
			script_push_meta(L, m->u.c.items[i]);
			lua_rawseti(L, -2, (lua_Integer)i + 1);
		}
		break;
	case META_MAP:
		lua_createtable(L, 0, (int)m->u.c.n);
		for (size_t i = 0; i < m->u.c.n; i++) {
			script_push_meta(L, m->u.c.items[i]);
			lua_setfield(L, -2, m->u.c.keys[i]);
		}
		break;
	}
}

static void script_setstr(lua_State *L, const char *k, const char *v)
{
	if (v == NULL)
		return;
	lua_pushstring(L, v);
	lua_setfield(L, -2, k);
}

/* Pushes the table made for a model object (created on first use,
 * with room for nfields). */
static void script_object_sized(struct script *S, const void *p, int nfields)
{
	lua_State *L = S->L;
	lua_rawgeti(L, LUA_REGISTRYINDEX, S->ref_objects);
	if (lua_rawgetp(L, -1, p) == LUA_TNIL) {
		lua_pop(L, 1);
		lua_createtable(L, 0, nfields);
		lua_pushvalue(L, -1);
		lua_rawsetp(L, -3, p);
	}
	lua_remove(L, -2);
}

static void script_object(struct script *S, const void *p)
{
	script_object_sized(S, p, 0);
}

int load_is_known_key(const char *k);

/* Pushes the read-only view of a model object's table. */
static void script_view(struct script *S, const void *p)
{
	script_object(S, p);
	script_proxy(S, -1);
	lua_remove(S->L, -2);
}

static void script_toc(lua_State *L, const struct page *p)
{
	lua_newtable(L);
	int n = 0;
	struct doc_node *root = p->doc->root;
	for (struct doc_node *h = root->first; h; h = h->next) {
		if (h->type != DOC_HEADING || h->u.heading.level < 2 || h->u.heading.level > 3)
			continue;	/* top-level headings only: not those in divs */
		struct buf b = {0};
		doc_text(h, &b);
		lua_createtable(L, 0, 3);
		lua_pushinteger(L, h->u.heading.level);
		lua_setfield(L, -2, "level");
		script_setstr(L, "id", h->u.heading.id);
		script_setstr(L, "title", b.p ? b.p : "");
		lua_rawseti(L, -2, ++n);
		buf_free(&b);
	}
	lua_setfield(L, -2, "toc");
}

static const char *script_level_names[] = {NULL, "basic", "applied"};

/* The fields script_page and script_neighbours give a page: its table
 * is made that big at once, where growing it key by key rehashed it
 * five times (the same size in the end: a power of two). */
static int script_page_fields(const struct page *p, const struct section *sec)
{
	const char *strs[] = {p->title, p->anchor, p->summary, p->id, p->slug, p->url,
			      p->source, script_level_names[p->level], p->reviewed};
	int n = 6;	/* kind, draft, params, tags, sizes, industries */
	for (size_t i = 0; i < sizeof strs / sizeof *strs; i++)
		n += strs[i] != NULL;
	return n + p->has_order + (sec != NULL) + (p->prev != NULL) + (p->next != NULL);
}

/* Fills the page's table; prev, next and term lists come later. */
static void script_page(struct script *S, const struct page *p, const struct section *sec)
{
	lua_State *L = S->L;
	script_object_sized(S, p, script_page_fields(p, sec));
	script_setstr(L, "kind", "page");
	script_setstr(L, "title", p->title);
	script_setstr(L, "anchor", p->anchor);
	script_setstr(L, "summary", p->summary);
	script_setstr(L, "id", p->id);
	script_setstr(L, "slug", p->slug);
	script_setstr(L, "url", p->url);
	script_setstr(L, "source", p->source);
	script_setstr(L, "level", script_level_names[p->level]);
	script_setstr(L, "reviewed", p->reviewed);
	lua_pushboolean(L, p->draft);
	lua_setfield(L, -2, "draft");
	if (p->has_order) {
		lua_pushinteger(L, p->order);
		lua_setfield(L, -2, "order");
	}
	if (sec) {
		script_object(S, sec);
		lua_setfield(L, -2, "section");
	}
	int nparams = 0;
	for (size_t i = 0; i < p->fm->u.c.n; i++)
		nparams += !load_is_known_key(p->fm->u.c.keys[i]);
	if (nparams == 0)
		lua_rawgeti(L, LUA_REGISTRYINDEX, S->ref_empty);
	else
		lua_createtable(L, 0, nparams);
	for (size_t i = 0; nparams && i < p->fm->u.c.n; i++) {
		if (load_is_known_key(p->fm->u.c.keys[i]))
			continue;
		script_push_meta(L, p->fm->u.c.items[i]);
		lua_setfield(L, -2, p->fm->u.c.keys[i]);
	}
	lua_setfield(L, -2, "params");
	static const char *lists[] = {"tags", "sizes", "industries"};
	for (size_t t = 0; t < sizeof lists / sizeof *lists; t++) {
		/* shared until script_terms adds a term to it */
		lua_rawgeti(L, LUA_REGISTRYINDEX, S->ref_empty);
		lua_setfield(L, -2, lists[t]);
	}
	lua_pop(L, 1);
}

static int script_is_empty(struct script *S, int idx)
{
	lua_State *L = S->L;
	idx = lua_absindex(L, idx);
	lua_rawgeti(L, LUA_REGISTRYINDEX, S->ref_empty);
	int same = lua_rawequal(L, -1, idx);
	lua_pop(L, 1);
	return same;
}

static void script_pagelist(struct script *S, struct page *const *pages, size_t n)
{
	lua_createtable(S->L, (int)n, 0);
	for (size_t i = 0; i < n; i++) {
		script_object(S, pages[i]);
		lua_rawseti(S->L, -2, (lua_Integer)i + 1);
	}
}

/* A section's table: its fields, its pages and subsections, its parent. */
static void script_section(struct script *S, const struct section *sec)
{
	lua_State *L = S->L;
	script_object(S, sec);
	script_setstr(L, "kind", "section");
	script_setstr(L, "name", sec->name);
	script_setstr(L, "title", sec->title);
	script_setstr(L, "summary", sec->index ? sec->index->summary : NULL);
	script_setstr(L, "url", sec->url);
	lua_pushinteger(L, sec->depth + 1);
	lua_setfield(L, -2, "level");
	if (sec->index && sec->index->has_order) {
		lua_pushinteger(L, sec->index->order);
		lua_setfield(L, -2, "order");
	}
	if (sec->parent) {
		script_object(S, sec->parent);
		lua_setfield(L, -2, "parent");
	}
	script_pagelist(S, sec->pages, sec->npages);
	lua_setfield(L, -2, "pages");
	lua_createtable(L, (int)sec->nchildren, 0);
	for (size_t k = 0; k < sec->nchildren; k++) {
		script_object(S, sec->children[k]);
		lua_rawseti(L, -2, (lua_Integer)k + 1);
	}
	lua_setfield(L, -2, "sections");
	lua_createtable(L, (int)sec->nentries, 0);
	for (size_t k = 0; k < sec->nentries; k++) {
		const struct section_entry *e = &sec->entries[k];
		script_object(S, e->page ? (const void *)e->page : (const void *)e->section);
		lua_rawseti(L, -2, (lua_Integer)k + 1);
	}
	lua_setfield(L, -2, "entries");
	lua_pop(L, 1);
}

/* site.sections: the top-level sections (each holding its subsections);
 * site.pages: every page but the landing pages, in reading order. */
static void script_sections(struct script *S, const struct site *s)
{
	lua_State *L = S->L;
	for (size_t i = 0; i < s->nlisted; i++)
		script_page(S, s->listed[i], s->listed[i]->sec);
	for (size_t i = 0; i < s->nsections; i++) {
		if (s->sections[i].index)	/* nav: may make it a previous or next page */
			script_page(S, s->sections[i].index, &s->sections[i]);
		script_section(S, &s->sections[i]);
	}
	if (s->home)
		script_page(S, s->home, NULL);
	lua_newtable(L);
	lua_Integer n = 0;
	for (size_t i = 0; i < s->nsections; i++) {
		if (s->sections[i].parent)
			continue;
		script_object(S, &s->sections[i]);
		lua_rawseti(L, -2, ++n);
	}
	lua_setfield(L, -2, "sections");
	script_pagelist(S, s->listed, s->nlisted);
	lua_setfield(L, -2, "pages");
}

static void script_neighbours(struct script *S, const struct site *s)
{
	lua_State *L = S->L;
	for (size_t i = 0; i < s->nlisted; i++) {
		const struct page *p = s->listed[i];
		script_object(S, p);
		if (p->prev) {
			script_object(S, p->prev);
			lua_setfield(L, -2, "prev");
		}
		if (p->next) {
			script_object(S, p->next);
			lua_setfield(L, -2, "next");
		}
		lua_pop(L, 1);
	}
}

static int script_names(const struct page *p, const char *key, const char *name)
{
	struct meta *v = meta_get(p->fm, key);
	for (size_t i = 0; v && v->type == META_LIST && i < v->u.c.n; i++) {
		const char *s = meta_str(v->u.c.items[i]);
		if (s && strcmp(s, name) == 0)
			return 1;
	}
	return 0;
}

static void script_terms(struct script *S, const struct site *s)
{
	lua_State *L = S->L;
	lua_createtable(L, TAX__COUNT, 0);
	for (int t = 0; t < TAX__COUNT; t++) {
		const struct taxonomy *tax = &s->tax[t];
		/* tags (and sizes and industries without profiles.yaml) list
		 * exactly the pages that name them (passes/organize): no
		 * search of each page's names, which one page with 200,000
		 * tags made quadratic */
		int named = t == TAX_TAGS || (t != TAX_PROFILES && !s->profiles.present);
		script_object(S, tax);
		script_setstr(L, "name", tax->name);
		script_setstr(L, "title", tax->title);
		lua_pushfstring(L, "%s/index.html", tax->name);
		lua_setfield(L, -2, "url");
		lua_createtable(L, (int)tax->nterms, 0);
		for (size_t i = 0; i < tax->nterms; i++) {
			const struct term *term = &tax->terms[i];
			script_object(S, term);
			script_setstr(L, "name", term->name);
			script_setstr(L, "title", term->title);
			script_setstr(L, "description", term->description);
			script_setstr(L, "url", term->url);
			script_pagelist(S, term->pages, term->npages);
			lua_setfield(L, -2, "pages");
			if (term->size) {
				script_setstr(L, "size", term->size->id);
				script_setstr(L, "industry", term->industry->id);
			}
			for (size_t j = 0; j < term->npages; j++) {
				/* page.tags, page.sizes, page.industries: what the page names */
				if (t == TAX_PROFILES ||
				    (!named && !script_names(term->pages[j], tax->key, term->name)))
					continue;
				script_object(S, term->pages[j]);
				lua_getfield(L, -1, tax->name);
				if (script_is_empty(S, -1)) {
					lua_pop(L, 1);
					lua_newtable(L);
					lua_pushvalue(L, -1);
					lua_setfield(L, -3, tax->name);
				}
				lua_pushvalue(L, -3);
				lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
				lua_pop(L, 2);
			}
			lua_rawseti(L, -2, (lua_Integer)i + 1);
		}
		lua_setfield(L, -2, "terms");
		lua_rawseti(L, -2, t + 1);
	}
	lua_setfield(L, -2, "taxonomies");
}

/* page.nav_pos: the page's place in the first list of site.nav that
 * holds it, so that the sidebar finds it there without a scan (a
 * scan per page of a 3,000-page section is quadratic). */
static void script_nav_pos(lua_State *L, lua_Integer pos)
{
	lua_pushliteral(L, "nav_pos");
	if (lua_rawget(L, -2) == LUA_TNIL) {
		lua_pushliteral(L, "nav_pos");
		lua_pushinteger(L, pos);
		lua_rawset(L, -4);
	}
	lua_pop(L, 1);
}

/* site.nav: the navigation tree (passes/nav): items {title, url, page,
 * section, items, external}. */
static void script_nav(struct script *S, const struct nav_item *items, size_t n)
{
	lua_State *L = S->L;
	lua_createtable(L, (int)n, 0);
	for (size_t i = 0; i < n; i++) {
		const struct nav_item *it = &items[i];
		lua_createtable(L, 0, 6);
		script_setstr(L, "title", it->title);
		script_setstr(L, "url", it->href);
		if (it->url) {
			lua_pushboolean(L, 1);
			lua_setfield(L, -2, "external");
		}
		if (it->page) {
			script_object(S, it->page);
			script_nav_pos(L, (lua_Integer)i + 1);
			lua_setfield(L, -2, "page");
		}
		if (it->section) {
			script_object(S, it->section);
			lua_setfield(L, -2, "section");
		}
		if (it->nitems) {
			script_nav(S, it->items, it->nitems);
			lua_setfield(L, -2, "items");
		}
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
}

/* site.menu: menu: as written; else nav:'s top items. */
static void script_menu(struct script *S, const struct site *s)
{
	lua_State *L = S->L;
	struct meta *menu = meta_get(s->config, "menu");
	if (menu && menu->type == META_LIST) {
		script_push_meta(L, menu);
	} else if (s->nav_given) {
		lua_createtable(L, (int)s->nnav, 0);
		for (size_t i = 0; i < s->nnav; i++) {
			lua_createtable(L, 0, 2);
			script_setstr(L, "title", s->nav[i].title);
			script_setstr(L, "url", s->nav[i].href);
			lua_rawseti(L, -2, (lua_Integer)i + 1);
		}
	} else {
		lua_newtable(L);
	}
	lua_setfield(L, -2, "menu");
	script_nav(S, s->nav, s->nnav);
	lua_setfield(L, -2, "nav");
}

/* site.profiles: the declared sizes and industries, for the profile
 * selector and for templates (empty lists without profiles.yaml). */
static void script_profiles(lua_State *L, const struct site *s)
{
	static const char *names[AXIS__COUNT][2] = {
		[AXIS_SIZE] = {"sizes", "sizes"}, [AXIS_INDUSTRY] = {"industries", "industries"}};
	lua_createtable(L, 0, AXIS__COUNT);
	for (int a = 0; a < AXIS__COUNT; a++) {
		const struct profile_axis *ax = &s->profiles.axis[a];
		lua_createtable(L, (int)ax->n, 0);
		for (size_t i = 0; i < ax->n; i++) {
			lua_createtable(L, 0, 4);
			script_setstr(L, "id", ax->v[i].id);
			script_setstr(L, "label", ax->v[i].label);
			script_setstr(L, "description", ax->v[i].description);
			lua_pushfstring(L, "%s/%s.html", names[a][1], ax->v[i].id);
			lua_setfield(L, -2, "url");
			lua_rawseti(L, -2, (lua_Integer)i + 1);
		}
		lua_setfield(L, -2, names[a][0]);
	}
	lua_setfield(L, -2, "profiles");
}

/* The PDFs written by this build (site-root URLs: the site carries a
 * copy in pdf/), for the downloads page. */
static void script_publications(lua_State *L, const struct site *s)
{
	static const char *kinds[] = {"book", "handout", "report"};
	lua_newtable(L);
	lua_Integer n = 0;
	for (size_t i = 0; i < s->npubs; i++) {
		const struct publication *p = &s->pubs[i];
		if (p->size <= 0)
			continue;	/* not built (--only site, no earlier PDF) */
		lua_newtable(L);
		script_setstr(L, "id", p->id);
		script_setstr(L, "title", p->title);
		script_setstr(L, "subtitle", p->subtitle);
		script_setstr(L, "author", p->author);
		script_setstr(L, "kind", kinds[p->kind]);
		lua_pushfstring(L, "pdf/%s.pdf", p->id);
		lua_setfield(L, -2, "url");
		lua_pushinteger(L, (lua_Integer)p->size);
		lua_setfield(L, -2, "size");
		if (p->pages > 0) {
			lua_pushinteger(L, p->pages);
			lua_setfield(L, -2, "pages");
		}
		/* a tailored one: which cell it is for */
		script_setstr(L, "group", p->group);
		script_setstr(L, "audience", p->audience);
		if (p->variant.value[AXIS_INDUSTRY])
			script_setstr(L, "industry", p->variant.value[AXIS_INDUSTRY]->id);
		if (p->variant.value[AXIS_SIZE])
			script_setstr(L, "size", p->variant.value[AXIS_SIZE]->id);
		lua_rawseti(L, -2, ++n);
	}
	for (size_t i = 0; s->checklists && i < s->checklists->n; i++) {
		const struct checklist *cl = &s->checklists->v[i];
		if (cl->pdf == NULL || cl->broken || cl->size <= 0)
			continue;	/* no fillable sheet, or not written by this build */
		lua_newtable(L);
		script_setstr(L, "id", cl->name);
		script_setstr(L, "title", cl->title);
		script_setstr(L, "subtitle", cl->subtitle);
		script_setstr(L, "kind", "checklist");
		lua_pushfstring(L, "pdf/%s", cl->pdf);
		lua_setfield(L, -2, "url");
		lua_pushinteger(L, (lua_Integer)cl->size);
		lua_setfield(L, -2, "size");
		lua_rawseti(L, -2, ++n);
	}
	lua_setfield(L, -2, "publications");
}

static int script_build_site(lua_State *L)
{
	struct script *S = script_of(L);
	const struct site *s = lua_touserdata(L, 1);
	const char *version = lua_tostring(L, 2);
	lua_rawgeti(L, LUA_REGISTRYINDEX, S->ref_G);
	lua_newtable(L);
	static const char *keys[] = {"title", "description", "base_url", "language", "copyright", NULL};
	for (int i = 0; keys[i]; i++)
		script_setstr(L, keys[i], site_config_str(s, keys[i], i == 3 ? "ja" : ""));
	script_push_meta(L, s->config);
	lua_setfield(L, -2, "params");
	script_push_meta(L, s->data);
	lua_setfield(L, -2, "data");
	script_setstr(L, "version", version);
	script_profiles(L, s);
	script_sections(S, s);
	script_menu(S, s);
	script_neighbours(S, s);
	script_terms(S, s);
	script_publications(L, s);
	lua_setfield(L, -2, "site");
	/* from here on scripts see only read-only views */
	lua_pushcfunction(L, script_freeze);
	lua_insert(L, -2);
	lua_call(L, 1, 1);
	lua_getfield(L, -1, "string");
	lua_pushliteral(L, "");
	lua_getmetatable(L, -1);
	lua_pushvalue(L, -3);
	lua_setfield(L, -2, "__index");	/* ("x"):upper() uses the view too */
	lua_pop(L, 3);
	S->ref_Gro = luaL_ref(L, LUA_REGISTRYINDEX);
	return 0;
}

int script_set_site(struct script *S, const struct site *site, const char *version)
{
	lua_State *L = S->L;
	/* The site's tables are all kept: collecting while they are made
	 * only goes over them again and again. One full collection after
	 * makes them all old at once, which the generational collector
	 * then leaves alone (the peak memory of a 10,000-page minimal
	 * build fell from 196 to 177 MB). */
	lua_gc(L, LUA_GCSTOP);
	lua_pushcfunction(L, script_build_site);
	lua_pushlightuserdata(L, (void *)site);
	lua_pushstring(L, version);
	int rc = script_pcall(S, 2, 0, "site.yaml");
	lua_gc(L, LUA_GCRESTART);
	lua_gc(L, LUA_GCCOLLECT);
	return rc;
}

/* The `page` of output pages that have no page of their own. */
static void script_virtual_page(struct script *S, const struct script_req *r)
{
	lua_State *L = S->L;
	static const char *kinds[] = {"home", "section", "page", "taxonomy",
				      "term", "downloads", "404", "checklist", "search"};
	lua_newtable(L);
	script_setstr(L, "kind", kinds[r->kind]);
	script_setstr(L, "url", r->url);
	script_setstr(L, "title", r->title);
	if (r->page) {	/* the home page's or a section's _index.md */
		script_setstr(L, "summary", r->page->summary);
		script_setstr(L, "anchor", r->page->anchor);
		if (r->page->prev) {	/* nav: lists it */
			script_view(S, r->page->prev);
			lua_setfield(L, -2, "prev");
		}
		if (r->page->next) {
			script_view(S, r->page->next);
			lua_setfield(L, -2, "next");
		}
		script_setstr(L, "source", r->page->source);
	}
	if (r->section) {
		script_view(S, r->section);
		lua_getfield(L, -1, "pages");
		lua_setfield(L, -3, "pages");
		lua_getfield(L, -1, "summary");
		lua_setfield(L, -3, "summary");
		lua_setfield(L, -2, "section");
	}
	if (r->taxonomy) {
		script_view(S, r->taxonomy);
		lua_setfield(L, -2, "taxonomy");
	}
	if (r->term) {
		script_view(S, r->term);
		lua_getfield(L, -1, "pages");
		lua_setfield(L, -3, "pages");
		lua_setfield(L, -2, "term");
	}
	if (r->checklist) {
		script_push_meta(L, r->checklist);
		lua_setfield(L, -2, "checklist");
	}
	if (r->kind == SCRIPT_HOME) {
		lua_rawgeti(L, LUA_REGISTRYINDEX, S->ref_Gro);
		lua_getfield(L, -1, "site");
		lua_getfield(L, -1, "pages");
		lua_setfield(L, -4, "pages");
		lua_pop(L, 2);
	}
}

int script_render(struct script *S, const struct script_req *r, struct buf *out)
{
	lua_State *L = S->L;
	int top = lua_gettop(L);
	lua_rawgeti(L, LUA_REGISTRYINDEX, S->ref_render);
	lua_pushstring(L, r->template);
	if (r->kind == SCRIPT_PAGE && r->page)
		script_object(S, r->page);	/* the real table: we add the body */
	else
		script_virtual_page(S, r);
	int real = lua_gettop(L);
	if (r->content) {
		lua_pushstring(L, r->content);
		lua_setfield(L, real, "content");
	}
	if (r->page && r->page->doc)
		script_toc(L, r->page);	/* only the current page needs one */
	else {
		lua_rawgeti(L, LUA_REGISTRYINDEX, S->ref_empty);
		lua_setfield(L, real, "toc");
	}
	lua_pushvalue(L, real);
	lua_insert(L, top + 1);	/* kept below the call, to clear it after */
	int page_index = top + 1;
	if (r->kind == SCRIPT_PAGE && r->page) {
		script_proxy(S, -1);	/* the template sees the view */
		lua_remove(L, -2);
	}
	struct buf root = {0};
	for (const char *c = r->url; *c; c++)
		if (*c == '/')
			buf_adds(&root, "../");
	lua_pushstring(L, root.p ? root.p : "");
	buf_free(&root);
	lua_rawgeti(L, LUA_REGISTRYINDEX, S->ref_Gro);
	S->page = r->url;
	int rc = script_pcall(S, 4, 1, r->template_file ? r->template_file : r->template);
	S->page = NULL;
	if (rc == 0) {
		size_t n;
		const char *s = lua_tolstring(L, -1, &n);
		if (s)
			buf_add(out, s, n);
		lua_pop(L, 1);
	}
	/* the body of one page is not kept for the next */
	lua_pushnil(L);
	lua_setfield(L, page_index, "content");
	lua_pushnil(L);
	lua_setfield(L, page_index, "toc");
	lua_settop(L, top);
	return rc;
}
