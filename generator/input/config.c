/* config: one table of what each known key must be; every other key
 * is the project's own (site.params.KEY) and is left alone. */
#include "config.h"

#include <string.h>

#include "../base/buf.h"
#include "../base/diag.h"
#include "../model/meta.h"
#include "../model/site.h"

/* The limits and the range each must be in: a value past the top
 * wrapped around (memory_mb: 17592186044416 became 0 bytes, seconds:
 * 4294967296 became 0, which turned the watchdog off). */
static const struct config_limit {
	const char *key;
	long long min, max;
} config_limits[] = {
	{"instructions", 1000, 1000000000000LL},	/* 10^12: hours of Lua */
	{"memory_mb", 8, 1048576},		/* 8 MB to 1 TB */
	{"seconds", 1, 86400},			/* a day */
};

static void config_want_text(const struct meta *m, const char *key)
{
	if (m && (m->type == META_LIST || m->type == META_MAP))
		meta_error(m, "'%s' must be text, not a %s", key, meta_type_name(m->type));
}

static void config_limits_check(struct site *s, const struct meta *lim)
{
	if (lim == NULL)
		return;
	if (lim->type != META_MAP) {
		meta_error(lim, "'limits' must be a mapping such as {instructions: 50000000, memory_mb: 256, seconds: 10}");
		return;
	}
	long long *to[] = {&s->limits.instructions, &s->limits.memory_mb, &s->limits.seconds};
	for (size_t i = 0; i < lim->u.c.n; i++) {
		const struct meta *v = lim->u.c.items[i];
		size_t k = 0;
		while (k < 3 && strcmp(config_limits[k].key, lim->u.c.keys[i]) != 0)
			k++;
		if (k == 3) {
			meta_error(v, "unknown limit '%s' (known: instructions, memory_mb, seconds)",
				   lim->u.c.keys[i]);
			continue;
		}
		const struct config_limit *c = &config_limits[k];
		if (v->type != META_INT || v->u.i < c->min || v->u.i > c->max) {
			meta_error(v, "limits.%s must be a whole number from %lld to %lld, not '%s'",
				   c->key, c->min, c->max, v->text ? v->text : meta_type_name(v->type));
			continue;
		}
		*to[k] = v->u.i;
	}
}

/* menu: a list of {title, url}; the theme's templates rely on it. */
static int config_menu_check(const struct meta *menu)
{
	if (menu == NULL || menu->type == META_NULL)
		return 0;
	if (menu->type != META_LIST) {
		meta_error(menu, "'menu' must be a list of {title: …, url: …}");
		return -1;
	}
	int bad = 0;
	for (size_t i = 0; i < menu->u.c.n; i++) {
		const struct meta *it = menu->u.c.items[i];
		const struct meta *title = meta_get(it, "title"), *url = meta_get(it, "url");
		if (it->type != META_MAP || !meta_str(title) || !meta_str(url)) {
			meta_error(it, "a menu item is {title: …, url: …} (both text), such as {title: レッスン, url: lessons/index.html}");
			bad = -1;
		}
	}
	return bad;
}

void config_check(struct site *s)
{
	struct meta *c = s->config;
	static const char *const text[] = {"title", "description", "base_url",
					   "language", "copyright", NULL};
	for (int i = 0; text[i]; i++)	/* theme: model/theme checks it */
		config_want_text(meta_get(c, text[i]), text[i]);
	struct meta *md = meta_get(c, "markdown");
	if (md && md->type != META_MAP)
		meta_error(md, "'markdown' must be a mapping such as {unsafe: false}");
	for (size_t i = 0; md && md->type == META_MAP && i < md->u.c.n; i++) {
		/* slugs: passes/slug checks its value */
		if (strcmp(md->u.c.keys[i], "unsafe") && strcmp(md->u.c.keys[i], "slugs"))
			meta_error(md->u.c.items[i], "unknown key 'markdown.%s' (known: unsafe, slugs)",
				   md->u.c.keys[i]);
		else if (!strcmp(md->u.c.keys[i], "unsafe") && md->u.c.items[i]->type != META_BOOL)
			meta_error(md->u.c.items[i], "'markdown.unsafe' must be true or false");
	}
	config_limits_check(s, meta_get(c, "limits"));
	if (config_menu_check(meta_get(c, "menu")) < 0)	/* none rather than a broken one */
		meta_set(c, "menu", meta_new(META_LIST, "site.yaml", 0, 0));
}
