/* filterint: what filter.c (states, runs, hooks) and host.c (the
 * tebiki library written in C) share. Internal to script/. */
#ifndef TEBIKI_FILTERINT_H
#define TEBIKI_FILTERINT_H
#include <pthread.h>
#include <stddef.h>

#include "lua.h"
#include "luadoc.h"

struct ffile {
	char *path;		/* "lua/filters/x.lua": chunk name, diagnostics */
	char *text;
	size_t len;
};

struct filters {
	const struct site *site;
	struct ffile *files;
	size_t n;
	struct script_limits lim;
	int broken;		/* a file could not be read or compiled */
	pthread_mutex_t lock;
	struct fstate *idle;	/* states no call is using */
	struct fstate *all;	/* every state, freed at the end */
};

/* One sandboxed Lua state with the filters compiled in it. */
struct fstate {
	struct filters *f;
	struct script *S;
	lua_State *L;
	int ref_chunks;		/* file index + 1 → compiled chunk */
	int ref_envmt;		/* metatable of a run's environment */
	int ref_tebmt;		/* metatable of a run's tebiki table */
	int ref_mts;		/* the prelude's metatables */
	int ref_data;		/* site.data, read-only (made on first use) */
	int ref_modules;	/* lua/lib module name → compiled chunk */
	int ref_pagemt;		/* fills tebiki.page when first read */
	struct frun *run;	/* the run in progress */
	struct fstate *next_idle, *next_all;
};

enum fl_hook { FL_FILTER, FL_ON_SITE, FL_AFTER_BUILD };

struct fl_output {
	char *path;		/* "site/index.html" */
	long long size;
};

/* One filter file run over one page (or for one hook). Anything a Lua
 * error could leave allocated is kept in pending_* and freed after. */
struct frun {
	struct fstate *st;
	size_t file;
	enum fl_hook hook;
	struct doc *doc;		/* NULL in hooks */
	struct page *page;		/* the site pass: Meta may change it */
	const struct page *cpage;	/* the page, read */
	const struct variant *v;
	const char *format;
	struct site *site;		/* on_site: where add_page adds */
	const struct fl_output *outputs;	/* after_build */
	size_t noutputs;
	int changed;
	int loading;			/* the chunk is running (tebiki.block) */
	int pos;			/* stack index of the run's position table */
	char context[300];		/* "while filtering content/…" */
	struct meta *pending_meta;
	struct doc *pending_doc;
	struct page *pending_page;
	char *pending_buf;
};

/* Registry keys of the run in progress: its environment, the blocks
 * tebiki.block registered, the modules require loaded. */
extern char fl_key_env, fl_key_blocks, fl_key_loaded;

/* The run of the state L belongs to. */
struct frun *fl_run_of(lua_State *L);
/* Pushes the four metatables and fills c to make elements for d
 * (pos: the run's position table, or 0). */
void fl_ld(struct frun *r, struct ld *c, struct doc *d, int pos);
/* Pushes the blocks Markdown text makes (tebiki.read); diagnostics
 * name file and count lines from line. */
void fl_push_markdown(struct frun *r, const char *text, size_t len,
		      const char *file, int line);
/* The Lua value at idx as a front-matter value; where equal to orig,
 * a copy of orig (keeping its place for diagnostics). */
struct meta *fl_to_meta(struct frun *r, int idx, const struct meta *orig,
			const char *file, int line, int depth);
/* Pushes a page as a plain table (source, title, meta, …). */
void fl_push_page(lua_State *L, const struct page *p);
/* The project file at path (project-relative, checked to stay inside
 * the project, symbolic links included), read whole. NULL with *err
 * set if it cannot be; *outside says the path leaves the project. */
char *fl_read_project(struct filters *f, const char *path, size_t *len,
		      const char **err, int *outside);
/* Raises "file:line: message" for the file r runs. */
int fl_error(struct frun *r, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* host.c: the tebiki functions written in C, print and require. */
void host_register(lua_State *L, int lib, int globals);
/* The frozen site.data, pushed. */
void host_push_data(struct fstate *st);

#endif
