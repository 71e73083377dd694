/* host: the parts of the tebiki library written in C (docs/lua.md):
 * tebiki.read, data, read_file, block, log, and the sandbox's print
 * and require. Everything a script can reach is inside the project:
 * paths are normalised and checked after symbolic links, and require
 * loads Lua text from lua/lib/ only. */
#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

#include "../base/diag.h"
#include "../model/site.h"
#include "filterint.h"
#include "sandbox.h"

static struct frun *host_run(lua_State *L)
{
	struct frun *r = fl_run_of(L);
	if (r == NULL)
		luaL_error(L, "tebiki's functions work only while a filter runs");
	return r;
}

/* The script's file and line that called the running C function. */
static const char *host_where(lua_State *L, int *line)
{
	lua_Debug ar;
	for (int level = 1; lua_getstack(L, level, &ar); level++) {
		lua_getinfo(L, "Sl", &ar);
		if (ar.source[0] == '@' && ar.currentline > 0) {
			*line = ar.currentline;
			return ar.source + 1;
		}
	}
	*line = 0;
	return NULL;
}

/* tebiki.read(markdown): the blocks tebiki makes of the text. */
static int host_read(lua_State *L)
{
	struct frun *r = host_run(L);
	size_t n;
	const char *s = luaL_checklstring(L, 1, &n);
	int line;
	const char *file = host_where(L, &line);
	fl_push_markdown(r, s, n, file ? file : r->st->f->files[r->file].path, line);
	return 1;
}

void host_push_data(struct fstate *st)
{
	lua_State *L = st->L;
	if (st->ref_data == LUA_NOREF) {
		/* once per state, read-only: every page of the state sees it */
		lua_pushcfunction(L, script_freeze);
		script_push_meta(L, st->f->site->data);
		lua_call(L, 1, 1);
		st->ref_data = luaL_ref(L, LUA_REGISTRYINDEX);
	}
	lua_rawgeti(L, LUA_REGISTRYINDEX, st->ref_data);
}

/* tebiki.data(name): content/data/NAME.yaml, read-only; nil if none. */
static int host_data(lua_State *L)
{
	struct frun *r = host_run(L);
	const char *name = luaL_checkstring(L, 1);
	host_push_data(r->st);
	lua_getfield(L, -1, name);
	return 1;
}

/* tebiki.read_file(path): a project file's text; nil and a message
 * when it cannot be read; an error when the path leaves the project. */
static int host_read_file(lua_State *L)
{
	struct frun *r = host_run(L);
	const char *path = luaL_checkstring(L, 1);
	size_t len;
	const char *err;
	int outside;
	char *text = fl_read_project(r->st->f, path, &len, &err, &outside);
	if (text == NULL && outside)
		return luaL_error(L, "tebiki.read_file('%s'): %s", path, err);
	if (text == NULL) {
		lua_pushnil(L);
		lua_pushfstring(L, "%s: %s", path, err);
		return 2;
	}
	r->pending_buf = text;	/* freed even if the copy fails */
	lua_pushlstring(L, text, len);
	r->pending_buf = NULL;
	free(text);
	return 1;
}

static int host_is_name(const char *s, int dots)
{
	if (*s == '\0' || *s == '.')
		return 0;
	for (; *s; s++) {
		int ok = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
			 (*s >= '0' && *s <= '9') || *s == '_' || *s == '-' ||
			 (dots && *s == '.' && s[1] != '.' && s[1] != '\0');
		if (!ok)
			return 0;
	}
	return 1;
}

/* tebiki.block(name, fn): fenced ```name blocks are given to fn. */
static int host_block(lua_State *L)
{
	struct frun *r = host_run(L);
	const char *name = luaL_checkstring(L, 1);
	luaL_checktype(L, 2, LUA_TFUNCTION);
	if (!r->loading)
		return luaL_error(L, "tebiki.block: call it when the file is loaded (at its top level), not from a filter function");
	if (!host_is_name(name, 0))
		return luaL_error(L, "tebiki.block: '%s' is not a block name (letters, digits, '-', '_')", name);
	if (!strcmp(name, "chart") || !strcmp(name, "table") || !strcmp(name, "checklist"))
		return luaL_error(L, "tebiki.block: ```%s is tebiki's own block", name);
	lua_rawgetp(L, LUA_REGISTRYINDEX, &fl_key_blocks);
	lua_pushvalue(L, 2);
	lua_setfield(L, -2, name);
	return 0;
}

