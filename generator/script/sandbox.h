/* sandbox: what the files of script/ share about the sandboxed Lua
 * state of script/lua.c (the allocator with its memory cap, the count
 * hook, the safe globals, read-only views, error reports with file,
 * line and traceback). Internal to script/: it includes <lua.h>. */
#ifndef TEBIKI_SANDBOX_H
#define TEBIKI_SANDBOX_H
#include <lua.h>

struct meta;
struct script;

lua_State *script_L(struct script *S);
/* Pushes a new table of the sandbox's globals: safe functions only. */
void script_globals(lua_State *L);
/* A lua_CFunction: freezes the table at index 1 (every table reachable
 * from it becomes a read-only proxy) and returns its proxy. */
int script_freeze(lua_State *L);
/* Pushes a YAML-independent value as plain Lua values. */
void script_push_meta(lua_State *L, const struct meta *m);
/* lua_pcall with the instruction budget reset, the watchdog, and any
 * error reported as "file:line: message" with a traceback (what names
 * the script when the error has no position). Returns 0 or -1. */
int script_pcall(struct script *S, int nargs, int nres, const char *what);
/* Pops a table: what load() uses when given no environment. */
void script_set_env(struct script *S);
/* A line added to every error report until cleared (NULL), such as
 * "while filtering content/lessons/a.md". */
void script_set_context(struct script *S, const char *context);

#endif