/* The arguments as one message, joined by sep. */
static const char *host_message(lua_State *L, const char *sep)
{
	int n = lua_gettop(L);
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	for (int i = 1; i <= n; i++) {
		if (i > 1)
			luaL_addstring(&b, sep);
		luaL_tolstring(L, i, NULL);
		luaL_addvalue(&b);
	}
	luaL_pushresult(&b);
	return lua_tostring(L, -1);
}

/* tebiki.log.info/warning/error(...), and print: a diagnostic at the
 * script's line; an error fails the build. */
static int host_log(lua_State *L)
{
	enum diag_level level = (enum diag_level)lua_tointeger(L, lua_upvalueindex(1));
	const char *msg = host_message(L, level == DIAG_NOTE && lua_toboolean(L, lua_upvalueindex(2))
				       ? "\t" : " ");
	int line;
	const char *file = host_where(L, &line);
	diag(level, file, line, 0, "%s", msg);
	return 0;
}

/* require(name): lua/lib/NAME.lua (dots are folders), run once per
 * filter run in the environment of the file that asked. */
static int host_require(lua_State *L)
{
	struct frun *r = host_run(L);
	const char *name = luaL_checkstring(L, 1);
	lua_settop(L, 1);
	if (!host_is_name(name, 1))
		return luaL_error(L, "module '%s' not found: require loads only lua/lib/*.lua", name);
	lua_rawgetp(L, LUA_REGISTRYINDEX, &fl_key_loaded);	/* 2 */
	if (lua_getfield(L, 2, name) != LUA_TNIL) {
		if (lua_islightuserdata(L, -1))
			return luaL_error(L, "module '%s' requires itself", name);
		return 1;
	}
	lua_pop(L, 1);
	lua_rawgeti(L, LUA_REGISTRYINDEX, r->st->ref_modules);	/* 3 */
	if (lua_getfield(L, 3, name) != LUA_TFUNCTION) {
		lua_pop(L, 1);
		luaL_Buffer b;	/* the path in Lua's memory: an error leaks nothing */
		luaL_buffinit(L, &b);
		luaL_addstring(&b, "lua/lib/");
		for (const char *c = name; *c; c++)
			luaL_addchar(&b, *c == '.' ? '/' : *c);
		luaL_addstring(&b, ".lua");
		luaL_pushresult(&b);
		const char *path = lua_tostring(L, 4);
		size_t len;
		const char *err;
		int outside;
		char *text = fl_read_project(r->st->f, path, &len, &err, &outside);
		r->pending_buf = text;	/* freed by the run if the next lines fail */
		if (text == NULL)
			return luaL_error(L, "module '%s' not found: %s: %s (require loads only lua/lib/*.lua)",
					  name, path, err);
		lua_pushfstring(L, "@%s", path);
		int rc = luaL_loadbufferx(L, text, len, lua_tostring(L, -1), "t");
		r->pending_buf = NULL;
		free(text);
		if (rc != LUA_OK)
			return lua_error(L);
		lua_pushvalue(L, -1);
		lua_setfield(L, 3, name);	/* compiled once per state */
	}
	lua_pushlightuserdata(L, &fl_key_loaded);	/* loading: catches cycles */
	lua_setfield(L, 2, name);
	lua_rawgetp(L, LUA_REGISTRYINDEX, &fl_key_env);
	lua_setupvalue(L, -2, 1);
	lua_pushvalue(L, 1);
	lua_call(L, 1, 1);
	if (lua_isnil(L, -1)) {
		lua_pop(L, 1);
		lua_pushboolean(L, 1);
	}
	lua_pushvalue(L, -1);
	lua_setfield(L, 2, name);
	return 1;
}

void host_register(lua_State *L, int lib, int globals)
{
	static const luaL_Reg fns[] = {
		{"read", host_read}, {"data", host_data}, {"read_file", host_read_file},
		{"block", host_block}, {NULL, NULL}};
	luaL_setfuncs(L, fns, 0);	/* into lib, on top */
	(void)lib;
	lua_createtable(L, 0, 3);
	static const char *names[] = {"info", "warning", "error"};
	static const enum diag_level levels[] = {DIAG_NOTE, DIAG_WARNING, DIAG_ERROR};
	for (int i = 0; i < 3; i++) {
		lua_pushinteger(L, levels[i]);
		lua_pushboolean(L, 0);
		lua_pushcclosure(L, host_log, 2);
		lua_setfield(L, -2, names[i]);
	}
	lua_setfield(L, -2, "log");
	lua_pushinteger(L, DIAG_NOTE);
	lua_pushboolean(L, 1);	/* print: tabs between, as Lua's */
	lua_pushcclosure(L, host_log, 2);
	lua_setfield(L, globals, "print");
	lua_pushcfunction(L, host_require);
	lua_setfield(L, globals, "require");
}
